// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ConstantProductMath
/// @notice Quotes of a constant-product pool with a 0.3 % fee. Every rounding favours the pool:
///         outputs are rounded down, required inputs are rounded up.
library ConstantProductMath {
    /// @notice The input (or output) amount is zero.
    error InsufficientAmount();
    /// @notice A reserve is zero (pool empty) or too small for the requested output.
    error InsufficientLiquidity(uint256 reserveIn, uint256 reserveOut);

    /// @notice Amount of B worth `amountA` of A at the spot ratio of the reserves (no fee), rounded down.
    /// @param amountA Amount of token A.
    /// @param reserveA Reserve of token A.
    /// @param reserveB Reserve of token B.
    /// @return amountB Equivalent amount of token B.
    function quote(
        uint256 amountA,
        uint256 reserveA,
        uint256 reserveB
    ) internal pure returns (uint256 amountB) {
        if (amountA == 0) revert InsufficientAmount();
        if (reserveA == 0 || reserveB == 0) revert InsufficientLiquidity(reserveA, reserveB);
        amountB = (amountA * reserveB) / reserveA;
    }

    /// @notice Output for an exact input: in×997×R_out / (R_in×1000 + in×997), rounded down.
    /// @param amountIn Exact input.
    /// @param reserveIn Reserve of the input token.
    /// @param reserveOut Reserve of the output token.
    /// @return amountOut Maximum output that keeps the fee-adjusted product.
    function getAmountOut(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) internal pure returns (uint256 amountOut) {
        if (amountIn == 0) revert InsufficientAmount();
        if (reserveIn == 0 || reserveOut == 0) revert InsufficientLiquidity(reserveIn, reserveOut);
        uint256 amountInWithFee = amountIn * 997;
        amountOut = (amountInWithFee * reserveOut) / (reserveIn * 1000 + amountInWithFee);
    }

    /// @notice Input needed for an exact output: R_in×out×1000 / ((R_out − out)×997), rounded up (+1).
    /// @param amountOut Exact output; must be below `reserveOut`.
    /// @param reserveIn Reserve of the input token.
    /// @param reserveOut Reserve of the output token.
    /// @return amountIn Minimum input that pays for `amountOut`.
    function getAmountIn(
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) internal pure returns (uint256 amountIn) {
        if (amountOut == 0) revert InsufficientAmount();
        if (reserveIn == 0 || amountOut >= reserveOut) revert InsufficientLiquidity(reserveIn, reserveOut);
        amountIn = (reserveIn * amountOut * 1000) / ((reserveOut - amountOut) * 997) + 1;
    }
}
