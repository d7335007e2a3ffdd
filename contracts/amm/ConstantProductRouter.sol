// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IConstantProductRouter} from "../interfaces/IConstantProductRouter.sol";
import {IConstantProductPair} from "../interfaces/IConstantProductPair.sol";
import {IConstantProductFactory} from "../interfaces/IConstantProductFactory.sol";
import {ConstantProductMath} from "./libraries/ConstantProductMath.sol";
import {PairAddress} from "./libraries/PairAddress.sol";

/// @title ConstantProductRouter
/// @notice Adds and removes liquidity and swaps over multi-hop paths of ALVH pairs, with deadline and
///         slippage checks. Holds no tokens between transactions: everything it pulls goes to a pair.
/// @dev Pair addresses are computed with CREATE2 math (no factory SLOAD). Exact-input swaps use the
///      pair's `swapExactIn`, so no `getReserves` call is needed; the slippage check is on the result.
contract ConstantProductRouter is IConstantProductRouter {
    /// @inheritdoc IConstantProductRouter
    address public immutable factory;
    bytes32 private immutable _pairInitCodeHash;

    modifier ensure(uint256 deadline) {
        if (deadline < block.timestamp) revert DeadlineExpired(deadline, block.timestamp);
        _;
    }

    /// @param factory_ The pair factory.
    constructor(address factory_) {
        factory = factory_;
        _pairInitCodeHash = IConstantProductFactory(factory_).PAIR_INIT_CODE_HASH();
    }

    /*//////////////////////////////////////////////////////////////
                               LIQUIDITY
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IConstantProductRouter
    function addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256 amountA, uint256 amountB, uint256 liquidity) {
        address pair;
        (pair, amountA, amountB) = _liquidityAmounts(
            tokenA,
            tokenB,
            amountADesired,
            amountBDesired,
            amountAMin,
            amountBMin
        );
        SafeTransferLib.safeTransferFrom(tokenA, msg.sender, pair, amountA);
        SafeTransferLib.safeTransferFrom(tokenB, msg.sender, pair, amountB);
        liquidity = IConstantProductPair(pair).mint(to);
    }

    /// @inheritdoc IConstantProductRouter
    function removeLiquidity(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) public ensure(deadline) returns (uint256 amountA, uint256 amountB) {
        (address token0, address token1) = PairAddress.sortTokens(tokenA, tokenB);
        address pair = PairAddress.compute(factory, _pairInitCodeHash, token0, token1);
        SafeTransferLib.safeTransferFrom(pair, msg.sender, pair, liquidity);
        (uint256 amount0, uint256 amount1) = IConstantProductPair(pair).burn(to);
        (amountA, amountB) = tokenA == token0 ? (amount0, amount1) : (amount1, amount0);
        if (amountA < amountAMin) revert InsufficientAAmount(amountA, amountAMin);
        if (amountB < amountBMin) revert InsufficientBAmount(amountB, amountBMin);
    }

    /// @inheritdoc IConstantProductRouter
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
    ) external returns (uint256 amountA, uint256 amountB) {
        address pair = _pairFor(tokenA, tokenB);
        uint256 value = approveMax ? type(uint256).max : liquidity;
        // Permits are public once in the mempool: anyone may submit this one first, which uses the nonce and
        // sets the very allowance needed here. A failing permit is therefore ignored; without an allowance
        // the LP transfer in removeLiquidity still reverts.
        // solhint-disable-next-line no-empty-blocks
        try IConstantProductPair(pair).permit(msg.sender, address(this), value, deadline, v, r, s) {} catch {}
        (amountA, amountB) = removeLiquidity(tokenA, tokenB, liquidity, amountAMin, amountBMin, to, deadline);
    }

    /*//////////////////////////////////////////////////////////////
                                 SWAPS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IConstantProductRouter
    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        uint256 hops = _hops(path);
        amounts = new uint256[](hops + 1);
        amounts[0] = amountIn;
        address pair = _pairFor(path[0], path[1]);
        SafeTransferLib.safeTransferFrom(path[0], msg.sender, pair, amountIn);
        for (uint256 i; i < hops;) {
            unchecked {
                // Each pair sends its output straight into the next pair (or to `to` on the last hop).
                address next = i + 1 < hops ? _pairFor(path[i + 1], path[i + 2]) : to;
                amounts[i + 1] = IConstantProductPair(pair).swapExactIn(path[i] < path[i + 1], next);
                pair = next;
                ++i;
            }
        }
        uint256 amountOut = amounts[hops];
        if (amountOut < amountOutMin) revert InsufficientOutputAmount(amountOut, amountOutMin);
    }

    /// @inheritdoc IConstantProductRouter
    function swapTokensForExactTokens(
        uint256 amountOut,
        uint256 amountInMax,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        amounts = _getAmountsIn(amountOut, path);
        if (amounts[0] > amountInMax) revert ExcessiveInputAmount(amounts[0], amountInMax);
        uint256 hops = path.length - 1;
        address pair = _pairFor(path[0], path[1]);
        SafeTransferLib.safeTransferFrom(path[0], msg.sender, pair, amounts[0]);
        for (uint256 i; i < hops;) {
            unchecked {
                address next = i + 1 < hops ? _pairFor(path[i + 1], path[i + 2]) : to;
                uint256 out = amounts[i + 1];
                (uint256 amount0Out, uint256 amount1Out) = path[i] < path[i + 1]
                    ? (uint256(0), out)
                    : (out, uint256(0));
                IConstantProductPair(pair).swap(amount0Out, amount1Out, next, "");
                pair = next;
                ++i;
            }
        }
    }

    /*//////////////////////////////////////////////////////////////
                                QUOTES
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IConstantProductRouter
    function quote(
        uint256 amountA,
        uint256 reserveA,
        uint256 reserveB
    ) external pure returns (uint256 amountB) {
        return ConstantProductMath.quote(amountA, reserveA, reserveB);
    }

    /// @inheritdoc IConstantProductRouter
    function getAmountOut(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256 amountOut) {
        return ConstantProductMath.getAmountOut(amountIn, reserveIn, reserveOut);
    }

    /// @inheritdoc IConstantProductRouter
    function getAmountIn(
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256 amountIn) {
        return ConstantProductMath.getAmountIn(amountOut, reserveIn, reserveOut);
    }

    /// @inheritdoc IConstantProductRouter
    function getAmountsOut(
        uint256 amountIn,
        address[] calldata path
    ) external view returns (uint256[] memory amounts) {
        uint256 hops = _hops(path);
        amounts = new uint256[](hops + 1);
        amounts[0] = amountIn;
        for (uint256 i; i < hops; ++i) {
            (uint256 reserveIn, uint256 reserveOut) = _reserves(path[i], path[i + 1]);
            amounts[i + 1] = ConstantProductMath.getAmountOut(amounts[i], reserveIn, reserveOut);
        }
    }

    /// @inheritdoc IConstantProductRouter
    function getAmountsIn(
        uint256 amountOut,
        address[] calldata path
    ) external view returns (uint256[] memory amounts) {
        return _getAmountsIn(amountOut, path);
    }

    /*//////////////////////////////////////////////////////////////
                               INTERNALS
    //////////////////////////////////////////////////////////////*/

    function _getAmountsIn(
        uint256 amountOut,
        address[] calldata path
    ) private view returns (uint256[] memory amounts) {
        uint256 hops = _hops(path);
        amounts = new uint256[](hops + 1);
        amounts[hops] = amountOut;
        for (uint256 i = hops; i > 0; --i) {
            (uint256 reserveIn, uint256 reserveOut) = _reserves(path[i - 1], path[i]);
            amounts[i - 1] = ConstantProductMath.getAmountIn(amounts[i], reserveIn, reserveOut);
        }
    }

    /// @dev Amounts to deposit at the current ratio, and the pair (created here if it does not exist).
    function _liquidityAmounts(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin
    ) private returns (address pair, uint256 amountA, uint256 amountB) {
        pair = _pairFor(tokenA, tokenB);
        if (pair.code.length == 0) IConstantProductFactory(factory).createPair(tokenA, tokenB);
        (uint256 reserveA, uint256 reserveB) = _reserves(tokenA, tokenB);
        if (reserveA == 0 && reserveB == 0) return (pair, amountADesired, amountBDesired);
        // Deposit at the pool ratio, rounded down (quote): the depositor never adds value it is not paid for.
        uint256 amountBOptimal = ConstantProductMath.quote(amountADesired, reserveA, reserveB);
        if (amountBOptimal <= amountBDesired) {
            if (amountBOptimal < amountBMin) revert InsufficientBAmount(amountBOptimal, amountBMin);
            return (pair, amountADesired, amountBOptimal);
        }
        uint256 amountAOptimal = ConstantProductMath.quote(amountBDesired, reserveB, reserveA);
        // amountAOptimal <= amountADesired here, because amountBOptimal > amountBDesired.
        if (amountAOptimal < amountAMin) revert InsufficientAAmount(amountAOptimal, amountAMin);
        return (pair, amountAOptimal, amountBDesired);
    }

    function _reserves(
        address tokenA,
        address tokenB
    ) private view returns (uint256 reserveA, uint256 reserveB) {
        (address token0, address token1) = PairAddress.sortTokens(tokenA, tokenB);
        address pair = PairAddress.compute(factory, _pairInitCodeHash, token0, token1);
        (uint112 reserve0, uint112 reserve1, ) = IConstantProductPair(pair).getReserves();
        (reserveA, reserveB) = tokenA == token0 ? (reserve0, reserve1) : (reserve1, reserve0);
    }

    function _pairFor(address tokenA, address tokenB) private view returns (address) {
        (address token0, address token1) = PairAddress.sortTokens(tokenA, tokenB);
        return PairAddress.compute(factory, _pairInitCodeHash, token0, token1);
    }

    function _hops(address[] calldata path) private pure returns (uint256) {
        if (path.length < 2) revert InvalidPath(path.length);
        unchecked {
            return path.length - 1;
        }
    }
}
