import { type DestinationStream, type Logger, pino } from "pino";
import type { RpcEvent } from "./tx/rpcClient.js";
import type { TxEvent } from "./tx/txManager.js";
import type { Plan } from "./types.js";

export type { Logger } from "pino";

/**
 * Structured JSON logs (pino). Secrets are redacted wherever they appear under the usual names;
 * bigints are written as decimal strings so amounts (6 decimals) and levels (8 decimals) stay exact.
 */
export function createLogger(
  level: string,
  destination?: DestinationStream,
  service = "alvh-keeper",
): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        "privateKey",
        "*.privateKey",
        "password",
        "*.password",
        "mnemonic",
        "*.mnemonic",
        "key.privateKey",
      ],
      censor: "[redacted]",
    },
    formatters: { level: (label: string) => ({ level: label }) },
    hooks: {
      logMethod(
        this: Logger,
        args: Parameters<Logger["info"]>,
        method: (...a: Parameters<Logger["info"]>) => void,
      ) {
        const [first, ...rest] = args;
        method.apply(this, [
          typeof first === "object" && first !== null ? bigintsToStrings(first) : first,
          ...rest,
        ] as Parameters<Logger["info"]>);
      },
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

function bigintsToStrings(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(bigintsToStrings);
  if (value instanceof Error) return value;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bigintsToStrings(v)]));
  }
  return value;
}

/** One line per transaction event: reverts and fee-cap stalls at warn, the rest at info. */
export function logTxEvent(log: Logger, e: TxEvent): void {
  const level =
    e.type === "tx-reverted" || e.type === "tx-fee-capped" || e.type === "tx-reorged" ? "warn" : "info";
  log[level]({ event: e.type, ...e }, `${e.type} ${e.label}`);
}

/** RPC failovers and single-URL retries at warn; individual requests at trace. */
export function logRpcEvent(log: Logger, e: RpcEvent): void {
  if (e.type === "rpc-failover") log.warn({ event: e.type, ...e }, `rpc failover ${e.from} → ${e.to}`);
  else if (e.type === "rpc-retry") log.warn({ event: e.type, ...e }, `rpc retry ${e.url}: ${e.reason}`);
  else log.trace({ event: e.type, ...e }, `rpc ${e.method}`);
}

/** The plan: a summary line, one line per action, and each warning at its level (critical → error). */
export function logPlan(log: Logger, plan: Plan): void {
  log.info(
    {
      event: "plan",
      createdAt: plan.createdAt,
      intensity: plan.intensity,
      actions: plan.actions.length,
      warnings: plan.warnings.length,
    },
    "plan computed",
  );
  for (const a of plan.actions) log.info({ event: "plan-action", action: a }, `${a.type}: ${a.reason}`);
  for (const w of plan.warnings) {
    const level = w.level === "critical" ? "error" : w.level;
    log[level]({ event: "plan-warning", code: w.code, warningLevel: w.level }, w.message);
  }
}
