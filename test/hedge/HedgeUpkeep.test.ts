import { expect } from "chai";
import { network } from "hardhat";
import { makeHedgeFixture, type HedgeFixture, WITH_RESERVE_DRAW } from "./hedge-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import { DAY, DEFAULT_VAULT_POLICY } from "../../scripts/deploy/hedgeSide.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const base = makeHedgeFixture(connection, WITH_RESERVE_DRAW);
const coder = ethers.AbiCoder.defaultAbiCoder();
const [SETTLE, EPOCH, ROLL] = [1n, 2n, 3n];

async function funded(): Promise<HedgeFixture> {
  const f = await base();
  await f.seed(usdc(1_000_000n));
  return f;
}

function decode(data: string): [bigint, bigint, bigint] {
  const [action, arg, nonce] = coder.decode(["uint256", "uint256", "uint256"], data);
  return [action as bigint, arg as bigint, nonce as bigint];
}

describe("HedgeUpkeep (Chainlink Automation)", function () {
  it("proposes nothing before any deposit, then the due layer rolls", async function () {
    const f = await networkHelpers.loadFixture(base);
    const [needed] = await f.upkeep.checkUpkeep("0x");
    expect(needed).to.equal(false); // lastNav is 0 and the epoch is not due
    await f.seed(usdc(1_000_000n));
    const [needed2, data] = await f.upkeep.checkUpkeep("0x");
    expect(needed2).to.equal(true);
    expect(decode(data)).to.deep.equal([ROLL, 0n, 0n]);
  });

  it("performUpkeep is idempotent: the same performData executes once, the second call is a silent no-op", async function () {
    const f = await networkHelpers.loadFixture(funded);
    const [, data] = await f.upkeep.checkUpkeep("0x");
    await expect(f.upkeep.connect(f.alice).performUpkeep(data))
      .to.emit(f.upkeep, "UpkeepPerformed")
      .withArgs(ROLL, 0n, 0n)
      .and.to.emit(f.hedge, "LayerRolled");
    expect(await f.upkeep.nonce()).to.equal(1n);
    const second = f.upkeep.connect(f.alice).performUpkeep(data);
    await expect(second).not.to.emit(f.upkeep, "UpkeepPerformed");
    await expect(second).not.to.emit(f.hedge, "LayerRolled");
    expect(await f.upkeep.nonce()).to.equal(1n);
    // The next proposal is the next layer, under the new nonce.
    const [, next] = await f.upkeep.checkUpkeep("0x");
    expect(decode(next)).to.deep.equal([ROLL, 1n, 1n]);
  });

  it("re-checks: an action that is no longer due is a no-op even with the current nonce", async function () {
    const f = await networkHelpers.loadFixture(funded);
    const [, data] = await f.upkeep.checkUpkeep("0x");
    await f.hedge.connect(f.keeper).rollLayerDefault(0n); // someone else did it first
    await expect(f.upkeep.performUpkeep(data)).not.to.emit(f.upkeep, "UpkeepPerformed");
    expect(await f.upkeep.nonce()).to.equal(0n);
    const epochData = coder.encode(["uint256", "uint256", "uint256"], [EPOCH, 0n, 0n]);
    await expect(f.upkeep.performUpkeep(epochData)).not.to.emit(f.upkeep, "UpkeepPerformed");
    const settleData = coder.encode(["uint256", "uint256", "uint256"], [SETTLE, 0n, 0n]);
    await expect(f.upkeep.performUpkeep(settleData)).not.to.emit(f.upkeep, "UpkeepPerformed");
    const unknown = coder.encode(["uint256", "uint256", "uint256"], [9n, 0n, 0n]);
    await expect(f.upkeep.performUpkeep(unknown)).not.to.emit(f.upkeep, "UpkeepPerformed");
  });

  it("processes a due epoch, then settles expired positions first", async function () {
    const f = await networkHelpers.loadFixture(funded);
    for (let i = 0n; i < 3n; i++) await f.hedge.rollLayerDefault(i);
    await f.advance(DAY);
    const [, data] = await f.upkeep.checkUpkeep("0x");
    expect(decode(data)[0]).to.equal(EPOCH);
    await expect(f.upkeep.performUpkeep(data)).to.emit(f.hedge, "EpochProcessed");
    const first = (await f.hedge.keeperState()).layers[0]!;
    await networkHelpers.time.increaseTo(first.expiry + 60n);
    await f.advance(1n);
    const [, settle] = await f.upkeep.checkUpkeep("0x");
    expect(decode(settle)[0]).to.equal(SETTLE);
    await expect(f.upkeep.performUpkeep(settle)).to.emit(f.hedge, "PositionSettled");
  });

  it("a roll that fails for another reason is reported and backed off, not retried every block", async function () {
    const f = await networkHelpers.loadFixture(funded);
    await f.hedge.setVaultPolicy({ ...DEFAULT_VAULT_POLICY, reserveDraw: 0n }); // no budget
    const [, data] = await f.upkeep.checkUpkeep("0x");
    await expect(f.upkeep.performUpkeep(data)).to.emit(f.upkeep, "UpkeepFailed");
    expect(await f.upkeep.nonce()).to.equal(0n);
    const [, next] = await f.upkeep.checkUpkeep("0x");
    expect(decode(next)).to.deep.equal([ROLL, 1n, 0n]); // layer 0 is backing off
    await expect(f.upkeep.performUpkeep(data)).not.to.emit(f.upkeep, "UpkeepFailed");
  });

  it("a stale volatility feed: no epoch is proposed (it could not be struck), checkUpkeep never reverts", async function () {
    const f = await networkHelpers.loadFixture(funded);
    await f.hedge.rollLayerDefault(0n); // a layer to mark
    await networkHelpers.time.increase(2n * DAY); // the volatility feed is older than its heartbeat
    await f.push(f.indexFeed, 5000n * 10n ** 18n);
    expect((await f.hedge.keeperState()).navOk).to.equal(false);
    const [needed] = await f.upkeep.checkUpkeep("0x"); // the epoch is due but cannot be struck; no roll readable
    expect(needed).to.equal(false);
    // Submitted anyway, the epoch fails once and backs off.
    const epochData = coder.encode(["uint256", "uint256", "uint256"], [EPOCH, 0n, 0n]);
    await expect(f.upkeep.performUpkeep(epochData)).to.emit(f.upkeep, "UpkeepFailed");
    expect(await f.upkeep.retryAfter((EPOCH << 128n) | 0n)).to.be.greaterThan(0n);
  });

  it("a layer whose default trade cannot be read does not hide the due layers after it", async function () {
    // On the vault only a stale volatility feed makes defaultLayerTrade revert (for every layer at once): a mock
    // vault whose first layer alone is unreadable shows that nextAction goes on to the next due layer.
    const mock = await ethers.deployContract("UpkeepVaultMock", [0n]);
    const upkeep = await ethers.deployContract("HedgeUpkeep", [await mock.getAddress()]);
    expect(await upkeep.nextAction()).to.deep.equal([ROLL, 1n]);
    const [, data] = await upkeep.checkUpkeep("0x");
    await expect(upkeep.performUpkeep(data)).to.emit(upkeep, "UpkeepPerformed").withArgs(ROLL, 1n, 0n);
    expect(await mock.rolled(0n)).to.equal(1n);
  });
});
