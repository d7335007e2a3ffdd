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
///         wei, and the fair value by at most vega x that (docs/options.md, "Gas of the pricing path").
contract SpreadPricingTest is TestBase {
    uint256 private constant WAD = 1e18;

    function _inputs(
        uint256 forwardSeed,
        uint256 moneynessSeed,
        uint256 widthSeed,
        uint256 timeSeed,
        uint256 volSeed,
        uint256 skewSeed,
        uint256 curvatureSeed
    ) private pure returns (SpreadPricing.Inputs memory inp) {
        inp.forward = bound(forwardSeed, 1e18, 1e23); // 1 .. 100,000 index points
        inp.strikeLow = Math.mulDiv(inp.forward, bound(moneynessSeed, 0.5e18, 2.5e18), WAD);
        inp.strikeHigh = inp.strikeLow + Math.mulDiv(inp.forward, bound(widthSeed, 0.001e18, 0.5e18), WAD);
        inp.timeSeconds = bound(timeSeed, 1 days, 730 days);
        inp.atmVol = bound(volSeed, 0.05e18, 3e18);
        inp.skew = int256(bound(skewSeed, 0, 10e18)) - 5e18;
        inp.curvature = int256(bound(curvatureSeed, 0, 5e18));
        (inp.minVol, inp.maxVol, inp.rate) = (0.05e18, 3e18, 0.05e18);
        inp.isCall = forwardSeed % 2 == 0;
    }

    /// @notice A flat smile (skew 0, curvature 0) prices exactly as before, to the wei.
    function testFuzz_flatSmileUnchanged(
        uint256 forwardSeed,
        uint256 moneynessSeed,
        uint256 widthSeed,
        uint256 timeSeed,
        uint256 volSeed
    ) public pure {
        SpreadPricing.Inputs memory inp = _inputs(
            forwardSeed,
            moneynessSeed,
            widthSeed,
            timeSeed,
            volSeed,
            5e18,
            0
        );
        vm.assertEq(SpreadPricing.fairValue(inp), _referenceFairValue(inp), "flat smile");
    }

    /// @notice With a skew and a curvature the fair value stays within 1e-16 x (F + K) + 10 wei of the
    ///         reference (the largest difference the fuzzer found: 1.4e-18 x (F + K)). For an index under 100,000
    ///         points that is below 4e7 wei of index points, 4e-5 of a cash wei per contract (a 6-decimal
    ///         stablecoin's wei is 1e12 wei of index points per contract).
    function testFuzz_smileWithinTolerance(
        uint256 forwardSeed,
        uint256 moneynessSeed,
        uint256 widthSeed,
        uint256 timeSeed,
        uint256 volSeed,
        uint256 skewSeed,
        uint256 curvatureSeed
    ) public pure {
        SpreadPricing.Inputs memory inp = _inputs(
            forwardSeed,
            moneynessSeed,
            widthSeed,
            timeSeed,
            volSeed,
            skewSeed,
            curvatureSeed
        );
        uint256 fair = SpreadPricing.fairValue(inp);
        uint256 expected = _referenceFairValue(inp);
        uint256 tolerance = (inp.forward + inp.strikeHigh) / 1e16 + 10;
        vm.assertLe(fair > expected ? fair - expected : expected - fair, tolerance, "smile");
    }

    /// @notice Bad inputs revert with Black-76's errors, in its order (forward, strike, time, volatility, rate).
    function test_badInputsRevertInBlack76Order() public {
        SpreadPricing.Inputs memory inp = _inputs(20e18, 1.1e18, 0.1e18, 30 days, 0.8e18, 5e18, 0);
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

    function _referenceVol(SpreadPricing.Inputs memory inp, uint256 strike) private pure returns (uint256) {
        int256 x = FixedPointMathLib.lnWad(int256(Math.mulDiv(strike, WAD, inp.forward)));
        int256 v =
            int256(inp.atmVol) +
                (inp.skew * x) / int256(WAD) +
                (inp.curvature * ((x * x) / int256(WAD))) / int256(WAD);
        if (v < int256(inp.minVol)) return inp.minVol;
        if (v > int256(inp.maxVol)) return inp.maxVol;
        return uint256(v);
    }
}
