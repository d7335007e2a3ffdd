// The exact edges of money rules that the mutation runs (issue 17) found untested: the layer cooldown's and the
// epoch's boundary seconds, the rounding direction of every ERC-7540 claim and of each controller's share of an
// epoch, the claimable amount of a withdrawal, and how an epoch fills redemptions from idle, then the reserve.
// Each test states the rule and checks it against the value it must never exceed, to the unit.
import { expect } from "chai";
import { network } from "hardhat";
import type { ContractTransactionResponse } from "ethers";
import type { ReentrantERC20Mock } from "../../types/ethers-contracts/index.js";
import {
  makeHedgeFixture,
  type HedgeFixture,
  WITH_RESERVE_DRAW,
  condorStrikes,
  AT_SET_TIME,
  buyDefaultLayer,
  sellDefaultCondor,
} from "./hedge-fixture.js";
import { hookToken } from "../options/options-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import {
  DAY,
  DEFAULT_HEDGE_SIDE,
  DEFAULT_LAYERS,
  gridExpiry,
  pts,
  WAD,
  wad,
} from "../../scripts/deploy/hedgeSide.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const base = makeHedgeFixture(connection, WITH_RESERVE_DRAW);
/** MAX_LAYERS (5) layers, each with a fifth of the ladder's weight. */
const fiveLayers = makeHedgeFixture(connection, {
  ...WITH_RESERVE_DRAW,
  layers: [0, 1, 2, 3, 4].map((i) => ({ ...DEFAULT_LAYERS[i % DEFAULT_LAYERS.length]!, weight: wad("0.2") })),
});
const NAV = usdc(1_000_000n);

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** The hedge side with 1,000,000 USDC struck and layer 0 bought (its spread leaves the NAV at an odd value). */
async function withLayer(): Promise<HedgeFixture> {
  const f = await base();
  await f.seed(NAV);
  await buyDefaultLayer(f, 0n);
  return f;
}

/** 10^(36 - 6): cash in USDC units = size x points / CASH_SCALE (SeriesMath). */
const CASH_SCALE = 10n ** 30n;
/** One step of the index feed's 8 decimals, in 18-decimal points. */
const FEED_TICK = 10n ** 10n;

/**
 * A condor sold on a 10,000 USDC vault (two contracts: one feed tick moves a leg's cash by a fiftieth of a unit),
 * taken to its expiry second, where an index round settles the put spread so that its writer gets back exactly
 * one unit of its collateral: cashUp(size, width) - cashUp(size, payoff) = 1. The call spread expires worthless
 * (all its collateral back). With both legs expired and their settlement round in, the NAV no longer moves in time.
 */
async function putLegOneUnitBack(): Promise<HedgeFixture> {
  const f = await base();
  await f.seed(usdc(10_000n));
  const k = condorStrikes(pts("5000"));
  await f.hedge.connect(f.keeper).openCondor(k.put, k.call, gridExpiry((await f.now()) + 30n * DAY), 0n);
  const leg = (await f.hedge.keeperState()).putLeg;
  const back = (price: bigint): bigint =>
    leg.collateral - ceilDiv(leg.size * (leg.strikeHigh - price), CASH_SCALE);
  let price = leg.strikeLow + FEED_TICK;
  while (back(price) < 1n) price += FEED_TICK;
  expect(back(price)).to.equal(1n); // a tick moves less than a unit, so the first price that returns one returns one
  await networkHelpers.time.increaseTo(leg.expiry);
  await f.push(f.indexFeed, price); // the first round at the expiry second: the settlement price
  await f.hedge.processEpoch(); // the epoch overdue since the sale: new requests join the next one
  return f;
}

interface EpochResult {
  nav: bigint;
  supply: bigint;
  reserveWithdrawals: bigint[];
  depositAssets: bigint;
  sharesMinted: bigint;
  redeemShares: bigint;
  sharesBurned: bigint;
  assetsPaid: bigint;
}

/** Moves `wait` ahead (default: past the epoch's end), strikes the epoch and returns its result (EpochProcessed). */
async function strike(f: HedgeFixture, wait = DAY): Promise<EpochResult> {
  if (wait > 0n) await f.advance(wait);
  const receipt = await (await f.hedge.processEpoch()).wait();
  const reserveWithdrawals: bigint[] = [];
  let result: EpochResult | undefined;
  for (const log of receipt!.logs) {
    const parsed = f.hedge.interface.parseLog(log);
    if (parsed?.name === "ReserveMoved" && parsed.args[0] === false) reserveWithdrawals.push(parsed.args[1]);
    if (parsed?.name === "EpochProcessed") {
      const [, nav, supply, depositAssets, sharesMinted, redeemShares, sharesBurned, assetsPaid] =
        parsed.args;
      result = {
        nav,
        supply,
        reserveWithdrawals,
        depositAssets,
        sharesMinted,
        redeemShares,
        sharesBurned,
        assetsPaid,
      };
    }
  }
  if (result === undefined) throw new Error("processEpoch emitted no EpochProcessed");
  return result;
}

/** The (assets, shares) of the Deposit or Withdraw event a claim emitted. */
async function claimed(
  f: HedgeFixture,
  tx: ContractTransactionResponse,
  event: string,
): Promise<[bigint, bigint]> {
  const receipt = await tx.wait();
  for (const log of receipt!.logs) {
    const parsed = f.hedge.interface.parseLog(log);
    if (parsed?.name === event) return [parsed.args.assets as bigint, parsed.args.shares as bigint];
  }
  throw new Error(`the claim emitted no ${event}`);
}

describe("HedgeLayerVault: exact boundaries of money rules", function () {
  describe("layer cooldown", function () {
    it("refuses a roll one second before lastRoll + cooldown and lets it past the cooldown at that second", async function () {
      const f = await networkHelpers.loadFixture(withLayer);
      const layer = (await f.hedge.keeperState()).layers[0]!;
      const availableAt = layer.lastRoll + DAY; // the default layer policy's cooldown is one day
      await f.freshBefore(availableAt);
      const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
      // The cooldown is checked first; past it, a layer bought a day ago is not yet in its roll window, so the
      // next check refuses with LayerRollNotDue: which of the two errors answers tells on which side of the
      // boundary the second lies. A fixed gas limit mines each attempt at the second set for it.
      const roll = () =>
        f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256, AT_SET_TIME);

      await networkHelpers.time.setNextBlockTimestamp(availableAt - 1n);
      await expect(roll())
        .to.be.revertedWithCustomError(f.hedge, "LayerInCooldown")
        .withArgs(0n, availableAt);

      await networkHelpers.time.setNextBlockTimestamp(availableAt);
      await expect(roll())
        .to.be.revertedWithCustomError(f.hedge, "LayerRollNotDue")
        .withArgs(0n, layer.expiry - 7n * DAY);
      const block = await ethers.provider.getBlock("latest");
      expect(BigInt(block!.timestamp)).to.equal(availableAt);
    });
  });

  describe("claim rounding (ERC-7540): always in favour of the vault", function () {
    /** Alice and Bob request deposits of odd sizes at an odd NAV; the epoch is struck. */
    async function depositsStruck(): Promise<{ f: HedgeFixture; result: EpochResult; a: bigint; b: bigint }> {
      const f = await networkHelpers.loadFixture(withLayer);
      const a = usdc(123_456n) + 789_013n;
      const b = usdc(7n) + 654_321n;
      await f.usdc.mint(f.alice.address, a); // the seed spent Alice's funds
      await f.hedge.connect(f.alice).requestDeposit(a, f.alice.address, f.alice.address);
      await f.hedge.connect(f.bob).requestDeposit(b, f.bob.address, f.bob.address);
      const result = await strike(f);
      return { f, result, a, b };
    }

    it("each controller's claimable shares are its pro-rata part of the epoch's shares, rounded down", async function () {
      const { f, result, a, b } = await depositsStruck();
      expect(result.depositAssets).to.equal(a + b);
      const aliceShares = await f.hedge.maxMint(f.alice.address);
      const bobShares = await f.hedge.maxMint(f.bob.address);
      expect(aliceShares).to.equal((a * result.sharesMinted) / result.depositAssets);
      expect(bobShares).to.equal((b * result.sharesMinted) / result.depositAssets);
      expect(aliceShares + bobShares).to.be.lessThanOrEqual(result.sharesMinted); // never more than was minted
      // The odd sizes make both divisions inexact, so a rounding up would show.
      expect((a * result.sharesMinted) % result.depositAssets).to.not.equal(0n);
      expect((b * result.sharesMinted) % result.depositAssets).to.not.equal(0n);
    });

    it("mint(shares) consumes the assets those shares are worth, rounded up (never fewer)", async function () {
      const { f } = await depositsStruck();
      const alice = f.alice.address;
      for (const shares of [1n, 1_000_003n, 987_654_321_987n]) {
        const assetsBefore = await f.hedge.maxDeposit(alice);
        const sharesBefore = await f.hedge.maxMint(alice);
        expect((shares * assetsBefore) % sharesBefore).to.not.equal(0n); // inexact: the direction matters
        const tx = await f.hedge.connect(f.alice)["mint(uint256,address,address)"](shares, alice, alice);
        const [assets, got] = await claimed(f, tx, "Deposit");
        expect(got).to.equal(shares);
        expect(assets).to.equal(ceilDiv(shares * assetsBefore, sharesBefore));
        // The value it must never fall below: shares x claimable assets / claimable shares.
        expect(assets * sharesBefore).to.be.greaterThanOrEqual(shares * assetsBefore);
        expect(await f.hedge.maxDeposit(alice)).to.equal(assetsBefore - assets);
        expect(await f.hedge.maxMint(alice)).to.equal(sharesBefore - shares);
      }
    });

    it("deposit(assets) gives the shares those assets are worth, rounded down (never more)", async function () {
      const { f } = await depositsStruck();
      const bob = f.bob.address;
      for (const assets of [1n, 3_333_331n]) {
        const assetsBefore = await f.hedge.maxDeposit(bob);
        const sharesBefore = await f.hedge.maxMint(bob);
        expect((assets * sharesBefore) % assetsBefore).to.not.equal(0n);
        const tx = await f.hedge.connect(f.bob)["deposit(uint256,address,address)"](assets, bob, bob);
        const [paid, shares] = await claimed(f, tx, "Deposit");
        expect(paid).to.equal(assets);
        expect(shares).to.equal((assets * sharesBefore) / assetsBefore);
        // The value it must never exceed: assets x claimable shares / claimable assets.
        expect(shares * assetsBefore).to.be.lessThanOrEqual(assets * sharesBefore);
        expect(await f.hedge.balanceOf(bob)).to.be.greaterThanOrEqual(shares);
      }
    });

    /** After the deposits: Alice and Bob claim all their shares and request redemptions of odd sizes, struck. */
    async function redemptionsStruck(): Promise<{
      f: HedgeFixture;
      result: EpochResult;
      a: bigint;
      b: bigint;
    }> {
      const { f } = await depositsStruck();
      for (const who of [f.alice, f.bob]) {
        const max = await f.hedge.maxMint(who.address);
        await f.hedge.connect(who)["mint(uint256,address,address)"](max, who.address, who.address);
      }
      const a = (await f.hedge.balanceOf(f.alice.address)) / 7n + 3n;
      const b = (await f.hedge.balanceOf(f.bob.address)) / 3n + 1n;
      await f.hedge.connect(f.alice).requestRedeem(a, f.alice.address, f.alice.address);
      await f.hedge.connect(f.bob).requestRedeem(b, f.bob.address, f.bob.address);
      const result = await strike(f);
      return { f, result, a, b };
    }

    it("each controller's claimable assets are its pro-rata part of the epoch's payment, rounded down", async function () {
      const { f, result, a, b } = await redemptionsStruck();
      expect(result.redeemShares).to.equal(a + b);
      expect(result.sharesBurned).to.equal(result.redeemShares); // fully filled: nothing returned
      const aliceAssets = await f.hedge.maxWithdraw(f.alice.address);
      const bobAssets = await f.hedge.maxWithdraw(f.bob.address);
      expect(aliceAssets).to.equal((a * result.assetsPaid) / result.redeemShares);
      expect(bobAssets).to.equal((b * result.assetsPaid) / result.redeemShares);
      expect(aliceAssets + bobAssets).to.be.lessThanOrEqual(result.assetsPaid); // never more than was paid in
      expect((a * result.assetsPaid) % result.redeemShares).to.not.equal(0n);
      expect((b * result.assetsPaid) % result.redeemShares).to.not.equal(0n);
      expect(await f.hedge.maxRedeem(f.alice.address)).to.equal(a);
    });

    it("redeem(shares) pays the assets those shares are worth, rounded down (never more)", async function () {
      const { f } = await redemptionsStruck();
      const alice = f.alice.address;
      for (const shares of [1n, 1_000_003n, 987_654_321_987n]) {
        const assetsBefore = await f.hedge.maxWithdraw(alice);
        const sharesBefore = await f.hedge.maxRedeem(alice);
        expect((shares * assetsBefore) % sharesBefore).to.not.equal(0n);
        const cashBefore = await f.usdc.balanceOf(alice);
        const tx = await f.hedge.connect(f.alice).redeem(shares, alice, alice);
        const [assets, burned] = await claimed(f, tx, "Withdraw");
        expect(burned).to.equal(shares);
        expect(assets).to.equal((shares * assetsBefore) / sharesBefore);
        // The value it must never exceed: shares x claimable assets / claimable shares.
        expect(assets * sharesBefore).to.be.lessThanOrEqual(shares * assetsBefore);
        expect(await f.usdc.balanceOf(alice)).to.equal(cashBefore + assets);
      }
    });

    it("withdraw(assets) spends the shares those assets are worth, rounded up (never fewer)", async function () {
      const { f } = await redemptionsStruck();
      const bob = f.bob.address;
      for (const assets of [1n, 1_234_567n]) {
        const assetsBefore = await f.hedge.maxWithdraw(bob);
        const sharesBefore = await f.hedge.maxRedeem(bob);
        expect((assets * sharesBefore) % assetsBefore).to.not.equal(0n);
        const tx = await f.hedge.connect(f.bob).withdraw(assets, bob, bob);
        const [paid, shares] = await claimed(f, tx, "Withdraw");
        expect(paid).to.equal(assets);
        expect(shares).to.equal(ceilDiv(assets * sharesBefore, assetsBefore));
        // The value it must never fall below: assets x claimable shares / claimable assets.
        expect(shares * assetsBefore).to.be.greaterThanOrEqual(assets * sharesBefore);
        expect(await f.hedge.maxRedeem(bob)).to.equal(sharesBefore - shares);
      }
    });
  });

  describe("epoch: the due second and the fill of redemptions", function () {
    const VIRTUAL_SHARES = 10n ** 6n; // 10 ** DECIMALS_OFFSET
    /** The assets `shares` are owed at an epoch struck at (nav, supply): rounded down, as the vault does. */
    const owedFor = (shares: bigint, nav: bigint, supply: bigint): bigint =>
      (shares * (nav + 1n)) / (supply + VIRTUAL_SHARES);

    async function funded(): Promise<HedgeFixture> {
      const f = await base();
      await f.seed(NAV);
      return f;
    }

    it("refuses processEpoch one second before epochStart + epochLength and strikes it at that second", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const [epoch, start] = await f.hedge.currentEpoch();
      const dueAt = start + DAY; // the default vault policy's epochLength
      await f.freshBefore(dueAt);
      await networkHelpers.time.setNextBlockTimestamp(dueAt - 1n);
      await expect(f.hedge.processEpoch(AT_SET_TIME))
        .to.be.revertedWithCustomError(f.hedge, "EpochNotDue")
        .withArgs(epoch, dueAt);
      await networkHelpers.time.setNextBlockTimestamp(dueAt);
      await expect(f.hedge.processEpoch(AT_SET_TIME)).to.emit(f.hedge, "EpochProcessed");
      expect((await f.hedge.currentEpoch())[1]).to.equal(dueAt);
    });

    it("a request one second before the epoch is due joins it; one at the due second waits for the next", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const carol = (await ethers.getSigners())[6]!;
      await f.usdc.mint(carol.address, usdc(2_000n));
      await f.usdc.connect(carol).approve(await f.hedge.getAddress(), usdc(2_000n));
      const [, start] = await f.hedge.currentEpoch();
      const dueAt = start + DAY;
      await f.freshBefore(dueAt);
      await networkHelpers.time.setNextBlockTimestamp(dueAt - 1n);
      await f.hedge.connect(f.bob).requestDeposit(usdc(1_000n), f.bob.address, f.bob.address, AT_SET_TIME);
      await networkHelpers.time.setNextBlockTimestamp(dueAt);
      await f.hedge.connect(carol).requestDeposit(usdc(2_000n), carol.address, carol.address, AT_SET_TIME);
      expect((await strike(f, 0n)).depositAssets).to.equal(usdc(1_000n));
      expect((await strike(f)).depositAssets).to.equal(usdc(2_000n));
    });

    /**
     * Alice asks to redeem the fewest shares owed `target` assets at the NAV the epoch will strike, and the epoch is
     * struck. That NAV must be constant in time: no position open (idle + the reserve), or only expired ones whose
     * settlement round is in.
     */
    async function redeemOwing(f: HedgeFixture, target: (idle: bigint, reserve: bigint) => bigint) {
      const { idle, reserveAssets } = await f.hedge.keeperState();
      const nav = await f.hedge.totalAssets();
      const supply = await f.hedge.totalSupply();
      const owed = target(idle, reserveAssets);
      const shares = ceilDiv(owed * (supply + VIRTUAL_SHARES), nav + 1n);
      expect(owedFor(shares, nav, supply)).to.equal(owed);
      await f.hedge.connect(f.alice).requestRedeem(shares, f.alice.address, f.alice.address);
      const result = await strike(f);
      expect([result.nav, result.supply]).to.deep.equal([nav, supply]); // struck at the NAV predicted
      return { result, shares, owed, idle };
    }

    it("owed exactly idle: filled in full from idle, the reserve untouched", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const { result, shares, owed } = await redeemOwing(f, (idle) => idle);
      expect([result.sharesBurned, result.assetsPaid]).to.deep.equal([shares, owed]);
      expect(result.reserveWithdrawals).to.deep.equal([]); // not even a withdrawal of 0
    });

    it("owed one unit above idle: filled in full, that unit taken from the reserve", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const { result, shares, owed } = await redeemOwing(f, (idle) => idle + 1n);
      expect([result.sharesBurned, result.assetsPaid]).to.deep.equal([shares, owed]);
      expect(result.reserveWithdrawals).to.deep.equal([1n]);
    });

    for (const [name, donated] of [
      ["beyond idle + reserve: pro rata, the shares filled rounded down, never paying more than it has", 0n],
      [
        "flash-vault shares sent to the vault are not its reserve: the fill counts only what it deposited",
        1n,
      ],
    ] as const) {
      it(name, async function () {
        const f = await networkHelpers.loadFixture(funded);
        const hedge = await f.hedge.getAddress();
        if (donated > 0n) {
          // Bob deposits into the flash vault for the hedge vault: its shares there outgrow its reserve.
          await f.usdc.connect(f.bob).approve(await f.vault.getAddress(), usdc(50_000n));
          await f.vault.connect(f.bob).deposit(usdc(50_000n), hedge);
        }
        const k = condorStrikes(pts("5000"));
        await f.hedge
          .connect(f.keeper)
          .openCondor(k.put, k.call, gridExpiry((await f.now()) + 30n * DAY), 0n);
        const shares = (await f.hedge.balanceOf(f.alice.address)) - 12_345n; // an odd count
        await f.hedge.connect(f.alice).requestRedeem(shares, f.alice.address, f.alice.address);
        await f.advance(DAY - 60n);
        const { idle, reserveAssets } = await f.hedge.keeperState();
        const withdrawable = await f.vault.maxWithdraw(hedge);
        if (donated > 0n) expect(withdrawable).to.equal(reserveAssets + usdc(50_000n));
        const liquid = idle + (reserveAssets < withdrawable ? reserveAssets : withdrawable);
        const result = await strike(f);
        const owed = owedFor(shares, result.nav, result.supply);
        expect(owed).to.be.greaterThan(liquid);
        const filled = (shares * liquid) / owed;
        expect((shares * liquid) % owed).to.not.equal(0n); // rounding matters here
        expect(result.sharesBurned).to.equal(filled);
        expect(result.assetsPaid).to.equal(owedFor(filled, result.nav, result.supply));
        expect(result.assetsPaid).to.be.at.most(liquid);
      });
    }

    it("owed one unit above idle + the reserve (the rest of the NAV in expired legs): pro rata, not in full", async function () {
      const f = await networkHelpers.loadFixture(putLegOneUnitBack);
      const withdrawable = await f.vault.maxWithdraw(await f.hedge.getAddress());
      const { result, shares, owed } = await redeemOwing(f, (idle, reserve) => {
        expect(reserve).to.be.at.most(withdrawable); // so that idle + the reserve is all the epoch can pay
        return idle + reserve + 1n;
      });
      const liquid = owed - 1n;
      const filled = (shares * liquid) / owed;
      expect(filled).to.be.lessThan(shares);
      expect(result.sharesBurned).to.equal(filled);
      expect(result.assetsPaid).to.be.at.most(liquid);
    });

    it("an epoch without requests moves no shares (not even a Transfer of 0)", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const supply = await f.hedge.totalSupply();
      await f.advance(DAY);
      await expect(f.hedge.processEpoch()).to.not.emit(f.hedge, "Transfer");
      expect(await f.hedge.totalSupply()).to.equal(supply);
    });

    for (const net of [1n, -1n]) {
      it(`deposits and redemptions one share apart: one net ${net > 0n ? "mint" : "burn"} of exactly one share`, async function () {
        const f = await networkHelpers.loadFixture(funded);
        const nav = await f.hedge.totalAssets();
        const supply = await f.hedge.totalSupply();
        const assets = usdc(1_000n);
        const minted = (assets * (supply + VIRTUAL_SHARES)) / (nav + 1n);
        await f.hedge.connect(f.bob).requestDeposit(assets, f.bob.address, f.bob.address);
        await f.hedge.connect(f.alice).requestRedeem(minted - net, f.alice.address, f.alice.address);
        const held = await f.hedge.balanceOf(await f.hedge.getAddress());
        const result = await strike(f);
        expect([result.sharesMinted, result.sharesBurned]).to.deep.equal([minted, minted - net]);
        expect(await f.hedge.totalSupply()).to.equal(supply + net);
        expect(await f.hedge.balanceOf(await f.hedge.getAddress())).to.equal(held + net);
      });
    }

    /**
     * A roll of layer 0 whose net cash out of the vault is exactly `spend`: the asset (ReentrantERC20Mock) mints the
     * vault back up to its balance before the roll minus `spend` right after the premium leaves.
     */
    async function rollSpending(f: HedgeFixture, token: ReentrantERC20Mock, spend: bigint) {
      const vault = await f.hedge.getAddress();
      await token.armTopUp(vault, (await f.usdc.balanceOf(vault)) - spend);
      const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
      return f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
    }

    it("a trade that nets one unit of cash out charges exactly that unit to idle", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const token = await hookToken(connection, f.usdc);
      const { idle } = await f.hedge.keeperState();
      await expect(rollSpending(f, token, 1n)).to.emit(f.hedge, "LayerRolled");
      expect((await f.hedge.keeperState()).idle).to.equal(idle - 1n);
    });

    it("a trade may spend exactly all of idle, and one unit more is InsufficientIdle", async function () {
      const f = await networkHelpers.loadFixture(funded);
      await redeemOwing(f, (idle) => idle - 5n); // leaves 5 units idle
      expect((await f.hedge.keeperState()).idle).to.equal(5n);
      const token = await hookToken(connection, f.usdc);
      await expect(rollSpending(f, token, 6n))
        .to.be.revertedWithCustomError(f.hedge, "InsufficientIdle")
        .withArgs(6n, 5n);
      await expect(rollSpending(f, token, 5n)).to.emit(f.hedge, "LayerRolled");
      expect((await f.hedge.keeperState()).idle).to.equal(0n);
    });

    it("a withdrawal may take exactly the claimable assets, not one unit more", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const shares = (await f.hedge.balanceOf(f.alice.address)) / 3n;
      await f.hedge.connect(f.alice).requestRedeem(shares, f.alice.address, f.alice.address);
      await strike(f);
      const claimable = await f.hedge.maxWithdraw(f.alice.address);
      expect(claimable).to.be.greaterThan(0n);
      await expect(f.hedge.connect(f.alice).withdraw(claimable + 1n, f.alice.address, f.alice.address))
        .to.be.revertedWithCustomError(f.hedge, "ClaimAboveClaimable")
        .withArgs(claimable + 1n, claimable);
      await expect(
        f.hedge.connect(f.alice).withdraw(claimable, f.alice.address, f.alice.address),
      ).to.changeTokenBalance(ethers, f.usdc, f.alice, claimable);
      expect(await f.hedge.maxWithdraw(f.alice.address)).to.equal(0n);
    });
  });

  it("a vault of MAX_LAYERS layers marks every layer and reads none beyond the last", async function () {
    const f = await networkHelpers.loadFixture(fiveLayers);
    await f.seed(NAV);
    expect((await f.hedge.keeperState()).layers.length).to.equal(5);
    const [, low, high, expiry] = await f.hedge.defaultLayerTrade(4n);
    await f.hedge.connect(f.keeper).rollLayer(4n, low, high, expiry, WAD, ethers.MaxUint256);
    const result = await strike(f);
    expect(result.nav).to.equal(await f.hedge.totalAssets());
    // The other loops over the layers stop at the last one too: counting and settling expiries, and summing
    // weights for a new policy.
    expect(await f.hedge.expiredPositions()).to.equal(0n);
    expect(await f.hedge.settleExpired.staticCall()).to.equal(0n);
    const policy = { ...DEFAULT_LAYERS[4 % DEFAULT_LAYERS.length]!, weight: wad("0.2") }; // as fiveLayers sets it
    await expect(f.hedge.setLayerPolicy(4n, policy)).to.emit(f.hedge, "LayerPolicySet");
  });

  it("the budget window runs until the second before start + budgetWindow; at that second a fresh one starts", async function () {
    const f = await networkHelpers.loadFixture(withLayer);
    const s = await f.hedge.keeperState();
    expect(s.layerNet).to.be.greaterThan(0n); // the layer's premium, booked in this window
    const end = s.budgetWindowStart + s.vaultPolicy.budgetWindow;
    await networkHelpers.time.increaseTo(end - 1n); // a view reads the latest block's time
    const before = await f.hedge.keeperState();
    expect([before.budgetWindowStart, before.layerNet]).to.deep.equal([s.budgetWindowStart, s.layerNet]);
    await networkHelpers.mine(); // the block at `end`
    const after = await f.hedge.keeperState();
    expect([after.budgetWindowStart, after.layerNet]).to.deep.equal([end, 0n]);
  });

  describe("marks: live until the second before expiry, the final payoff from the expiry second", function () {
    async function withCondor(): Promise<HedgeFixture> {
      const f = await base();
      await f.seed(NAV);
      await sellDefaultCondor(f);
      return f;
    }
    /** An epoch struck at second `t` (fresh feed rounds and surfaces 29 seconds before it, none after). */
    async function epochAt(f: HedgeFixture, t: bigint) {
      await f.freshBefore(t);
      await networkHelpers.time.setNextBlockTimestamp(t);
      return f.hedge.processEpoch(AT_SET_TIME);
    }
    const cases: [string, () => Promise<HedgeFixture>, (f: HedgeFixture) => Promise<[bigint, bigint]>][] = [
      [
        "a layer",
        withLayer,
        async (f) => {
          const l = (await f.hedge.keeperState()).layers[0]!;
          return [l.seriesId, l.expiry];
        },
      ],
      [
        "a condor",
        withCondor,
        async (f) => {
          const g = (await f.hedge.keeperState()).putLeg;
          return [g.seriesId, g.expiry];
        },
      ],
    ];
    /** The index feed's code replaced by one that burns all the gas it is given (OptionsGasBurningFeedMock). */
    async function burnIndexFeedGas(f: HedgeFixture): Promise<string> {
      const burner = await ethers.deployContract("OptionsGasBurningFeedMock");
      const feed = await f.indexFeed.getAddress();
      await networkHelpers.setCode(feed, await ethers.provider.getCode(await burner.getAddress()));
      await networkHelpers.setStorageAt(feed, 2n, 1n); // its `_burn` flag
      return feed;
    }

    it("a mark that runs out of gas reverts (MarkWithoutReason), never counts as unknown: live leg, view", async function () {
      const f = await networkHelpers.loadFixture(withCondor);
      const feed = await burnIndexFeedGas(f);
      await expect(f.hedge.totalAssets({ gasLimit: 3_000_000n }))
        .to.be.revertedWithCustomError(f.pricer, "MarkWithoutReason")
        .withArgs(feed);
    });

    it("a mark that runs out of gas reverts (MarkWithoutReason), never counts as unknown: expired leg, epoch", async function () {
      const f = await networkHelpers.loadFixture(withCondor);
      const expiry = (await f.hedge.keeperState()).putLeg.expiry;
      await networkHelpers.time.increaseTo(expiry + 60n);
      await f.advance(1n);
      const feed = await burnIndexFeedGas(f);
      await expect(f.hedge.processEpoch({ gasLimit: 3_000_000n }))
        .to.be.revertedWithCustomError(f.pricer, "MarkWithoutReason")
        .withArgs(feed);
    });

    it("a layer rolled one second before its expiry waits (cutoff); at its expiry second it goes to settlement", async function () {
      const f = await networkHelpers.loadFixture(withLayer);
      const layer = (await f.hedge.keeperState()).layers[0]!;
      await f.freshBefore(layer.expiry);
      const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
      const roll = () =>
        f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256, AT_SET_TIME);
      await networkHelpers.time.setNextBlockTimestamp(layer.expiry - 1n);
      await expect(roll())
        .to.be.revertedWithCustomError(f.hedge, "PositionInCutoff")
        .withArgs(layer.seriesId, layer.expiry);
      // At the expiry second the layer is settled first: no feed round at or after expiry exists yet, so the
      // pool's settlement is what refuses.
      await networkHelpers.time.setNextBlockTimestamp(layer.expiry);
      await expect(roll())
        .to.be.revertedWithCustomError(f.pricer, "FeedNoRoundAtOrAfter")
        .withArgs(await f.volFeed.getAddress(), layer.expiry);
    });

    for (const [when, offset] of [
      ["one second before the pool's cutoff: sold back to the pool", 1n],
      ["at the cutoff's first second: PositionInCutoff (it waits for settlement)", 0n],
    ] as const) {
      it(`a layer rolled ${when}`, async function () {
        const f = await networkHelpers.loadFixture(withLayer);
        const layer = (await f.hedge.keeperState()).layers[0]!;
        const t = layer.expiry - (await f.pool.TRADING_CUTOFF()) - offset;
        await f.freshBefore(t);
        const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
        await networkHelpers.time.setNextBlockTimestamp(t);
        const roll = f.hedge
          .connect(f.keeper)
          .rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256, AT_SET_TIME);
        if (offset === 1n) await expect(roll).to.emit(f.hedge, "LayerRolled");
        else
          await expect(roll)
            .to.be.revertedWithCustomError(f.hedge, "PositionInCutoff")
            .withArgs(layer.seriesId, layer.expiry);
      });
    }

    for (const [when, before] of [
      ["one second before the pool's cutoff: bought back from the pool", "cutoff + 1"],
      ["at the cutoff's first second: PositionInCutoff", "cutoff"],
      ["one second before expiry: PositionInCutoff", "1"],
      ["at the expiry second: settled first (the pool's settlement refuses without a round)", "0"],
    ] as const) {
      it(`a condor closed ${when}`, async function () {
        const f = await networkHelpers.loadFixture(withCondor);
        const leg = (await f.hedge.keeperState()).putLeg;
        const cutoff = await f.pool.TRADING_CUTOFF();
        const offset = { "cutoff + 1": cutoff + 1n, cutoff, "1": 1n, "0": 0n }[before];
        const t = leg.expiry - offset;
        await f.freshBefore(t);
        await networkHelpers.time.setNextBlockTimestamp(t);
        const close = f.hedge.connect(f.keeper).closeCondor(ethers.MaxUint256, AT_SET_TIME);
        if (offset > cutoff) await expect(close).to.emit(f.hedge, "CondorLegClosed");
        else if (offset > 0n)
          await expect(close)
            .to.be.revertedWithCustomError(f.hedge, "PositionInCutoff")
            .withArgs(leg.seriesId, leg.expiry);
        else
          await expect(close)
            .to.be.revertedWithCustomError(f.pricer, "FeedNoRoundAtOrAfter")
            .withArgs(await f.indexFeed.getAddress(), leg.expiry);
      });
    }

    it("a condor leg whose settlement leaves one unit of its collateral is marked at that unit", async function () {
      const f = await networkHelpers.loadFixture(putLegOneUnitBack);
      const s = await f.hedge.keeperState();
      // idle + the reserve + the call spread (expired worthless: all its collateral) + the put spread's one unit
      expect(await f.hedge.totalAssets()).to.equal(s.idle + s.reserveAssets + s.callLeg.collateral + 1n);
    });

    it("closing that leg reports the one unit it got back (CondorLegClosed)", async function () {
      const f = await networkHelpers.loadFixture(putLegOneUnitBack);
      const { putLeg, callLeg } = await f.hedge.keeperState();
      await expect(f.hedge.connect(f.keeper).closeCondor(0n))
        .to.emit(f.hedge, "CondorLegClosed")
        .withArgs(false, putLeg.seriesId, putLeg.size, 1n)
        .and.to.emit(f.hedge, "CondorLegClosed")
        .withArgs(true, callLeg.seriesId, callLeg.size, callLeg.collateral);
    });

    for (const [name, fixture, seriesOf] of cases) {
      it(`${name}, one second before its expiry: priced live, the epoch is struck`, async function () {
        const f = await networkHelpers.loadFixture(fixture);
        const [, expiry] = await seriesOf(f);
        await expect(epochAt(f, expiry - 1n))
          .to.emit(f.hedge, "EpochProcessed")
          .and.to.not.emit(f.hedge, "EpochNavBracket");
      });

      it(`${name}, at its expiry second: its final payoff, unknown before a settlement round (no epoch)`, async function () {
        const f = await networkHelpers.loadFixture(fixture);
        const [seriesId, expiry] = await seriesOf(f);
        await expect(epochAt(f, expiry))
          .to.be.revertedWithCustomError(f.hedge, "SettlementRoundMissing")
          .withArgs(seriesId, expiry);
      });
    }
  });
});
