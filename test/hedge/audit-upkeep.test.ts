// Audit regressions of the upkeep and epochs around expired positions.
// - A position that cannot settle (its settlement round is missing) made `settleExpired` revert, and
//   HedgeUpkeep's performUpkeep with it, so checkUpkeep proposed SETTLE forever: it now fails once and backs off.
// - Issue 14.3: between an expiry and its settlement round, expired positions counted at their worst case
//   (layer 0, leg 0) and the upkeep, after SETTLE backed off, proposed EPOCH: anyone could strike deposits at that
//   depressed NAV (a depositor in that epoch took 1,030,813 for 1,000,000 one epoch later). No epoch is struck
//   now while an expired position lacks its round (`SettlementRoundMissing`), and the upkeep does not propose one.
import { expect } from "chai";
import { network } from "hardhat";
import { condorStrikes, makeHedgeFixture, type HedgeFixture, WITH_RESERVE_DRAW } from "./hedge-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import { DAY, pts, WAD } from "../../scripts/deploy/hedgeSide.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const base = makeHedgeFixture(connection, WITH_RESERVE_DRAW);
const coder = ethers.AbiCoder.defaultAbiCoder();
const [SETTLE, EPOCH, ROLL] = [1n, 2n, 3n];
const NAV = usdc(1_000_000n);

/** A layer and a condor expiring together, then 10 minutes past expiry with the feeds' rounds still missing. */
async function expiredWithoutRound(): Promise<HedgeFixture & { expiry: bigint }> {
  const f = await base();
  await f.seed(NAV);
  const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
  await f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
  const k = condorStrikes(pts("5000"));
  await f.hedge.connect(f.keeper).openCondor(k.put, k.call, expiry, 0n);
  // An epoch struck the day before expiry: the next one is due about 5 minutes after expiry.
  await networkHelpers.time.increaseTo(expiry - DAY + 300n);
  await f.push(f.volFeed, pts("20"));
  await f.push(f.indexFeed, pts("5000"));
  await f.hedge.processEpoch();
  await f.hedge.connect(f.bob).requestDeposit(NAV, f.bob.address, f.bob.address); // for the next epoch
  // The last rounds before expiry (fresh feeds); the reporter is then late.
  await networkHelpers.time.increaseTo(expiry - 120n);
  await f.push(f.volFeed, pts("20"));
  await f.push(f.indexFeed, pts("5000"));
  await networkHelpers.time.increaseTo(expiry + 600n);
  return { ...f, expiry };
}

function action(data: string): bigint {
  return coder.decode(["uint256", "uint256", "uint256"], data)[0] as bigint;
}

describe("HedgeUpkeep and epochs: expired positions without their settlement round", function () {
  it("no epoch strikes a worst-case NAV: processEpoch reverts SettlementRoundMissing, nothing changes", async function () {
    const f = await networkHelpers.loadFixture(expiredWithoutRound);
    expect((await f.hedge.keeperState()).pendingDepositAssets).to.equal(NAV); // Bob's, made before expiry
    const layer = (await f.hedge.keeperState()).layers[0]!;
    // totalAssets shows the worst case meanwhile (informative), but no epoch is struck at it.
    const worst = await f.hedge.totalAssets();
    expect(worst).to.be.lessThan(NAV - usdc(50_000n)); // the condor's collateral counted as lost
    await expect(f.hedge.processEpoch())
      .to.be.revertedWithCustomError(f.hedge, "SettlementRoundMissing")
      .withArgs(layer.seriesId, f.expiry);
    await expect(f.hedge.epochNav()).to.be.revertedWithCustomError(f.hedge, "SettlementRoundMissing");
    expect((await f.hedge.currentEpoch())[0]).to.equal(2n);
    const s = await f.hedge.keeperState();
    expect(s.navOk).to.equal(false);
    expect(s.pendingDepositAssets).to.equal(NAV);

    // The round arrives (10 minutes late): the epoch strikes the true NAV, and Bob's shares are worth his deposit.
    await f.push(f.volFeed, pts("20"));
    await f.push(f.indexFeed, pts("5000"));
    const [low, high] = await f.hedge.epochNav();
    expect(low).to.equal(high);
    expect(low).to.be.greaterThan(worst + usdc(50_000n));
    await expect(f.hedge.processEpoch()).to.emit(f.hedge, "EpochProcessed");
    await f.hedge.connect(f.bob)["deposit(uint256,address,address)"](NAV, f.bob.address, f.bob.address);
    const bobShares = await f.hedge.balanceOf(f.bob.address);
    expect(await f.hedge.convertToAssets(bobShares)).to.be.lessThanOrEqual(NAV);
    expect(await f.hedge.convertToAssets(bobShares)).to.be.greaterThan((NAV * 9_999n) / 10_000n);
  });

  it("the upkeep: SETTLE fails once and backs off; EPOCH is not proposed while the round is missing", async function () {
    const f = await networkHelpers.loadFixture(expiredWithoutRound);
    await networkHelpers.time.increaseTo(f.expiry + 7_200n); // no round within the pool's 1-hour window, ever
    await f.push(f.volFeed, pts("20"));
    await f.push(f.indexFeed, pts("5000"));
    const [, data] = await f.upkeep.checkUpkeep("0x");
    expect(action(data)).to.equal(SETTLE);
    await expect(f.upkeep.performUpkeep(data)).to.emit(f.upkeep, "UpkeepFailed");
    expect(await f.upkeep.nonce()).to.equal(0n);
    // The epoch is due but cannot be struck: the next proposals are the layers' rolls (the expired layer's fails
    // and backs off, the empty layers are bought), never the epoch.
    expect((await f.hedge.keeperState()).navOk).to.equal(false);
    for (;;) {
      const [needed, next] = await f.upkeep.checkUpkeep("0x");
      if (!needed) break;
      expect(action(next)).to.equal(ROLL);
      await f.upkeep.performUpkeep(next);
    }
    const epochData = coder.encode(["uint256", "uint256", "uint256"], [EPOCH, 0n, await f.upkeep.nonce()]);
    await expect(f.upkeep.performUpkeep(epochData)).to.emit(f.upkeep, "UpkeepFailed"); // processEpoch reverts

    // After the pool's grace period, governance settles the series; settlement and the epoch go on.
    await networkHelpers.time.increaseTo(f.expiry + 7n * DAY + 60n);
    await f.push(f.volFeed, pts("20"));
    await f.push(f.indexFeed, pts("5000"));
    const s = await f.hedge.keeperState();
    for (const id of [s.layers[0]!.seriesId, s.putLeg.seriesId, s.callLeg.seriesId]) {
      const series = await f.pool.getSeries(id);
      await f.pool.settleByGovernance(
        id,
        series.feed === (await f.volFeed.getAddress()) ? pts("20") : pts("5000"),
      );
    }
    expect((await f.hedge.keeperState()).navOk).to.equal(true);
    const [, settle] = await f.upkeep.checkUpkeep("0x");
    expect(action(settle)).to.equal(SETTLE);
    await expect(f.upkeep.performUpkeep(settle)).to.emit(f.hedge, "PositionSettled");
    const [, epoch] = await f.upkeep.checkUpkeep("0x");
    expect(action(epoch)).to.equal(EPOCH);
    await expect(f.upkeep.performUpkeep(epoch)).to.emit(f.hedge, "EpochProcessed");
  });
});
