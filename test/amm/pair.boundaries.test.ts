// The exact edges of the pair's money rules that the mutation run (issue 17, docs/testing.md) showed untested:
// each test sits on the boundary unit, where moving a bound by one changes the outcome.
import { expect } from "chai";
import { network } from "hardhat";
import { type AmmFixture, E18, MINIMUM_LIQUIDITY, addLiquidity, deployAmm } from "./fixture.js";

const { ethers, networkHelpers } = await network.create();
const MAX_UINT112 = 2n ** 112n - 1n;

describe("ConstantProductPair: exact boundaries of money rules", function () {
  async function fresh(): Promise<AmmFixture> {
    return deployAmm(ethers);
  }

  async function seeded(): Promise<AmmFixture> {
    const f = await deployAmm(ethers);
    await addLiquidity(f, 1_000n * E18, 4_000n * E18, f.owner.address);
    return f;
  }

  describe("mint", function () {
    it("accepts balances of exactly type(uint112).max on both sides", async function () {
      const f = await networkHelpers.loadFixture(fresh);
      const pairAddress = await f.pair.getAddress();
      await f.token0.mint(pairAddress, MAX_UINT112);
      await f.token1.mint(pairAddress, MAX_UINT112);
      await expect(f.pair.mint(f.alice.address))
        .to.emit(f.pair, "Mint")
        .withArgs(f.owner.address, MAX_UINT112, MAX_UINT112);
      const [r0, r1] = await f.pair.getReserves();
      expect([r0, r1]).to.deep.equal([MAX_UINT112, MAX_UINT112]);
      expect(await f.pair.balanceOf(f.alice.address)).to.equal(MAX_UINT112 - MINIMUM_LIQUIDITY);
    });

    it("refuses a balance past 112 bits with Overflow before the share maths (no arithmetic panic)", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const pairAddress = await f.pair.getAddress();
      const huge = 2n ** 255n; // (balance - reserve) x supply would overflow 256 bits
      await f.token0.mint(pairAddress, huge);
      await expect(f.pair.mint(f.alice.address))
        .to.be.revertedWithCustomError(f.pair, "Overflow")
        .withArgs(1_000n * E18 + huge, 4_000n * E18);
      await f.pair.skim(f.bob.address);
      await f.token1.mint(pairAddress, huge);
      await expect(f.pair.mint(f.alice.address))
        .to.be.revertedWithCustomError(f.pair, "Overflow")
        .withArgs(1_000n * E18, 4_000n * E18 + huge);
    });

    it("the first mint succeeds with one share above MINIMUM_LIQUIDITY and fails at it", async function () {
      const f = await networkHelpers.loadFixture(fresh);
      const pairAddress = await f.pair.getAddress();
      await f.token0.transfer(pairAddress, MINIMUM_LIQUIDITY);
      await f.token1.transfer(pairAddress, MINIMUM_LIQUIDITY);
      await expect(f.pair.mint(f.alice.address))
        .to.be.revertedWithCustomError(f.pair, "InsufficientLiquidityMinted")
        .withArgs(MINIMUM_LIQUIDITY, MINIMUM_LIQUIDITY);
      await f.token0.transfer(pairAddress, 1n);
      await f.token1.transfer(pairAddress, 1n);
      await expect(f.pair.mint(f.alice.address)).to.emit(f.pair, "Mint");
      expect(await f.pair.balanceOf(f.alice.address)).to.equal(1n); // sqrt(1001 x 1001) - 1000
      expect(await f.pair.balanceOf(ethers.ZeroAddress)).to.equal(MINIMUM_LIQUIDITY);
    });
  });

  describe("swap", function () {
    it("refuses an output equal to the whole reserve with InsufficientLiquidity, on each side", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const [r0, r1] = await f.pair.getReserves();
      await expect(f.pair.swap(r0, 0n, f.bob.address, "0x"))
        .to.be.revertedWithCustomError(f.pair, "InsufficientLiquidity")
        .withArgs(r0, 0n, r0, r1);
      await expect(f.pair.swap(0n, r1, f.bob.address, "0x"))
        .to.be.revertedWithCustomError(f.pair, "InsufficientLiquidity")
        .withArgs(0n, r1, r0, r1);
    });

    it("pays an output of exactly one unit, and moves no token whose output is zero", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const pairAddress = await f.pair.getAddress();
      await f.token1.transfer(pairAddress, 10n); // 10 units of token1 in pay for 1 unit of token0 out
      const tx = f.pair.swap(1n, 0n, f.bob.address, "0x");
      await expect(tx).to.changeTokenBalances(ethers, f.token0, [f.bob], [1n]);
      await expect(tx).not.to.emit(f.token1, "Transfer");
      await f.token0.transfer(pairAddress, 10n);
      const back = f.pair.swap(0n, 1n, f.bob.address, "0x");
      await expect(back).to.changeTokenBalances(ethers, f.token1, [f.bob], [1n]);
      await expect(back).not.to.emit(f.token0, "Transfer");
    });
  });

  describe("swap: the 112-bit bound on balances", function () {
    it("accepts a swap that leaves a balance of exactly type(uint112).max, on each side", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const pairAddress = await f.pair.getAddress();
      const [r0] = await f.pair.getReserves();
      await f.token0.mint(pairAddress, MAX_UINT112 - r0);
      await expect(f.pair.swap(0n, 1n, f.bob.address, "0x")).to.emit(f.pair, "Swap");
      expect((await f.pair.getReserves())[0]).to.equal(MAX_UINT112);
      const g = await networkHelpers.loadFixture(seeded);
      const [, s1] = await g.pair.getReserves();
      await g.token1.mint(await g.pair.getAddress(), MAX_UINT112 - s1);
      await expect(g.pair.swap(1n, 0n, g.bob.address, "0x")).to.emit(g.pair, "Swap");
      expect((await g.pair.getReserves())[1]).to.equal(MAX_UINT112);
    });

    it("refuses a balance past 112 bits with Overflow before the fee-adjusted K check (whose maths would wrap)", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const pairAddress = await f.pair.getAddress();
      const [r0, r1] = await f.pair.getReserves();
      // balance0 = 2^255: (balance0 x 1000 - in0 x 3) wraps to 3 x r0 modulo 2^256, far below K.
      await f.token0.mint(pairAddress, 2n ** 255n - r0);
      await expect(f.pair.swap(0n, 1n, f.bob.address, "0x"))
        .to.be.revertedWithCustomError(f.pair, "Overflow")
        .withArgs(2n ** 255n, r1 - 1n); // the unit of token1 out is already sent
    });
  });

  describe("price accumulators (TWAP)", function () {
    it("accrue after a single second: price x elapsed with the reserves that held", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const [r0, r1, last] = await f.pair.getReserves();
      const before0 = await f.pair.price0CumulativeLast();
      const before1 = await f.pair.price1CumulativeLast();
      await networkHelpers.time.setNextBlockTimestamp(last + 1n);
      await f.pair.sync();
      const q112 = 2n ** 112n;
      expect((await f.pair.price0CumulativeLast()) - before0).to.equal((r1 * q112) / r0);
      expect((await f.pair.price1CumulativeLast()) - before1).to.equal((r0 * q112) / r1);
    });
  });
});
