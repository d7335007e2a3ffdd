// Audit regressions of the epochs (issue 14, items 4 and 5, and the overdue epoch it asked to look into).
// - 14.4: processEpoch is permissionless; called inside a flash loan of the flash vault (the reserve), the vault
//   reports maxWithdraw 0, so redemptions were paid from idle only and the rest handed back, every epoch, for the
//   price of the gas. An epoch now refuses to run while the flash vault has a loan open, and the flash vault
//   refuses a zero-amount loan.
// - 14.5: the pool's remedy for a broken feed (heartbeat 0) made the vault's NAV revert FeedNotRegistered while it
//   held positions on that feed, freezing epochs for up to ~104 days. Such positions are now marked at their
//   worst case for the NAV and redemptions and at their best case for deposits; the NAV never reverts.
// - An overdue epoch let requestDeposit and processEpoch run back to back at a price anyone could compute, at a
//   moment of the requester's choosing. A request made once the epoch is due now joins the next one.
import { expect } from "chai";
import { network } from "hardhat";
import { anyUint } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import {
  condorExpiry,
  condorStrikes,
  makeHedgeFixture,
  type HedgeFixture,
  WITH_RESERVE_DRAW,
} from "./hedge-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import { DAY, DEFAULT_VAULT_POLICY, pts, WAD, wad } from "../../scripts/deploy/hedgeSide.js";
import type { EpochGriefer } from "../../types/ethers-contracts/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const base = makeHedgeFixture(connection, WITH_RESERVE_DRAW);
const NAV = usdc(1_000_000n);
const VIRTUAL_SHARES = 10n ** 6n;

async function funded(): Promise<HedgeFixture> {
  const f = await base();
  await f.seed(NAV);
  return f;
}

describe("HedgeLayerVault attack (issue 14.4): processEpoch inside a flash loan of the reserve", function () {
  async function griefSetup(): Promise<HedgeFixture & { griefer: EpochGriefer }> {
    const f = await base();
    await f.hedge.setVaultPolicy({ ...WITH_RESERVE_DRAW.vaultPolicy, reserveMin: wad("0.9") });
    await f.seed(NAV); // 900,000 in the reserve, 100,000 idle
    const shares = await f.hedge.balanceOf(f.alice.address);
    await f.hedge.connect(f.alice).requestRedeem(shares, f.alice.address, f.alice.address);
    await f.advance(DAY);
    const griefer = (await ethers.deployContract("EpochGriefer", [
      await f.hedge.getAddress(),
      await f.vault.getAddress(),
      await f.usdc.getAddress(),
    ])) as unknown as EpochGriefer;
    await f.usdc.mint(await griefer.getAddress(), usdc(1n)); // the flash fee
    return { ...f, griefer };
  }

  it("the griefed epoch reverts ReserveLoanInProgress; a zero-amount loan reverts FlashLoanZeroAmount", async function () {
    const f = await networkHelpers.loadFixture(griefSetup);
    expect((await f.hedge.keeperState()).reserveAssets).to.be.greaterThan(usdc(899_000n));
    await expect(f.griefer.attack(1n)).to.be.revertedWithCustomError(f.hedge, "ReserveLoanInProgress");
    await expect(f.griefer.attack(0n)).to.be.revertedWithCustomError(f.vault, "FlashLoanZeroAmount");
    await expect(f.griefer.attack(usdc(500_000n))).to.be.revertedWithCustomError(
      f.hedge,
      "ReserveLoanInProgress",
    );
    expect((await f.hedge.currentEpoch())[0]).to.equal(1n);
  });

  it("the honest epoch then pays the whole redemption from idle and the reserve", async function () {
    const f = await networkHelpers.loadFixture(griefSetup);
    await expect(f.griefer.attack(1n)).to.be.revertedWithCustomError(f.hedge, "ReserveLoanInProgress");
    const nav = await f.hedge.totalAssets();
    await expect(f.hedge.processEpoch())
      .to.emit(f.hedge, "EpochProcessed")
      .withArgs(1n, nav, anyUint, 0n, 0n, anyUint, anyUint, (paid: bigint) => paid >= nav - 1n);
    expect(await f.hedge.maxWithdraw(f.alice.address)).to.be.greaterThanOrEqual(NAV - usdc(1n));
  });
});

describe("HedgeLayerVault (issue 14.5): a feed the pool no longer prices", function () {
  /** A layer and a condor open, then both feeds unregistered in the pool (heartbeat 0, its remedy for a broken feed). */
  async function unregistered(): Promise<HedgeFixture & { priced: bigint }> {
    const f = await funded();
    const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
    await f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
    const k = condorStrikes(pts("5000"));
    await f.hedge.connect(f.keeper).openCondor(k.put, k.call, await condorExpiry(f), 0n);
    await f.push(f.volFeed, pts("26")); // the layer is worth much of its width now
    const priced = await f.hedge.totalAssets();
    for (const feed of [f.volFeed, f.indexFeed]) await f.pool.configureFeed(await feed.getAddress(), 0n, DAY);
    return { ...f, priced };
  }

  it("the NAV never reverts: such positions count at their worst case (layer 0, leg 0)", async function () {
    const f = await networkHelpers.loadFixture(unregistered);
    const s = await f.hedge.keeperState();
    expect(s.navOk).to.equal(true);
    expect(await f.hedge.totalAssets()).to.equal(s.idle + s.reserveAssets);
    expect(s.nav).to.equal(s.idle + s.reserveAssets);
    const [low, high] = await f.hedge.epochNav();
    const layer = s.layers[0]!;
    const layerBest = (layer.size * (layer.strikeHigh - layer.strikeLow)) / 10n ** 30n;
    expect(low).to.equal(s.idle + s.reserveAssets);
    expect(high).to.equal(low + layerBest + s.putLeg.collateral + s.callLeg.collateral);
    expect(low).to.be.lessThan(f.priced);
    expect(high).to.be.greaterThan(f.priced);
  });

  it("an epoch pays redemptions at the low NAV and strikes deposits at the high one; nobody gains", async function () {
    const f = await networkHelpers.loadFixture(unregistered);
    const aliceShares = (await f.hedge.balanceOf(f.alice.address)) / 10n;
    await f.hedge.connect(f.alice).requestRedeem(aliceShares, f.alice.address, f.alice.address);
    await f.hedge.connect(f.bob).requestDeposit(usdc(100_000n), f.bob.address, f.bob.address);
    await f.advance(DAY);
    const [low, high] = await f.hedge.epochNav();
    const supply = await f.hedge.totalSupply();
    await expect(f.hedge.processEpoch()).to.emit(f.hedge, "EpochNavBracket").withArgs(1n, low, high);
    expect(await f.hedge.maxWithdraw(f.alice.address)).to.equal(
      (aliceShares * (low + 1n)) / (supply + VIRTUAL_SHARES),
    );
    expect(await f.hedge.maxMint(f.bob.address)).to.equal(
      (usdc(100_000n) * (supply + VIRTUAL_SHARES)) / (high + 1n),
    );
    await f.hedge
      .connect(f.bob)
      ["deposit(uint256,address,address)"](usdc(100_000n), f.bob.address, f.bob.address);
    // The feeds come back: at the true marks, Bob's shares are worth less than he paid and Alice got less than
    // hers were worth: the uncertainty was paid by the ones entering and leaving, not by those who stayed.
    for (const feed of [f.volFeed, f.indexFeed])
      await f.pool.configureFeed(await feed.getAddress(), DAY, DAY);
    const bobValue = await f.hedge.convertToAssets(await f.hedge.balanceOf(f.bob.address));
    expect(bobValue).to.be.lessThan(usdc(100_000n));
    expect(await f.hedge.maxWithdraw(f.alice.address)).to.be.lessThan(
      await f.hedge.convertToAssets(aliceShares),
    );
  });
});

describe("HedgeLayerVault: a request made once the epoch is due joins the next epoch", function () {
  it("an overdue epoch cannot be requested into and struck back to back at a known price", async function () {
    const f = await networkHelpers.loadFixture(funded);
    await f.advance(3n * DAY); // epoch 1 is overdue
    const [epoch] = await f.hedge.currentEpoch();
    await expect(f.hedge.connect(f.bob).requestDeposit(usdc(100_000n), f.bob.address, f.bob.address))
      .to.emit(f.hedge, "DepositRequest")
      .withArgs(f.bob.address, f.bob.address, 0n, f.bob.address, usdc(100_000n)); // requestId 0 (ERC-7540)
    expect((await f.hedge.keeperState()).pendingDepositAssets).to.equal(usdc(100_000n)); // queued counts
    await expect(f.hedge.processEpoch())
      .to.emit(f.hedge, "EpochProcessed")
      .withArgs(epoch, anyUint, anyUint, 0n, 0n, 0n, 0n, 0n); // Bob's deposit is not in it
    expect(await f.hedge.maxDeposit(f.bob.address)).to.equal(0n);
    expect(await f.hedge.pendingDepositRequest(0n, f.bob.address)).to.equal(usdc(100_000n));
    // It is struck a whole epoch later, at a price nobody knew when he asked.
    await f.advance(DAY);
    await expect(f.hedge.processEpoch())
      .to.emit(f.hedge, "EpochProcessed")
      .withArgs(epoch + 1n, anyUint, anyUint, usdc(100_000n), anyUint, 0n, 0n, 0n);
    expect(await f.hedge.maxDeposit(f.bob.address)).to.equal(usdc(100_000n));
  });

  it("the controller's earlier request stays in its epoch (nobody's request moves it); cancels take both", async function () {
    const f = await networkHelpers.loadFixture(funded);
    const [epoch] = await f.hedge.currentEpoch();
    await f.hedge.connect(f.bob).requestDeposit(usdc(100n), f.bob.address, f.bob.address); // before due
    const shares = (await f.hedge.balanceOf(f.alice.address)) / 100n;
    await f.hedge.connect(f.alice).requestRedeem(shares, f.alice.address, f.alice.address);
    await f.advance(DAY); // now due
    await f.hedge.connect(f.bob).requestDeposit(usdc(50n), f.bob.address, f.bob.address);
    await f.hedge.connect(f.alice).requestRedeem(shares, f.alice.address, f.alice.address);
    // A stranger's request for Alice once the epoch is due does not delay hers either.
    await f.hedge.connect(f.bob).requestDeposit(1n, f.alice.address, f.bob.address);
    const s = await f.hedge.keeperState();
    expect(s.pendingDepositAssets).to.equal(usdc(150n) + 1n);
    expect(s.pendingRedeemShares).to.equal(2n * shares);
    expect(await f.hedge.pendingDepositRequest(0n, f.bob.address)).to.equal(usdc(150n));
    expect(await f.hedge.pendingRedeemRequest(0n, f.alice.address)).to.equal(2n * shares);
    // Bob cancels both of his (one event per epoch).
    await expect(f.hedge.connect(f.bob).cancelDepositRequest(f.bob.address))
      .to.emit(f.hedge, "DepositRequestCancelled")
      .withArgs(f.bob.address, epoch, usdc(100n))
      .and.to.emit(f.hedge, "DepositRequestCancelled")
      .withArgs(f.bob.address, epoch + 1n, usdc(50n));
    await expect(f.hedge.processEpoch())
      .to.emit(f.hedge, "EpochProcessed")
      .withArgs(epoch, anyUint, anyUint, 0n, 0n, shares, shares, anyUint); // Alice's first request, on time
    expect(await f.hedge.maxRedeem(f.alice.address)).to.equal(shares);
    expect(await f.hedge.pendingRedeemRequest(0n, f.alice.address)).to.equal(shares);
    await f.advance(DAY);
    await expect(f.hedge.processEpoch())
      .to.emit(f.hedge, "EpochProcessed")
      .withArgs(epoch + 1n, anyUint, anyUint, 1n, anyUint, shares, shares, anyUint);
    expect(await f.hedge.maxRedeem(f.alice.address)).to.equal(2n * shares);
    expect(await f.hedge.maxDeposit(f.alice.address)).to.equal(1n);
    expect(DEFAULT_VAULT_POLICY.epochLength).to.equal(DAY);
  });
});
