import { expect } from "chai";
import { holdBackStaleSurfaces, surfaceFresh, surfacesNeeded } from "../../src/chain/surfaceFreshness.js";
import { FEED_AGE_MARGIN_SECONDS } from "../../src/chain/toRulesState.js";
import type { Action } from "../../src/types.js";
import { snapshot } from "../support/vaultSnapshot.js";

const DAY = 86_400;
const reason = "test";
const roll: Action = {
  type: "RollLayer",
  layer: 0,
  closeSeriesId: 7n,
  newLowerStrike: 1n,
  newUpperStrike: 2n,
  newExpiry: 50 * DAY,
  size: 1n,
  maxPremium: 1n,
  reason,
};
const open: Action = {
  type: "OpenCondor",
  shortPutStrike: 1n,
  longPutStrike: 1n,
  shortCallStrike: 1n,
  longCallStrike: 1n,
  expiry: 50 * DAY,
  size: 1n,
  maxPremium: 0n,
  reason,
};
const close: Action = { type: "CloseCondor", seriesId: 11n, maxPremium: 0n, reason };
const settle: Action = { type: "SettleSeries", seriesId: 11n, maxPremium: 0n, reason };
const epoch: Action = { type: "ProcessEpoch", maxPremium: 0n, reason };
const side: Action = {
  type: "RollCondorSide",
  side: "put",
  newShortStrike: 1n,
  newLongStrike: 1n,
  maxPremium: 0n,
  reason,
};

describe("surface freshness: the keeper treats a stale or missing surface like a stale feed", () => {
  it("fresh while the pool will still accept it when the transaction lands (a 5-minute margin)", () => {
    const s = { updatedAt: 1_000, maxAge: DAY };
    const last = 1_000 + DAY - FEED_AGE_MARGIN_SECONDS;
    expect(surfaceFresh(s, last)).to.equal(true);
    expect(surfaceFresh(s, last + 1)).to.equal(false);
    expect(surfaceFresh({ updatedAt: 0, maxAge: DAY }, 1)).to.equal(false); // never pushed
    // The pool does not price the feed (unregistered) or its configuration is unreadable: no surface rule.
    expect(surfaceFresh({ updatedAt: 0, maxAge: undefined }, 1)).to.equal(true);
  });

  it("which surfaces an action needs, from the positions the vault holds", () => {
    const v = snapshot(); // L1 live until day 40, the put leg until day 30, no call leg
    const now = 10 * DAY;
    expect(surfacesNeeded(roll, v, now)).to.deep.equal(["vol"]);
    expect(surfacesNeeded({ ...roll, type: "MonetiseLayer" } as Action, v, now)).to.deep.equal(["vol"]);
    expect(surfacesNeeded(open, v, now)).to.deep.equal(["index"]);
    expect(surfacesNeeded(side, v, now)).to.deep.equal(["index"]);
    expect(surfacesNeeded(close, v, now)).to.deep.equal(["index"]);
    expect(surfacesNeeded(settle, v, now)).to.deep.equal([]);
    // The epoch's NAV marks every live position from its feed's surface.
    expect(surfacesNeeded(epoch, v, now)).to.deep.equal(["vol", "index"]);
    // After the leg's expiry: a close reclaims, the epoch marks only the layer.
    expect(surfacesNeeded(close, v, 35 * DAY)).to.deep.equal([]);
    expect(surfacesNeeded(epoch, v, 35 * DAY)).to.deep.equal(["vol"]);
    expect(surfacesNeeded(epoch, v, 45 * DAY)).to.deep.equal([]);
  });

  it("holds back what a stale surface would revert, with one critical warning per surface naming what waits", () => {
    const v = snapshot();
    v.surfaces.vol = { updatedAt: 10 * DAY, maxAge: DAY };
    v.surfaces.index = { updatedAt: 0, maxAge: DAY };
    const now = 11 * DAY;
    const r = holdBackStaleSurfaces([settle, epoch, roll, open], v, now);
    expect(r.actions).to.deep.equal([settle]);
    expect(r.warnings.map((w) => [w.level, w.code])).to.deep.equal([
      ["critical", "VolSurfaceStale"],
      ["critical", "EquitySurfaceStale"],
    ]);
    expect(r.warnings[0]!.message).to.equal(
      "volatility feed 0xf has a volatility surface from 1970-01-11 00:00Z, older than the pool's max age of 1 days (less a 5-minute margin) at 1970-01-12 00:00Z: the pool refuses to price it (SurfaceStale); ProcessEpoch, RollLayer L1 not sent — check the feed pusher's surface pushes",
    );
    expect(r.warnings[1]!.message).to.equal(
      "equity feed 0xi has no volatility surface in the oracle 0xo yet: the pool refuses to price it (SurfaceStale); ProcessEpoch, OpenCondor not sent — check the feed pusher's surface pushes",
    );
    // Fresh again: nothing held back, no warning.
    v.surfaces.vol.updatedAt = now;
    v.surfaces.index.updatedAt = now;
    expect(holdBackStaleSurfaces([settle, epoch, roll, open], v, now)).to.deep.equal({
      actions: [settle, epoch, roll, open],
      warnings: [],
    });
    // A stale surface warns even when nothing planned needs it: no trade on that feed can go through.
    v.surfaces.index.updatedAt = 1;
    const idle = holdBackStaleSurfaces([], v, now);
    expect(idle.warnings.map((w) => w.code)).to.deep.equal(["EquitySurfaceStale"]);
    expect(idle.warnings[0]!.message).to.include("nothing planned needs it");
  });
});
