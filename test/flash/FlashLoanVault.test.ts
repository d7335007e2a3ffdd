import { expect } from "chai";
import { network } from "hardhat";
import type {
  ConfigurableFlashBorrower,
  FlashLoanVault,
  MockERC20,
  MockTaxedERC20,
} from "../../types/ethers-contracts/index.js";

const { ethers, networkHelpers } = await network.create();

const USDC = 10n ** 6n; // the stablecoin has 6 decimals
const FEE_BPS = 5n;
const OFFSET = 6;
const SUCCESS = ethers.id("ERC3156FlashBorrower.onFlashLoan");

// ConfigurableFlashBorrower.Mode
const Mode = {
  Honest: 0,
  WrongReturn: 1,
  NoApproval: 2,
  ShortApproval: 3,
  ReenterDeposit: 4,
  ReenterMint: 5,
  ReenterWithdraw: 6,
  ReenterRedeem: 7,
  ReenterFlashLoan: 8,
  RepayByDeposit: 9,
  Overpay: 10,
} as const;

/** ceil(amount * bps / 10_000), the vault's documented fee. */
const feeOf = (amount: bigint, bps: bigint): bigint => (amount * bps + 9_999n) / 10_000n;

async function deployFixture() {
  const [admin, lp, user, guardian, stranger] = await ethers.getSigners();
  const token = (await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6])) as unknown as MockERC20;
  const vault = (await ethers.deployContract("FlashLoanVault", [
    await token.getAddress(),
    "Flash Vault USDC",
    "fvUSDC",
    admin!.address,
    FEE_BPS,
    OFFSET,
  ])) as unknown as FlashLoanVault;
  const vaultAddress = await vault.getAddress();
  const tokenAddress = await token.getAddress();
  for (const s of [lp!, user!]) {
    await token.mint(s.address, 1_000_000n * USDC);
    await token.connect(s).approve(vaultAddress, ethers.MaxUint256);
  }
  await vault.connect(lp!).deposit(100_000n * USDC, lp!.address);
  const borrower = (await ethers.deployContract("ConfigurableFlashBorrower", [
    vaultAddress,
  ])) as unknown as ConfigurableFlashBorrower;
  const borrowerAddress = await borrower.getAddress();
  await token.mint(borrowerAddress, 1_000n * USDC); // pays the fees
  await vault.grantRole(await vault.GUARDIAN_ROLE(), guardian!.address);
  return {
    admin: admin!,
    lp: lp!,
    user: user!,
    guardian: guardian!,
    stranger: stranger!,
    token,
    vault,
    vaultAddress,
    tokenAddress,
    borrower,
    borrowerAddress,
  };
}

describe("FlashLoanVault", function () {
  describe("constructor", function () {
    it("sets asset, metadata, roles, fee and the virtual-share offset", async function () {
      const { vault, admin, tokenAddress } = await networkHelpers.loadFixture(deployFixture);
      expect(await vault.asset()).to.equal(tokenAddress);
      expect(await vault.name()).to.equal("Flash Vault USDC");
      expect(await vault.symbol()).to.equal("fvUSDC");
      expect(await vault.decimals()).to.equal(6 + OFFSET);
      expect(await vault.flashFeeBps()).to.equal(FEE_BPS);
      expect(await vault.MAX_FLASH_FEE_BPS()).to.equal(100n);
      expect(await vault.MAX_DECIMALS_OFFSET()).to.equal(18n);
      for (const role of [
        await vault.DEFAULT_ADMIN_ROLE(),
        await vault.FEE_SETTER_ROLE(),
        await vault.GUARDIAN_ROLE(),
      ]) {
        expect(await vault.hasRole(role, admin.address)).to.equal(true);
      }
      expect(await vault.FEE_SETTER_ROLE()).to.equal(ethers.id("FEE_SETTER_ROLE"));
      expect(await vault.GUARDIAN_ROLE()).to.equal(ethers.id("GUARDIAN_ROLE"));
      expect(await vault.flashLoanInProgress()).to.equal(false);
      expect(await vault.paused()).to.equal(false);
    });

    it("emits FlashFeeUpdated(0, initial fee)", async function () {
      const { admin, tokenAddress } = await networkHelpers.loadFixture(deployFixture);
      const factory = await ethers.getContractFactory("FlashLoanVault");
      const vault = await factory.deploy(tokenAddress, "n", "s", admin.address, 7, OFFSET);
      await expect(vault.deploymentTransaction()).to.emit(vault, "FlashFeeUpdated").withArgs(0n, 7n);
    });

    it("reverts on a zero admin, a fee above the cap and an offset above 18", async function () {
      const { admin, tokenAddress } = await networkHelpers.loadFixture(deployFixture);
      const factory = await ethers.getContractFactory("FlashLoanVault");
      await expect(
        factory.deploy(tokenAddress, "n", "s", ethers.ZeroAddress, 5, OFFSET),
      ).to.be.revertedWithCustomError(factory, "ZeroAdmin");
      await expect(factory.deploy(tokenAddress, "n", "s", admin.address, 101, OFFSET))
        .to.be.revertedWithCustomError(factory, "FlashFeeAboveCap")
        .withArgs(101n, 100n);
      await expect(factory.deploy(tokenAddress, "n", "s", admin.address, 5, 19))
        .to.be.revertedWithCustomError(factory, "DecimalsOffsetTooLarge")
        .withArgs(19, 18);
      await factory.deploy(tokenAddress, "n", "s", admin.address, 100, 18); // both at their caps
    });
  });

  describe("flashFee / maxFlashLoan", function () {
    it("rounds the fee up: ceil(amount * bps / 10_000)", async function () {
      const { vault, tokenAddress } = await networkHelpers.loadFixture(deployFixture);
      const cases: Array<[bigint, bigint]> = [
        [0n, 0n],
        [1n, 1n],
        [1_999n, 1n],
        [2_000n, 1n],
        [2_001n, 2n],
        [10_000n, 5n],
        [10_001n, 6n],
        [1_000n * USDC, 500_000n],
      ];
      for (const [amount, fee] of cases) {
        expect(await vault.flashFee(tokenAddress, amount)).to.equal(fee);
        expect(feeOf(amount, FEE_BPS)).to.equal(fee);
      }
      // No overflow for any amount: split into a multiple of 10_000 plus a remainder.
      const huge = ethers.MaxUint256;
      expect(await vault.flashFee(tokenAddress, huge)).to.equal(
        (huge / 10_000n) * 5n + feeOf(huge % 10_000n, 5n),
      );
    });

    it("charges nothing at a zero fee", async function () {
      const { vault, tokenAddress } = await networkHelpers.loadFixture(deployFixture);
      await vault.setFlashFeeBps(0);
      expect(await vault.flashFee(tokenAddress, 123_456_789n)).to.equal(0n);
    });

    it("reverts flashFee for another token", async function () {
      const { vault, user } = await networkHelpers.loadFixture(deployFixture);
      await expect(vault.flashFee(user.address, 1))
        .to.be.revertedWithCustomError(vault, "FlashLoanUnsupportedToken")
        .withArgs(user.address);
    });

    it("lends the idle balance of the asset only, and nothing while paused", async function () {
      const { vault, tokenAddress, user } = await networkHelpers.loadFixture(deployFixture);
      expect(await vault.maxFlashLoan(tokenAddress)).to.equal(100_000n * USDC);
      expect(await vault.maxFlashLoan(user.address)).to.equal(0n);
      await vault.pause();
      expect(await vault.maxFlashLoan(tokenAddress)).to.equal(0n);
    });
  });

  describe("setFlashFeeBps", function () {
    it("updates the fee up to the cap and emits FlashFeeUpdated(old, new)", async function () {
      const { vault } = await networkHelpers.loadFixture(deployFixture);
      await expect(vault.setFlashFeeBps(100)).to.emit(vault, "FlashFeeUpdated").withArgs(FEE_BPS, 100n);
      expect(await vault.flashFeeBps()).to.equal(100n);
    });

    it("reverts above the cap", async function () {
      const { vault } = await networkHelpers.loadFixture(deployFixture);
      await expect(vault.setFlashFeeBps(101))
        .to.be.revertedWithCustomError(vault, "FlashFeeAboveCap")
        .withArgs(101n, 100n);
    });

    it("reverts for an account without FEE_SETTER_ROLE", async function () {
      const { vault, stranger } = await networkHelpers.loadFixture(deployFixture);
      await expect(vault.connect(stranger).setFlashFeeBps(1))
        .to.be.revertedWithCustomError(vault, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, await vault.FEE_SETTER_ROLE());
    });
  });

  describe("pause / unpause", function () {
    it("lets the guardian pause and unpause, with events", async function () {
      const { vault, guardian } = await networkHelpers.loadFixture(deployFixture);
      await expect(vault.connect(guardian).pause()).to.emit(vault, "Paused").withArgs(guardian.address);
      expect(await vault.paused()).to.equal(true);
      await expect(vault.connect(guardian).unpause()).to.emit(vault, "Unpaused").withArgs(guardian.address);
      expect(await vault.paused()).to.equal(false);
    });

    it("reverts for a non-guardian and on a repeated pause or unpause", async function () {
      const { vault, stranger } = await networkHelpers.loadFixture(deployFixture);
      const role = await vault.GUARDIAN_ROLE();
      await expect(vault.connect(stranger).pause())
        .to.be.revertedWithCustomError(vault, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, role);
      await expect(vault.connect(stranger).unpause())
        .to.be.revertedWithCustomError(vault, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, role);
      await expect(vault.unpause()).to.be.revertedWithCustomError(vault, "ExpectedPause");
      await vault.pause();
      await expect(vault.pause()).to.be.revertedWithCustomError(vault, "EnforcedPause");
    });

    it("stops loans, deposits and mints but never withdrawals and redemptions", async function () {
      const { vault, lp, user, borrowerAddress, tokenAddress, token } =
        await networkHelpers.loadFixture(deployFixture);
      await vault.pause();
      await expect(vault.flashLoan(borrowerAddress, tokenAddress, 1n, "0x")).to.be.revertedWithCustomError(
        vault,
        "EnforcedPause",
      );
      await expect(vault.connect(user).deposit(USDC, user.address)).to.be.revertedWithCustomError(
        vault,
        "EnforcedPause",
      );
      await expect(vault.connect(user).mint(USDC, user.address)).to.be.revertedWithCustomError(
        vault,
        "EnforcedPause",
      );
      expect(await vault.maxDeposit(user.address)).to.equal(0n);
      expect(await vault.maxMint(user.address)).to.equal(0n);
      const maxWithdraw = await vault.maxWithdraw(lp.address);
      expect(maxWithdraw).to.equal(100_000n * USDC);
      await expect(vault.connect(lp).withdraw(USDC, lp.address, lp.address)).to.changeTokenBalances(
        ethers,
        token,
        [lp, vault],
        [USDC, -USDC],
      );
      const shares = await vault.maxRedeem(lp.address);
      await vault.connect(lp).redeem(shares, lp.address, lp.address);
      expect(await vault.balanceOf(lp.address)).to.equal(0n);
    });
  });

  describe("ERC-4626 deposit / mint / withdraw / redeem", function () {
    it("deposits and mints with Deposit events; withdraws and redeems with Withdraw events", async function () {
      const { vault, user, token } = await networkHelpers.loadFixture(deployFixture);
      const shares = await vault.previewDeposit(1_000n * USDC);
      expect(shares).to.equal(1_000n * USDC * 10n ** BigInt(OFFSET));
      await expect(vault.connect(user).deposit(1_000n * USDC, user.address))
        .to.emit(vault, "Deposit")
        .withArgs(user.address, user.address, 1_000n * USDC, shares);
      const assets = await vault.previewMint(shares);
      await expect(vault.connect(user).mint(shares, user.address))
        .to.emit(vault, "Deposit")
        .withArgs(user.address, user.address, assets, shares);
      const burn = await vault.previewWithdraw(500n * USDC);
      await expect(vault.connect(user).withdraw(500n * USDC, user.address, user.address))
        .to.emit(vault, "Withdraw")
        .withArgs(user.address, user.address, user.address, 500n * USDC, burn);
      const out = await vault.previewRedeem(shares);
      await expect(vault.connect(user).redeem(shares, user.address, user.address))
        .to.emit(vault, "Withdraw")
        .withArgs(user.address, user.address, user.address, out, shares);
      expect(await token.balanceOf(user.address)).to.equal(
        1_000_000n * USDC - 1_000n * USDC - assets + 500n * USDC + out,
      );
    });

    it("keeps OpenZeppelin's max* reverts", async function () {
      const { vault, user } = await networkHelpers.loadFixture(deployFixture);
      await expect(vault.connect(user).redeem(1n, user.address, user.address))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxRedeem")
        .withArgs(user.address, 1n, 0n);
      await expect(vault.connect(user).withdraw(1n, user.address, user.address))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxWithdraw")
        .withArgs(user.address, 1n, 0n);
    });
  });

  describe("flashLoan", function () {
    it("lends, calls back, pulls amount + fee, emits FlashLoan and returns true", async function () {
      const { vault, admin, token, tokenAddress, borrower, borrowerAddress } =
        await networkHelpers.loadFixture(deployFixture);
      const amount = 50_000n * USDC;
      const fee = feeOf(amount, FEE_BPS);
      expect(await vault.flashLoan.staticCall(borrowerAddress, tokenAddress, amount, "0x1234")).to.equal(
        true,
      );
      await expect(vault.flashLoan(borrowerAddress, tokenAddress, amount, "0x1234"))
        .to.emit(vault, "FlashLoan")
        .withArgs(admin.address, borrowerAddress, tokenAddress, amount, fee);
      await expect(vault.flashLoan(borrowerAddress, tokenAddress, amount, "0x1234")).to.changeTokenBalances(
        ethers,
        token,
        [vault, borrower],
        [fee, -fee],
      );
      expect(await borrower.lastInitiator()).to.equal(admin.address);
      expect(await borrower.lastAmount()).to.equal(amount);
      expect(await borrower.lastFee()).to.equal(fee);
      expect(await borrower.lastData()).to.equal("0x1234");
      expect(await vault.flashLoanInProgress()).to.equal(false);
    });

    it("passes the caller as initiator when a contract borrows for itself", async function () {
      const { vault, tokenAddress, borrower, borrowerAddress } =
        await networkHelpers.loadFixture(deployFixture);
      const fee = feeOf(USDC, FEE_BPS);
      await expect(borrower.borrow(USDC, "0xbeef"))
        .to.emit(vault, "FlashLoan")
        .withArgs(borrowerAddress, borrowerAddress, tokenAddress, USDC, fee);
      expect(await borrower.lastInitiator()).to.equal(borrowerAddress);
    });

    it("works with the minimal pre-approved borrower (the benchmark's)", async function () {
      const { vault, token, tokenAddress, vaultAddress } = await networkHelpers.loadFixture(deployFixture);
      const minimal = await ethers.deployContract("MinimalFlashBorrower", [tokenAddress, vaultAddress]);
      await token.mint(minimal.getAddress(), 100n * USDC); // pays the fee
      const amount = 99_999n * USDC;
      const fee = feeOf(amount, FEE_BPS);
      await expect(vault.flashLoan(minimal.getAddress(), tokenAddress, amount, "0x")).to.changeTokenBalances(
        ethers,
        token,
        [vaultAddress, await minimal.getAddress()],
        [fee, -fee],
      );
    });

    it("keeps an overpayment (it raises the share price like a donation)", async function () {
      const { vault, token, tokenAddress, borrower, borrowerAddress } =
        await networkHelpers.loadFixture(deployFixture);
      await borrower.setMode(Mode.Overpay);
      const amount = 10_000n * USDC;
      const fee = feeOf(amount, FEE_BPS);
      await expect(vault.flashLoan(borrowerAddress, tokenAddress, amount, "0x")).to.changeTokenBalances(
        ethers,
        token,
        [vault, borrower],
        [2n * fee + 1n, -(2n * fee + 1n)],
      );
    });

    it("lends the whole idle balance and a single wei", async function () {
      const { vault, tokenAddress, borrowerAddress } = await networkHelpers.loadFixture(deployFixture);
      const max = await vault.maxFlashLoan(tokenAddress);
      await expect(vault.flashLoan(borrowerAddress, tokenAddress, max, "0x")).to.emit(vault, "FlashLoan");
      await expect(vault.flashLoan(borrowerAddress, tokenAddress, 1n, "0x"))
        .to.emit(vault, "FlashLoan")
        .withArgs(anyAddress(), borrowerAddress, tokenAddress, 1n, 1n); // the fee rounds up to 1 wei
    });

    it("refuses a zero amount with FlashLoanZeroAmount, before calling the borrower", async function () {
      const { vault, tokenAddress, borrowerAddress } = await networkHelpers.loadFixture(deployFixture);
      const assets = await vault.totalAssets();
      await expect(vault.flashLoan(borrowerAddress, tokenAddress, 0n, "0x")).to.be.revertedWithCustomError(
        vault,
        "FlashLoanZeroAmount",
      );
      expect(await vault.totalAssets()).to.equal(assets);
      expect(await vault.flashLoanInProgress()).to.equal(false);
    });

    it("raises the share price by the fee", async function () {
      const { vault, tokenAddress, borrowerAddress } = await networkHelpers.loadFixture(deployFixture);
      const oneShare = 10n ** BigInt(6 + OFFSET);
      const priceBefore = await vault.convertToAssets(oneShare * 1_000n);
      const assetsBefore = await vault.totalAssets();
      const amount = 80_000n * USDC;
      await vault.flashLoan(borrowerAddress, tokenAddress, amount, "0x");
      expect(await vault.totalAssets()).to.equal(assetsBefore + feeOf(amount, FEE_BPS));
      expect(await vault.convertToAssets(oneShare * 1_000n)).to.be.greaterThan(priceBefore);
    });

    it("reverts for another token", async function () {
      const { vault, user, borrowerAddress } = await networkHelpers.loadFixture(deployFixture);
      await expect(vault.flashLoan(borrowerAddress, user.address, 1n, "0x"))
        .to.be.revertedWithCustomError(vault, "FlashLoanUnsupportedToken")
        .withArgs(user.address);
    });

    it("reverts above the idle balance with the values", async function () {
      const { vault, tokenAddress, borrowerAddress } = await networkHelpers.loadFixture(deployFixture);
      const max = await vault.maxFlashLoan(tokenAddress);
      await expect(vault.flashLoan(borrowerAddress, tokenAddress, max + 1n, "0x"))
        .to.be.revertedWithCustomError(vault, "FlashLoanAmountAboveMax")
        .withArgs(tokenAddress, max + 1n, max);
    });

    it("reverts when the callback returns the wrong value", async function () {
      const { vault, tokenAddress, borrower, borrowerAddress } =
        await networkHelpers.loadFixture(deployFixture);
      await borrower.setMode(Mode.WrongReturn);
      await expect(vault.flashLoan(borrowerAddress, tokenAddress, USDC, "0x"))
        .to.be.revertedWithCustomError(vault, "FlashLoanCallbackFailed")
        .withArgs(borrowerAddress, ethers.id("wrong"));
    });

    it("reverts when the borrower has not approved the repayment (or only the amount)", async function () {
      const { vault, token, tokenAddress, borrower, borrowerAddress, vaultAddress } =
        await networkHelpers.loadFixture(deployFixture);
      const amount = 10_000n * USDC;
      const due = amount + feeOf(amount, FEE_BPS);
      await borrower.setMode(Mode.NoApproval);
      await expect(vault.flashLoan(borrowerAddress, tokenAddress, amount, "0x"))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(vaultAddress, 0n, due);
      await borrower.setMode(Mode.ShortApproval);
      await expect(vault.flashLoan(borrowerAddress, tokenAddress, amount, "0x"))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(vaultAddress, amount, due);
    });

    it("reverts when the borrower cannot pay the fee", async function () {
      const { vault, token, tokenAddress, vaultAddress } = await networkHelpers.loadFixture(deployFixture);
      const poor = await ethers.deployContract("ConfigurableFlashBorrower", [vaultAddress]);
      const amount = 10_000n * USDC;
      await expect(vault.flashLoan(poor.getAddress(), tokenAddress, amount, "0x"))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(await poor.getAddress(), amount, amount + feeOf(amount, FEE_BPS));
    });

    it("reverts with FlashLoanRepaymentShort when the balance grew by less than the fee", async function () {
      const { admin } = await networkHelpers.loadFixture(deployFixture);
      const taxed = (await ethers.deployContract("MockTaxedERC20", [])) as unknown as MockTaxedERC20;
      const vault = (await ethers.deployContract("FlashLoanVault", [
        await taxed.getAddress(),
        "Taxed Vault",
        "fvTAX",
        admin.address,
        FEE_BPS,
        OFFSET,
      ])) as unknown as FlashLoanVault;
      await taxed.mint(admin.address, 1_000_000n);
      await taxed.approve(vault.getAddress(), ethers.MaxUint256);
      await vault.deposit(1_000_000n, admin.address);
      const borrower = await ethers.deployContract("ConfigurableFlashBorrower", [await vault.getAddress()]);
      await taxed.mint(borrower.getAddress(), 1_000_000n);
      await taxed.setTaxBps(100); // 1 % of every transfer is burnt
      const amount = 100_000n;
      const fee = feeOf(amount, FEE_BPS);
      // Out: the vault sends `amount`; back: transferFrom asks for amount + fee but 1 % of it is burnt.
      const back = amount + fee - (amount + fee) / 100n;
      const expected = 1_000_000n + fee;
      const actual = 1_000_000n - amount + back;
      await expect(vault.flashLoan(borrower.getAddress(), taxed.getAddress(), amount, "0x"))
        .to.be.revertedWithCustomError(vault, "FlashLoanRepaymentShort")
        .withArgs(expected, actual);
    });
  });

  describe("attacks from inside the callback", function () {
    const reentries: Array<[string, number]> = [
      ["deposit", Mode.ReenterDeposit],
      ["mint", Mode.ReenterMint],
      ["withdraw", Mode.ReenterWithdraw],
      ["redeem", Mode.ReenterRedeem],
      ["a nested flashLoan", Mode.ReenterFlashLoan],
      ["repay-by-deposit", Mode.RepayByDeposit],
    ];
    for (const [name, mode] of reentries) {
      it(`reverts the whole loan when the borrower re-enters with ${name}`, async function () {
        const { vault, token, tokenAddress, borrower, borrowerAddress } =
          await networkHelpers.loadFixture(deployFixture);
        await borrower.depositToVault(100n * USDC); // holds shares to withdraw or redeem
        await borrower.setMode(mode);
        const vaultBalance = await token.balanceOf(vault.getAddress());
        await expect(
          vault.flashLoan(borrowerAddress, tokenAddress, 1_000n * USDC, "0x"),
        ).to.be.revertedWithCustomError(vault, "FlashLoanInProgress");
        expect(await token.balanceOf(vault.getAddress())).to.equal(vaultBalance);
        expect(await vault.flashLoanInProgress()).to.equal(false);
      });
    }

    it("sees constant totalAssets, convertTo* and preview* during a loan, and max* = 0", async function () {
      const { vault, token, tokenAddress, borrower, borrowerAddress } =
        await networkHelpers.loadFixture(deployFixture);
      await borrower.depositToVault(100n * USDC);
      const unit = 10n ** 18n;
      const outside = {
        totalAssets: await vault.totalAssets(),
        convertToAssets: await vault.convertToAssets(unit),
        convertToShares: await vault.convertToShares(unit),
        previewDeposit: await vault.previewDeposit(unit),
        previewMint: await vault.previewMint(unit),
        previewWithdraw: await vault.previewWithdraw(unit),
        previewRedeem: await vault.previewRedeem(unit),
      };
      expect(await vault.maxWithdraw(borrowerAddress)).to.be.greaterThan(0n);
      await vault.flashLoan(borrowerAddress, tokenAddress, 90_000n * USDC, "0x");
      const seen = await borrower.views();
      expect(seen.inProgress).to.equal(true);
      expect(seen.totalAssets).to.equal(outside.totalAssets);
      expect(seen.convertToAssets).to.equal(outside.convertToAssets);
      expect(seen.convertToShares).to.equal(outside.convertToShares);
      expect(seen.previewDeposit).to.equal(outside.previewDeposit);
      expect(seen.previewMint).to.equal(outside.previewMint);
      expect(seen.previewWithdraw).to.equal(outside.previewWithdraw);
      expect(seen.previewRedeem).to.equal(outside.previewRedeem);
      expect(seen.maxDeposit).to.equal(0n);
      expect(seen.maxMint).to.equal(0n);
      expect(seen.maxWithdraw).to.equal(0n);
      expect(seen.maxRedeem).to.equal(0n);
      expect(seen.maxFlashLoan).to.equal(0n);
      // The balance really was lent out while the views stayed put.
      expect(await token.balanceOf(vault.getAddress())).to.equal(
        outside.totalAssets + feeOf(90_000n * USDC, FEE_BPS),
      );
    });

    it("a direct transfer (donation) raises the share price and never blocks later loans", async function () {
      const { vault, token, user, tokenAddress, borrowerAddress, vaultAddress } =
        await networkHelpers.loadFixture(deployFixture);
      const price = await vault.convertToAssets(10n ** 18n);
      await token.connect(user).transfer(vaultAddress, 12_345n * USDC + 7n);
      expect(await vault.convertToAssets(10n ** 18n)).to.be.greaterThan(price);
      expect(await vault.maxFlashLoan(tokenAddress)).to.equal(112_345n * USDC + 7n);
      await expect(vault.flashLoan(borrowerAddress, tokenAddress, 112_345n * USDC + 7n, "0x")).to.emit(
        vault,
        "FlashLoan",
      );
      await expect(vault.flashLoan(borrowerAddress, tokenAddress, USDC, "0x")).to.emit(vault, "FlashLoan");
    });
  });

  describe("inflation (first-depositor donation) attack, decimals offset 6", function () {
    // Attacker deposits 1 wei, donates 10,000 USDC, victim deposits 10,000 USDC.
    // Victim gets 1,999,999 shares and can redeem 9,999.9975 USDC: loses 0.0025 USDC = 2.5e-7 of the
    // deposit (bound: < (1 + donation/deposit) * 10^-offset = 2e-6). Attacker loses 4,999.998751 USDC,
    // half the donation (the 10^6 virtual shares own that half).
    it("attacker loses ~half the donation; victim loses 2.5e-7 of the deposit (< 2e-6 bound)", async function () {
      const { admin } = await networkHelpers.loadFixture(deployFixture);
      const [, , , , , attacker, victim] = await ethers.getSigners();
      const token = (await ethers.deployContract("MockERC20", [
        "USD Coin",
        "USDC",
        6,
      ])) as unknown as MockERC20;
      const vault = (await ethers.deployContract("FlashLoanVault", [
        await token.getAddress(),
        "Fresh Vault",
        "fvUSDC",
        admin.address,
        FEE_BPS,
        OFFSET,
      ])) as unknown as FlashLoanVault;
      const vaultAddress = await vault.getAddress();
      const donation = 10_000n * USDC;
      const deposit = 10_000n * USDC;
      await token.mint(attacker!.address, 1n + donation);
      await token.mint(victim!.address, deposit);
      await token.connect(attacker!).approve(vaultAddress, 1n);
      await token.connect(victim!).approve(vaultAddress, deposit);

      await vault.connect(attacker!).deposit(1n, attacker!.address);
      await token.connect(attacker!).transfer(vaultAddress, donation);
      await vault.connect(victim!).deposit(deposit, victim!.address);

      const victimShares = await vault.balanceOf(victim!.address);
      expect(victimShares).to.equal(1_999_999n);
      const victimValue = await vault.previewRedeem(victimShares);
      const attackerValue = await vault.previewRedeem(await vault.balanceOf(attacker!.address));
      const victimLoss = deposit - victimValue;
      const attackerLoss = 1n + donation - attackerValue;
      expect(victimLoss).to.equal(2_500n); // 0.0025 USDC
      expect(victimLoss * 10_000_000n).to.equal((deposit * 25n) / 10n); // = 2.5e-7 of the deposit
      expect(victimLoss * 1_000_000n).to.be.lessThan(2n * deposit); // < 2e-6 bound
      expect(attackerLoss).to.equal(4_999_998_751n);
      expect(attackerLoss).to.be.greaterThan(victimLoss * 1_000_000n);
      // The victim really gets it out.
      await vault.connect(victim!).redeem(victimShares, victim!.address, victim!.address);
      expect(await token.balanceOf(victim!.address)).to.equal(victimValue);
    });
  });
});

function anyAddress(): (value: unknown) => boolean {
  return (value: unknown) => typeof value === "string" && ethers.isAddress(value);
}
