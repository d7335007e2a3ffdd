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
      expect(low).to.equal(pts("25")); // 20 x 1.25
      expect(high).to.equal(pts("28")); // + 20 x 0.15
      const idleBefore = (await f.hedge.keeperState()).idle;
      const tx = f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
      // The ladder sized to the condor: its loss with the index down 10 % is 1,000,000 x 1 x min(10 % - 5 %, 3 %)
      // = 30,000; L1 carries half of it; with the volatility index up 100 % (40) the 25/28 spread pays its width 3.
      const size = (usdc(15_000n) * 10n ** 30n) / pts("3");
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

    it("sizes the layer from the condor's stress loss: coverage, the stress scenario and the intensity", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
      const sizeWith = async (policy: typeof DEFAULT_VAULT_POLICY, intensity = WAD): Promise<bigint> => {
        const snap = await networkHelpers.takeSnapshot();
        await f.hedge.setVaultPolicy(policy);
        await f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, intensity, ethers.MaxUint256);
        const size = (await f.hedge.keeperState()).layers[0]!.size;
        await snap.restore();
        return size;
      };
      const p = { ...DEFAULT_VAULT_POLICY, reserveDraw: wad("0.05") };
      const unit = (cash: bigint, points: string) => (usdc(cash) * 10n ** 30n) / pts(points);
      expect(await sizeWith({ ...p, coverage: WAD / 2n })).to.equal(unit(7_500n, "3"));
      expect(await sizeWith(p, wad("1.5"))).to.equal(unit(22_500n, "3"));
      // Down 7 %: the put spread is 2 % in, 20,000 lost; up 35 % (27): the 25/28 spread pays 2 a contract.
      expect(await sizeWith({ ...p, stressDrop: wad("0.07") })).to.equal(unit(10_000n, "3"));
      expect(await sizeWith({ ...p, stressRise: wad("0.35") })).to.equal(unit(15_000n, "2"));
    });

    it("SizeZero when the stress scenario misses the spread or the condor's puts", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
      const roll = () => f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
      await f.hedge.setVaultPolicy({ ...WITH_RESERVE_DRAW.vaultPolicy, stressRise: wad("0.25") }); // 25 = 20 x 1.25: pays nothing
      await expect(roll()).to.be.revertedWithCustomError(f.hedge, "SizeZero");
      await f.hedge.setVaultPolicy({ ...WITH_RESERVE_DRAW.vaultPolicy, stressDrop: wad("0.05") }); // = putDistance
      await expect(roll()).to.be.revertedWithCustomError(f.hedge, "SizeZero");
      await f.hedge.setVaultPolicy({ ...WITH_RESERVE_DRAW.vaultPolicy, coverage: 0n });
      await expect(roll()).to.be.revertedWithCustomError(f.hedge, "SizeZero");
    });

    it("a keeper premium limit cuts the size to what it pays at the ask (never under a quarter)", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
      const target = (usdc(15_000n) * 10n ** 30n) / pts("3");
      const snap = await networkHelpers.takeSnapshot();
      await f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
      const full = BigInt((await f.hedge.keeperState()).layerNet);
      await snap.restore();
      await networkHelpers.time.setNextBlockTimestamp((await f.now()) + 1n);
      await f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, full / 2n);
      const s = await f.hedge.keeperState();
      expect(BigInt(s.layerNet)).to.be.lessThanOrEqual(full / 2n);
      expect(s.layers[0]!.size * 2n).to.be.closeTo(target, target / 1_000n);
      expect(s.layers[0]!.size * 4n).to.be.greaterThanOrEqual(target);
    });
  });

  describe("monetisation and re-entry (no buying at the top)", function () {
    /** Funded, L1 held (25/28), a day later. */
    async function withLayer(): Promise<HedgeFixture> {
      const f = await funded();
      await rollDefault(f, 0n);
      await f.advance(DAY);
      return f;
    }
    const monetised = async (): Promise<HedgeFixture> => {
      const f = await withLayer();
      await f.push(f.volFeed, pts("30"));
      await f.hedge.connect(f.keeper).monetiseLayer(0n);
      return f;
    };
    /** The volatility surface with its 30-day forward `factor` (0.9: backwardation; 1.05: contango). */
    const curve = (factor: string) => [
      { tenor: 30n * DAY, forwardFactor: wad(factor), atmVol: wad("0.8"), skew: 0n, curvature: 0n },
    ];

    it("monetises only above the trigger, sells the layer and buys nothing", async function () {
      const f = await networkHelpers.loadFixture(withLayer);
      const layer = (await f.hedge.keeperState()).layers[0]!;
      const level = pts("25") + (pts("3") * 8n) / 10n; // strikeLow + 0.8 x width
      await expect(f.hedge.connect(f.keeper).monetiseLayer(0n))
        .to.be.revertedWithCustomError(f.hedge, "LayerNotTriggered")
        .withArgs(0n, pts("20"), level);
      await f.push(f.volFeed, pts("30"));
      const navBefore = await f.hedge.totalAssets();
      const idleBefore = (await f.hedge.keeperState()).idle;
      // Quoted a block earlier than the sale: the bid moves a little in between (towards the spread's intrinsic).
      const [, bid] = await f.pool.quote(layer.seriesId, layer.size);
      const tx = f.hedge.connect(f.keeper).monetiseLayer(0n);
      await expect(tx)
        .to.emit(f.hedge, "LayerMonetised")
        .withArgs(
          0n,
          layer.seriesId,
          layer.size,
          (v: bigint) => v * 1_000n > bid * 999n && v * 999n < bid * 1_000n,
          pts("25"),
        );
      await expect(tx).not.to.emit(f.hedge, "LayerRolled");
      await expect(tx).to.emit(f.hedge, "BudgetWindowUpdated");
      const [event] = await f.hedge.queryFilter(f.hedge.filters.LayerMonetised(0n), -1);
      const proceeds = event!.args.proceeds;
      const s = await f.hedge.keeperState();
      expect(s.layers[0]!.size).to.equal(0n);
      expect(s.layers[0]!.reentryLevel).to.equal(pts("25"));
      expect(s.idle).to.equal(idleBefore + proceeds);
      // Marked at the bid it was sold at: the NAV moves only by the bid's move between the two blocks.
      const moved = proceeds > bid ? proceeds - bid : bid - proceeds;
      expect(await f.hedge.totalAssets()).to.be.closeTo(navBefore, moved + 1n);
      await expect(f.hedge.connect(f.keeper).monetiseLayer(0n))
        .to.be.revertedWithCustomError(f.hedge, "LayerNotTriggered")
        .withArgs(0n, pts("30"), level);
    });

    it("re-entry waits for the delay, then for the index back under the sold strike or contango", async function () {
      const f = await networkHelpers.loadFixture(monetised);
      const h = f.hedge.connect(f.keeper);
      const soldAt = (await f.hedge.keeperState()).layers[0]!.lastRoll;
      const availableAt = soldAt + DEFAULT_VAULT_POLICY.reentryDelay;
      await f.pushSurface(f.volFeed, curve("0.9")); // the spike's backwardation
      await f.advance(DAY); // past the cooldown, inside the re-entry delay
      const buy = async () => {
        const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
        return h.rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
      };
      await expect(buy())
        .to.be.revertedWithCustomError(f.hedge, "LayerReentryBlocked")
        .withArgs(0n, pts("30"), pts("25"), wad("0.9"), availableAt);
      expect((await f.hedge.defaultLayerTrade(0n))[0]).to.equal(false); // nor the upkeep
      await networkHelpers.time.increaseTo(availableAt);
      await f.advance(60n);
      // The delay is over but the index is still high and the curve in backwardation: still blocked.
      await expect(buy()).to.be.revertedWithCustomError(f.hedge, "LayerReentryBlocked");
      const snap = await networkHelpers.takeSnapshot();
      // The index back at the sold spread's lower strike: allowed.
      await f.push(f.volFeed, pts("25"));
      expect((await f.hedge.defaultLayerTrade(0n))[0]).to.equal(true);
      await expect(buy()).to.emit(f.hedge, "LayerRolled");
      expect((await f.hedge.keeperState()).layers[0]!.reentryLevel).to.equal(0n);
      await snap.restore();
      // Or the index still high but the curve back in contango: allowed.
      await f.pushSurface(f.volFeed, curve("1.05"));
      await expect(buy()).to.emit(f.hedge, "LayerRolled");
    });

    it("a re-entry is never boosted: an intensity above 1 is refused", async function () {
      const f = await networkHelpers.loadFixture(monetised);
      await f.advance(DEFAULT_VAULT_POLICY.reentryDelay);
      await f.push(f.volFeed, pts("20"));
      const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
      await expect(f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD + 1n, ethers.MaxUint256))
        .to.be.revertedWithCustomError(f.hedge, "IntensityOutOfBounds")
        .withArgs(WAD + 1n, wad("0.5"), WAD);
      await expect(
        f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256),
      ).to.emit(f.hedge, "LayerRolled");
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
    it("marks a leg at its posted collateral to the unit, also when size x width is not a whole unit", async function () {
      const f = await base();
      await f.seed(NAV - 7n); // 999,999.999993 USDC: the condor's size is not a round number of contracts
      const k = condorStrikes(pts("5000"));
      await f.hedge.connect(f.keeper).openCondor(k.put, k.call, await condorExpiry(f), 0n);
      const s = await f.hedge.keeperState();
      const scale = 10n ** 30n; // cashScale for 6 decimals
      for (const leg of [s.putLeg, s.callLeg]) {
        const points = leg.size * (leg.strikeHigh - leg.strikeLow);
        expect(points % scale).to.not.equal(0n); // the collateral was rounded up when posted
        expect(leg.collateral).to.equal((points + scale - 1n) / scale);
      }
      const [putAsk] = await f.pool.quote(s.putLeg.seriesId, s.putLeg.size);
      const [callAsk] = await f.pool.quote(s.callLeg.seriesId, s.callLeg.size);
      expect(await f.hedge.totalAssets()).to.equal(
        s.idle + s.reserveAssets + s.putLeg.collateral - putAsk + s.callLeg.collateral - callAsk,
      );
    });

    it("opens, rolls its tested side out in time and closes", async function () {
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
      // The premium pays for the risk: at least minCredit (5 %) of the larger collateral.
      expect(s.condorNet * 20n).to.be.greaterThanOrEqual(usdc(30_000n));
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
      // The index rallies: roll the tested call side higher and out to a later expiry.
      await f.push(f.indexFeed, pts("5150"));
      const k2 = condorStrikes(pts("5150"));
      const later = gridExpiry((await f.now()) + 39n * DAY);
      const roll = f.hedge.connect(f.keeper).rollCondorSide(true, k2.call, later, 0n);
      await expect(roll).to.emit(f.hedge, "CondorLegClosed").and.to.emit(f.hedge, "CondorLegOpened");
      await expect(roll).not.to.emit(f.hedge, "CondorSideClosed");
      const rolled = await f.hedge.keeperState();
      expect([rolled.callLeg.strikeLow, rolled.callLeg.expiry, rolled.putLeg.expiry]).to.deep.equal([
        k2.call[0],
        later,
        expiry,
      ]);
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
      await expect(
        f.hedge.connect(f.keeper).rollCondorSide(false, k.put, expiry, 0n),
      ).to.be.revertedWithCustomError(f.hedge, "NoCondorOpen");
    });

    it("a tested side whose new spread does not pay minCredit x its collateral is closed, not re-sold", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const k = condorStrikes(pts("5000"));
      const expiry = await condorExpiry(f);
      await f.hedge.connect(f.keeper).openCondor(k.put, k.call, expiry, 0n);
      const s0 = await f.hedge.keeperState();
      // A call spread 4 % out for 20 days in a 5 % volatility world pays next to nothing: below 30 % of 30,000.
      await f.hedge.setCondorPolicy({ ...DEFAULT_CONDOR, minCredit: wad("0.3") });
      await f.pushSurface(f.indexFeed, [
        { tenor: 30n * DAY, forwardFactor: WAD, atmVol: wad("0.05"), skew: 0n, curvature: 0n },
      ]);
      const tx = f.hedge
        .connect(f.keeper)
        .rollCondorSide(true, k.call, gridExpiry((await f.now()) + 20n * DAY), 0n);
      await expect(tx)
        .to.emit(f.hedge, "CondorSideClosed")
        .withArgs(true, (v: bigint) => v < usdc(9_000n), usdc(9_000n));
      await expect(tx).to.emit(f.hedge, "CondorLegClosed");
      await expect(tx).not.to.emit(f.hedge, "CondorLegOpened");
      const s = await f.hedge.keeperState();
      expect(s.callLeg.size).to.equal(0n);
      expect(s.putLeg.size).to.equal(s0.putLeg.size); // the other side runs on
      expect(s.condorOpens).to.equal(s0.condorOpens); // no sale counted
      // The keeper's own floor works the same way.
      await f.hedge.setCondorPolicy(DEFAULT_CONDOR);
      await expect(f.hedge.connect(f.keeper).rollCondorSide(false, k.put, expiry, usdc(1_000_000n))).to.emit(
        f.hedge,
        "CondorSideClosed",
      );
    });

    it("openCondor sells only the missing side while the other (rolled out) runs", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const k = condorStrikes(pts("5000"));
      const expiry = await condorExpiry(f);
      await f.hedge.connect(f.keeper).openCondor(k.put, k.call, expiry, 0n);
      await f.hedge.setCondorPolicy({ ...DEFAULT_CONDOR, minCredit: wad("0.5") });
      await f.hedge.connect(f.keeper).rollCondorSide(true, k.call, expiry, 0n); // closed: nothing pays 50 %
      await f.hedge.setCondorPolicy(DEFAULT_CONDOR);
      const put = (await f.hedge.keeperState()).putLeg;
      const later = gridExpiry((await f.now()) + 35n * DAY);
      const tx = f.hedge.connect(f.keeper).openCondor(k.put, k.call, later, 0n);
      await expect(tx).to.emit(f.hedge, "CondorLegOpened").withArgs(true, anyUint, anyUint, anyUint, anyUint);
      const s = await f.hedge.keeperState();
      expect(s.putLeg).to.deep.equal(put); // untouched
      expect([s.callLeg.strikeLow, s.callLeg.expiry]).to.deep.equal([k.call[0], later]);
      expect(s.condorOpens).to.equal(2n);
    });

    it("CondorCreditBelowMin: a condor whose premium is below minCredit x its larger collateral", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const k = condorStrikes(pts("5000"));
      await f.hedge.setCondorPolicy({ ...DEFAULT_CONDOR, minCredit: wad("0.5") });
      await expect(f.hedge.connect(f.keeper).openCondor(k.put, k.call, await condorExpiry(f), 0n))
        .to.be.revertedWithCustomError(f.hedge, "CondorCreditBelowMin")
        .withArgs((v: bigint) => v < usdc(15_000n), usdc(15_000n));
      expect((await f.hedge.keeperState()).putLeg.size).to.equal(0n);
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
