// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IUniswapV2Callee
/// @notice Flash-swap callback of the Uniswap V2 pair interface. A pair that receives `swap` with
///         non-empty `data` sends the output first, then calls this on `to`; the borrower must leave
///         the pair with enough input (after the 0.3 % fee) for the constant product to hold.
interface IUniswapV2Callee {
    /// @param sender The address that called `swap` on the pair.
    /// @param amount0 Amount of token0 sent to the borrower.
    /// @param amount1 Amount of token1 sent to the borrower.
    /// @param data The `data` passed to `swap`, unchanged.
    function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes calldata data) external;
}
