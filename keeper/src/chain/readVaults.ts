import type { IHedgeTypes } from "../../../types/ethers-contracts/hedge/HedgeLayerVault.js";
import { RpcResponseError } from "../tx/errors.js";
import type { RpcCall, RpcTransport } from "../tx/rpcClient.js";
import type { FeedRound, UnixSeconds } from "../types.js";
import { feedInterface, vaultInterface } from "./contracts.js";

export type KeeperStateOnChain = IHedgeTypes.KeeperStateStructOutput;

/** A vault and its two feeds (the feed addresses are immutable on the vault: read once). */
export interface VaultAddresses {
  vault: string;
  volFeed: string;
  indexFeed: string;
}

export interface FeedRoundWithId extends FeedRound {
  roundId: bigint;
}

export interface VaultSnapshot {
  addresses: VaultAddresses;
  state: KeeperStateOnChain;
  volLatest: FeedRoundWithId | null;
  indexLatest: FeedRoundWithId | null;
  /** Recent volatility rounds (oldest first), for the daily closes behind RSI/MACD. */
  volHistory: FeedRound[];
}

export interface ChainSnapshot {
  blockNumber: number;
  /** The latest block's timestamp: the "now" the plan is computed for. */
  now: UnixSeconds;
  /** Keeper wallet balance (wei). */
  balance: bigint;
  vaults: VaultSnapshot[];
}

/** A vault call failed where the keeper cannot go on (e.g. keeperState reverted: wrong address). */
export class VaultReadError extends Error {
  override readonly name = "VaultReadError";
  constructor(
    readonly vault: string,
    readonly what: string,
    readonly detail: string,
  ) {
    super(`vault ${vault}: ${what} failed: ${detail}`);
  }
}

const call = (to: string, data: string): RpcCall => ({
  method: "eth_call",
  params: [{ to, data }, "latest"],
});

function decodeRound(data: unknown): FeedRoundWithId | null {
  if (data instanceof RpcResponseError || typeof data !== "string") return null; // no round yet
  const [roundId, answer, , updatedAt] = feedInterface.decodeFunctionResult("latestRoundData", data);
  return { roundId: roundId as bigint, answer: answer as bigint, updatedAt: Number(updatedAt as bigint) };
}

/**
 * Reads every vault the keeper manages in as few requests as possible: ONE JSON-RPC batch with the
 * latest block, the keeper's balance, and per vault `keeperState()` plus both feeds' latest round.
 * Volatility history comes from the feed's historic rounds, which never change once written: they are
 * cached by round id, so an idle cycle costs one request and a cycle after a new round two.
 */
export class VaultReader {
  private readonly rounds = new Map<string, Map<bigint, FeedRound>>();

  constructor(
    private readonly rpc: RpcTransport,
    private readonly keeper: string,
    /** How many past volatility rounds feed the signals (≥ 35 daily closes for MACD(12,26,9)). */
    private readonly historyRounds = 60,
  ) {}

  /** Looks up the feeds of each vault (one batch; at start-up only). */
  async resolve(vaults: readonly string[]): Promise<VaultAddresses[]> {
    const calls = vaults.flatMap((v) => [
      call(v, vaultInterface.encodeFunctionData("volFeed")),
      call(v, vaultInterface.encodeFunctionData("indexFeed")),
    ]);
    const out = await this.rpc.batch(calls);
    return vaults.map((vault, i) => {
      const [vol, idx] = [out[2 * i], out[2 * i + 1]];
      if (typeof vol !== "string" || typeof idx !== "string")
        throw new VaultReadError(
          vault,
          "volFeed()/indexFeed()",
          String(vol instanceof Error ? vol.message : vol),
        );
      return {
        vault,
        volFeed: vaultInterface.decodeFunctionResult("volFeed", vol)[0] as string,
        indexFeed: vaultInterface.decodeFunctionResult("indexFeed", idx)[0] as string,
      };
    });
  }

  async read(vaults: readonly VaultAddresses[]): Promise<ChainSnapshot> {
    const latestRound = feedInterface.encodeFunctionData("latestRoundData");
    const keeperState = vaultInterface.encodeFunctionData("keeperState");
    const calls: RpcCall[] = [
      { method: "eth_getBlockByNumber", params: ["latest", false] },
      { method: "eth_getBalance", params: [this.keeper, "latest"] },
      ...vaults.flatMap((v) => [
        call(v.vault, keeperState),
        call(v.volFeed, latestRound),
        call(v.indexFeed, latestRound),
      ]),
    ];
    const out = await this.rpc.batch(calls);
    const block = out[0] as { number: string; timestamp: string } | RpcResponseError;
    if (block instanceof RpcResponseError) throw block;
    const balance = out[1];
    if (balance instanceof RpcResponseError) throw balance;
    const snapshots = vaults.map((addresses, i): VaultSnapshot => {
      const raw = out[2 + 3 * i];
      if (raw instanceof RpcResponseError || typeof raw !== "string")
        throw new VaultReadError(
          addresses.vault,
          "keeperState()",
          raw instanceof Error ? raw.message : String(raw),
        );
      const state = vaultInterface.decodeFunctionResult("keeperState", raw)[0] as KeeperStateOnChain;
      return {
        addresses,
        state,
        volLatest: decodeRound(out[3 + 3 * i]),
        indexLatest: decodeRound(out[4 + 3 * i]),
        volHistory: [],
      };
    });
    await this.fillHistory(snapshots);
    return {
      blockNumber: Number(BigInt(block.number)),
      now: Number(BigInt(block.timestamp)),
      balance: BigInt(balance as string),
      vaults: snapshots,
    };
  }

  /** Fetches the rounds not in the cache yet (one batch for all vaults), then assembles each history. */
  private async fillHistory(snapshots: VaultSnapshot[]): Promise<void> {
    const missing: Array<{ feed: string; id: bigint }> = [];
    const wanted = new Set<string>();
    for (const s of snapshots) {
      const latest = s.volLatest;
      if (latest === null) continue;
      const feed = s.addresses.volFeed.toLowerCase();
      let cache = this.rounds.get(feed);
      if (cache === undefined) this.rounds.set(feed, (cache = new Map()));
      cache.set(latest.roundId, { answer: latest.answer, updatedAt: latest.updatedAt });
      const first =
        latest.roundId > BigInt(this.historyRounds) ? latest.roundId - BigInt(this.historyRounds) + 1n : 1n;
      for (let id = first; id < latest.roundId; id++) {
        const key = `${feed}:${id}`;
        if (!cache.has(id) && !wanted.has(key)) {
          wanted.add(key);
          missing.push({ feed, id });
        }
      }
      // Bounded memory: forget rounds that left the window.
      for (const id of cache.keys()) if (id < first) cache.delete(id);
    }
    if (missing.length > 0) {
      const out = await this.rpc.batch(
        missing.map((m) => call(m.feed, feedInterface.encodeFunctionData("getRoundData", [m.id]))),
      );
      missing.forEach((m, i) => {
        const r = decodeRound(out[i]);
        if (r !== null) this.rounds.get(m.feed)?.set(m.id, { answer: r.answer, updatedAt: r.updatedAt });
      });
    }
    for (const s of snapshots) {
      const cache = this.rounds.get(s.addresses.volFeed.toLowerCase());
      if (cache === undefined) continue;
      s.volHistory = [...cache.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, r]) => r);
    }
  }
}
