// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {Black76} from "../../contracts/options/Black76.sol";
import {NormalCdf} from "../../contracts/options/lib/NormalCdf.sol";
import {TestBase} from "../utils/Vm.sol";

/// @notice Fuzz properties of Black76: parity, monotonicity, no-arbitrage bounds, deltas and Φ symmetry.
///         Comparisons of two prices allow the pricing error, a few wei per 1e18 of F + K (measured
///         against a 60-digit reference: under 3e-18 × F on the test grid).
contract Black76Test is TestBase {
    uint256 private constant MIN_PRICE = 1e12;
    uint256 private constant MAX_PRICE = 1e30;

    struct Inputs {
        uint256 forward;
        uint256 strike;
        uint256 time;
        uint256 volatility;
        int256 rate;
    }

    function _bounded(
        uint256 forward,
        uint256 moneynessSeed,
        uint256 time,
        uint256 volatility,
        uint256 rateSeed
    ) private pure returns (Inputs memory p) {
        p.forward = bound(forward, MIN_PRICE, MAX_PRICE);
        // Strike between F/1000 and 1000·F (and within the library's bounds).
        uint256 lo = p.forward / 1000 < MIN_PRICE ? MIN_PRICE : p.forward / 1000;
        uint256 hi = p.forward * 1000 > MAX_PRICE ? MAX_PRICE : p.forward * 1000;
        p.strike = bound(moneynessSeed, lo, hi);
        p.time = bound(time, Black76.MIN_TIME, Black76.MAX_TIME);
        p.volatility = bound(volatility, Black76.MIN_VOLATILITY, Black76.MAX_VOLATILITY);
        p.rate = int256(bound(rateSeed, 0, 1.1e18)) - 0.1e18;
    }

    function _price(Inputs memory p) private pure returns (Black76.Result memory) {
        return Black76.price(p.forward, p.strike, p.time, p.volatility, p.rate);
    }

    /// @dev Tolerance for comparing two prices: 3e-17 × (F + K) + 2 wei.
    function _tolerance(Inputs memory p) private pure returns (uint256) {
        return (p.forward + p.strike) / 3e16 + 2;
    }

    function _discount(Inputs memory p) private pure returns (uint256) {
        return
            uint256(FixedPointMathLib.expWad(-(p.rate * int256(p.time)) / int256(Black76.SECONDS_PER_YEAR)));
    }

    function testFuzz_putCallParity(uint256 f, uint256 k, uint256 t, uint256 v, uint256 r) public pure {
        Inputs memory p = _bounded(f, k, t, v, r);
        Black76.Result memory res = _price(p);
        int256 lhs = int256(res.callPrice) - int256(res.putPrice);
        int256 rhs = ((int256(p.forward) - int256(p.strike)) * int256(_discount(p))) / 1e18;
        uint256 gap = lhs > rhs ? uint256(lhs - rhs) : uint256(rhs - lhs);
        // 1e-15 × F, plus rounding of the two prices (the clamp at 0 only acts far below that).
        vm.assertLe(gap, p.forward / 1e15 + 3, "C - P != D(F - K)");
    }

    function testFuzz_monotoneInStrike(
        uint256 f,
        uint256 k,
        uint256 t,
        uint256 v,
        uint256 r,
        uint256 k2
    ) public pure {
        Inputs memory p = _bounded(f, k, t, v, r);
        Inputs memory q = _bounded(f, k2, t, v, r);
        if (q.strike < p.strike) (p, q) = (q, p);
        Black76.Result memory low = _price(p);
        Black76.Result memory high = _price(q);
        vm.assertGe(low.callPrice + _tolerance(q), high.callPrice, "call not decreasing in strike");
        vm.assertLe(low.putPrice, high.putPrice + _tolerance(q), "put not increasing in strike");
    }

    function testFuzz_monotoneInVolatility(
        uint256 f,
        uint256 k,
        uint256 t,
        uint256 v,
        uint256 r,
        uint256 v2
    ) public pure {
        Inputs memory p = _bounded(f, k, t, v, r);
        Inputs memory q = _bounded(f, k, t, v2, r);
        if (q.volatility < p.volatility) (p, q) = (q, p);
        Black76.Result memory low = _price(p);
        Black76.Result memory high = _price(q);
        vm.assertLe(low.callPrice, high.callPrice + _tolerance(p), "call not increasing in vol");
        vm.assertLe(low.putPrice, high.putPrice + _tolerance(p), "put not increasing in volatility");
    }

    function testFuzz_monotoneInTimeWithZeroRate(
        uint256 f,
        uint256 k,
        uint256 t,
        uint256 v,
        uint256 t2
    ) public pure {
        Inputs memory p = _bounded(f, k, t, v, 0.1e18); // rate seed 0.1e18 → r = 0
        Inputs memory q = _bounded(f, k, t2, v, 0.1e18);
        if (q.time < p.time) (p, q) = (q, p);
        Black76.Result memory short_ = _price(p);
        Black76.Result memory long_ = _price(q);
        vm.assertLe(short_.callPrice, long_.callPrice + _tolerance(p), "call not increasing in time");
        vm.assertLe(short_.putPrice, long_.putPrice + _tolerance(p), "put not increasing in time");
    }

    function testFuzz_noArbitrageBoundsAndDeltas(
        uint256 f,
        uint256 k,
        uint256 t,
        uint256 v,
        uint256 r
    ) public pure {
        Inputs memory p = _bounded(f, k, t, v, r);
        Black76.Result memory res = _price(p);
        uint256 discount = _discount(p);
        // 0 ≤ C ≤ D·F and 0 ≤ P ≤ D·K (unsigned results are ≥ 0 by type).
        vm.assertLe(res.callPrice, (discount * p.forward) / 1e18 + 2, "call above D*F");
        vm.assertLe(res.putPrice, (discount * p.strike) / 1e18 + 2, "put above D*K");
        // Deltas: D·Φ(d1) and −D·Φ(−d1), so callDelta − putDelta = D.
        vm.assertLe(res.callDelta, discount + 1, "call delta above D");
        vm.assertLe(uint256(-res.putDelta), discount + 1, "put delta below -D");
        vm.assertApproxEqAbs(res.callDelta + uint256(-res.putDelta), discount, 2, "delta_C - delta_P != D");
        if (p.rate >= 0) {
            vm.assertLe(res.callDelta, 1e18, "call delta above 1");
            vm.assertTrue(res.putDelta >= -1e18 && res.putDelta <= 0, "put delta outside [-1, 0]");
        }
    }

    function testFuzz_normalCdfMonotone(int256 x, int256 y) public pure {
        x = int256(bound(uint256(x), 0, 24e18)) - 12e18;
        y = int256(bound(uint256(y), 0, 24e18)) - 12e18;
        if (y < x) (x, y) = (y, x);
        // Allow one wei: each value is rounded to nearest independently.
        vm.assertLe(Black76.normalCdf(x), Black76.normalCdf(y) + 1, "Phi not monotone");
    }

    function testFuzz_normalCdfSymmetric(int256 x) public pure {
        x = int256(bound(uint256(x), 0, 2e20)) - 1e20;
        uint256 p = Black76.normalCdf(x);
        vm.assertLe(p, 1e18, "Phi above 1");
        vm.assertEq(p + Black76.normalCdf(-x), 1e18, "Phi(x) + Phi(-x) != 1");
    }

    function test_normalCdfNearNeighboursMonotone() public pure {
        // Dense walk across the range boundaries 1.5, 3, 5 and 9 of the tail approximation.
        int256[4] memory edges = [int256(1.5e18), 3e18, 5e18, 9e18];
        for (uint256 i = 0; i < edges.length; ++i) {
            uint256 previous = Black76.normalCdf(-edges[i] - 1e6);
            for (int256 step = 1; step <= 20; ++step) {
                uint256 current = Black76.normalCdf(-edges[i] - 1e6 + step * 1e5);
                vm.assertLe(previous, current + 1, "Phi not monotone at a range edge");
                previous = current;
            }
        }
    }

    /// @notice Continuous where d1 or d2 is exactly -1 wei (where the library takes |d|): the prices at that strike
    ///         and one wei of strike away differ by no more than the pricing error.
    function test_continuousWhereDIsMinusOneWei() public pure {
        // F = 10^6 points, 2 years at 200 %: sigma x sqrt(T) = 2.83, and one wei of strike moves d by under 1e-4 wei.
        Inputs memory p = Inputs(1e24, 0, 63_072_000, 2e18, 0.05e18);
        for (uint256 which = 1; which <= 2; ++which) {
            uint256 hi = _strikeWhereDIs(p, which, -1);
            uint256 lo = hi - 1;
            p.strike = hi;
            Black76.Result memory at = _price(p);
            p.strike = lo;
            Black76.Result memory next = _price(p);
            vm.assertApproxEqAbs(at.callPrice, next.callPrice, _tolerance(p), "call");
            vm.assertApproxEqAbs(at.putPrice, next.putPrice, _tolerance(p), "put");
        }
    }

    /// @notice Φ(0) and Φ(-1 wei) from their own Gaussian are exactly one half: q = 1 - q, so where d is 0 or
    ///         -1 wei and its Gaussian is evaluated at d itself (docs/testing.md, "Equivalent mutants") it does not
    ///         matter whether Φ(d) is taken as q or as 1 - q.
    function test_tailAtZeroAndOneWeiIsOneHalf() public pure {
        vm.assertEq(NormalCdf.tail(0, NormalCdf.scaledGauss(0)), 0.5e18, "Phi(0)");
        vm.assertEq(NormalCdf.tail(1, NormalCdf.scaledGauss(1)), 0.5e18, "Phi(-1 wei)");
    }

    /// @notice Where d1 or d2 is exactly 0 or -1 wei (where the sign of d decides whether Φ is taken as q or 1 - q),
    ///         `price` uses Φ(d) as `normalCdf` gives it, to the wei: with no discounting, the call delta is Φ(d1)
    ///         and the call is F·Φ(d1) - K·Φ(d2) rounded. (At these strikes the Gaussian is evaluated at that d
    ///         itself, not derived from the other's.)
    function test_cdfsWhereDIsZeroOrMinusOneWei() public pure {
        Inputs memory p = Inputs(1e24, 0, 63_072_000, 2e18, 0);
        for (uint256 which = 1; which <= 2; ++which) {
            for (int256 target = -1; target <= 0; ++target) {
                p.strike = _strikeWhereDIs(p, which, target);
                Black76.Result memory res = _price(p);
                if (which == 1) {
                    vm.assertEq(res.callDelta, Black76.normalCdf(target), "Phi(d1) at d1 = 0 and -1 wei");
                } else {
                    uint256 value = p.forward * res.callDelta - p.strike * Black76.normalCdf(target);
                    vm.assertEq(res.callPrice, (value * 1e18 + 5e35) / 1e36, "F Phi(d1) - K Phi(d2)");
                }
            }
        }
    }

    /// @notice `callPut` gives `price`'s call and put to the wei (its documented promise), also where ln(F/K) is 0 or
    ///         -1 wei: there each decides from which of d1 and d2 it evaluates the Gaussian.
    function test_callPutMatchesPriceWhereLnFKIsZeroOrMinusOne() public pure {
        uint256 forward = 20e18;
        // ln(F/K) = -1 wei: K a few wei above F (each wei of K moves ln(F/K) by about 0.05 wei here)
        uint256 above = forward;
        while (Black76.logMoneyness(forward, above) > -1) ++above;
        vm.assertEq(Black76.logMoneyness(forward, above), -1, "a strike where ln(F/K) is -1 wei");
        vm.assertEq(Black76.logMoneyness(forward, forward), 0, "ln(F/F)");
        // ln(F/K) = 0 for K a few wei above F too: the last such strike (F < K, so the two paths differ)
        uint256 flat = above - 1;
        while (Black76.logMoneyness(forward, flat) < 0) --flat;
        vm.assertGt(flat, forward, "K > F with ln(F/K) = 0");
        uint256[5] memory vols = [uint256(0.1e18), 0.37e18, 0.8e18, 1.3e18, 2.9e18];
        uint256[3] memory times = [uint256(1 days), 30 days, 365 days];
        for (uint256 i; i < vols.length; ++i) {
            for (uint256 j; j < times.length; ++j) {
                _assertCallPutIsPrice(Inputs(forward, forward, times[j], vols[i], 0.05e18));
                _assertCallPutIsPrice(Inputs(forward, flat, times[j], vols[i], 0.05e18));
                _assertCallPutIsPrice(Inputs(forward, above, times[j], vols[i], 0.05e18));
            }
        }
    }

    function _assertCallPutIsPrice(Inputs memory p) private pure {
        Black76.Result memory res = _price(p);
        (uint256 call, uint256 put) = Black76.callPut(
            p.forward,
            p.strike,
            Black76.sqrtTime(p.time),
            p.volatility,
            Black76.logMoneyness(p.forward, p.strike),
            Black76.discountFactor(p.rate, p.time)
        );
        vm.assertEq(call, res.callPrice, "call");
        vm.assertEq(put, res.putPrice, "put");
    }

    /// @dev The lowest strike where d1 (`which` = 1) or d2 is at most `target`, by bisection: d decreases with the
    ///      strike, between F / 100 (d2 > 0) and F (d2 < -1), or F and 100 F for d1; it checks that d equals
    ///      `target` there (one wei of strike moves d by under 1e-4 wei at these inputs).
    function _strikeWhereDIs(
        Inputs memory p,
        uint256 which,
        int256 target
    ) private pure returns (uint256 hi) {
        uint256 lo;
        (lo, hi) = which == 2 ? (p.forward / 100, p.forward) : (p.forward, 100 * p.forward);
        while (hi - lo > 1) {
            uint256 mid = (lo + hi) / 2;
            if (_d(p, mid, which) > target) lo = mid;
            else hi = mid;
        }
        vm.assertEq(_d(p, hi, which), target, "a strike where d is the target");
    }

    /// @dev d1 (`which` = 1) or d2 of `price` at `strike`, computed as the library does.
    function _d(Inputs memory p, uint256 strike, uint256 which) private pure returns (int256) {
        int256 stdDev = int256((p.volatility * Black76.sqrtTime(p.time)) / 1e27);
        int256 d1 = (Black76.logMoneyness(p.forward, strike) * 1e18) / stdDev + stdDev / 2;
        return which == 1 ? d1 : d1 - stdDev;
    }
}
