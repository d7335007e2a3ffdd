// SPDX-License-Identifier: MIT
// The handler lives in this file on purpose: Hardhat's invariant fuzzer found no target when it was
// imported from another file (tried from test/ and from contracts/mocks/), so two contracts share it.
// solhint-disable one-contract-per-file
pragma solidity 0.8.28;

import {TestBase} from "../utils/Vm.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {ConstantProductFactory} from "../../contracts/amm/ConstantProductFactory.sol";
import {ConstantProductPair} from "../../contracts/amm/ConstantProductPair.sol";

/// @notice Invariant handler: drives one pair with swaps, mints, burns, donations, skim, sync
///         and time; bounded inputs and early returns, so it never reverts.
contract PairHandler is TestBase {
    ConstantProductPair public immutable pair;
    MockERC20 public immutable token0;
    MockERC20 public immutable token1;

    bool public kDecreasedOnSwap;
    bool public syncMismatch;
    uint256 public swaps;

    constructor(ConstantProductPair pair_, MockERC20 token0_, MockERC20 token1_) {
        pair = pair_;
        token0 = token0_;
        token1 = token1_;
    }

    function swap(uint256 amountIn, bool zeroForOne) external {
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        if (r0 == 0 || r1 == 0) return;
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne
            ? (uint256(r0), uint256(r1))
            : (uint256(r1), uint256(r0));
        amountIn = bound(amountIn, 1, 1e24);
        uint256 out = (amountIn * 997 * reserveOut) / (reserveIn * 1000 + amountIn * 997);
        if (out == 0) return;
        (zeroForOne ? token0 : token1).mint(address(pair), amountIn);
        if (zeroForOne) pair.swap(0, out, address(this), "");
        else pair.swap(out, 0, address(this), "");
        (uint112 n0, uint112 n1, ) = pair.getReserves();
        if (uint256(n0) * n1 < uint256(r0) * r1) kDecreasedOnSwap = true;
        ++swaps;
    }

    function swapExactIn(uint256 amountIn, bool zeroForOne) external {
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        if (r0 == 0 || r1 == 0) return;
        (uint256 reserveIn, uint256 reserveOut) = zeroForOne
            ? (uint256(r0), uint256(r1))
            : (uint256(r1), uint256(r0));
        uint256 balanceIn = (zeroForOne ? token0 : token1).balanceOf(address(pair));
        amountIn = bound(amountIn, 1, 1e24);
        uint256 paid = balanceIn - reserveIn + amountIn;
        if ((paid * 997 * reserveOut) / (reserveIn * 1000 + paid * 997) == 0) return;
        (zeroForOne ? token0 : token1).mint(address(pair), amountIn);
        pair.swapExactIn(zeroForOne, address(this));
        (uint112 n0, uint112 n1, ) = pair.getReserves();
        if (uint256(n0) * n1 < uint256(r0) * r1) kDecreasedOnSwap = true;
        ++swaps;
    }

    function mint(uint256 amount0, uint256 amount1) external {
        amount0 = bound(amount0, 1e4, 1e24);
        amount1 = bound(amount1, 1e4, 1e24);
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        uint256 supply = pair.totalSupply();
        uint256 paid0 = token0.balanceOf(address(pair)) - r0 + amount0;
        uint256 paid1 = token1.balanceOf(address(pair)) - r1 + amount1;
        if (supply == 0) {
            if (_sqrt(paid0 * paid1) <= 1000) return;
        } else {
            uint256 l0 = (paid0 * supply) / r0;
            uint256 l1 = (paid1 * supply) / r1;
            if ((l0 < l1 ? l0 : l1) == 0) return;
        }
        token0.mint(address(pair), amount0);
        token1.mint(address(pair), amount1);
        pair.mint(address(this));
    }

    function burn(uint256 liquidity) external {
        uint256 held = pair.balanceOf(address(this));
        if (held == 0) return;
        liquidity = bound(liquidity, 1, held);
        uint256 supply = pair.totalSupply();
        if (
            (liquidity * token0.balanceOf(address(pair))) / supply == 0 ||
            (liquidity * token1.balanceOf(address(pair))) / supply == 0
        ) return;
        pair.transfer(address(pair), liquidity);
        pair.burn(address(this));
    }

    function donate(uint256 amount0, uint256 amount1) external {
        token0.mint(address(pair), bound(amount0, 0, 1e22));
        token1.mint(address(pair), bound(amount1, 0, 1e22));
    }

    function skim() external {
        pair.skim(address(this));
    }

    function sync() external {
        pair.sync();
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        if (r0 != token0.balanceOf(address(pair)) || r1 != token1.balanceOf(address(pair)))
            syncMismatch = true;
    }

    function passTime(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 1 days));
    }

    function _sqrt(uint256 x) private pure returns (uint256 z) {
        if (x == 0) return 0;
        z = x;
        uint256 y = (x + 1) / 2;
        while (y < z) {
            z = y;
            y = (x / y + y) / 2;
        }
    }
}

/// @notice Invariants of the constant-product pair under arbitrary sequences of handler actions.
contract ConstantProductInvariantTest is TestBase {
    ConstantProductPair internal pair;
    MockERC20 internal token0;
    MockERC20 internal token1;
    PairHandler internal handler;

    function setUp() public {
        MockERC20 a = new MockERC20("A", "A", 18);
        MockERC20 b = new MockERC20("B", "B", 18);
        (token0, token1) = address(a) < address(b) ? (a, b) : (b, a);
        ConstantProductFactory factory = new ConstantProductFactory(address(this));
        pair = ConstantProductPair(factory.createPair(address(a), address(b)));
        handler = new PairHandler(pair, token0, token1);
        targetContract(address(handler));
    }

    /// Reserves never exceed balances (the excess is donations, skimmable), and equal them after sync.
    function invariant_reservesBackedByBalances() public view {
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        vm.assertLe(r0, token0.balanceOf(address(pair)), "reserve0 > balance0");
        vm.assertLe(r1, token1.balanceOf(address(pair)), "reserve1 > balance1");
        vm.assertFalse(handler.syncMismatch(), "reserves != balances after sync");
    }

    /// k = reserve0 * reserve1 never decreases through a swap.
    function invariant_kNeverDecreasesOnSwaps() public view {
        vm.assertFalse(handler.kDecreasedOnSwap(), "k decreased on a swap");
    }

    /// Once initialised, MINIMUM_LIQUIDITY shares stay locked at address(0) for ever.
    function invariant_minimumLiquidityLocked() public view {
        uint256 supply = pair.totalSupply();
        if (supply == 0) return;
        vm.assertGe(supply, pair.MINIMUM_LIQUIDITY(), "supply below minimum");
        vm.assertEq(pair.balanceOf(address(0)), pair.MINIMUM_LIQUIDITY(), "locked shares moved");
    }
}
