// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IFlashLoanVault} from "../interfaces/IFlashLoanVault.sol";

/// @title FlashLoanVault
/// @notice ERC-4626 vault over one ERC-20 asset that lends its idle balance through ERC-3156 flash loans.
///         Every fee stays in the vault, so it raises the price of every share.
/// @dev Assumes a plain ERC-20 asset (no transfer hooks, no transfer tax, no rebasing).
///      Loan lock: a transient variable holds `amount lent + 1` while a loan is open and 0 otherwise. While it
///      is set, deposit, mint, withdraw, redeem and flashLoan revert with FlashLoanInProgress, so borrowed
///      money can neither be deposited nor repaid with a deposit. Views during a loan: totalAssets adds the
///      amount lent back, so totalAssets, convertTo* and preview* return exactly what they return outside the
///      loan (no read-only reentrancy); the max* functions and maxFlashLoan return 0 (the actions would revert).
///      Inflation defence: OpenZeppelin's virtual shares, `10 ** decimalsOffset` of them (constructor).
contract FlashLoanVault is ERC4626, AccessControl, Pausable, IFlashLoanVault {
    using SafeERC20 for IERC20;

    /// @inheritdoc IFlashLoanVault
    bytes32 public constant FEE_SETTER_ROLE = keccak256("FEE_SETTER_ROLE");
    /// @inheritdoc IFlashLoanVault
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @inheritdoc IFlashLoanVault
    uint256 public constant MAX_FLASH_FEE_BPS = 100;
    /// @inheritdoc IFlashLoanVault
    uint8 public constant MAX_DECIMALS_OFFSET = 18;

    uint256 private constant _BPS = 10_000;
    bytes32 private constant _CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    uint8 private immutable _offset;
    /// @dev The loan lock: amount lent + 1 while a loan is open, 0 otherwise (transient: gone after the tx).
    uint256 private transient _lentPlusOne;
    // Packed into the slot of Pausable's `_paused`: flashLoan reads both with one cold SLOAD.
    uint16 private _flashFeeBps;

    /// @param asset_ The one asset deposited and lent.
    /// @param name_ Share token name.
    /// @param symbol_ Share token symbol.
    /// @param admin Receives DEFAULT_ADMIN_ROLE, FEE_SETTER_ROLE and GUARDIAN_ROLE.
    /// @param feeBps_ Initial flash fee in basis points (at most MAX_FLASH_FEE_BPS).
    /// @param decimalsOffset_ Virtual-share offset (e.g. 6 for a 6-decimals stablecoin), at most 18.
    constructor(
        IERC20 asset_,
        string memory name_,
        string memory symbol_,
        address admin,
        uint256 feeBps_,
        uint8 decimalsOffset_
    ) ERC20(name_, symbol_) ERC4626(asset_) {
        if (admin == address(0)) revert ZeroAdmin();
        if (decimalsOffset_ > MAX_DECIMALS_OFFSET) {
            revert DecimalsOffsetTooLarge(decimalsOffset_, MAX_DECIMALS_OFFSET);
        }
        _offset = decimalsOffset_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(FEE_SETTER_ROLE, admin);
        _grantRole(GUARDIAN_ROLE, admin);
        _setFlashFeeBps(feeBps_);
    }

    // ---------------------------------------------------------------- flash loans (ERC-3156)

    /// @inheritdoc IERC3156FlashLender
    /// @dev The idle balance of the asset; 0 for any other token, while paused and while a loan is open.
    function maxFlashLoan(address token) external view returns (uint256) {
        if (token != asset() || paused() || _lentPlusOne != 0) return 0;
        return IERC20(token).balanceOf(address(this));
    }

    /// @inheritdoc IERC3156FlashLender
    /// @dev ceil(amount * feeBps / 10_000): rounded up, in favour of the vault's shareholders.
    function flashFee(address token, uint256 amount) external view returns (uint256) {
        if (token != asset()) revert FlashLoanUnsupportedToken(token);
        return _feeOf(amount, _flashFeeBps);
    }

    /// @inheritdoc IERC3156FlashLender
    /// @dev Sends `amount`, calls `onFlashLoan`, pulls `amount + fee` back with transferFrom (the receiver
    ///      must have approved the vault) and checks the balance grew by at least the fee. A zero amount reverts
    ///      (`FlashLoanZeroAmount`): such a loan lends nothing and only opens the loan lock, at no fee.
    function flashLoan(
        IERC3156FlashBorrower receiver,
        address token,
        uint256 amount,
        bytes calldata data
    ) external returns (bool) {
        if (token != asset()) revert FlashLoanUnsupportedToken(token);
        if (amount == 0) revert FlashLoanZeroAmount();
        if (_lentPlusOne != 0) revert FlashLoanInProgress();
        _requireNotPaused();
        uint256 balanceBefore = IERC20(token).balanceOf(address(this));
        if (amount > balanceBefore) revert FlashLoanAmountAboveMax(token, amount, balanceBefore);
        uint256 fee = _feeOf(amount, _flashFeeBps);

        _lentPlusOne = amount + 1;
        IERC20(token).safeTransfer(address(receiver), amount);
        bytes32 returned = receiver.onFlashLoan(msg.sender, token, amount, fee, data);
        if (returned != _CALLBACK_SUCCESS) revert FlashLoanCallbackFailed(address(receiver), returned);
        IERC20(token).safeTransferFrom(address(receiver), address(this), amount + fee);
        uint256 balanceAfter = IERC20(token).balanceOf(address(this));
        if (balanceAfter < balanceBefore + fee)
            revert FlashLoanRepaymentShort(balanceBefore + fee, balanceAfter);
        _lentPlusOne = 0;

        emit FlashLoan(msg.sender, address(receiver), token, amount, fee);
        return true;
    }

    /// @inheritdoc IFlashLoanVault
    function flashLoanInProgress() external view returns (bool) {
        return _lentPlusOne != 0;
    }

    // ---------------------------------------------------------------- administration

    /// @inheritdoc IFlashLoanVault
    function flashFeeBps() external view returns (uint256) {
        return _flashFeeBps;
    }

    /// @inheritdoc IFlashLoanVault
    function setFlashFeeBps(uint256 newFeeBps) external onlyRole(FEE_SETTER_ROLE) {
        _setFlashFeeBps(newFeeBps);
    }

    /// @inheritdoc IFlashLoanVault
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @inheritdoc IFlashLoanVault
    function unpause() external onlyRole(GUARDIAN_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- ERC-4626

    /// @inheritdoc ERC4626
    /// @dev Balance plus the amount lent while a loan is open, so the value stays constant during a loan.
    function totalAssets() public view override returns (uint256) {
        uint256 lentPlusOne = _lentPlusOne;
        uint256 balance = IERC20(asset()).balanceOf(address(this));
        return lentPlusOne == 0 ? balance : balance + lentPlusOne - 1;
    }

    /// @inheritdoc ERC4626
    /// @dev 0 while paused or while a loan is open.
    function maxDeposit(address receiver) public view override returns (uint256) {
        if (paused() || _lentPlusOne != 0) return 0;
        return super.maxDeposit(receiver);
    }

    /// @inheritdoc ERC4626
    /// @dev 0 while paused or while a loan is open.
    function maxMint(address receiver) public view override returns (uint256) {
        if (paused() || _lentPlusOne != 0) return 0;
        return super.maxMint(receiver);
    }

    /// @inheritdoc ERC4626
    /// @dev 0 while a loan is open; the pause does not apply to withdrawals.
    function maxWithdraw(address owner) public view override returns (uint256) {
        if (_lentPlusOne != 0) return 0;
        return super.maxWithdraw(owner);
    }

    /// @inheritdoc ERC4626
    /// @dev 0 while a loan is open; the pause does not apply to redemptions.
    function maxRedeem(address owner) public view override returns (uint256) {
        if (_lentPlusOne != 0) return 0;
        return super.maxRedeem(owner);
    }

    /// @inheritdoc ERC4626
    /// @dev Reverts with EnforcedPause while paused and FlashLoanInProgress while a loan is open.
    function deposit(uint256 assets, address receiver) public override returns (uint256) {
        _requireNoLoan();
        _requireNotPaused();
        return super.deposit(assets, receiver);
    }

    /// @inheritdoc ERC4626
    /// @dev Reverts with EnforcedPause while paused and FlashLoanInProgress while a loan is open.
    function mint(uint256 shares, address receiver) public override returns (uint256) {
        _requireNoLoan();
        _requireNotPaused();
        return super.mint(shares, receiver);
    }

    /// @inheritdoc ERC4626
    /// @dev Reverts with FlashLoanInProgress while a loan is open; works while paused.
    function withdraw(uint256 assets, address receiver, address owner) public override returns (uint256) {
        _requireNoLoan();
        return super.withdraw(assets, receiver, owner);
    }

    /// @inheritdoc ERC4626
    /// @dev Reverts with FlashLoanInProgress while a loan is open; works while paused.
    function redeem(uint256 shares, address receiver, address owner) public override returns (uint256) {
        _requireNoLoan();
        return super.redeem(shares, receiver, owner);
    }

    // ---------------------------------------------------------------- internals

    function _decimalsOffset() internal view override returns (uint8) {
        return _offset;
    }

    function _setFlashFeeBps(uint256 newFeeBps) private {
        if (newFeeBps > MAX_FLASH_FEE_BPS) revert FlashFeeAboveCap(newFeeBps, MAX_FLASH_FEE_BPS);
        emit FlashFeeUpdated(_flashFeeBps, newFeeBps);
        _flashFeeBps = uint16(newFeeBps); // ≤ 100, fits
    }

    function _requireNoLoan() private view {
        if (_lentPlusOne != 0) revert FlashLoanInProgress();
    }

    /// @dev ceil(amount * bps / 10_000) without overflow for any amount: split amount = q * 10_000 + r.
    function _feeOf(uint256 amount, uint256 bps) private pure returns (uint256) {
        unchecked {
            return (amount / _BPS) * bps + ((amount % _BPS) * bps + _BPS - 1) / _BPS;
        }
    }
}
