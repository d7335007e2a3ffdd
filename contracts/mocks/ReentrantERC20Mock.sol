// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {MockERC20} from "./MockERC20.sol";

/// @title ReentrantERC20Mock
/// @notice TEST-ONLY. MockERC20 with two one-shot hooks on its next balance change: a call back (`arm`: calls
///         `target` with `data`, reverting with whatever that call reverted with) and a top-up (`armTopUp`: mints
///         an account up to a balance). Its storage extends MockERC20's, so tests can put its code at a deployed
///         MockERC20's address (`hardhat_setCode`) and turn the vault's asset into a token that acts in the middle
///         of a vault transaction: calls back (an ERC-777-style hook) or sets what a trade nets to the unit.
contract ReentrantERC20Mock is MockERC20 {
    /// @notice The contract the hook calls; zero when disarmed.
    address public hookTarget;
    bytes private _hookData;
    /// @notice The account the top-up mints to; zero when disarmed.
    address public topUpAccount;
    uint256 private _topUpBalance;

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

    /// @notice Arms the top-up: after the next transfer, mint or burn, `account` is minted up to `balance`
    ///         (nothing if it holds as much already), once.
    /// @param account The account topped up.
    /// @param balance Its balance after the top-up.
    function armTopUp(address account, uint256 balance) external {
        topUpAccount = account;
        _topUpBalance = balance;
    }

    /// @dev The balance change, then the armed top-up and the armed call back (each disarmed first), the call
    ///      back's revert bubbled up.
    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address account = topUpAccount;
        if (account != address(0)) {
            topUpAccount = address(0);
            uint256 held = balanceOf(account);
            if (held < _topUpBalance) _mint(account, _topUpBalance - held);
        }
        address target = hookTarget;
        if (target == address(0)) return;
        hookTarget = address(0);
        Address.functionCall(target, _hookData);
    }
}
