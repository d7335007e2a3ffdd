import { expect } from "chai";
import { flatSurface } from "../../scripts/deploy/hedgeSide.js";
import { network } from "hardhat";
import { CALL, DAY, LP_DEPOSIT, PUT, Side, USDC, WAD, makeOptionsFixture, pts } from "./options-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = makeOptionsFixture(ethers, networkHelpers);
const SIZE = 100n * WAD;
const FAR = 2n ** 64n;

describe("OptionPool: listing and trading", function () {
  async function withSeries() {
    const f = await networkHelpers.loadFixture(fixture);
    const callId = await f.list(CALL, pts("23"), pts("26"));
    const putId = await f.list(PUT, pts("16"), pts("19"));
    return { ...f, callId, putId };
  }

  describe("listSeries", function () {
    it("lists a series with its deterministic id and emits SeriesListed", async function () {
      const { pool, feed, alice, expiry, pricer } = await networkHelpers.loadFixture(fixture);
      const feedAddress = await feed.getAddress();
      const id = BigInt(
        ethers.keccak256(
          ethers.AbiCoder.defaultAbiCoder().encode(
            ["address", "uint8", "uint256", "uint256", "uint256"],
            [feedAddress, CALL, pts("23"), pts("26"), expiry],
          ),
        ),
      );
      expect(await pricer.seriesIdOf(feedAddress, CALL, pts("23"), pts("26"), expiry)).to.equal(id);
      await expect(pool.connect(alice).listSeries(feedAddress, CALL, pts("23"), pts("26"), expiry))
        .to.emit(pool, "SeriesListed")
        .withArgs(id, feedAddress, CALL, pts("23"), pts("26"), expiry, alice.address);
      const s = await pool.getSeries(id);
      expect(s.feed).to.equal(feedAddress);
      expect(s.expiry).to.equal(expiry);
      expect(s.strikeLow).to.equal(pts("23"));
      expect(s.strikeHigh).to.equal(pts("26"));
      expect(s.settled).to.equal(false);
    });

    it("reverts for an unregistered feed, bad strikes, off-grid expiry, tenor and band", async function () {
      const { pool, feed, expiry, now } = await networkHelpers.loadFixture(fixture);
      const fa = await feed.getAddress();
      await expect(pool.listSeries(ethers.ZeroAddress, CALL, pts("23"), pts("26"), expiry))
        .to.be.revertedWithCustomError(pool, "FeedNotRegistered")
        .withArgs(ethers.ZeroAddress);
      await expect(pool.listSeries(fa, CALL, pts("26"), pts("23"), expiry))
        .to.be.revertedWithCustomError(pool, "StrikesNotOrdered")
        .withArgs(pts("26"), pts("23"));
      await expect(pool.listSeries(fa, CALL, 0n, pts("23"), expiry))
        .to.be.revertedWithCustomError(pool, "StrikesNotOrdered")
        .withArgs(0n, pts("23"));
      await expect(pool.listSeries(fa, CALL, pts("23"), pts("26"), expiry + 1n))
        .to.be.revertedWithCustomError(pool, "ExpiryNotOnGrid")
        .withArgs(expiry + 1n, 28_800n);
      const far = expiry + 400n * DAY;
      await expect(pool.listSeries(fa, CALL, pts("23"), pts("26"), far))
        .to.be.revertedWithCustomError(pool, "TenorOutOfBounds")
        .withArgs(far - (await now()) - 1n, DAY, 365n * DAY);
      await expect(pool.listSeries(fa, CALL, pts("9"), pts("26"), expiry))
        .to.be.revertedWithCustomError(pool, "StrikeOutOfBand")
        .withArgs(pts("9"), pts("10"), pts("60"));
      await expect(pool.listSeries(fa, CALL, pts("23"), pts("61"), expiry))
        .to.be.revertedWithCustomError(pool, "StrikeOutOfBand")
        .withArgs(pts("61"), pts("10"), pts("60"));
      await pool.listSeries(fa, CALL, pts("23"), pts("26"), expiry);
      const id = await pool.getSeries.staticCall(0n); // unlisted id: zero feed
      expect(id.feed).to.equal(ethers.ZeroAddress);
      await expect(pool.listSeries(fa, CALL, pts("23"), pts("26"), expiry)).to.be.revertedWithCustomError(
        pool,
        "SeriesAlreadyListed",
      );
    });

    it("reverts on a stale feed and while paused", async function () {
      const { pool, feed, expiry, guardian, pricer } = await networkHelpers.loadFixture(fixture);
      await networkHelpers.time.increase(2n * DAY);
      await expect(
        pool.listSeries(await feed.getAddress(), CALL, pts("23"), pts("26"), expiry),
      ).to.be.revertedWithCustomError(pricer, "FeedStale");
      await pool.connect(guardian).pause();
      await expect(
        pool.listSeries(await feed.getAddress(), CALL, pts("23"), pts("26"), expiry),
      ).to.be.revertedWithCustomError(pool, "EnforcedPause");
    });
  });

  describe("buy", function () {
    it("charges the ask, mints the long, locks width x size and emits Traded", async function () {
      const { pool, usdc, token, alice, callId, quoteNext } = await withSeries();
      const [ask, bid] = await quoteNext(callId, SIZE);
      expect(ask).to.be.greaterThan(bid);
      const tx = await pool.connect(alice).buy(callId, SIZE, ask, FAR);
      await expect(tx).to.emit(pool, "Traded").withArgs(callId, alice.address, Side.BUY, SIZE, ask, 0n);
      await expect(tx).to.changeTokenBalances(ethers, usdc, [alice, pool], [-ask, ask]);
      expect(await token.balanceOf(alice.address, callId)).to.equal(SIZE);
      expect(await pool.totalLocked()).to.equal(300n * USDC);
      expect(await pool.lpCash()).to.equal(LP_DEPOSIT + ask);
      expect(await pool.activeSeries()).to.deep.equal([callId]);
      expect((await pool.getSeries(callId)).longSupply).to.equal(SIZE);
    });

    it("reverts past the deadline, for a bad size, unlisted series, above max premium", async function () {
      const { pool, alice, callId, now, quoteNext } = await withSeries();
      const [ask] = await quoteNext(callId, SIZE);
      const t = await now();
      await expect(pool.connect(alice).buy(callId, SIZE, ask, t - 1n))
        .to.be.revertedWithCustomError(pool, "DeadlinePassed")
        .withArgs(t - 1n, t + 5n);
      await expect(pool.connect(alice).buy(callId, 0n, ask, FAR))
        .to.be.revertedWithCustomError(pool, "SizeOutOfBounds")
        .withArgs(0n, 10n ** 30n);
      await expect(pool.connect(alice).buy(callId, 10n ** 30n + 1n, ask, FAR))
        .to.be.revertedWithCustomError(pool, "SizeOutOfBounds")
        .withArgs(10n ** 30n + 1n, 10n ** 30n);
      await expect(pool.connect(alice).buy(7n, SIZE, ask, FAR))
        .to.be.revertedWithCustomError(pool, "SeriesNotListed")
        .withArgs(7n);
      await expect(pool.connect(alice).buy(callId, SIZE, ask - 1n, FAR))
        .to.be.revertedWithCustomError(pool, "PremiumAboveMax")
        .withArgs(ask, ask - 1n);
    });

    it("reverts near expiry, while paused, on a stale feed", async function () {
      const { pool, alice, guardian, callId, expiry, pricer } = await withSeries();
      await networkHelpers.time.increase(2n * DAY);
      await expect(pool.connect(alice).buy(callId, SIZE, FAR, FAR)).to.be.revertedWithCustomError(
        pricer,
        "FeedStale",
      );
      await pool.connect(guardian).pause();
      await expect(pool.connect(alice).buy(callId, SIZE, FAR, FAR)).to.be.revertedWithCustomError(
        pool,
        "EnforcedPause",
      );
      await networkHelpers.time.increaseTo(expiry - 300n);
      await expect(pool.quote(callId, SIZE))
        .to.be.revertedWithCustomError(pool, "SeriesTradingClosed")
        .withArgs(callId, expiry);
    });

    it("reverts above the utilisation cap and beyond the cash", async function () {
      const { pool, alice, callId, usdc } = await withSeries();
      // 320,000 contracts lock 960,000 USDC against ~1,163,000 of LP cash (> 80 %); 500,000 lock more than the cash
      await usdc.mint(alice.address, 10_000_000n * USDC);
      await expect(pool.connect(alice).buy(callId, 320_000n * WAD, FAR, FAR)).to.be.revertedWithCustomError(
        pool,
        "UtilisationAboveCap",
      );
      await expect(pool.connect(alice).buy(callId, 500_000n * WAD, FAR, FAR)).to.be.revertedWithCustomError(
        pool,
        "InsufficientLiquidity",
      );
    });
  });

  describe("sell (write)", function () {
    it("takes width x size collateral, pays the bid (netted), records the short", async function () {
      const { pool, usdc, alice, putId, quoteNext } = await withSeries();
      const [, bid] = await quoteNext(putId, SIZE);
      const collateral = 300n * USDC;
      const tx = await pool.connect(alice).sell(putId, SIZE, bid, FAR);
      await expect(tx)
        .to.emit(pool, "Traded")
        .withArgs(putId, alice.address, Side.SELL, SIZE, bid, collateral);
      await expect(tx).to.changeTokenBalances(
        ethers,
        usdc,
        [alice, pool],
        [bid - collateral, collateral - bid],
      );
      expect(await pool.shortOf(putId, alice.address)).to.equal(SIZE);
      expect(await pool.traderCash()).to.equal(collateral);
      expect(await pool.totalLocked()).to.equal(0n);
      expect(await pool.lpCash()).to.equal(LP_DEPOSIT - bid);
    });

    it("reverts below the min premium", async function () {
      const { pool, alice, putId, quoteNext } = await withSeries();
      const [, bid] = await quoteNext(putId, SIZE);
      await expect(pool.connect(alice).sell(putId, SIZE, bid + 1n, FAR))
        .to.be.revertedWithCustomError(pool, "PremiumBelowMin")
        .withArgs(bid, bid + 1n);
    });
  });

  describe("closeLong and closeShort", function () {
    it("sells a long back for the bid and burns it", async function () {
      const { pool, usdc, token, alice, callId, quoteNext } = await withSeries();
      await pool.connect(alice).buy(callId, SIZE, FAR, FAR);
      const [, bid] = await quoteNext(callId, SIZE / 2n);
      const tx = await pool.connect(alice).closeLong(callId, SIZE / 2n, bid, FAR);
      await expect(tx)
        .to.emit(pool, "Traded")
        .withArgs(callId, alice.address, Side.CLOSE_LONG, SIZE / 2n, bid, 0n);
      await expect(tx).to.changeTokenBalances(ethers, usdc, [alice, pool], [bid, -bid]);
      expect(await token.balanceOf(alice.address, callId)).to.equal(SIZE / 2n);
      expect(await pool.totalLocked()).to.equal(150n * USDC);
      await expect(
        pool.connect(alice).closeLong(callId, SIZE / 2n, bid + 1n, FAR),
      ).to.be.revertedWithCustomError(pool, "PremiumBelowMin");
      await expect(pool.connect(alice).closeLong(callId, SIZE / 2n, 0n, FAR)).to.emit(pool, "Traded");
      expect(await pool.activeSeries()).to.deep.equal([]);
      expect(await pool.totalLocked()).to.equal(0n);
    });

    it("cannot close more than the long held", async function () {
      const { pool, token, alice, bob, callId } = await withSeries();
      await pool.connect(alice).buy(callId, SIZE, FAR, FAR);
      await pool.connect(bob).buy(callId, SIZE, FAR, FAR);
      await expect(pool.connect(alice).closeLong(callId, SIZE + 1n, 0n, FAR)).to.be.revertedWithCustomError(
        token,
        "ERC1155InsufficientBalance",
      );
    });

    it("buys a short back for the ask and releases the collateral (netted)", async function () {
      const { pool, usdc, alice, putId, quoteNext } = await withSeries();
      await pool.connect(alice).sell(putId, SIZE, 0n, FAR);
      const [ask] = await quoteNext(putId, SIZE);
      const released = 300n * USDC;
      const tx = await pool.connect(alice).closeShort(putId, SIZE, ask, FAR);
      await expect(tx)
        .to.emit(pool, "Traded")
        .withArgs(putId, alice.address, Side.CLOSE_SHORT, SIZE, ask, released);
      await expect(tx).to.changeTokenBalances(ethers, usdc, [alice, pool], [released - ask, ask - released]);
      expect(await pool.shortOf(putId, alice.address)).to.equal(0n);
      expect(await pool.traderCash()).to.equal(0n);
      expect(await pool.activeSeries()).to.deep.equal([]);
    });

    it("pulls the difference when the ask (capped at the width) exceeds the released collateral", async function () {
      const { pool, usdc, alice, pushSurface, list, quoteNext } = await networkHelpers.loadFixture(fixture);
      await pushSurface(flatSurface(WAD / 10n));
      const id = await list(CALL, pts("10"), pts("13")); // deep in the money at 10 % vol: ask capped at width
      const third = WAD / 3n; // collateral ceil(0.999999999999999999 USDC) = 1.000000 USDC
      await pool.connect(alice).sell(id, third, 0n, FAR);
      const half = third / 2n + 1n; // releases 0.500000, the ask is ceil(0.500000000000000001) = 0.500001
      const [ask] = await quoteNext(id, half);
      expect(ask).to.equal(500_001n);
      const tx = await pool.connect(alice).closeShort(id, half, ask, FAR);
      await expect(tx)
        .to.emit(pool, "Traded")
        .withArgs(id, alice.address, Side.CLOSE_SHORT, half, ask, 500_000n);
      await expect(tx).to.changeTokenBalances(ethers, usdc, [alice, pool], [-1n, 1n]);
      expect(await pool.shortOf(id, alice.address)).to.equal(third - half);
      expect((await pool.getSeries(id)).writerCollateral).to.equal(500_000n);
    });

    it("reverts closing a short larger than held and above the max premium", async function () {
      const { pool, alice, putId, quoteNext } = await withSeries();
      await pool.connect(alice).sell(putId, SIZE, 0n, FAR);
      await expect(pool.connect(alice).closeShort(putId, SIZE + 1n, FAR, FAR))
        .to.be.revertedWithCustomError(pool, "ShortTooSmall")
        .withArgs(putId, alice.address, SIZE, SIZE + 1n);
      const [ask] = await quoteNext(putId, SIZE);
      await expect(pool.connect(alice).closeShort(putId, SIZE, ask - 1n, FAR))
        .to.be.revertedWithCustomError(pool, "PremiumAboveMax")
        .withArgs(ask, ask - 1n);
    });
  });

  describe("quote", function () {
    it("prices both ways from the model: ask >= fair >= bid, within [0, width]", async function () {
      const { pool, pricer, callId, putId } = await withSeries();
      for (const id of [callId, putId]) {
        const [fair, askU, bidU] = await pricer.seriesUnitPrices(await pool.getAddress(), id);
        expect(askU).to.be.greaterThan(fair);
        expect(bidU).to.be.lessThan(fair);
        expect(askU).to.be.lessThanOrEqual(pts("3"));
        const [ask, bid] = await pool.quote(id, SIZE);
        expect(ask).to.equal((SIZE * askU + 10n ** 30n - 1n) / 10n ** 30n);
        expect(bid).to.equal((SIZE * bidU) / 10n ** 30n);
      }
    });

    it("reverts for an unlisted series", async function () {
      const { pool } = await withSeries();
      await expect(pool.quote(1n, SIZE)).to.be.revertedWithCustomError(pool, "SeriesNotListed").withArgs(1n);
    });
  });

  describe("pause", function () {
    it("refuses sell, closeLong and closeShort while paused, like buy", async function () {
      const { pool, alice, bob, guardian, callId, putId } = await withSeries();
      await pool.connect(alice).buy(callId, SIZE, FAR, FAR);
      await pool.connect(bob).sell(putId, SIZE, 0n, FAR);
      await pool.connect(guardian).pause();
      const paused: [string, () => Promise<unknown>][] = [
        ["sell", () => pool.connect(bob).sell(callId, SIZE, 0n, FAR)],
        ["closeLong", () => pool.connect(alice).closeLong(callId, SIZE, 0n, FAR)],
        ["closeShort", () => pool.connect(bob).closeShort(putId, SIZE, FAR, FAR)],
      ];
      for (const [name, call] of paused) {
        await expect(call(), name).to.be.revertedWithCustomError(pool, "EnforcedPause");
      }
    });
  });

  describe("reentrancy", function () {
    it("a buyer's ERC-1155 hook cannot re-enter buy, closeLong or deposit", async function () {
      const { pool, usdc, callId } = await withSeries();
      const buyer = await ethers.deployContract("OptionPoolReentrantBuyerMock", [await pool.getAddress()]);
      await usdc.mint(await buyer.getAddress(), 10_000n * USDC);
      for (const reentry of [1, 2, 3]) {
        await expect(buyer.buyAndReenter(callId, WAD, reentry)).to.be.revertedWithCustomError(
          pool,
          "ReentrancyGuardReentrantCall",
        );
      }
      await buyer.buyAndReenter(callId, WAD, 0);
      expect((await pool.getSeries(callId)).longSupply).to.equal(WAD);
    });
  });

  describe("active series cap", function () {
    it("refuses exposure in a 33rd series and frees a slot when a series is flat", async function () {
      const { pool, alice, list } = await networkHelpers.loadFixture(fixture);
      const ids: bigint[] = [];
      for (let i = 0n; i < 33n; i++)
        ids.push(await list(CALL, pts("15") + (i * WAD) / 2n, pts("25") + (i * WAD) / 2n));
      for (let i = 0; i < 32; i++) await pool.connect(alice).buy(ids[i]!, WAD, FAR, FAR);
      expect((await pool.activeSeries()).length).to.equal(32);
      await expect(pool.connect(alice).buy(ids[32]!, WAD, FAR, FAR))
        .to.be.revertedWithCustomError(pool, "TooManyActiveSeries")
        .withArgs(32n);
      await pool.connect(alice).closeLong(ids[0]!, WAD, 0n, FAR);
      await pool.connect(alice).buy(ids[32]!, WAD, FAR, FAR);
      expect((await pool.activeSeries()).length).to.equal(32);
    });
  });
});
