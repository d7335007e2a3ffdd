// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title MinimalFlashBorrower
/// @notice Test-only honest ERC-3156 borrower: approves the lender for the maximum once, so its callback only
///         returns the success value; the lender pulls amount + fee back. Pre-fund it with the fees.
contract MinimalFlashBorrower is IERC3156FlashBorrower {
    /// @param token The token to borrow.
    /// @param lender The lender that pulls the repayment (for ERC20FlashMint, the token itself).
    constructor(IERC20 token, address lender) {
        token.approve(lender, type(uint256).max);
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(address, address, uint256, uint256, bytes calldata) external pure returns (bytes32) {
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}
