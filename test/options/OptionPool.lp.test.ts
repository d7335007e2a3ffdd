import { expect } from "chai";
import { network } from "hardhat";
import { CALL, DAY, LP_DEPOSIT, PUT, USDC, WAD, makeOptionsFixture, pts } from "./options-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = makeOptionsFixture(ethers, networkHelpers);
const FAR = 2n ** 64n;

describe("OptionPool: LP shares (ERC-4626) and marks", function () {
  async function withSeries() {
    const f = await networkHelpers.loadFixture(fixture);
    const callId = await f.list(CALL, pts("23"), pts("26"));
    const putId = await f.list(PUT, pts("16"), pts("19"));
    return { ...f, callId, putId };
  }

  it("mints 18-decimal shares on deposit, tracks LP cash, emits Deposit", async function () {
    const { pool, usdc, bob } = await networkHelpers.loadFixture(fixture);
    expect(await pool.decimals()).to.equal(18n);
    expect(await pool.asset()).to.equal(await usdc.getAddress());
    expect(await pool.totalAssets()).to.equal(LP_DEPOSIT);
    const shares = await pool.previewDeposit(1_000n * USDC);
    expect(shares).to.equal(1_000n * WAD);
    await expect(pool.connect(bob).deposit(1_000n * USDC, bob.address))
      .to.emit(pool, "Deposit")
      .withArgs(bob.address, bob.address, 1_000n * USDC, shares);
    expect(await pool.lpCash()).to.equal(LP_DEPOSIT + 1_000n * USDC);
  });

  it("ignores donations: totalAssets and share price come from internal cash", async function () {
    const { pool, usdc, bob } = await networkHelpers.loadFixture(fixture);
    const price = await pool.convertToAssets(WAD);
    await usdc.connect(bob).transfer(await pool.getAddress(), 50_000n * USDC);
    expect(await pool.totalAssets()).to.equal(LP_DEPOSIT);
    expect(await pool.convertToAssets(WAD)).to.equal(price);
  });

  it("lets LPs withdraw only unlocked cash (maxWithdraw / maxRedeem) and emits Withdraw", async function () {
    const { pool, lp, alice, usdc, callId } = await withSeries();
    await usdc.mint(alice.address, 1_000_000n * USDC);
    await pool.connect(alice).buy(callId, 250_000n * WAD, FAR, FAR); // locks 750,000
    const free = (await pool.lpCash()) - (await pool.totalLocked());
    await networkHelpers.time.setNextBlockTimestamp((await networkHelpers.time.latest()) + 5);
    const maxWithdraw = await pool.maxWithdraw(lp.address, { blockTag: "pending" });
    const maxRedeem = await pool.maxRedeem(lp.address, { blockTag: "pending" });
    expect(maxWithdraw).to.be.lessThanOrEqual(free);
    expect(maxWithdraw).to.be.greaterThanOrEqual(free - 1n); // previewRedeem(maxRedeem) rounds down
    await expect(pool.connect(lp).withdraw(free + 1n, lp.address, lp.address)).to.be.revertedWithCustomError(
      pool,
      "ERC4626ExceededMaxWithdraw",
    );
    await expect(
      pool.connect(lp).redeem(maxRedeem + 1n, lp.address, lp.address),
    ).to.be.revertedWithCustomError(pool, "ERC4626ExceededMaxRedeem");
    await expect(pool.connect(lp).withdraw(maxWithdraw, lp.address, lp.address))
      .to.emit(pool, "Withdraw")
      .withArgs(lp.address, lp.address, lp.address, maxWithdraw, (x: bigint) => x <= maxRedeem);
    expect((await pool.lpCash()) - (await pool.totalLocked())).to.be.lessThanOrEqual(1n);
    expect(await pool.maxWithdraw(lp.address)).to.equal(0n);
  });

  it("marks a net short at the ask and a net long at the bid: trades never lower the share price", async function () {
    const { pool, alice, bob, callId, putId, quoteNext } = await withSeries();
    const p0 = await pool.convertToAssets(WAD);
    await pool.connect(alice).buy(callId, 1_000n * WAD, FAR, FAR);
    const [askNow] = await quoteNext(callId, 1_000n * WAD);
    expect(await pool.totalAssets({ blockTag: "pending" })).to.equal((await pool.lpCash()) - askNow);
    expect(await pool.convertToAssets(WAD)).to.be.greaterThanOrEqual(p0);
    await pool.connect(bob).sell(putId, 500n * WAD, 0n, FAR);
    const [askC] = await quoteNext(callId, 1_000n * WAD);
    const [, bidP] = await quoteNext(putId, 500n * WAD);
    expect(await pool.totalAssets({ blockTag: "pending" })).to.equal((await pool.lpCash()) - askC + bidP);
    expect(await pool.convertToAssets(WAD)).to.be.greaterThanOrEqual(p0);
  });

  it("marks at the worst case when the feed is stale or the series expired unsettled", async function () {
    const { pool, alice, bob, callId, putId, expiry } = await withSeries();
    await pool.connect(alice).buy(callId, 1_000n * WAD, FAR, FAR);
    await pool.connect(bob).sell(putId, 500n * WAD, 0n, FAR);
    await networkHelpers.time.increase(2n * DAY); // heartbeat is 1 day
    const worst = (await pool.lpCash()) - 3_000n * USDC; // net short at width, net long at zero
    expect(await pool.totalAssets()).to.equal(worst);
    await networkHelpers.time.increaseTo(expiry + 1n);
    expect(await pool.totalAssets()).to.equal(worst);
  });

  it("stops deposits while paused (maxDeposit = maxMint = 0) but not withdrawals", async function () {
    const { pool, lp, bob, guardian } = await networkHelpers.loadFixture(fixture);
    await pool.connect(guardian).pause();
    expect(await pool.maxDeposit(bob.address)).to.equal(0n);
    expect(await pool.maxMint(bob.address)).to.equal(0n);
    await expect(pool.connect(bob).deposit(USDC, bob.address)).to.be.revertedWithCustomError(
      pool,
      "ERC4626ExceededMaxDeposit",
    );
    await expect(pool.connect(bob).mint(WAD, bob.address)).to.be.revertedWithCustomError(
      pool,
      "ERC4626ExceededMaxMint",
    );
    await expect(pool.connect(lp).withdraw(USDC, lp.address, lp.address)).to.emit(pool, "Withdraw");
    await expect(pool.connect(lp).redeem(WAD, lp.address, lp.address)).to.emit(pool, "Withdraw");
  });
});
