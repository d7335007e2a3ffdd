// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TestBase} from "../utils/Vm.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {ConstantProductFactory} from "../../contracts/amm/ConstantProductFactory.sol";
import {ConstantProductPair} from "../../contracts/amm/ConstantProductPair.sol";
import {TwapOracle} from "../../contracts/amm/TwapOracle.sol";
import {ConstantProductMath} from "../../contracts/amm/libraries/ConstantProductMath.sol";
import {IUniswapV2Pair} from "../../contracts/interfaces/IUniswapV2Pair.sol";

/// @notice Fuzz tests of the pair's swap maths, the quote library and the TWAP wrap-around.
contract ConstantProductPairTest is TestBase {
    MockERC20 internal token0;
    MockERC20 internal token1;
    ConstantProductFactory internal factory;
    ConstantProductPair internal pair;

    function setUp() public {
        MockERC20 a = new MockERC20("A", "A", 18);
        MockERC20 b = new MockERC20("B", "B", 18);
        (token0, token1) = address(a) < address(b) ? (a, b) : (b, a);
        factory = new ConstantProductFactory(address(this));
        pair = ConstantProductPair(factory.createPair(address(a), address(b)));
    }

    function _seed(uint256 amount0, uint256 amount1) internal {
        token0.mint(address(pair), amount0);
        token1.mint(address(pair), amount1);
        pair.mint(address(this));
    }

    function _formula(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) internal pure returns (uint256) {
        return (amountIn * 997 * reserveOut) / (reserveIn * 1000 + amountIn * 997);
    }

    /// swap pays exactly the constant-product formula (rounded down), one unit more fails K, k grows.
    function testSwapOutputMatchesFormula(uint256 r0, uint256 r1, uint256 amountIn, bool zeroForOne) public {
        r0 = bound(r0, 1e6, 2 ** 100);
        r1 = bound(r1, 1e6, 2 ** 100);
        _seed(r0, r1);
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne ? (r0, r1) : (r1, r0);
        amountIn = bound(amountIn, 1, 2 ** 100);
        uint256 out = _formula(amountIn, reserveIn, reserveOut);
        vm.assume(out > 0);
        (zeroForOne ? token0 : token1).mint(address(pair), amountIn);
        if (out + 1 < reserveOut) {
            vm.expectRevert();
            _swapOut(out + 1, zeroForOne);
        }
        _swapOut(out, zeroForOne);
        (uint112 n0, uint112 n1, ) = pair.getReserves();
        vm.assertGe(uint256(n0) * n1, r0 * r1, "k decreased");
    }

    function _swapOut(uint256 out, bool zeroForOne) internal {
        if (zeroForOne) pair.swap(0, out, address(0xBEEF), "");
        else pair.swap(out, 0, address(0xBEEF), "");
    }

    /// swapExactIn pays the same formula and never lowers k.
    function testSwapExactInMatchesFormula(uint256 r0, uint256 r1, uint256 amountIn, bool zeroForOne) public {
        r0 = bound(r0, 1e6, 2 ** 100);
        r1 = bound(r1, 1e6, 2 ** 100);
        _seed(r0, r1);
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne ? (r0, r1) : (r1, r0);
        amountIn = bound(amountIn, 1, 2 ** 100);
        uint256 out = _formula(amountIn, reserveIn, reserveOut);
        vm.assume(out > 0);
        (zeroForOne ? token0 : token1).mint(address(pair), amountIn);
        vm.assertEq(pair.swapExactIn(zeroForOne, address(0xBEEF)), out, "output");
        (uint112 n0, uint112 n1, ) = pair.getReserves();
        vm.assertGe(uint256(n0) * n1, r0 * r1, "k decreased");
    }

    /// getAmountIn is (nearly) the least input that buys amountOut; getAmountOut never over-pays.
    function testAmountInOutRoundTrip(uint256 amountOut, uint256 reserveIn, uint256 reserveOut) public pure {
        reserveIn = bound(reserveIn, 1, 2 ** 112 - 1);
        reserveOut = bound(reserveOut, 2, 2 ** 112 - 1);
        amountOut = bound(amountOut, 1, reserveOut - 1);
        uint256 amountIn = ConstantProductMath.getAmountIn(amountOut, reserveIn, reserveOut);
        require(
            ConstantProductMath.getAmountOut(amountIn, reserveIn, reserveOut) >= amountOut,
            "in too small"
        );
        if (amountIn > 2) {
            require(
                ConstantProductMath.getAmountOut(amountIn - 2, reserveIn, reserveOut) < amountOut,
                "in too big"
            );
        }
    }

    /// The output for an input, bought back, costs at most that input (+1 for the rounding up).
    function testAmountOutInRoundTrip(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) public pure {
        reserveIn = bound(reserveIn, 1, 2 ** 112 - 1);
        reserveOut = bound(reserveOut, 1, 2 ** 112 - 1);
        amountIn = bound(amountIn, 1, 2 ** 112 - 1);
        uint256 out = ConstantProductMath.getAmountOut(amountIn, reserveIn, reserveOut);
        if (out == 0) return;
        vm.assertLe(ConstantProductMath.getAmountIn(out, reserveIn, reserveOut), amountIn + 1, "round trip");
    }

    /// The uint32 timestamp and the accumulators wrap (as V2's do) instead of reverting, and a TWAP taken
    /// across both wraps is still exact.
    function testTwapAcrossTimestampAndAccumulatorOverflow() public {
        vm.warp(2 ** 32 - 100);
        _seed(1_000e18, 4_000e18); // token1 per token0 = 4
        TwapOracle oracle = new TwapOracle(IUniswapV2Pair(address(pair)), 3600, 7200);
        // price0CumulativeLast is slot 1: push it to 5 below 2^256.
        vm.store(address(pair), bytes32(uint256(1)), bytes32(type(uint256).max - 4));
        vm.store(address(oracle), bytes32(uint256(0)), bytes32(type(uint256).max - 4));

        vm.warp(2 ** 32 + 3500); // uint32 time has wrapped
        pair.sync();
        (, , uint32 last) = pair.getReserves();
        vm.assertEq(uint256(last), 3500, "timestamp wraps");
        uint256 price = (uint256(4_000e18) << 112) / 1_000e18;
        unchecked {
            vm.assertEq(
                pair.price0CumulativeLast(),
                type(uint256).max - 4 + price * 3600,
                "accumulator wraps"
            );
        }
        oracle.update();
        vm.assertEq(uint256(oracle.price0Average()), price, "average across both wraps");
        vm.assertEq(oracle.consult(address(token0), 1e18), 4e18, "consult");
    }
}
