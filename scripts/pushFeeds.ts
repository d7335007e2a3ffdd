// The feed pusher for testnets, which have no volatility-index feed: a long-running service that pushes the
// VIX-like and SPX-like IndexFeeds and, beside each pair of rounds, both volatility surfaces built from the same
// market inputs by the oracle module (scripts/volatility) to the VolSurfaceOracle. Inputs come from Cboe CSV
// files (replayed row by row, each row stamped with the chain's current time), a JSON file of market inputs, or
// HTTP JSON sources the operator configures; it survives RPC faults (failover between ALVH_PUSH_RPC_URLS, every
// failed attempt retried after a back-off). Settings are ALVH_PUSH_* environment variables
// (scripts/feeds/settings.ts, docs/testnet.md); the signer is the network's first configured account (a
// REPORTER_ROLE and VOL_ORACLE_ROLE holder), or ALVH_PUSH_PRIVATE_KEY on a network without accounts (the
// localhost rehearsal):
//
//   ALVH_PUSH_SOURCE=csv ALVH_PUSH_VIX_CSV=VIX_History.csv ALVH_PUSH_SPX_CSV=SPX_History.csv \
//   ALVH_PUSH_VIX3M_CSV=VIX3M_History.csv ALVH_PUSH_VVIX_CSV=VVIX_History.csv \
//   ALVH_PUSH_INTERVAL=3600 npx hardhat run --network sepolia scripts/pushFeeds.ts
//
// Exit codes: 0 done (source exhausted, ALVH_PUSH_MAX reached, or SIGTERM/SIGINT after the push in flight);
// 2 a settings or set-up error (one line naming it), e.g. the account lacks REPORTER_ROLE or VOL_ORACLE_ROLE.
import { existsSync, readFileSync } from "node:fs";
import { Wallet } from "ethers";
import hre from "hardhat";
import { keystorePassword, keystorePasswordHandlers } from "../keeper/src/config/loadSigner.js";
import { createLogger } from "../keeper/src/log.js";
import { RpcClient } from "../keeper/src/tx/rpcClient.js";
import { TxManager } from "../keeper/src/tx/txManager.js";
import { FeedPusher, type FeedAddresses } from "./feeds/feedPusher.js";
import { observationSource } from "./feeds/observations.js";
import { readPushSettings } from "./feeds/settings.js";

const GWEI = 10n ** 9n;

/** A set-up problem: printed as one line, exit 2. */
class PusherSetupError extends Error {
  override readonly name = "PusherSetupError";
}

/** A contract address from the settings or from Ignition's record of the deployment on this chain. */
function deployedAddress(
  explicit: string | undefined,
  futureId: string,
  chainId: number,
  variable: string,
): string {
  if (explicit !== undefined) return explicit;
  const file = `ignition/deployments/chain-${chainId}/deployed_addresses.json`;
  if (!existsSync(file))
    throw new PusherSetupError(`no ${file}: deploy with Ignition first or set ${variable}`);
  const address = (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>)[futureId];
  if (address === undefined) throw new PusherSetupError(`${file} has no "${futureId}": set ${variable}`);
  return address;
}

/** The chain id of the first endpoint that answers, retrying (the node may not be up yet). */
async function chainIdOf(urls: readonly string[], log: ReturnType<typeof createLogger>): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    for (const url of urls) {
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
          signal: AbortSignal.timeout(10_000),
        });
        const body = (await res.json()) as { result?: string };
        if (typeof body.result === "string") return Number(BigInt(body.result));
      } catch (e) {
        log.warn({ event: "rpc-retry", url, error: (e as Error).message }, `eth_chainId at ${url} failed`);
      }
    }
    await new Promise((r) => setTimeout(r, Math.min(30_000, 1_000 * 2 ** attempt)));
  }
}

async function main(): Promise<number> {
  const log = createLogger("info", undefined, "alvh-feed-pusher");
  const settings = readPushSettings(process.env);
  const name = hre.globalOptions.network;
  const net = name === undefined ? undefined : hre.config.networks[name];
  if (name === undefined || net?.type !== "http")
    throw new PusherSetupError(
      `run it against a JSON-RPC network: npx hardhat run --network <name> scripts/pushFeeds.ts (got ${name ?? "none"})`,
    );
  // Unattended runs with the Hardhat keystore: the password from a file instead of a prompt on a closed stdin.
  hre.hooks.registerHandlers(
    "userInterruptions",
    keystorePasswordHandlers(
      keystorePassword({ passwordFile: settings.keystorePasswordFile }, process.env),
      process.stdin.isTTY === true,
      "set ALVH_PUSH_KEYSTORE_PASSWORD_FILE (a file only the pusher's user can read), or the variable itself as an env var",
    ),
  );
  const urls = settings.rpcUrls ?? [await net.url.getUrl()];
  let key = settings.privateKey;
  if (key === undefined) {
    const first = Array.isArray(net.accounts) ? net.accounts[0] : undefined;
    if (first === undefined)
      throw new PusherSetupError(
        `network ${name} has no configured account to sign with: set ALVH_PUSH_PRIVATE_KEY (the localhost rehearsal uses Hardhat's account #0)`,
      );
    key = await first.getHexString();
  }
  const chainId = net.chainId ?? (await chainIdOf(urls, log));
  const feeds: FeedAddresses = {
    vix: deployedAddress(settings.vixFeed, "Feeds#VixFeed", chainId, "ALVH_PUSH_VIX_FEED"),
    spx: deployedAddress(settings.spxFeed, "Feeds#SpxFeed", chainId, "ALVH_PUSH_SPX_FEED"),
  };
  const volOracle = deployedAddress(
    settings.volOracle,
    "Feeds#VolSurfaceOracle",
    chainId,
    "ALVH_PUSH_VOL_ORACLE",
  );
  const source = observationSource(settings.source);
  const signer = new Wallet(key);
  const rpc = new RpcClient({
    urls,
    chainId,
    allowMainnet: false,
    timeoutMs: 10_000,
    maxAttempts: 6,
    backoffMs: 500,
    maxBlockLag: 5,
    onEvent: (e) => {
      if (e.type !== "rpc-request") log.warn({ event: e.type, ...e }, `${e.type}: ${e.reason}`);
    },
  });
  const maxFee = BigInt(Math.round(settings.maxFeeGwei * 1e9));
  const cap = (gwei: bigint): bigint => (gwei * GWEI < maxFee ? gwei * GWEI : maxFee);
  const tx = new TxManager({
    rpc,
    signer,
    chainId,
    confirmations: 1,
    replaceAfterBlocks: 3,
    feeBumpBps: 1_250,
    caps: { maxFeePerGas: maxFee, maxPriorityFeePerGas: cap(3n), maxReplacementPriorityFeePerGas: cap(10n) },
    pollIntervalMs: 500,
    receiptTimeoutMs: 300_000,
    onEvent: (e) => {
      if (e.type === "tx-fee-capped" || e.type === "tx-replaced" || e.type === "nonce-resync")
        log.warn({ event: e.type, label: e.label, nonce: e.nonce }, `${e.type} ${e.label}`);
    },
  });
  const pusher = new FeedPusher({
    rpc,
    tx,
    reporter: signer.address,
    feeds,
    volOracle,
    log,
    retryMaxMs: settings.retryMaxSeconds * 1_000,
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      log.info({ event: "stopping", signal }, `${signal}: stopping after the push in flight`);
      pusher.stop();
    });
  log.info(
    { event: "started", chainId, network: name, urls, reporter: signer.address, feeds, volOracle },
    `feed pusher: chain ${chainId}, VIX feed ${feeds.vix}, SPX feed ${feeds.spx}, surface oracle ${volOracle}, reporter ${signer.address}`,
  );
  const pushes = await pusher.run(source, {
    intervalSeconds: settings.intervalSeconds,
    maxPushes: settings.maxPushes,
  });
  log.info({ event: "stopped", pushes }, `feed pusher: ${pushes} push(es), done`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (e) {
  // Settings, set-up and permission errors: one line naming what to fix (no stack trace).
  const setup = [
    "PushSettingsError",
    "PusherSetupError",
    "NotReporterError",
    "NotVolOracleError",
    "MarketInputsFileError",
    "KeySourceError",
    "HistoryFileError",
    "IndexValueError",
    "ChainIdMismatchError",
    "MainnetRefusedError",
  ];
  if (e instanceof Error && setup.includes(e.name)) {
    process.stderr.write(`feed pusher: ${e.message}\n`);
    process.exitCode = 2;
  } else throw e;
}
