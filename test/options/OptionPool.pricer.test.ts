import { expect } from "chai";
import { network } from "hardhat";
import type { IndexFeed, OptionsGasBurningFeedMock } from "../../types/ethers-contracts/index.js";
import { flatSurface } from "../../scripts/deploy/hedgeSide.js";
import {
  BASE_VOL,
  CALL,
  DAY,
  DEFAULT_PARAMS,
  LP_DEPOSIT,
  PUT,
  USDC,
  WAD,
  answer,
  cashUp,
  makeOptionsFixture,
  pts,
} from "./options-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = makeOptionsFixture(ethers, networkHelpers);
const FAR = 2n ** 64n;

describe("OptionPricer", function () {
  it("latestIndex reads the feed in 18 decimals and rejects a stale round", async function () {
    const { pricer, feed } = await networkHelpers.loadFixture(fixture);
    expect(await pricer.latestIndex(await feed.getAddress(), DAY)).to.equal(pts("20"));
    await networkHelpers.time.increase(DAY + 1n);
    await expect(pricer.latestIndex(await feed.getAddress(), DAY)).to.be.revertedWithCustomError(
      pricer,
      "FeedStale",
    );
  });

  it("unitPrices: forward = index x the surface's forward factor; ask >= fair >= bid; Black-76 bounds revert", async function () {
    const { pricer, feed, pushSurface } = await networkHelpers.loadFixture(fixture);
    const inputs = {
      isCall: true,
      forward: 0n,
      strikeLow: pts("23"),
      strikeHigh: pts("26"),
      timeSeconds: 30n * DAY,
      atmVol: 0n, // from the surface
      skew: 0n,
      curvature: 0n,
      minVol: WAD / 10n,
      maxVol: 3n * WAD,
      rate: WAD / 20n,
      halfSpread: WAD / 200n,
      fee: WAD / 100n,
    };
    const fa = await feed.getAddress();
    const config = { heartbeat: DAY, surfaceMaxAge: DAY };
    const [fair, ask, bid] = await pricer.unitPrices(fa, config, inputs);
    expect(fair).to.equal(484_876_990_520_550_038n); // the worked example of docs/options.md (flat 80 %)
    expect(ask).to.equal(504_725_760_425_755_539n);
    expect(bid).to.equal(465_028_220_615_344_537n);
    // What the caller passes as forward and smile is ignored: they come from the feed and the surface.
    const [same] = await pricer.unitPrices(fa, config, { ...inputs, forward: pts("50"), atmVol: WAD });
    expect(same).to.equal(fair);
    await pushSurface([{ ...flatSurface(BASE_VOL)[0]!, forwardFactor: (11n * WAD) / 10n }]);
    const [fairUp] = await pricer.unitPrices(fa, config, inputs);
    expect(fairUp).to.be.greaterThan(fair); // forward 22 at 30 days
    const [, , bidPut] = await pricer.unitPrices(fa, config, { ...inputs, isCall: false });
    expect(bidPut).to.be.lessThan(pts("3"));
    await expect(
      pricer.unitPrices(fa, config, { ...inputs, timeSeconds: 6n * 365n * DAY }),
    ).to.be.revertedWithCustomError(pricer, "TimeOutOfRange");
  });

  it("unitPrices: a missing or stale surface reverts SurfaceStale (like a stale feed)", async function () {
    const { pricer, feed, surfaces, now } = await networkHelpers.loadFixture(fixture);
    const fa = await feed.getAddress();
    const inputs = {
      isCall: true,
      forward: 0n,
      strikeLow: pts("23"),
      strikeHigh: pts("26"),
      timeSeconds: 30n * DAY,
      atmVol: 0n,
      skew: 0n,
      curvature: 0n,
      minVol: WAD / 10n,
      maxVol: 3n * WAD,
      rate: WAD / 20n,
      halfSpread: WAD / 200n,
      fee: WAD / 100n,
    };
    const [updatedAt] = await surfaces.surface(fa);
    const config = { heartbeat: 7n * DAY, surfaceMaxAge: 3_600n };
    await networkHelpers.time.increaseTo(updatedAt + 3_600n); // exactly the maximum age: still fresh
    await pricer.unitPrices(fa, config, inputs);
    await networkHelpers.time.increaseTo(updatedAt + 3_601n);
    await expect(pricer.unitPrices(fa, config, inputs))
      .to.be.revertedWithCustomError(pricer, "SurfaceStale")
      .withArgs(fa, updatedAt, 3_600n);
    // A feed nobody pushed a surface for: updatedAt 0.
    const other = (await ethers.deployContract("IndexFeed", [
      (await ethers.getSigners())[0]!.address,
      "other",
      1n,
      10n ** 12n,
    ])) as unknown as IndexFeed;
    await other.grantRole(await other.REPORTER_ROLE(), (await ethers.getSigners())[0]!.address);
    await other.pushRound(20n * 10n ** 8n, await now());
    await expect(pricer.unitPrices(await other.getAddress(), config, inputs))
      .to.be.revertedWithCustomError(pricer, "SurfaceStale")
      .withArgs(await other.getAddress(), 0n, 3_600n);
  });

  it("seriesUnitPrices rejects a series whose feed was unregistered", async function () {
    const { pool, pricer, feed, list } = await networkHelpers.loadFixture(fixture);
    const id = await list(CALL, pts("23"), pts("26"));
    await pool.configureFeed(await feed.getAddress(), 0n, DAY);
    await expect(pricer.seriesUnitPrices(await pool.getAddress(), id))
      .to.be.revertedWithCustomError(pricer, "FeedNotRegistered")
      .withArgs(await feed.getAddress());
  });

  it("settlementPrice returns the first round at or after the time", async function () {
    const { pricer, feed, push, now } = await networkHelpers.loadFixture(fixture);
    const t = (await now()) + 100n;
    await networkHelpers.time.increaseTo(t + 5n);
    await push(pts("21"));
    const [price, roundId] = await pricer.settlementPrice(await feed.getAddress(), t, 3_600n);
    expect(price).to.equal(pts("21"));
    expect(roundId).to.equal(2n);
    await expect(
      pricer.settlementPrice(await feed.getAddress(), t + 100n, 3_600n),
    ).to.be.revertedWithCustomError(pricer, "FeedNoRoundAtOrAfter");
  });

  it("checks parameters directly (the pool's bounds)", async function () {
    const { pricer, pool } = await networkHelpers.loadFixture(fixture);
    await pricer.checkParams(DEFAULT_PARAMS);
    await pricer.checkFeedConfig(DAY, DAY);
    await expect(pricer.checkParams({ ...DEFAULT_PARAMS, fee: WAD })).to.be.revertedWithCustomError(
      pool,
      "ParameterOutOfBounds",
    );
    await expect(pricer.checkFeedConfig(DAY, 59n)).to.be.revertedWithCustomError(
      pool,
      "ParameterOutOfBounds",
    );
  });

  it("poolMarks gives totalAssets = lpCash + exit credit - exit debit; entry marks the spread the other way", async function () {
    const { pool, pricer, alice, list } = await networkHelpers.loadFixture(fixture);
    const id = await list(CALL, pts("23"), pts("26"));
    await pool.connect(alice).buy(id, 100n * WAD, FAR, FAR);
    const m = await pricer.poolMarks(await pool.getAddress(), 10n ** 30n);
    expect(m.exitCredit).to.equal(0n);
    expect(m.entryCredit).to.equal(0n);
    expect(await pool.totalAssets()).to.equal((await pool.lpCash()) + m.exitCredit - m.exitDebit);
    const [ask, bid] = await pool.quote(id, 100n * WAD);
    expect(m.exitDebit).to.equal(ask); // the pool's net short at the ask
    expect(m.entryDebit).to.equal(bid); // and at the bid for whoever enters
  });

  /** A call spread 23/26 on OptionsGasBurningFeedMock (one round at 20, not burning yet), one contract bought. */
  async function onAGasBurningFeed() {
    const f = await networkHelpers.loadFixture(fixture);
    const burner = (await ethers.deployContract(
      "OptionsGasBurningFeedMock",
    )) as unknown as OptionsGasBurningFeedMock;
    const fa = await burner.getAddress();
    await burner.setRound(20n * 10n ** 8n, await f.now());
    await f.pool.configureFeed(fa, DAY, DAY);
    await f.surfaces.connect(f.volOracle).pushSurface(fa, await f.now(), flatSurface(BASE_VOL));
    await f.pool.listSeries(fa, CALL, pts("23"), pts("26"), f.expiry);
    const id = await f.pricer.seriesIdOf(fa, CALL, pts("23"), pts("26"), f.expiry);
    await f.pool.connect(f.alice).buy(id, WAD, FAR, FAR);
    return { ...f, burner, fa };
  }

  it("a valuation that runs out of gas makes the mark revert (MarkWithoutReason), not fall back", async function () {
    const { pool, pricer, burner, fa } = await onAGasBurningFeed();
    await burner.setBurn(true);
    await expect(pool.totalAssets({ gasLimit: 3_000_000n }))
      .to.be.revertedWithCustomError(pricer, "MarkWithoutReason")
      .withArgs(fa);
  });

  it("an expired series whose settlement read runs out of gas makes the mark revert, not fall back", async function () {
    const { pool, pricer, burner, fa, expiry } = await onAGasBurningFeed();
    // A settlement round 10 s after the expiry, then a day and more: the latest round is stale (the live
    // read fails with its reason), and the settlement read's last step, `decimals`, runs out of gas.
    await networkHelpers.time.increaseTo(expiry + 10n);
    await burner.setRound(25n * 10n ** 8n, expiry + 10n);
    await networkHelpers.time.increaseTo(expiry + 10n + DAY + 1n);
    await burner.setBurnDecimals(true);
    await expect(pool.totalAssets({ gasLimit: 3_000_000n }))
      .to.be.revertedWithCustomError(pricer, "MarkWithoutReason")
      .withArgs(fa);
  });

  it("a surface read that reverts without data (as running out of gas does) makes the mark revert", async function () {
    const { pool, pricer, alice, surfaces, feed, list } = await networkHelpers.loadFixture(fixture);
    const id = await list(CALL, pts("23"), pts("26"));
    await pool.connect(alice).buy(id, WAD, FAR, FAR);
    // PUSH1 0 PUSH1 0 REVERT: every call to the surface oracle reverts with no data.
    await networkHelpers.setCode(await surfaces.getAddress(), "0x60006000fd");
    await expect(pool.totalAssets())
      .to.be.revertedWithCustomError(pricer, "MarkWithoutReason")
      .withArgs(await feed.getAddress());
  });

  /**
   * A feed of the test's own (answers 1 .. maxAnswer, 8 decimals) at `answer`, registered, with a one-pillar surface
   * (beyond its one-day pillar the slice is flat: the forward is index x forwardFactor) and a strike band from 0.1.
   */
  async function withOwnFeed(maxAnswer: bigint, answer: bigint) {
    const f = await networkHelpers.loadFixture(fixture);
    const [admin] = await ethers.getSigners();
    const own = (await ethers.deployContract("IndexFeed", [
      admin!.address,
      "an index of the test's own",
      1n,
      maxAnswer,
    ])) as unknown as IndexFeed;
    await own.grantRole(await own.REPORTER_ROLE(), admin!.address);
    const fa = await own.getAddress();
    /** A round at `answer` and a surface with `forwardFactor`, both observed now. */
    const pushAt = async (a: bigint, forwardFactor: bigint = WAD) => {
      await own.pushRound(a, await f.now());
      const pillar = { tenor: DAY, forwardFactor, atmVol: BASE_VOL, skew: 0n, curvature: 0n };
      await f.surfaces.connect(f.volOracle).pushSurface(fa, await f.now(), [pillar]);
    };
    await pushAt(answer);
    await f.pool.configureFeed(fa, DAY, DAY);
    await f.pool.setParams({ ...DEFAULT_PARAMS, strikeBandLow: WAD / 10n });
    await f.usdc.mint(f.alice.address, 1_000_000n * USDC);
    /** Lists a series on the feed and returns its id. */
    const listOwn = async (kind: bigint, low: bigint, high: bigint) => {
      await f.pool.listSeries(fa, kind, low, high, f.expiry);
      return f.pricer.seriesIdOf(fa, kind, low, high, f.expiry);
    };
    return { ...f, pushAt, listOwn };
  }

  describe("Black-76's price floor (1e-6 points) in the mark", function () {
    const FLOOR = 10n ** 12n; // Black76.MIN_PRICE
    const SIZE = 10n ** 29n; // 10^11 contracts: the 1e-6-point width is worth 100,000 USDC
    const WIDTH_CASH = 100_000n * USDC;

    // An index at exactly the floor (feed answer 100), a call spread from the floor to twice it, bought.
    async function atTheFloor() {
      const f = await withOwnFeed(10n ** 8n, 100n);
      const id = await f.listOwn(CALL, FLOOR, 2n * FLOOR);
      await f.pool.connect(f.alice).buy(id, SIZE, FAR, FAR);
      return { ...f, id };
    }

    it("prices a lower strike and a forward exactly at the floor: the LP assets are unchanged by a buy", async function () {
      const f = await atTheFloor();
      const premium = (await f.pool.lpCash()) - LP_DEPOSIT;
      expect(premium).to.be.greaterThan(0n).and.lessThan(WIDTH_CASH);
      // the pool's short is marked at the ask it was just sold at, not at the worst case (the width)
      expect(await f.pool.totalAssets()).to.equal(LP_DEPOSIT);
    });

    it("marks a forward one unit under the floor at the worst case, without a revert", async function () {
      const f = await atTheFloor();
      await f.pushAt(100n, WAD - 1n); // forward = 10^12 x (1 - 1e-18), rounded down: 10^12 - 1
      expect(await f.pool.totalAssets()).to.equal((await f.pool.lpCash()) - WIDTH_CASH);
    });
  });

  describe("Black-76's price ceiling (10^12 points) in the mark", function () {
    const SIZE = 100n * WAD;
    const WIDTH_CASH = 300n * USDC; // 100 put spreads 16/19

    // A put spread 16/19 bought at an index of 20; the index then jumps to the ceiling.
    async function atTheCeiling() {
      const f = await withOwnFeed(2n * 10n ** 20n, 20n * 10n ** 8n);
      const id = await f.listOwn(PUT, pts("16"), pts("19"));
      await f.pool.connect(f.alice).buy(id, SIZE, FAR, FAR);
      return { ...f, id };
    }

    it("prices a forward exactly at the ceiling: far out of the money, the short is marked at its ask", async function () {
      const f = await atTheCeiling();
      await f.pushAt(10n ** 20n); // 10^12 points: forward = MAX_PRICE
      const [, ask] = await f.pricer.seriesUnitPrices(f.pool, f.id);
      const debit = (await f.pool.lpCash()) - (await f.pool.totalAssets());
      expect(debit).to.equal(cashUp(SIZE, ask));
      expect(debit).to.be.lessThan(WIDTH_CASH);
    });

    it("marks a forward one unit above the ceiling at the worst case, without a revert", async function () {
      const f = await atTheCeiling();
      // (10^30 - 10^20 + 10^10) x (1 + 1e-10) = 10^30 + 1 exactly
      await f.pushAt(10n ** 20n - 10n ** 10n + 1n, WAD + 10n ** 8n);
      expect(await f.pool.totalAssets()).to.equal((await f.pool.lpCash()) - WIDTH_CASH);
    });
  });

  describe("the mark at the expiry's second", function () {
    const SIZE = 100n * WAD;
    const WIDTH_CASH = 300n * USDC; // 100 put spreads 16/19

    async function withShortPut() {
      const f = await networkHelpers.loadFixture(fixture);
      const id = await f.list(PUT, pts("16"), pts("19"));
      await f.pool.connect(f.alice).buy(id, SIZE, FAR, FAR);
      await networkHelpers.time.increaseTo(f.expiry - 120n);
      await f.push(pts("20"));
      return f;
    }
    const debit = async (f: Awaited<ReturnType<typeof withShortPut>>) =>
      (await f.pool.lpCash()) - (await f.pool.totalAssets());

    it("is live until the second before the expiry, the worst case at the expiry without a settlement round", async function () {
      const f = await withShortPut();
      await networkHelpers.time.increaseTo(f.expiry - 1n); // a block at expiry - 1: views run at its time
      const live = await debit(f);
      expect(live).to.be.greaterThan(0n).and.lessThan(WIDTH_CASH);
      await networkHelpers.time.increaseTo(f.expiry);
      expect(await debit(f)).to.equal(WIDTH_CASH);
    });

    it("prices the second before the expiry with a tenor of 1 s (the forward factor of the surface at 1 s)", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const id = await f.list(CALL, pts("20"), pts("23"));
      await f.pool.connect(f.alice).buy(id, SIZE, FAR, FAR);
      await networkHelpers.time.increaseTo(f.expiry - 120n);
      await f.push(pts("20"));
      // Forward factor 1.5 at 30 days: 1 + 0.5 x t / 30 days below it, so the forward moves with each second.
      await f.pushSurface([
        { tenor: 30n * DAY, forwardFactor: (3n * WAD) / 2n, atmVol: BASE_VOL, skew: 0n, curvature: 0n },
      ]);
      await networkHelpers.time.increaseTo(f.expiry - 1n);
      const fa = await f.feed.getAddress();
      const index = await f.pricer.latestIndex(fa, DAY);
      const config = { heartbeat: DAY, surfaceMaxAge: DAY };
      const askAt = async (timeSeconds: bigint) => {
        const inputs = {
          ...{ isCall: true, forward: 0n, strikeLow: pts("20"), strikeHigh: pts("23"), timeSeconds },
          ...{
            atmVol: 0n,
            skew: 0n,
            curvature: 0n,
            minVol: DEFAULT_PARAMS.minVol,
            maxVol: DEFAULT_PARAMS.maxVol,
          },
          ...{ rate: DEFAULT_PARAMS.rate, halfSpread: DEFAULT_PARAMS.halfSpread, fee: DEFAULT_PARAMS.fee },
        };
        const [, ask] = await f.pricer.unitPricesAt(fa, index, config, inputs);
        return ask;
      };
      const ask = await askAt(1n);
      expect(ask).to.not.equal(await askAt(0n)); // a tenor of 0 would price another forward
      expect(await debit(f)).to.equal(cashUp(SIZE, ask));
    });

    it("is the settlement payoff from the expiry's second, with a round observed at that second", async function () {
      const f = await withShortPut();
      await networkHelpers.time.setNextBlockTimestamp(f.expiry);
      await f.feed.pushRound(answer(pts("17")), f.expiry); // the put spread 16/19 pays 2 points
      expect(await debit(f)).to.equal(200n * USDC);
    });
  });
});
