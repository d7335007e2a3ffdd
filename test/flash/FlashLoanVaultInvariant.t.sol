// SPDX-License-Identifier: MIT
// The handler lives beside its test: the Solidity test runner only fuzzes contracts of the files it runs.
// solhint-disable-next-line one-contract-per-file
pragma solidity 0.8.28;

import {TestBase, Vm} from "../utils/Vm.sol";
import {FlashLoanVault} from "../../contracts/flash/FlashLoanVault.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {ConfigurableFlashBorrower} from "../../contracts/mocks/flash/ConfigurableFlashBorrower.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Invariant handler for FlashLoanVault: deposits, mints, withdrawals, redemptions, flash loans with
///         random borrower behaviour, donations and fee changes by three actors. Never reverts. It is the
///         vault's admin. Records every flash loan that lowered the share price.
contract FlashLoanVaultHandler {
    // solhint-disable-next-line const-name-snakecase
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 private constant _MAX_ASSETS = 1e12; // 1,000,000 USDC per action
    uint256 private constant _PRICE_PROBE = 1e18; // shares probed by convertToAssets

    MockERC20 public immutable token;
    FlashLoanVault public immutable vault;
    ConfigurableFlashBorrower public immutable borrower;
    address[3] public actors;

    uint256 public loans;
    uint256 public failedLoans;
    uint256 public priceDrops;
    uint256 public honestLoanFailures;

    constructor() {
        token = new MockERC20("USD Coin", "USDC", 6);
        vault = new FlashLoanVault(IERC20(address(token)), "Flash Vault", "fv", address(this), 5, 6);
        borrower = new ConfigurableFlashBorrower(vault);
        actors = [address(0xA11CE), address(0xB0B), address(0xCA401)];
        token.approve(address(vault), type(uint256).max);
    }

    function deposit(uint256 actorSeed, uint256 assets) external {
        assets = _bound(assets, 1, _MAX_ASSETS);
        token.mint(address(this), assets);
        vault.deposit(assets, _actor(actorSeed));
    }

    function mint(uint256 actorSeed, uint256 shares) external {
        shares = _bound(shares, 1, _MAX_ASSETS * 1e6);
        token.mint(address(this), vault.previewMint(shares));
        vault.mint(shares, _actor(actorSeed));
    }

    function withdraw(uint256 actorSeed, uint256 assets) external {
        address actor = _actor(actorSeed);
        uint256 max = vault.maxWithdraw(actor);
        if (max == 0) return;
        assets = _bound(assets, 1, max);
        vm.prank(actor);
        vault.withdraw(assets, actor, actor);
    }

    function redeem(uint256 actorSeed, uint256 shares) external {
        address actor = _actor(actorSeed);
        uint256 max = vault.maxRedeem(actor);
        if (max == 0) return;
        shares = _bound(shares, 1, max);
        vm.prank(actor);
        vault.redeem(shares, actor, actor);
    }

    /// @param modeSeed Picks the borrower's behaviour: honest most of the time, else one of the misbehaviours.
    function flashLoan(uint256 amount, uint256 modeSeed) external {
        uint256 max = vault.maxFlashLoan(address(token));
        if (max == 0) return; // a zero amount is refused (FlashLoanZeroAmount)
        amount = _bound(amount, 1, max);
        uint256 modeIndex = modeSeed % 22;
        ConfigurableFlashBorrower.Mode mode =
            modeIndex >= 11
                ? ConfigurableFlashBorrower.Mode.Honest
                : ConfigurableFlashBorrower.Mode(modeIndex);
        borrower.setMode(mode);
        token.mint(address(borrower), 2 * vault.flashFee(address(token), amount) + 1); // enough to overpay
        uint256 priceBefore = vault.convertToAssets(_PRICE_PROBE);
        ++loans;
        // Honest loans succeed; misbehaving ones revert (short approval succeeds only at a zero fee).
        bool ok;
        try vault.flashLoan(borrower, address(token), amount, "") returns (bool result) {
            ok = result;
        } catch {
            ok = false;
        }
        if (!ok) {
            ++failedLoans;
            bool paysAtLeastTheFee =
                mode == ConfigurableFlashBorrower.Mode.Honest ||
                    mode == ConfigurableFlashBorrower.Mode.Overpay;
            if (paysAtLeastTheFee) ++honestLoanFailures;
        }
        if (vault.convertToAssets(_PRICE_PROBE) < priceBefore) ++priceDrops;
    }

    function donate(uint256 assets) external {
        assets = _bound(assets, 1, _MAX_ASSETS);
        token.mint(address(vault), assets);
    }

    function setFee(uint256 bps) external {
        vault.setFlashFeeBps(_bound(bps, 0, vault.MAX_FLASH_FEE_BPS()));
    }

    /// @notice Sum over all share holders of what they could redeem now.
    /// @return sum The sum of previewRedeem(balanceOf(holder)).
    function sumOfRedemptionValues() external view returns (uint256 sum) {
        for (uint256 i = 0; i < 3; ++i) sum += vault.previewRedeem(vault.balanceOf(actors[i]));
        sum += vault.previewRedeem(vault.balanceOf(address(borrower)));
        sum += vault.previewRedeem(vault.balanceOf(address(this)));
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % 3];
    }

    function _bound(uint256 x, uint256 min, uint256 max) private pure returns (uint256) {
        if (x >= min && x <= max) return x;
        return min + (x % (max - min + 1));
    }
}

/// @notice Invariants of FlashLoanVault under random deposits, mints, withdrawals, redemptions, flash loans
///         (honest and misbehaving borrowers), donations and fee changes.
contract FlashLoanVaultInvariantTest is TestBase {
    FlashLoanVaultHandler private handler;

    function setUp() public {
        handler = new FlashLoanVaultHandler();
        targetContract(address(handler));
    }

    /// @dev Every share's redemption value is covered by assets the vault actually holds.
    function invariant_assetsCoverEveryRedemption() public view {
        uint256 held = handler.token().balanceOf(address(handler.vault()));
        vm.assertLe(handler.sumOfRedemptionValues(), held, "redemptions exceed assets");
        vm.assertEq(handler.vault().totalAssets(), held, "totalAssets != balance");
    }

    /// @dev No flash loan, paid or reverted, ever lowered convertToAssets(1e18 shares).
    function invariant_flashLoansNeverLowerSharePrice() public view {
        vm.assertEq(handler.priceDrops(), 0, "a loan lowered the price");
    }

    /// @dev An honest borrower's loan within maxFlashLoan never fails; no loan is left open.
    function invariant_honestLoansSucceedAndNoLoanStaysOpen() public view {
        vm.assertEq(handler.honestLoanFailures(), 0, "an honest loan failed");
        vm.assertFalse(handler.vault().flashLoanInProgress(), "a loan stayed open");
    }
}
