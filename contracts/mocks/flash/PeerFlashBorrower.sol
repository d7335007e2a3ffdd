// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";

/// @notice Morpho Blue's flash-loan entry point (it lends to the caller and calls it back).
interface IMorphoFlashLender {
    /// @notice Lends `assets` of `token` to the caller, calls `onMorphoFlashLoan` and pulls them back.
    function flashLoan(address token, uint256 assets, bytes calldata data) external;
}

/// @title PeerFlashBorrower
/// @notice Test-only minimal borrower for the flash-loan benchmark's peers: the receiver of an Aave V3
///         `flashLoanSimple`, the caller of a Morpho Blue `flashLoan` (Morpho lends only to the account that asks),
///         and an ERC-3156 borrower that starts its own loan (the same path as Morpho's, for a like-for-like
///         figure). Like MinimalFlashBorrower it approves every lender for the maximum once, so each callback
///         only returns and the lender pulls the repayment. Pre-fund it with the fees.
contract PeerFlashBorrower is IERC3156FlashBorrower {
    /// @notice The token borrowed.
    IERC20 public immutable token;

    /// @param token_ The token to borrow.
    /// @param lenders Every lender that pulls a repayment (approved for the maximum).
    constructor(IERC20 token_, address[] memory lenders) {
        token = token_;
        for (uint256 i; i < lenders.length; ++i) token_.approve(lenders[i], type(uint256).max);
    }

    /// @notice Borrows `assets` from Morpho Blue (`morpho` calls back `onMorphoFlashLoan`).
    /// @param morpho The Morpho Blue instance.
    /// @param assets The amount.
    function borrowFromMorpho(IMorphoFlashLender morpho, uint256 assets) external {
        morpho.flashLoan(address(token), assets, "");
    }

    /// @notice Borrows `assets` from an ERC-3156 lender, to this contract, started by this contract.
    /// @param lender The ERC-3156 lender.
    /// @param assets The amount.
    function borrowFromErc3156(IERC3156FlashLender lender, uint256 assets) external {
        lender.flashLoan(this, address(token), assets, "");
    }

    /// @notice Aave V3's `IFlashLoanSimpleReceiver` callback: nothing to do, the pool pulls amount + premium.
    /// @return True (Aave's success value).
    function executeOperation(
        address,
        uint256,
        uint256,
        address,
        bytes calldata
    ) external pure returns (bool) {
        return true;
    }

    /// @notice Morpho Blue's `IMorphoFlashLoanCallback`: nothing to do, Morpho pulls the assets back.
    function onMorphoFlashLoan(uint256, bytes calldata) external pure {} // solhint-disable-line no-empty-blocks

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(address, address, uint256, uint256, bytes calldata) external pure returns (bytes32) {
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}
