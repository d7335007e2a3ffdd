// HedgeKeeperRules (the on-chain checks of the keeper's parameters, the policy defaults and the ladder's size) at
// the exact edges of each rule, through the test-only HedgeRulesHarness: every band and window inclusive at both
// ends and refused one unit beyond, every product rounded down (inputs chosen so that rounding up would show), the
// default expiry at the seconds where it moves by a day, and the default strikes at the edges of their snap to the
// strike tick. The fuzz tests (HedgeKeeperRules.t.sol) and the keeper cross-check (ladderSize.test.ts) draw random
// inputs, which almost never land on one of these units.
import { expect } from "chai";
import { network } from "hardhat";
import type { HedgeRulesHarness } from "../../types/ethers-contracts/index.js";
import {
  DAY,
  DEFAULT_CONDOR,
  DEFAULT_LAYERS,
  DEFAULT_VAULT_POLICY,
  EXPIRY_TIME_OF_DAY,
  gridExpiry,
  wad,
  WAD,
} from "../../scripts/deploy/hedgeSide.js";

const { ethers, networkHelpers } = await network.create();
const TICK = 10n ** 16n; // HedgeKeeperRules.STRIKE_TICK
const LAYER = DEFAULT_LAYERS[0]!;

async function harness(): Promise<HedgeRulesHarness> {
  return (await ethers.deployContract("HedgeRulesHarness")) as unknown as HedgeRulesHarness;
}

/** a × b / c rounded down, with a check that the division is not exact (so rounding up would show). */
function inexact(a: bigint, b: bigint, c: bigint): bigint {
  expect((a * b) % c, `${a} × ${b} / ${c} is exact`).to.not.equal(0n);
  return (a * b) / c;
}

async function latest(): Promise<bigint> {
  return BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
}

describe("HedgeKeeperRules: the exact edges of the keeper's checks and defaults", function () {
  describe("checkLayerStrikes", function () {
    // Odd inputs: the target, its tolerance and the width target are all rounded down.
    const vol = 20n * WAD + 7n;
    const p = { ...LAYER, otm: wad("0.25") + 3n, width: wad("0.15") + 1n, strikeBand: wad("0.02") + 1n };
    const target = inexact(vol, WAD + p.otm, WAD);
    const tol = inexact(target, p.strikeBand, WAD);
    const tw = inexact(vol, p.width, WAD);

    it("the lower strike: target ± tol accepted, one unit beyond refused with the band", async function () {
      const h = await networkHelpers.loadFixture(harness);
      for (const low of [target - tol, target + tol]) await h.checkLayerStrikes(p, vol, low, low + tw);
      for (const low of [target - tol - 1n, target + tol + 1n]) {
        await expect(h.checkLayerStrikes(p, vol, low, low + tw))
          .to.be.revertedWithCustomError(h, "StrikeOutsideBand")
          .withArgs(low, target - tol, target + tol);
      }
    });

    it("the width: tw ± tol accepted, one unit beyond refused with the band of the upper strike", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const low = target;
      for (const high of [low + tw - tol, low + tw + tol]) await h.checkLayerStrikes(p, vol, low, high);
      for (const high of [low + tw - tol - 1n, low + tw + tol + 1n]) {
        await expect(h.checkLayerStrikes(p, vol, low, high))
          .to.be.revertedWithCustomError(h, "StrikeOutsideBand")
          .withArgs(high, low + tw - tol, low + tw + tol);
      }
    });

    it("the upper strike above the lower one, even when the tolerance exceeds the width", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const narrow = { ...p, width: 1n }; // tw = 20 units, tol about 0.5 index points
      const twNarrow = (vol * narrow.width) / WAD;
      await h.checkLayerStrikes(narrow, vol, target, target + 1n);
      await expect(h.checkLayerStrikes(narrow, vol, target, target))
        .to.be.revertedWithCustomError(h, "StrikeOutsideBand")
        .withArgs(target, target, target + twNarrow + tol); // the band's floor: tw - tol, never below 0
    });

    it("the band's floor when the width target is one unit above the tolerance: low + 1", async function () {
      const h = await networkHelpers.loadFixture(harness);
      // vol 1 index point, at the money, a tolerance of 1,000 units and a width target of 1,001
      const q = { ...LAYER, otm: 0n, width: 1_001n, strikeBand: 1_000n };
      await expect(h.checkLayerStrikes(q, WAD, WAD, WAD))
        .to.be.revertedWithCustomError(h, "StrikeOutsideBand")
        .withArgs(WAD, WAD + 1n, WAD + 2_001n);
    });
  });

  describe("checkCondorSide", function () {
    const spot = 5_000n * WAD + 13n;
    const p = {
      ...DEFAULT_CONDOR,
      putDistance: wad("0.05") + 7n,
      callDistance: wad("0.04") + 3n,
      wingWidth: wad("0.03") + 1n,
      strikeBand: wad("0.02") + 1n,
    };
    const tw = inexact(spot, p.wingWidth, WAD);

    it("call side: the short call within target ± tol, the width within tw ± tol, both inclusive", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const target = inexact(spot, WAD + p.callDistance, WAD);
      const tol = inexact(target, p.strikeBand, WAD);
      for (const low of [target - tol, target + tol]) await h.checkCondorSide(p, spot, true, [low, low + tw]);
      for (const low of [target - tol - 1n, target + tol + 1n]) {
        await expect(h.checkCondorSide(p, spot, true, [low, low + tw]))
          .to.be.revertedWithCustomError(h, "StrikeOutsideBand")
          .withArgs(low, target - tol, target + tol);
      }
      for (const high of [target + tw - tol, target + tw + tol]) {
        await h.checkCondorSide(p, spot, true, [target, high]);
      }
      for (const high of [target + tw - tol - 1n, target + tw + tol + 1n]) {
        await expect(h.checkCondorSide(p, spot, true, [target, high]))
          .to.be.revertedWithCustomError(h, "StrikeOutsideBand")
          .withArgs(high, target + tw - tol, target + tw + tol);
      }
    });

    it("put side: the short put (upper strike) within target ± tol, the width below it within tw ± tol", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const target = inexact(spot, WAD - p.putDistance, WAD);
      const tol = inexact(target, p.strikeBand, WAD);
      for (const high of [target - tol, target + tol]) {
        await h.checkCondorSide(p, spot, false, [high - tw, high]);
      }
      for (const high of [target - tol - 1n, target + tol + 1n]) {
        await expect(h.checkCondorSide(p, spot, false, [high - tw, high]))
          .to.be.revertedWithCustomError(h, "StrikeOutsideBand")
          .withArgs(high, target - tol, target + tol);
      }
      const high = target;
      for (const low of [high - tw - tol, high - tw + tol])
        await h.checkCondorSide(p, spot, false, [low, high]);
      for (const low of [high - tw - tol - 1n, high - tw + tol + 1n]) {
        await expect(h.checkCondorSide(p, spot, false, [low, high]))
          .to.be.revertedWithCustomError(h, "StrikeOutsideBand")
          .withArgs(low, high - tw - tol, high - tw + tol);
      }
    });

    it("put side: the long put below the short one, even when the tolerance exceeds the width", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const narrow = { ...p, wingWidth: 1n }; // tw = 5,000 units, tol about 95 index points
      const target = (spot * (WAD - p.putDistance)) / WAD;
      const tol = (target * p.strikeBand) / WAD;
      const twNarrow = (spot * narrow.wingWidth) / WAD;
      await h.checkCondorSide(narrow, spot, false, [target - 1n, target]);
      await expect(h.checkCondorSide(narrow, spot, false, [target, target]))
        .to.be.revertedWithCustomError(h, "StrikeOutsideBand")
        .withArgs(target, target - twNarrow - tol, target);
    });
  });

  describe("checkExpiry", function () {
    it("accepts now + tenorMin and now + tenorMax, refuses one second outside either", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const [min, max] = [10n * DAY, 20n * DAY];
      const now = await latest(); // a view runs at the latest block's timestamp
      for (const expiry of [now + min, now + max]) await h.checkExpiry(expiry, min, max);
      for (const expiry of [now + min - 1n, now + max + 1n]) {
        await expect(h.checkExpiry(expiry, min, max))
          .to.be.revertedWithCustomError(h, "ExpiryOutsideWindow")
          .withArgs(expiry, now + min, now + max);
      }
    });
  });

  describe("defaultExpiry: the first grid time at or after the window's middle, one day back if past its end", function () {
    /** The default expiry for a window [now + min, now + max] (tenors relative to the latest block). */
    async function expiryFor(h: HedgeRulesHarness, min: bigint, max: bigint): Promise<bigint> {
      return h.defaultExpiry({ ...LAYER, tenorMin: min, tenorMax: max }, EXPIRY_TIME_OF_DAY);
    }
    const FIVE_DAYS = 5n * DAY;

    it("a middle exactly on a grid time is that time; one second after it, the next day's", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const now = await latest();
      const grid = gridExpiry(now + 30n * DAY);
      const atGrid = grid - now; // the window's middle, relative to now
      expect(await expiryFor(h, atGrid - FIVE_DAYS, atGrid + FIVE_DAYS)).to.equal(grid);
      expect(await expiryFor(h, atGrid + 1n - FIVE_DAYS, atGrid + 1n + FIVE_DAYS)).to.equal(grid + DAY);
    });

    it("a grid time exactly at the window's end is kept; one second past it, moved back a day", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const now = await latest();
      const grid = gridExpiry(now + 30n * DAY);
      expect(await expiryFor(h, grid - now, grid - now)).to.equal(grid);
      expect(await expiryFor(h, grid - now - 1n, grid - now - 1n)).to.equal(grid - DAY);
    });
  });

  describe("defaultStrikes: the targets, snapped to the 0.01 tick only within the tolerance", function () {
    const layer = (otm: bigint, width: bigint, strikeBand: bigint) => ({ ...LAYER, otm, width, strikeBand });

    it("with no tolerance, the exact targets rounded down (off the tick)", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const vol = 20n * WAD + 7n;
      const p = layer(wad("0.25") + 3n, wad("0.15") + 1n, 0n);
      const low = inexact(vol, WAD + p.otm, WAD);
      const width = inexact(vol, p.width, WAD);
      expect(await h.defaultStrikes(p, vol)).to.deep.equal([low, low + width]);
    });

    it("snaps when the tick is exactly tol away, not when it is tol + 1 away", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const tick = 100n * TICK; // 1 index point
      const p = layer(0n, 0n, 1_000n); // target = vol; tol = vol × 1,000 / 1e18 = 1,000 units
      expect((await h.defaultStrikes(p, tick + 1_000n))[0]).to.equal(tick);
      expect((await h.defaultStrikes(p, tick + 1_001n))[0]).to.equal(tick + 1_001n);
      expect((await h.defaultStrikes(p, tick - 1n))[0]).to.equal(tick); // a target one unit below its tick
    });

    it("the tolerance is rounded down: 999.5 units do not reach a tick 1,000 units away", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const vol = 50n * TICK + 1_000n; // 0.5 index points + 1,000 units: 1,000 units above its tick
      const band = (999n * WAD) / vol + 1n; // vol × band / 1e18 lies in (999, 999.5]
      expect(inexact(vol, band, WAD)).to.equal(999n);
      expect((await h.defaultStrikes(layer(0n, 0n, band), vol))[0]).to.equal(vol);
    });
  });

  describe("ladderCash and ladderSize", function () {
    const condor = { ...DEFAULT_CONDOR, putDistance: wad("0.05"), wingWidth: WAD, notional: WAD };
    const vault = { ...DEFAULT_VAULT_POLICY, coverage: WAD, stressDrop: wad("0.05") + WAD };

    it("every step of ladderCash rounds down: a third at any one step of 1,000,000 units is 333,333", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const third = WAD / 3n;
      const cases: [string, typeof condor, typeof vault, bigint, bigint][] = [
        ["notional", { ...condor, notional: third }, vault, WAD, WAD],
        ["depth", condor, { ...vault, stressDrop: condor.putDistance + third }, WAD, WAD],
        ["coverage", condor, { ...vault, coverage: third }, WAD, WAD],
        ["weight", condor, vault, third, WAD],
        ["intensity", condor, vault, WAD, third],
      ];
      for (const [name, c, v, weight, intensity] of cases) {
        expect(await h.ladderCash(1_000_000n, c, v, weight, intensity), name).to.equal(333_333n);
      }
    });

    it("a stress drop at the short put pays nothing; one unit past it, depth 1", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const nav = 10n ** 30n; // large enough that a depth of 1 (1e-18) still pays 10^12 units
      const at = { ...vault, stressDrop: condor.putDistance };
      expect(await h.ladderCash(nav, condor, at, WAD, WAD)).to.equal(0n);
      const past = { ...vault, stressDrop: condor.putDistance + 1n };
      expect(await h.ladderCash(nav, condor, past, WAD, WAD)).to.equal(10n ** 12n);
    });

    it("ladderSize: 0 when the stressed level is at the lower strike, cash / 1 one unit above it", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const scale = 10n ** 30n;
      const vol = 20n * WAD;
      const rise = WAD / 2n; // stressed = 30 × 1e18 exactly
      const stressed = 30n * WAD;
      expect(await h.ladderSize(5n, vol, rise, stressed, stressed + WAD, scale)).to.equal(0n);
      expect(await h.ladderSize(5n, vol, rise, stressed - 1n, stressed + WAD, scale)).to.equal(5n * scale);
    });

    it("ladderSize rounds the stressed level and the size down, and pays over min(stress, width)", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const scale = 10n ** 30n;
      const vol = 20n * WAD + 1n;
      const rise = WAD / 2n;
      const stressed = inexact(vol, WAD + rise, WAD); // 30e18 + 1 (30e18 + 1.5 rounded down)
      expect(await h.ladderSize(5n, vol, rise, stressed, stressed + WAD, scale)).to.equal(0n);
      // 3 units of stress below a far upper strike: 1 × 1e30 / 3, rounded down
      expect(await h.ladderSize(1n, vol, rise, stressed - 3n, stressed + WAD, scale)).to.equal(
        inexact(1n, scale, 3n),
      );
    });
  });
});
