// A FeedPusher wired as scripts/pushFeeds.ts wires it (RpcClient with failover, the keeper's TxManager), with
// short timeouts and back-offs for tests, and its JSON log lines collected.
import type { Wallet } from "ethers";
import { pino } from "pino";
import { RpcClient } from "../../keeper/src/tx/rpcClient.js";
import { TxManager } from "../../keeper/src/tx/txManager.js";
import { type FeedAddresses, FeedPusher, type FeedPusherOptions } from "../../scripts/feeds/feedPusher.js";

const GWEI = 10n ** 9n;

export interface LogLine {
  event?: string;
  [k: string]: unknown;
}

export interface TestPusher {
  pusher: FeedPusher;
  lines: LogLine[];
}

/** A pusher signing with `signer` over `urls` (chain 31337), pushing to `feeds` (and `volOracle`, if given). */
export function createTestPusher(
  urls: string[],
  signer: Wallet,
  feeds: FeedAddresses,
  extra: Pick<FeedPusherOptions, "volOracle" | "oracleSettings"> = {},
): TestPusher {
  const lines: LogLine[] = [];
  const log = pino({ level: "info" }, { write: (s: string) => lines.push(JSON.parse(s) as LogLine) });
  const rpc = new RpcClient({
    urls,
    chainId: 31337,
    allowMainnet: false,
    timeoutMs: 400,
    maxAttempts: 4,
    backoffMs: 50,
    maxBlockLag: 5,
  });
  const tx = new TxManager({
    rpc,
    signer,
    chainId: 31337,
    confirmations: 1,
    replaceAfterBlocks: 3,
    feeBumpBps: 1_250,
    caps: {
      maxFeePerGas: 200n * GWEI,
      maxPriorityFeePerGas: 2n * GWEI,
      maxReplacementPriorityFeePerGas: 10n * GWEI,
    },
    pollIntervalMs: 50,
    receiptTimeoutMs: 20_000,
  });
  return {
    pusher: new FeedPusher({
      rpc,
      tx,
      reporter: signer.address,
      feeds,
      ...extra,
      log,
      retryInitialMs: 100,
      retryMaxMs: 400,
    }),
    lines,
  };
}
