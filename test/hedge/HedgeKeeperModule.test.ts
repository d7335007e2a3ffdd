// The keeper module's rules at their exact edges, where the mutation run (issue 17) probes them: settleExpired acts
// from a position's expiry second and not one second before (the last layer, both condor legs, each leg alone), a
// monetisation triggers at its level exactly (rounded down) and not one unit below, the intensity range is inclusive
// at both ends, a monetised layer's re-entry waits for its delay to the second and for a term factor of at least
// exactly 1, a purchase cut by a premium cap buys exactly what the cap pays (and at least a quarter of its target), a
// roll waits for its window's first second, and every entry point refuses a direct call.
import { expect } from "chai";
import { network } from "hardhat";
import {
  makeHedgeFixture,
  type HedgeFixture,
  WITH_RESERVE_DRAW,
  condorStrikes,
  buyDefaultLayer,
  sellDefaultCondor,
  AT_SET_TIME,
} from "./hedge-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import type { LayerPolicy } from "../../scripts/deploy/hedgeSide.js";
import {
  DAY,
  DEFAULT_CONDOR,
  DEFAULT_LAYERS,
  DEFAULT_VAULT_POLICY,
  gridExpiry,
  pts,
  wad,
  WAD,
} from "../../scripts/deploy/hedgeSide.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const base = makeHedgeFixture(connection, WITH_RESERVE_DRAW);
const NAV = usdc(1_000_000n);
/** One step of an 8-decimal feed, in 18-decimal points. */
const FEED_TICK = 10n ** 10n;
const LAST = BigInt(DEFAULT_LAYERS.length - 1);
/** 10^(36 - 6): cash in USDC units = size x points / CASH_SCALE (SeriesMath). */
const CASH_SCALE = 10n ** 30n;

async function funded(): Promise<HedgeFixture> {
  const f = await base();
  await f.seed(NAV);
  return f;
}

async function withLastLayer(): Promise<HedgeFixture> {
  const f = await funded();
  await buyDefaultLayer(f, LAST);
  return f;
}

async function withCondor(): Promise<HedgeFixture> {
  const f = await funded();
  await sellDefaultCondor(f);
  return f;
}

/**
 * Layer 0 bought over [25, 28.01] (the index at 20): 301 ticks wide, so trigger x width is not a whole number of
 * 1e-18 for most triggers, and the trigger level's rounding shows.
 */
async function withOddLayer(): Promise<HedgeFixture> {
  const f = await funded();
  const [, , , expiry] = await f.hedge.defaultLayerTrade(0n);
  await f.hedge.connect(f.keeper).rollLayer(0n, pts("25"), pts("28.01"), expiry, WAD, ethers.MaxUint256);
  return f;
}

/**
 * Layer 1's policy widened to allow a deep in-the-money spread (otm 0.05, width 0.02, band 0.2: strikes from 16.8
 * with the index at 20) and a calm surface (10 % volatility of the index, so that it ending below 17.4 is a 3.4-sigma
 * move): such a spread is worth almost its whole discounted width, and the pool's ask (fair x 1.01 + 0.5 % of the
 * width) reaches its cap, the width. `policy` overrides more fields (maxPremium). Returns the policy set.
 */
async function deepInTheMoney(f: HedgeFixture, policy: Partial<LayerPolicy> = {}): Promise<LayerPolicy> {
  await f.pushSurface(f.volFeed, [
    { tenor: 30n * DAY, forwardFactor: WAD, atmVol: wad("0.1"), skew: 0n, curvature: 0n },
  ]);
  const set = {
    ...DEFAULT_LAYERS[1]!,
    otm: wad("0.05"),
    width: wad("0.02"),
    strikeBand: wad("0.2"),
    ...policy,
  };
  await f.hedge.setLayerPolicy(1n, set);
  return set;
}

describe("HedgeKeeperModule: the keeper's rules at their exact edges", function () {
  describe("settleExpired: from the expiry second, not one second before", function () {
    const cases: [string, () => Promise<HedgeFixture>, (f: HedgeFixture) => Promise<[bigint, string]>][] = [
      [
        "the last layer",
        withLastLayer,
        async (f) => [
          (await f.hedge.keeperState()).layers[Number(LAST)]!.expiry,
          await f.volFeed.getAddress(),
        ],
      ],
      [
        "the condor legs",
        withCondor,
        async (f) => [(await f.hedge.keeperState()).putLeg.expiry, await f.indexFeed.getAddress()],
      ],
    ];
    /** The condor with one side closed (rolled with a premium floor no bid meets): the other leg alone. */
    const oneLeg = (keepCall: boolean) =>
      async function oneLegOfCondor(): Promise<HedgeFixture> {
        const f = await withCondor();
        const k = condorStrikes(pts("5000"));
        const expiry = gridExpiry((await f.now()) + 30n * DAY);
        await expect(
          f.hedge
            .connect(f.keeper)
            .rollCondorSide(!keepCall, keepCall ? k.put : k.call, expiry, ethers.MaxUint256),
        ).to.emit(f.hedge, "CondorSideClosed");
        const { putLeg, callLeg } = await f.hedge.keeperState();
        expect([putLeg.size > 0n, callLeg.size > 0n]).to.deep.equal([!keepCall, keepCall]);
        return f;
      };
    cases.push(
      [
        "the put leg alone",
        oneLeg(false),
        async (f) => [(await f.hedge.keeperState()).putLeg.expiry, await f.indexFeed.getAddress()],
      ],
      [
        "the call leg alone",
        oneLeg(true),
        async (f) => [(await f.hedge.keeperState()).callLeg.expiry, await f.indexFeed.getAddress()],
      ],
    );
    for (const [name, fixture, expiryOf] of cases) {
      it(`${name}: nothing to settle at expiry - 1; at expiry it settles (the pool refuses without a round)`, async function () {
        const f = await networkHelpers.loadFixture(fixture);
        const [expiry, feed] = await expiryOf(f);
        await networkHelpers.time.setNextBlockTimestamp(expiry - 1n);
        const early = f.hedge.settleExpired(AT_SET_TIME);
        await expect(early).to.not.emit(f.hedge, "PositionSettled");
        await expect(early).to.not.emit(f.hedge, "CondorLegClosed");
        await networkHelpers.time.setNextBlockTimestamp(expiry);
        await expect(f.hedge.settleExpired(AT_SET_TIME))
          .to.be.revertedWithCustomError(f.pricer, "FeedNoRoundAtOrAfter")
          .withArgs(feed, expiry);
      });
    }
  });

  describe("monetiseLayer: at the trigger level exactly, strikeLow + trigger x width rounded down", function () {
    /**
     * A trigger (from 0.6 up) whose level, strikeLow + floor(width x trigger / 1e18), is `rest` units above a whole
     * feed step, with width x trigger not a whole number of units (so that rounding the level up would show).
     */
    function triggerWithLevel(low: bigint, width: bigint, rest: bigint): [bigint, bigint] {
      for (let step = (6n * width) / 10n / FEED_TICK; ; step++) {
        const offset = step * FEED_TICK + rest - (low % FEED_TICK); // the level's offset above strikeLow
        const trigger = (offset * WAD + width - 1n) / width; // the least trigger reaching it
        if ((width * trigger) / WAD === offset && (width * trigger) % WAD !== 0n)
          return [trigger, low + offset];
      }
    }

    async function armed(rest: bigint): Promise<[HedgeFixture, bigint]> {
      const f = await networkHelpers.loadFixture(withOddLayer);
      const { strikeLow, strikeHigh } = (await f.hedge.keeperState()).layers[0]!;
      const [trigger, level] = triggerWithLevel(strikeLow, strikeHigh - strikeLow, rest);
      await f.hedge.setLayerPolicy(0n, { ...DEFAULT_LAYERS[0]!, trigger });
      return [f, level];
    }

    it("a level on the feed's grid: one feed step below it refused, at it monetised", async function () {
      const [f, level] = await armed(0n);
      await f.push(f.volFeed, level - FEED_TICK);
      await expect(f.hedge.connect(f.keeper).monetiseLayer(0n))
        .to.be.revertedWithCustomError(f.hedge, "LayerNotTriggered")
        .withArgs(0n, level - FEED_TICK, level);
      await f.push(f.volFeed, level);
      await expect(f.hedge.connect(f.keeper).monetiseLayer(0n)).to.emit(f.hedge, "LayerMonetised");
    });

    it("a level one unit above the feed's grid: the index one unit below it is refused", async function () {
      const [f, level] = await armed(1n);
      await f.push(f.volFeed, level - 1n);
      await expect(f.hedge.connect(f.keeper).monetiseLayer(0n))
        .to.be.revertedWithCustomError(f.hedge, "LayerNotTriggered")
        .withArgs(0n, level - 1n, level);
    });
  });

  describe("rollLayer: the intensity within [minIntensity, maxIntensity], both inclusive", function () {
    const { minIntensity: min, maxIntensity: max } = DEFAULT_VAULT_POLICY;
    for (const [name, intensity, ok] of [
      ["refused one unit below its minimum", min - 1n, false],
      ["accepted at its minimum", min, true],
      ["accepted at its maximum", max, true],
      ["refused one unit above its maximum", max + 1n, false],
    ] as const) {
      it(`intensity ${name}`, async function () {
        const f = await networkHelpers.loadFixture(funded);
        const [, low, high, expiry] = await f.hedge.defaultLayerTrade(1n);
        const roll = f.hedge.connect(f.keeper).rollLayer(1n, low, high, expiry, intensity, ethers.MaxUint256);
        if (ok) await expect(roll).to.emit(f.hedge, "LayerRolled");
        else
          await expect(roll)
            .to.be.revertedWithCustomError(f.hedge, "IntensityOutOfBounds")
            .withArgs(intensity, min, max);
      });
    }
  });

  describe("re-entry after a monetisation: the delay to the second, the term factor at exactly 1", function () {
    async function monetised(): Promise<HedgeFixture> {
      const f = await funded();
      const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
      await f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
      await f.push(f.volFeed, pts("30"));
      await f.hedge.connect(f.keeper).monetiseLayer(0n);
      return f;
    }
    const reenter = async (f: HedgeFixture, overrides = {}) => {
      const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
      return f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256, overrides);
    };

    it("the index back at the re-entry level: blocked at lastRoll + reentryDelay - 1, allowed at that second", async function () {
      const f = await networkHelpers.loadFixture(monetised);
      const availableAt =
        (await f.hedge.keeperState()).layers[0]!.lastRoll + DEFAULT_VAULT_POLICY.reentryDelay;
      await f.push(f.volFeed, pts("25")); // the sold spread's lower strike: the index condition is met
      await f.freshBefore(availableAt);
      await networkHelpers.time.setNextBlockTimestamp(availableAt - 1n);
      await expect(reenter(f, AT_SET_TIME))
        .to.be.revertedWithCustomError(f.hedge, "LayerReentryBlocked")
        .withArgs(0n, pts("25"), pts("25"), (factor: bigint) => factor > 0n, availableAt);
      await networkHelpers.time.setNextBlockTimestamp(availableAt);
      await expect(reenter(f, AT_SET_TIME)).to.emit(f.hedge, "LayerRolled");
    });

    it("the index one unit (1e-18) above the re-entry level is above it: blocked in backwardation", async function () {
      // Layer 0 bought with its lower strike one unit below a feed step, so the index can stand one unit above it.
      const f = await networkHelpers.loadFixture(funded);
      const [, , , expiry] = await f.hedge.defaultLayerTrade(0n);
      const low = pts("25") - 1n;
      await f.hedge.connect(f.keeper).rollLayer(0n, low, pts("28"), expiry, WAD, ethers.MaxUint256);
      await f.push(f.volFeed, pts("30"));
      await f.hedge.connect(f.keeper).monetiseLayer(0n);
      expect((await f.hedge.keeperState()).layers[0]!.reentryLevel).to.equal(low);
      await f.advance(DEFAULT_VAULT_POLICY.reentryDelay);
      await f.pushSurface(f.volFeed, [
        { tenor: 30n * DAY, forwardFactor: wad("0.9"), atmVol: wad("0.8"), skew: 0n, curvature: 0n },
      ]);
      await f.push(f.volFeed, low + 1n);
      await expect(reenter(f))
        .to.be.revertedWithCustomError(f.hedge, "LayerReentryBlocked")
        .withArgs(0n, low + 1n, low, wad("0.9"), (at: bigint) => at > 0n);
    });

    it("the index still high: blocked while the 30-day term factor is 1 - 1e-18, allowed at exactly 1", async function () {
      const f = await networkHelpers.loadFixture(monetised);
      await f.advance(DEFAULT_VAULT_POLICY.reentryDelay);
      const curve = (forwardFactor: bigint) => [
        { tenor: 30n * DAY, forwardFactor, atmVol: wad("0.8"), skew: 0n, curvature: 0n },
      ];
      await f.pushSurface(f.volFeed, curve(WAD - 1n));
      await expect(reenter(f))
        .to.be.revertedWithCustomError(f.hedge, "LayerReentryBlocked")
        .withArgs(0n, pts("30"), pts("25"), WAD - 1n, (at: bigint) => at > 0n);
      await f.pushSurface(f.volFeed, curve(WAD));
      await expect(reenter(f)).to.emit(f.hedge, "LayerRolled");
    });
  });

  it("a cap one unit below the target at full width buys what the cap pays at the ask (a deep in-the-money spread)", async function () {
    // Layer 1 bought over [17, 17.4] (deepInTheMoney: the pool's ask is the width). At a premium cap of
    // cashUp(target, width) - 1 the target does not fit: the vault buys floor(cap / width), not the target (which
    // would cost one unit more than the cap).
    const f = await networkHelpers.loadFixture(funded);
    const policy = await deepInTheMoney(f);
    const [low, high] = [pts("17"), pts("17.4")];
    const { lastNav } = await f.hedge.keeperState();
    const [vaultPolicy, condorPolicy] = [WITH_RESERVE_DRAW.vaultPolicy, DEFAULT_CONDOR]; // the fixture's
    const rules = await ethers.deployContract("HedgeRulesHarness");
    const cash = await rules.ladderCash(lastNav, condorPolicy, vaultPolicy, policy.weight, WAD);
    const target = await rules.ladderSize(cash, pts("20"), vaultPolicy.stressRise, low, high, CASH_SCALE);
    const width = high - low;
    const cap = (target * width + CASH_SCALE - 1n) / CASH_SCALE - 1n;
    const bought = (cap * CASH_SCALE) / width;
    expect(bought).to.be.lessThan(target);
    const [, , , expiry] = await f.hedge.defaultLayerTrade(1n);
    await expect(f.hedge.connect(f.keeper).rollLayer(1n, low, high, expiry, WAD, cap))
      .to.emit(f.hedge, "LayerRolled")
      .withArgs(
        1n,
        0n,
        (id: bigint) => id > 0n,
        bought,
        (ask: bigint) => ask <= cap,
        0n,
      );
  });

  it("the policy's premium cap, maxPremium x lastNav, is rounded down (the deep in-the-money spread above)", async function () {
    const f = await networkHelpers.loadFixture(funded);
    const { lastNav } = await f.hedge.keeperState();
    const [low, high] = [pts("17"), pts("17.4")];
    // A policy cap of about 3,000 USDC, with maxPremium x lastNav not a whole unit.
    let maxPremium = (usdc(3_000n) * WAD) / lastNav;
    while ((lastNav * maxPremium) % WAD === 0n) maxPremium++;
    await deepInTheMoney(f, { maxPremium });
    const cap = (lastNav * maxPremium) / WAD;
    const [, , , expiry] = await f.hedge.defaultLayerTrade(1n);
    await expect(f.hedge.connect(f.keeper).rollLayer(1n, low, high, expiry, WAD, ethers.MaxUint256))
      .to.emit(f.hedge, "LayerRolled")
      .withArgs(
        1n,
        0n,
        (id: bigint) => id > 0n,
        (cap * CASH_SCALE) / (high - low),
        (ask: bigint) => ask <= cap,
        0n,
      );
  });

  describe("a purchase cut by its cap: at least a quarter of the target, else LayerBudgetShort", function () {
    // Layer 1 over [17, 17.3] (deepInTheMoney: the ask is the width). With a width of 0.3, a size is
    // floor(cash x 10^13 / 3): a cap with cap x 10^13 = 3q + r buys q contracts, and a ladder cash of 4 x cap (set
    // through the intensity) targets 4q + floor(4r / 3) contracts — exactly 4 x the size for r = 0, one more for r = 1.
    const [low, high] = [pts("17"), pts("17.3")];
    async function cutTo(rest: bigint) {
      const f = await networkHelpers.loadFixture(funded);
      const policy = await deepInTheMoney(f);
      const { lastNav } = await f.hedge.keeperState();
      const rules = await ethers.deployContract("HedgeRulesHarness");
      const [v, condorPolicy] = [WITH_RESERVE_DRAW.vaultPolicy, DEFAULT_CONDOR]; // the fixture's policies
      const base = await rules.ladderCash(lastNav, condorPolicy, v, policy.weight, WAD);
      let cap = base / 4n;
      while (cap % 3n !== rest) cap--;
      const intensity = (4n * cap * WAD + base - 1n) / base; // the least intensity whose cash is 4 x cap
      expect(await rules.ladderCash(lastNav, condorPolicy, v, policy.weight, intensity)).to.equal(4n * cap);
      const target = await rules.ladderSize(4n * cap, pts("20"), v.stressRise, low, high, CASH_SCALE);
      const size = (cap * CASH_SCALE) / (high - low);
      const [, , , expiry] = await f.hedge.defaultLayerTrade(1n);
      const roll = f.hedge.connect(f.keeper).rollLayer(1n, low, high, expiry, intensity, cap);
      return { f, roll, size, target };
    }

    it("a quarter exactly: bought", async function () {
      const { f, roll, size, target } = await cutTo(0n);
      expect(size * 4n).to.equal(target);
      await expect(roll)
        .to.emit(f.hedge, "LayerRolled")
        .withArgs(
          1n,
          0n,
          (id: bigint) => id > 0n,
          size,
          (ask: bigint) => ask > 0n,
          0n,
        );
    });

    it("one contract-unit (1e-18) less than a quarter: LayerBudgetShort", async function () {
      const { f, roll, size, target } = await cutTo(1n);
      expect(size * 4n + 1n).to.equal(target);
      await expect(roll)
        .to.be.revertedWithCustomError(f.hedge, "LayerBudgetShort")
        .withArgs(1n, size, target);
    });
  });

  it("rollLayer: refused one second before the roll window opens (LayerRollNotDue), accepted at its first second", async function () {
    const f = await networkHelpers.loadFixture(withLastLayer);
    const { expiry } = (await f.hedge.keeperState()).layers[Number(LAST)]!;
    const opens = expiry - DEFAULT_LAYERS[Number(LAST)]!.rollWindow;
    await f.freshBefore(opens);
    const [, low, high, next] = await f.hedge.defaultLayerTrade(LAST);
    const roll = () =>
      f.hedge.connect(f.keeper).rollLayer(LAST, low, high, next, WAD, ethers.MaxUint256, AT_SET_TIME);
    await networkHelpers.time.setNextBlockTimestamp(opens - 1n);
    await expect(roll()).to.be.revertedWithCustomError(f.hedge, "LayerRollNotDue").withArgs(LAST, opens);
    await networkHelpers.time.setNextBlockTimestamp(opens);
    await expect(roll()).to.emit(f.hedge, "LayerRolled");
  });

  it("rollLayerDefault, not due: names the later of the roll window's start and the cooldown's end", async function () {
    const f = await networkHelpers.loadFixture(withLastLayer);
    const { expiry, lastRoll } = (await f.hedge.keeperState()).layers[Number(LAST)]!;
    const { rollWindow, cooldown } = DEFAULT_LAYERS[Number(LAST)]!;
    expect(expiry - rollWindow).to.be.greaterThan(lastRoll + cooldown);
    await expect(f.hedge.rollLayerDefault(LAST))
      .to.be.revertedWithCustomError(f.hedge, "LayerRollNotDue")
      .withArgs(LAST, expiry - rollWindow);
  });

  it("every entry point of the module refuses a direct call (NotDelegated)", async function () {
    const f = await networkHelpers.loadFixture(funded);
    const keeper = await ethers.getContractAt("HedgeKeeperModule", await f.hedge.keeperModule());
    const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
    const calls: [string, () => Promise<unknown>][] = [
      ["rollLayer", () => keeper.rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256)],
      ["monetiseLayer", () => keeper.monetiseLayer(0n)],
      ["rollLayerDefault", () => keeper.rollLayerDefault(0n)],
      ["settleExpired", () => keeper.settleExpired()],
    ];
    for (const [name, call] of calls) {
      await expect(call(), name).to.be.revertedWithCustomError(keeper, "NotDelegated");
    }
  });
});
