// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IHedgePolicy} from "../../interfaces/IHedgePolicy.sol";
import {HedgeKeeperRules} from "../../hedge/HedgeKeeperRules.sol";
import {HedgePolicy} from "../../hedge/HedgePolicy.sol";

/// @title HedgeRulesHarness
/// @notice TEST-ONLY. Exposes the keeper rules and the policy bounds (internal libraries) for fuzzing.
contract HedgeRulesHarness {
    /// @notice HedgeKeeperRules.checkLayerStrikes.
    /// @param p Layer policy.
    /// @param vol Volatility index.
    /// @param low Lower strike.
    /// @param high Upper strike.
    function checkLayerStrikes(
        IHedgePolicy.LayerPolicy calldata p,
        uint256 vol,
        uint256 low,
        uint256 high
    ) external pure {
        HedgeKeeperRules.checkLayerStrikes(p, vol, low, high);
    }

    /// @notice HedgeKeeperRules.defaultStrikes.
    /// @param p Layer policy.
    /// @param vol Volatility index.
    /// @return low Lower strike.
    /// @return high Upper strike.
    function defaultStrikes(
        IHedgePolicy.LayerPolicy calldata p,
        uint256 vol
    ) external pure returns (uint256 low, uint256 high) {
        return HedgeKeeperRules.defaultStrikes(p, vol);
    }

    /// @notice HedgeKeeperRules.defaultExpiry.
    /// @param p Layer policy.
    /// @param timeOfDay Expiry time of day.
    /// @return The expiry.
    function defaultExpiry(
        IHedgePolicy.LayerPolicy calldata p,
        uint256 timeOfDay
    ) external view returns (uint256) {
        return HedgeKeeperRules.defaultExpiry(p, timeOfDay);
    }

    /// @notice HedgeKeeperRules.checkExpiry.
    /// @param expiry Expiry.
    /// @param tenorMin Minimum tenor.
    /// @param tenorMax Maximum tenor.
    function checkExpiry(uint256 expiry, uint256 tenorMin, uint256 tenorMax) external view {
        HedgeKeeperRules.checkExpiry(expiry, tenorMin, tenorMax);
    }

    /// @notice HedgePolicy.check for a layer policy.
    /// @param p Layer policy.
    function checkLayerPolicy(IHedgePolicy.LayerPolicy calldata p) external pure {
        HedgePolicy.check(p);
    }
}
