import { parseArgs } from "node:util";
import type { Logger } from "pino";
import { loadConfig } from "./config/loadConfig.js";
import { loadRulesInputs } from "./config/loadRulesInputs.js";
import { loadSigner } from "./config/loadSigner.js";
import type { KeeperConfig } from "./config/schema.js";
import { type CycleReport, createKeeper, type Keeper } from "./createKeeper.js";
import { createLogger } from "./log.js";
import { startMetricsServer } from "./metricsServer.js";
import { formatPlanTable } from "./formatPlanTable.js";

const GWEI = 1e9;

export const USAGE = `usage: npm run keeper -- --config FILE [--once | --dry-run [--json]]
  --help         print this and exit
  --config FILE  keeper config (JSON; KEEPER_* env vars override fields)
  --once         run one cycle (read, plan, act) and exit
  --dry-run      read and plan once, print the plan, send nothing
  --json         with --dry-run: print the plan as JSON
  (no mode)      run as a daemon: a cycle every pollIntervalSeconds until SIGTERM/SIGINT`;

/** A command-line flag was unknown, missing its value or combined wrongly. */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
  constructor(
    readonly flag: string,
    detail: string,
  ) {
    super(`${flag}: ${detail}\n${USAGE}`);
  }
}

export interface CliArgs {
  config: string;
  mode: "once" | "dry-run" | "daemon";
  json: boolean;
}

/** Parses the flags; every error names the flag. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values: { config?: string | undefined; once?: boolean; "dry-run"?: boolean; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: "string" },
        once: { type: "boolean" },
        "dry-run": { type: "boolean" },
        json: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? /argument:?\s+'?([^' ]+)/.exec(message)?.[1] ?? "(flags)";
    throw new CliUsageError(flag, message.split("\n")[0] ?? message);
  }
  if (values.config === undefined || values.config === "") throw new CliUsageError("--config", "is required");
  if (values.once === true && values["dry-run"] === true)
    throw new CliUsageError("--once", "cannot be combined with --dry-run");
  if (values.json === true && values["dry-run"] !== true)
    throw new CliUsageError("--json", "only applies to --dry-run");
  return {
    config: values.config,
    mode: values.once === true ? "once" : values["dry-run"] === true ? "dry-run" : "daemon",
    json: values.json === true,
  };
}

/** JSON with bigints as decimal strings (amounts and levels stay exact). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}

const hasCritical = (r: CycleReport): boolean => r.warnings.some((w) => w.warning.level === "critical");

async function buildKeeper(config: KeeperConfig, log: Logger, dryRun: boolean): Promise<Keeper> {
  const vaults = config.vaults ?? (config.vaultAddress === undefined ? [] : [config.vaultAddress]);
  if (vaults.length === 0)
    throw new CliUsageError("--config", "the config names no vault (vaults or vaultAddress)");
  const signer = await loadSigner(config.key);
  const { calendar, breadth } = loadRulesInputs(config.calendarPath, config.breadthCsvPath);
  return createKeeper({
    vaults,
    privateKey: signer.privateKey,
    transport: {
      kind: "urls",
      urls: config.rpcUrls,
      chainId: config.chainId,
      allowMainnet: config.allowMainnet,
      timeoutMs: config.tx.rpcTimeoutMs,
      maxAttempts: config.tx.maxRpcAttempts,
      backoffMs: config.tx.backoffMs,
    },
    calendar,
    breadth,
    rules: {
      strictCalendar: config.rules.strictCalendar,
      requiredEventKinds: config.rules.requiredEventKinds,
      postEventDays: config.rules.postEventDays,
      strikeTick: config.rules.strikeTick,
      equityStrikeTick: config.rules.equityStrikeTick,
      maxFeedAgeSeconds: config.rules.maxFeedAgeSeconds,
      maxMissingDays: config.rules.maxMissingDays,
      breadthLookback: config.rules.breadthLookback,
      maxBreadthAgeDays: config.rules.maxBreadthAgeDays,
      intensity: config.rules.intensity,
    },
    tx: {
      confirmations: config.tx.confirmations,
      replaceAfterBlocks: config.tx.replaceAfterBlocks,
      feeBumpBps: config.tx.feeBumpBps,
      maxFeePerGas: BigInt(Math.round(config.tx.maxFeePerGasGwei * GWEI)),
      maxPriorityFeePerGas: BigInt(Math.round(config.tx.maxPriorityFeePerGasGwei * GWEI)),
      receiptTimeoutMs: config.tx.receiptTimeoutSeconds * 1_000,
    },
    dryRun,
    log,
  });
}

function logReport(log: Logger, r: CycleReport): void {
  log.info(
    {
      event: "cycle",
      blockNumber: r.blockNumber,
      planned: r.planned.length,
      sent: r.sent.map((s) => ({
        label: s.label,
        txHash: s.txHash,
        gasUsed: s.gasUsed,
        block: s.blockNumber,
      })),
      skipped: r.skipped.map((s) => ({ type: s.action.type, reason: s.reason })),
      failed: r.failed.map((f) => ({ type: f.action.type, error: f.error })),
      rpcRequests: r.rpcRequests,
      durationMs: r.durationMs,
    },
    `cycle at block ${r.blockNumber}: ${r.planned.length} planned, ${r.sent.length} sent, ${r.skipped.length} skipped, ${r.failed.length} failed`,
  );
}

/**
 * The keeper command. Returns the exit code: 0 fine, 1 an error, 2 bad usage, 3 a critical plan
 * warning (e.g. the macro calendar lacks a year) or a failed action in --once / --dry-run.
 */
export async function runCli(
  argv: readonly string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  let config: KeeperConfig;
  try {
    config = loadConfig(args.config);
  } catch (e) {
    io.err(`keeper: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  // In --dry-run the plan goes to stdout: logs go to stderr so JSON output stays parseable.
  const log = createLogger(config.log.level, args.mode === "dry-run" ? process.stderr : undefined);
  let keeper: Keeper;
  try {
    keeper = await buildKeeper(config, log, args.mode === "dry-run");
  } catch (e) {
    log.fatal({ err: e }, `keeper: cannot start: ${e instanceof Error ? e.message : String(e)}`);
    return e instanceof CliUsageError ? 2 : 1;
  }
  if (args.mode !== "daemon") {
    try {
      const report = await keeper.runCycle();
      if (args.mode === "dry-run") io.out(args.json ? `${toJson(report.plans)}\n` : formatPlanTable(report));
      else logReport(log, report);
      return hasCritical(report) || report.failed.length > 0 ? 3 : 0;
    } catch (e) {
      log.error({ err: e }, `cycle failed: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    } finally {
      await keeper.close();
    }
  }
  return runDaemon(keeper, config, log);
}

async function runDaemon(keeper: Keeper, config: KeeperConfig, log: Logger): Promise<number> {
  const pollMs = Math.round(config.pollIntervalSeconds * 1_000);
  let lastOk = 0;
  let stopping = false;
  let wake: (() => void) | undefined;
  const server = await startMetricsServer({
    port: config.metrics.port,
    registry: keeper.metrics.registry,
    health: () => ({
      healthy: !stopping && lastOk > 0 && Date.now() - lastOk < 3 * pollMs + 60_000,
      details: { lastCycleOkAt: lastOk === 0 ? "never" : new Date(lastOk).toISOString(), stopping },
    }),
  });
  log.info(
    { event: "started", metrics: server.url, keeper: keeper.address },
    `keeper started; metrics at ${server.url}`,
  );
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ event: "stopping", signal }, `${signal}: finishing the transaction in flight, then stopping`);
    void keeper.close(); // no new action starts; the one in flight is confirmed
    wake?.();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  while (!stopping) {
    try {
      const report = await keeper.runCycle();
      logReport(log, report);
      lastOk = Date.now();
      keeper.metrics.lastTickSuccessTimestamp.set(lastOk / 1000);
    } catch (e) {
      keeper.metrics.tickErrors.inc();
      log.error(
        { event: "cycle-failed", err: e },
        `cycle failed: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    if (stopping) break;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  await keeper.close();
  await server.close();
  log.info({ event: "stopped" }, "keeper stopped");
  return 0;
}
