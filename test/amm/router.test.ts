import { expect } from "chai";
import { network } from "hardhat";
import {
  type AmmFixture,
  DEADLINE,
  E18,
  MINIMUM_LIQUIDITY,
  amountIn,
  amountOut,
  deployAmm,
  sqrt,
  signLpPermit,
} from "./fixture.js";

const { ethers, networkHelpers } = await network.create();

describe("ConstantProductRouter", function () {
  interface Addrs {
    a0: string;
    a1: string;
    a2: string;
  }
  async function seeded(): Promise<AmmFixture & Addrs> {
    const f = await deployAmm(ethers);
    const a0 = await f.token0.getAddress();
    const a1 = await f.token1.getAddress();
    const a2 = await f.token2.getAddress();
    await f.router.addLiquidity(a0, a1, 1_000n * E18, 2_000n * E18, 0n, 0n, f.owner.address, DEADLINE);
    await f.router.addLiquidity(a1, a2, 3_000n * E18, 3_000n * E18, 0n, 0n, f.owner.address, DEADLINE);
    return { ...f, a0, a1, a2 };
  }

  it("exposes its factory", async function () {
    const f = await networkHelpers.loadFixture(seeded);
    expect(await f.router.factory()).to.equal(await f.factory.getAddress());
  });

  describe("addLiquidity", function () {
    it("creates the pair when missing and mints sqrt(a*b) - MINIMUM_LIQUIDITY", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const predicted = await f.factory.pairFor(f.a0, f.a2);
      const tx = f.router.addLiquidity(f.a2, f.a0, 4n * E18, E18, 0n, 0n, f.alice.address, DEADLINE);
      await expect(tx).to.emit(f.factory, "PairCreated").withArgs(f.a0, f.a2, predicted, 3n);
      const pair = await ethers.getContractAt("ConstantProductPair", predicted);
      await expect(tx).to.emit(pair, "Mint");
      expect(await pair.balanceOf(f.alice.address)).to.equal(sqrt(4n * E18 * E18) - MINIMUM_LIQUIDITY);
    });

    it("deposits at the pool ratio (B optimal, then A optimal)", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const r = await f.router.addLiquidity.staticCall(
        f.a0,
        f.a1,
        10n * E18,
        50n * E18,
        0n,
        0n,
        f.bob.address,
        DEADLINE,
      );
      expect([r[0], r[1]]).to.deep.equal([10n * E18, 20n * E18]);
      const s = await f.router.addLiquidity.staticCall(
        f.a0,
        f.a1,
        10n * E18,
        10n * E18,
        0n,
        0n,
        f.bob.address,
        DEADLINE,
      );
      expect([s[0], s[1]]).to.deep.equal([5n * E18, 10n * E18]);
      await expect(
        f.router.addLiquidity(f.a0, f.a1, 10n * E18, 50n * E18, 0n, 0n, f.bob.address, DEADLINE),
      ).to.changeTokenBalances(ethers, f.token1, [f.owner], [-20n * E18]);
    });

    it("reverts InsufficientBAmount, InsufficientAAmount and DeadlineExpired", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      await expect(
        f.router.addLiquidity(f.a0, f.a1, 10n * E18, 50n * E18, 0n, 21n * E18, f.bob.address, DEADLINE),
      )
        .to.be.revertedWithCustomError(f.router, "InsufficientBAmount")
        .withArgs(20n * E18, 21n * E18);
      await expect(
        f.router.addLiquidity(f.a0, f.a1, 10n * E18, 10n * E18, 6n * E18, 0n, f.bob.address, DEADLINE),
      )
        .to.be.revertedWithCustomError(f.router, "InsufficientAAmount")
        .withArgs(5n * E18, 6n * E18);
      const now = BigInt(await networkHelpers.time.latest());
      await networkHelpers.time.setNextBlockTimestamp(now + 10n);
      await expect(f.router.addLiquidity(f.a0, f.a1, E18, E18, 0n, 0n, f.bob.address, now + 9n))
        .to.be.revertedWithCustomError(f.router, "DeadlineExpired")
        .withArgs(now + 9n, now + 10n);
    });
  });

  describe("removeLiquidity", function () {
    it("burns LP pulled from the caller and pays both tokens (in the caller's A/B order)", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const pairAddress = await f.pair.getAddress();
      await f.pair.approve(await f.router.getAddress(), ethers.MaxUint256);
      const supply = await f.pair.totalSupply();
      const liquidity = 100n * E18;
      const out0 = (liquidity * 1_000n * E18) / supply;
      const out1 = (liquidity * 2_000n * E18) / supply;
      const res = await f.router.removeLiquidity.staticCall(
        f.a1,
        f.a0,
        liquidity,
        0n,
        0n,
        f.bob.address,
        DEADLINE,
      );
      expect([res[0], res[1]]).to.deep.equal([out1, out0]);
      const tx = f.router.removeLiquidity(f.a1, f.a0, liquidity, out1, out0, f.bob.address, DEADLINE);
      await expect(tx)
        .to.emit(f.pair, "Burn")
        .withArgs(await f.router.getAddress(), out0, out1, f.bob.address);
      await expect(tx).to.changeTokenBalances(ethers, f.pair, [f.owner, pairAddress], [-liquidity, 0n]);
    });

    it("reverts InsufficientAAmount, InsufficientBAmount, DeadlineExpired", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      await f.pair.approve(await f.router.getAddress(), ethers.MaxUint256);
      const supply = await f.pair.totalSupply();
      const out0 = (E18 * 1_000n * E18) / supply;
      const out1 = (E18 * 2_000n * E18) / supply;
      await expect(f.router.removeLiquidity(f.a0, f.a1, E18, out0 + 1n, 0n, f.bob.address, DEADLINE))
        .to.be.revertedWithCustomError(f.router, "InsufficientAAmount")
        .withArgs(out0, out0 + 1n);
      await expect(f.router.removeLiquidity(f.a0, f.a1, E18, 0n, out1 + 1n, f.bob.address, DEADLINE))
        .to.be.revertedWithCustomError(f.router, "InsufficientBAmount")
        .withArgs(out1, out1 + 1n);
      await expect(
        f.router.removeLiquidity(f.a0, f.a1, E18, 0n, 0n, f.bob.address, 1n),
      ).to.be.revertedWithCustomError(f.router, "DeadlineExpired");
    });

    it("removeLiquidityWithPermit needs no prior approval", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const routerAddress = await f.router.getAddress();
      const { v, r, s } = await signLpPermit(f.owner, {
        pair: f.pair,
        spender: routerAddress,
        value: ethers.MaxUint256,
        nonce: 0n,
        deadline: DEADLINE,
      });
      await expect(
        f.router.removeLiquidityWithPermit(f.a0, f.a1, E18, 0n, 0n, f.bob.address, DEADLINE, true, v, r, s),
      ).to.emit(f.pair, "Burn");
      expect(await f.pair.allowance(f.owner.address, routerAddress)).to.equal(ethers.MaxUint256);
    });
  });

  describe("swapExactTokensForTokens", function () {
    it("swaps one hop at getAmountsOut and emits the pair's Swap", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const amounts = await f.router.getAmountsOut(10n * E18, [f.a1, f.a0]);
      expect(amounts[1]).to.equal(amountOut(10n * E18, 2_000n * E18, 1_000n * E18));
      const tx = f.router
        .connect(f.alice)
        .swapExactTokensForTokens(10n * E18, amounts[1]!, [f.a1, f.a0], f.bob.address, DEADLINE);
      await expect(tx)
        .to.emit(f.pair, "Swap")
        .withArgs(await f.router.getAddress(), 0n, 10n * E18, amounts[1]!, 0n, f.bob.address);
      await expect(tx).to.changeTokenBalances(ethers, f.token0, [f.bob], [amounts[1]!]);
      await expect(tx).to.changeTokenBalances(ethers, f.token1, [f.alice], [-10n * E18]);
    });

    it("swaps over two hops and returns every hop's amount", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const path = [f.a0, f.a1, f.a2];
      const expected = await f.router.getAmountsOut(5n * E18, path);
      const res = await f.router.swapExactTokensForTokens.staticCall(
        5n * E18,
        0n,
        path,
        f.bob.address,
        DEADLINE,
      );
      expect(res).to.deep.equal(expected);
      await expect(
        f.router.swapExactTokensForTokens(5n * E18, 0n, path, f.bob.address, DEADLINE),
      ).to.changeTokenBalances(ethers, f.token2, [f.bob], [expected[2]!]);
    });

    it("reverts InsufficientOutputAmount, InvalidPath, DeadlineExpired", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const out = amountOut(E18, 1_000n * E18, 2_000n * E18);
      await expect(f.router.swapExactTokensForTokens(E18, out + 1n, [f.a0, f.a1], f.bob.address, DEADLINE))
        .to.be.revertedWithCustomError(f.router, "InsufficientOutputAmount")
        .withArgs(out, out + 1n);
      await expect(f.router.swapExactTokensForTokens(E18, 0n, [f.a0], f.bob.address, DEADLINE))
        .to.be.revertedWithCustomError(f.router, "InvalidPath")
        .withArgs(1n);
      await expect(
        f.router.swapExactTokensForTokens(E18, 0n, [f.a0, f.a1], f.bob.address, 1n),
      ).to.be.revertedWithCustomError(f.router, "DeadlineExpired");
    });
  });

  describe("swapTokensForExactTokens", function () {
    it("spends getAmountsIn for an exact output over one and two hops", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const need = amountIn(10n * E18, 1_000n * E18, 2_000n * E18);
      const one = await f.router.getAmountsIn(10n * E18, [f.a0, f.a1]);
      expect(one).to.deep.equal([need, 10n * E18]);
      const tx = f.router.swapTokensForExactTokens(10n * E18, need, [f.a0, f.a1], f.bob.address, DEADLINE);
      await expect(tx).to.changeTokenBalances(ethers, f.token1, [f.bob], [10n * E18]);
      await expect(tx).to.changeTokenBalances(ethers, f.token0, [f.owner], [-need]);

      const path = [f.a2, f.a1, f.a0];
      const two = await f.router.getAmountsIn(E18, path);
      await expect(
        f.router.swapTokensForExactTokens(E18, two[0]!, path, f.bob.address, DEADLINE),
      ).to.changeTokenBalances(ethers, f.token0, [f.bob], [E18]);
    });

    it("reverts ExcessiveInputAmount, InvalidPath, DeadlineExpired", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const need = amountIn(E18, 1_000n * E18, 2_000n * E18);
      await expect(f.router.swapTokensForExactTokens(E18, need - 1n, [f.a0, f.a1], f.bob.address, DEADLINE))
        .to.be.revertedWithCustomError(f.router, "ExcessiveInputAmount")
        .withArgs(need, need - 1n);
      await expect(f.router.swapTokensForExactTokens(E18, need, [], f.bob.address, DEADLINE))
        .to.be.revertedWithCustomError(f.router, "InvalidPath")
        .withArgs(0n);
      await expect(
        f.router.swapTokensForExactTokens(E18, need, [f.a0, f.a1], f.bob.address, 1n),
      ).to.be.revertedWithCustomError(f.router, "DeadlineExpired");
    });
  });

  describe("quotes", function () {
    it("quote, getAmountOut and getAmountIn follow the formulas and round in the pool's favour", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      expect(await f.router.quote(3n, 7n, 10n)).to.equal(4n); // 30/7 rounded down
      expect(await f.router.getAmountOut(E18, 5n * E18, 7n * E18)).to.equal(
        amountOut(E18, 5n * E18, 7n * E18),
      );
      expect(await f.router.getAmountIn(E18, 5n * E18, 7n * E18)).to.equal(amountIn(E18, 5n * E18, 7n * E18));
    });

    it("revert InsufficientAmount / InsufficientLiquidity (library errors) and InvalidPath", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const lib = await ethers.getContractAt("ConstantProductMath", await f.router.getAddress());
      await expect(f.router.quote(0n, 1n, 1n)).to.be.revertedWithCustomError(lib, "InsufficientAmount");
      await expect(f.router.quote(1n, 0n, 1n))
        .to.be.revertedWithCustomError(lib, "InsufficientLiquidity")
        .withArgs(0n, 1n);
      await expect(f.router.getAmountOut(0n, 1n, 1n)).to.be.revertedWithCustomError(
        lib,
        "InsufficientAmount",
      );
      await expect(f.router.getAmountOut(1n, 1n, 0n))
        .to.be.revertedWithCustomError(lib, "InsufficientLiquidity")
        .withArgs(1n, 0n);
      await expect(f.router.getAmountIn(0n, 1n, 1n)).to.be.revertedWithCustomError(lib, "InsufficientAmount");
      await expect(f.router.getAmountIn(5n, 10n, 5n))
        .to.be.revertedWithCustomError(lib, "InsufficientLiquidity")
        .withArgs(10n, 5n);
      await expect(f.router.getAmountsOut(1n, [f.a0])).to.be.revertedWithCustomError(f.router, "InvalidPath");
      await expect(f.router.getAmountsIn(1n, [f.a0])).to.be.revertedWithCustomError(f.router, "InvalidPath");
      const pa = await ethers.getContractAt("PairAddress", await f.router.getAddress());
      await expect(f.router.getAmountsOut(1n, [f.a0, f.a0]))
        .to.be.revertedWithCustomError(pa, "IdenticalTokens")
        .withArgs(f.a0);
    });
  });
});
