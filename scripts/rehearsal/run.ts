// The local rehearsal in one command: a `hardhat node` (one block a second once seeded), the whole system
// deployed with Ignition and ignition/parameters/localhost.json, seeded as its first users would, the KEEPER_ROLE
// checked (granted at deployment by HedgeVault.keeper; else through the timelock), the market data server, the
// feed pusher and the keeper — each its own process, logging to out/rehearsal/. It leaves them running until
// Ctrl-C (SIGINT) or SIGTERM, then stops the keeper (finishing its transaction in flight), the pusher, the market
// server and the node, in that order. docs/testnet.md ("Local rehearsal") lists the same steps one by one.
//
//   npm run rehearsal [-- --port 8545 --market-port 8546 --metrics-port 9464 --push-interval 2 --dir out/rehearsal]
//   npm run rehearsal:advance -- --days 7      # in another terminal: live through a week in seconds
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { network } from "hardhat";
import { Wallet } from "ethers";
import { jsonRpc } from "./jsonRpc.js";
import { startMarketServer } from "./marketServer.js";
import {
  REHEARSAL_ACCOUNTS,
  REHEARSAL_DEPLOYMENT_ID,
  REHEARSAL_DIR,
  REHEARSAL_PARAMETERS,
  rehearsalKey,
} from "./localhost.js";
import { deployRehearsal, grantKeeperRole, type RehearsalAddresses, seedRehearsal } from "./setup.js";

/** What the launcher writes to <dir>/rehearsal.json for the advance command and the tests. */
export interface RehearsalInfo {
  rpcUrl: string;
  marketUrl: string;
  metricsUrl: string;
  deploymentId: string;
  addresses: RehearsalAddresses;
  keeperConfig: string;
  logs: { node: string; pusher: string; keeper: string };
  pids: { launcher: number; node: number; pusher: number; keeper: number };
}

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "8545" },
    "market-port": { type: "string", default: "8546" },
    "metrics-port": { type: "string", default: "9464" },
    "push-interval": { type: "string", default: "2" },
    dir: { type: "string", default: REHEARSAL_DIR },
    "deployment-id": { type: "string", default: REHEARSAL_DEPLOYMENT_ID },
  },
});
const dir = resolve(args.dir);
mkdirSync(dir, { recursive: true });
const bin = resolve("node_modules", ".bin");
const say = (line: string): void => void process.stdout.write(`rehearsal: ${line}\n`);

interface Child {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  done: boolean;
}
const children: Child[] = [];

/** Starts `command` in its own process group (Ctrl-C reaches only the launcher, which stops it in order). */
function start(
  name: string,
  command: string,
  argv: string[],
  log: string,
  env: Record<string, string> = {},
): Child {
  const out = createWriteStream(log, { flags: "a" });
  const child = spawn(command, argv, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`, FORCE_COLOR: "0", ...env },
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const c: Child = { name, child, done: false, exited: Promise.resolve(null) };
  c.exited = new Promise((r) =>
    child.once("exit", (code) => {
      c.done = true;
      r(code);
    }),
  );
  children.push(c);
  return c;
}

async function stopChild(c: Child, graceMs: number): Promise<void> {
  if (c.done || c.child.pid === undefined) return;
  const group = -c.child.pid;
  try {
    process.kill(group, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(group, "SIGKILL");
    } catch {
      // gone
    }
  }, graceMs);
  await c.exited;
  clearTimeout(timer);
}

// Never leave a process group behind, even when the launcher itself dies.
process.once("exit", () => {
  for (const c of children)
    if (!c.done && c.child.pid !== undefined)
      try {
        process.kill(-c.child.pid, "SIGKILL");
      } catch {
        // gone
      }
});

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const c of children) if (c.done) throw new Error(`${c.name} exited while waiting for ${what}`);
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Resolves when a log file holds a JSON line with this `event`. */
async function logged(file: string, event: string, timeoutMs: number): Promise<void> {
  const { readFileSync } = await import("node:fs");
  await until(`"${event}" in ${file}`, timeoutMs, async () =>
    readFileSync(file, "utf8").includes(`"event":"${event}"`) ? true : undefined,
  );
}

async function main(): Promise<void> {
  const rpcUrl = `http://127.0.0.1:${args.port}`;
  const logs = {
    node: join(dir, "node.log"),
    pusher: join(dir, "pusher.log"),
    keeper: join(dir, "keeper.log"),
  };
  for (const f of Object.values(logs)) writeFileSync(f, "");

  say(`starting hardhat node on ${rpcUrl} (log ${logs.node})`);
  const node = start(
    "hardhat node",
    join(bin, "hardhat"),
    ["node", "--hostname", "127.0.0.1", "--port", args.port],
    logs.node,
  );
  await until("the node answering", 60_000, () => jsonRpc<string>(rpcUrl, "eth_chainId"));

  // Instant mining while deploying and seeding (dozens of transactions), then one block a second.
  const conn = await network.create({ network: "localhost", override: { url: rpcUrl } });
  say(
    `deploying ignition/modules/Alvh.ts with ${REHEARSAL_PARAMETERS} (deployment id ${args["deployment-id"]})`,
  );
  const addresses = await deployRehearsal(conn, args["deployment-id"], true);
  say(
    "seeding: flash-vault and DEX liquidity, the option pool's LP deposit, a first hedge-vault deposit request",
  );
  await seedRehearsal(conn, addresses);
  const keeperAddress = new Wallet(rehearsalKey("keeper")).address;
  const granted = await grantKeeperRole(conn, addresses, keeperAddress);
  say(
    granted
      ? `KEEPER_ROLE granted to ${keeperAddress} through the timelock`
      : `KEEPER_ROLE: ${keeperAddress} holds it (granted at deployment: HedgeVault.keeper)`,
  );
  await jsonRpc(rpcUrl, "evm_setAutomine", [false]);
  await jsonRpc(rpcUrl, "evm_setIntervalMining", [1_000]);

  const market = await startMarketServer({ rpcUrl, port: Number(args["market-port"]) });
  say(`market data: ${market.url}/{vix,spx,vix3m,vix6m,vvix} (the demo's scenario, by chain date)`);

  const pusher = start(
    "feed pusher",
    join(bin, "hardhat"),
    ["run", "--no-compile", "--network", "localhost", "scripts/pushFeeds.ts"],
    logs.pusher,
    {
      ALVH_PUSH_SOURCE: "url",
      ALVH_PUSH_VIX_URL: `${market.url}/vix`,
      ALVH_PUSH_SPX_URL: `${market.url}/spx`,
      ALVH_PUSH_VIX3M_URL: `${market.url}/vix3m`,
      ALVH_PUSH_VIX6M_URL: `${market.url}/vix6m`,
      ALVH_PUSH_VVIX_URL: `${market.url}/vvix`,
      ALVH_PUSH_JSON_PATH: "close",
      ALVH_PUSH_VIX_FEED: addresses.vixFeed,
      ALVH_PUSH_SPX_FEED: addresses.spxFeed,
      ALVH_PUSH_VOL_ORACLE: addresses.volOracle,
      ALVH_PUSH_RPC_URLS: rpcUrl,
      ALVH_PUSH_PRIVATE_KEY: rehearsalKey("deployer"),
      ALVH_PUSH_INTERVAL: args["push-interval"],
    },
  );
  await logged(logs.pusher, "pushed", 120_000);
  say(
    `feed pusher pushing the index rounds and both volatility surfaces every ${args["push-interval"]} s (log ${logs.pusher})`,
  );

  const keeperConfig = join(dir, "keeper.json");
  writeFileSync(
    keeperConfig,
    `${JSON.stringify(
      {
        chainId: 31337,
        rpcUrls: [rpcUrl],
        vaults: [addresses.hedgeVault],
        key: { source: "env", envVar: "KEEPER_PRIVATE_KEY" },
        pollIntervalSeconds: 1,
        tx: { confirmations: 1, replaceAfterBlocks: 3, receiptTimeoutSeconds: 120 },
        metrics: { port: Number(args["metrics-port"]) },
        log: { level: "info" },
      },
      null,
      2,
    )}\n`,
  );
  const keeper = start(
    "keeper",
    join(bin, "tsx"),
    ["keeper/src/cli.ts", "--config", keeperConfig],
    logs.keeper,
    {
      KEEPER_PRIVATE_KEY: rehearsalKey("keeper"),
    },
  );
  await logged(logs.keeper, "started", 120_000);
  const metricsUrl = `http://127.0.0.1:${args["metrics-port"]}`;

  const info: RehearsalInfo = {
    rpcUrl,
    marketUrl: market.url,
    metricsUrl,
    deploymentId: args["deployment-id"],
    addresses,
    keeperConfig,
    logs,
    pids: {
      launcher: process.pid,
      node: node.child.pid ?? 0,
      pusher: pusher.child.pid ?? 0,
      keeper: keeper.child.pid ?? 0,
    },
  };
  writeFileSync(join(dir, "rehearsal.json"), `${JSON.stringify(info, null, 2)}\n`);
  say("running. Who signs what on localhost (Hardhat's public test accounts):");
  for (const [role, a] of Object.entries(REHEARSAL_ACCOUNTS))
    say(
      `  #${a.index} ${role.padEnd(9)} ${new Wallet(rehearsalKey(role as keyof typeof REHEARSAL_ACCOUNTS)).address}: ${a.signs}`,
    );
  say(`hedge vault ${addresses.hedgeVault}; keeper metrics ${metricsUrl}/metrics; logs in ${dir}`);
  say("next: npm run rehearsal:advance -- --days 7   (Ctrl-C here stops everything)");
  say("ready");

  const stopped = new Promise<string>((r) => {
    process.once("SIGINT", () => r("SIGINT"));
    process.once("SIGTERM", () => r("SIGTERM"));
  });
  const crashed = Promise.race(children.map((c) => c.exited.then(() => c.name)));
  const why = await Promise.race([stopped, crashed.then((name) => `${name} exited`)]);
  say(
    `${why}: stopping the keeper (after its transaction in flight), the pusher, the market server, the node`,
  );
  await stopChild(keeper, 60_000);
  await stopChild(pusher, 30_000);
  await market.close();
  await stopChild(node, 10_000);
  say("stopped");
  process.exitCode = why.endsWith("exited") ? 1 : 0;
}

try {
  await main();
} catch (e) {
  process.stderr.write(`rehearsal: ${e instanceof Error ? e.message : String(e)}\n`);
  for (const c of [...children].reverse()) await stopChild(c, 5_000);
  process.exitCode = 1;
}
