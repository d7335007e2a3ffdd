// The arbitrage borrowers end to end: FlashLoanVault + two constant-product DEXes + FlashArbitrageur /
// FlashSwapArbitrageur, deployed with the same helper the demo uses.
import { expect } from "chai";
import { network } from "hardhat";
import {
  deployFlashSide,
  orderedReserves,
  DEFAULT_FLASH_SIDE,
  usdc,
  type FlashSide,
} from "../../scripts/deploy/flashSide.js";
import { amountIn, amountOut, optimalArbitrageInput, roundTrip } from "../../scripts/deploy/arbitrage.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function flashSideFixture(): Promise<FlashSide> {
  return deployFlashSide(connection, DEFAULT_FLASH_SIDE);
}

describe("arbitrage borrowers (integration)", () => {
  describe("FlashArbitrageur", () => {
    it("borrows, closes the gap, repays amount + fee and sends the profit to its owner", async () => {
      const side = await networkHelpers.loadFixture(flashSideFixture);
      const [owner] = await ethers.getSigners();
      const usdcAddress = await side.usdc.getAddress();
      const cheap = await orderedReserves(side.pairA, usdcAddress);
      const dear = await orderedReserves(side.pairB, usdcAddress);
      const amount = optimalArbitrageInput(cheap, dear);
      expect(amount).to.be.greaterThan(0n);
      const fee = await side.vault.flashFee(usdcAddress, amount);
      const profit = roundTrip(amount, cheap, dear) - amount - fee;
      expect(profit).to.be.greaterThan(0n);
      const assetsBefore = await side.vault.totalAssets();

      const tx = side.arbitrageur.arbitrage(usdcAddress, side.pairA, side.pairB, amount, profit);
      await expect(tx)
        .to.emit(side.arbitrageur, "ArbitrageExecuted")
        .withArgs(
          usdcAddress,
          await side.pairA.getAddress(),
          await side.pairB.getAddress(),
          amount,
          fee,
          profit,
        );
      await expect(tx).to.changeTokenBalance(ethers, side.usdc, owner!, profit);
      expect(await side.vault.totalAssets()).to.equal(assetsBefore + fee);
      expect(await side.usdc.balanceOf(await side.arbitrageur.getAddress())).to.equal(0n);

      // The gap is (almost) closed: the same trade now loses money.
      const after = optimalArbitrageInput(
        await orderedReserves(side.pairA, usdcAddress),
        await orderedReserves(side.pairB, usdcAddress),
      );
      expect(after).to.be.lessThan(amount / 100n);
    });

    it("reverts as a whole when the profit is below the owner's minimum: no trace of the loan", async () => {
      const side = await networkHelpers.loadFixture(flashSideFixture);
      const usdcAddress = await side.usdc.getAddress();
      const cheap = await orderedReserves(side.pairA, usdcAddress);
      const dear = await orderedReserves(side.pairB, usdcAddress);
      const amount = optimalArbitrageInput(cheap, dear);
      const fee = await side.vault.flashFee(usdcAddress, amount);
      const balance = roundTrip(amount, cheap, dear);
      const tooMuch = balance - amount - fee + 1n;
      const assetsBefore = await side.vault.totalAssets();

      await expect(side.arbitrageur.arbitrage(usdcAddress, side.pairA, side.pairB, amount, tooMuch))
        .to.be.revertedWithCustomError(side.arbitrageur, "ProfitBelowMinimum")
        .withArgs(balance, amount + fee, tooMuch);
      expect(await side.vault.totalAssets()).to.equal(assetsBefore);
      expect(await orderedReserves(side.pairA, usdcAddress)).to.deep.equal(cheap);
      expect(await orderedReserves(side.pairB, usdcAddress)).to.deep.equal(dear);
    });

    it("loses (and so reverts) when trading in the wrong direction, even with a zero minimum", async () => {
      const side = await networkHelpers.loadFixture(flashSideFixture);
      await expect(
        side.arbitrageur.arbitrage(await side.usdc.getAddress(), side.pairB, side.pairA, usdc(10_000n), 0n),
      ).to.be.revertedWithCustomError(side.arbitrageur, "ProfitBelowMinimum");
    });

    it("only the owner starts an arbitrage, and only between two different pairs", async () => {
      const side = await networkHelpers.loadFixture(flashSideFixture);
      const [, stranger] = await ethers.getSigners();
      const usdcAddress = await side.usdc.getAddress();
      await expect(side.arbitrageur.connect(stranger!).arbitrage(usdcAddress, side.pairA, side.pairB, 1n, 0n))
        .to.be.revertedWithCustomError(side.arbitrageur, "NotOwner")
        .withArgs(stranger!.address);
      await expect(side.arbitrageur.arbitrage(usdcAddress, side.pairA, side.pairA, 1n, 0n))
        .to.be.revertedWithCustomError(side.arbitrageur, "SamePair")
        .withArgs(await side.pairA.getAddress());
    });

    it("refuses callbacks from anyone but its lender, and loans it did not start", async () => {
      const side = await networkHelpers.loadFixture(flashSideFixture);
      const [owner, stranger] = await ethers.getSigners();
      const usdcAddress = await side.usdc.getAddress();
      await expect(side.arbitrageur.onFlashLoan(owner!.address, usdcAddress, 1n, 0n, "0x"))
        .to.be.revertedWithCustomError(side.arbitrageur, "UntrustedLender")
        .withArgs(owner!.address);
      // A stranger pushes a loan into it through the real vault: the fee would be the arbitrageur's loss.
      const data = ethers.AbiCoder.defaultAbiCoder().encode(
        ["address", "address", "uint256"],
        [await side.pairA.getAddress(), await side.pairB.getAddress(), 0n],
      );
      await expect(side.vault.connect(stranger!).flashLoan(side.arbitrageur, usdcAddress, usdc(1_000n), data))
        .to.be.revertedWithCustomError(side.arbitrageur, "UntrustedInitiator")
        .withArgs(stranger!.address);
    });

    it("names a pair that does not hold the loan token", async () => {
      const side = await networkHelpers.loadFixture(flashSideFixture);
      const dai = await ethers.deployContract("MockERC20", ["Dai (test)", "DAI", 18]);
      await (await side.factoryA.createPair(side.weth, dai)).wait();
      const wethDai = await side.factoryA.getPair(side.weth, dai);
      await expect(side.arbitrageur.arbitrage(side.usdc, wethDai, side.pairB, usdc(1_000n), 0n))
        .to.be.revertedWithCustomError(side.arbitrageur, "PairSwapsTokenNotInPair")
        .withArgs(wethDai, await side.usdc.getAddress());
    });
  });

  describe("FlashSwapArbitrageur", () => {
    it("takes WETH out of the cheap pair first, sells it on the dear pair and repays in USDC", async () => {
      const side = await networkHelpers.loadFixture(flashSideFixture);
      const [owner] = await ethers.getSigners();
      const usdcAddress = await side.usdc.getAddress();
      const cheap = await orderedReserves(side.pairA, usdcAddress);
      const dear = await orderedReserves(side.pairB, usdcAddress);
      // Borrow the WETH the optimal USDC input would have bought.
      const wethOut = amountOut(optimalArbitrageInput(cheap, dear), cheap.loan, cheap.other);
      const received = amountOut(wethOut, dear.other, dear.loan);
      const repay = amountIn(wethOut, cheap.loan, cheap.other);
      const profit = received - repay;
      expect(profit).to.be.greaterThan(0n);

      const tx = side.flashSwapArbitrageur.arbitrage(usdcAddress, side.pairA, side.pairB, wethOut, profit);
      await expect(tx)
        .to.emit(side.flashSwapArbitrageur, "FlashSwapArbitrageExecuted")
        .withArgs(
          usdcAddress,
          await side.pairA.getAddress(),
          await side.pairB.getAddress(),
          wethOut,
          repay,
          profit,
        );
      await expect(tx).to.changeTokenBalance(ethers, side.usdc, owner!, profit);
    });

    it("reverts as a whole below the minimum profit", async () => {
      const side = await networkHelpers.loadFixture(flashSideFixture);
      const usdcAddress = await side.usdc.getAddress();
      const cheap = await orderedReserves(side.pairA, usdcAddress);
      const wethOut = cheap.other / 100n;
      await expect(
        side.flashSwapArbitrageur.arbitrage(usdcAddress, side.pairA, side.pairB, wethOut, usdc(1_000_000n)),
      ).to.be.revertedWithCustomError(side.flashSwapArbitrageur, "ProfitBelowMinimum");
      expect(await orderedReserves(side.pairA, usdcAddress)).to.deep.equal(cheap);
    });

    it("only the owner starts it, with two different pairs; callbacks only from the pair it swaps with", async () => {
      const side = await networkHelpers.loadFixture(flashSideFixture);
      const [owner, stranger] = await ethers.getSigners();
      const usdcAddress = await side.usdc.getAddress();
      await expect(
        side.flashSwapArbitrageur.connect(stranger!).arbitrage(usdcAddress, side.pairA, side.pairB, 1n, 0n),
      )
        .to.be.revertedWithCustomError(side.flashSwapArbitrageur, "NotOwner")
        .withArgs(stranger!.address);
      await expect(side.flashSwapArbitrageur.arbitrage(usdcAddress, side.pairB, side.pairB, 1n, 0n))
        .to.be.revertedWithCustomError(side.flashSwapArbitrageur, "SamePair")
        .withArgs(await side.pairB.getAddress());
      await expect(side.flashSwapArbitrageur.uniswapV2Call(owner!.address, 0n, 1n, "0x"))
        .to.be.revertedWithCustomError(side.flashSwapArbitrageur, "UntrustedPair")
        .withArgs(owner!.address);
    });
  });
});
