// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockTaxedERC20
/// @notice Test-only fee-on-transfer token: every transfer between two accounts burns `taxBps` of the amount,
///         so a vault over it sees a repayment short of what transferFrom was asked for. Anyone can mint.
contract MockTaxedERC20 is ERC20 {
    /// @notice Tax in basis points burnt on every transfer between two non-zero accounts.
    uint256 public taxBps;

    constructor() ERC20("Taxed Token", "TAX") {}

    /// @notice Mints `amount` to `to`; open to anyone (test token).
    /// @param to Receiver.
    /// @param amount Amount in wei.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Sets the transfer tax.
    /// @param newTaxBps The new tax in basis points.
    function setTaxBps(uint256 newTaxBps) external {
        taxBps = newTaxBps;
    }

    function _update(address from, address to, uint256 value) internal override {
        uint256 tax = from == address(0) || to == address(0) ? 0 : (value * taxBps) / 10_000;
        if (tax != 0) super._update(from, address(0), tax);
        super._update(from, to, value - tax);
    }
}
