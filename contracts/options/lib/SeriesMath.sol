// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IOptionPool} from "../../interfaces/IOptionPool.sol";

/// @title SeriesMath
/// @notice Ids, payoffs and cash conversions of vertical spreads. Index points and sizes are 18-decimal;
///         one contract pays one stablecoin unit per index point, so cash = size x points / cashScale with
///         cashScale = 10^(36 - stablecoin decimals).
library SeriesMath {
    /// @notice The deterministic id of a series.
    /// @param feed The feed.
    /// @param kind Call spread or put spread.
    /// @param strikeLow Lower strike.
    /// @param strikeHigh Upper strike.
    /// @param expiry Expiry.
    /// @return `uint256(keccak256(abi.encode(feed, kind, strikeLow, strikeHigh, expiry)))`.
    function id(
        address feed,
        IOptionPool.Kind kind,
        uint256 strikeLow,
        uint256 strikeHigh,
        uint256 expiry
    ) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(feed, kind, strikeLow, strikeHigh, expiry)));
    }

    /// @notice Payoff per contract at settlement price `price`, in [0, strikeHigh - strikeLow].
    /// @param kind Call spread: clamp(price - kLow, 0, width); put spread: clamp(kHigh - price, 0, width).
    /// @param strikeLow Lower strike.
    /// @param strikeHigh Upper strike.
    /// @param price Settlement index level.
    /// @return Index points per contract (exact, no rounding).
    function payoff(
        IOptionPool.Kind kind,
        uint256 strikeLow,
        uint256 strikeHigh,
        uint256 price
    ) internal pure returns (uint256) {
        if (kind == IOptionPool.Kind.CALL_SPREAD) {
            if (price <= strikeLow) return 0;
            return Math.min(price - strikeLow, strikeHigh - strikeLow);
        }
        if (price >= strikeHigh) return 0;
        return Math.min(strikeHigh - price, strikeHigh - strikeLow);
    }

    /// @notice Cash for `size` contracts at `points` per contract, rounded UP (what the pool takes).
    /// @param size Contracts (18 decimals).
    /// @param points Index points per contract (18 decimals).
    /// @param cashScale 10^(36 - stablecoin decimals).
    /// @return Cash in the stablecoin's decimals.
    function cashUp(uint256 size, uint256 points, uint256 cashScale) internal pure returns (uint256) {
        return Math.mulDiv(size, points, cashScale, Math.Rounding.Ceil);
    }

    /// @notice Cash for `size` contracts at `points` per contract, rounded DOWN (what the pool pays).
    /// @param size Contracts (18 decimals).
    /// @param points Index points per contract (18 decimals).
    /// @param cashScale 10^(36 - stablecoin decimals).
    /// @return Cash in the stablecoin's decimals.
    function cashDown(uint256 size, uint256 points, uint256 cashScale) internal pure returns (uint256) {
        return Math.mulDiv(size, points, cashScale);
    }

    /// @notice Cash the pool locks for its net short in a series: max(longs - shorts, 0) x width, rounded up.
    /// @param s The series.
    /// @param cashScale 10^(36 - stablecoin decimals).
    /// @return Cash locked.
    function locked(IOptionPool.Series storage s, uint256 cashScale) internal view returns (uint256) {
        uint256 longs = s.longSupply;
        uint256 shorts = s.shortSupply;
        if (longs <= shorts) return 0;
        return cashUp(longs - shorts, uint256(s.strikeHigh) - s.strikeLow, cashScale);
    }
}
