// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";

/// @title OptionToken
/// @notice The long positions of an `OptionPool`: ERC-1155 balances whose token id is the series id, one token
///         unit = 1e-18 contract. Freely transferable; only the pool mints (on buy) and burns (on close and
///         redemption). A separate contract so that the pool (an ERC-4626 share token) stays below the
///         24 KiB code size limit.
contract OptionToken is ERC1155 {
    /// @notice The caller is not the pool.
    error OptionTokenOnlyPool(address caller);

    /// @notice The pool allowed to mint and burn.
    address public immutable pool;

    /// @param pool_ The option pool (deploys this token in its constructor).
    constructor(address pool_) ERC1155("") {
        pool = pool_;
    }

    modifier onlyPool() {
        if (msg.sender != pool) revert OptionTokenOnlyPool(msg.sender);
        _;
    }

    /// @notice Mints `amount` of series `id` to `to` (calls `onERC1155Received` on contracts). Only the pool.
    /// @param to Receiver.
    /// @param id Series id.
    /// @param amount Contracts (18 decimals).
    function mint(address to, uint256 id, uint256 amount) external onlyPool {
        _mint(to, id, amount, "");
    }

    /// @notice Burns `amount` of series `id` from `from` (the pool's caller, never a third party). Only the pool.
    /// @param from Holder.
    /// @param id Series id.
    /// @param amount Contracts (18 decimals).
    function burn(address from, uint256 id, uint256 amount) external onlyPool {
        _burn(from, id, amount);
    }
}
