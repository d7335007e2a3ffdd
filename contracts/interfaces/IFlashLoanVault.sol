// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";

/// @title IFlashLoanVault
/// @notice The non-standard part of the flash-loan vault: an ERC-4626 vault over one asset that lends that
///         asset through ERC-3156 flash loans; the fees stay in the vault and raise the share price.
///         The ERC-4626 and ERC-3156 functions are documented by their standards (OpenZeppelin interfaces).
interface IFlashLoanVault is IERC3156FlashLender {
    /// @notice `token` is not the vault's asset: it is the only token the vault lends.
    error FlashLoanUnsupportedToken(address token);
    /// @notice A loan of zero was asked for: it would lend nothing (and only open the loan lock).
    error FlashLoanZeroAmount();
    /// @notice A loan of `amount` asked for more than the idle balance `max` of `token`.
    error FlashLoanAmountAboveMax(address token, uint256 amount, uint256 max);
    /// @notice The borrower's `onFlashLoan` returned `returned` instead of
    ///         `keccak256("ERC3156FlashBorrower.onFlashLoan")`.
    error FlashLoanCallbackFailed(address receiver, bytes32 returned);
    /// @notice After the loan the vault held `actual` assets, less than `expected` (balance before + fee).
    error FlashLoanRepaymentShort(uint256 expected, uint256 actual);
    /// @notice A deposit, mint, withdraw, redeem or nested flash loan was attempted while a loan is open.
    error FlashLoanInProgress();
    /// @notice A fee of `feeBps` basis points is above the hard cap `maxFeeBps`.
    error FlashFeeAboveCap(uint256 feeBps, uint256 maxFeeBps);
    /// @notice The virtual-share offset `offset` is above `maxOffset`.
    error DecimalsOffsetTooLarge(uint8 offset, uint8 maxOffset);
    /// @notice The admin given to the constructor is the zero address.
    error ZeroAdmin();

    /// @notice A flash loan of `amount` `token` was taken by `receiver` on behalf of `initiator`, paying `fee`.
    event FlashLoan(
        address indexed initiator,
        address indexed receiver,
        address token,
        uint256 amount,
        uint256 fee
    );
    /// @notice The flash fee changed from `oldFeeBps` to `newFeeBps` basis points.
    event FlashFeeUpdated(uint256 oldFeeBps, uint256 newFeeBps);

    /// @notice Role allowed to change the flash fee (within the cap).
    /// @return The role identifier, `keccak256("FEE_SETTER_ROLE")`.
    function FEE_SETTER_ROLE() external view returns (bytes32);

    /// @notice Role allowed to pause and unpause new loans, deposits and mints (never withdrawals).
    /// @return The role identifier, `keccak256("GUARDIAN_ROLE")`.
    function GUARDIAN_ROLE() external view returns (bytes32);

    /// @notice Hard cap on the flash fee: 100 basis points (1 %).
    /// @return The cap in basis points.
    function MAX_FLASH_FEE_BPS() external view returns (uint256);

    /// @notice Largest virtual-share offset the constructor accepts (10**18 virtual shares).
    /// @return The cap on `decimalsOffset`.
    function MAX_DECIMALS_OFFSET() external view returns (uint8);

    /// @notice The current flash fee in basis points of the amount lent (the fee itself is rounded up).
    /// @return The fee in basis points.
    function flashFeeBps() external view returns (uint256);

    /// @notice Sets the flash fee; only FEE_SETTER_ROLE. Emits FlashFeeUpdated.
    /// @param newFeeBps The new fee in basis points, at most MAX_FLASH_FEE_BPS.
    function setFlashFeeBps(uint256 newFeeBps) external;

    /// @notice Pauses new flash loans, deposits and mints; only GUARDIAN_ROLE. Withdraw and redeem keep working.
    function pause() external;

    /// @notice Lifts the pause; only GUARDIAN_ROLE.
    function unpause() external;

    /// @notice Whether a flash loan is open (only ever true inside a loan's callback). Integrators that must not
    ///         act while the vault's liquidity is lent out (the hedge vault's `processEpoch`) ask this.
    /// @return True while a loan is open.
    function flashLoanInProgress() external view returns (bool);
}
