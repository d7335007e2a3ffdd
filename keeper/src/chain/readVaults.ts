import type { Interface } from "ethers";
import type { IHedgeTypes } from "../../../types/ethers-contracts/hedge/HedgeLayerVault.js";
import { RpcResponseError } from "../tx/errors.js";
import type { FeedsNow } from "./describeMoves.js";
import type { RpcCall, RpcTransport } from "../tx/rpcClient.js";
import type { FeedRound, UnixSeconds } from "../types.js";
import {
  erc20Interface,
  feedInterface,
  poolInterface,
  poolPricerInterface,
  pricerInterface,
  vaultInterface,
  volOracleInterface,
} from "./contracts.js";

export type KeeperStateOnChain = IHedgeTypes.KeeperStateStructOutput;

/** A vault's immutable wiring, read once at start-up. */
export interface VaultAddresses {
  vault: string;
  volFeed: string;
  indexFeed: string;
  pool: string;
  /** The pool's volatility-surface oracle (`pool.pricer().volOracle()`, both immutable). */
  volOracle: string;
  /** The vault's own maximum feed age (`feedHeartbeat()`), seconds. */
  feedHeartbeat: number;
  /** Decimals of the vault's stablecoin (sizes scale with them on-chain). */
  assetDecimals: number;
}

export interface FeedRoundWithId extends FeedRound {
  roundId: bigint;
}

/** A feed's volatility surface as the pool judges it: its time in the oracle and the pool's maximum age. */
export interface SurfaceAge {
  /** The surface's time (unix seconds); 0: none pushed yet. */
  updatedAt: number;
  /**
   * The pool's `feedConfig(feed).surfaceMaxAge`, seconds; undefined when the pool does not price the feed
   * (unregistered: heartbeat 0) or its configuration could not be read — then no surface rule applies.
   */
  maxAge: number | undefined;
}

export interface VaultSnapshot {
  addresses: VaultAddresses;
  state: KeeperStateOnChain;
  volLatest: FeedRoundWithId | null;
  indexLatest: FeedRoundWithId | null;
  /** Recent volatility rounds (oldest first), for the daily closes behind RSI/MACD. */
  volHistory: FeedRound[];
  /**
   * The oldest feed round the contracts accept now, seconds: the vault's heartbeat, or the pool's per-feed
   * heartbeat when that is shorter (a trade reverts `FeedStale` past either).
   */
  feedHeartbeat: number;
  /** Both feeds' surfaces: a trade pricing a feed whose surface is stale reverts `SurfaceStale`. */
  surfaces: { vol: SurfaceAge; index: SurfaceAge };
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

/**
 * The pool's configuration of a feed: heartbeat 0 when it cannot be read (the vault's own heartbeat then
 * applies), surfaceMaxAge undefined then or when the feed is unregistered (heartbeat 0).
 */
function decodeFeedConfig(data: unknown): { heartbeat: number; surfaceMaxAge: number | undefined } {
  if (typeof data !== "string") return { heartbeat: 0, surfaceMaxAge: undefined };
  try {
    const c = poolInterface.decodeFunctionResult("feedConfig", data)[0] as {
      heartbeat: bigint;
      surfaceMaxAge: bigint;
    };
    const heartbeat = Number(c.heartbeat);
    return { heartbeat, surfaceMaxAge: heartbeat === 0 ? undefined : Number(c.surfaceMaxAge) };
  } catch {
    return { heartbeat: 0, surfaceMaxAge: undefined };
  }
}

/** A surface's time from the oracle's `slice(feed, 0)` (0 when unreadable: treated as missing). */
function decodeSurfaceTime(data: unknown): number {
  if (typeof data !== "string") return 0;
  try {
    return Number(
      (volOracleInterface.decodeFunctionResult("slice", data)[0] as { updatedAt: bigint }).updatedAt,
    );
  } catch {
    return 0;
  }
}

const call = (to: string, data: string): RpcCall => ({
  method: "eth_call",
  params: [{ to, data }, "latest"],
});

/** `slice(feed, 0)` on the oracle: the cheapest read of a surface's time (never reverts). */
const surfaceCall = (oracle: string, feed: string): RpcCall =>
  call(oracle, volOracleInterface.encodeFunctionData("slice", [feed, 0]));

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

  /**
   * Reads each vault's wiring (two batches, at start-up only). An address without code or a contract that
   * is not a hedge vault is a `VaultReadError` naming it, not an undecodable "0x".
   */
  async resolve(vaults: readonly string[]): Promise<VaultAddresses[]> {
    const getters = ["volFeed", "indexFeed", "feedHeartbeat", "pool", "asset"] as const;
    const abi: Interface = vaultInterface; // the getters share one signature shape: no overloads needed
    const out = await this.rpc.batch(
      vaults.flatMap((v) => [
        { method: "eth_getCode", params: [v, "latest"] },
        ...getters.map((g) => call(v, abi.encodeFunctionData(g))),
      ]),
    );
    const per = getters.length + 1;
    const wiring = vaults.map((vault, i) => {
      const code = out[per * i];
      if (code instanceof RpcResponseError) throw code;
      if (code === "0x" || code === "0x0" || code === null)
        throw new VaultReadError(
          vault,
          "eth_getCode",
          "no contract at this address on this chain: check vaults / vaultAddress and chainId in the config",
        );
      const value = (g: (typeof getters)[number], k: number): string => {
        const raw = out[per * i + 1 + k];
        let decoded: string | undefined;
        try {
          if (typeof raw === "string") decoded = String(abi.decodeFunctionResult(g, raw)[0]);
        } catch {
          // an answer of the wrong shape: not the vault's getter
        }
        if (decoded === undefined)
          throw new VaultReadError(
            vault,
            `${g}()`,
            `the contract there is not a HedgeLayerVault (${g}() ${raw instanceof RpcResponseError ? "reverted" : "returned nothing usable"}): check vaults / vaultAddress`,
          );
        return decoded;
      };
      const [volFeed, indexFeed, heartbeat, pool, asset] = getters.map((g, k) => value(g, k));
      return { vault, volFeed, indexFeed, pool, asset, heartbeat: Number(heartbeat) };
    }) as Array<{
      vault: string;
      volFeed: string;
      indexFeed: string;
      pool: string;
      asset: string;
      heartbeat: number;
    }>;
    const second = await this.rpc.batch(
      wiring.flatMap((w) => [
        call(w.asset, erc20Interface.encodeFunctionData("decimals")),
        call(w.pool, poolPricerInterface.encodeFunctionData("pricer")),
      ]),
    );
    /** Decodes one address-or-number answer, or names the call that failed. */
    const decoded = (vault: string, what: string, raw: unknown, decode: (d: string) => unknown): string => {
      let value: string | undefined;
      try {
        if (typeof raw === "string" && raw !== "0x") value = String(decode(raw));
      } catch {
        // an answer of the wrong shape
      }
      if (value === undefined)
        throw new VaultReadError(vault, what, String(raw instanceof Error ? raw.message : raw));
      return value;
    };
    const pricers = wiring.map((w, i) =>
      decoded(
        w.vault,
        `pool ${w.pool} pricer()`,
        second[2 * i + 1],
        (d) => poolPricerInterface.decodeFunctionResult("pricer", d)[0],
      ),
    );
    const oracles = await this.rpc.batch(
      pricers.map((p) => call(p, pricerInterface.encodeFunctionData("volOracle"))),
    );
    return wiring.map((w, i): VaultAddresses => ({
      vault: w.vault,
      volFeed: w.volFeed,
      indexFeed: w.indexFeed,
      pool: w.pool,
      volOracle: decoded(
        w.vault,
        `pricer ${pricers[i]} volOracle()`,
        oracles[i],
        (d) => pricerInterface.decodeFunctionResult("volOracle", d)[0],
      ),
      feedHeartbeat: w.heartbeat,
      assetDecimals: Number(
        decoded(
          w.vault,
          `asset ${w.asset} decimals()`,
          second[2 * i],
          (d) => erc20Interface.decodeFunctionResult("decimals", d)[0],
        ),
      ),
    }));
  }

  async read(vaults: readonly VaultAddresses[]): Promise<ChainSnapshot> {
    const latestRound = feedInterface.encodeFunctionData("latestRoundData");
    const keeperState = vaultInterface.encodeFunctionData("keeperState");
    const feedConfig = (feed: string): RpcCall =>
      call(poolAddress(feed), poolInterface.encodeFunctionData("feedConfig", [feed]));
    const byFeed = new Map(
      vaults.flatMap((v) => [
        [v.volFeed, v.pool],
        [v.indexFeed, v.pool],
      ]),
    );
    const poolAddress = (feed: string): string => byFeed.get(feed) as string;
    const calls: RpcCall[] = [
      { method: "eth_getBlockByNumber", params: ["latest", false] },
      { method: "eth_getBalance", params: [this.keeper, "latest"] },
      ...vaults.flatMap((v) => [
        call(v.vault, keeperState),
        call(v.volFeed, latestRound),
        call(v.indexFeed, latestRound),
        // Governance may change the pool's heartbeats and surface ages: read every cycle (same batch).
        feedConfig(v.volFeed),
        feedConfig(v.indexFeed),
        // The surfaces' times: a trade on a feed whose surface is stale reverts SurfaceStale.
        surfaceCall(v.volOracle, v.volFeed),
        surfaceCall(v.volOracle, v.indexFeed),
      ]),
    ];
    const out = await this.rpc.batch(calls);
    const block = out[0] as { number: string; timestamp: string } | RpcResponseError;
    if (block instanceof RpcResponseError) throw block;
    const balance = out[1];
    if (balance instanceof RpcResponseError) throw balance;
    const per = 7;
    const snapshots = vaults.map((addresses, i): VaultSnapshot => {
      const raw = out[2 + per * i];
      if (raw instanceof RpcResponseError || typeof raw !== "string")
        throw new VaultReadError(
          addresses.vault,
          "keeperState()",
          raw instanceof Error ? raw.message : String(raw),
        );
      const state = vaultInterface.decodeFunctionResult("keeperState", raw)[0] as KeeperStateOnChain;
      const [volConfig, indexConfig] = [out[5 + per * i], out[6 + per * i]].map(decodeFeedConfig) as [
        ReturnType<typeof decodeFeedConfig>,
        ReturnType<typeof decodeFeedConfig>,
      ];
      const poolHeartbeats = [volConfig.heartbeat, indexConfig.heartbeat];
      return {
        addresses,
        state,
        volLatest: decodeRound(out[3 + per * i]),
        indexLatest: decodeRound(out[4 + per * i]),
        volHistory: [],
        feedHeartbeat: Math.min(addresses.feedHeartbeat, ...poolHeartbeats.filter((h) => h > 0)),
        surfaces: {
          vol: { updatedAt: decodeSurfaceTime(out[7 + per * i]), maxAge: volConfig.surfaceMaxAge },
          index: { updatedAt: decodeSurfaceTime(out[8 + per * i]), maxAge: indexConfig.surfaceMaxAge },
        },
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

  /**
   * The latest round and surface time of a vault's two feeds now (one batch), e.g. to see whether they moved
   * since a plan.
   */
  async latestRounds(v: VaultAddresses): Promise<FeedsNow> {
    const latestRound = feedInterface.encodeFunctionData("latestRoundData");
    const [vol, index, volSurface, indexSurface] = await this.rpc.batch([
      call(v.volFeed, latestRound),
      call(v.indexFeed, latestRound),
      surfaceCall(v.volOracle, v.volFeed),
      surfaceCall(v.volOracle, v.indexFeed),
    ]);
    return {
      vol: decodeRound(vol),
      index: decodeRound(index),
      volSurface: decodeSurfaceTime(volSurface),
      indexSurface: decodeSurfaceTime(indexSurface),
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
