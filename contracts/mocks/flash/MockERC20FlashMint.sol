// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20FlashMint} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20FlashMint.sol";

/// @title MockERC20FlashMint
/// @notice Test-only OpenZeppelin ERC20FlashMint token (zero fee, its default), a gas anchor for the
///         flash-loan benchmark. Anyone can mint.
contract MockERC20FlashMint is ERC20FlashMint {
    constructor() ERC20("Flash Mint Token", "FMT") {}

    /// @notice Mints `amount` to `to`; open to anyone (test token).
    /// @param to Receiver.
    /// @param amount Amount in wei.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
