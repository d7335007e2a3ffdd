import type { KeeperState as RulesState } from "../rules/planKeeperActions.js";
import type {
  BreadthRow,
  Condor,
  CondorLeg,
  CondorPolicy,
  FeedRound,
  LadderPolicy,
  LayerPolicy,
  LayerState,
  UnixSeconds,
} from "../types.js";
import type { VaultSnapshot } from "./readVaults.js";

const WAD = 10n ** 18n;
const DAY = 86_400;
/** 18-decimal points (the vault) → 8-decimal levels (feeds, rules): divide by 1e10, rounded down. */
export const POINTS_TO_LEVEL = 10n ** 10n;

/** WAD fraction → basis points (a float: the rules round where they need integers). */
const bps = (wad: bigint): number => Number((wad * 1_000_000n) / WAD) / 100;

/**
 * The parts of the condor policy that live off-chain (the vault checks strikes, tenor, loss and the minimum credit).
 * Each side is held to expiry; there is no roll window.
 */
export interface OffChainCondorPolicy {
  /** A side is tested when the equity index is within this distance of its short strike (0: at or through it). */
  testedDistanceBps: number;
  /** No condor open/roll in the last H hours before a macro event. */
  eventBlackoutHours: number;
}

/**
 * A side is defended once the equity index reaches its short strike (distance 0). Measured on the demo's generated
 * scenario (docs/hedge.md): defending 1 % before the strike rolled on noise and locked in losses (the condor's net
 * income over the three years −4.5 k USD), at the strike +17.2 k, never +21.7 k but a crash loss half as large again.
 */
export const DEFAULT_OFF_CHAIN_CONDOR: OffChainCondorPolicy = {
  testedDistanceBps: 0,
  eventBlackoutHours: 24,
};

/**
 * The block the keeper's transaction lands in is later than the block it read: keep new expiries this
 * far inside the on-chain tenor window's lower edge.
 */
export const TENOR_MARGIN_SECONDS = 3_600;

/**
 * The same for feed age: a round is treated as stale this long before the contracts' heartbeat ends, so
 * a transaction planned from it does not land after the vault or the pool refuses it (`FeedStale`).
 */
export const FEED_AGE_MARGIN_SECONDS = 300;

export interface ToRulesStateOptions {
  now: UnixSeconds;
  condor: OffChainCondorPolicy;
  breadth?: readonly BreadthRow[] | undefined;
}

/**
 * Maps the vault's `keeperState()` (18-decimal points, WAD fractions, seconds) to the rules' input
 * (8-decimal levels, basis points, days). Policies are the on-chain ones, so the plan is what the
 * vault will accept: the width is re-expressed relative to the lower strike, the monetisation trigger
 * (strikeLow + trigger × width on-chain) relative to the held lower strike, rounded UP so the keeper
 * never fires before the vault would accept. The ladder's sizing fields stay the vault's exact WAD values
 * (`LadderPolicy`), so the plan's layer sizes are the vault's to the unit.
 */
export function toRulesState(snapshot: VaultSnapshot, options: ToRulesStateOptions): RulesState {
  const s = snapshot.state;
  const lastNav = s.lastNav;
  const layers: LayerState[] = s.layers.map((ly, index): LayerState => {
    const p = s.layerPolicies[index];
    if (p === undefined) throw new Error(`vault ${snapshot.addresses.vault}: no policy for layer ${index}`);
    const otm = bps(p.otm);
    const relWidth = Number(p.width) / (1 + Number(p.otm) / 1e18) / 1e14;
    let triggerBps = Math.ceil((Number(p.trigger) / 1e18) * relWidth);
    if (ly.size !== 0n && ly.strikeLow > 0n) {
      const level = ly.strikeLow + ((ly.strikeHigh - ly.strikeLow) * p.trigger + WAD - 1n) / WAD;
      triggerBps = Number(((level - ly.strikeLow) * 10_000n + ly.strikeLow - 1n) / ly.strikeLow);
    }
    const policy: LayerPolicy = {
      otmBps: otm,
      widthBps: relWidth,
      minTenorDays: (Number(p.tenorMin) + TENOR_MARGIN_SECONDS) / DAY,
      maxTenorDays: Number(p.tenorMax) / DAY,
      rollWindowDays: Number(p.rollWindow) / DAY,
      weight: p.weight,
      maxPremium: (lastNav * p.maxPremium) / WAD,
      cooldownSeconds: Number(p.cooldown),
      monetiseTriggerBps: triggerBps,
    };
    return {
      index,
      policy,
      lastRollAt: Number(ly.lastRoll),
      reentryLevel: ly.size === 0n && ly.reentryLevel !== 0n ? ly.reentryLevel / POINTS_TO_LEVEL : null,
      position:
        ly.size === 0n
          ? null
          : {
              seriesId: ly.seriesId,
              lowerStrike: ly.strikeLow / POINTS_TO_LEVEL,
              upperStrike: ly.strikeHigh / POINTS_TO_LEVEL,
              expiry: Number(ly.expiry),
              size: ly.size,
            },
    };
  });

  const c = s.condorPolicy;
  const putFactor = 1 - Number(c.putDistance) / 1e18;
  const callFactor = 1 + Number(c.callDistance) / 1e18;
  const condorPolicy: CondorPolicy = {
    shortPutDistanceBps: bps(c.putDistance),
    shortCallDistanceBps: bps(c.callDistance),
    // On-chain the wing is spot × wingWidth; the rules measure it from the short strike.
    wingWidthBps: Number(c.wingWidth) / ((putFactor + callFactor) / 2) / 1e14,
    minTenorDays: (Number(c.tenorMin) + TENOR_MARGIN_SECONDS) / DAY,
    maxTenorDays: Number(c.tenorMax) / DAY,
    maxLossShareBps: bps(c.maxLoss),
    // A condor roll spends no layer budget of its own: the vault books its premium and buy-back to the condor's
    // net income (which the layers' budget follows) and caps the buy-back at maxLoss × NAV itself.
    maxRollPremium: 0n,
    ...options.condor,
  };

  const leg = (g: typeof s.putLeg, isCall: boolean): CondorLeg | null =>
    g.size === 0n
      ? null
      : {
          seriesId: g.seriesId,
          shortStrike: (isCall ? g.strikeLow : g.strikeHigh) / POINTS_TO_LEVEL,
          longStrike: (isCall ? g.strikeHigh : g.strikeLow) / POINTS_TO_LEVEL,
          expiry: Number(g.expiry),
          size: g.size,
        };
  const put = leg(s.putLeg, false);
  const call = leg(s.callLeg, true);
  const condor: Condor | null = put === null && call === null ? null : { put, call };

  const v = s.vaultPolicy;
  const ladder: LadderPolicy = {
    coverage: v.coverage,
    stressDrop: v.stressDrop,
    stressRise: v.stressRise,
    condorNotional: c.notional,
    putDistance: c.putDistance,
    wingWidth: c.wingWidth,
    minIntensity: v.minIntensity,
    maxIntensity: v.maxIntensity,
    reentryDelaySeconds: Number(v.reentryDelay),
    cashScale: 10n ** BigInt(36 - snapshot.addresses.assetDecimals),
  };

  const vol: FeedRound[] = snapshot.volHistory.length > 0 ? snapshot.volHistory : [];
  const equity: FeedRound = snapshot.indexLatest ?? { answer: 0n, updatedAt: 0 };
  const equityRounds: FeedRound[] = snapshot.indexHistory ?? [];
  const epochDue =
    (s.pendingDepositAssets > 0n || s.pendingRedeemShares > 0n) &&
    options.now >= Number(s.epochStart + s.vaultPolicy.epochLength);
  return {
    now: options.now,
    nav: lastNav,
    hedgeBudget: s.budget,
    layers,
    ladder,
    volTermFactor: s.volTermFactor,
    condor,
    condorPolicy,
    volRounds: vol,
    equityRound: equity,
    equityRounds,
    breadth: options.breadth,
    epochDue,
  };
}
