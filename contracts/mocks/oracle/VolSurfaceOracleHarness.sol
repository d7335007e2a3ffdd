// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {VolSurfaceOracle} from "../../oracle/VolSurfaceOracle.sol";

/// @title VolSurfaceOracleHarness
/// @notice TEST-ONLY. Exposes the oracle's no-arbitrage checks with inputs of the test's choosing, so each
///         tolerance can be tested at its exact edge (Black-76 prices rarely land on one unit of it).
contract VolSurfaceOracleHarness is VolSurfaceOracle {
    /// @param admin Receives DEFAULT_ADMIN_ROLE.
    constructor(address admin) VolSurfaceOracle(admin) {}

    /// @notice VolSurfaceOracle._checkCalendar.
    function checkCalendar(uint256 i, int256 x, uint256 variance, uint256 previousVariance) external pure {
        _checkCalendar(i, x, variance, previousVariance);
    }

    /// @notice VolSurfaceOracle._checkVertical.
    function checkVertical(
        uint256 i,
        int256 xPrevious,
        uint256 width,
        uint256 previousCall,
        uint256 call
    ) external pure returns (uint256 slope) {
        return _checkVertical(i, xPrevious, width, previousCall, call);
    }

    /// @notice VolSurfaceOracle._checkButterfly.
    function checkButterfly(uint256 i, int256 xPrevious, uint256 slope, uint256 previousSlope) external pure {
        _checkButterfly(i, xPrevious, slope, previousSlope);
    }
}
