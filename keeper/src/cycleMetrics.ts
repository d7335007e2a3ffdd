import { Counter, Gauge, Histogram, type Registry } from "prom-client";

export interface CycleMetrics {
  cycleSeconds: Histogram;
  actionsPlanned: Counter<"type">;
  actionsSent: Counter<"type">;
  actionsSkipped: Counter<"type">;
  actionsFailed: Counter<"type">;
  actionsDeferred: Counter<"type">;
  gasSpentWei: Counter;
  gasUsed: Counter;
  walletBalanceWei: Gauge;
  feedAgeSeconds: Gauge<"vault" | "feed">;
  lastCycleTimestamp: Gauge;
}

/** Per-cycle metrics of the running keeper, registered in the keeper's own registry. */
export function createCycleMetrics(registry: Registry): CycleMetrics {
  const registers = [registry];
  return {
    cycleSeconds: new Histogram({
      name: "alvh_keeper_cycle_seconds",
      help: "Duration of one keeper cycle (read, plan, simulate, send, confirm)",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    actionsPlanned: new Counter({
      name: "alvh_keeper_actions_planned_total",
      help: "Actions planned, by type",
      labelNames: ["type"],
      registers,
    }),
    actionsSent: new Counter({
      name: "alvh_keeper_actions_sent_total",
      help: "Actions sent and confirmed, by type",
      labelNames: ["type"],
      registers,
    }),
    actionsSkipped: new Counter({
      name: "alvh_keeper_actions_skipped_total",
      help: "Actions the chain reported as already done / not due, by type",
      labelNames: ["type"],
      registers,
    }),
    actionsFailed: new Counter({
      name: "alvh_keeper_actions_failed_total",
      help: "Actions that failed (simulation revert, mined revert, timeout), by type",
      labelNames: ["type"],
      registers,
    }),
    actionsDeferred: new Counter({
      name: "alvh_keeper_actions_deferred_total",
      help: "Actions held back because fees were above the hard cap (nothing sent; retried next cycle), by type",
      labelNames: ["type"],
      registers,
    }),
    gasSpentWei: new Counter({
      name: "alvh_keeper_gas_spent_wei_total",
      help: "Fees paid by the keeper wallet (gasUsed × effectiveGasPrice), wei",
      registers,
    }),
    gasUsed: new Counter({
      name: "alvh_keeper_gas_used_total",
      help: "Gas used by keeper transactions",
      registers,
    }),
    walletBalanceWei: new Gauge({
      name: "alvh_keeper_wallet_balance_wei",
      help: "Keeper wallet balance at the last cycle, wei",
      registers,
    }),
    feedAgeSeconds: new Gauge({
      name: "alvh_keeper_feed_age_seconds",
      help: "Age of the latest feed round at the last cycle (chain time), by vault and feed",
      labelNames: ["vault", "feed"],
      registers,
    }),
    lastCycleTimestamp: new Gauge({
      name: "alvh_keeper_last_cycle_timestamp_seconds",
      help: "Wall-clock time of the last completed cycle",
      registers,
    }),
  };
}
