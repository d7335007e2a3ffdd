// Audit regression: an expired position whose settlement round is missing made `settleExpired` revert, and
// HedgeUpkeep's performUpkeep with it, so checkUpkeep proposed SETTLE forever and Automation never processed an
// epoch or a roll again (until the pool's governance fallback, at least a 7-day grace period later).
import { expect } from "chai";
import { network } from "hardhat";
import { makeHedgeFixture, type HedgeFixture } from "./hedge-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import { pts } from "../../scripts/deploy/hedgeSide.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const base = makeHedgeFixture(connection);
const coder = ethers.AbiCoder.defaultAbiCoder();
const [SETTLE, EPOCH] = [1n, 2n];

async function funded(): Promise<HedgeFixture> {
  const f = await base();
  await f.seed(usdc(1_000_000n));
  return f;
}

function action(data: string): bigint {
  return coder.decode(["uint256", "uint256", "uint256"], data)[0] as bigint;
}

describe("HedgeUpkeep audit: a position that cannot settle does not starve the other actions", function () {
  it("SETTLE fails, is reported and backed off; the due epoch is proposed next", async function () {
    const f = await networkHelpers.loadFixture(funded);
    await f.hedge.rollLayerDefault(0n);
    const layer = (await f.hedge.keeperState()).layers[0]!;
    // No round within the pool's 1-hour settlement window: the series cannot settle from the feed.
    await networkHelpers.time.increaseTo(layer.expiry + 7_200n);
    await f.push(f.volFeed, pts("20"));
    await f.push(f.indexFeed, pts("5000"));
    const [, data] = await f.upkeep.checkUpkeep("0x");
    expect(action(data)).to.equal(SETTLE);
    await expect(f.upkeep.performUpkeep(data)).to.emit(f.upkeep, "UpkeepFailed");
    expect(await f.upkeep.nonce()).to.equal(0n);
    const [needed, next] = await f.upkeep.checkUpkeep("0x");
    expect(needed).to.equal(true);
    expect(action(next)).to.equal(EPOCH);
    await expect(f.upkeep.performUpkeep(next)).to.emit(f.hedge, "EpochProcessed");
  });
});
