// Audit regression: an expired position whose settlement round exists is marked at the payoff the pool's
// `settle` will fix. It used to count at the worst case (layer 0, leg 0) until someone called `settleExpired`,
// so anyone could call the permissionless `processEpoch` in that window and strike the epoch's deposits at a
// NAV missing the condor collateral and the layers' value (cheap shares, paid for by the existing holders).
import { expect } from "chai";
import { network } from "hardhat";
import { condorStrikes, makeHedgeFixture, type HedgeFixture, WITH_RESERVE_DRAW } from "./hedge-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import { pts, WAD } from "../../scripts/deploy/hedgeSide.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const base = makeHedgeFixture(connection, WITH_RESERVE_DRAW);
const NAV = usdc(1_000_000n);

async function expiredBook(): Promise<HedgeFixture & { expiry: bigint }> {
  const f = await base();
  await f.seed(NAV);
  const [, low, high, layerExpiry] = await f.hedge.defaultLayerTrade(0n);
  await f.hedge.connect(f.keeper).rollLayer(0n, low, high, layerExpiry, WAD, ethers.MaxUint256);
  const k = condorStrikes(pts("5000"));
  const expiry = layerExpiry; // inside the condor's tenor window: one settlement round serves all three
  await f.hedge.connect(f.keeper).openCondor(k.put, k.call, expiry, 0n);
  await networkHelpers.time.increaseTo(expiry + 60n);
  await f.push(f.indexFeed, pts("4700")); // the put spread pays 50 points of its 150
  await f.push(f.volFeed, pts("30")); // the layer pays
  return { ...f, expiry };
}

describe("HedgeLayerVault audit: NAV of expired positions before settleExpired", function () {
  it("settleExpired does not move the NAV once the settlement rounds exist", async function () {
    const f = await networkHelpers.loadFixture(expiredBook);
    expect(await f.hedge.expiredPositions()).to.equal(3n); // layer 0 and both condor legs
    const before = await f.hedge.totalAssets();
    await f.hedge.connect(f.alice).settleExpired();
    expect(await f.hedge.expiredPositions()).to.equal(0n);
    expect(await f.hedge.totalAssets()).to.equal(before);
  });

  it("a layer in the pool's trading cutoff keeps its model mark (no 5-minute NAV drop)", async function () {
    const f = await base();
    await f.seed(NAV);
    const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
    await f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
    await networkHelpers.time.increaseTo(expiry - 600n);
    await f.push(f.volFeed, pts("30")); // deep in the money: the layer is worth most of its width
    const outside = await f.hedge.totalAssets();
    await networkHelpers.time.increaseTo(expiry - 120n); // inside the 5-minute cutoff
    await f.push(f.volFeed, pts("30"));
    const inside = await f.hedge.totalAssets();
    const s = await f.hedge.keeperState();
    expect(inside).to.be.greaterThan(s.idle + s.reserveAssets);
    expect(inside).to.be.greaterThanOrEqual((outside * 999n) / 1000n);
  });

  it("processEpoch before or after settleExpired strikes the same deposit price", async function () {
    const f = await networkHelpers.loadFixture(expiredBook);
    await f.hedge.connect(f.bob).requestDeposit(usdc(100_000n), f.bob.address, f.bob.address);
    const epochBefore = await f.hedge.processEpoch.staticCall(); // the NAV the epoch would strike now
    await f.hedge.connect(f.alice).settleExpired();
    expect(await f.hedge.processEpoch.staticCall()).to.equal(epochBefore);
  });
});
