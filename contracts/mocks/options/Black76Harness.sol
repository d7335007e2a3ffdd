// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Black76} from "../../options/Black76.sol";

/// @title Black76Harness
/// @notice Test-only: exposes the Black76 library and measures the gas of its evaluations.
contract Black76Harness {
    /// @notice Black-76 call, put, deltas and vega (see `Black76.price`).
    /// @param forward The forward in WAD.
    /// @param strike The strike in WAD.
    /// @param timeSeconds Time to expiry in seconds (ACT/365).
    /// @param volatility The volatility in WAD.
    /// @param rate The discount rate in WAD.
    /// @return res The prices and sensitivities.
    function price(
        uint256 forward,
        uint256 strike,
        uint256 timeSeconds,
        uint256 volatility,
        int256 rate
    ) external pure returns (Black76.Result memory res) {
        res = Black76.price(forward, strike, timeSeconds, volatility, rate);
    }

    /// @notice Φ(x) (see `Black76.normalCdf`).
    /// @param x The argument in WAD.
    /// @return p Φ(x) in WAD.
    function normalCdf(int256 x) external pure returns (uint256 p) {
        p = Black76.normalCdf(x);
    }

    /// @notice `price` plus the execution gas of the library call alone, read with gasleft() around it.
    /// @param forward The forward in WAD.
    /// @param strike The strike in WAD.
    /// @param timeSeconds Time to expiry in seconds (ACT/365).
    /// @param volatility The volatility in WAD.
    /// @param rate The discount rate in WAD.
    /// @return res The prices and sensitivities.
    /// @return gasUsed The gas spent between the two gasleft() reads.
    function measurePrice(
        uint256 forward,
        uint256 strike,
        uint256 timeSeconds,
        uint256 volatility,
        int256 rate
    ) external view returns (Black76.Result memory res, uint256 gasUsed) {
        uint256 before = gasleft();
        res = Black76.price(forward, strike, timeSeconds, volatility, rate);
        gasUsed = before - gasleft();
    }

    /// @notice `normalCdf` plus the execution gas of the library call alone.
    /// @param x The argument in WAD.
    /// @return p Φ(x) in WAD.
    /// @return gasUsed The gas spent between the two gasleft() reads.
    function measureNormalCdf(int256 x) external view returns (uint256 p, uint256 gasUsed) {
        uint256 before = gasleft();
        p = Black76.normalCdf(x);
        gasUsed = before - gasleft();
    }
}
