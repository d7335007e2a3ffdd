// Lives through simulated time on the rehearsal's local chain: moves the clock forward over RPC in stops (after
// every expiry, at most a week at a time), waiting after each for the running pusher's fresh rounds and giving
// the keeper a few seconds to act. Needs the rehearsal running (npm run rehearsal).
//   npm run rehearsal:advance -- --days 7 [--dir out/rehearsal] [--settle-seconds 5]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { advanceChain } from "./advanceChain.js";
import { REHEARSAL_DIR } from "./localhost.js";
import type { RehearsalInfo } from "./run.js";

const { values } = parseArgs({
  options: {
    days: { type: "string" },
    dir: { type: "string", default: REHEARSAL_DIR },
    "settle-seconds": { type: "string", default: "5" },
  },
});
const days = Number(values.days);
if (values.days === undefined || !Number.isFinite(days) || days <= 0) {
  process.stderr.write("rehearsal:advance: --days N is required (N > 0, fractions allowed)\n");
  process.exit(2);
}
let info: RehearsalInfo;
try {
  info = JSON.parse(readFileSync(join(values.dir, "rehearsal.json"), "utf8")) as RehearsalInfo;
} catch {
  process.stderr.write(
    `rehearsal:advance: no ${join(values.dir, "rehearsal.json")}: start it with npm run rehearsal\n`,
  );
  process.exit(2);
}
const reached = await advanceChain({
  rpcUrl: info.rpcUrl,
  vault: info.addresses.hedgeVault,
  feeds: { vix: info.addresses.vixFeed, spx: info.addresses.spxFeed },
  volOracle: info.addresses.volOracle,
  seconds: Math.round(days * 86_400),
  settleMs: Number(values["settle-seconds"]) * 1_000,
  onStep: (t) =>
    process.stdout.write(`chain time ${new Date(t * 1000).toISOString()}, feeds and surfaces pushed\n`),
});
process.stdout.write(`advanced to ${new Date(reached * 1000).toISOString()}; see ${info.logs.keeper}\n`);
