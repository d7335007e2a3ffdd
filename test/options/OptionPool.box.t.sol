// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {IOptionPool} from "../../contracts/interfaces/IOptionPool.sol";
import {IVolSurfaceOracle} from "../../contracts/interfaces/IVolSurfaceOracle.sol";
import {OptionPoolSetup} from "./OptionPoolSetup.t.sol";

/// @notice No free lunch: a box (call spread + put spread on the same strikes and expiry) pays exactly the
///         width at expiry, so buying one from the pool costs at least its discounted payoff and selling one
///         brings at most that, whatever the index, strikes, tenor, rate and volatility surface (forward factors,
///         ATM volatility, skew, curvature).
contract OptionPoolBoxTest is OptionPoolSetup {
    struct Box {
        uint256 callId;
        uint256 putId;
        uint256 width;
        uint256 expiry;
        uint256 size;
    }

    function setUp() public {
        _deploy();
        usdc.mint(address(this), 1e18);
        usdc.approve(address(pool), type(uint256).max);
        pool.deposit(1e15, address(this)); // 1,000,000,000 USDC of LP capital
    }

    function _box(
        uint256 indexSeed,
        uint256 lowSeed,
        uint256 widthSeed,
        uint256 daysSeed,
        uint256 sizeSeed
    ) private returns (Box memory b) {
        uint256 index = bound(indexSeed, 10e18, 100e18);
        vm.warp(block.timestamp + 1);
        feed.pushRound(int256(index / 1e10), uint64(block.timestamp));
        uint256 low = bound(lowSeed, index / 2 + 1, 2 * index);
        uint256 high = low + bound(widthSeed, 1e16, 3 * index - low);
        b.expiry = _nextExpiry(block.timestamp + bound(daysSeed, 1, 300) * 1 days);
        b.callId = pool.listSeries(address(feed), IOptionPool.Kind.CALL_SPREAD, low, high, b.expiry);
        b.putId = pool.listSeries(address(feed), IOptionPool.Kind.PUT_SPREAD, low, high, b.expiry);
        b.width = high - low;
        b.size = bound(sizeSeed, 1e15, 10_000e18);
    }

    /// @dev A two-pillar surface (30 and 120 days) from the seeds: forward factors 0.5 .. 2, ATM vols 0.1 .. 3,
    ///      skew -2 .. 2, curvature 0 .. 2. A surface the oracle refuses (arbitrage) leaves the flat one.
    function _setMarket(uint256 volSeed, uint256 slopeSeed, uint256 rateSeed) private {
        IOptionPool.Params memory p = _params();
        p.rate = uint64(bound(rateSeed, 0, 0.2e18));
        pool.setParams(p);
        IVolSurfaceOracle.VolPillar[] memory pillars = new IVolSurfaceOracle.VolPillar[](2);
        uint256 vol = bound(volSeed, 0.1e18, 3e18);
        int64 skew = int64(int256(bound(slopeSeed, 0, 4e18)) - 2e18);
        int64 curvature = int64(int256(bound(slopeSeed >> 64, 0, 2e18)));
        uint64 forwardNear = uint64(bound(volSeed >> 64, 0.5e18, 2e18));
        uint64 forwardFar = uint64(bound(rateSeed >> 64, 0.5e18, 2e18));
        pillars[0] = IVolSurfaceOracle.VolPillar(30 days, forwardNear, uint64(vol), skew, curvature);
        pillars[1] = IVolSurfaceOracle.VolPillar(120 days, forwardFar, uint64(vol), skew, curvature);
        vm.warp(block.timestamp + 1);
        // solhint-disable-next-line no-empty-blocks
        try volOracle.pushSurface(address(feed), block.timestamp, pillars) {} catch {}
    }

    /// @dev Discounted width x size in cash: D = exp(-r T).
    function _discountedPayoff(Box memory b) private view returns (uint256) {
        uint256 t = b.expiry - block.timestamp;
        uint256 rate = pool.params().rate;
        uint256 discount = uint256(FixedPointMathLib.expWad(-int256((rate * t) / 365 days)));
        return (((b.size * b.width) / 1e30) * discount) / 1e18;
    }

    function testFuzz_boxCostsAtLeastItsDiscountedPayoff(
        uint256 indexSeed,
        uint256 lowSeed,
        uint256 widthSeed,
        uint256 daysSeed,
        uint256 sizeSeed,
        uint256 volSeed,
        uint256 slopeSeed,
        uint256 rateSeed
    ) public {
        _setMarket(volSeed, slopeSeed, rateSeed);
        Box memory b = _box(indexSeed, lowSeed, widthSeed, daysSeed, sizeSeed);
        (uint256 askCall, uint256 bidCall) = pool.quote(b.callId, b.size);
        (uint256 askPut, uint256 bidPut) = pool.quote(b.putId, b.size);
        uint256 pv = _discountedPayoff(b);
        // pv is computed with a 1e-18 relative error at most: allow one unit of cash around it
        vm.assertGe(askCall + askPut + 1, pv, "box ask below discounted payoff");
        vm.assertLe(bidCall + bidPut, pv + 1, "box bid above discounted payoff");
        vm.assertLe(askCall + askPut, 2 * ((b.size * b.width + 1e30 - 1) / 1e30), "ask above the width");
    }

    function testFuzz_boxPaysExactlyTheWidth(
        uint256 indexSeed,
        uint256 lowSeed,
        uint256 widthSeed,
        uint256 daysSeed,
        uint256 sizeSeed,
        uint256 settleSeed
    ) public {
        Box memory b = _box(indexSeed, lowSeed, widthSeed, daysSeed, sizeSeed);
        pool.buy(b.callId, b.size, type(uint256).max, block.timestamp);
        pool.buy(b.putId, b.size, type(uint256).max, block.timestamp);
        vm.warp(b.expiry + 1);
        feed.pushRound(int256(bound(settleSeed, 1e8, 1_000e8)), uint64(block.timestamp));
        pool.settle(b.callId);
        pool.settle(b.putId);
        uint256 paid = pool.redeemLong(b.callId, b.size) + pool.redeemLong(b.putId, b.size);
        uint256 widthCash = (b.size * b.width) / 1e30;
        // each leg's payout is rounded down: the box pays the width, at most one unit of cash less
        vm.assertLe(paid, widthCash, "box paid more than its width");
        vm.assertGe(paid + 1, widthCash, "box paid less than its width");
    }

    /// @notice Accepts the long tokens minted to this test contract.
    function onERC1155Received(
        address,
        address,
        uint256,
        uint256,
        bytes calldata
    ) external pure returns (bytes4) {
        return this.onERC1155Received.selector;
    }
}
