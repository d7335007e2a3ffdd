// The feed pusher for testnets, which have no volatility-index feed: pushes the VIX-like and SPX-like
// IndexFeeds from Cboe CSV files (replayed row by row, each row stamped with the chain's current time) or
// from HTTP JSON sources the operator configures. Settings come from ALVH_PUSH_* environment variables
// (see scripts/feeds/settings.ts and docs/testnet.md), the signer from the network's configured account
// (a REPORTER_ROLE holder):
//
//   ALVH_PUSH_SOURCE=csv ALVH_PUSH_VIX_CSV=VIX_History.csv ALVH_PUSH_SPX_CSV=SPX_History.csv \
//   ALVH_PUSH_INTERVAL=3600 npx hardhat run --network sepolia scripts/pushFeeds.ts
import { readFileSync, existsSync } from "node:fs";
import { network } from "hardhat";
import { readHistory } from "./demo/history.js";
import { pushIndexValues, type IndexValues } from "./feeds/pushIndexValues.js";
import { readPushSettings, type PushSettings } from "./feeds/settings.js";
import { toFeedUnits, valueAtPath } from "./feeds/values.js";

const settings = readPushSettings(process.env);
const { ethers } = await network.connect();
const chainId = (await ethers.provider.getNetwork()).chainId;

/** A feed address from the settings or from Ignition's record of the deployment on this chain. */
function feedAddress(explicit: string | undefined, futureId: string): string {
  if (explicit !== undefined) return explicit;
  const file = `ignition/deployments/chain-${chainId}/deployed_addresses.json`;
  if (!existsSync(file)) {
    throw new Error(`no ${file}: deploy with Ignition first or set ALVH_PUSH_VIX_FEED / ALVH_PUSH_SPX_FEED`);
  }
  const addresses = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  const address = addresses[futureId];
  if (address === undefined) throw new Error(`${file} has no "${futureId}"`);
  return address;
}

async function* values(source: PushSettings["source"]): AsyncGenerator<IndexValues> {
  if (source.kind === "csv") {
    for (const day of readHistory({ vixFile: source.vixFile, spxFile: source.spxFile })) {
      yield { vix: toFeedUnits(day.vix, `VIX ${day.date}`), spx: toFeedUnits(day.spx, `SPX ${day.date}`) };
    }
    return;
  }
  for (;;) {
    const read = async (url: string, what: string): Promise<bigint> => {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`${what}: ${url} answered HTTP ${response.status}`);
      return toFeedUnits(valueAtPath(await response.json(), source.jsonPath, what), what);
    };
    yield { vix: await read(source.vixUrl, "VIX source"), spx: await read(source.spxUrl, "SPX source") };
  }
}

const vixFeed = await ethers.getContractAt("IndexFeed", feedAddress(settings.vixFeed, "Feeds#VixFeed"));
const spxFeed = await ethers.getContractAt("IndexFeed", feedAddress(settings.spxFeed, "Feeds#SpxFeed"));
console.log(
  `feed pusher: chain ${chainId}, VIX feed ${await vixFeed.getAddress()}, SPX feed ${await spxFeed.getAddress()}`,
);

let pushes = 0;
let stopping = false;
process.once("SIGINT", () => (stopping = true));
process.once("SIGTERM", () => (stopping = true));
/** The latest block, once its time is after both feeds' last rounds (a feed refuses an equal time). */
async function blockAfterLastRounds(): Promise<{ timestamp: number }> {
  const last = async (feed: typeof vixFeed): Promise<number> =>
    (await feed.latestRound()) === 0n ? 0 : Number((await feed.latestRoundData()).updatedAt);
  const notBefore = Math.max(await last(vixFeed), await last(spxFeed));
  for (let attempt = 0; attempt < 120; attempt++) {
    const block = await ethers.provider.getBlock("latest");
    if (block === null) throw new Error("feed pusher: no latest block");
    if (block.timestamp > notBefore) return block;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error("feed pusher: the chain's time did not pass the feeds' last round within 2 minutes");
}

for await (const next of values(settings.source)) {
  const block = await blockAfterLastRounds();
  const { vixRound, spxRound } = await pushIndexValues({ vixFeed, spxFeed }, next, block.timestamp);
  pushes++;
  console.log(
    `pushed VIX ${ethers.formatUnits(next.vix, 8)} (round ${vixRound}), SPX ${ethers.formatUnits(next.spx, 8)} (round ${spxRound}) at ${new Date(block.timestamp * 1000).toISOString()}`,
  );
  if (
    stopping ||
    settings.intervalSeconds === 0 ||
    (settings.maxPushes !== 0 && pushes >= settings.maxPushes)
  )
    break;
  await new Promise((resolve) => setTimeout(resolve, settings.intervalSeconds * 1000));
}
console.log(`feed pusher: ${pushes} push(es), done`);
