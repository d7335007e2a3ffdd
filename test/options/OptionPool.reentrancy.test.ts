// The option pool's reentrancy guard on every entry point that moves value: the pool's asset is turned into a token
// that calls back into the pool in the middle of a transfer (ReentrantERC20Mock, an ERC-777-style hook). Each guarded
// function is tried both ways: as the call back (inside a guarded deposit) and, for those that move the asset, as
// the outer call (its transfer calls back into a guarded `settle`). Without the guard, each call back would go on
// to fail (or pass) on its own checks instead.
import { expect } from "chai";
import { network } from "hardhat";
import { CALL, DAY, PUT, USDC, WAD, hookToken, makeOptionsFixture, pts } from "./options-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = makeOptionsFixture(ethers, networkHelpers);
const SIZE = 100n * WAD;
const FAR = 2n ** 64n;

describe("OptionPool: no entry point can be re-entered from a transfer of its asset", function () {
  // alice buys 100 call spreads 23/26, bob writes 40 of them, alice writes 10 put spreads 16/19; a call spread
  // expiring a week later is listed too (its `settle` is the call back of the outer-call tests). The LP gets 10,000
  // USDC more to deposit.
  async function withHookedAsset() {
    const f = await networkHelpers.loadFixture(fixture);
    const callId = await f.list(CALL, pts("23"), pts("26"));
    const putId = await f.list(PUT, pts("16"), pts("19"));
    const laterId = await f.list(CALL, pts("23"), pts("26"), f.expiry + 7n * DAY);
    await f.pool.connect(f.alice).buy(callId, SIZE, FAR, FAR);
    await f.pool.connect(f.bob).sell(callId, 40n * WAD, 0n, FAR);
    await f.pool.connect(f.alice).sell(putId, 10n * WAD, 0n, FAR);
    await f.usdc.mint(f.lp.address, 10_000n * USDC); // the LP deposited all it had
    const asset = await hookToken({ ethers, networkHelpers }, f.usdc);
    const pool = await f.pool.getAddress();
    /** The next transfer of the asset calls `data` on the pool. */
    const armPool = (data: string) => asset.arm(pool, data);
    const settleLater = f.pool.interface.encodeFunctionData("settle", [laterId]);
    return { ...f, callId, putId, laterId, armPool, settleLater };
  }

  it("refuses every guarded function as a call back from inside a deposit", async function () {
    const f = await withHookedAsset();
    const call = f.pool.interface;
    const reentries: [string, string][] = [
      ["buy", call.encodeFunctionData("buy", [f.callId, WAD, FAR, FAR])],
      ["sell", call.encodeFunctionData("sell", [f.putId, WAD, 0n, FAR])],
      ["closeLong", call.encodeFunctionData("closeLong", [f.callId, WAD, 0n, FAR])],
      ["closeShort", call.encodeFunctionData("closeShort", [f.putId, WAD, FAR, FAR])],
      ["settle", call.encodeFunctionData("settle", [f.callId])],
      ["settleByGovernance", call.encodeFunctionData("settleByGovernance", [f.callId, pts("24")])],
      ["redeemLong", call.encodeFunctionData("redeemLong", [f.callId, WAD])],
      ["reclaimCollateral", call.encodeFunctionData("reclaimCollateral", [f.callId])],
      ["deposit", call.encodeFunctionData("deposit", [USDC, f.lp.address])],
      ["withdraw", call.encodeFunctionData("withdraw", [USDC, f.lp.address, f.lp.address])],
    ];
    for (const [name, data] of reentries) {
      await f.armPool(data);
      await expect(
        f.pool.connect(f.lp).deposit(1_000n * USDC, f.lp.address),
        `${name} called back`,
      ).to.be.revertedWithCustomError(f.pool, "ReentrancyGuardReentrantCall");
    }
  });

  it("guards every function that moves the asset while it trades", async function () {
    const f = await withHookedAsset();
    const outerCalls: [string, () => Promise<unknown>][] = [
      ["buy", () => f.pool.connect(f.alice).buy(f.callId, WAD, FAR, FAR)],
      ["sell", () => f.pool.connect(f.bob).sell(f.callId, WAD, 0n, FAR)],
      ["closeLong", () => f.pool.connect(f.alice).closeLong(f.callId, WAD, 0n, FAR)],
      ["closeShort (released)", () => f.pool.connect(f.bob).closeShort(f.callId, WAD, FAR, FAR)],
      ["deposit", () => f.pool.connect(f.lp).deposit(1_000n * USDC, f.lp.address)],
      ["withdraw", () => f.pool.connect(f.lp).withdraw(1_000n * USDC, f.lp.address, f.lp.address)],
    ];
    for (const [name, call] of outerCalls) {
      await f.armPool(f.settleLater);
      await expect(call(), name).to.be.revertedWithCustomError(f.pool, "ReentrancyGuardReentrantCall");
    }
  });

  it("guards redemption and the writers' reclaim after settlement", async function () {
    const f = await withHookedAsset();
    await networkHelpers.time.increaseTo(f.expiry + 10n);
    await f.push(pts("25"));
    await f.pool.settle(f.callId);
    const outerCalls: [string, () => Promise<unknown>][] = [
      ["redeemLong", () => f.pool.connect(f.alice).redeemLong(f.callId, SIZE)],
      ["reclaimCollateral", () => f.pool.connect(f.bob).reclaimCollateral(f.callId)],
    ];
    for (const [name, call] of outerCalls) {
      await f.armPool(f.settleLater);
      await expect(call(), name).to.be.revertedWithCustomError(f.pool, "ReentrancyGuardReentrantCall");
    }
  });
});
