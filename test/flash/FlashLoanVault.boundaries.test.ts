// The exact edges of the flash vault's money rules that the mutation run (issue 17, docs/testing.md) showed
// untested: each test sits on the boundary unit, where moving a bound by one changes the outcome.
import { expect } from "chai";
import { network } from "hardhat";
import type { FlashLoanVault, MockTaxedERC20 } from "../../types/ethers-contracts/index.js";

const { ethers, networkHelpers } = await network.create();

const FEE_BPS = 5n;
const OFFSET = 6;
const LIQUIDITY = 1_000_000n;

/** ceil(amount * bps / 10_000), the vault's documented fee. */
const feeOf = (amount: bigint, bps: bigint): bigint => (amount * bps + 9_999n) / 10_000n;

/** A vault over a fee-on-transfer token (tax 0 until a test sets it), with liquidity and a funded borrower. */
async function taxedVault() {
  const [admin] = await ethers.getSigners();
  const taxed = (await ethers.deployContract("MockTaxedERC20", [])) as unknown as MockTaxedERC20;
  const vault = (await ethers.deployContract("FlashLoanVault", [
    await taxed.getAddress(),
    "Taxed Vault",
    "fvTAX",
    admin!.address,
    FEE_BPS,
    OFFSET,
  ])) as unknown as FlashLoanVault;
  await taxed.mint(admin!.address, LIQUIDITY);
  await taxed.approve(vault.getAddress(), ethers.MaxUint256);
  await vault.deposit(LIQUIDITY, admin!.address);
  const borrower = await ethers.deployContract("ConfigurableFlashBorrower", [await vault.getAddress()]);
  await taxed.mint(borrower.getAddress(), LIQUIDITY);
  return { taxed, vault, borrower };
}

describe("FlashLoanVault: exact boundaries of money rules", function () {
  describe("repayment check", function () {
    it("refuses a repayment that leaves the vault one unit short of balance + fee", async function () {
      const { taxed, vault, borrower } = await networkHelpers.loadFixture(taxedVault);
      await taxed.setTaxBps(1); // 0.01 %: on 10,005 units pulled back, exactly 1 is burnt
      const amount = 10_000n;
      const fee = feeOf(amount, FEE_BPS);
      expect(((amount + fee) * 1n) / 10_000n).to.equal(1n);
      await expect(vault.flashLoan(borrower.getAddress(), taxed.getAddress(), amount, "0x"))
        .to.be.revertedWithCustomError(vault, "FlashLoanRepaymentShort")
        .withArgs(LIQUIDITY + fee, LIQUIDITY + fee - 1n);
    });

    it("accepts a repayment that restores exactly balance + fee", async function () {
      const { taxed, vault, borrower } = await networkHelpers.loadFixture(taxedVault);
      const amount = 10_000n;
      const fee = feeOf(amount, FEE_BPS);
      await expect(vault.flashLoan(borrower.getAddress(), taxed.getAddress(), amount, "0x"))
        .to.emit(vault, "FlashLoan")
        .withArgs(
          await ethers.provider.getSigner(0).then((s) => s.address),
          await borrower.getAddress(),
          await taxed.getAddress(),
          amount,
          fee,
        );
      expect(await taxed.balanceOf(vault.getAddress())).to.equal(LIQUIDITY + fee);
    });
  });
});
