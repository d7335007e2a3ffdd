// Audit regression: a permit copied from the mempool and submitted first must not block the withdrawal.
import { expect } from "chai";
import { network } from "hardhat";
import { DEADLINE, E18, deployAmm, signLpPermit } from "./fixture.js";

const { ethers, networkHelpers } = await network.create();

describe("audit: ConstantProductRouter.removeLiquidityWithPermit", function () {
  async function seeded() {
    const f = await deployAmm(ethers);
    const a0 = await f.token0.getAddress();
    const a1 = await f.token1.getAddress();
    await f.router.addLiquidity(a0, a1, 1_000n * E18, 2_000n * E18, 0n, 0n, f.owner.address, DEADLINE);
    return { ...f, a0, a1 };
  }

  async function signPermit(f: Awaited<ReturnType<typeof seeded>>, value: bigint) {
    return signLpPermit(f.owner, {
      pair: f.pair,
      spender: await f.router.getAddress(),
      value,
      nonce: 0n,
      deadline: DEADLINE,
    });
  }

  it("still removes liquidity when someone front-ran the permit", async function () {
    const f = await networkHelpers.loadFixture(seeded);
    const { v, r, s } = await signPermit(f, E18);
    // A watcher submits the signed permit first: the nonce is used, the allowance is in place.
    await f.pair
      .connect(f.alice)
      .permit(f.owner.address, await f.router.getAddress(), E18, DEADLINE, v, r, s);
    await expect(
      f.router.removeLiquidityWithPermit(f.a0, f.a1, E18, 0n, 0n, f.bob.address, DEADLINE, false, v, r, s),
    ).to.emit(f.pair, "Burn");
    expect(await f.pair.allowance(f.owner.address, await f.router.getAddress())).to.equal(0n);
  });

  it("still reverts when the permit fails and there is no allowance", async function () {
    const f = await networkHelpers.loadFixture(seeded);
    const { v, r, s } = await signPermit(f, E18);
    // Signed for E18, used for 2 * E18: the permit is invalid and nothing else approves the router, so the
    // LP transfer fails (solady's TransferFromFailed selector, 0x7939f424).
    await expect(
      f.router.removeLiquidityWithPermit(
        f.a0,
        f.a1,
        2n * E18,
        0n,
        0n,
        f.bob.address,
        DEADLINE,
        false,
        v,
        r,
        s,
      ),
    ).to.revert(ethers);
    expect(await f.pair.balanceOf(f.owner.address)).to.be.greaterThan(0n);
  });
});
