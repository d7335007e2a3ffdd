// Runs the backtest's policies in worker processes, each policy on its own fresh chain (so no two policies
// share a pool: its 32 active series and its 80 % utilisation cap stay each policy's own). A worker is this
// repository's scripts/backtest/worker.ts forked with tsx; it takes one policy at a time and reports each
// replayed day (the progress bar) and then its result.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { HedgedVaultPolicy } from "../demo/hedgeSide.js";
import type { MarketDay } from "../demo/marketDay.js";
import type { PolicyRunResult } from "./runPolicy.js";

/** Parent -> worker. */
export type WorkerRequest =
  { type: "run"; id: number; market: MarketDay[]; policy: HedgedVaultPolicy } | { type: "stop" };

/** Worker -> parent. */
export type WorkerReply =
  | { type: "ready" }
  | { type: "day"; id: number; date: string }
  | { type: "done"; id: number; result: PolicyRunResult }
  | { type: "failed"; id: number; error: string };

/** One policy's outcome: its result, or why it failed. */
export type PolicyOutcome = { ok: true; result: PolicyRunResult } | { ok: false; error: string };

export interface WorkerPoolOptions {
  /** Worker processes (at most one per policy). */
  workers: number;
  /** A replayed day of policy `id`. */
  onDay?: (id: number, date: string) => void;
  /** Policy `id` is finished. */
  onFinished?: (id: number, outcome: PolicyOutcome) => void;
}

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));

/** Keeps the last few KiB of a worker's error output, to say why it died. */
function tail(child: ChildProcess): () => string {
  let text = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    text = (text + chunk.toString("utf8")).slice(-4000);
  });
  return () => text.trim();
}

/** Replays `market` once per policy, `options.workers` at a time; outcomes in the order of `policies`. */
export async function runPoliciesInWorkers(
  market: readonly MarketDay[],
  policies: readonly HedgedVaultPolicy[],
  options: WorkerPoolOptions,
): Promise<PolicyOutcome[]> {
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new Error(`backtest: workers must be a positive whole number, got ${options.workers}`);
  }
  const outcomes: (PolicyOutcome | undefined)[] = policies.map(() => undefined);
  let next = 0;
  const tsx = import.meta.resolve("tsx");
  const runOne = (): Promise<void> =>
    new Promise((resolve) => {
      const child = fork(WORKER, [], {
        execArgv: ["--import", tsx],
        serialization: "advanced", // the policies hold bigints
        stdio: ["ignore", "ignore", "pipe", "ipc"],
      });
      const stderr = tail(child);
      let current: number | undefined;
      const finish = (id: number, outcome: PolicyOutcome): void => {
        outcomes[id] = outcome;
        options.onFinished?.(id, outcome);
      };
      const send = (): void => {
        if (next >= policies.length) {
          current = undefined;
          child.send({ type: "stop" } satisfies WorkerRequest);
          return;
        }
        current = next++;
        child.send({
          type: "run",
          id: current,
          market: [...market],
          policy: policies[current]!,
        } satisfies WorkerRequest);
      };
      child.on("message", (m: WorkerReply) => {
        if (m.type === "ready") send();
        else if (m.type === "day") options.onDay?.(m.id, m.date);
        else {
          finish(m.id, m.type === "done" ? { ok: true, result: m.result } : { ok: false, error: m.error });
          send();
        }
      });
      child.on("exit", (code, signal) => {
        // A worker that dies mid-policy fails that policy; the others go on in the remaining workers.
        if (current !== undefined) {
          const why = stderr() || `exit code ${code ?? "none"}${signal === null ? "" : `, signal ${signal}`}`;
          finish(current, { ok: false, error: `worker died: ${why}` });
        }
        resolve();
      });
    });
  const count = Math.min(options.workers, policies.length);
  await Promise.all(Array.from({ length: count }, runOne));
  // A worker that died before taking its share leaves policies unrun: run them in a fresh worker.
  if (outcomes.some((o) => o === undefined) && next < policies.length) await runOne();
  return outcomes.map((o, i) => o ?? { ok: false, error: `policy ${i} was never run` });
}
