// The feed pusher as a service: one observation at a time, each pushed to both index feeds through the
// keeper's transaction manager (simulated, nonce-safe, fee-capped, confirmed, RPC failover), and every fault of
// the RPC, the value source or a transaction retried after a back-off instead of ending the process. Only a
// missing REPORTER_ROLE stops it. A volatility-surface push will be a second step beside pushIndexObservation.
import type { Logger } from "pino";
import { feedInterface } from "../../keeper/src/chain/contracts.js";
import { ChainIdMismatchError, MainnetRefusedError } from "../../keeper/src/config/errors.js";
import { formatLevel } from "../../keeper/src/rules/format.js";
import type { RevertReason } from "../../keeper/src/tx/classifyRevert.js";
import { SimulationRevertedError } from "../../keeper/src/tx/errors.js";
import type { RpcTransport } from "../../keeper/src/tx/rpcClient.js";
import type { TxManager } from "../../keeper/src/tx/txManager.js";
import type { ObservationSource } from "./observations.js";
import type { IndexValues } from "./pushIndexValues.js";
import { IndexValueError } from "./values.js";

export interface FeedAddresses {
  vix: string;
  spx: string;
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
   * Takes observations from `source` and pushes each one, retrying every failed attempt (RPC down, a timeout,
   * a node error, fees above the cap, the source unreachable) after a back-off, until the source is
   * exhausted, `maxPushes` is reached or `stop()` is called. Returns the number of observations pushed.
   */
  async run(source: ObservationSource, options: RunOptions): Promise<number> {
    let pushes = 0;
    let failures = 0;
    let pending: IndexValues | null | undefined;
    while (!this.stopping) {
      try {
        pending ??= await source.next();
        if (pending === null) break;
        const pushed = await this.pushIndexObservation(pending);
        pushes++;
        failures = 0;
        this.o.log.info(
          { event: "pushed", ...pushed, vix: pending.vix, spx: pending.spx },
          `pushed VIX ${formatLevel(pending.vix)} (round ${pushed.vixRound}), SPX ${formatLevel(pending.spx)} (round ${pushed.spxRound}) at ${new Date(pushed.observedAt * 1000).toISOString()}`,
        );
        pending = undefined;
        if (options.intervalSeconds === 0 || (options.maxPushes !== 0 && pushes >= options.maxPushes)) break;
        await this.sleep(options.intervalSeconds * 1_000);
      } catch (e) {
        // Retrying cannot fix these: a missing role, a config pointing at another chain or a mainnet.
        if (
          e instanceof NotReporterError ||
          e instanceof ChainIdMismatchError ||
          e instanceof MainnetRefusedError
        )
          throw e;
        if (e instanceof IndexValueError || e instanceof ValueRefusedError) {
          // A bad value never becomes good: log it and go on with the next observation.
          this.o.log.error({ event: "value-skipped", error: e.message }, `observation skipped: ${e.message}`);
          pending = undefined;
          continue;
        }
        if (!(e instanceof Error)) throw e;
        const waitMs = Math.min(
          this.o.retryMaxMs ?? 60_000,
          (this.o.retryInitialMs ?? 1_000) * 2 ** Math.min(failures, 16),
        );
        failures++;
        this.o.log.warn(
          { event: "push-retry", attempt: failures, waitMs, error: e.message, errorType: e.name },
          `push failed (attempt ${failures}): ${e.message}; retrying in ${waitMs} ms`,
        );
        await this.sleep(waitMs);
      }
    }
    return pushes;
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

  /** The latest block's time once it is after both feeds' last rounds (bounded wait for new blocks). */
  private async blockTimeAfterLastRounds(): Promise<number> {
    // One batch; a feed with no round yet answers IndexFeedNoRounds (an error entry): nothing to be after.
    const call = { data: feedInterface.encodeFunctionData("latestRoundData") };
    const rounds = await this.o.rpc.batch(
      [this.o.feeds.vix, this.o.feeds.spx].map((to) => ({
        method: "eth_call",
        params: [{ ...call, to }, "latest"],
      })),
    );
    const notBefore = Math.max(
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
        throw new Error(`the chain's time (${time}) did not pass the feeds' last round (${notBefore})`);
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
