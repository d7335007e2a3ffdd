// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {NormalCdf} from "./lib/NormalCdf.sol";

/// @title Black76
/// @notice Black-76 prices of European calls and puts on a forward, with discounting, in 18-decimal fixed
///         point (WAD). One evaluation gives call, put, both deltas and vega:
///           d1 = (ln(F/K) + σ²T/2) / (σ√T),  d2 = d1 − σ√T,  D = e^(−rT)
///           call = D·(F·Φ(d1) − K·Φ(d2)),    put = D·(K·Φ(−d2) − F·Φ(−d1))
///           callDelta = D·Φ(d1),  putDelta = −D·Φ(−d1),  vega = D·F·φ(d1)·√T
/// @dev Time is in seconds, ACT/365 (T = seconds / 31,536,000). Absolute error of call and put is below
///      1e-17 × (F + K) + 2 wei (measured: 2.7e-18 × F on the test grid, see docs/black76.md); results are
///      rounded to nearest, so a caller that holds money must add its own margin in its favour. Put-call
///      parity C − P = D·(F − K) holds to a few wei.
library Black76 {
    /// @notice The outputs of one evaluation (all in WAD).
    /// @param callPrice The discounted call price, in the unit of the forward.
    /// @param putPrice The discounted put price, in the unit of the forward.
    /// @param callDelta ∂call/∂F = D·Φ(d1), in [0, 1e18].
    /// @param putDelta ∂put/∂F = −D·Φ(−d1), in [−1e18, 0] (before discounting by a negative rate).
    /// @param vega ∂call/∂σ = ∂put/∂σ = D·F·φ(d1)·√T, per unit of volatility (1e18 = 100 %).
    struct Result {
        uint256 callPrice;
        uint256 putPrice;
        uint256 callDelta;
        int256 putDelta;
        uint256 vega;
    }

    /// @dev Forward and strike bounds: 1e-6 .. 1e12 in WAD.
    uint256 internal constant MIN_PRICE = 1e12;
    uint256 internal constant MAX_PRICE = 1e30;
    /// @dev Time bounds: one minute .. five years of 365 days, in seconds.
    uint256 internal constant MIN_TIME = 60;
    uint256 internal constant MAX_TIME = 157_680_000;
    /// @dev Volatility bounds: 1 % .. 500 % a year, in WAD.
    uint256 internal constant MIN_VOLATILITY = 0.01e18;
    uint256 internal constant MAX_VOLATILITY = 5e18;
    /// @dev Continuously compounded rate bounds: −10 % .. 100 % a year, in WAD.
    int256 internal constant MIN_RATE = -0.1e18;
    int256 internal constant MAX_RATE = 1e18;
    /// @dev ACT/365: seconds in a year.
    uint256 internal constant SECONDS_PER_YEAR = 31_536_000;
    /// @dev round(ln(1e18) · 1e18): `lnWad(F·1e36/K)` is ln(F/K) + ln(1e18); the extra 1e18 keeps the
    ///      ratio's rounding at 1e-18 relative even when K ≫ F.
    int256 private constant LN_1E18 = 41_446_531_673_892_822_312;

    /// @notice The forward is outside [MIN_PRICE, MAX_PRICE].
    error ForwardOutOfRange(uint256 forward, uint256 min, uint256 max);
    /// @notice The strike is outside [MIN_PRICE, MAX_PRICE].
    error StrikeOutOfRange(uint256 strike, uint256 min, uint256 max);
    /// @notice The time to expiry is outside [MIN_TIME, MAX_TIME] seconds.
    error TimeOutOfRange(uint256 timeSeconds, uint256 min, uint256 max);
    /// @notice The volatility is outside [MIN_VOLATILITY, MAX_VOLATILITY].
    error VolatilityOutOfRange(uint256 volatility, uint256 min, uint256 max);
    /// @notice The rate is outside [MIN_RATE, MAX_RATE].
    error RateOutOfRange(int256 rate, int256 min, int256 max);

    /// @notice Call, put, deltas and vega of European options on a forward (Black-76).
    /// @param forward The forward price F in WAD (1e-6 .. 1e12).
    /// @param strike The strike K in WAD (1e-6 .. 1e12).
    /// @param timeSeconds Time to expiry in seconds, ACT/365 (60 .. 157,680,000).
    /// @param volatility The annualised volatility σ in WAD (0.01e18 .. 5e18).
    /// @param rate The continuously compounded discount rate r in WAD (−0.1e18 .. 1e18).
    /// @return res The prices and sensitivities, see `Result`.
    function price(
        uint256 forward,
        uint256 strike,
        uint256 timeSeconds,
        uint256 volatility,
        int256 rate
    ) internal pure returns (Result memory res) {
        validate(forward, strike, timeSeconds, volatility, rate);
        (uint256 cdf1, uint256 cdf2, uint256 vegaForward) = _distribution(
            forward,
            strike,
            timeSeconds,
            volatility
        );
        unchecked {
            uint256 discount = uint256(
                FixedPointMathLib.expWad(-(rate * int256(timeSeconds)) / int256(SECONDS_PER_YEAR))
            );
            res.callDelta = (cdf1 * discount + 5e17) / 1e18;
            res.putDelta = -int256(((NormalCdf.WAD - cdf1) * discount + 5e17) / 1e18);
            res.vega = (vegaForward * discount + 5e35) / 1e36;
            (res.callPrice, res.putPrice) = _discountedValues(forward, strike, cdf1, cdf2, discount);
        }
    }

    /// @notice Call and put only, from inputs a caller shares between strikes (one time to expiry, one discount,
    ///         the log-moneyness it also needs for its smile): the same integer arithmetic as `price`, so the same
    ///         results to the wei, without the deltas and the vega.
    /// @dev No checks: the caller must have passed the same inputs through `validate` (then nothing overflows).
    /// @param forward The forward price F in WAD.
    /// @param strike The strike K in WAD.
    /// @param sqrtT `sqrtTime(timeSeconds)`.
    /// @param volatility The annualised volatility σ in WAD.
    /// @param lnFK `logMoneyness(forward, strike)`.
    /// @param discount `discountFactor(rate, timeSeconds)`.
    /// @return callPrice The discounted call price.
    /// @return putPrice The discounted put price.
    function callPut(
        uint256 forward,
        uint256 strike,
        uint256 sqrtT,
        uint256 volatility,
        int256 lnFK,
        uint256 discount
    ) internal pure returns (uint256 callPrice, uint256 putPrice) {
        uint256 stdDev;
        unchecked {
            stdDev = (volatility * sqrtT) / 1e27;
        }
        (uint256 cdf1, uint256 cdf2, ) = _cdfs(forward, strike, stdDev, lnFK);
        return _discountedValues(forward, strike, cdf1, cdf2, discount);
    }

    /// @notice Reverts with this library's errors unless every input lies within its bound (checked in the order
    ///         forward, strike, time, volatility, rate).
    /// @param forward The forward price F in WAD.
    /// @param strike The strike K in WAD.
    /// @param timeSeconds Time to expiry in seconds.
    /// @param volatility The annualised volatility σ in WAD.
    /// @param rate The continuously compounded discount rate r in WAD.
    function validate(
        uint256 forward,
        uint256 strike,
        uint256 timeSeconds,
        uint256 volatility,
        int256 rate
    ) internal pure {
        if (forward < MIN_PRICE || forward > MAX_PRICE)
            revert ForwardOutOfRange(forward, MIN_PRICE, MAX_PRICE);
        if (strike < MIN_PRICE || strike > MAX_PRICE) revert StrikeOutOfRange(strike, MIN_PRICE, MAX_PRICE);
        if (timeSeconds < MIN_TIME || timeSeconds > MAX_TIME) {
            revert TimeOutOfRange(timeSeconds, MIN_TIME, MAX_TIME);
        }
        if (volatility < MIN_VOLATILITY || volatility > MAX_VOLATILITY) {
            revert VolatilityOutOfRange(volatility, MIN_VOLATILITY, MAX_VOLATILITY);
        }
        if (rate < MIN_RATE || rate > MAX_RATE) revert RateOutOfRange(rate, MIN_RATE, MAX_RATE);
    }

    /// @notice √T · 1e27 (rounded down) for a time in seconds, ACT/365.
    /// @param timeSeconds Time to expiry in seconds (at most MAX_TIME).
    /// @return sqrtT √(seconds / 31,536,000) · 1e27.
    function sqrtTime(uint256 timeSeconds) internal pure returns (uint256 sqrtT) {
        unchecked {
            // seconds · 1e54 ≤ 1.6e62.
            sqrtT = FixedPointMathLib.sqrt((timeSeconds * 1e54) / SECONDS_PER_YEAR);
        }
    }

    /// @notice The discount factor D = e^(−rT) in WAD.
    /// @param rate The rate r in WAD (within [MIN_RATE, MAX_RATE]).
    /// @param timeSeconds Time to expiry in seconds (at most MAX_TIME).
    /// @return discount e^(−r · seconds / 31,536,000), in WAD.
    function discountFactor(int256 rate, uint256 timeSeconds) internal pure returns (uint256 discount) {
        unchecked {
            discount = uint256(
                FixedPointMathLib.expWad(-(rate * int256(timeSeconds)) / int256(SECONDS_PER_YEAR))
            );
        }
    }

    /// @notice ln(F/K) in WAD, from the ratio scaled by 1e36 (rounding error 1e-18 relative even when K ≫ F).
    /// @param forward The forward price F in WAD (within [MIN_PRICE, MAX_PRICE]).
    /// @param strike The strike K in WAD (within [MIN_PRICE, MAX_PRICE]).
    /// @return lnFK ln(F/K) in WAD.
    function logMoneyness(uint256 forward, uint256 strike) internal pure returns (int256 lnFK) {
        unchecked {
            lnFK = FixedPointMathLib.lnWad(int256((forward * 1e36) / strike)) - LN_1E18;
        }
    }

    /// @notice Φ(x), the standard normal cumulative distribution function (absolute error < 1e-18).
    /// @param x The argument in WAD.
    /// @return p Φ(x) in WAD.
    function normalCdf(int256 x) internal pure returns (uint256 p) {
        p = NormalCdf.cdf(x);
    }

    /// @dev Φ(d1) and Φ(d2) in WAD, and the undiscounted vega F·φ(d1)·√T in 1e36. √T and ln(F/K) are the
    ///      expressions of `sqrtTime` and `logMoneyness` written out: calling them here costs ~130 gas more per
    ///      evaluation (measured), and `price` is the oracle's arbitrage check's hot loop.
    function _distribution(
        uint256 forward,
        uint256 strike,
        uint256 timeSeconds,
        uint256 volatility
    ) private pure returns (uint256 cdf1, uint256 cdf2, uint256 vegaForward) {
        unchecked {
            uint256 sqrtT = FixedPointMathLib.sqrt((timeSeconds * 1e54) / SECONDS_PER_YEAR);
            uint256 stdDev = (volatility * sqrtT) / 1e27;
            int256 lnFK = FixedPointMathLib.lnWad(int256((forward * 1e36) / strike)) - LN_1E18;
            int256 d1 = (lnFK * 1e18) / int256(stdDev) + int256(stdDev / 2);
            uint256 g1;
            (cdf1, cdf2, g1) = _cdfPair(d1, d1 - int256(stdDev), lnFK >= 0, forward, strike);
            // F·φ ≤ 4e47, times √T·1e27 ≤ 2.3e27: below 1e75; the result is in 1e36 (F, φ in WAD).
            vegaForward = (forward * NormalCdf.pdfFromScaled(g1) * sqrtT) / 1e27;
        }
    }

    /// @dev Φ(d1), Φ(d2) and the scaled Gaussian of d1 (WAD), from σ√T (`stdDev`, WAD, rounded down, at least
    ///      1.3e13 by the bounds) and ln(F/K).
    function _cdfs(
        uint256 forward,
        uint256 strike,
        uint256 stdDev,
        int256 lnFK
    ) private pure returns (uint256 cdf1, uint256 cdf2, uint256 g1) {
        unchecked {
            int256 d1 = (lnFK * 1e18) / int256(stdDev) + int256(stdDev / 2);
            (cdf1, cdf2, g1) = _cdfPair(d1, d1 - int256(stdDev), lnFK >= 0, forward, strike);
        }
    }

    /// @dev Discounted call and put from Φ(d1) and Φ(d2), rounded to nearest.
    function _discountedValues(
        uint256 forward,
        uint256 strike,
        uint256 cdf1,
        uint256 cdf2,
        uint256 discount
    ) private pure returns (uint256 callPrice, uint256 putPrice) {
        unchecked {
            // Undiscounted values in 1e36; F·Φ ≤ 1e48, times D ≤ e^0.5 stays far below 2^255.
            int256 callValue = int256(forward * cdf1) - int256(strike * cdf2);
            callPrice = callValue > 0 ? (uint256(callValue) * discount + 5e35) / 1e36 : 0;
            // The same terms as the call, so C − P = D·(F − K) holds before the final rounding.
            int256 putValue =
                int256(strike * (NormalCdf.WAD - cdf2)) - int256(forward * (NormalCdf.WAD - cdf1));
            putPrice = putValue > 0 ? (uint256(putValue) * discount + 5e35) / 1e36 : 0;
        }
    }

    /// @dev Φ(d1), Φ(d2) and the scaled Gaussian of d1, from one exponential: e^(−d1²/2)·F = e^(−d2²/2)·K.
    ///      It is evaluated where it is larger (the smaller |d|: d2 when F ≥ K) and the other is scaled down
    ///      by K/F ≤ 1 or F/K ≤ 1, so no rounding error is magnified.
    function _cdfPair(
        int256 d1,
        int256 d2,
        bool forwardAtOrAboveStrike,
        uint256 forward,
        uint256 strike
    ) private pure returns (uint256 cdf1, uint256 cdf2, uint256 g1) {
        unchecked {
            uint256 g2;
            if (forwardAtOrAboveStrike) {
                g2 = NormalCdf.scaledGauss(_abs(d2));
                g1 = (g2 * strike) / forward;
            } else {
                g1 = NormalCdf.scaledGauss(_abs(d1));
                g2 = (g1 * forward) / strike;
            }
            cdf1 = NormalCdf.tail(_abs(d1), g1);
            if (d1 >= 0) cdf1 = NormalCdf.WAD - cdf1;
            cdf2 = NormalCdf.tail(_abs(d2), g2);
            if (d2 >= 0) cdf2 = NormalCdf.WAD - cdf2;
        }
    }

    function _abs(int256 x) private pure returns (uint256) {
        unchecked {
            return x < 0 ? uint256(-x) : uint256(x);
        }
    }
}
