// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title OptionsFlashLenderMock
/// @notice TEST-ONLY minimal ERC-3156 lender of one token (no fee): lends its whole balance and pulls the
///         repayment. Used to show that flash loans cannot move the option pool's prices or finance positions.
contract OptionsFlashLenderMock is IERC3156FlashLender {
    using SafeERC20 for IERC20;

    /// @notice The token is not the one this lender lends.
    error UnsupportedToken(address token);
    /// @notice The borrower did not return the ERC-3156 success value.
    error CallbackFailed(address receiver);

    bytes32 private constant _CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");
    IERC20 private immutable _token;

    /// @param token_ The token lent.
    constructor(IERC20 token_) {
        _token = token_;
    }

    /// @inheritdoc IERC3156FlashLender
    function maxFlashLoan(address token) external view returns (uint256) {
        return token == address(_token) ? _token.balanceOf(address(this)) : 0;
    }

    /// @inheritdoc IERC3156FlashLender
    function flashFee(address token, uint256) external view returns (uint256) {
        if (token != address(_token)) revert UnsupportedToken(token);
        return 0;
    }

    /// @inheritdoc IERC3156FlashLender
    function flashLoan(
        IERC3156FlashBorrower receiver,
        address token,
        uint256 amount,
        bytes calldata data
    ) external returns (bool) {
        if (token != address(_token)) revert UnsupportedToken(token);
        _token.safeTransfer(address(receiver), amount);
        if (receiver.onFlashLoan(msg.sender, token, amount, 0, data) != _CALLBACK_SUCCESS) {
            revert CallbackFailed(address(receiver));
        }
        _token.safeTransferFrom(address(receiver), address(this), amount);
        return true;
    }
}
