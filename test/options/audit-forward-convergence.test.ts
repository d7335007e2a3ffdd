// Audit regression (issue 12): a constant term factor (forward = index x termFactor) never converged to the
// index at expiry, so minutes before expiry the pool still priced off a forward that settlement would never
// see. At termFactor 1.05, index 20 and never moving, a trader wrote 1.4 M contracts of the 20.2/20.9 call
// spread ten minutes before expiry at a bid of ~0.687, settled at 0 and kept the bid: LP assets 1,000,000 ->
// 38,634. At 0.95 the mirror trade (buying "out of the money" calls that settle in the money) worked too.
// The surface's forward factor now runs linearly to exactly 1 at expiry below the first pillar: both trades
// gain nothing.
import { expect } from "chai";
import { network } from "hardhat";
import { BASE_VOL, CALL, USDC, WAD, makeOptionsFixture, pts } from "./options-fixture.js";
import { flatSurface } from "../../scripts/deploy/hedgeSide.js";

const { ethers, networkHelpers } = await network.create();
const fixture = makeOptionsFixture(ethers, networkHelpers);
const FAR = 2n ** 64n;
const TEN_MINUTES = 600n;

describe("OptionPool audit: the forward converges to the index at expiry", function () {
  /** The fixture with a surface whose 30-day forward factor is `factor`, a 100 M LP, `[low, high]` listed. */
  async function withTermStructure(factor: bigint, low: string, high: string) {
    const f = await networkHelpers.loadFixture(fixture);
    await f.pushSurface([{ ...flatSurface(BASE_VOL)[0]!, forwardFactor: factor }]);
    await f.usdc.mint(f.lp.address, 100_000_000n * USDC);
    await f.pool.connect(f.lp).deposit(100_000_000n * USDC, f.lp.address);
    const id = await f.list(CALL, pts(low), pts(high));
    await f.usdc.mint(f.bob.address, 10_000_000n * USDC);
    // Ten minutes before expiry, the index (and its surface) as fresh as a live reporter keeps them.
    await networkHelpers.time.increaseTo(f.expiry - TEN_MINUTES - 10n);
    await f.push(pts("20"));
    return { ...f, id };
  }

  async function settleAt20(f: Awaited<ReturnType<typeof withTermStructure>>) {
    await networkHelpers.time.increaseTo(f.expiry + 10n);
    await f.push(pts("20"));
    await f.pool.settle(f.id);
  }

  it("contango (forward factor 1.05): writing 1.4 M calls that settle worthless takes nothing", async function () {
    const f = await withTermStructure((105n * WAD) / 100n, "20.2", "20.9");
    const size = 1_400_000n * WAD;
    const [, bid] = await f.pool.quote(f.id, size);
    expect(bid).to.equal(0n); // the forward is 20.0002 ten minutes out: the spread is worth far less than the markup
    const lpBefore = await f.pool.totalAssets();
    const start = await f.usdc.balanceOf(f.bob.address);
    await f.pool.connect(f.bob).sell(f.id, size, 0n, FAR);
    await settleAt20(f);
    await f.pool.connect(f.bob).reclaimCollateral(f.id);
    expect(await f.usdc.balanceOf(f.bob.address)).to.be.lessThanOrEqual(start);
    expect(await f.pool.totalAssets()).to.be.greaterThanOrEqual(lpBefore);
  });

  it("backwardation (forward factor 0.95): buying 'out of the money' calls that settle in the money takes nothing", async function () {
    const f = await withTermStructure((95n * WAD) / 100n, "19.5", "19.9");
    const size = 1_000_000n * WAD;
    const [ask] = await f.pool.quote(f.id, size);
    // 0.4 points of width in the money at a forward of ~19.99999: the ask is the whole width
    expect(ask).to.equal((size * pts("0.4")) / 10n ** 30n);
    const lpBefore = await f.pool.totalAssets();
    const start = await f.usdc.balanceOf(f.bob.address);
    await f.usdc.connect(f.bob).approve(await f.pool.getAddress(), ethers.MaxUint256);
    await f.pool.connect(f.bob).buy(f.id, size, FAR, FAR);
    await settleAt20(f);
    await f.pool.connect(f.bob).redeemLong(f.id, size);
    expect(await f.usdc.balanceOf(f.bob.address)).to.be.lessThanOrEqual(start);
    expect(await f.pool.totalAssets()).to.be.greaterThanOrEqual(lpBefore);
  });
});
