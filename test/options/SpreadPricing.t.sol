// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {Black76} from "../../contracts/options/Black76.sol";
import {SpreadPricing} from "../../contracts/options/SpreadPricing.sol";
import {TestBase} from "../utils/Vm.sol";

/// @notice The spread valuation against the one it replaced (kept below as the reference): each strike's smile
///         now takes its log-moneyness from the same logarithm Black-76 prices the strike with (ln(F/K) from the
///         ratio scaled by 1e36) instead of a second one (ln of K x 1e18 / F, rounded down), and both strikes
///         share one sqrt(T) and one discount factor. Everything but the smile's x is the same integer
///         arithmetic, so a flat smile prices to the wei; with a skew or a curvature the two x differ by a few
///         wei, and the fair value by at most vega x that (docs/options.md, "Pricing").
contract SpreadPricingTest is TestBase {
    uint256 private constant WAD = 1e18;

    /// @dev Spread inputs drawn from `seed`: index 1 .. 100,000 points, low strike 0.5 .. 2.5 x F, width
    ///      0.001 .. 0.5 x F, 1 .. 730 days, ATM 5 % .. 300 %, and with `smile` a skew in [-5, 5] and a curvature in
    ///      [0, 5] (else a flat smile).
    function _inputs(uint256 seed, bool smile) private pure returns (SpreadPricing.Inputs memory inp) {
        uint256[7] memory r;
        for (uint256 i; i < 7; ++i) r[i] = uint256(keccak256(abi.encode(seed, i)));
        inp.forward = bound(r[0], 1e18, 1e23);
        inp.strikeLow = Math.mulDiv(inp.forward, bound(r[1], 0.5e18, 2.5e18), WAD);
        inp.strikeHigh = inp.strikeLow + Math.mulDiv(inp.forward, bound(r[2], 0.001e18, 0.5e18), WAD);
        inp.timeSeconds = bound(r[3], 1 days, 730 days);
        inp.atmVol = bound(r[4], 0.05e18, 3e18);
        if (smile)
            (inp.skew, inp.curvature) = (int256(bound(r[5], 0, 10e18)) - 5e18, int256(bound(r[6], 0, 5e18)));
        (inp.minVol, inp.maxVol, inp.rate) = (0.05e18, 3e18, 0.05e18);
        inp.isCall = seed % 2 == 0;
    }

    /// @notice A flat smile (skew 0, curvature 0) prices exactly as before, to the wei.
    function testFuzz_flatSmileUnchanged(uint256 seed) public pure {
        SpreadPricing.Inputs memory inp = _inputs(seed, false);
        vm.assertEq(SpreadPricing.fairValue(inp), _referenceFairValue(inp), "flat smile");
    }

    /// @notice With a skew and a curvature the fair value stays within 1e-16 x (F + K) + 10 wei of the
    ///         reference (the largest difference the fuzzer found: 1.4e-18 x (F + K)). For an index under 100,000
    ///         points that is below 4e7 wei of index points, 4e-5 of a cash wei per contract (a 6-decimal
    ///         stablecoin's wei is 1e12 wei of index points per contract).
    function testFuzz_smileWithinTolerance(uint256 seed) public pure {
        SpreadPricing.Inputs memory inp = _inputs(seed, true);
        uint256 fair = SpreadPricing.fairValue(inp);
        uint256 expected = _referenceFairValue(inp);
        uint256 tolerance = (inp.forward + inp.strikeHigh) / 1e16 + 10;
        vm.assertLe(fair > expected ? fair - expected : expected - fair, tolerance, "smile");
    }

    /// @notice Bad inputs revert with Black-76's errors, in its order (forward, strike, time, volatility, rate).
    function test_badInputsRevertInBlack76Order() public {
        SpreadPricing.Inputs memory inp = _inputs(1, false);
        (inp.forward, inp.strikeLow, inp.strikeHigh, inp.timeSeconds) = (20e18, 22e18, 24e18, 30 days);
        SpreadPricing.Inputs memory bad = _copy(inp);
        bad.forward = 1;
        bad.strikeLow = 1; // the forward is reported first
        vm.expectRevert(abi.encodeWithSelector(Black76.ForwardOutOfRange.selector, 1, 1e12, 1e30));
        this.fairValueOf(bad);
        bad = _copy(inp);
        bad.strikeHigh = 2e30;
        vm.expectRevert(abi.encodeWithSelector(Black76.StrikeOutOfRange.selector, 2e30, 1e12, 1e30));
        this.fairValueOf(bad);
        bad = _copy(inp);
        bad.timeSeconds = Black76.MAX_TIME + 1;
        bad.rate = 2e18; // the time is reported first
        vm.expectRevert(
            abi.encodeWithSelector(
                Black76.TimeOutOfRange.selector,
                Black76.MAX_TIME + 1,
                60,
                Black76.MAX_TIME
            )
        );
        this.fairValueOf(bad);
        bad = _copy(inp);
        (bad.atmVol, bad.minVol) = (0, 0);
        bad.rate = 2e18; // the volatility is reported first
        vm.expectRevert(abi.encodeWithSelector(Black76.VolatilityOutOfRange.selector, 0, 0.01e18, 5e18));
        this.fairValueOf(bad);
        bad = _copy(inp);
        bad.rate = 2e18;
        vm.expectRevert(abi.encodeWithSelector(Black76.RateOutOfRange.selector, int256(2e18), -0.1e18, 1e18));
        this.fairValueOf(bad);
    }

    /// @notice The smile is clamped from one unit outside [minVol, maxVol].
    function test_smileClampedFromOneUnitOutside() public pure {
        SpreadPricing.Inputs memory inp = _inputs(1, false); // no skew, no curvature: the smile is atmVol
        (inp.minVol, inp.maxVol) = (0.2e18, 0.9e18);
        inp.atmVol = 0.2e18 - 1;
        vm.assertEq(SpreadPricing.smileVol(inp, 0), 0.2e18, "one unit under minVol");
        inp.atmVol = 0.9e18 + 1;
        vm.assertEq(SpreadPricing.smileVol(inp, 0), 0.9e18, "one unit above maxVol");
    }

    /// @notice A smile volatility one unit outside Black-76's range, or a rate one unit above its ceiling,
    ///         reverts with Black-76's error; the bounds themselves price.
    function test_volatilityAndRateOneUnitOutsideBlack76Revert() public {
        SpreadPricing.Inputs memory inp = _inputs(1, false);
        (inp.forward, inp.strikeLow, inp.strikeHigh, inp.timeSeconds) = (20e18, 22e18, 24e18, 30 days);
        (inp.minVol, inp.maxVol) = (0, 10e18); // the smile is not clamped into Black-76's range
        uint256 minVol = Black76.MIN_VOLATILITY;
        uint256 maxVol = Black76.MAX_VOLATILITY;
        SpreadPricing.Inputs memory bad = _copy(inp);
        bad.atmVol = minVol - 1;
        vm.expectRevert(
            abi.encodeWithSelector(Black76.VolatilityOutOfRange.selector, minVol - 1, minVol, maxVol)
        );
        this.fairValueOf(bad);
        bad.atmVol = maxVol + 1;
        vm.expectRevert(
            abi.encodeWithSelector(Black76.VolatilityOutOfRange.selector, maxVol + 1, minVol, maxVol)
        );
        this.fairValueOf(bad);
        bad = _copy(inp);
        bad.rate = uint256(Black76.MAX_RATE) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                Black76.RateOutOfRange.selector,
                Black76.MAX_RATE + 1,
                Black76.MIN_RATE,
                Black76.MAX_RATE
            )
        );
        this.fairValueOf(bad);
        (bad.atmVol, bad.rate) = (minVol, uint256(Black76.MAX_RATE));
        vm.assertGt(this.fairValueOf(bad), 0, "lowest vol, highest rate");
        bad.atmVol = maxVol;
        vm.assertGt(this.fairValueOf(bad), 0, "at the highest volatility");
    }

    /// @notice Both terms of the markup are rounded up; a fair value one unit above the markup bids 1 unit.
    function test_askBidRoundsTheMarkupUp() public pure {
        // fee 1/3 of 10 = 3.33 -> 4; half-spread 1/3 of a width of 30 = 9.99 -> 10: markup 14
        (uint256 ask, uint256 bid) = SpreadPricing.askBid(10, 30, WAD / 3, WAD / 3);
        vm.assertEq(ask, 24, "ask");
        vm.assertEq(bid, 0, "bid below the markup");
        (ask, bid) = SpreadPricing.askBid(11, 30, WAD / 3, 0); // markup 10
        vm.assertEq(ask, 21, "ask without a fee");
        vm.assertEq(bid, 1, "bid one unit above the markup");
    }

    /// @notice A spread whose two legs Black-76 prices exactly one wei apart is worth that wei (deep in the
    ///         money, one wei wide, no discounting: each leg moves one for one with its strike).
    function test_legsOneWeiApart() public pure {
        SpreadPricing.Inputs memory inp = _inputs(1, false);
        (inp.forward, inp.timeSeconds, inp.atmVol, inp.rate) = (20e18, 30 days, 0.5e18, 0);
        (inp.isCall, inp.strikeLow, inp.strikeHigh) = (true, 10e18, 10e18 + 1);
        vm.assertEq(SpreadPricing.fairValue(inp), 1, "call spread");
        (inp.isCall, inp.strikeLow, inp.strikeHigh) = (false, 40e18, 40e18 + 1);
        vm.assertEq(SpreadPricing.fairValue(inp), 1, "put spread");
    }

    /// @notice `SpreadPricing.fairValue` behind an external call (for expectRevert).
    /// @param inp The inputs.
    /// @return The fair value.
    function fairValueOf(SpreadPricing.Inputs calldata inp) external pure returns (uint256) {
        return SpreadPricing.fairValue(inp);
    }

    function _copy(SpreadPricing.Inputs memory inp) private pure returns (SpreadPricing.Inputs memory c) {
        c = SpreadPricing.Inputs(
            inp.isCall,
            inp.forward,
            inp.strikeLow,
            inp.strikeHigh,
            inp.timeSeconds,
            inp.atmVol,
            inp.skew,
            inp.curvature,
            inp.minVol,
            inp.maxVol,
            inp.rate,
            inp.halfSpread,
            inp.fee
        );
    }

    // ---------------------------------------------------------------- the valuation before the change

    function _referenceFairValue(SpreadPricing.Inputs memory inp) private pure returns (uint256 fair) {
        uint256 t = Math.max(inp.timeSeconds, Black76.MIN_TIME);
        Black76.Result memory low = Black76.price(
            inp.forward,
            inp.strikeLow,
            t,
            _referenceVol(inp, inp.strikeLow),
            int256(inp.rate)
        );
        Black76.Result memory high = Black76.price(
            inp.forward,
            inp.strikeHigh,
            t,
            _referenceVol(inp, inp.strikeHigh),
            int256(inp.rate)
        );
        if (inp.isCall) fair = low.callPrice > high.callPrice ? low.callPrice - high.callPrice : 0;
        else fair = high.putPrice > low.putPrice ? high.putPrice - low.putPrice : 0;
        uint256 discount = uint256(
            FixedPointMathLib.expWad(-int256((inp.rate * t) / Black76.SECONDS_PER_YEAR))
        );
        fair = Math.min(fair, Math.mulDiv(inp.strikeHigh - inp.strikeLow, discount, WAD));
    }

    /// @dev The smile at the x the valuation used before: ln(K x 1e18 / F, rounded down).
    function _referenceVol(SpreadPricing.Inputs memory inp, uint256 strike) private pure returns (uint256) {
        return
            SpreadPricing.smileVol(
                inp,
                FixedPointMathLib.lnWad(int256(Math.mulDiv(strike, WAD, inp.forward)))
            );
    }
}
