// The lens module (the vault's views and its two policy setters, run by delegatecall) at the edges the mutation run
// (issue 17) probes: a position counted as expired from its expiry second and not one second before, each of the
// vault's layers and both condor legs counted, pending requests summed over the open epoch and the next one, the
// intensity range and the layer weights accepted at their limits and refused one unit beyond, and every entry point
// refused when the module is called directly.
import { expect } from "chai";
import { network } from "hardhat";
import {
  makeHedgeFixture,
  type HedgeFixture,
  WITH_RESERVE_DRAW,
  buyDefaultLayer,
  sellDefaultCondor,
} from "./hedge-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import { DAY, DEFAULT_LAYERS, DEFAULT_VAULT_POLICY, WAD } from "../../scripts/deploy/hedgeSide.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const base = makeHedgeFixture(connection, WITH_RESERVE_DRAW); // a draw on the NAV funds the first layers
const NAV = usdc(1_000_000n);

async function funded(): Promise<HedgeFixture> {
  const f = await base();
  await f.seed(NAV);
  return f;
}

/** The vault's last layer (the default side has three) bought at its default trade. */
async function withLastLayer(): Promise<HedgeFixture> {
  const f = await funded();
  await buyDefaultLayer(f, BigInt(DEFAULT_LAYERS.length - 1));
  return f;
}

async function withCondor(): Promise<HedgeFixture> {
  const f = await funded();
  await sellDefaultCondor(f);
  return f;
}

describe("HedgeLensModule: the vault's views and policy setters at their edges", function () {
  describe("expiredPositions: from the expiry second on, not one second before", function () {
    // A view runs at the latest block's timestamp: a block mined at `t` puts the view at `t`.
    it("the last layer: 0 at expiry - 1, 1 at expiry", async function () {
      const f = await networkHelpers.loadFixture(withLastLayer);
      const { expiry } = (await f.hedge.keeperState()).layers[DEFAULT_LAYERS.length - 1]!;
      await networkHelpers.time.increaseTo(expiry - 1n);
      expect(await f.hedge.expiredPositions()).to.equal(0n);
      await networkHelpers.time.increaseTo(expiry);
      expect(await f.hedge.expiredPositions()).to.equal(1n);
    });

    it("both condor legs: 0 at expiry - 1, 2 at expiry", async function () {
      const f = await networkHelpers.loadFixture(withCondor);
      const { putLeg, callLeg } = await f.hedge.keeperState();
      expect(callLeg.expiry).to.equal(putLeg.expiry);
      await networkHelpers.time.increaseTo(putLeg.expiry - 1n);
      expect(await f.hedge.expiredPositions()).to.equal(0n);
      await networkHelpers.time.increaseTo(putLeg.expiry);
      expect(await f.hedge.expiredPositions()).to.equal(2n);
    });
  });

  it("keeperState: the last layer is reported, and pending requests sum the open epoch's and the next one's", async function () {
    const f = await networkHelpers.loadFixture(withLastLayer);
    const last = DEFAULT_LAYERS.length - 1;
    expect((await f.hedge.keeperState()).layers[last]!.size).to.be.greaterThan(0n);
    const shares = (await f.hedge.balanceOf(f.alice.address)) / 100n;
    await f.hedge.connect(f.bob).requestDeposit(usdc(300n), f.bob.address, f.bob.address);
    await f.hedge.connect(f.alice).requestRedeem(shares, f.alice.address, f.alice.address);
    await f.advance(DAY); // the epoch is due: what comes now waits for the next one
    await f.hedge.connect(f.bob).requestDeposit(usdc(20n), f.bob.address, f.bob.address);
    await f.hedge.connect(f.alice).requestRedeem(7n, f.alice.address, f.alice.address);
    const s = await f.hedge.keeperState();
    expect(s.pendingDepositAssets).to.equal(usdc(320n));
    expect(s.pendingRedeemShares).to.equal(shares + 7n);
  });

  it("setVaultPolicy accepts minIntensity = maxIntensity (both 1, where their policy ranges meet)", async function () {
    // HedgePolicy bounds minIntensity to [0.1, 1] and maxIntensity to [1, 3]: min > max cannot reach the setter's
    // own check, so equal is the one edge left to test.
    const f = await networkHelpers.loadFixture(funded);
    await expect(
      f.hedge.setVaultPolicy({ ...DEFAULT_VAULT_POLICY, minIntensity: WAD, maxIntensity: WAD }),
    ).to.emit(f.hedge, "VaultPolicySet");
    const { vaultPolicy } = await f.hedge.keeperState();
    expect([vaultPolicy.minIntensity, vaultPolicy.maxIntensity]).to.deep.equal([WAD, WAD]);
  });

  describe("setLayerPolicy: the weights of all layers sum to at most 1", function () {
    it("accepts a sum of exactly 1, refuses 1 + 1e-18 (counting every other layer, the last included)", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const weights = DEFAULT_LAYERS.map((l) => l.weight);
      expect(weights.reduce((a, b) => a + b, 0n)).to.equal(WAD); // 0.5 + 0.3 + 0.2
      const first = DEFAULT_LAYERS[0]!;
      await expect(f.hedge.setLayerPolicy(0n, first)).to.emit(f.hedge, "LayerPolicySet");
      await expect(f.hedge.setLayerPolicy(0n, { ...first, weight: first.weight + 1n }))
        .to.be.revertedWithCustomError(f.hedge, "LayerWeightsAboveOne")
        .withArgs(0n, WAD + 1n);
    });
  });

  it("every entry point of the module refuses a direct call (NotDelegated)", async function () {
    const f = await networkHelpers.loadFixture(funded);
    const lens = await ethers.getContractAt("HedgeLensModule", await f.hedge.lensModule());
    const calls: [string, () => Promise<unknown>][] = [
      ["navBounds", () => lens.navBounds()],
      ["epochNav", () => lens.epochNav()],
      ["defaultLayerTrade", () => lens.defaultLayerTrade(0n)],
      ["expiredPositions", () => lens.expiredPositions()],
      ["keeperState", () => lens.keeperState()],
      ["setVaultPolicy", () => lens.setVaultPolicy(DEFAULT_VAULT_POLICY)],
      ["setLayerPolicy", () => lens.setLayerPolicy(0n, DEFAULT_LAYERS[0]!)],
    ];
    for (const [name, call] of calls) {
      await expect(call(), name).to.be.revertedWithCustomError(lens, "NotDelegated");
    }
  });
});
