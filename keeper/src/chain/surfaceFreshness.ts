// A stale or missing volatility surface, treated like a stale feed: the pool prices every trade and every live
// mark from the feed's surface and reverts `SurfaceStale(feed, updatedAt, maxAge)` when it is missing or older
// than its `surfaceMaxAge`. The keeper reads both (readVaults.ts) and never sends — nor counts as a failure — an
// action that would revert that way; a critical warning names the feed, the surface's time and what waits.
import { formatDays, formatTime } from "../rules/format.js";
import type { Action, PlanWarning, UnixSeconds } from "../types.js";
import { actionLabel } from "./encodeAction.js";
import type { SurfaceAge, VaultSnapshot } from "./readVaults.js";
import { FEED_AGE_MARGIN_SECONDS } from "./toRulesState.js";

type Feed = "vol" | "index";

/**
 * Whether the pool still accepts the surface when a transaction sent now lands: it exists and is at most its
 * maximum age old, less the same margin as the feeds' rounds (`FEED_AGE_MARGIN_SECONDS`). No rule applies
 * where the pool does not price the feed (`maxAge` undefined).
 */
export function surfaceFresh(surface: SurfaceAge, now: UnixSeconds): boolean {
  if (surface.maxAge === undefined) return true;
  return surface.updatedAt !== 0 && now + FEED_AGE_MARGIN_SECONDS <= surface.updatedAt + surface.maxAge;
}

/**
 * The surfaces `action` needs priced on the vault's state as read: layer trades the volatility feed's, condor
 * trades the equity feed's, a buy-back only while a leg is live, an epoch (its NAV marks every live position)
 * those of the feeds with a live position; settlement none.
 */
export function surfacesNeeded(action: Action, v: VaultSnapshot, now: UnixSeconds): Feed[] {
  const live = (p: { size: bigint; expiry: bigint }): boolean => p.size !== 0n && now < Number(p.expiry);
  const legLive = live(v.state.putLeg) || live(v.state.callLeg);
  switch (action.type) {
    case "RollLayer":
    case "MonetiseLayer":
      return ["vol"];
    case "OpenCondor":
    case "RollCondorSide":
      return ["index"];
    case "CloseCondor":
      return legLive ? ["index"] : [];
    case "ProcessEpoch":
      return [
        ...(v.state.layers.some(live) ? (["vol"] as const) : []),
        ...(legLive ? (["index"] as const) : []),
      ];
    case "SettleSeries":
      return [];
  }
}

const NAME: Record<Feed, { code: string; what: string }> = {
  vol: { code: "VolSurfaceStale", what: "volatility feed" },
  index: { code: "EquitySurfaceStale", what: "equity feed" },
};

/**
 * Drops the actions that need a surface the pool would refuse, with one critical warning per stale or missing
 * surface naming the feed, its surface's time, the pool's maximum age and the actions held back (they are
 * planned again once the pusher's next surface lands).
 */
export function holdBackStaleSurfaces(
  actions: readonly Action[],
  v: VaultSnapshot,
  now: UnixSeconds,
): { actions: Action[]; warnings: PlanWarning[] } {
  const stale = (["vol", "index"] as const).filter((f) => !surfaceFresh(v.surfaces[f], now));
  if (stale.length === 0) return { actions: [...actions], warnings: [] };
  const kept: Action[] = [];
  const held = new Map<Feed, string[]>(stale.map((f) => [f, []]));
  for (const action of actions) {
    const blocking = surfacesNeeded(action, v, now).filter((f) => stale.includes(f));
    if (blocking.length === 0) kept.push(action);
    for (const f of blocking) held.get(f)?.push(actionLabel(action));
  }
  const warnings = stale.map((f): PlanWarning => {
    const s = v.surfaces[f];
    const feed = f === "vol" ? v.addresses.volFeed : v.addresses.indexFeed;
    const age =
      s.updatedAt === 0
        ? `has no volatility surface in the oracle ${v.addresses.volOracle} yet`
        : `has a volatility surface from ${formatTime(s.updatedAt)}, older than the pool's max age of ${formatDays((s.maxAge ?? 0) / 86_400)} days (less a ${FEED_AGE_MARGIN_SECONDS / 60}-minute margin) at ${formatTime(now)}`;
    const actionsHeld = held.get(f) ?? [];
    return {
      level: "critical",
      code: NAME[f].code,
      message: `${NAME[f].what} ${feed} ${age}: the pool refuses to price it (SurfaceStale); ${actionsHeld.length === 0 ? "nothing planned needs it" : `${actionsHeld.join(", ")} not sent`} — check the feed pusher's surface pushes`,
    };
  });
  return { actions: kept, warnings };
}
