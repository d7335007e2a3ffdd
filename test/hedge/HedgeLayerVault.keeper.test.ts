import { expect } from "chai";
import { network } from "hardhat";
import { anyUint } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import {
  makeHedgeFixture,
  type HedgeFixture,
  WITH_RESERVE_DRAW,
  condorStrikes,
  condorExpiry,
} from "./hedge-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import {
  DAY,
  DEFAULT_VAULT_POLICY,
  DEFAULT_CONDOR,
  gridExpiry,
  pts,
  WAD,
  wad,
} from "../../scripts/deploy/hedgeSide.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const base = makeHedgeFixture(connection, WITH_RESERVE_DRAW);
const NAV = usdc(1_000_000n);

/** The hedge side with 1,000,000 USDC deposited and struck. */
async function funded(): Promise<HedgeFixture> {
  const f = await base();
  await f.seed(NAV);
  return f;
}

async function rollDefault(f: HedgeFixture, layer: bigint): Promise<void> {
  const [, low, high, expiry] = await f.hedge.defaultLayerTrade(layer);
  await f.hedge.connect(f.keeper).rollLayer(layer, low, high, expiry, WAD, ethers.MaxUint256);
}

describe("HedgeLayerVault: keeper actions", function () {
  describe("rollLayer", function () {
    it("buys the first layer at the on-chain quote, inside the policy", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const [due, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
      expect(due).to.equal(true);
      expect(low).to.equal(pts("23")); // 20 x 1.15
      expect(high).to.equal(pts("26")); // + 20 x 0.15
      const idleBefore = (await f.hedge.keeperState()).idle;
      const tx = f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
      const size = (NAV * 3n * 10n ** 29n) / pts("20"); // 0.3 x NAV x 1e30 / vol
      await expect(tx).to.emit(f.hedge, "LayerRolled");
      await expect(tx).to.emit(f.pool, "Traded");
      const s = await f.hedge.keeperState();
      expect(s.layers[0]!.size).to.equal(size);
      expect(s.layers[0]!.strikeLow).to.equal(low);
      expect(s.layers[0]!.expiry).to.equal(expiry);
      expect(s.layerNet).to.be.greaterThan(0n);
      expect(s.idle).to.equal(idleBefore - BigInt(s.layerNet));
      expect(s.layerNet).to.be.lessThanOrEqual((NAV * 2n) / 100n);
      expect(await f.hedge.totalAssets()).to.be.lessThan(NAV); // the spread between ask and bid
      // The NAV marks the layer exactly at the pool's bid.
      const [, bid] = await f.pool.quote(s.layers[0]!.seriesId, size);
      expect(await f.hedge.totalAssets()).to.equal(s.idle + s.reserveAssets + bid);
      expect(await f.hedge.totalAssets()).to.be.greaterThan((NAV * 99n) / 100n);
    });

    it("rolls only inside the roll window and outside the cooldown, closing the old layer", async function () {
      const f = await networkHelpers.loadFixture(funded);
      await rollDefault(f, 0n);
      const layer = (await f.hedge.keeperState()).layers[0]!;
      const [due, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
      expect(due).to.equal(false);
      await expect(f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256))
        .to.be.revertedWithCustomError(f.hedge, "LayerInCooldown")
        .withArgs(0n, layer.lastRoll + DAY);
      await f.advance(DAY);
      const [, low2, high2, expiry2] = await f.hedge.defaultLayerTrade(0n);
      await expect(f.hedge.connect(f.keeper).rollLayer(0n, low2, high2, expiry2, WAD, ethers.MaxUint256))
        .to.be.revertedWithCustomError(f.hedge, "LayerRollNotDue")
        .withArgs(0n, layer.expiry - 7n * DAY);
      await networkHelpers.time.increaseTo(layer.expiry - 7n * DAY);
      await f.advance(60n);
      const [due3, low3, high3, expiry3] = await f.hedge.defaultLayerTrade(0n);
      expect(due3).to.equal(true);
      await expect(
        f.hedge.connect(f.keeper).rollLayer(0n, low3, high3, expiry3, WAD, ethers.MaxUint256),
      ).to.emit(f.pool, "Traded");
      const after = (await f.hedge.keeperState()).layers[0]!;
      expect(after.expiry).to.equal(expiry3);
      const token = await ethers.getContractAt("OptionToken", await f.pool.optionToken());
      expect(await token.balanceOf(await f.hedge.getAddress(), layer.seriesId)).to.equal(0n);
    });

    it("monetises a layer only above its trigger", async function () {
      const f = await networkHelpers.loadFixture(funded);
      await rollDefault(f, 0n);
      await f.advance(DAY);
      const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
      const level = pts("23") + (pts("3") * 8n) / 10n; // strikeLow + 0.8 x width
      await expect(f.hedge.connect(f.keeper).monetiseLayer(0n, low, high, expiry, WAD, ethers.MaxUint256))
        .to.be.revertedWithCustomError(f.hedge, "LayerNotTriggered")
        .withArgs(0n, pts("20"), level);
      await f.push(f.volFeed, pts("30"));
      const [, low2, high2, expiry2] = await f.hedge.defaultLayerTrade(0n);
      const navBefore = await f.hedge.totalAssets();
      await expect(f.hedge.connect(f.keeper).monetiseLayer(0n, low2, high2, expiry2, WAD, ethers.MaxUint256))
        .to.emit(f.hedge, "LayerRolled")
        .withArgs(0n, anyUint, anyUint, anyUint, anyUint, anyUint, true);
      expect(await f.hedge.totalAssets()).to.be.greaterThan((navBefore * 98n) / 100n);
      expect((await f.hedge.keeperState()).layers[0]!.strikeLow).to.equal(pts("34.5"));
    });

    it("rollLayerDefault lets anyone run the policy-default roll when due", async function () {
      const f = await networkHelpers.loadFixture(funded);
      await expect(f.hedge.connect(f.alice).rollLayerDefault(1n)).to.emit(f.hedge, "LayerRolled");
      await expect(f.hedge.connect(f.alice).rollLayerDefault(1n)).to.be.revertedWithCustomError(
        f.hedge,
        "LayerRollNotDue",
      );
    });
  });

  describe("condor", function () {
    it("opens, rolls its tested side and closes", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const k = condorStrikes(pts("5000"));
      const expiry = await condorExpiry(f);
      const tx = f.hedge.connect(f.keeper).openCondor(k.put, k.call, expiry, 0n);
      await expect(tx).to.emit(f.hedge, "CondorLegOpened");
      const s = await f.hedge.keeperState();
      expect(s.putLeg.size).to.equal((NAV * 10n ** 30n) / pts("5000"));
      expect(s.callLeg.strikeLow).to.equal(k.call[0]);
      expect(s.condorNet).to.be.greaterThan(0n);
      expect(s.condorOpens).to.equal(1n);
      expect(s.putLeg.collateral).to.equal(usdc(30_000n)); // 0.03 x 5000 x 200 contracts
      // The NAV marks each leg at collateral - the pool's ask.
      const [putAsk] = await f.pool.quote(s.putLeg.seriesId, s.putLeg.size);
      const [callAsk] = await f.pool.quote(s.callLeg.seriesId, s.callLeg.size);
      expect(await f.hedge.totalAssets()).to.equal(
        s.idle + s.reserveAssets + s.putLeg.collateral - putAsk + s.callLeg.collateral - callAsk,
      );
      expect(await f.hedge.totalAssets()).to.be.greaterThan((NAV * 99n) / 100n);

      await expect(
        f.hedge.connect(f.keeper).openCondor(k.put, k.call, expiry, 0n),
      ).to.be.revertedWithCustomError(f.hedge, "CondorAlreadyOpen");
      // The index rallies: roll the tested call side higher.
      await f.push(f.indexFeed, pts("5150"));
      const k2 = condorStrikes(pts("5150"));
      await expect(f.hedge.connect(f.keeper).rollCondorSide(true, k2.call, 0n))
        .to.emit(f.hedge, "CondorLegClosed")
        .and.to.emit(f.hedge, "CondorLegOpened");
      expect((await f.hedge.keeperState()).callLeg.strikeLow).to.equal(k2.call[0]);
      await expect(f.hedge.connect(f.keeper).closeCondor(1n)).to.be.revertedWithCustomError(
        f.pool,
        "PremiumAboveMax",
      );
      await expect(f.hedge.connect(f.keeper).closeCondor(ethers.MaxUint256)).to.emit(
        f.hedge,
        "CondorLegClosed",
      );
      const end = await f.hedge.keeperState();
      expect(end.putLeg.size + end.callLeg.size).to.equal(0n);
      await expect(f.hedge.connect(f.keeper).closeCondor(0n)).to.be.revertedWithCustomError(
        f.hedge,
        "NoCondorOpen",
      );
      await expect(f.hedge.connect(f.keeper).rollCondorSide(false, k.put, 0n)).to.be.revertedWithCustomError(
        f.hedge,
        "NoCondorOpen",
      );
    });

    it("settles expired positions (anyone) at their payoff", async function () {
      const f = await networkHelpers.loadFixture(funded);
      await rollDefault(f, 0n);
      const k = condorStrikes(pts("5000"));
      // The layer's default expiry (~31 days) lies in the condor's window: one settlement round for all three.
      const expiry = (await f.hedge.keeperState()).layers[0]!.expiry;
      await f.hedge.connect(f.keeper).openCondor(k.put, k.call, expiry, 0n);
      expect(await f.hedge.expiredPositions()).to.equal(0n);
      await networkHelpers.time.increaseTo(expiry + 60n);
      await f.push(f.indexFeed, pts("4700")); // the put spread pays 50 points of its 150
      await f.push(f.volFeed, pts("20"));
      expect(await f.hedge.expiredPositions()).to.equal(3n); // layer 1 and both legs
      const navExpired = await f.hedge.totalAssets(); // at the payoffs the settlement rounds fix
      await expect(f.hedge.connect(f.alice).settleExpired())
        .to.emit(f.hedge, "CondorLegClosed")
        .and.to.emit(f.hedge, "PositionSettled");
      expect(await f.hedge.expiredPositions()).to.equal(0n);
      const s = await f.hedge.keeperState();
      expect(s.putLeg.size).to.equal(0n);
      expect(await f.hedge.totalAssets()).to.equal(navExpired); // settling turns marks into cash, no jump
      expect(await f.hedge.connect(f.alice).settleExpired.staticCall()).to.equal(0n);
    });
  });
});
