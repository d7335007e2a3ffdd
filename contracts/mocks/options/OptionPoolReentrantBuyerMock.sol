// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {OptionPool} from "../../options/OptionPool.sol";

/// @title OptionPoolReentrantBuyerMock
/// @notice TEST-ONLY buyer whose ERC-1155 acceptance hook tries to re-enter the pool (buy, closeLong or an LP
///         deposit) while its first purchase is being minted. The pool's reentrancy guard must stop it.
contract OptionPoolReentrantBuyerMock {
    using SafeERC20 for IERC20;

    OptionPool private immutable _pool;
    uint8 private _reentry;

    /// @param pool_ The option pool.
    constructor(OptionPool pool_) {
        _pool = pool_;
        IERC20(pool_.asset()).forceApprove(address(pool_), type(uint256).max);
    }

    /// @notice Buys `size` of `seriesId`; the mint hook then re-enters with `reentry` (1 buy, 2 closeLong, 3 deposit).
    /// @param seriesId The series.
    /// @param size Contracts.
    /// @param reentry Which call the hook makes.
    function buyAndReenter(uint256 seriesId, uint256 size, uint8 reentry) external {
        _reentry = reentry;
        _pool.buy(seriesId, size, type(uint256).max, block.timestamp);
    }

    /// @notice The ERC-1155 acceptance hook: re-enters the pool.
    /// @param id The series id minted.
    /// @param amount The amount minted.
    /// @return The acceptance value (never reached when the re-entry reverts).
    function onERC1155Received(
        address,
        address,
        uint256 id,
        uint256 amount,
        bytes calldata
    ) external returns (bytes4) {
        if (_reentry == 1) _pool.buy(id, amount, type(uint256).max, block.timestamp);
        else if (_reentry == 2) _pool.closeLong(id, amount, 0, block.timestamp);
        else if (_reentry == 3) _pool.deposit(1, address(this));
        return this.onERC1155Received.selector;
    }
}
