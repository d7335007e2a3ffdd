import { Wallet, ZeroAddress } from "ethers";
import type { Logger } from "pino";
import {
  type ChainSnapshot,
  VaultReader,
  type VaultAddresses,
  type VaultSnapshot,
} from "./chain/readVaults.js";
import { type Eip1193Provider, Eip1193Transport } from "./chain/eip1193Transport.js";
import { actionLabel, encodeAction } from "./chain/encodeAction.js";
import { type PlanOutdatedCheck, sendVaultAction } from "./chain/sendVaultAction.js";
import { strikeTicksWithinBands } from "./chain/strikeTicks.js";
import { holdBackStaleSurfaces } from "./chain/surfaceFreshness.js";
import { describeMoves } from "./chain/describeMoves.js";
import {
  DEFAULT_OFF_CHAIN_CONDOR,
  FEED_AGE_MARGIN_SECONDS,
  type OffChainCondorPolicy,
  POINTS_TO_LEVEL,
  toRulesState,
} from "./chain/toRulesState.js";
import { checkChainId } from "./config/checkChainId.js";
import { createCycleMetrics, type CycleMetrics } from "./cycleMetrics.js";
import { executePlan } from "./executePlan.js";
import { logPlan, logRpcEvent, logTxEvent } from "./log.js";
import {
  createKeeperMetrics,
  type KeeperMetrics,
  recordPlan,
  recordRpcEvent,
  recordTxEvent,
} from "./metrics.js";
import { DEFAULT_INTENSITY_POLICY } from "./rules/defaultPolicies.js";
import {
  type KeeperState as RulesState,
  planKeeperActions,
  type RulesConfig,
} from "./rules/planKeeperActions.js";
import { RpcClient, type RpcTransport } from "./tx/rpcClient.js";
import { TxManager, type TxOutcome, type TxRequest } from "./tx/txManager.js";
import type { Action, BreadthRow, MacroCalendar, Plan, PlanWarning } from "./types.js";

const GWEI = 1_000_000_000n;

/** HTTP JSON-RPC endpoints with failover, or an injected EIP-1193 provider (e.g. Hardhat's in-process network). */
export type KeeperTransport =
  | {
      kind: "urls";
      urls: readonly string[];
      chainId: number;
      allowMainnet?: boolean;
      timeoutMs?: number;
      maxAttempts?: number;
      backoffMs?: number;
      maxBlockLag?: number;
    }
  | { kind: "eip1193"; provider: Eip1193Provider; chainId?: number; allowMainnet?: boolean };

export interface KeeperTxOptions {
  confirmations: number;
  replaceAfterBlocks: number;
  feeBumpBps: number;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  /** Hard cap of the tip, replacements included (≥ maxPriorityFeePerGas). */
  maxReplacementPriorityFeePerGas: bigint;
  pollIntervalMs: number;
  receiptTimeoutMs: number;
}

export interface KeeperOptions {
  /** Hedge vault address(es) managed by this keeper (one signer, one nonce sequence for all). */
  vaults: readonly string[];
  /**
   * 0x-prefixed private key of a KEEPER_ROLE holder (from the config's key source, never a file). Only a
   * dry run may go without one (it reads and plans as `address`, or the zero address).
   */
  privateKey?: string | undefined;
  /** The address a keyless dry run reads as (its balance); ignored when `privateKey` is given. */
  address?: string | undefined;
  transport: KeeperTransport;
  /** The macro calendar (parsed): the repo's file, or a synthetic one for the demo's dates. */
  calendar: MacroCalendar;
  /** Breadth rows (date, advances, declines) for the A/D line; optional. */
  breadth?: readonly BreadthRow[] | undefined;
  /**
   * Rule settings (defaults: strict calendar off, ticks 0.01 / 1 point, …). The feed age limit is always
   * at most the contracts' heartbeat (read from the vault and the pool) minus a margin; `maxFeedAgeSeconds`
   * can only tighten it.
   */
  rules?: Partial<Omit<RulesConfig, "calendar">> | undefined;
  /** Off-chain parts of the condor policy. */
  condor?: Partial<OffChainCondorPolicy> | undefined;
  tx?: Partial<KeeperTxOptions> | undefined;
  /** Past rounds of each feed read for the signals (cached by round id; default 120). */
  historyRounds?: number | undefined;
  /** Plan only; never send. */
  dryRun?: boolean | undefined;
  log?: Logger | undefined;
  /** Metrics registry to publish to (one is created when omitted). */
  metrics?: KeeperMetrics | undefined;
  /**
   * Called in each cycle with what the keeper read (at `snapshot.blockNumber`), before it plans: a caller on
   * the same chain can reuse those reads while no block has been mined since (the demo's end-of-day NAVs).
   */
  onSnapshot?: ((snapshot: ChainSnapshot) => void) | undefined;
}

export interface SentAction {
  vault: string;
  action: Action;
  label: string;
  txHash: string;
  blockNumber: number;
  gasUsed: bigint;
  status: "confirmed";
}

export interface CycleReport {
  blockNumber: number;
  now: number;
  planned: Array<{ vault: string; action: Action }>;
  sent: SentAction[];
  skipped: Array<{ vault: string; action: Action; reason: string }>;
  failed: Array<{ vault: string; action: Action; error: string }>;
  /** Held back because fees were above the hard cap (not failed; retried next cycle). */
  deferred: Array<{ vault: string; action: Action; reason: string }>;
  warnings: Array<{ vault: string; warning: PlanWarning }>;
  /** Plans per vault (for --dry-run output). */
  plans: Array<{ vault: string; plan: Plan }>;
  /** True when some vault's plan (its actions or warnings) differs from the previous cycle's. */
  planChanged: boolean;
  /** RPC requests (HTTP requests; a batch counts once) made by this cycle. */
  rpcRequests: number;
  durationMs: number;
}

export interface Keeper {
  /** The keeper's address (signer; a keyless dry run's read address). */
  address: string;
  metrics: KeeperMetrics;
  cycleMetrics: CycleMetrics;
  /** Read, plan and (unless dry-run) act once. */
  runCycle(): Promise<CycleReport>;
  /** Stop after the transaction in flight (no new action starts); resolves when the cycle has ended. */
  close(): Promise<void>;
}

/** The keeper was asked to stop: actions after the one in flight are abandoned (re-planned at next start). */
export class KeeperClosingError extends Error {
  override readonly name = "KeeperClosingError";
  constructor(readonly label: string) {
    super(`keeper closing: ${label} not started`);
  }
}

/** The paused vault refuses new risk: only these actions are still allowed. */
const ALLOWED_WHEN_PAUSED = new Set<Action["type"]>(["SettleSeries", "ProcessEpoch", "CloseCondor"]);
/** Actions the vault sizes from its NAV (`lastNav`): with NAV 0 it refuses them (`SizeZero`). */
const SIZED_FROM_NAV = new Set<Action["type"]>(["OpenCondor", "RollLayer", "MonetiseLayer"]);
const WAD = 10n ** 18n;

/**
 * The condor size the vault itself computes (HedgeKeeperModule.openCondor): NAV × notional, in index
 * units at the equity level, with the stablecoin's decimals. 0 means the vault would revert `SizeZero`.
 */
function onChainCondorSize(v: VaultSnapshot): bigint {
  const spot = (v.indexLatest?.answer ?? 0n) * POINTS_TO_LEVEL;
  if (spot <= 0n) return 0n;
  const cash = (v.state.lastNav * v.state.condorPolicy.notional) / WAD;
  return (cash * 10n ** BigInt(36 - v.addresses.assetDecimals)) / spot;
}

/** What identifies a plan for logging: its actions and warning codes, not the wording of its reasons. */
function planKey(plan: Plan): string {
  return JSON.stringify(
    {
      actions: plan.actions.map(({ reason: _reason, ...rest }) => rest),
      warnings: plan.warnings.map((w) => `${w.level}:${w.code}`),
    },
    (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v),
  );
}

/**
 * Creates a keeper for one or more hedge vaults: reads them (one JSON-RPC batch per idle cycle), plans
 * with the pure rules, simulates each action and sends it through the transaction manager; reverts the
 * vault uses for "not due / already done" are skipped and logged, so two keepers, a restarted keeper
 * or the automation upkeep never act twice.
 */
export async function createKeeper(options: KeeperOptions): Promise<Keeper> {
  const log = options.log;
  const metrics = options.metrics ?? createKeeperMetrics();
  const cycleMetrics = createCycleMetrics(metrics.registry);
  const signer = options.privateKey === undefined ? undefined : new Wallet(options.privateKey);
  if (signer === undefined && options.dryRun !== true)
    throw new Error("createKeeper: a privateKey is required unless dryRun (only a dry run sends nothing)");
  const address = signer?.address ?? options.address ?? ZeroAddress;
  let requests = 0;
  let rpc: RpcTransport;
  let chainId: number;
  const t = options.transport;
  if (t.kind === "urls") {
    chainId = t.chainId;
    rpc = new RpcClient({
      urls: t.urls,
      chainId: t.chainId,
      allowMainnet: t.allowMainnet ?? false,
      timeoutMs: t.timeoutMs ?? 5_000,
      maxAttempts: t.maxAttempts ?? 6,
      backoffMs: t.backoffMs ?? 250,
      maxBlockLag: t.maxBlockLag ?? 5,
      onEvent: (e) => {
        if (e.type === "rpc-request") requests++;
        recordRpcEvent(metrics, e);
        if (log !== undefined) logRpcEvent(log, e);
      },
    });
  } else {
    const transport = new Eip1193Transport(t.provider);
    rpc = {
      request: <T>(method: string, params?: readonly unknown[]) => {
        requests++;
        return transport.request<T>(method, params);
      },
      batch: (calls) => {
        requests++;
        return transport.batch(calls);
      },
    };
    const actual = Number(BigInt(await transport.request<string>("eth_chainId")));
    checkChainId(t.chainId ?? actual, actual, "eip1193 provider", t.allowMainnet ?? false);
    chainId = actual;
  }
  const txo: KeeperTxOptions = {
    confirmations: 1,
    replaceAfterBlocks: 3,
    feeBumpBps: 1_250,
    maxFeePerGas: 200n * GWEI,
    maxPriorityFeePerGas: 2n * GWEI,
    maxReplacementPriorityFeePerGas: 10n * GWEI,
    pollIntervalMs: t.kind === "eip1193" ? 0 : 250,
    receiptTimeoutMs: 120_000,
    ...options.tx,
  };
  const tx =
    signer === undefined
      ? undefined
      : new TxManager({
          rpc,
          signer,
          chainId,
          confirmations: txo.confirmations,
          replaceAfterBlocks: txo.replaceAfterBlocks,
          feeBumpBps: txo.feeBumpBps,
          caps: {
            maxFeePerGas: txo.maxFeePerGas,
            maxPriorityFeePerGas: txo.maxPriorityFeePerGas,
            maxReplacementPriorityFeePerGas: txo.maxReplacementPriorityFeePerGas,
          },
          pollIntervalMs: txo.pollIntervalMs,
          receiptTimeoutMs: txo.receiptTimeoutMs,
          onEvent: (e) => {
            recordTxEvent(metrics, e);
            if (log !== undefined) logTxEvent(log, e);
          },
        });
  const rulesBase: Omit<RulesConfig, "intensity"> & { intensity: RulesConfig["intensity"] } = {
    calendar: options.calendar,
    requiredEventKinds: ["FOMC", "CPI", "PPI"],
    strictCalendar: false,
    postEventDays: 2,
    strikeTick: 1_000_000n, // 0.01 point: well inside the vault's strike band
    equityStrikeTick: 100_000_000n, // 1 point
    intensity: DEFAULT_INTENSITY_POLICY,
    maxFeedAgeSeconds: Number.POSITIVE_INFINITY, // the contracts' heartbeat decides (per vault, below)
    maxMissingDays: 3,
    breadthLookback: 10,
    maxBreadthAgeDays: 7,
    ...options.rules,
  };
  const condorExtras: OffChainCondorPolicy = { ...DEFAULT_OFF_CHAIN_CONDOR, ...options.condor };
  const reader = new VaultReader(rpc, address, options.historyRounds ?? 120);
  const vaults: VaultAddresses[] = await reader.resolve(options.vaults);
  let closing = false;
  let running: Promise<CycleReport> | undefined;
  const loggedPlans = new Map<string, string>();

  const planVault = (snapshot: ChainSnapshot, i: number): { plan: Plan; state: RulesState } => {
    const v = snapshot.vaults[i];
    if (v === undefined) throw new Error(`no snapshot for vault ${i}`);
    const state = toRulesState(v, { now: snapshot.now, condor: condorExtras, breadth: options.breadth });
    const { minIntensity, maxIntensity } = v.state.vaultPolicy;
    // Ticks coarser than the vault's strike band allows at today's levels would make every roll revert.
    const ticks = strikeTicksWithinBands(v.state, v.volLatest?.answer ?? 0n, v.indexLatest?.answer ?? 0n, {
      strikeTick: rulesBase.strikeTick,
      equityStrikeTick: rulesBase.equityStrikeTick,
    });
    const rules: RulesConfig = {
      ...rulesBase,
      strikeTick: ticks.strikeTick,
      equityStrikeTick: ticks.equityStrikeTick,
      // The contracts refuse a round older than their heartbeat: the keeper's "fresh" must not be looser.
      maxFeedAgeSeconds: Math.min(rulesBase.maxFeedAgeSeconds, v.feedHeartbeat - FEED_AGE_MARGIN_SECONDS),
      intensity: {
        ...rulesBase.intensity,
        min: Math.max(rulesBase.intensity.min, Number(minIntensity) / 1e18),
        max: Math.min(rulesBase.intensity.max, Number(maxIntensity) / 1e18),
      },
    };
    const plan = planKeeperActions(state, rules);
    plan.warnings.push(...ticks.warnings);
    if (v.state.paused) {
      const dropped = plan.actions.filter((a) => !ALLOWED_WHEN_PAUSED.has(a.type));
      if (dropped.length > 0) {
        plan.actions = plan.actions.filter((a) => ALLOWED_WHEN_PAUSED.has(a.type));
        plan.warnings.push({
          level: "warn",
          code: "VaultPaused",
          message: `vault paused: ${dropped.map(actionLabel).join(", ")} not sent`,
        });
      }
    }
    if (v.state.lastNav === 0n) {
      // A fresh vault (no epoch processed yet) sizes everything as 0: nothing to open, nothing to warn about.
      const dropped = plan.actions.filter((a) => SIZED_FROM_NAV.has(a.type));
      plan.actions = plan.actions.filter((a) => !SIZED_FROM_NAV.has(a.type));
      plan.warnings = plan.warnings.filter((w) => w.code !== "SizeZero");
      plan.warnings.push({
        level: "info",
        code: "VaultEmpty",
        message: `vault NAV is 0 (no deposit processed yet): ${dropped.length > 0 ? `${dropped.map(actionLabel).join(", ")} not sent` : "nothing to size"}`,
      });
    } else if (plan.actions.some((a) => a.type === "OpenCondor") && onChainCondorSize(v) === 0n) {
      plan.actions = plan.actions.filter((a) => a.type !== "OpenCondor");
      plan.warnings.push({
        level: "warn",
        code: "SizeZero",
        message: `condor: NAV ${v.state.lastNav} × notional is less than one unit at the equity level: not opened`,
      });
    }
    // The pool refuses to price a feed whose volatility surface is stale or missing: like a stale feed.
    const surfaces = holdBackStaleSurfaces(plan.actions, v, snapshot.now);
    plan.actions = surfaces.actions;
    plan.warnings.push(...surfaces.warnings);
    // One settleExpired settles every expired position of the vault.
    let settle = false;
    plan.actions = plan.actions.filter(
      (a) => a.type !== "SettleSeries" || (settle ? false : (settle = true)),
    );
    return { plan, state };
  };

  /**
   * Whether a feed of the vault, or its volatility surface, moved since `v` was read: a price-dependent revert
   * is then an outdated plan.
   */
  const feedsMoved =
    (v: VaultSnapshot): PlanOutdatedCheck =>
    async () =>
      describeMoves(v, await reader.latestRounds(v.addresses));

  const cycle = async (): Promise<CycleReport> => {
    const started = Date.now();
    const startRequests = requests;
    const snapshot = await reader.read(vaults);
    options.onSnapshot?.(snapshot);
    cycleMetrics.walletBalanceWei.set(Number(snapshot.balance));
    const report: CycleReport = {
      blockNumber: snapshot.blockNumber,
      now: snapshot.now,
      planned: [],
      sent: [],
      skipped: [],
      failed: [],
      deferred: [],
      warnings: [],
      plans: [],
      planChanged: false,
      rpcRequests: 0,
      durationMs: 0,
    };
    for (let i = 0; i < vaults.length; i++) {
      const v = snapshot.vaults[i];
      const addr = vaults[i]?.vault as string;
      if (v === undefined) continue;
      for (const [feed, round] of [
        ["vol", v.volLatest],
        ["index", v.indexLatest],
      ] as const) {
        if (round !== null)
          cycleMetrics.feedAgeSeconds.set({ vault: addr, feed }, snapshot.now - round.updatedAt);
      }
      const { plan } = planVault(snapshot, i);
      recordPlan(metrics, plan);
      // The plan and its warnings are logged when they change, not every cycle.
      const key = planKey(plan);
      if (loggedPlans.get(addr) !== key) {
        loggedPlans.set(addr, key);
        report.planChanged = true;
        if (log !== undefined) logPlan(log.child({ vault: addr }), plan);
      }
      report.plans.push({ vault: addr, plan });
      for (const action of plan.actions) {
        report.planned.push({ vault: addr, action });
        cycleMetrics.actionsPlanned.inc({ type: action.type });
      }
      for (const warning of plan.warnings) report.warnings.push({ vault: addr, warning });
      if (options.dryRun === true || tx === undefined || plan.actions.length === 0) continue;
      const outcomes = new Map<string, TxOutcome>();
      const results = await executePlan(plan, {
        encode: (action): TxRequest => {
          if (closing) throw new KeeperClosingError(actionLabel(action));
          return encodeAction(action, addr, v.state);
        },
        send: async (req) => {
          const out = await sendVaultAction(tx, rpc, address, req, feedsMoved(v));
          if (out.status === "confirmed") outcomes.set(out.hash, out);
          return out;
        },
        log: log?.child({ vault: addr }),
      });
      for (const r of results) {
        if (r.status === "confirmed") {
          const out = outcomes.get(r.hash);
          const gasUsed = out?.status === "confirmed" ? out.receipt.gasUsed : 0n;
          const price = out?.status === "confirmed" ? out.receipt.effectiveGasPrice : 0n;
          report.sent.push({
            vault: addr,
            action: r.action,
            label: actionLabel(r.action),
            txHash: r.hash,
            blockNumber: r.blockNumber,
            gasUsed,
            status: "confirmed",
          });
          cycleMetrics.actionsSent.inc({ type: r.action.type });
          cycleMetrics.gasUsed.inc(Number(gasUsed));
          cycleMetrics.gasSpentWei.inc(Number(gasUsed * price));
        } else if (r.status === "skipped") {
          report.skipped.push({ vault: addr, action: r.action, reason: r.reason });
          cycleMetrics.actionsSkipped.inc({ type: r.action.type });
        } else if (r.status === "deferred") {
          report.deferred.push({ vault: addr, action: r.action, reason: r.reason });
          cycleMetrics.actionsDeferred.inc({ type: r.action.type });
        } else if (r.status === "failed") {
          report.failed.push({ vault: addr, action: r.action, error: r.error.message });
          if (!(r.error instanceof KeeperClosingError))
            cycleMetrics.actionsFailed.inc({ type: r.action.type });
        }
      }
      if (closing) break;
    }
    report.durationMs = Date.now() - started;
    report.rpcRequests = requests - startRequests;
    cycleMetrics.cycleSeconds.observe(report.durationMs / 1000);
    cycleMetrics.lastCycleTimestamp.set(Date.now() / 1000);
    return report;
  };

  return {
    address,
    metrics,
    cycleMetrics,
    runCycle: async () => {
      if (closing) throw new KeeperClosingError("runCycle");
      if (running !== undefined) throw new Error("runCycle: a cycle is already running");
      running = cycle();
      try {
        return await running;
      } finally {
        running = undefined;
      }
    },
    close: async () => {
      closing = true;
      await running?.catch(() => undefined);
    },
  };
}
