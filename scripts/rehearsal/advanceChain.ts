// Moves a local chain's clock forward over RPC (evm_increaseTime), as the rehearsal does to live through weeks in
// minutes. It stops a minute after every position's expiry on the way (a series settles from a round inside the
// settlement window after its expiry, so the pusher must get to stamp one there) and at least every `maxStep`,
// and after each jump waits until the running feed pusher has pushed both feeds — and, given the oracle, both
// volatility surfaces — at the new time. A local node only: a real chain's time cannot be moved.
import { feedInterface, vaultInterface, volOracleInterface } from "../../keeper/src/chain/contracts.js";
import type { KeeperStateOnChain } from "../../keeper/src/chain/readVaults.js";
import { jsonRpc, latestTime } from "./jsonRpc.js";

export { latestTime } from "./jsonRpc.js";

export interface AdvanceOptions {
  rpcUrl: string;
  vault: string;
  feeds: { vix: string; spx: string };
  /** The volatility-surface oracle: wait for both surfaces too (the pusher pushes them after the rounds). */
  volOracle?: string;
  /** How far to move the clock, seconds. */
  seconds: number;
  /** Longest single jump, seconds (default 7 days). */
  maxStepSeconds?: number;
  /** Wait this long after each fresh push (gives the keeper a few cycles to act), ms. */
  settleMs?: number;
  /** Give up waiting for the pusher after this long, ms (default 60 s). */
  pushTimeoutMs?: number;
  onStep?: (chainTime: number) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function feedTime(url: string, feed: string): Promise<number> {
  const data = await jsonRpc<string>(url, "eth_call", [
    { to: feed, data: feedInterface.encodeFunctionData("latestRoundData") },
    "latest",
  ]);
  return Number(feedInterface.decodeFunctionResult("latestRoundData", data)[3] as bigint);
}

async function surfaceTime(url: string, oracle: string, feed: string): Promise<number> {
  const data = await jsonRpc<string>(url, "eth_call", [
    { to: oracle, data: volOracleInterface.encodeFunctionData("slice", [feed, 0]) },
    "latest",
  ]);
  return Number(
    (volOracleInterface.decodeFunctionResult("slice", data)[0] as { updatedAt: bigint }).updatedAt,
  );
}

/** Moves the clock `seconds` forward in stops (see the file comment); returns the chain time reached. */
export async function advanceChain(o: AdvanceOptions): Promise<number> {
  const start = await latestTime(o.rpcUrl);
  const target = start + o.seconds;
  const raw = await jsonRpc<string>(o.rpcUrl, "eth_call", [
    { to: o.vault, data: vaultInterface.encodeFunctionData("keeperState") },
    "latest",
  ]);
  const s = vaultInterface.decodeFunctionResult("keeperState", raw)[0] as KeeperStateOnChain;
  const expiries = [...s.layers.map((l) => l.expiry), s.putLeg.expiry, s.callLeg.expiry]
    .map(Number)
    .filter((e) => e > start && e + 60 < target);
  const stops = [...new Set([...expiries.map((e) => e + 60), target])].sort((a, b) => a - b);
  const maxStep = o.maxStepSeconds ?? 7 * 86_400;
  let now = start;
  for (const stop of stops) {
    while (now < stop) {
      const to = Math.min(stop, now + maxStep);
      await jsonRpc(o.rpcUrl, "evm_increaseTime", [to - now]);
      await jsonRpc(o.rpcUrl, "evm_mine");
      now = await latestTime(o.rpcUrl);
      const deadline = Date.now() + (o.pushTimeoutMs ?? 60_000);
      const pushed = async (): Promise<number> => {
        const feeds = [o.feeds.vix, o.feeds.spx];
        const oracle = o.volOracle;
        const times = await Promise.all([
          ...feeds.map((f) => feedTime(o.rpcUrl, f)),
          ...(oracle === undefined ? [] : feeds.map((f) => surfaceTime(o.rpcUrl, oracle, f))),
        ]);
        return Math.min(...times);
      };
      while ((await pushed()) < now) {
        if (Date.now() > deadline)
          throw new Error(
            `no feed${o.volOracle === undefined ? "" : " and surface"} push at chain time ${now} within ${o.pushTimeoutMs ?? 60_000} ms: is the pusher running?`,
          );
        await sleep(250);
      }
      o.onStep?.(now);
      await sleep(o.settleMs ?? 0);
    }
  }
  return now;
}
