// Why a spot price must never serve as an oracle: with one flash loan from the FlashLoanVault an attacker
// pushes a pair's spot price, borrows against inflated collateral from a lender that trusts the spot price
// and walks away with the difference — in one transaction. The same attack against a lender priced by the
// pair's TWAP reverts as a whole.
import { expect } from "chai";
import { network } from "hardhat";
import { deployFlashSide, DEFAULT_FLASH_SIDE, usdc, weth } from "../../scripts/deploy/flashSide.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const WINDOW = 3600;
const COLLATERAL = weth(100n);

async function fixture() {
  const side = await deployFlashSide(connection, DEFAULT_FLASH_SIDE);
  const [admin, attacker] = await ethers.getSigners();
  const oracle = await ethers.deployContract("TwapOracle", [side.pairA, WINDOW, 2 * WINDOW]);
  await networkHelpers.time.increase(WINDOW);
  await (await oracle.update()).wait();

  const lenderArgs = [side.usdc, side.weth] as const;
  const spotLender = await ethers.deployContract("CollateralLender", [
    side.pairA,
    ethers.ZeroAddress,
    ...lenderArgs,
  ]);
  const twapLender = await ethers.deployContract("CollateralLender", [side.pairA, oracle, ...lenderArgs]);
  for (const lender of [spotLender, twapLender]) {
    await (await side.usdc.mint(await lender.getAddress(), usdc(500_000n))).wait();
  }
  const deployAttacker = async (victim: string) => {
    const contract = await ethers.deployContract(
      "SpotManipulationAttacker",
      [side.vault, side.pairA, victim],
      attacker!,
    );
    await (await side.weth.connect(admin!).mint(await contract.getAddress(), COLLATERAL)).wait();
    return contract;
  };
  return { side, oracle, spotLender, twapLender, attacker: attacker!, deployAttacker };
}

describe("flash-loan oracle manipulation (integration)", () => {
  it("drains a lender that values collateral at the spot price, in one transaction", async () => {
    const { side, spotLender, attacker, deployAttacker } = await networkHelpers.loadFixture(fixture);
    const contract = await deployAttacker(await spotLender.getAddress());
    const flashAmount = await side.vault.maxFlashLoan(await side.usdc.getAddress());
    const fairValue = await spotLender.collateralValue(COLLATERAL); // before the manipulation
    const loan = usdc(330_000n); // 75 % LTV of ~2.2x the fair value

    await expect(contract.connect(attacker).attack(side.usdc, flashAmount, COLLATERAL, loan)).to.emit(
      spotLender,
      "Borrowed",
    );
    const gained = await side.usdc.balanceOf(attacker.address);
    // The attacker gave up 100 WETH worth `fairValue` and received far more in USDC.
    expect(gained).to.be.greaterThan(fairValue + usdc(100_000n));
    expect(await side.weth.balanceOf(await spotLender.getAddress())).to.equal(COLLATERAL);
    console.log(
      `      attacker: collateral worth ${ethers.formatUnits(fairValue, 6)} USDC -> ${ethers.formatUnits(gained, 6)} USDC`,
    );
  });

  it("fails against a lender priced by the pair's TWAP: the whole transaction, loan included, reverts", async () => {
    const { side, oracle, twapLender, attacker, deployAttacker } = await networkHelpers.loadFixture(fixture);
    const contract = await deployAttacker(await twapLender.getAddress());
    const flashAmount = await side.vault.maxFlashLoan(await side.usdc.getAddress());
    const fairValue = await oracle.consult(await side.weth.getAddress(), COLLATERAL);
    const allowed = (fairValue * 7_500n) / 10_000n;
    const vaultAssets = await side.vault.totalAssets();

    await expect(contract.connect(attacker).attack(side.usdc, flashAmount, COLLATERAL, usdc(330_000n)))
      .to.be.revertedWithCustomError(twapLender, "LoanAboveCollateralValue")
      .withArgs(usdc(330_000n), allowed);
    expect(await side.vault.totalAssets()).to.equal(vaultAssets);
    expect(await side.usdc.balanceOf(attacker.address)).to.equal(0n);
  });

  it("the attacker contract only accepts its own loans from its own lender", async () => {
    const { side, spotLender, attacker, deployAttacker } = await networkHelpers.loadFixture(fixture);
    const contract = await deployAttacker(await spotLender.getAddress());
    await expect(contract.onFlashLoan(attacker.address, side.usdc, 1n, 0n, "0x"))
      .to.be.revertedWithCustomError(contract, "UntrustedCallback")
      .withArgs(attacker.address, attacker.address); // the contract is connected to the attacker
  });
});
