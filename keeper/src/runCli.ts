import { parseArgs } from "node:util";
import type { Logger } from "pino";
import { VaultReadError } from "./chain/readVaults.js";
import { ENV_OVERRIDES } from "./config/envOverrides.js";
import {
  ChainIdMismatchError,
  ConfigFileError,
  ConfigInvalidError,
  KeySourceError,
  MainnetRefusedError,
  SecretInConfigError,
} from "./config/errors.js";
import { loadConfig } from "./config/loadConfig.js";
import { loadRulesInputs } from "./config/loadRulesInputs.js";
import { loadSigner } from "./config/loadSigner.js";
import type { KeeperConfig } from "./config/schema.js";
import { type CycleReport, createKeeper, type Keeper } from "./createKeeper.js";
import { formatPlanTable } from "./formatPlanTable.js";
import { createLogger } from "./log.js";
import { createKeeperMetrics, type KeeperMetrics } from "./metrics.js";
import { MetricsPortError, type MetricsServer, startMetricsServer } from "./metricsServer.js";
import { BreadthCsvError, MacroCalendarInvalidError, MacroCalendarYearMissingError } from "./rules/errors.js";
import { RpcUnavailableError } from "./tx/errors.js";
import { keeperBuildInfo } from "./version.js";

const GWEI = 1e9;

/** The exit codes (also in --help and docs/keeper.md). */
export const EXIT = {
  ok: 0,
  /** A runtime failure: no RPC endpoint answered, a cycle failed. */
  error: 1,
  /** Bad usage or configuration: a flag, the config file, the key, a vault address, the chain, the port. */
  config: 2,
  /** --once / --dry-run: an action failed, or the plan carries a critical warning. */
  attention: 3,
} as const;

export const USAGE = `usage: npm run keeper -- --config FILE [--once | --dry-run [--json]]
  --help         print this and exit
  --version      print the keeper's version and git commit, and exit
  --config FILE  keeper config (JSON; the KEEPER_* env vars below override its fields)
  --once         run one cycle (read, plan, act) and exit
  --dry-run      read and plan once, print the plan, send nothing (needs no key)
  --json         with --dry-run: print the plan as JSON
  (no mode)      run as a daemon: a cycle every pollIntervalSeconds until SIGTERM/SIGINT

exit codes:
  0  fine (the daemon: stopped by SIGTERM/SIGINT after finishing the transaction in flight)
  1  runtime error: no RPC endpoint answered, or the cycle failed (--once / --dry-run)
  2  usage or configuration error: a flag, the config file, the key source, a vault address,
     the chain id, the metrics port
  3  --once / --dry-run: an action failed, or the plan has a critical warning

env overrides (win over the config file):
${ENV_OVERRIDES.map((o) => `  ${o.env.padEnd(30)} ${o.path.join(".")}`).join("\n")}`;

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

/** The config is valid but cannot do what was asked (e.g. send without a key). */
export class ConfigUnusableError extends Error {
  override readonly name = "ConfigUnusableError";
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

/** Errors that mean "the operator's setup is wrong" (exit 2), as opposed to a failing chain or node. */
function isSetupError(e: unknown): boolean {
  return [
    CliUsageError,
    ConfigUnusableError,
    ConfigInvalidError,
    ConfigFileError,
    SecretInConfigError,
    MainnetRefusedError,
    ChainIdMismatchError,
    KeySourceError,
    VaultReadError,
    MetricsPortError,
    MacroCalendarInvalidError,
    MacroCalendarYearMissingError,
    BreadthCsvError,
  ].some((type) => e instanceof type);
}

const hasCritical = (r: CycleReport): boolean => r.warnings.some((w) => w.warning.level === "critical");

async function buildKeeper(
  config: KeeperConfig,
  log: Logger,
  metrics: KeeperMetrics,
  dryRun: boolean,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Keeper> {
  const vaults = config.vaults ?? (config.vaultAddress === undefined ? [] : [config.vaultAddress]);
  if (vaults.length === 0)
    throw new ConfigUnusableError(
      'the config names no vault: set "vaults" (or "vaultAddress", or KEEPER_VAULTS) to the hedge vault address',
    );
  // A dry run sends nothing: it needs no key (and never prompts for a keystore password).
  if (!dryRun && config.key === undefined)
    throw new ConfigUnusableError(
      'config field "key" is missing: the keeper needs a key source to send (see docs/keeper.md, "Key sources"); only --dry-run runs without one',
    );
  const signer = dryRun || config.key === undefined ? undefined : await loadSigner(config.key, env);
  const { calendar, breadth } = loadRulesInputs(config.calendarPath, config.breadthCsvPath);
  return createKeeper({
    vaults,
    privateKey: signer?.privateKey,
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
      ...(config.rules.maxFeedAgeSeconds === undefined
        ? {}
        : { maxFeedAgeSeconds: config.rules.maxFeedAgeSeconds }),
      calendarCriticalDays: config.rules.calendarCriticalDays,
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
      maxReplacementPriorityFeePerGas: BigInt(
        Math.round(config.tx.maxReplacementPriorityFeePerGasGwei * GWEI),
      ),
      receiptTimeoutMs: config.tx.receiptTimeoutSeconds * 1_000,
    },
    dryRun,
    log,
    metrics,
  });
}

/**
 * One line per cycle: at info when it did something (or its plan changed), at debug when idle, so a
 * 1-second daemon does not write a line per second while nothing happens.
 */
function logReport(log: Logger, r: CycleReport): void {
  const busy = r.planChanged || r.sent.length + r.skipped.length + r.failed.length + r.deferred.length > 0;
  log[busy ? "info" : "debug"](
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
      deferred: r.deferred.map((d) => ({ type: d.action.type, reason: d.reason })),
      rpcRequests: r.rpcRequests,
      durationMs: r.durationMs,
    },
    `cycle at block ${r.blockNumber}: ${r.planned.length} planned, ${r.sent.length} sent, ${r.skipped.length} skipped, ${r.failed.length} failed, ${r.deferred.length} deferred`,
  );
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The keeper command. Returns the exit code (see EXIT): 0 fine, 1 a runtime error, 2 bad usage or
 * configuration, 3 a failed action or a critical plan warning in --once / --dry-run. Setup errors are one
 * plain line on stderr naming what is wrong and what to do (the stack only at log level debug/trace).
 */
export async function runCli(
  argv: readonly string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (argv.includes("--version")) {
    const build = keeperBuildInfo(env);
    io.out(`alvh-keeper ${build.version} (commit ${build.commit}, node ${process.version})\n`);
    return EXIT.ok;
  }
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    io.err(`keeper: ${message(e)}\n`);
    return EXIT.config;
  }
  let config: KeeperConfig;
  try {
    config = loadConfig(args.config, env);
  } catch (e) {
    io.err(`keeper: ${message(e)}\n`);
    return EXIT.config;
  }
  // In --dry-run the plan goes to stdout: logs go to stderr so JSON output stays parseable.
  const log = createLogger(config.log.level, args.mode === "dry-run" ? process.stderr : undefined);
  const build = keeperBuildInfo(env);
  const metrics = createKeeperMetrics({ build, processMetrics: args.mode === "daemon" });
  const cannotStart = (e: unknown): number => {
    io.err(`keeper: cannot start: ${message(e)}\n`);
    if (log.isLevelEnabled("debug")) log.debug({ err: e }, "start-up error");
    if (isSetupError(e)) return EXIT.config;
    if (e instanceof RpcUnavailableError)
      io.err("keeper: check rpcUrls (and that the nodes are up); the keeper retried every URL\n");
    return EXIT.error;
  };
  // The daemon binds its metrics port first: a port in use fails before any key is loaded.
  let server: MetricsServer | undefined;
  let lastOk = 0;
  let stopping = false;
  const pollMs = Math.round(config.pollIntervalSeconds * 1_000);
  if (args.mode === "daemon") {
    try {
      server = await startMetricsServer({
        port: config.metrics.port,
        registry: metrics.registry,
        health: () => ({
          healthy: !stopping && lastOk > 0 && Date.now() - lastOk < 3 * pollMs + 60_000,
          details: { lastCycleOkAt: lastOk === 0 ? "never" : new Date(lastOk).toISOString(), stopping },
        }),
      });
    } catch (e) {
      return cannotStart(e);
    }
  }
  let keeper: Keeper;
  try {
    keeper = await buildKeeper(config, log, metrics, args.mode === "dry-run", env);
  } catch (e) {
    await server?.close();
    return cannotStart(e);
  }
  if (args.mode !== "daemon") {
    try {
      const report = await keeper.runCycle();
      if (args.mode === "dry-run") io.out(args.json ? `${toJson(report.plans)}\n` : formatPlanTable(report));
      else logReport(log, report);
      return hasCritical(report) || report.failed.length > 0 ? EXIT.attention : EXIT.ok;
    } catch (e) {
      log.error({ event: "cycle-failed", error: message(e) }, `cycle failed: ${message(e)}`);
      return isSetupError(e) ? EXIT.config : EXIT.error;
    } finally {
      await keeper.close();
    }
  }
  const metricsServer = server as MetricsServer;
  log.info(
    { event: "started", metrics: metricsServer.url, keeper: keeper.address, ...build },
    `keeper ${build.version} (${build.commit}) started; metrics at ${metricsServer.url}`,
  );
  let wake: (() => void) | undefined;
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
      log.error({ event: "cycle-failed", error: message(e) }, `cycle failed: ${message(e)}`);
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
  await metricsServer.close();
  log.info({ event: "stopped" }, "keeper stopped");
  return EXIT.ok;
}
