// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {FlashLoanVault} from "../../flash/FlashLoanVault.sol";

/// @title ConfigurableFlashBorrower
/// @notice Test-only ERC-3156 borrower of a FlashLoanVault that misbehaves on demand (wrong return value, no
///         approval, short approval, re-entering the vault, repaying with a deposit, overpaying) or behaves and records
///         what the vault's views return during the loan.
contract ConfigurableFlashBorrower is IERC3156FlashBorrower {
    /// @notice What the callback does.
    enum Mode {
        Honest,
        WrongReturn,
        NoApproval,
        ShortApproval,
        ReenterDeposit,
        ReenterMint,
        ReenterWithdraw,
        ReenterRedeem,
        ReenterFlashLoan,
        RepayByDeposit,
        Overpay
    }

    /// @notice The vault's views as seen from inside the callback (Honest mode).
    struct Views {
        bool inProgress;
        uint256 totalAssets;
        uint256 convertToAssets;
        uint256 convertToShares;
        uint256 previewDeposit;
        uint256 previewMint;
        uint256 previewWithdraw;
        uint256 previewRedeem;
        uint256 maxDeposit;
        uint256 maxMint;
        uint256 maxWithdraw;
        uint256 maxRedeem;
        uint256 maxFlashLoan;
    }

    bytes32 private constant _SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    FlashLoanVault public immutable vault;
    IERC20 public immutable token;
    Mode public mode;
    Views public seen;
    /// @notice Arguments of the last callback.
    address public lastInitiator;
    uint256 public lastAmount;
    uint256 public lastFee;
    bytes public lastData;

    /// @param vault_ The vault to borrow from.
    constructor(FlashLoanVault vault_) {
        vault = vault_;
        token = IERC20(vault_.asset());
    }

    /// @notice Selects the callback's behaviour.
    /// @param mode_ The new mode.
    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @notice Deposits `assets` of this contract's tokens into the vault (so it holds shares to withdraw).
    /// @param assets Amount to deposit.
    function depositToVault(uint256 assets) external {
        token.approve(address(vault), assets);
        vault.deposit(assets, address(this));
    }

    /// @notice Borrows `amount` from the vault with `data`, as initiator.
    /// @param amount Amount to borrow.
    /// @param data Passed through to the callback.
    function borrow(uint256 amount, bytes calldata data) external {
        vault.flashLoan(this, address(token), amount, data);
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address initiator,
        address,
        uint256 amount,
        uint256 fee,
        bytes calldata data
    ) external returns (bytes32) {
        lastInitiator = initiator;
        lastAmount = amount;
        lastFee = fee;
        lastData = data;
        Mode m = mode;
        if (m == Mode.Honest) _record();
        else if (m == Mode.WrongReturn) {
            token.approve(msg.sender, amount + fee);
            return keccak256("wrong");
        } else if (m == Mode.NoApproval) return _SUCCESS;
        else if (m == Mode.ShortApproval) {
            token.approve(msg.sender, amount);
            return _SUCCESS;
        } else if (m == Mode.ReenterDeposit) vault.deposit(1, address(this));
        else if (m == Mode.ReenterMint) vault.mint(1, address(this));
        else if (m == Mode.ReenterWithdraw) vault.withdraw(1, address(this), address(this));
        else if (m == Mode.ReenterRedeem) vault.redeem(1, address(this), address(this));
        else if (m == Mode.ReenterFlashLoan) vault.flashLoan(this, address(token), 1, "");
        else if (m == Mode.RepayByDeposit) {
            token.approve(msg.sender, amount + fee);
            vault.deposit(amount + fee, address(this));
            return _SUCCESS;
        } else if (m == Mode.Overpay) {
            // Pays the fee a second time, plus 1 wei, by a direct transfer.
            SafeERC20.safeTransfer(token, msg.sender, fee + 1);
        }
        token.approve(msg.sender, amount + fee);
        return _SUCCESS;
    }

    /// @notice The recorded views (Honest mode).
    /// @return The struct recorded during the last callback.
    function views() external view returns (Views memory) {
        return seen;
    }

    function _record() private {
        FlashLoanVault v = vault;
        seen = Views({
            inProgress: v.flashLoanInProgress(),
            totalAssets: v.totalAssets(),
            convertToAssets: v.convertToAssets(1e18),
            convertToShares: v.convertToShares(1e18),
            previewDeposit: v.previewDeposit(1e18),
            previewMint: v.previewMint(1e18),
            previewWithdraw: v.previewWithdraw(1e18),
            previewRedeem: v.previewRedeem(1e18),
            maxDeposit: v.maxDeposit(address(this)),
            maxMint: v.maxMint(address(this)),
            maxWithdraw: v.maxWithdraw(address(this)),
            maxRedeem: v.maxRedeem(address(this)),
            maxFlashLoan: v.maxFlashLoan(address(token))
        });
    }
}
