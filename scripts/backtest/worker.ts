// A backtest worker process (forked by scripts/backtest/workerPool.ts with tsx): replays one policy at a time,
// each on a fresh chain, and reports each day and the result to its parent.
import { runPolicy } from "./runPolicy.js";
import type { WorkerReply, WorkerRequest } from "./workerPool.js";

const send = (reply: WorkerReply): void => {
  process.send?.(reply);
};

if (process.send === undefined) {
  console.error("scripts/backtest/worker.ts runs as a child of npm run backtest (it needs an IPC channel)");
  process.exit(2);
}

process.on("message", (request: WorkerRequest) => {
  if (request.type === "stop") {
    process.disconnect();
    process.exit(0);
  }
  const { id, market, policy } = request;
  runPolicy(market, policy, (day) => send({ type: "day", id, date: day.date }))
    .then((result) => send({ type: "done", id, result }))
    .catch((e: unknown) => send({ type: "failed", id, error: e instanceof Error ? e.message : String(e) }));
});
send({ type: "ready" });
