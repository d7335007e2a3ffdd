import { expect } from "chai";
import { network } from "hardhat";
import { CALL, DAY, PUT, USDC, WAD, makeOptionsFixture, pts } from "./options-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = makeOptionsFixture(ethers, networkHelpers);
const SIZE = 100n * WAD;
const FAR = 2n ** 64n;

describe("OptionPool: settlement, redemption, fallback", function () {
  // alice buys 100 call spreads 23/26, bob writes 40 of them; alice writes 10 put spreads 16/19.
  async function withPositions() {
    const f = await networkHelpers.loadFixture(fixture);
    const callId = await f.list(CALL, pts("23"), pts("26"));
    const putId = await f.list(PUT, pts("16"), pts("19"));
    await f.pool.connect(f.alice).buy(callId, SIZE, FAR, FAR);
    await f.pool.connect(f.bob).sell(callId, 40n * WAD, 0n, FAR);
    await f.pool.connect(f.alice).sell(putId, 10n * WAD, 0n, FAR);
    return { ...f, callId, putId };
  }

  async function settleAt(f: Awaited<ReturnType<typeof withPositions>>, points: bigint) {
    await networkHelpers.time.increaseTo(f.expiry + 10n);
    await f.push(points);
    await f.pool.settle(f.callId);
    await f.pool.settle(f.putId);
  }

  describe("settle", function () {
    it("uses the first round at or after expiry, releases the lock, emits SeriesSettled", async function () {
      const f = await withPositions();
      expect(await f.pool.totalLocked()).to.equal(180n * USDC); // (100 - 40) x 3
      await networkHelpers.time.increaseTo(f.expiry - 100n);
      await f.push(pts("30")); // before expiry: not used
      await networkHelpers.time.increaseTo(f.expiry + 10n);
      await f.push(pts("25"));
      await f.push(pts("40")); // later: not used
      const lpBefore = await f.pool.lpCash();
      await expect(f.pool.settle(f.callId))
        .to.emit(f.pool, "SeriesSettled")
        .withArgs(f.callId, pts("25"), pts("2"), 3n, false);
      const s = await f.pool.getSeries(f.callId);
      expect(s.settled).to.equal(true);
      expect(s.payoffPerUnit).to.equal(pts("2"));
      expect(s.settlementPrice).to.equal(pts("25"));
      // net short 60 x 2 USDC leaves the LPs for the payout pot; bob's 120 USDC collateral stays in it
      expect(await f.pool.lpCash()).to.equal(lpBefore - 120n * USDC);
      expect(s.writerCollateral).to.equal(120n * USDC + 120n * USDC);
      expect(await f.pool.totalLocked()).to.equal(0n);
      expect(await f.pool.activeSeries()).to.deep.equal([f.putId]);
      await expect(f.pool.settle(f.callId))
        .to.be.revertedWithCustomError(f.pool, "SeriesAlreadySettled")
        .withArgs(f.callId);
    });

    it("reverts before expiry, for an unlisted series, without a round, with a late round", async function () {
      const f = await withPositions();
      await expect(f.pool.settle(f.callId))
        .to.be.revertedWithCustomError(f.pool, "SeriesNotExpired")
        .withArgs(f.callId, f.expiry);
      await expect(f.pool.settle(5n)).to.be.revertedWithCustomError(f.pool, "SeriesNotListed").withArgs(5n);
      await networkHelpers.time.increaseTo(f.expiry + 10n);
      await expect(f.pool.settle(f.callId)).to.be.revertedWithCustomError(f.pricer, "FeedNoRoundAtOrAfter");
      await networkHelpers.time.increaseTo(f.expiry + 7_200n);
      await f.push(pts("25")); // 2 hours after expiry, the window is 1 hour
      await expect(f.pool.settle(f.callId)).to.be.revertedWithCustomError(
        f.pricer,
        "FeedSettlementRoundTooLate",
      );
    });

    it("works while paused", async function () {
      const f = await withPositions();
      await f.pool.connect(f.guardian).pause();
      await settleAt(f, pts("25"));
      await expect(f.pool.connect(f.alice).redeemLong(f.callId, SIZE)).to.emit(f.pool, "LongRedeemed");
      await expect(f.pool.connect(f.bob).reclaimCollateral(f.callId)).to.emit(f.pool, "CollateralReclaimed");
    });
  });

  describe("settleByGovernance", function () {
    it("sets the price after the grace period (event), then redemption works", async function () {
      const f = await withPositions();
      const availableAt = f.expiry + 7n * DAY;
      await networkHelpers.time.increaseTo(f.expiry + 10n);
      await expect(f.pool.settleByGovernance(f.callId, pts("24")))
        .to.be.revertedWithCustomError(f.pool, "GracePeriodNotOver")
        .withArgs(f.callId, availableAt);
      await networkHelpers.time.increaseTo(availableAt);
      await expect(f.pool.settleByGovernance(f.callId, 0n))
        .to.be.revertedWithCustomError(f.pool, "SettlementPriceZero")
        .withArgs(f.callId);
      await expect(f.pool.connect(f.alice).settleByGovernance(f.callId, pts("24")))
        .to.be.revertedWithCustomError(f.pool, "AccessControlUnauthorizedAccount")
        .withArgs(f.alice.address, ethers.ZeroHash);
      await expect(f.pool.settleByGovernance(f.callId, pts("24")))
        .to.emit(f.pool, "SeriesSettled")
        .withArgs(f.callId, pts("24"), pts("1"), 0n, true);
      await expect(f.pool.settleByGovernance(f.callId, pts("24"))).to.be.revertedWithCustomError(
        f.pool,
        "SeriesAlreadySettled",
      );
      await expect(f.pool.connect(f.alice).redeemLong(f.callId, SIZE))
        .to.emit(f.pool, "LongRedeemed")
        .withArgs(f.callId, f.alice.address, SIZE, 100n * USDC);
    });
  });

  it("settleByGovernance refuses when the feed has a valid settlement round", async function () {
    const f = await withPositions();
    await networkHelpers.time.increaseTo(f.expiry + 10n);
    await f.push(pts("25"));
    await networkHelpers.time.increaseTo(f.expiry + 7n * DAY);
    await f.push(pts("25")); // keep the feed fresh; the first round after expiry is still the one above
    await expect(f.pool.settleByGovernance(f.callId, pts("24")))
      .to.be.revertedWithCustomError(f.pool, "SettlementRoundAvailable")
      .withArgs(f.callId);
    await expect(f.pool.settle(f.callId))
      .to.emit(f.pool, "SeriesSettled")
      .withArgs(f.callId, pts("25"), pts("2"), 2n, false);
  });

  describe("redeemLong and reclaimCollateral", function () {
    it("pays longs the payoff and writers collateral minus payoff, once", async function () {
      const f = await withPositions();
      await settleAt(f, pts("25"));
      const tx = await f.pool.connect(f.alice).redeemLong(f.callId, SIZE);
      await expect(tx)
        .to.emit(f.pool, "LongRedeemed")
        .withArgs(f.callId, f.alice.address, SIZE, 200n * USDC);
      await expect(tx).to.changeTokenBalances(ethers, f.usdc, [f.alice, f.pool], [200n * USDC, -200n * USDC]);
      expect(await f.token.balanceOf(f.alice.address, f.callId)).to.equal(0n);
      await expect(f.pool.connect(f.alice).redeemLong(f.callId, SIZE)).to.be.revertedWithCustomError(
        f.token,
        "ERC1155InsufficientBalance",
      );
      const tx2 = await f.pool.connect(f.bob).reclaimCollateral(f.callId);
      await expect(tx2)
        .to.emit(f.pool, "CollateralReclaimed")
        .withArgs(f.callId, f.bob.address, 40n * WAD, 40n * USDC);
      await expect(f.pool.connect(f.bob).reclaimCollateral(f.callId))
        .to.be.revertedWithCustomError(f.pool, "NothingToReclaim")
        .withArgs(f.callId, f.bob.address);
      // put spread 16/19 settled at 25: worthless, alice gets all 30 USDC of collateral back
      await expect(f.pool.connect(f.alice).reclaimCollateral(f.putId))
        .to.emit(f.pool, "CollateralReclaimed")
        .withArgs(f.putId, f.alice.address, 10n * WAD, 30n * USDC);
      expect(await f.pool.traderCash()).to.equal(0n);
      expect(await f.usdc.balanceOf(await f.pool.getAddress())).to.equal(await f.pool.lpCash());
    });

    it("reverts before settlement and for a zero size", async function () {
      const f = await withPositions();
      await expect(f.pool.connect(f.alice).redeemLong(f.callId, SIZE))
        .to.be.revertedWithCustomError(f.pool, "SeriesNotSettled")
        .withArgs(f.callId);
      await expect(f.pool.connect(f.bob).reclaimCollateral(f.callId))
        .to.be.revertedWithCustomError(f.pool, "SeriesNotSettled")
        .withArgs(f.callId);
      await settleAt(f, pts("25"));
      await expect(f.pool.connect(f.alice).redeemLong(f.callId, 0n))
        .to.be.revertedWithCustomError(f.pool, "SizeOutOfBounds")
        .withArgs(0n, 10n ** 30n);
    });

    it("sweeps rounding dust of a fully redeemed series to the LPs (PotSwept)", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const id = await f.list(CALL, pts("23"), pts("26"));
      const third = WAD / 3n; // 0.333... contract
      await f.pool.connect(f.alice).buy(id, third, FAR, FAR);
      await networkHelpers.time.increaseTo(f.expiry + 1n);
      await f.push(pts("24"));
      await f.pool.settle(id); // LPs pay ceil(333,333.33) = 333,334 into the pot
      const lp = await f.pool.lpCash();
      await expect(f.pool.connect(f.alice).redeemLong(id, third))
        .to.emit(f.pool, "LongRedeemed")
        .withArgs(id, f.alice.address, third, 333_333n)
        .and.to.emit(f.pool, "PotSwept")
        .withArgs(id, 1n);
      expect(await f.pool.lpCash()).to.equal(lp + 1n);
      expect(await f.pool.traderCash()).to.equal(0n);
    });
  });
});
