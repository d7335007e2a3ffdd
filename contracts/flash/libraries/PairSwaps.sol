// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IUniswapV2Pair} from "../../interfaces/IUniswapV2Pair.sol";
import {ConstantProductMath} from "../../amm/libraries/ConstantProductMath.sol";

/// @title PairSwaps
/// @notice Direct swaps on a Uniswap-V2-style pair (0.3 % fee) for contracts that trade without a router,
///         such as flash-loan borrowers: quote from the pair's reserves (with the AMM's ConstantProductMath),
///         pay in, call `swap`.
library PairSwaps {
    using SafeERC20 for IERC20;

    /// @notice A pair was asked to trade a token it does not hold.
    error PairSwapsTokenNotInPair(address pair, address token);

    /// @notice Reserves of `pair` ordered as (reserve of `tokenIn`, reserve of the other token), and whether
    ///         `tokenIn` is the pair's token0.
    function reservesFor(
        IUniswapV2Pair pair,
        address tokenIn
    ) internal view returns (uint256 reserveIn, uint256 reserveOut, bool inIsToken0) {
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        if (pair.token0() == tokenIn) return (r0, r1, true);
        if (pair.token1() == tokenIn) return (r1, r0, false);
        revert PairSwapsTokenNotInPair(address(pair), tokenIn);
    }

    /// @notice The token of `pair` that is not `token`.
    function otherToken(IUniswapV2Pair pair, address token) internal view returns (address) {
        address token0 = pair.token0();
        if (token0 == token) return pair.token1();
        if (pair.token1() == token) return token0;
        revert PairSwapsTokenNotInPair(address(pair), token);
    }

    /// @notice Sells exactly `amountIn` of `tokenIn` on `pair` and sends the output to `to`.
    /// @return out Amount of the other token received by `to`.
    function sellExact(
        IUniswapV2Pair pair,
        address tokenIn,
        uint256 amountIn,
        address to
    ) internal returns (uint256 out) {
        (uint256 reserveIn, uint256 reserveOut, bool inIsToken0) = reservesFor(pair, tokenIn);
        out = ConstantProductMath.getAmountOut(amountIn, reserveIn, reserveOut);
        IERC20(tokenIn).safeTransfer(address(pair), amountIn);
        (uint256 out0, uint256 out1) = inIsToken0 ? (uint256(0), out) : (out, uint256(0));
        pair.swap(out0, out1, to, "");
    }
}
