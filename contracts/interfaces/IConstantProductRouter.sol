// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IConstantProductRouter
/// @notice Liquidity and multi-hop swaps over ALVH constant-product pairs, with deadline and slippage
///         checks. Same argument order as Uniswap V2's Router02 for the functions it shares (no ETH).
interface IConstantProductRouter {
    /// @notice The transaction was mined after `deadline`.
    error DeadlineExpired(uint256 deadline, uint256 timestamp);
    /// @notice The swap would pay out less than the caller's minimum.
    error InsufficientOutputAmount(uint256 amountOut, uint256 amountOutMin);
    /// @notice The swap would cost more input than the caller's maximum.
    error ExcessiveInputAmount(uint256 amountIn, uint256 amountInMax);
    /// @notice A swap path needs at least two tokens.
    error InvalidPath(uint256 length);
    /// @notice Token A amount below the caller's minimum (add or remove liquidity).
    error InsufficientAAmount(uint256 amountA, uint256 amountAMin);
    /// @notice Token B amount below the caller's minimum (add or remove liquidity).
    error InsufficientBAmount(uint256 amountB, uint256 amountBMin);

    /// @notice The factory whose pairs this router uses.
    /// @return The factory address.
    function factory() external view returns (address);

    /// @notice Deposits tokens at the pool ratio (creating the pair if needed) and mints LP shares.
    /// @param tokenA One token.
    /// @param tokenB The other token.
    /// @param amountADesired Most of A to deposit.
    /// @param amountBDesired Most of B to deposit.
    /// @param amountAMin Least of A to deposit (slippage bound).
    /// @param amountBMin Least of B to deposit (slippage bound).
    /// @param to Receiver of the LP shares.
    /// @param deadline Last valid block timestamp.
    /// @return amountA A deposited.
    /// @return amountB B deposited.
    /// @return liquidity LP shares minted.
    function addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountA, uint256 amountB, uint256 liquidity);

    /// @notice Burns LP shares (pulled from the caller) and sends both tokens to `to`.
    /// @param tokenA One token.
    /// @param tokenB The other token.
    /// @param liquidity LP shares to burn.
    /// @param amountAMin Least of A to receive.
    /// @param amountBMin Least of B to receive.
    /// @param to Receiver of the tokens.
    /// @param deadline Last valid block timestamp.
    /// @return amountA A received.
    /// @return amountB B received.
    function removeLiquidity(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountA, uint256 amountB);

    /// @notice `removeLiquidity` after an EIP-2612 permit of the LP shares to this router.
    /// @dev A failing permit is ignored (someone may have submitted the same signed permit first); the LP
    ///      transfer then needs the allowance to be in place, or the call reverts.
    /// @param tokenA One token.
    /// @param tokenB The other token.
    /// @param liquidity LP shares to burn.
    /// @param amountAMin Least of A to receive.
    /// @param amountBMin Least of B to receive.
    /// @param to Receiver of the tokens.
    /// @param deadline Last valid block timestamp (also the permit's deadline).
    /// @param approveMax Whether the permit is for the maximum allowance instead of `liquidity`.
    /// @param v Signature v.
    /// @param r Signature r.
    /// @param s Signature s.
    /// @return amountA A received.
    /// @return amountB B received.
    function removeLiquidityWithPermit(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline,
        bool approveMax,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 amountA, uint256 amountB);

    /// @notice Swaps an exact input along `path` (multi-hop), requiring at least `amountOutMin` out.
    /// @param amountIn Exact input of `path[0]`, pulled from the caller.
    /// @param amountOutMin Least output of the last token.
    /// @param path Tokens from input to output.
    /// @param to Receiver of the output.
    /// @param deadline Last valid block timestamp.
    /// @return amounts Input then each hop's output.
    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);

    /// @notice Swaps for an exact output along `path`, spending at most `amountInMax`.
    /// @param amountOut Exact output of the last token.
    /// @param amountInMax Most input of `path[0]`.
    /// @param path Tokens from input to output.
    /// @param to Receiver of the output.
    /// @param deadline Last valid block timestamp.
    /// @return amounts Input then each hop's output.
    function swapTokensForExactTokens(
        uint256 amountOut,
        uint256 amountInMax,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);

    /// @notice Equivalent amount of B at the reserves' ratio, no fee, rounded down.
    /// @param amountA Amount of A.
    /// @param reserveA Reserve of A.
    /// @param reserveB Reserve of B.
    /// @return amountB Amount of B.
    function quote(
        uint256 amountA,
        uint256 reserveA,
        uint256 reserveB
    ) external pure returns (uint256 amountB);

    /// @notice Output of one hop for an exact input (0.3 % fee, rounded down).
    /// @param amountIn Exact input.
    /// @param reserveIn Reserve of the input token.
    /// @param reserveOut Reserve of the output token.
    /// @return amountOut Output.
    function getAmountOut(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256 amountOut);

    /// @notice Input of one hop for an exact output (0.3 % fee, rounded up).
    /// @param amountOut Exact output.
    /// @param reserveIn Reserve of the input token.
    /// @param reserveOut Reserve of the output token.
    /// @return amountIn Input.
    function getAmountIn(
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256 amountIn);

    /// @notice Outputs of every hop of `path` for an exact input, at the current reserves.
    /// @param amountIn Exact input.
    /// @param path Tokens from input to output.
    /// @return amounts Input then each hop's output.
    function getAmountsOut(
        uint256 amountIn,
        address[] calldata path
    ) external view returns (uint256[] memory amounts);

    /// @notice Inputs of every hop of `path` for an exact final output, at the current reserves.
    /// @param amountOut Exact final output.
    /// @param path Tokens from input to output.
    /// @return amounts Input then each hop's output.
    function getAmountsIn(
        uint256 amountOut,
        address[] calldata path
    ) external view returns (uint256[] memory amounts);
}
