// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title MockBalancerFlashRecipient
/// @notice Test-only minimal recipient of a Balancer V2 Vault flash loan (benchmark anchor): the Balancer
///         Vault calls `receiveFlashLoan` and expects amount + fee to be transferred back before it returns.
contract MockBalancerFlashRecipient {
    /// @notice Balancer V2's callback: pays back the first (only) token, amount + fee, to the vault.
    /// @param tokens The tokens lent.
    /// @param amounts The amounts lent.
    /// @param feeAmounts The fees owed.
    function receiveFlashLoan(
        IERC20[] calldata tokens,
        uint256[] calldata amounts,
        uint256[] calldata feeAmounts,
        bytes calldata
    ) external {
        // The benchmark only borrows one token.
        SafeERC20.safeTransfer(tokens[0], msg.sender, amounts[0] + feeAmounts[0]);
    }
}
