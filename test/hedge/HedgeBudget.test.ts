// HedgeBudget (the cash press) on inputs of the test's choosing: the limit (k x the condor's net income, rounded
// towards minus infinity, plus the draw on the NAV, rounded down), the room it leaves, the condor-sale gate and the
// realised condor loss a close books. The vault tests reach them through trades; here every figure is set to the unit of each edge.
import { expect } from "chai";
import { network } from "hardhat";
import type { HedgeBudgetHarness } from "../../types/ethers-contracts/index.js";

const { ethers, networkHelpers } = await network.create();
const WAD = 10n ** 18n;

async function harness(): Promise<HedgeBudgetHarness> {
  const h = (await ethers.deployContract("HedgeBudgetHarness")) as unknown as HedgeBudgetHarness;
  await h.set(WAD / 3n, 0n, 0n); // k = 1/3 (rounded down: 333…333 × 10^-18), no draw
  return h;
}

describe("HedgeBudget.limit", function () {
  it("rounds k × income towards minus infinity: -1 unit of income allows -1, +1 allows 0", async function () {
    const h = await networkHelpers.loadFixture(harness);
    expect(await h.limit(-1n)).to.equal(-1n);
    expect(await h.limit(0n)).to.equal(0n);
    expect(await h.limit(1n)).to.equal(0n);
    expect(await h.limit(3n)).to.equal(0n); // 3 × 0.333… = 0.999…: rounded down
    expect(await h.limit(-3n)).to.equal(-1n); // -0.999…: rounded to -1
    expect(await h.limit(-4n)).to.equal(-2n);
  });

  it("adds the draw on the NAV, rounded down", async function () {
    const h = await networkHelpers.loadFixture(harness);
    await h.set(WAD, WAD / 20n, 1_000_001n); // k = 1, draw 5 % of 1,000,001 units = 50,000.05
    expect(await h.limit(0n)).to.equal(50_000n);
    expect(await h.limit(-1n)).to.equal(49_999n);
    expect(await h.limit(7n)).to.equal(50_007n);
  });

  it("room: what the limit leaves after the window's layer spending, to the unit, never below 0", async function () {
    const h = await networkHelpers.loadFixture(harness);
    await h.set(WAD, 0n, 0n); // k = 1, no draw: the limit is the condor's income
    for (const [layerNet, room] of [
      [99n, 1n],
      [100n, 0n],
      [101n, 0n],
    ]) {
      await h.setWindow(layerNet!, 100n, 0n, 0n, 2n, WAD);
      expect(await h.room(), `layerNet ${layerNet}`).to.equal(room);
    }
  });

  it("saleAllowed: fewer sales than maxOpens, realised losses up to the cap inclusive", async function () {
    const h = await networkHelpers.loadFixture(harness);
    await h.set(WAD, 0n, 1_000_000n); // lastNav 1,000,000 units; a 10 % cap is 100,000
    const cap = WAD / 10n;
    await h.setWindow(0n, 0n, 100_000n, 1n, 2n, cap);
    expect(await h.saleAllowed()).to.equal(true);
    await h.setWindow(0n, 0n, 100_001n, 1n, 2n, cap);
    expect(await h.saleAllowed()).to.equal(false);
    await h.setWindow(0n, 0n, 0n, 2n, 2n, cap);
    expect(await h.saleAllowed()).to.equal(false);
  });

  it("saleAllowed: the loss cap is rounded down (10 % of 1,000,009 units allows 100,000, not 100,001)", async function () {
    const h = await networkHelpers.loadFixture(harness);
    await h.set(WAD, 0n, 1_000_009n); // 10 % = 100,000.9 units
    const cap = WAD / 10n;
    await h.setWindow(0n, 0n, 100_000n, 1n, 2n, cap);
    expect(await h.saleAllowed()).to.equal(true);
    await h.setWindow(0n, 0n, 100_001n, 1n, 2n, cap);
    expect(await h.saleAllowed()).to.equal(false);
  });

  it("countCondorSale refuses past the loss cap, rounded down like saleAllowed (100,000.9 units allow 100,000)", async function () {
    const h = await networkHelpers.loadFixture(harness);
    await h.set(WAD, 0n, 1_000_009n);
    const cap = WAD / 10n;
    await h.setWindow(0n, 0n, 100_000n, 1n, 2n, cap);
    await h.countCondorSale();
    expect((await h.window()).condorOpens).to.equal(2n);
    await h.setWindow(0n, 0n, 100_001n, 1n, 2n, cap);
    await expect(h.countCondorSale())
      .to.be.revertedWithCustomError(h, "CondorLossCapReached")
      .withArgs(100_001n, 100_000n);
  });
});

describe("HedgeBudget.bookCondor", function () {
  it("a close costing one unit more than its premium books a realised loss of one unit; at the premium, none", async function () {
    const h = await networkHelpers.loadFixture(harness);
    await h.setWindow(0n, 0n, 0n, 0n, 2n, WAD);
    await h.bookCondor(0n, 500n, 500n);
    expect((await h.window()).condorLoss).to.equal(0n);
    await h.bookCondor(0n, 501n, 500n);
    const w = await h.window();
    expect([w.condorLoss, w.condorNet]).to.deep.equal([1n, -1_001n]);
  });

  it("books into the window until the second before start + budgetWindow; at that second into a fresh one", async function () {
    const h = await networkHelpers.loadFixture(harness);
    await h.setWindow(7n, 100n, 3n, 1n, 2n, WAD); // a one-day window starting at this block
    const start = (await h.window()).start;
    const snap = await networkHelpers.takeSnapshot();
    await networkHelpers.time.setNextBlockTimestamp(start + 86_400n - 1n);
    await h.bookCondor(5n, 0n, 0n);
    let w = await h.window();
    expect([w.start, w.layerNet, w.condorNet, w.condorLoss, w.condorOpens]).to.deep.equal([
      start,
      7n,
      105n,
      3n,
      1n,
    ]);
    await snap.restore();
    await networkHelpers.time.setNextBlockTimestamp(start + 86_400n);
    await h.bookCondor(5n, 0n, 0n);
    w = await h.window();
    expect([w.start, w.layerNet, w.condorNet, w.condorLoss, w.condorOpens]).to.deep.equal([
      start + 86_400n,
      0n,
      5n,
      0n,
      0n,
    ]);
  });
});
