import { expect } from "chai";
import { network } from "hardhat";
import type { FlashSwapCallee } from "../../types/ethers-contracts/index.js";
import {
  type AmmFixture,
  E18,
  MINIMUM_LIQUIDITY,
  addLiquidity,
  amountOut,
  deployAmm,
  sqrt,
  signLpPermit,
} from "./fixture.js";

const { ethers, networkHelpers } = await network.create();
const Q112 = 2n ** 112n;
const MAX_UINT112 = 2n ** 112n - 1n;

describe("ConstantProductPair", function () {
  async function fixture(): Promise<AmmFixture> {
    return deployAmm(ethers);
  }

  async function seeded(): Promise<AmmFixture> {
    const f = await deployAmm(ethers);
    await addLiquidity(f, 1_000n * E18, 4_000n * E18, f.owner.address);
    return f;
  }

  describe("metadata", function () {
    it("has the V2 constants, tokens, factory and LP token fields", async function () {
      const { pair, factory, token0, token1 } = await networkHelpers.loadFixture(fixture);
      expect(await pair.name()).to.equal("ALVH CP-LP");
      expect(await pair.symbol()).to.equal("ALVH-LP");
      expect(await pair.decimals()).to.equal(18n);
      expect(await pair.MINIMUM_LIQUIDITY()).to.equal(MINIMUM_LIQUIDITY);
      expect(await pair.PERMIT_TYPEHASH()).to.equal(
        ethers.id("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
      );
      expect(await pair.factory()).to.equal(await factory.getAddress());
      expect(await pair.token0()).to.equal(await token0.getAddress());
      expect(await pair.token1()).to.equal(await token1.getAddress());
      const domain = ethers.TypedDataEncoder.hashDomain({
        name: "ALVH CP-LP",
        version: "1",
        chainId: (await ethers.provider.getNetwork()).chainId,
        verifyingContract: await pair.getAddress(),
      });
      expect(await pair.DOMAIN_SEPARATOR()).to.equal(domain);
      const [r0, r1, ts] = await pair.getReserves();
      expect([r0, r1, ts]).to.deep.equal([0n, 0n, 0n]);
      expect(await pair.kLast()).to.equal(0n);
    });
  });

  describe("mint", function () {
    it("first mint locks MINIMUM_LIQUIDITY at address(0) and emits Transfer, Sync, Mint", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const pairAddress = await f.pair.getAddress();
      const a0 = 1_000n * E18;
      const a1 = 4_000n * E18;
      await f.token0.transfer(pairAddress, a0);
      await f.token1.transfer(pairAddress, a1);
      const expected = sqrt(a0 * a1) - MINIMUM_LIQUIDITY;
      const tx = f.pair.mint(f.alice.address);
      await expect(tx)
        .to.emit(f.pair, "Transfer")
        .withArgs(ethers.ZeroAddress, ethers.ZeroAddress, MINIMUM_LIQUIDITY);
      await expect(tx).to.emit(f.pair, "Transfer").withArgs(ethers.ZeroAddress, f.alice.address, expected);
      await expect(tx).to.emit(f.pair, "Sync").withArgs(a0, a1);
      await expect(tx).to.emit(f.pair, "Mint").withArgs(f.owner.address, a0, a1);
      expect(await f.pair.balanceOf(f.alice.address)).to.equal(expected);
      expect(await f.pair.totalSupply()).to.equal(expected + MINIMUM_LIQUIDITY);
      const [r0, r1] = await f.pair.getReserves();
      expect([r0, r1]).to.deep.equal([a0, a1]);
    });

    it("later mints are pro rata, rounded down, on the smaller side", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const supply = await f.pair.totalSupply();
      await addLiquidity(f, 10n * E18, 50n * E18, f.bob.address); // 40 of token1 would be pro rata
      expect(await f.pair.balanceOf(f.bob.address)).to.equal((10n * E18 * supply) / (1_000n * E18));
    });

    it("reverts InsufficientLiquidityMinted on a too small first deposit and on an empty deposit", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      const pairAddress = await f.pair.getAddress();
      await f.token0.transfer(pairAddress, 1000n);
      await f.token1.transfer(pairAddress, 1000n);
      await expect(f.pair.mint(f.owner.address))
        .to.be.revertedWithCustomError(f.pair, "InsufficientLiquidityMinted")
        .withArgs(1000n, 1000n);
      await f.token0.transfer(pairAddress, 1_000_000n);
      await f.token1.transfer(pairAddress, 1_000_000n);
      await f.pair.mint(f.owner.address);
      await expect(f.pair.mint(f.owner.address))
        .to.be.revertedWithCustomError(f.pair, "InsufficientLiquidityMinted")
        .withArgs(0n, 0n);
    });
  });

  describe("burn", function () {
    it("pays out pro rata, burns the shares and emits Transfer, Sync, Burn", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const pairAddress = await f.pair.getAddress();
      const liquidity = 100n * E18;
      await f.pair.transfer(pairAddress, liquidity);
      const supply = await f.pair.totalSupply();
      const out0 = (liquidity * 1_000n * E18) / supply;
      const out1 = (liquidity * 4_000n * E18) / supply;
      const tx = f.pair.burn(f.bob.address);
      await expect(tx).to.emit(f.pair, "Transfer").withArgs(pairAddress, ethers.ZeroAddress, liquidity);
      await expect(tx).to.emit(f.pair, "Burn").withArgs(f.owner.address, out0, out1, f.bob.address);
      await expect(tx)
        .to.emit(f.pair, "Sync")
        .withArgs(1_000n * E18 - out0, 4_000n * E18 - out1);
      await expect(tx).to.changeTokenBalances(ethers, f.token0, [f.bob], [out0]);
      expect(await f.pair.totalSupply()).to.equal(supply - liquidity);
    });

    it("reverts InsufficientLiquidityBurned when nothing is burned", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      await expect(f.pair.burn(f.bob.address))
        .to.be.revertedWithCustomError(f.pair, "InsufficientLiquidityBurned")
        .withArgs(0n, 0n);
    });
  });

  describe("swap", function () {
    it("swaps token0 for token1 at the formula and emits Sync and Swap", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const input = 10n * E18;
      const out = amountOut(input, 1_000n * E18, 4_000n * E18);
      await f.token0.transfer(await f.pair.getAddress(), input);
      const tx = f.pair.swap(0n, out, f.bob.address, "0x");
      await expect(tx)
        .to.emit(f.pair, "Sync")
        .withArgs(1_010n * E18, 4_000n * E18 - out);
      await expect(tx).to.emit(f.pair, "Swap").withArgs(f.owner.address, input, 0n, 0n, out, f.bob.address);
      await expect(tx).to.changeTokenBalances(ethers, f.token1, [f.bob], [out]);
    });

    it("swaps token1 for token0", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const input = 40n * E18;
      const out = amountOut(input, 4_000n * E18, 1_000n * E18);
      await f.token1.transfer(await f.pair.getAddress(), input);
      await expect(f.pair.swap(out, 0n, f.bob.address, "0x"))
        .to.emit(f.pair, "Swap")
        .withArgs(f.owner.address, 0n, input, out, 0n, f.bob.address);
    });

    it("reverts K when asking one unit more than the formula", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const input = 10n * E18;
      const out = amountOut(input, 1_000n * E18, 4_000n * E18) + 1n;
      await f.token0.transfer(await f.pair.getAddress(), input);
      const b0 = 1_010n * E18;
      const b1 = 4_000n * E18 - out;
      await expect(f.pair.swap(0n, out, f.bob.address, "0x"))
        .to.be.revertedWithCustomError(f.pair, "K")
        .withArgs(b0 * 1000n - input * 3n, b1 * 1000n, 1_000n * E18, 4_000n * E18);
    });

    it("reverts InsufficientOutputAmount, InsufficientLiquidity, InvalidTo, InsufficientInputAmount", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const r0 = 1_000n * E18;
      const r1 = 4_000n * E18;
      await expect(f.pair.swap(0n, 0n, f.bob.address, "0x"))
        .to.be.revertedWithCustomError(f.pair, "InsufficientOutputAmount")
        .withArgs(0n, 0n);
      await expect(f.pair.swap(r0, 0n, f.bob.address, "0x"))
        .to.be.revertedWithCustomError(f.pair, "InsufficientLiquidity")
        .withArgs(r0, 0n, r0, r1);
      await expect(f.pair.swap(0n, 1n, await f.token0.getAddress(), "0x"))
        .to.be.revertedWithCustomError(f.pair, "InvalidTo")
        .withArgs(await f.token0.getAddress());
      await expect(f.pair.swap(0n, 1n, await f.token1.getAddress(), "0x"))
        .to.be.revertedWithCustomError(f.pair, "InvalidTo")
        .withArgs(await f.token1.getAddress());
      await expect(f.pair.swap(0n, E18, f.bob.address, "0x"))
        .to.be.revertedWithCustomError(f.pair, "InsufficientInputAmount")
        .withArgs(r0, r1 - E18);
    });

    it("reverts Overflow when a balance exceeds 112 bits", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const big = MAX_UINT112;
      await f.token0.mint(await f.pair.getAddress(), big);
      await expect(f.pair.swap(0n, E18, f.bob.address, "0x"))
        .to.be.revertedWithCustomError(f.pair, "Overflow")
        .withArgs(1_000n * E18 + big, 4_000n * E18 - E18);
      await expect(f.pair.sync())
        .to.be.revertedWithCustomError(f.pair, "Overflow")
        .withArgs(1_000n * E18 + big, 4_000n * E18);
      await f.token1.mint(await f.pair.getAddress(), big);
      await expect(f.pair.mint(f.owner.address))
        .to.be.revertedWithCustomError(f.pair, "Overflow")
        .withArgs(1_000n * E18 + big, 4_000n * E18 + big);
    });
  });

  describe("swapExactIn", function () {
    it("swaps all input beyond the reserve, both directions, with Sync and Swap", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const pairAddress = await f.pair.getAddress();
      const input = 10n * E18;
      const out = amountOut(input, 1_000n * E18, 4_000n * E18);
      await f.token0.transfer(pairAddress, input);
      const tx = f.pair.swapExactIn(true, f.bob.address);
      await expect(tx)
        .to.emit(f.pair, "Sync")
        .withArgs(1_010n * E18, 4_000n * E18 - out);
      await expect(tx).to.emit(f.pair, "Swap").withArgs(f.owner.address, input, 0n, 0n, out, f.bob.address);
      await expect(tx).to.changeTokenBalances(ethers, f.token1, [f.bob], [out]);

      const back = 40n * E18;
      const out0 = amountOut(back, 4_000n * E18 - out, 1_010n * E18);
      await f.token1.transfer(pairAddress, back);
      await expect(f.pair.swapExactIn(false, f.bob.address))
        .to.emit(f.pair, "Swap")
        .withArgs(f.owner.address, 0n, back, out0, 0n, f.bob.address);
    });

    it("reverts InvalidTo, InsufficientInputAmount, InsufficientOutputAmount and Overflow", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const pairAddress = await f.pair.getAddress();
      await expect(f.pair.swapExactIn(true, await f.token1.getAddress()))
        .to.be.revertedWithCustomError(f.pair, "InvalidTo")
        .withArgs(await f.token1.getAddress());
      await expect(f.pair.swapExactIn(true, f.bob.address))
        .to.be.revertedWithCustomError(f.pair, "InsufficientInputAmount")
        .withArgs(1_000n * E18, 4_000n * E18);
      await expect(f.pair.swapExactIn(false, f.bob.address))
        .to.be.revertedWithCustomError(f.pair, "InsufficientInputAmount")
        .withArgs(1_000n * E18, 4_000n * E18);
      await f.token1.transfer(pairAddress, 1n); // 1 wei of token1 buys nothing of token0
      await expect(f.pair.swapExactIn(false, f.bob.address))
        .to.be.revertedWithCustomError(f.pair, "InsufficientOutputAmount")
        .withArgs(0n, 0n);
      await f.token1.mint(pairAddress, MAX_UINT112);
      await expect(f.pair.swapExactIn(false, f.bob.address))
        .to.be.revertedWithCustomError(f.pair, "Overflow")
        .withArgs(1_000n * E18, 4_000n * E18 + 1n + MAX_UINT112);
      await f.token0.mint(pairAddress, MAX_UINT112);
      await expect(f.pair.swapExactIn(true, f.bob.address))
        .to.be.revertedWithCustomError(f.pair, "Overflow")
        .withArgs(1_000n * E18 + MAX_UINT112, 4_000n * E18);
    });
  });

  describe("skim and sync", function () {
    it("skim sends the excess over the reserves away", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const pairAddress = await f.pair.getAddress();
      await f.token0.transfer(pairAddress, 5n);
      await f.token1.transfer(pairAddress, 7n);
      const tx = f.pair.skim(f.bob.address);
      await expect(tx).to.changeTokenBalances(ethers, f.token0, [f.bob], [5n]);
      await expect(tx).to.changeTokenBalances(ethers, f.token1, [f.bob], [7n]);
    });

    it("sync takes donations into the reserves and emits Sync", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const pairAddress = await f.pair.getAddress();
      await f.token0.transfer(pairAddress, 5n);
      await expect(f.pair.sync())
        .to.emit(f.pair, "Sync")
        .withArgs(1_000n * E18 + 5n, 4_000n * E18);
    });
  });

  describe("flash swaps", function () {
    async function withCallee(): Promise<AmmFixture & { callee: FlashSwapCallee }> {
      const f = await seeded();
      const callee = await ethers.deployContract("FlashSwapCallee");
      await f.token0.mint(await callee.getAddress(), 100n * E18);
      await f.token1.mint(await callee.getAddress(), 100n * E18);
      return { ...f, callee };
    }
    const mode = (m: number): string => ethers.AbiCoder.defaultAbiCoder().encode(["uint8"], [m]);

    it("calls uniswapV2Call and accepts a repayment with the fee", async function () {
      const f = await networkHelpers.loadFixture(withCallee);
      const calleeAddress = await f.callee.getAddress();
      const borrowed = 10n * E18;
      const repaid = (borrowed * 1000n) / 997n + 1n;
      await expect(f.pair.connect(f.alice).swap(borrowed, 0n, calleeAddress, mode(0)))
        .to.emit(f.pair, "Swap")
        .withArgs(f.alice.address, repaid, 0n, borrowed, 0n, calleeAddress);
      expect(await f.callee.lastSender()).to.equal(f.alice.address);
      expect(await f.callee.lastAmount0()).to.equal(borrowed);
      expect(await f.callee.lastAmount1()).to.equal(0n);
    });

    it("reverts K when the borrower repays without the fee", async function () {
      const f = await networkHelpers.loadFixture(withCallee);
      await expect(
        f.pair.swap(0n, 10n * E18, await f.callee.getAddress(), mode(1)),
      ).to.be.revertedWithCustomError(f.pair, "K");
    });

    it("is locked against re-entry (transient lock)", async function () {
      const f = await networkHelpers.loadFixture(withCallee);
      await expect(
        f.pair.swap(0n, 10n * E18, await f.callee.getAddress(), mode(2)),
      ).to.be.revertedWithCustomError(f.pair, "ReentrancyGuardReentrantCall");
    });
  });

  describe("TWAP accumulators", function () {
    it("accrue reserve1/reserve0 and reserve0/reserve1 (UQ112x112) times seconds", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const [, , t0] = await f.pair.getReserves();
      await networkHelpers.time.setNextBlockTimestamp(t0 + 100n);
      await f.pair.sync();
      expect(await f.pair.price0CumulativeLast()).to.equal(((4_000n * Q112) / 1_000n) * 100n);
      expect(await f.pair.price1CumulativeLast()).to.equal(((1_000n * Q112) / 4_000n) * 100n);
      const [, , t1] = await f.pair.getReserves();
      expect(t1).to.equal(t0 + 100n);
    });

    it("wrap modulo 2^256 instead of reverting (accumulator set near 2^256)", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const pairAddress = await f.pair.getAddress();
      const start = 2n ** 256n - 10n;
      // Storage: slot 0 = reserves + timestamp, slot 1 = price0CumulativeLast, slot 2 = price1CumulativeLast.
      await networkHelpers.setStorageAt(pairAddress, 1n, start);
      const [, , t0] = await f.pair.getReserves();
      await networkHelpers.time.setNextBlockTimestamp(t0 + 10n);
      await f.pair.sync();
      expect(await f.pair.price0CumulativeLast()).to.equal((start + 4n * Q112 * 10n) % 2n ** 256n);
    });
  });

  describe("protocol fee", function () {
    it("mints feeTo 1/6 of the sqrt(k) growth and tracks kLast; turning it off clears kLast", async function () {
      const f = await networkHelpers.loadFixture(fixture);
      await f.factory.setFeeTo(f.bob.address);
      await addLiquidity(f, 1_000n * E18, 1_000n * E18, f.owner.address);
      expect(await f.pair.kLast()).to.equal(1_000n * E18 * 1_000n * E18);
      const pairAddress = await f.pair.getAddress();
      for (let i = 0; i < 4; i++) {
        const [r0, r1] = await f.pair.getReserves();
        await f.token0.transfer(pairAddress, 100n * E18);
        await f.pair.swap(0n, amountOut(100n * E18, r0, r1), f.owner.address, "0x");
        const [s0, s1] = await f.pair.getReserves();
        await f.token1.transfer(pairAddress, 100n * E18);
        await f.pair.swap(amountOut(100n * E18, s1, s0), 0n, f.owner.address, "0x");
      }
      const [r0, r1] = await f.pair.getReserves();
      const supply = await f.pair.totalSupply();
      const rootK = sqrt(r0 * r1);
      const rootKLast = 1_000n * E18;
      const expectedFee = (supply * (rootK - rootKLast)) / (rootK * 5n + rootKLast);
      await f.pair.transfer(pairAddress, E18);
      await f.pair.burn(f.owner.address);
      expect(await f.pair.balanceOf(f.bob.address)).to.equal(expectedFee);
      expect(expectedFee).to.be.greaterThan(0n);

      await f.factory.setFeeTo(ethers.ZeroAddress);
      await addLiquidity(f, E18, E18, f.owner.address);
      expect(await f.pair.kLast()).to.equal(0n);
    });
  });

  describe("permit", function () {
    it("sets an allowance from an EIP-2612 signature and bumps the nonce", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      const value = 123n;
      const deadline = 2n ** 40n;
      const { v, r, s } = await signLpPermit(f.owner, {
        pair: f.pair,
        spender: f.bob.address,
        value,
        nonce: 0n,
        deadline,
      });
      await expect(f.pair.permit(f.owner.address, f.bob.address, value, deadline, v, r, s))
        .to.emit(f.pair, "Approval")
        .withArgs(f.owner.address, f.bob.address, value);
      expect(await f.pair.allowance(f.owner.address, f.bob.address)).to.equal(value);
      expect(await f.pair.nonces(f.owner.address)).to.equal(1n);
      await expect(
        f.pair.permit(f.owner.address, f.bob.address, value, deadline, v, r, s),
      ).to.be.revertedWithCustomError(f.pair, "InvalidPermit");
    });
  });

  describe("LP token", function () {
    it("transfers, approves and transferFroms with events", async function () {
      const f = await networkHelpers.loadFixture(seeded);
      await expect(f.pair.transfer(f.alice.address, 10n))
        .to.emit(f.pair, "Transfer")
        .withArgs(f.owner.address, f.alice.address, 10n);
      await expect(f.pair.connect(f.alice).approve(f.bob.address, 4n))
        .to.emit(f.pair, "Approval")
        .withArgs(f.alice.address, f.bob.address, 4n);
      await f.pair.connect(f.bob).transferFrom(f.alice.address, f.bob.address, 4n);
      expect(await f.pair.balanceOf(f.bob.address)).to.equal(4n);
      expect(await f.pair.allowance(f.alice.address, f.bob.address)).to.equal(0n);
    });
  });
});
