// Audit regression: between expiry and `settle`, the pool's mark of an expired series must already be the
// settlement payoff when the settlement round exists. It used to be the worst case (width for a net short, zero
// for a net long), so anyone could deposit at the depressed share price, call the permissionless `settle`
// (the mark jumps back) and redeem at a profit taken from the existing LPs (atomically, with a flash loan).
import { expect } from "chai";
import { network } from "hardhat";
import { CALL, USDC, WAD, makeOptionsFixture, pts } from "./options-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = makeOptionsFixture(ethers, networkHelpers);
const FAR = 2n ** 64n;
const ATTACK = 100_000n * USDC;

describe("OptionPool audit: the mark of expired series before settlement", function () {
  async function expiredWith(side: "poolShort" | "poolLong", settlePoints: string) {
    const f = await networkHelpers.loadFixture(fixture);
    const id = await f.list(CALL, pts("23"), pts("26"));
    if (side === "poolShort") await f.pool.connect(f.alice).buy(id, 100n * WAD, FAR, FAR);
    else await f.pool.connect(f.alice).sell(id, 100n * WAD, 0n, FAR);
    await networkHelpers.time.increaseTo(f.expiry + 10n);
    await f.push(pts(settlePoints)); // the settlement round exists: anyone may settle now
    return { ...f, id };
  }

  for (const [side, points] of [
    ["poolShort", "20"], // expires worthless: the pool's liability is 0, not the width
    ["poolLong", "30"], // expires at the full width: the pool's claim is 300 USDC, not 0
  ] as const) {
    it(`settle does not move totalAssets (${side}, settles at ${points})`, async function () {
      const f = await expiredWith(side, points);
      const before = await f.pool.totalAssets();
      await f.pool.settle(f.id);
      // Only the rounding dust swept to the LPs (at most one unit) may remain.
      const after = await f.pool.totalAssets();
      expect(after - before).to.be.lessThanOrEqual(1n);
      expect(after).to.be.greaterThanOrEqual(before);
    });

    it(`deposit -> settle -> redeem makes no profit (${side})`, async function () {
      const f = await expiredWith(side, points);
      await f.usdc.mint(f.bob.address, ATTACK);
      const start = await f.usdc.balanceOf(f.bob.address);
      await f.pool.connect(f.bob).deposit(ATTACK, f.bob.address);
      await f.pool.settle(f.id);
      await f.pool.connect(f.bob).redeem(await f.pool.maxRedeem(f.bob.address), f.bob.address, f.bob.address);
      expect(await f.pool.balanceOf(f.bob.address)).to.equal(0n);
      expect(await f.usdc.balanceOf(f.bob.address)).to.be.lessThanOrEqual(start);
    });
  }

  it("without a settlement round yet, the expired series stays at its worst case", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const id = await f.list(CALL, pts("23"), pts("26"));
    await f.pool.connect(f.alice).buy(id, 100n * WAD, FAR, FAR);
    await networkHelpers.time.increaseTo(f.expiry + 10n); // no round at or after expiry
    expect(await f.pool.totalAssets()).to.equal((await f.pool.lpCash()) - 300n * USDC);
  });
});
