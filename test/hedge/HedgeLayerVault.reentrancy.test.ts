// Every state-changing entry point of the hedge vault that moves value is nonReentrant: a call back into any of
// them, made in the middle of another, reverts with ReentrancyGuardReentrantCall. None of the project's own
// contracts calls back, so the vault's asset is turned into a token that does: the code of ReentrantERC20Mock
// (MockERC20's storage plus a one-shot hook) is put at the test USDC's address.
import { expect } from "chai";
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { network } from "hardhat";
import { makeHedgeFixture, WITH_RESERVE_DRAW, condorStrikes } from "./hedge-fixture.js";
import { hookToken } from "../options/options-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import { DAY, gridExpiry, pts, WAD } from "../../scripts/deploy/hedgeSide.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const base = makeHedgeFixture(connection, WITH_RESERVE_DRAW);

async function hooked() {
  const f = await base();
  await f.seed(usdc(1_000_000n));
  return { ...f, token: await hookToken(connection, f.usdc) };
}

describe("HedgeLayerVault: reentrancy", function () {
  it("a call back into any guarded entry point, from the asset in the middle of an epoch, is refused", async function () {
    const f = await networkHelpers.loadFixture(hooked);
    const vault = await f.hedge.getAddress();
    const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
    const k = condorStrikes(pts("5000"));
    const condorExpiry = gridExpiry((await f.now()) + 30n * DAY);
    const M = ethers.MaxUint256;
    // The outer call: an epoch that strikes Bob's deposit and tops the reserve up with part of it. Its first
    // token transfer is that deposit into the flash vault, which holds no guard of its own (a transfer inside
    // the option pool would meet the pool's guard first, which reverts with an error of the same name).
    await f.hedge.connect(f.bob).requestDeposit(usdc(500_000n), f.bob.address, f.bob.address);
    await f.advance(DAY);
    const outer = () => f.hedge.processEpoch();
    const i = f.hedge.interface;
    const callBacks: [string, string][] = [
      ["processEpoch", i.encodeFunctionData("processEpoch")],
      ["settleExpired", i.encodeFunctionData("settleExpired")],
      ["rollLayerDefault", i.encodeFunctionData("rollLayerDefault", [0n])],
      ["rollLayer", i.encodeFunctionData("rollLayer", [0n, low, high, expiry, WAD, M])],
      ["monetiseLayer", i.encodeFunctionData("monetiseLayer", [0n])],
      ["openCondor", i.encodeFunctionData("openCondor", [k.put, k.call, condorExpiry, 0n])],
      ["closeCondor", i.encodeFunctionData("closeCondor", [M])],
      ["rollCondorSide", i.encodeFunctionData("rollCondorSide", [true, k.call, condorExpiry, 0n])],
    ];
    for (const [name, data] of callBacks) {
      await f.token.arm(vault, data);
      await expect(outer(), name).to.be.revertedWithCustomError(f.hedge, "ReentrancyGuardReentrantCall");
    }
    // The control: a harmless call back (a view) lets the same epoch through, and the hook did fire.
    await f.token.arm(vault, i.encodeFunctionData("totalAssets"));
    await expect(outer())
      .to.emit(f.hedge, "EpochProcessed")
      .and.to.emit(f.hedge, "ReserveMoved")
      .withArgs(true, anyValue);
    expect(await f.token.hookTarget()).to.equal(ethers.ZeroAddress);
  });
});
