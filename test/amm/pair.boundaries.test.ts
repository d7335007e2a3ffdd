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
});
