import { expect } from "chai";
import { network } from "hardhat";
import type { TwapOracle } from "../../types/ethers-contracts/index.js";
import { type AmmFixture, DEADLINE, E18, addLiquidity, deployAmm } from "./fixture.js";

const { ethers, networkHelpers } = await network.create();
const Q112 = 2n ** 112n;
const WINDOW = 3600n;
const MAX_AGE = 7200n;

describe("TwapOracle", function () {
  async function fixture(): Promise<AmmFixture & { oracle: TwapOracle }> {
    const f = await deployAmm(ethers);
    await addLiquidity(f, 1_000n * E18, 1_000n * E18, f.owner.address);
    const oracle = await ethers.deployContract("TwapOracle", [await f.pair.getAddress(), WINDOW, MAX_AGE]);
    return { ...f, oracle };
  }

  it("constructor records the pair, tokens and first observation; rejects bad windows and empty pairs", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    expect(await f.oracle.pair()).to.equal(await f.pair.getAddress());
    expect(await f.oracle.token0()).to.equal(await f.token0.getAddress());
    expect(await f.oracle.token1()).to.equal(await f.token1.getAddress());
    expect(await f.oracle.window()).to.equal(WINDOW);
    expect(await f.oracle.maxAge()).to.equal(MAX_AGE);
    expect(await f.oracle.observedAt()).to.equal(BigInt(await networkHelpers.time.latest()));
    const pairAddress = await f.pair.getAddress();
    const Oracle = await ethers.getContractFactory("TwapOracle");
    await expect(Oracle.deploy(pairAddress, 0n, 10n))
      .to.be.revertedWithCustomError(f.oracle, "InvalidWindow")
      .withArgs(0n, 10n);
    await expect(Oracle.deploy(pairAddress, 10n, 9n))
      .to.be.revertedWithCustomError(f.oracle, "InvalidWindow")
      .withArgs(10n, 9n);
    const t2 = await f.token2.getAddress();
    await f.factory.createPair(await f.token0.getAddress(), t2);
    const empty = await f.factory.getPair(await f.token0.getAddress(), t2);
    await expect(Oracle.deploy(empty, WINDOW, MAX_AGE))
      .to.be.revertedWithCustomError(f.oracle, "EmptyPair")
      .withArgs(empty);
  });

  it("update needs a full window, then records the average and emits AverageUpdated", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const start = await f.oracle.observedAt();
    await networkHelpers.time.setNextBlockTimestamp(start + 100n);
    await expect(f.oracle.update())
      .to.be.revertedWithCustomError(f.oracle, "WindowTooShort")
      .withArgs(100n, WINDOW);
    await networkHelpers.time.setNextBlockTimestamp(start + WINDOW);
    await expect(f.oracle.update()).to.emit(f.oracle, "AverageUpdated").withArgs(Q112, Q112, WINDOW);
    expect(await f.oracle.price0Average()).to.equal(Q112);
    expect(await f.oracle.consult(await f.token0.getAddress(), 5n * E18)).to.equal(5n * E18);
  });

  it("consult reverts NoAverage, InvalidToken and ObservationTooOld", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const t0 = await f.token0.getAddress();
    await expect(f.oracle.consult(t0, E18)).to.be.revertedWithCustomError(f.oracle, "NoAverage");
    await networkHelpers.time.increase(WINDOW);
    await f.oracle.update();
    const t2 = await f.token2.getAddress();
    await expect(f.oracle.consult(t2, E18))
      .to.be.revertedWithCustomError(f.oracle, "InvalidToken")
      .withArgs(t2);
    await networkHelpers.time.increase(MAX_AGE + 1n);
    await expect(f.oracle.consult(t0, E18))
      .to.be.revertedWithCustomError(f.oracle, "ObservationTooOld")
      .withArgs(MAX_AGE + 1n, MAX_AGE);
  });

  it("a one-block spot manipulation moves a 1-hour TWAP by only ~(block time / window) of the spot move", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const t0 = await f.token0.getAddress();
    const t1 = await f.token1.getAddress();
    const start = await f.oracle.observedAt();
    const blockTime = 12n;
    // Attacker pushes token1's price in token0 up ~10x (reserves 1000:1000 -> ~3162:~316)...
    await networkHelpers.time.setNextBlockTimestamp(start + 1800n);
    const bought = await f.router
      .connect(f.alice)
      .swapExactTokensForTokens.staticCall(2_162n * E18, 0n, [t0, t1], f.alice.address, DEADLINE);
    await f.router
      .connect(f.alice)
      .swapExactTokensForTokens(2_162n * E18, 0n, [t0, t1], f.alice.address, DEADLINE);
    const [m0, m1] = await f.pair.getReserves();
    const spotMove = Number(m0) / Number(m1) - 1; // token0 per token1, was 1.0
    // ...and must undo it in the next block (or be arbitraged), 12 seconds later.
    await networkHelpers.time.setNextBlockTimestamp(start + 1800n + blockTime);
    await f.router
      .connect(f.alice)
      .swapExactTokensForTokens(bought[1]!, 0n, [t1, t0], f.alice.address, DEADLINE);
    const [a0, a1] = await f.pair.getReserves();
    const residual = Number(a0) / Number(a1) - 1; // the fees the round trip left in the pool
    await networkHelpers.time.setNextBlockTimestamp(start + WINDOW);
    await f.oracle.update();

    const twap = Number(await f.oracle.consult(t1, 1_000_000n * E18)) / 1e24; // token0 per token1
    const twapMove = twap - 1;
    const manipulation = (Number(blockTime) / Number(WINDOW)) * spotMove;
    const afterwards = ((Number(WINDOW) - 1800 - Number(blockTime)) / Number(WINDOW)) * residual;
    console.log(
      `      spot moved by ${(spotMove * 100).toFixed(1)} % for ${blockTime} s; 1-hour TWAP moved by ` +
        `${(twapMove * 100).toFixed(3)} % (block/window x spot move = ${(manipulation * 100).toFixed(3)} %, ` +
        `plus ${(afterwards * 100).toFixed(3)} % from the fees the round trip left in the pool)`,
    );
    expect(spotMove).to.be.greaterThan(8);
    expect(twapMove).to.be.greaterThan(manipulation);
    expect(twapMove).to.be.lessThan(manipulation + afterwards + 1e-4);
    expect(twapMove).to.be.lessThan(0.04); // a ~900 % spot move shows up as < 4 % in the TWAP
  });
});
