// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";

/// @title MockERC4626
/// @notice Test-only plain OpenZeppelin ERC-4626 vault, the gas anchor for deposit and redeem.
contract MockERC4626 is ERC4626 {
    /// @param asset_ The vault's asset.
    constructor(IERC20 asset_) ERC20("Plain Vault", "PV") ERC4626(asset_) {}
}
