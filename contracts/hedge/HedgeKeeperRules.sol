// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IHedgeTypes} from "../interfaces/IHedgeTypes.sol";
import {IHedgePolicy} from "../interfaces/IHedgePolicy.sol";

/// @title HedgeKeeperRules
/// @notice The on-chain checks of keeper parameters against the policy and the feed (strike bands, tenor
///         windows), the ladder's sizing from the condor's stress loss, and the policy-default parameters used by
///         `rollLayerDefault` and the upkeep. The keeper's plan computes the same sizes (keeper/src/rules/
///         ladderSize.ts, tested to the unit against this library).
library HedgeKeeperRules {
    uint256 private constant _WAD = 1e18;
    uint256 private constant _DAY = 1 days;
    /// @notice Default strikes are rounded down to this tick (0.01 index point) so that rolls share series.
    uint256 internal constant STRIKE_TICK = 1e16;

    /// @notice Checks a layer's strikes: strikeLow within strikeBand of feed x (1 + otm); the width within the
    ///         same absolute tolerance of feed x width.
    /// @param p The layer policy.
    /// @param vol The volatility index (18 decimals).
    /// @param low Lower strike.
    /// @param high Upper strike.
    function checkLayerStrikes(
        IHedgePolicy.LayerPolicy memory p,
        uint256 vol,
        uint256 low,
        uint256 high
    ) internal pure {
        uint256 target = Math.mulDiv(vol, _WAD + p.otm, _WAD);
        uint256 tol = Math.mulDiv(target, p.strikeBand, _WAD);
        _band(low, target, tol);
        _width(low, high, Math.mulDiv(vol, p.width, _WAD), tol);
    }

    /// @notice Checks one side of the condor: its short strike (put: high; call: low) within strikeBand of
    ///         feed x (1 -/+ distance), its width within the same tolerance of feed x wingWidth.
    /// @param p The condor policy.
    /// @param spot The equity index (18 decimals).
    /// @param isCall Which side.
    /// @param k [low, high].
    function checkCondorSide(
        IHedgePolicy.CondorPolicy memory p,
        uint256 spot,
        bool isCall,
        uint256[2] calldata k
    ) internal pure {
        uint256 target =
            isCall
                ? Math.mulDiv(spot, _WAD + p.callDistance, _WAD)
                : Math.mulDiv(spot, _WAD - p.putDistance, _WAD);
        uint256 tol = Math.mulDiv(target, p.strikeBand, _WAD);
        uint256 tw = Math.mulDiv(spot, p.wingWidth, _WAD);
        if (isCall) {
            _band(k[0], target, tol);
            _width(k[0], k[1], tw, tol);
        } else {
            _band(k[1], target, tol);
            if (k[0] >= k[1] || k[1] - k[0] + tol < tw || k[1] - k[0] > tw + tol) {
                revert IHedgeTypes.StrikeOutsideBand(k[0], _sub(k[1], tw + tol), _sub(k[1], _sub(tw, tol)));
            }
        }
    }

    /// @notice Checks that `expiry` lies in [now + tenorMin, now + tenorMax].
    /// @param expiry The expiry.
    /// @param tenorMin Minimum tenor.
    /// @param tenorMax Maximum tenor.
    function checkExpiry(uint256 expiry, uint256 tenorMin, uint256 tenorMax) internal view {
        uint256 min = block.timestamp + tenorMin;
        uint256 max = block.timestamp + tenorMax;
        if (expiry < min || expiry > max) revert IHedgeTypes.ExpiryOutsideWindow(expiry, min, max);
    }

    /// @notice The default strikes of a layer: the targets rounded to the nearest `STRIKE_TICK` (so that rolls
    ///         share series), or exact when rounding would leave the band (a very tight band or a low index).
    /// @param p The layer policy.
    /// @param vol The volatility index.
    /// @return low Lower strike.
    /// @return high Upper strike.
    function defaultStrikes(
        IHedgePolicy.LayerPolicy memory p,
        uint256 vol
    ) internal pure returns (uint256 low, uint256 high) {
        uint256 target = Math.mulDiv(vol, _WAD + p.otm, _WAD);
        uint256 tol = Math.mulDiv(target, p.strikeBand, _WAD);
        low = _onTick(target, tol);
        high = low + _onTick(Math.mulDiv(vol, p.width, _WAD), tol);
    }

    /// @notice The default expiry of a layer: the first grid time (`timeOfDay` of a UTC day) at or after the
    ///         middle of the tenor window, moved back one day when that passes the window's end.
    /// @param p The layer policy.
    /// @param timeOfDay The pool's expiry time of day (seconds).
    /// @return expiry The expiry.
    function defaultExpiry(
        IHedgePolicy.LayerPolicy memory p,
        uint256 timeOfDay
    ) internal view returns (uint256 expiry) {
        uint256 mid = block.timestamp + (uint256(p.tenorMin) + p.tenorMax) / 2;
        expiry = mid - (mid % 1 days) + timeOfDay;
        if (expiry < mid) expiry += _DAY;
        if (expiry > block.timestamp + p.tenorMax) expiry -= _DAY;
    }

    /// @notice The cash one layer must pay in the stress scenario: weight x coverage x intensity x the condor's
    ///         loss there. The condor is taken as its policy sizes it from lastNav (not the legs open now: a layer
    ///         outlives several condors, and a live leg's strikes sit within the policy band of the same
    ///         targets): its put spread, short at index x (1 - putDistance) and wingWidth x index wide, on
    ///         notional x lastNav / index contracts, owes at the index down by `stressDrop`
    ///         notional x lastNav x clamp(stressDrop - putDistance, 0, wingWidth) (its gross intrinsic loss; the
    ///         premium it brought is not netted). The call side expires worthless there.
    /// @dev Every step rounds down (never more hedge, hence premium, than the policy asks).
    /// @param lastNav NAV after the last epoch.
    /// @param c The condor policy.
    /// @param v The vault policy (coverage, stressDrop).
    /// @param weight The layer's weight (WAD).
    /// @param intensity The keeper's intensity (WAD).
    /// @return cash Stablecoin amount.
    function ladderCash(
        uint256 lastNav,
        IHedgePolicy.CondorPolicy memory c,
        IHedgePolicy.VaultPolicy memory v,
        uint256 weight,
        uint256 intensity
    ) internal pure returns (uint256 cash) {
        if (v.stressDrop <= c.putDistance) return 0;
        uint256 depth = Math.min(v.stressDrop - c.putDistance, c.wingWidth);
        cash = Math.mulDiv(Math.mulDiv(lastNav, c.notional, _WAD), depth, _WAD);
        cash = Math.mulDiv(Math.mulDiv(cash, v.coverage, _WAD), weight, _WAD);
        cash = Math.mulDiv(cash, intensity, _WAD);
    }

    /// @notice `ladderCash` with the condor policy in storage, reading only the three fields it uses (two of the
    ///         policy's three slots: a roll skips a cold read).
    /// @param lastNav NAV after the last epoch.
    /// @param c The condor policy.
    /// @param v The vault policy (coverage, stressDrop).
    /// @param weight The layer's weight (WAD).
    /// @param intensity The keeper's intensity (WAD).
    /// @return Stablecoin amount.
    function ladderCashOf(
        uint256 lastNav,
        IHedgePolicy.CondorPolicy storage c,
        IHedgePolicy.VaultPolicy memory v,
        uint256 weight,
        uint256 intensity
    ) internal view returns (uint256) {
        IHedgePolicy.CondorPolicy memory read;
        (read.putDistance, read.wingWidth, read.notional) = (c.putDistance, c.wingWidth, c.notional);
        return ladderCash(lastNav, read, v, weight, intensity);
    }

    /// @notice Contracts of the call spread [low, high] whose intrinsic payoff with the volatility index up by
    ///         `stressRise` from `vol` is `cash`: cash / clamp(vol x (1 + stressRise) - low, 0, high - low), rounded
    ///         down; 0 when the spread pays nothing there.
    /// @param cash Stablecoin amount (from `ladderCash`).
    /// @param vol The volatility index now (18 decimals).
    /// @param stressRise The stress scenario's rise of the volatility index (WAD).
    /// @param low Lower strike.
    /// @param high Upper strike.
    /// @param cashScale 10^(36 - stablecoin decimals).
    /// @return size Contracts (18 decimals).
    function ladderSize(
        uint256 cash,
        uint256 vol,
        uint256 stressRise,
        uint256 low,
        uint256 high,
        uint256 cashScale
    ) internal pure returns (uint256 size) {
        uint256 stressed = Math.mulDiv(vol, _WAD + stressRise, _WAD);
        if (stressed <= low) return 0;
        return Math.mulDiv(cash, cashScale, Math.min(stressed - low, high - low));
    }

    function _band(uint256 strike, uint256 target, uint256 tol) private pure {
        if (strike + tol < target || strike > target + tol) {
            revert IHedgeTypes.StrikeOutsideBand(strike, _sub(target, tol), target + tol);
        }
    }

    function _width(uint256 low, uint256 high, uint256 tw, uint256 tol) private pure {
        if (high <= low || high - low + tol < tw || high - low > tw + tol) {
            revert IHedgeTypes.StrikeOutsideBand(high, low + _sub(tw, tol), low + tw + tol);
        }
    }

    /// @dev `x` rounded to the nearest tick when that stays within `tol` of it (and above 0), else `x`.
    function _onTick(uint256 x, uint256 tol) private pure returns (uint256) {
        uint256 r = ((x + STRIKE_TICK / 2) / STRIKE_TICK) * STRIKE_TICK;
        uint256 diff = r > x ? r - x : x - r;
        return r != 0 && diff <= tol ? r : x;
    }

    function _sub(uint256 a, uint256 b) private pure returns (uint256) {
        return a > b ? a - b : 0;
    }
}
