// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {HedgeBook} from "./HedgeBook.sol";

/// @title HedgeModule
/// @notice Base of the hedge vault's delegate-call modules: built from the vault's wiring, and refusing to run
///         when called on the module itself instead of through the vault's delegatecall (its own storage is
///         not the vault's).
abstract contract HedgeModule is HedgeBook {
    /// @notice The function was called on the module itself instead of through the vault.
    error NotDelegated();

    address private immutable _self;

    /// @param w The vault's wiring.
    constructor(Wiring memory w) HedgeBook(w) {
        _self = address(this);
    }

    modifier onlyDelegated() {
        if (address(this) == _self) revert NotDelegated();
        _;
    }
}
