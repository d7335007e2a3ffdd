import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { TxEvent } from "./tx/txManager.js";
import type { RpcEvent } from "./tx/rpcClient.js";
import type { Plan } from "./types.js";

export interface KeeperMetrics {
  registry: Registry;
  txEvents: Counter<"event">;
  rpcRequests: Histogram<"method" | "ok">;
  rpcFailovers: Counter<"from" | "to">;
  rpcRetries: Counter<"url">;
  planActions: Gauge<"type">;
  planWarnings: Gauge<"level">;
  planCriticalWarnings: Gauge<"code">;
  intensity: Gauge;
  lastPlanTimestamp: Gauge;
  lastTickSuccessTimestamp: Gauge;
  tickErrors: Counter;
}

const ACTION_TYPES = [
  "RollLayer",
  "MonetiseLayer",
  "OpenCondor",
  "RollCondorSide",
  "CloseCondor",
  "SettleSeries",
  "ProcessEpoch",
] as const;

/** What `alvh_keeper_build_info` labels: the running code. */
export interface BuildInfo {
  version: string;
  commit: string;
}

export interface KeeperMetricsOptions {
  /** Publish `alvh_keeper_build_info{version,commit,node} 1`. */
  build?: BuildInfo | undefined;
  /**
   * Add prom-client's default Node process metrics (process_cpu_seconds_total, process_resident_memory_bytes,
   * nodejs_eventloop_lag_seconds, nodejs_heap_size_used_bytes, …; standard names, no prefix). The CLI does;
   * a process hosting several keepers (tests) leaves them off.
   */
  processMetrics?: boolean;
}

/**
 * The keeper's Prometheus metrics in their own registry (no global state, so tests and several
 * keepers in one process do not collide). Names are prefixed `alvh_keeper_`.
 */
export function createKeeperMetrics(options: KeeperMetricsOptions = {}): KeeperMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics === true) collectDefaultMetrics({ register: registry });
  if (options.build !== undefined) {
    new Gauge({
      name: "alvh_keeper_build_info",
      help: "The running keeper: package version, git commit, Node.js version (always 1)",
      labelNames: ["version", "commit", "node"],
      registers,
    }).set({ ...options.build, node: process.version }, 1);
  }
  const m: KeeperMetrics = {
    registry,
    txEvents: new Counter({
      name: "alvh_keeper_tx_events_total",
      help: "Transaction manager events by type (tx-sent, tx-replaced, tx-confirmed, tx-reorged, tx-reverted, tx-skipped, …)",
      labelNames: ["event"],
      registers,
    }),
    rpcRequests: new Histogram({
      name: "alvh_keeper_rpc_request_seconds",
      help: "JSON-RPC request latency by method and outcome",
      labelNames: ["method", "ok"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    rpcFailovers: new Counter({
      name: "alvh_keeper_rpc_failovers_total",
      help: "Failovers from one RPC URL to the next",
      labelNames: ["from", "to"],
      registers,
    }),
    rpcRetries: new Counter({
      name: "alvh_keeper_rpc_retries_total",
      help: "Retries on the same RPC URL (a single configured URL failed; not a failover)",
      labelNames: ["url"],
      registers,
    }),
    planActions: new Gauge({
      name: "alvh_keeper_plan_actions",
      help: "Actions in the latest plan by type",
      labelNames: ["type"],
      registers,
    }),
    planWarnings: new Gauge({
      name: "alvh_keeper_plan_warnings",
      help: "Warnings in the latest plan by level",
      labelNames: ["level"],
      registers,
    }),
    planCriticalWarnings: new Gauge({
      name: "alvh_keeper_plan_critical_warnings",
      help: "Critical warnings in the latest plan by code (e.g. CalendarYearMissing)",
      labelNames: ["code"],
      registers,
    }),
    intensity: new Gauge({
      name: "alvh_keeper_intensity",
      help: "Hedge intensity multiplier of the latest plan (clamped)",
      registers,
    }),
    lastPlanTimestamp: new Gauge({
      name: "alvh_keeper_last_plan_timestamp_seconds",
      help: "Chain time of the latest plan",
      registers,
    }),
    lastTickSuccessTimestamp: new Gauge({
      name: "alvh_keeper_last_tick_success_timestamp_seconds",
      help: "Wall-clock time of the last tick that ended without error",
      registers,
    }),
    tickErrors: new Counter({
      name: "alvh_keeper_tick_errors_total",
      help: "Ticks that ended with an error",
      registers,
    }),
  };
  for (const type of ACTION_TYPES) m.planActions.set({ type }, 0);
  for (const level of ["info", "warn", "critical"]) m.planWarnings.set({ level }, 0);
  return m;
}

/** Counts one transaction-manager event. */
export function recordTxEvent(m: KeeperMetrics, e: TxEvent): void {
  m.txEvents.inc({ event: e.type });
}

/** Records one RPC request or failover. */
export function recordRpcEvent(m: KeeperMetrics, e: RpcEvent): void {
  if (e.type === "rpc-request") m.rpcRequests.observe({ method: e.method, ok: String(e.ok) }, e.ms / 1000);
  else if (e.type === "rpc-retry") m.rpcRetries.inc({ url: e.url });
  else m.rpcFailovers.inc({ from: e.from, to: e.to });
}

/** Publishes the latest plan: action counts, warning counts, critical codes, intensity. */
export function recordPlan(m: KeeperMetrics, plan: Plan): void {
  for (const type of ACTION_TYPES)
    m.planActions.set({ type }, plan.actions.filter((a) => a.type === type).length);
  for (const level of ["info", "warn", "critical"] as const)
    m.planWarnings.set({ level }, plan.warnings.filter((w) => w.level === level).length);
  m.planCriticalWarnings.reset();
  for (const w of plan.warnings) if (w.level === "critical") m.planCriticalWarnings.inc({ code: w.code });
  m.intensity.set(plan.intensity);
  m.lastPlanTimestamp.set(plan.createdAt);
}
