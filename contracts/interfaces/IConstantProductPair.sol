// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IUniswapV2Pair} from "./IUniswapV2Pair.sol";

/// @title IConstantProductPair
/// @notice ALVH's constant-product pair: the full Uniswap V2 pair interface, its named errors, and one
///         extra entry point (`swapExactIn`) that lets a router swap without reading the reserves first.
interface IConstantProductPair is IUniswapV2Pair {
    /// @notice `swap` was asked for no output at all.
    error InsufficientOutputAmount(uint256 amount0Out, uint256 amount1Out);
    /// @notice The requested output is not strictly below the reserve it comes from.
    error InsufficientLiquidity(uint256 amount0Out, uint256 amount1Out, uint112 reserve0, uint112 reserve1);
    /// @notice Nothing was paid in (balances did not grow beyond the reserves left after the output).
    error InsufficientInputAmount(uint256 balance0, uint256 balance1);
    /// @notice The swap would decrease the fee-adjusted constant product.
    error K(uint256 balance0Adjusted, uint256 balance1Adjusted, uint256 reserve0, uint256 reserve1);
    /// @notice Output may not be sent to one of the pair's own tokens.
    error InvalidTo(address to);
    /// @notice A balance does not fit the 112-bit reserves.
    error Overflow(uint256 balance0, uint256 balance1);
    /// @notice `mint` would mint no liquidity for the amounts deposited.
    error InsufficientLiquidityMinted(uint256 amount0, uint256 amount1);
    /// @notice `burn` would pay out nothing for one of the tokens.
    error InsufficientLiquidityBurned(uint256 amount0, uint256 amount1);

    /// @notice Swaps everything paid in beyond the reserve of one token for the other token, at the
    ///         constant-product price with the 0.3 % fee, rounded down (in favour of the pool).
    /// @dev Not part of Uniswap V2: routers use it to skip `getReserves`. The input is
    ///      `balanceOf(tokenIn) - reserveIn`; the output reserve becomes `reserveOut - amountOut` (any
    ///      unsynced donation of the output token stays skimmable). Emits `Swap` and `Sync` as `swap` does.
    /// @param zeroForOne True to pay token0 and receive token1, false for the reverse.
    /// @param to Receiver of the output.
    /// @return amountOut Amount of the output token sent to `to`.
    function swapExactIn(bool zeroForOne, address to) external returns (uint256 amountOut);
}
