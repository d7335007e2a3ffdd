// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {Black76} from "./Black76.sol";

/// @title SpreadPricing
/// @notice Fair value, ask and bid of a vertical spread per contract, from Black-76 on the forward.
/// @dev All values are 18-decimal index points per contract. The forward and the smile come from the feed's
///      volatility surface at the series' time to expiry (IVolSurfaceOracle.slice): real VIX options price off
///      VIX futures, not spot VIX, and every index option has a skew.
library SpreadPricing {
    uint256 private constant WAD = 1e18;

    /// @notice The market inputs of one valuation.
    struct Inputs {
        bool isCall; // call spread (true) or put spread
        uint256 forward; // 18-decimal index points
        uint256 strikeLow;
        uint256 strikeHigh;
        uint256 timeSeconds; // clamped up to Black76.MIN_TIME
        uint256 atmVol; // WAD, at the money (from the surface)
        int256 skew; // WAD, iv(K) = atmVol + skew x + curvature x^2 with x = ln(K / F)
        int256 curvature; // WAD
        uint256 minVol; // WAD, clamp
        uint256 maxVol; // WAD, clamp
        uint256 rate; // WAD per year
        uint256 halfSpread; // WAD fraction of the width (ask/bid only)
        uint256 fee; // WAD fraction of the fair value (ask/bid only)
    }

    /// @notice The smile at log-moneyness `x` = ln(K / F): atmVol + skew x + curvature x^2, clamped to
    ///         [minVol, maxVol].
    /// @dev x comes from `Black76.logMoneyness` (ln(F / K) from the ratio scaled by 1e36, negated), the same value
    ///      Black-76 prices the strike with: one logarithm per strike. |x| <= ln(1e18) ~ 41.4e18 by the price
    ///      bounds and |skew|, curvature <= 5e18 by the oracle's bounds, so nothing overflows.
    /// @param inp The inputs (smile and bounds are read).
    /// @param x ln(K / F) in WAD.
    /// @return vol WAD volatility.
    function smileVol(Inputs memory inp, int256 x) internal pure returns (uint256 vol) {
        int256 v =
            int256(inp.atmVol) +
                (inp.skew * x) / int256(WAD) +
                (inp.curvature * ((x * x) / int256(WAD))) / int256(WAD);
        if (v < int256(inp.minVol)) return inp.minVol;
        if (v > int256(inp.maxVol)) return inp.maxVol;
        return uint256(v);
    }

    /// @notice Black-76 value of the spread per contract, clamped to [0, D x width] (D = e^(-rT)).
    /// @dev Call spread = C(kLow) - C(kHigh), put spread = P(kHigh) - P(kLow), each leg at its own skewed
    ///      volatility. Both strikes share one √T and one discount factor, and each strike's logarithm serves its
    ///      smile and its Black-76 price (`_callPut`, the only call into the pricing model). Reverts with
    ///      Black76's errors, checked per strike in the order of `Black76.validate`.
    /// @param inp The inputs.
    /// @return fair Index points per contract.
    function fairValue(Inputs memory inp) internal pure returns (uint256 fair) {
        uint256 t = Math.max(inp.timeSeconds, Black76.MIN_TIME);
        uint256 sqrtT = Black76.sqrtTime(t);
        uint256 discount; // computed once the first strike has checked the rate
        uint256 callLow;
        uint256 putLow;
        (callLow, putLow, discount) = _callPut(inp, inp.strikeLow, t, sqrtT, 0);
        (uint256 callHigh, uint256 putHigh, ) = _callPut(inp, inp.strikeHigh, t, sqrtT, discount);
        if (inp.isCall) fair = callLow > callHigh ? callLow - callHigh : 0;
        else fair = putHigh > putLow ? putHigh - putLow : 0;
        // With a skew each strike has its own volatility, so a spread alone could come out above its
        // discounted maximum payoff (or below 0). Clamping both kinds to [0, D x width] keeps the no-arbitrage
        // bounds and a box (call spread + put spread) at exactly D x width: per strike C - P = D (F - K).
        fair = Math.min(fair, FixedPointMathLib.fullMulDiv(inp.strikeHigh - inp.strikeLow, discount, WAD));
    }

    /// @notice Ask and bid per contract around a fair value.
    /// @dev ask = fair x (1 + fee) + halfSpread x width, capped at the width (rounded up);
    ///      bid = fair x (1 - fee) - halfSpread x width, floored at 0 (rounded down).
    /// @param fair Fair value per contract.
    /// @param width Strike width.
    /// @param halfSpread WAD fraction of the width.
    /// @param fee WAD fraction of the fair value.
    /// @return ask Index points per contract a buyer pays.
    /// @return bid Index points per contract a seller receives.
    function askBid(
        uint256 fair,
        uint256 width,
        uint256 halfSpread,
        uint256 fee
    ) internal pure returns (uint256 ask, uint256 bid) {
        // The same markup both ways, rounded up: it is added to what traders pay, taken from what they get.
        uint256 markup =
            FixedPointMathLib.fullMulDivUp(fair, fee, WAD) +
                FixedPointMathLib.fullMulDivUp(width, halfSpread, WAD);
        ask = Math.min(fair + markup, width);
        bid = fair > markup ? fair - markup : 0;
    }

    /// @dev The single call into the pricing model: checks the strike's inputs, prices it at its smile's
    ///      volatility and returns the discount factor (computed here when `discount` is 0, once the rate is checked).
    function _callPut(
        Inputs memory inp,
        uint256 strike,
        uint256 t,
        uint256 sqrtT,
        uint256 discount
    ) private pure returns (uint256 call, uint256 put, uint256) {
        uint256 forward = inp.forward;
        int256 rate = int256(inp.rate);
        // Every input is checked in `Black76.validate`'s order before use; the logarithm needs the forward and the
        // strike in bounds, and the smile the logarithm: vol and rate get their bounds' placeholders first.
        Black76.validate(forward, strike, t, Black76.MIN_VOLATILITY, Black76.MIN_RATE);
        int256 lnFK = Black76.logMoneyness(forward, strike);
        uint256 vol = smileVol(inp, -lnFK);
        if (
            vol < Black76.MIN_VOLATILITY ||
            vol > Black76.MAX_VOLATILITY ||
            rate < Black76.MIN_RATE ||
            rate > Black76.MAX_RATE
        ) {
            Black76.validate(forward, strike, t, vol, rate); // reverts with the volatility's or the rate's error
        }
        if (discount == 0) discount = Black76.discountFactor(rate, t);
        (call, put) = Black76.callPut(forward, strike, sqrtT, vol, lnFK, discount);
        return (call, put, discount);
    }
}
