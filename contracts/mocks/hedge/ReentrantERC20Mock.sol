// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {MockERC20} from "../MockERC20.sol";

/// @title ReentrantERC20Mock
/// @notice TEST-ONLY. MockERC20 with a one-shot hook: once armed, its next balance change calls `target` with
///         `data` and reverts with whatever that call reverted with. Its storage extends MockERC20's, so tests
///         can put its code at a deployed MockERC20's address (`hardhat_setCode`) and turn the vault's asset into
///         a token that calls back (an ERC-777-style hook) in the middle of a vault transaction.
contract ReentrantERC20Mock is MockERC20 {
    /// @notice The contract the hook calls; zero when disarmed.
    address public hookTarget;
    bytes private _hookData;

    /// @param name_ Token name.
    /// @param symbol_ Token symbol.
    /// @param decimals_ Number of decimals.
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_
    ) MockERC20(name_, symbol_, decimals_) {}

    /// @notice Arms the hook: the next transfer, mint or burn calls `target` with `data` once.
    /// @param target The contract to call back.
    /// @param data The calldata of the call back.
    function arm(address target, bytes calldata data) external {
        hookTarget = target;
        _hookData = data;
    }

    /// @dev The balance change, then the armed call back (disarmed first), its revert bubbled up.
    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address target = hookTarget;
        if (target == address(0)) return;
        hookTarget = address(0);
        Address.functionCall(target, _hookData);
    }
}
