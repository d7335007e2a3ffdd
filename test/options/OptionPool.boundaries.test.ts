// The exact edges of the option pool's money rules that the mutation run (issue 17, docs/testing.md) showed
// untested: each test sits on the unit where moving a bound or flipping a rounding changes the outcome.
import { expect } from "chai";
import { network } from "hardhat";
import {
  AT_SET_TIME,
  CALL,
  CASH_SCALE,
  DAY,
  DEFAULT_PARAMS,
  PUT,
  Side,
  USDC,
  WAD,
  answer,
  cashDown,
  cashUp,
  makeOptionsFixture,
  pts,
} from "./options-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = makeOptionsFixture(ethers, networkHelpers);
const FAR = 2n ** 64n;
const MAX_SIZE = 10n ** 30n;
/** Every series below is 3 points wide. */
const WIDTH = pts("3");

/**
 * The size of a buy at `askUnit` (points per contract) whose locked capital (width, rounded up) exceeds its premium
 * (rounded up) by exactly `target` units of cash. Locked minus premium moves by at most one unit per unit of size,
 * so between a size below the target and one at or above it the bisection ends on a size exactly at it.
 */
function buySizeLockingMoreThanPremiumBy(target: bigint, askUnit: bigint): bigint {
  const excess = (size: bigint): bigint => cashUp(size, WIDTH) - cashUp(size, askUnit);
  let low = 0n; // excess(0) = 0 < target
  let high = (target * CASH_SCALE) / (WIDTH - askUnit) + 1n;
  while (excess(high) < target) high *= 2n;
  while (high - low > 1n) {
    const mid = (low + high) / 2n;
    if (excess(mid) < target) low = mid;
    else high = mid;
  }
  expect(excess(high)).to.equal(target);
  return high;
}

/** x^-1 modulo m (x and m coprime), by the extended Euclidean algorithm. */
function inverseMod(x: bigint, m: bigint): bigint {
  let [r0, r1] = [x % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  expect(r0).to.equal(1n);
  return ((s0 % m) + m) % m;
}

describe("OptionPool: exact boundaries of money rules", function () {
  it("rounds the strike band's floor up: a strike one unit under index x strikeBandLow is refused", async function () {
    const { pool, feed, expiry, push } = await networkHelpers.loadFixture(fixture);
    const third = WAD / 3n;
    await pool.setParams({ ...DEFAULT_PARAMS, strikeBandLow: third });
    await push(pts("20.5"));
    // 20.5 x 0.333… = 6.8333…3326.5 (18 decimals): the floor is ...326, the band starts at ...327.
    const exact = pts("20.5") * third;
    const floor = exact / WAD;
    expect(exact % WAD).to.not.equal(0n);
    const maxStrike = (pts("20.5") * DEFAULT_PARAMS.strikeBandHigh) / WAD;
    const fa = await feed.getAddress();
    await expect(pool.listSeries(fa, CALL, floor, pts("26"), expiry))
      .to.be.revertedWithCustomError(pool, "StrikeOutOfBand")
      .withArgs(floor, floor + 1n, maxStrike);
    await expect(pool.listSeries(fa, CALL, floor + 1n, pts("26"), expiry)).to.emit(pool, "SeriesListed");
  });

  describe("listSeries: the strike order and the tenor, to the unit", function () {
    it("refuses equal strikes and lists a series exactly one unit wide", async function () {
      const { pool, feed, expiry } = await networkHelpers.loadFixture(fixture);
      const fa = await feed.getAddress();
      await expect(pool.listSeries(fa, CALL, pts("23"), pts("23"), expiry))
        .to.be.revertedWithCustomError(pool, "StrikesNotOrdered")
        .withArgs(pts("23"), pts("23"));
      await expect(pool.listSeries(fa, CALL, pts("23"), pts("23") + 1n, expiry)).to.emit(
        pool,
        "SeriesListed",
      );
    });

    it("counts the tenor to the second: minTenor is listed, minTenor - 1 is refused", async function () {
      const { pool, feed, expiry, freshBefore } = await networkHelpers.loadFixture(fixture);
      const fa = await feed.getAddress();
      const { minTenor, maxTenor } = DEFAULT_PARAMS;
      await freshBefore(expiry - minTenor, pts("20"));
      await networkHelpers.time.setNextBlockTimestamp(expiry - minTenor);
      await expect(pool.listSeries(fa, CALL, pts("23"), pts("26"), expiry, AT_SET_TIME)).to.emit(
        pool,
        "SeriesListed",
      );
      await networkHelpers.time.setNextBlockTimestamp(expiry - minTenor + 1n);
      await expect(pool.listSeries(fa, CALL, pts("23"), pts("27"), expiry, AT_SET_TIME))
        .to.be.revertedWithCustomError(pool, "TenorOutOfBounds")
        .withArgs(minTenor - 1n, minTenor, maxTenor);
    });

    it("counts maxTenor to the second: maxTenor + 1 is refused, maxTenor is listed", async function () {
      const { pool, feed, expiry, freshBefore } = await networkHelpers.loadFixture(fixture);
      const fa = await feed.getAddress();
      const { minTenor, maxTenor } = DEFAULT_PARAMS;
      const far = expiry + maxTenor; // on the grid: maxTenor is whole days
      await freshBefore(expiry, pts("20"));
      await networkHelpers.time.setNextBlockTimestamp(expiry - 1n);
      await expect(pool.listSeries(fa, CALL, pts("23"), pts("26"), far, AT_SET_TIME))
        .to.be.revertedWithCustomError(pool, "TenorOutOfBounds")
        .withArgs(maxTenor + 1n, minTenor, maxTenor);
      await networkHelpers.time.setNextBlockTimestamp(expiry);
      await expect(pool.listSeries(fa, CALL, pts("23"), pts("26"), far, AT_SET_TIME)).to.emit(
        pool,
        "SeriesListed",
      );
    });

    it("rounds the strike band's ceiling down: its floor is listed, one unit more is refused", async function () {
      const { pool, feed, expiry, push } = await networkHelpers.loadFixture(fixture);
      const band = (10n * WAD) / 3n;
      await pool.setParams({ ...DEFAULT_PARAMS, strikeBandHigh: band });
      await push(pts("20.5"));
      // 20.5 x 3.333… = 68.333…3265 (18 decimals): the band ends at the floor, ...326.
      const exact = pts("20.5") * band;
      const ceiling = exact / WAD;
      expect(exact % WAD).to.not.equal(0n);
      const minStrike = (pts("20.5") * DEFAULT_PARAMS.strikeBandLow) / WAD;
      const fa = await feed.getAddress();
      await expect(pool.listSeries(fa, CALL, pts("23"), ceiling + 1n, expiry))
        .to.be.revertedWithCustomError(pool, "StrikeOutOfBand")
        .withArgs(ceiling + 1n, minStrike, ceiling);
      await expect(pool.listSeries(fa, CALL, pts("23"), ceiling, expiry)).to.emit(pool, "SeriesListed");
    });

    it("reports a tenor of 1 second for an expiry one second away (0 only from the expiry on)", async function () {
      const { pool, feed, expiry, freshBefore } = await networkHelpers.loadFixture(fixture);
      const fa = await feed.getAddress();
      const { minTenor, maxTenor } = DEFAULT_PARAMS;
      await freshBefore(expiry, pts("20"));
      await networkHelpers.time.setNextBlockTimestamp(expiry - 1n);
      await expect(pool.listSeries(fa, CALL, pts("23"), pts("26"), expiry, AT_SET_TIME))
        .to.be.revertedWithCustomError(pool, "TenorOutOfBounds")
        .withArgs(1n, minTenor, maxTenor);
      await networkHelpers.time.setNextBlockTimestamp(expiry);
      await expect(pool.listSeries(fa, CALL, pts("23"), pts("26"), expiry, AT_SET_TIME))
        .to.be.revertedWithCustomError(pool, "TenorOutOfBounds")
        .withArgs(0n, minTenor, maxTenor);
    });
  });

  it("lets governance settle from the grace period's first second, not one second before", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const id = await f.list(CALL, pts("23"), pts("26"));
    await f.pool.connect(f.alice).buy(id, 100n * WAD, FAR, FAR);
    const availableAt = f.expiry + DEFAULT_PARAMS.gracePeriod;
    await networkHelpers.time.setNextBlockTimestamp(availableAt - 1n);
    await expect(f.pool.settleByGovernance(id, pts("24"), AT_SET_TIME))
      .to.be.revertedWithCustomError(f.pool, "GracePeriodNotOver")
      .withArgs(id, availableAt);
    await networkHelpers.time.setNextBlockTimestamp(availableAt);
    await expect(f.pool.settleByGovernance(id, pts("24"), AT_SET_TIME))
      .to.emit(f.pool, "SeriesSettled")
      .withArgs(id, pts("24"), pts("1"), 0n, true);
  });

  it("caps maxRedeem at the free cash converted to shares rounded down", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const id = await f.list(CALL, pts("23"), pts("26"));
    await f.usdc.mint(f.alice.address, 1_000_000n * USDC);
    await f.pool.connect(f.alice).buy(id, 250_000n * WAD, FAR, FAR); // locks 750,000 USDC
    await networkHelpers.time.increase(DAY / 2n);
    await f.push(pts("21")); // the LP assets move off 1,000,000 USDC: one share is no longer 1e-12 USDC
    const free = (await f.pool.lpCash()) - (await f.pool.totalLocked());
    const down = await f.pool.convertToShares(free);
    expect(down).to.be.lessThan(await f.pool.balanceOf(f.lp.address));
    expect(await f.pool.previewWithdraw(free)).to.equal(down + 1n); // the same conversion rounded up
    expect(await f.pool.maxRedeem(f.lp.address)).to.equal(down);
  });

  it("accepts a trade mined at its deadline's second, refuses it one second later", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const id = await f.list(CALL, pts("23"), pts("26"));
    const deadline = (await f.now()) + 60n;
    await networkHelpers.time.setNextBlockTimestamp(deadline);
    await expect(f.pool.connect(f.alice).buy(id, WAD, FAR, deadline, AT_SET_TIME)).to.emit(f.pool, "Traded");
    await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
    await expect(f.pool.connect(f.alice).buy(id, WAD, FAR, deadline, AT_SET_TIME))
      .to.be.revertedWithCustomError(f.pool, "DeadlinePassed")
      .withArgs(deadline, deadline + 1n);
  });

  it("marks a net long of one unit (10^-18 contract) as a debt of the LPs: 1 unit of cash", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const id = await f.list(CALL, pts("23"), pts("26"));
    const before = await f.pool.totalAssets();
    await f.pool.connect(f.alice).buy(id, 1n, FAR, FAR); // premium: 1 unit, rounded up
    expect((await f.pool.getSeries(id)).longSupply).to.equal(1n);
    expect(await f.pool.totalLocked()).to.equal(1n); // its width, 10^-18 x 3 points, rounded up
    // +1 unit of premium, -1 unit owed (the ask of 10^-18 contract, rounded up).
    expect(await f.pool.totalAssets()).to.equal(before);
  });

  it("settles a net long of one unit: the LPs pay its payoff rounded up, 1 unit of cash", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const id = await f.list(CALL, pts("23"), pts("26"));
    await f.pool.connect(f.alice).buy(id, 1n, FAR, FAR);
    await networkHelpers.time.increaseTo(f.expiry + 10n);
    await f.push(pts("25"));
    const cash = await f.pool.lpCash();
    await expect(f.pool.settle(id)).to.emit(f.pool, "SeriesSettled");
    expect(await f.pool.lpCash()).to.equal(cash - 1n); // 10^-18 x 2 points, rounded up
    expect((await f.pool.getSeries(id)).writerCollateral).to.equal(1n);
  });

  it("refuses to redeem MAX_SIZE + 1 units with SizeOutOfBounds; MAX_SIZE passes that check", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const id = await f.list(CALL, pts("23"), pts("26"));
    await f.pool.connect(f.alice).buy(id, 100n * WAD, FAR, FAR);
    await networkHelpers.time.increaseTo(f.expiry + 10n);
    await f.push(pts("25"));
    await f.pool.settle(id);
    await expect(f.pool.connect(f.alice).redeemLong(id, MAX_SIZE + 1n))
      .to.be.revertedWithCustomError(f.pool, "SizeOutOfBounds")
      .withArgs(MAX_SIZE + 1n, MAX_SIZE);
    // MAX_SIZE itself is a valid size: alice, who holds 100 contracts, is stopped by the token's balance check.
    await expect(f.pool.connect(f.alice).redeemLong(id, MAX_SIZE)).to.be.revertedWithCustomError(
      f.token,
      "ERC1155InsufficientBalance",
    );
  });

  it("lets a trade of MAX_SIZE through the size check; MAX_SIZE + 1 is SizeOutOfBounds", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const id = await f.list(CALL, pts("23"), pts("26"));
    await expect(f.pool.connect(f.alice).buy(id, MAX_SIZE + 1n, FAR, FAR))
      .to.be.revertedWithCustomError(f.pool, "SizeOutOfBounds")
      .withArgs(MAX_SIZE + 1n, MAX_SIZE);
    // 10^12 contracts lock far more than the pool's cash.
    await expect(f.pool.connect(f.alice).buy(id, MAX_SIZE, FAR, FAR)).to.be.revertedWithCustomError(
      f.pool,
      "InsufficientLiquidity",
    );
  });

  it("settles from the expiry's second, with a round observed at that second", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const id = await f.list(CALL, pts("23"), pts("26"));
    await f.pool.connect(f.alice).buy(id, 100n * WAD, FAR, FAR);
    await networkHelpers.time.setNextBlockTimestamp(f.expiry - 1n);
    await expect(f.pool.settle(id, AT_SET_TIME))
      .to.be.revertedWithCustomError(f.pool, "SeriesNotExpired")
      .withArgs(id, f.expiry);
    // The round and the settlement in the one block at the expiry's second.
    await ethers.provider.send("evm_setAutomine", [false]);
    try {
      await f.feed.pushRound(answer(pts("25")), f.expiry, AT_SET_TIME);
      const settled = await f.pool.settle(id, AT_SET_TIME);
      await ethers.provider.send("evm_mine", [Number(f.expiry)]);
      await expect(settled).to.emit(f.pool, "SeriesSettled").withArgs(id, pts("25"), pts("2"), 2n, false);
    } finally {
      await ethers.provider.send("evm_setAutomine", [true]);
    }
  });

  describe("the pool's cash and utilisation bounds", function () {
    it("pays a sale whose premium is exactly the LP cash; one unit more is InsufficientLiquidity", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      // A deep in-the-money call spread: its bid is close to the width, so ~340,000 contracts take all the cash.
      const id = await f.list(CALL, pts("10"), pts("13"));
      await f.usdc.mint(f.alice.address, 10_000_000n * USDC);
      const cash = await f.pool.lpCash();

      // Quoting MAX_SIZE (10^30) contracts gives the unit prices themselves: cash = 10^30 x points / 10^30.
      let [, bidUnit] = await f.quoteNext(id, MAX_SIZE);
      const over = (cash + 1n) * CASH_SCALE;
      const tooBig = (over + bidUnit - 1n) / bidUnit;
      expect(cashDown(tooBig, bidUnit)).to.equal(cash + 1n);
      await expect(f.pool.connect(f.alice).sell(id, tooBig, 0n, FAR))
        .to.be.revertedWithCustomError(f.pool, "InsufficientLiquidity")
        .withArgs(cash + 1n, cash);

      [, bidUnit] = await f.quoteNext(id, MAX_SIZE);
      const size = (cash * CASH_SCALE + bidUnit - 1n) / bidUnit;
      expect(cashDown(size, bidUnit)).to.equal(cash);
      await expect(f.pool.connect(f.alice).sell(id, size, cash, FAR))
        .to.emit(f.pool, "Traded")
        .withArgs(id, f.alice.address, Side.SELL, size, cash, cashUp(size, WIDTH));
      expect(await f.pool.lpCash()).to.equal(0n);
      expect(await f.pool.totalLocked()).to.equal(0n);
    });

    it("lets a buy lock exactly the LP cash (cap at 100 %); one unit more is InsufficientLiquidity", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      await f.pool.setParams({ ...DEFAULT_PARAMS, maxUtilisation: WAD });
      const id = await f.list(CALL, pts("23"), pts("26"));
      await f.usdc.mint(f.alice.address, 10_000_000n * USDC);
      const cash = await f.pool.lpCash();

      // After a buy the cash is cash + premium and the locked capital cashUp(size x width): they meet when
      // locked - premium = cash.
      let [askUnit] = await f.quoteNext(id, MAX_SIZE);
      const tooBig = buySizeLockingMoreThanPremiumBy(cash + 1n, askUnit);
      const lockedOver = cashUp(tooBig, WIDTH);
      await expect(f.pool.connect(f.alice).buy(id, tooBig, FAR, FAR))
        .to.be.revertedWithCustomError(f.pool, "InsufficientLiquidity")
        .withArgs(lockedOver, lockedOver - 1n);

      [askUnit] = await f.quoteNext(id, MAX_SIZE);
      const size = buySizeLockingMoreThanPremiumBy(cash, askUnit);
      await f.pool.connect(f.alice).buy(id, size, FAR, FAR);
      expect(await f.pool.totalLocked()).to.equal(cashUp(size, WIDTH));
      expect(await f.pool.lpCash()).to.equal(await f.pool.totalLocked());
    });

    /**
     * Brings the pool to `locked` - 1 locked and `cash` - 1 of LP cash at a 100 % cap (a buy of the 23/26 call
     * spread, then an LP deposit), then sets the cap to `cap`. A buy of ONE unit (10^-18 contract) of the 16/19
     * put spread then adds exactly 1 to both: 1 unit x 3 points and 1 unit x its ask, each rounded up.
     */
    async function oneUnitShort(locked: bigint, cash: bigint, cap: bigint) {
      const f = await networkHelpers.loadFixture(fixture);
      await f.pool.setParams({ ...DEFAULT_PARAMS, maxUtilisation: WAD });
      const callId = await f.list(CALL, pts("23"), pts("26"));
      const putId = await f.list(PUT, pts("16"), pts("19"));
      await f.usdc.mint(f.alice.address, 10_000_000n * USDC);
      await f.pool.connect(f.alice).buy(callId, ((locked - 1n) * CASH_SCALE) / WIDTH, FAR, FAR);
      expect(await f.pool.totalLocked()).to.equal(locked - 1n);
      const cashNow = await f.pool.lpCash();
      expect(cashNow).to.be.lessThan(cash - 1n);
      await f.usdc.mint(f.lp.address, cash - 1n - cashNow);
      await f.pool.connect(f.lp).deposit(cash - 1n - cashNow, f.lp.address);
      expect(await f.pool.lpCash()).to.equal(cash - 1n);
      await f.pool.setParams({ ...DEFAULT_PARAMS, maxUtilisation: cap });
      const [askOne, bidOne] = await f.pool.quote(putId, 1n);
      expect([askOne, bidOne]).to.deep.equal([1n, 0n]);
      return { ...f, callId, putId };
    }

    it("lets a buy bring utilisation exactly to the cap; a buy adding 1 more unit of locked cash is refused", async function () {
      const locked = 700_000n * USDC;
      const f = await oneUnitShort(locked, 2n * locked, WAD / 2n);
      await f.pool.connect(f.alice).buy(f.putId, 1n, 1n, FAR);
      // locked x 1e18 = 0.5e18 x cash: exactly at the cap, which is inclusive.
      expect(await f.pool.totalLocked()).to.equal(locked);
      expect(await f.pool.lpCash()).to.equal(2n * locked);

      const thirdId = await f.list(PUT, pts("15"), pts("18"));
      await expect(f.pool.connect(f.alice).buy(thirdId, 1n, 1n, FAR))
        .to.be.revertedWithCustomError(f.pool, "UtilisationAboveCap")
        .withArgs(locked + 1n, 2n * locked + 1n, WAD / 2n);
    });

    it("refuses a buy that leaves locked x 1e18 one unit above cap x cash", async function () {
      // A cash (coprime to 10) and a cap with cap x cash = -1 modulo 1e18 and a cap near 50 %: then
      // locked = (cap x cash + 1) / 1e18 is a whole number, one unit of the product above the cap.
      let cash = 1_400_000n * USDC + 1n;
      let cap = 0n;
      for (; ; cash += 2n) {
        if (cash % 5n === 0n) continue;
        cap = WAD - inverseMod(cash, WAD);
        if (cap >= (WAD * 45n) / 100n && cap <= (WAD * 55n) / 100n) break;
      }
      expect((cap * cash + 1n) % WAD).to.equal(0n);
      const locked = (cap * cash + 1n) / WAD;
      const f = await oneUnitShort(locked, cash, cap);
      await expect(f.pool.connect(f.alice).buy(f.putId, 1n, 1n, FAR))
        .to.be.revertedWithCustomError(f.pool, "UtilisationAboveCap")
        .withArgs(locked, cash, cap);
    });

    it("above the cap refuses a trade that adds 1 unit of locked cash, lets through one that adds none", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const callId = await f.list(CALL, pts("23"), pts("26"));
      const putId = await f.list(PUT, pts("16"), pts("19"));
      await f.pool.connect(f.alice).buy(callId, 10_000n * WAD, FAR, FAR); // locks 30,000 USDC: ~3 %
      await f.pool.setParams({ ...DEFAULT_PARAMS, maxUtilisation: WAD / 100n }); // cap lowered to 1 %
      const locked = await f.pool.totalLocked();
      expect(locked).to.equal(30_000n * USDC);
      const cash = await f.pool.lpCash();

      await expect(f.pool.connect(f.alice).buy(putId, 1n, 1n, FAR))
        .to.be.revertedWithCustomError(f.pool, "UtilisationAboveCap")
        .withArgs(locked + 1n, cash + 1n, WAD / 100n);
      // A write makes the pool long the put spread: no capital locked, so no cap to keep (though the premium
      // paid lowers the cash).
      await expect(f.pool.connect(f.bob).sell(putId, 100n * WAD, 0n, FAR)).to.emit(f.pool, "Traded");
      expect(await f.pool.totalLocked()).to.equal(locked);
      expect(await f.pool.lpCash()).to.be.lessThan(cash);
    });
  });

  it("values the LP assets at 1 unit when the cash exceeds the payoff owed at expiry by 1 unit", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    await f.pool.setParams({ ...DEFAULT_PARAMS, maxUtilisation: WAD });
    const id = await f.list(CALL, pts("23"), pts("26"));
    await f.usdc.mint(f.alice.address, 10_000_000n * USDC);
    const [askUnit] = await f.quoteNext(id, MAX_SIZE);
    await f.pool
      .connect(f.alice)
      .buy(id, buySizeLockingMoreThanPremiumBy((await f.pool.lpCash()) - 1n, askUnit), FAR, FAR);
    const locked = await f.pool.totalLocked();
    expect(await f.pool.lpCash()).to.equal(locked + 1n);
    // That one unit is free cash: an LP may redeem its worth in shares.
    const oneUnit = await f.pool.convertToShares(1n);
    expect(oneUnit).to.be.greaterThan(0n);
    expect(await f.pool.maxRedeem(f.lp.address)).to.equal(oneUnit);

    // Expired at 30, above the upper strike, not settled yet: both values owe the whole width (the payoff
    // `settle` will book, rounded up), i.e. exactly the locked cash: the LP assets are worth 1 unit.
    await networkHelpers.time.increaseTo(f.expiry + 10n);
    await f.push(pts("30"));
    expect(await f.pool.totalAssets()).to.equal(1n);
    const assets = 1_000n * USDC;
    const supply = await f.pool.totalSupply();
    expect(await f.pool.previewDeposit(assets)).to.equal((assets * (supply + 10n ** 12n)) / 2n);
    expect(await f.pool.previewMint(supply)).to.equal(
      (supply * 2n + supply + 10n ** 12n - 1n) / (supply + 10n ** 12n),
    );
  });
});
