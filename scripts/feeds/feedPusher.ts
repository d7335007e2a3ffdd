// The feed pusher as a service: one observation at a time, each pushed in two steps through the keeper's
// transaction manager (simulated, nonce-safe, fee-capped, confirmed, RPC failover): the index rounds of both
// feeds, then both volatility surfaces built from the same observation and stamped with the same time. Every
// fault of the RPC, the value source or a transaction is retried after a back-off instead of ending the
// process, and a failed surface step is retried alone (the rounds stay pushed). Only a missing REPORTER_ROLE or
// VOL_ORACLE_ROLE stops it; a value or a surface that is refused skips that observation (or its surfaces).
import type { Logger } from "pino";
import { feedInterface, volOracleInterface } from "../../keeper/src/chain/contracts.js";
import { ChainIdMismatchError, MainnetRefusedError } from "../../keeper/src/config/errors.js";
import { formatLevel } from "../../keeper/src/rules/format.js";
import type { RevertReason } from "../../keeper/src/tx/classifyRevert.js";
import { SimulationRevertedError } from "../../keeper/src/tx/errors.js";
import type { RpcTransport } from "../../keeper/src/tx/rpcClient.js";
import type { TxManager } from "../../keeper/src/tx/txManager.js";
import type { OracleSettingsOverride } from "../volatility/index.js";
import type { Observation, ObservationSource } from "./observations.js";
import type { IndexValues } from "./pushIndexValues.js";
import { modelledInputs, observationSurfaces, SurfaceRefusedError } from "./observationSurfaces.js";
import type { OptionalInput } from "./settings.js";
import { IndexValueError } from "./values.js";

export interface FeedAddresses {
  vix: string;
  spx: string;
}

type FeedName = "VIX" | "SPX";

/** What the surface step did per feed, and the inputs the model filled in. */
export interface PushedSurfaces {
  pushed: FeedName[];
  /** Feeds whose surface already carried this observation's time (a retry after a push that was mined). */
  alreadyPushed: FeedName[];
  /** Feeds whose surface the oracle contract refused, and its error. */
  refused: Array<{ feed: FeedName; reason: string }>;
  modelled: OptionalInput[];
}

export interface PushedObservation {
  observedAt: number;
  vixRound: bigint;
  spxRound: bigint;
}

/** The pushing account lacks REPORTER_ROLE on a feed: retrying cannot help. */
export class NotReporterError extends Error {
  override readonly name = "NotReporterError";
  constructor(
    readonly feed: string,
    readonly account: string,
  ) {
    super(
      `account ${account} lacks REPORTER_ROLE on feed ${feed}: grant it (the Feeds module's "reporter" parameter) or push with the reporter's key`,
    );
  }
}

/** The pushing account lacks VOL_ORACLE_ROLE on the surface oracle: retrying cannot help. */
export class NotVolOracleError extends Error {
  override readonly name = "NotVolOracleError";
  constructor(
    readonly oracle: string,
    readonly account: string,
  ) {
    super(
      `account ${account} lacks VOL_ORACLE_ROLE on the volatility-surface oracle ${oracle}: grant it (the Feeds module's "reporter" parameter) or push with the role holder's key`,
    );
  }
}

/** The feed refuses the value itself (not positive, outside its bounds): skip that observation. */
export class ValueRefusedError extends Error {
  override readonly name = "ValueRefusedError";
}

export interface FeedPusherOptions {
  rpc: RpcTransport;
  tx: TxManager;
  /** The address the transaction manager signs with. */
  reporter: string;
  feeds: FeedAddresses;
  /** The volatility-surface oracle; without one only the index rounds are pushed. */
  volOracle?: string | undefined;
  /** Settings of the oracle module over its documented defaults (scripts/volatility/settings.ts). */
  oracleSettings?: OracleSettingsOverride | undefined;
  log: Logger;
  /** First back-off after a failed attempt; doubles up to `retryMaxMs`. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** How long one attempt waits for the chain's time to pass the feeds' last rounds. */
  blockWaitMs?: number;
}

export interface RunOptions {
  /** Seconds between two observations; 0: push one and return. */
  intervalSeconds: number;
  /** Stop after this many pushes (0: until the source is exhausted or `stop()`). */
  maxPushes: number;
}

const customName = (r: RevertReason | undefined): string | undefined =>
  r?.kind === "custom" ? r.name : undefined;

/** Runs the pusher; `stop()` ends it after the push in flight (SIGTERM/SIGINT in the script). */
export class FeedPusher {
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(private readonly o: FeedPusherOptions) {}

  /** Ends `run` after the push in flight; a back-off or interval wait ends at once. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  /**
   * Pushes one observation to both index feeds, stamped with the latest block's time (a feed refuses a time
   * not after its last round, or after the block's: the latest block's time is neither once it has passed
   * both last rounds). One confirmed transaction per feed.
   */
  async pushIndexObservation(values: IndexValues): Promise<PushedObservation> {
    const observedAt = await this.blockTimeAfterLastRounds();
    const vixRound = await this.pushRound(this.o.feeds.vix, "VIX", values.vix, observedAt);
    const spxRound = await this.pushRound(this.o.feeds.spx, "SPX", values.spx, observedAt);
    return { observedAt, vixRound, spxRound };
  }

  /**
   * Pushes both volatility surfaces of `observation` (built by the oracle module, scripts/volatility), stamped
   * `observedAt` — the time of the index rounds pushed from it. A surface the oracle already holds at that
   * time (a retry after a push that was mined) is not pushed again. Both transactions go out together; a
   * surface the oracle contract refuses is reported in `refused`. Throws SurfaceRefusedError when the oracle
   * module refuses the inputs (nothing is pushed), NotVolOracleError without the role.
   */
  async pushSurfaceObservation(observation: Observation, observedAt: number): Promise<PushedSurfaces> {
    const oracle = this.o.volOracle;
    if (oracle === undefined) throw new Error("pushSurfaceObservation: no volOracle configured");
    const built = observationSurfaces(observation, observedAt, this.o.oracleSettings);
    const [vixAt, spxAt] = await this.surfaceTimes(oracle);
    const targets = (
      [
        ["VIX", this.o.feeds.vix, built.vix, vixAt],
        ["SPX", this.o.feeds.spx, built.spx, spxAt],
      ] as const
    ).map(([name, feed, surface, at]) => ({ name, feed, surface, done: at >= observedAt }));
    const todo = targets.filter((t) => !t.done);
    const results = await Promise.allSettled(
      todo.map((t) =>
        this.o.tx
          .send({
            label: `pushSurface ${t.name}`,
            to: oracle,
            data: volOracleInterface.encodeFunctionData("pushSurface", [
              t.feed,
              t.surface.updatedAt,
              t.surface.pillars,
            ]),
            errors: volOracleInterface,
          })
          .catch((e: unknown) => {
            if (e instanceof SimulationRevertedError) {
              const name = customName(e.decoded);
              if (name === "AccessControlUnauthorizedAccount")
                throw new NotVolOracleError(oracle, this.o.reporter);
              if (name?.startsWith("Surface") === true) throw new SurfaceRefusedError(e.reason);
            }
            throw e;
          }),
      ),
    );
    const result: PushedSurfaces = {
      pushed: [],
      alreadyPushed: targets.filter((t) => t.done).map((t) => t.name),
      refused: [],
      modelled: built.modelled,
    };
    const failures: unknown[] = [];
    results.forEach((r, i) => {
      const name = todo[i]!.name;
      if (r.status === "fulfilled") result.pushed.push(name);
      else if (r.reason instanceof SurfaceRefusedError)
        result.refused.push({ feed: name, reason: r.reason.message });
      else failures.push(r.reason);
    });
    // A missing role outranks any other failure: it stops the pusher. Any other failure: the step is retried
    // (what was pushed is then found at this time and not pushed again).
    const failure = failures.find((f) => f instanceof NotVolOracleError) ?? failures[0];
    if (failure !== undefined) throw failure;
    return result;
  }

  /**
   * Takes observations from `source` and pushes each one (its index rounds, then its surfaces when an oracle
   * is configured), retrying every failed attempt (RPC down, a timeout, a node error, fees above the cap, the
   * source unreachable) after a back-off, until the source is exhausted, `maxPushes` is reached or `stop()` is
   * called. A failed surface step is retried alone. Returns the number of observations pushed.
   */
  async run(source: ObservationSource, options: RunOptions): Promise<number> {
    let pushes = 0;
    let failures = 0;
    let pending: Observation | null | undefined;
    /** The index rounds of `pending`, once pushed: a retry then only repeats the surface step. */
    let rounds: PushedObservation | undefined;
    const modelled = (): { modelled?: OptionalInput[] } =>
      this.o.volOracle === undefined || !pending ? {} : { modelled: modelledInputs(pending) };
    while (!this.stopping) {
      try {
        if (pending === undefined) {
          pending = await source.next();
          for (const u of pending?.unavailable ?? [])
            this.o.log.warn(
              { event: "input-unavailable", input: u.input, error: u.reason, ...modelled() },
              `${u.input.toUpperCase()} unavailable, modelled for this observation: ${u.reason}`,
            );
        }
        if (pending === null) break;
        rounds ??= await this.pushIndexObservation(pending);
        const { observedAt, vixRound, spxRound } = rounds;
        const surfaces =
          this.o.volOracle === undefined ? undefined : await this.surfaceStep(pending, observedAt);
        pushes++;
        failures = 0;
        this.o.log.info(
          {
            event: "pushed",
            ...rounds,
            vix: pending.vix,
            spx: pending.spx,
            ...(surfaces === undefined ? {} : { surfaces }),
            ...modelled(),
          },
          `pushed VIX ${formatLevel(pending.vix)} (round ${vixRound}), SPX ${formatLevel(pending.spx)} (round ${spxRound}) at ${new Date(observedAt * 1000).toISOString()}${surfaces === undefined ? "" : `; surfaces ${surfaces}`}`,
        );
        pending = undefined;
        rounds = undefined;
        if (options.intervalSeconds === 0 || (options.maxPushes !== 0 && pushes >= options.maxPushes)) break;
        await this.sleep(options.intervalSeconds * 1_000);
      } catch (e) {
        // Retrying cannot fix these: a missing role, a config pointing at another chain or a mainnet.
        if (
          e instanceof NotReporterError ||
          e instanceof NotVolOracleError ||
          e instanceof ChainIdMismatchError ||
          e instanceof MainnetRefusedError
        )
          throw e;
        if (e instanceof IndexValueError || e instanceof ValueRefusedError) {
          // A bad value never becomes good: log it and go on with the next observation.
          this.o.log.error(
            { event: "value-skipped", error: e.message, ...modelled() },
            `observation skipped: ${e.message}`,
          );
          pending = undefined;
          rounds = undefined;
          continue;
        }
        if (!(e instanceof Error)) throw e;
        const waitMs = Math.min(
          this.o.retryMaxMs ?? 60_000,
          (this.o.retryInitialMs ?? 1_000) * 2 ** Math.min(failures, 16),
        );
        failures++;
        const step = rounds === undefined ? "index rounds" : "surfaces";
        this.o.log.warn(
          {
            event: "push-retry",
            step,
            attempt: failures,
            waitMs,
            error: e.message,
            errorType: e.name,
            ...modelled(),
          },
          `push of the ${step} failed (attempt ${failures}): ${e.message}; retrying in ${waitMs} ms`,
        );
        await this.sleep(waitMs);
      }
    }
    return pushes;
  }

  /**
   * The surface step of `run`, logged: pushes both surfaces, or logs each refusal (module or contract) as a
   * skipped surface. A refused surface never becomes good: the rounds stay pushed (settlement needs them),
   * the pool keeps the previous surface until it ages out, and the next observation brings a new one. Returns
   * the summary for the observation's `pushed` line, e.g. "SPX pushed, VIX refused (VIX6M modelled)".
   */
  private async surfaceStep(observation: Observation, observedAt: number): Promise<string> {
    const modelled = describeModelled(modelledInputs(observation));
    const skipped = (feeds: string, error: string): void =>
      this.o.log.error(
        { event: "surface-skipped", feeds, observedAt, error, modelled: modelledInputs(observation) },
        `${feeds} surface skipped (${modelled}): ${error}`,
      );
    let done: PushedSurfaces;
    try {
      done = await this.pushSurfaceObservation(observation, observedAt);
    } catch (e) {
      if (!(e instanceof SurfaceRefusedError)) throw e;
      skipped("VIX and SPX", e.message);
      return `skipped (${modelled})`;
    }
    for (const r of done.refused) skipped(r.feed, `refused by the oracle: ${r.reason}`);
    const parts = [
      ...[...done.pushed, ...done.alreadyPushed].sort().map((f) => `${f} pushed`),
      ...done.refused.map((r) => `${r.feed} refused`),
    ];
    return `${parts.join(", ")} (${modelled})`;
  }

  private async pushRound(feed: string, what: string, answer: bigint, observedAt: number): Promise<bigint> {
    try {
      await this.o.tx.send({
        label: `pushRound ${what}`,
        to: feed,
        data: feedInterface.encodeFunctionData("pushRound", [answer, observedAt]),
        errors: feedInterface,
      });
    } catch (e) {
      if (e instanceof SimulationRevertedError) {
        const name = customName(e.decoded);
        if (name === "AccessControlUnauthorizedAccount") throw new NotReporterError(feed, this.o.reporter);
        if (name === "IndexFeedAnswerOutOfBounds" || name === "IndexFeedAnswerNotPositive")
          throw new ValueRefusedError(`${what} ${formatLevel(answer)} refused by the feed: ${e.reason}`);
      }
      throw e;
    }
    const latest = await this.o.rpc.request<string>("eth_call", [
      { to: feed, data: feedInterface.encodeFunctionData("latestRound") },
      "latest",
    ]);
    return feedInterface.decodeFunctionResult("latestRound", latest)[0] as bigint;
  }

  /** The oracle's surface times of both feeds (0: none yet), one batch. */
  private async surfaceTimes(oracle: string): Promise<[number, number]> {
    const out = await this.o.rpc.batch(
      [this.o.feeds.vix, this.o.feeds.spx].map((feed) => ({
        method: "eth_call",
        params: [{ to: oracle, data: volOracleInterface.encodeFunctionData("slice", [feed, 0]) }, "latest"],
      })),
    );
    const time = (raw: unknown): number => {
      if (typeof raw !== "string") throw raw instanceof Error ? raw : new Error(`slice: ${String(raw)}`);
      return Number(
        (volOracleInterface.decodeFunctionResult("slice", raw)[0] as { updatedAt: bigint }).updatedAt,
      );
    };
    return [time(out[0]), time(out[1])];
  }

  /**
   * The latest block's time once it is after both feeds' last rounds and, with an oracle, both feeds' last
   * surfaces (the oracle refuses a surface time not after the previous one) — bounded wait for new blocks.
   */
  private async blockTimeAfterLastRounds(): Promise<number> {
    // One batch; a feed with no round yet answers IndexFeedNoRounds (an error entry): nothing to be after.
    const call = { data: feedInterface.encodeFunctionData("latestRoundData") };
    const rounds = await this.o.rpc.batch(
      [this.o.feeds.vix, this.o.feeds.spx].map((to) => ({
        method: "eth_call",
        params: [{ ...call, to }, "latest"],
      })),
    );
    const surfaces = this.o.volOracle === undefined ? [] : await this.surfaceTimes(this.o.volOracle);
    const notBefore = Math.max(
      ...surfaces,
      ...rounds.map((r) =>
        typeof r === "string"
          ? Number(feedInterface.decodeFunctionResult("latestRoundData", r)[3] as bigint)
          : 0,
      ),
    );
    const deadline = Date.now() + (this.o.blockWaitMs ?? 120_000);
    for (;;) {
      const block = await this.o.rpc.request<{ timestamp: string }>("eth_getBlockByNumber", [
        "latest",
        false,
      ]);
      const time = Number(BigInt(block.timestamp));
      if (time > notBefore) return time;
      if (Date.now() > deadline)
        throw new Error(
          `the chain's time (${time}) did not pass the feeds' last round or surface (${notBefore})`,
        );
      await this.sleep(1_000);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/** "VIX6M, VVIX modelled" or "no input modelled", for log lines. */
function describeModelled(modelled: readonly OptionalInput[]): string {
  return modelled.length === 0
    ? "no input modelled"
    : `${modelled.map((m) => m.toUpperCase()).join(", ")} modelled`;
}
