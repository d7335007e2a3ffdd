import { expect } from "chai";
import { network } from "hardhat";
import { makeHedgeFixture, type HedgeFixture, WITH_RESERVE_DRAW, condorStrikes } from "./hedge-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import {
  DAY,
  DEFAULT_CONDOR,
  DEFAULT_HEDGE_SIDE,
  DEFAULT_LAYERS,
  DEFAULT_VAULT_POLICY,
  gridExpiry,
  pts,
  WAD,
  wad,
} from "../../scripts/deploy/hedgeSide.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const base = makeHedgeFixture(connection, WITH_RESERVE_DRAW);
const withTimelock = makeHedgeFixture(connection, {
  ...DEFAULT_HEDGE_SIDE,
  timelockDelay: 2n * DAY,
});
const NAV = usdc(1_000_000n);

async function funded(): Promise<HedgeFixture> {
  const f = await base();
  await f.seed(NAV);
  return f;
}

/** Everything a keeper could change, serialised. */
async function snapshot(f: HedgeFixture): Promise<string> {
  const s = await f.hedge.keeperState();
  const cash = await f.usdc.balanceOf(await f.hedge.getAddress());
  return JSON.stringify([s, cash], (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

describe("HedgeLayerVault: safety", function () {
  it("a hostile keeper: every out-of-bounds action reverts with a named error and nothing changes", async function () {
    const f = await networkHelpers.loadFixture(funded);
    const h = f.hedge.connect(f.keeper);
    const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
    const far = gridExpiry((await f.now()) + 200n * DAY);
    const k = condorStrikes(pts("5000"));
    const cExpiry = gridExpiry((await f.now()) + 30n * DAY);
    const before = await snapshot(f);
    const M = ethers.MaxUint256;

    await expect(h.rollLayer(0n, pts("23"), pts("26"), expiry, WAD, M)).to.be.revertedWithCustomError(
      f.hedge,
      "StrikeOutsideBand",
    );
    await expect(h.rollLayer(0n, low, low + pts("1"), expiry, WAD, M)).to.be.revertedWithCustomError(
      f.hedge,
      "StrikeOutsideBand",
    );
    await expect(h.rollLayer(0n, low, high, far, WAD, M)).to.be.revertedWithCustomError(
      f.hedge,
      "ExpiryOutsideWindow",
    );
    await expect(h.rollLayer(0n, low, high, expiry, 3n * WAD, M))
      .to.be.revertedWithCustomError(f.hedge, "IntensityOutOfBounds")
      .withArgs(3n * WAD, wad("0.5"), 2n * WAD);
    // A premium limit of 1 unit buys a sliver of the layer: less than a quarter of its size is refused.
    await expect(h.rollLayer(0n, low, high, expiry, WAD, 1n)).to.be.revertedWithCustomError(
      f.hedge,
      "LayerBudgetShort",
    );
    await expect(h.rollLayer(7n, low, high, expiry, WAD, M))
      .to.be.revertedWithCustomError(f.hedge, "LayerIndexOutOfRange")
      .withArgs(7n, 3n);
    await expect(h.monetiseLayer(0n)).to.be.revertedWithCustomError(f.hedge, "LayerNotTriggered");
    await expect(h.monetiseLayer(3n))
      .to.be.revertedWithCustomError(f.hedge, "LayerIndexOutOfRange")
      .withArgs(3n, 3n);
    await expect(f.hedge.connect(f.alice).rollLayer(0n, low, high, expiry, WAD, M))
      .to.be.revertedWithCustomError(f.hedge, "AccessControlUnauthorizedAccount")
      .withArgs(f.alice.address, await f.hedge.KEEPER_ROLE());
    await expect(
      h.openCondor([k.put[0], k.put[1] + pts("300")], k.call, cExpiry, 0n),
    ).to.be.revertedWithCustomError(f.hedge, "StrikeOutsideBand");
    await expect(h.openCondor(k.put, k.call, far, 0n)).to.be.revertedWithCustomError(
      f.hedge,
      "ExpiryOutsideWindow",
    );
    await expect(h.openCondor(k.put, k.call, cExpiry, usdc(1_000_000n))).to.be.revertedWithCustomError(
      f.hedge,
      "PremiumBelowFloor",
    );
    await expect(h.closeCondor(0n)).to.be.revertedWithCustomError(f.hedge, "NoCondorOpen");
    expect(await snapshot(f)).to.equal(before);

    // Tighter policies: the budget and the condor's maximum loss bind.
    await f.hedge.setVaultPolicy({ ...DEFAULT_VAULT_POLICY, reserveDraw: 0n });
    await f.hedge.setCondorPolicy({ ...DEFAULT_CONDOR, maxLoss: 0n });
    const tightened = await snapshot(f);
    await expect(h.rollLayer(0n, low, high, expiry, WAD, M)).to.be.revertedWithCustomError(
      f.hedge,
      "LayerBudgetShort",
    );
    await expect(h.openCondor(k.put, k.call, cExpiry, 0n)).to.be.revertedWithCustomError(
      f.hedge,
      "CondorLossAboveMax",
    );
    expect(await snapshot(f)).to.equal(tightened);

    // With a condor open: a side roll out of the band, a second condor, a buy-back above the keeper's limit.
    await f.hedge.setCondorPolicy(DEFAULT_CONDOR);
    await h.openCondor(k.put, k.call, cExpiry, 0n);
    const open = await snapshot(f);
    await expect(
      h.rollCondorSide(true, [k.call[0] + pts("500"), k.call[1] + pts("500")], cExpiry, 0n),
    ).to.be.revertedWithCustomError(f.hedge, "StrikeOutsideBand");
    await expect(h.rollCondorSide(true, k.call, far, 0n)).to.be.revertedWithCustomError(
      f.hedge,
      "ExpiryOutsideWindow",
    );
    await expect(h.openCondor(k.put, k.call, cExpiry, 0n)).to.be.revertedWithCustomError(
      f.hedge,
      "CondorAlreadyOpen",
    );
    await expect(h.closeCondor(1n)).to.be.revertedWithCustomError(f.pool, "PremiumAboveMax");
    expect(await snapshot(f)).to.equal(open);
  });

  it("keeper actions move the vault's cash only to the option pool", async function () {
    const f = await networkHelpers.loadFixture(funded);
    const h = f.hedge.connect(f.keeper);
    const hedgeAddress = await f.hedge.getAddress();
    const allowed = new Set([(await f.pool.getAddress()).toLowerCase()]);
    const k = condorStrikes(pts("5000"));
    const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
    const txs = [
      await h.rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256),
      await h.openCondor(k.put, k.call, gridExpiry((await f.now()) + 30n * DAY), 0n),
      await h.closeCondor(ethers.MaxUint256),
    ];
    let outflows = 0;
    for (const tx of txs) {
      const receipt = (await tx.wait())!;
      for (const log of receipt.logs) {
        const parsed = f.usdc.interface.parseLog(log);
        if (parsed?.name !== "Transfer" || parsed.args[0] !== hedgeAddress) continue;
        expect(allowed.has((parsed.args[1] as string).toLowerCase())).to.equal(true);
        outflows++;
      }
    }
    expect(outflows).to.be.greaterThan(0);
  });

  it("the modules cannot be called directly and lensCall is internal", async function () {
    const f = await networkHelpers.loadFixture(funded);
    const keeperModule = await ethers.getContractAt("HedgeKeeperModule", await f.hedge.keeperModule());
    const lensModule = await ethers.getContractAt("HedgeLensModule", await f.hedge.lensModule());
    const condorModule = await ethers.getContractAt("HedgeCondorModule", await f.hedge.condorModule());
    await expect(keeperModule.monetiseLayer(0n)).to.be.revertedWithCustomError(keeperModule, "NotDelegated");
    await expect(lensModule.navBounds()).to.be.revertedWithCustomError(lensModule, "NotDelegated");
    await expect(condorModule.closeCondor(0n)).to.be.revertedWithCustomError(condorModule, "NotDelegated");
    await expect(f.hedge.lensCall("0x"))
      .to.be.revertedWithCustomError(f.hedge, "NotSelf")
      .withArgs(f.admin.address);
  });

  it("pause stops new risk only: settlement, epochs and redemptions keep working", async function () {
    const f = await networkHelpers.loadFixture(funded);
    const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
    const k = condorStrikes(pts("5000"));
    await f.hedge.connect(f.keeper).openCondor(k.put, k.call, gridExpiry((await f.now()) + 30n * DAY), 0n);
    await expect(f.hedge.connect(f.alice).pause()).to.be.revertedWithCustomError(
      f.hedge,
      "AccessControlUnauthorizedAccount",
    );
    await expect(f.hedge.connect(f.guardian).pause()).to.emit(f.hedge, "Paused");
    const paused = "EnforcedPause";
    await expect(
      f.hedge.connect(f.alice).requestDeposit(1n, f.alice.address, f.alice.address),
    ).to.be.revertedWithCustomError(f.hedge, paused);
    await expect(
      f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256),
    ).to.be.revertedWithCustomError(f.hedge, paused);
    await expect(f.hedge.rollLayerDefault(0n)).to.be.revertedWithCustomError(f.hedge, paused);
    await expect(
      f.hedge.connect(f.keeper).rollCondorSide(true, k.call, gridExpiry((await f.now()) + 30n * DAY), 0n),
    ).to.be.revertedWithCustomError(f.hedge, paused);
    await expect(f.hedge.connect(f.keeper).monetiseLayer(0n)).to.be.revertedWithCustomError(f.hedge, paused);
    await expect(
      f.hedge.connect(f.keeper).openCondor(k.put, k.call, gridExpiry((await f.now()) + 30n * DAY), 0n),
    ).to.be.revertedWithCustomError(f.hedge, paused);
    expect((await f.hedge.defaultLayerTrade(0n))[0]).to.equal(false);
    // Still working: redemption requests, epoch processing, claims, closing risk, settlement.
    const shares = (await f.hedge.balanceOf(f.alice.address)) / 10n;
    await f.hedge.connect(f.alice).requestRedeem(shares, f.alice.address, f.alice.address);
    await f.advance(DAY);
    await expect(f.hedge.processEpoch()).to.emit(f.hedge, "EpochProcessed");
    await f.hedge
      .connect(f.alice)
      .redeem(await f.hedge.maxRedeem(f.alice.address), f.alice.address, f.alice.address);
    await expect(f.hedge.connect(f.keeper).closeCondor(ethers.MaxUint256)).to.emit(
      f.hedge,
      "CondorLegClosed",
    );
    await f.hedge.settleExpired();
    await expect(f.hedge.connect(f.guardian).unpause()).to.be.revertedWithCustomError(
      f.hedge,
      "AccessControlUnauthorizedAccount",
    );
    await expect(f.hedge.unpause()).to.emit(f.hedge, "Unpaused");
  });

  it("redemptions beyond idle + reserve are filled pro rata; the rest waits for the controller's claim", async function () {
    const f = await networkHelpers.loadFixture(funded);
    const k = condorStrikes(pts("5000"));
    await f.hedge.connect(f.keeper).openCondor(k.put, k.call, gridExpiry((await f.now()) + 30n * DAY), 0n);
    const shares = await f.hedge.balanceOf(f.alice.address);
    await f.hedge.connect(f.alice).requestRedeem(shares, f.alice.address, f.alice.address);
    await f.advance(DAY);
    await f.hedge.processEpoch();
    const claimable = await f.hedge.maxRedeem(f.alice.address);
    expect(claimable).to.be.lessThan(shares);
    expect(claimable).to.be.greaterThan((shares * 9n) / 10n);
    const s = await f.hedge.keeperState();
    expect(s.idle).to.equal(0n);
    expect(s.reserveAssets).to.be.lessThan(10n); // drained (rounding dust)
    // The unfilled rest is visible at once, stays in escrow through a claim of the filled part, and is pulled.
    const unfilled = await f.hedge.unfilledRedeemShares(f.alice.address);
    expect(unfilled).to.equal(shares - claimable);
    await f.hedge.connect(f.alice).redeem(claimable, f.alice.address, f.alice.address);
    expect(await f.hedge.balanceOf(f.alice.address)).to.equal(0n);
    await expect(f.hedge.connect(f.alice).claimUnfilledShares(f.alice.address, f.alice.address))
      .to.emit(f.hedge, "UnfilledSharesClaimed")
      .withArgs(f.alice.address, f.alice.address, unfilled);
    expect(await f.hedge.balanceOf(f.alice.address)).to.equal(unfilled);
  });

  describe("governance", function () {
    it("policy changes go through the TimelockController; direct calls revert", async function () {
      const f = await networkHelpers.loadFixture(withTimelock);
      const timelock = f.timelock!;
      const newPolicy = { ...DEFAULT_VAULT_POLICY, reserveMin: wad("0.3") };
      await expect(f.hedge.setVaultPolicy(newPolicy))
        .to.be.revertedWithCustomError(f.hedge, "AccessControlUnauthorizedAccount")
        .withArgs(f.admin.address, ethers.ZeroHash);
      const data = f.hedge.interface.encodeFunctionData("setVaultPolicy", [newPolicy]);
      const target = await f.hedge.getAddress();
      const salt = ethers.id("reserve 30%");
      await expect(
        timelock.connect(f.admin).schedule(target, 0n, data, ethers.ZeroHash, salt, 2n * DAY),
      ).to.be.revertedWithCustomError(timelock, "AccessControlUnauthorizedAccount");
      await timelock.connect(f.multisig).schedule(target, 0n, data, ethers.ZeroHash, salt, 2n * DAY);
      await expect(timelock.execute(target, 0n, data, ethers.ZeroHash, salt)).to.be.revertedWithCustomError(
        timelock,
        "TimelockUnexpectedOperationState",
      );
      await networkHelpers.time.increase(2n * DAY);
      await expect(timelock.connect(f.alice).execute(target, 0n, data, ethers.ZeroHash, salt)).to.emit(
        f.hedge,
        "VaultPolicySet",
      );
      expect((await f.hedge.keeperState()).vaultPolicy.reserveMin).to.equal(wad("0.3"));
    });

    it("every policy field is bounded on set (the error names the field)", async function () {
      const f = await networkHelpers.loadFixture(base);
      const field = (name: string): string => ethers.encodeBytes32String(name);
      await expect(f.hedge.setVaultPolicy({ ...DEFAULT_VAULT_POLICY, reserveMin: WAD }))
        .to.be.revertedWithCustomError(f.hedge, "PolicyFieldOutOfBounds")
        .withArgs(field("vault.reserveMin"), WAD, 0n, wad("0.9"));
      await expect(f.hedge.setVaultPolicy({ ...DEFAULT_VAULT_POLICY, maxIntensity: 4n * WAD }))
        .to.be.revertedWithCustomError(f.hedge, "PolicyFieldOutOfBounds")
        .withArgs(field("vault.maxIntensity"), 4n * WAD, WAD, 3n * WAD);
      await expect(f.hedge.setLayerPolicy(0n, { ...DEFAULT_LAYERS[0]!, otm: wad("0.01") }))
        .to.be.revertedWithCustomError(f.hedge, "PolicyFieldOutOfBounds")
        .withArgs(field("layer.otm"), wad("0.01"), wad("0.05"), wad("1.5"));
      await expect(f.hedge.setLayerPolicy(0n, { ...DEFAULT_LAYERS[0]!, maxPremium: wad("0.5") }))
        .to.be.revertedWithCustomError(f.hedge, "PolicyFieldOutOfBounds")
        .withArgs(field("layer.maxPremium"), wad("0.5"), 0n, wad("0.1"));
      await expect(f.hedge.setLayerPolicy(0n, { ...DEFAULT_LAYERS[0]!, rollWindow: 40n * DAY }))
        .to.be.revertedWithCustomError(f.hedge, "PolicyFieldOutOfBounds")
        .withArgs(field("layer.rollWindow"), 40n * DAY, 3_600n, DEFAULT_LAYERS[0]!.tenorMin - 1n);
      // A layer's tenor window is at least a day wide: tenorMin + 1 day is the lowest tenorMax, one second less is
      // refused.
      const layer0 = DEFAULT_LAYERS[0]!;
      await f.hedge.setLayerPolicy(0n, { ...layer0, tenorMax: layer0.tenorMin + DAY });
      await expect(f.hedge.setLayerPolicy(0n, { ...layer0, tenorMax: layer0.tenorMin + DAY - 1n }))
        .to.be.revertedWithCustomError(f.hedge, "PolicyFieldOutOfBounds")
        .withArgs(field("layer.tenorMax"), layer0.tenorMin + DAY - 1n, layer0.tenorMin + DAY, 365n * DAY);
      await expect(f.hedge.setLayerPolicy(5n, DEFAULT_LAYERS[0]!))
        .to.be.revertedWithCustomError(f.hedge, "LayerIndexOutOfRange")
        .withArgs(5n, 3n);
      await expect(f.hedge.setCondorPolicy({ ...DEFAULT_CONDOR, maxLoss: WAD }))
        .to.be.revertedWithCustomError(f.hedge, "PolicyFieldOutOfBounds")
        .withArgs(field("condor.maxLoss"), WAD, 0n, wad("0.5"));
      await expect(f.hedge.setCondorPolicy({ ...DEFAULT_CONDOR, tenorMax: DAY / 2n }))
        .to.be.revertedWithCustomError(f.hedge, "PolicyFieldOutOfBounds")
        .withArgs(field("condor.tenorMax"), DAY / 2n, DEFAULT_CONDOR.tenorMin + DAY, 180n * DAY);
      await expect(f.hedge.setVaultPolicy({ ...DEFAULT_VAULT_POLICY, coverage: 3n * WAD + 1n }))
        .to.be.revertedWithCustomError(f.hedge, "PolicyFieldOutOfBounds")
        .withArgs(field("vault.coverage"), 3n * WAD + 1n, 0n, 3n * WAD);
      await expect(f.hedge.setVaultPolicy({ ...DEFAULT_VAULT_POLICY, stressDrop: wad("0.009") }))
        .to.be.revertedWithCustomError(f.hedge, "PolicyFieldOutOfBounds")
        .withArgs(field("vault.stressDrop"), wad("0.009"), wad("0.01"), wad("0.5"));
      await expect(f.hedge.setVaultPolicy({ ...DEFAULT_VAULT_POLICY, stressRise: 5n * WAD + 1n }))
        .to.be.revertedWithCustomError(f.hedge, "PolicyFieldOutOfBounds")
        .withArgs(field("vault.stressRise"), 5n * WAD + 1n, wad("0.1"), 5n * WAD);
      await expect(f.hedge.setVaultPolicy({ ...DEFAULT_VAULT_POLICY, reentryDelay: DAY - 1n }))
        .to.be.revertedWithCustomError(f.hedge, "PolicyFieldOutOfBounds")
        .withArgs(field("vault.reentryDelay"), DAY - 1n, DAY, 60n * DAY);
      await expect(f.hedge.setCondorPolicy({ ...DEFAULT_CONDOR, minCredit: wad("0.5") + 1n }))
        .to.be.revertedWithCustomError(f.hedge, "PolicyFieldOutOfBounds")
        .withArgs(field("condor.minCredit"), wad("0.5") + 1n, 0n, wad("0.5"));
      await expect(f.hedge.setLayerPolicy(0n, { ...DEFAULT_LAYERS[0]!, weight: WAD + 1n }))
        .to.be.revertedWithCustomError(f.hedge, "PolicyFieldOutOfBounds")
        .withArgs(field("layer.weight"), WAD + 1n, 0n, WAD);
      // The weights split the ladder's stress payoff: their sum stays at most 1 (0.5 + 0.3 + 0.2 today).
      await expect(f.hedge.setLayerPolicy(1n, { ...DEFAULT_LAYERS[1]!, weight: wad("0.3") + 1n }))
        .to.be.revertedWithCustomError(f.hedge, "LayerWeightsAboveOne")
        .withArgs(1n, WAD + 1n);
      await expect(f.hedge.setLayerPolicy(1n, { ...DEFAULT_LAYERS[0]!, weight: wad("0.3") }))
        .to.emit(f.hedge, "LayerPolicySet")
        .and.not.to.emit(f.hedge, "VaultPolicySet");
      await expect(f.hedge.setCondorPolicy(DEFAULT_CONDOR)).to.emit(f.hedge, "CondorPolicySet");
      await expect(f.hedge.connect(f.keeper).setCondorPolicy(DEFAULT_CONDOR)).to.be.revertedWithCustomError(
        f.hedge,
        "AccessControlUnauthorizedAccount",
      );
    });
  });
});

function anyPositive(value: bigint): boolean {
  return value > 0n;
}
