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

    /// @notice HedgeKeeperRules.checkCondorSide.
    /// @param p Condor policy.
    /// @param spot Equity index.
    /// @param isCall Which side.
    /// @param k [low, high].
    function checkCondorSide(
        IHedgePolicy.CondorPolicy calldata p,
        uint256 spot,
        bool isCall,
        uint256[2] calldata k
    ) external pure {
        HedgeKeeperRules.checkCondorSide(p, spot, isCall, k);
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

    /// @notice HedgeKeeperRules.ladderCash.
    /// @param lastNav NAV after the last epoch.
    /// @param c Condor policy.
    /// @param v Vault policy.
    /// @param weight Layer weight.
    /// @param intensity Intensity.
    /// @return The layer's stress payoff in cash.
    function ladderCash(
        uint256 lastNav,
        IHedgePolicy.CondorPolicy calldata c,
        IHedgePolicy.VaultPolicy calldata v,
        uint256 weight,
        uint256 intensity
    ) external pure returns (uint256) {
        return HedgeKeeperRules.ladderCash(lastNav, c, v, weight, intensity);
    }

    /// @notice HedgeKeeperRules.ladderSize.
    /// @param cash The layer's stress payoff in cash.
    /// @param vol Volatility index.
    /// @param stressRise The stress scenario's rise of the volatility index.
    /// @param low Lower strike.
    /// @param high Upper strike.
    /// @param cashScale 10^(36 - stablecoin decimals).
    /// @return Contracts.
    function ladderSize(
        uint256 cash,
        uint256 vol,
        uint256 stressRise,
        uint256 low,
        uint256 high,
        uint256 cashScale
    ) external pure returns (uint256) {
        return HedgeKeeperRules.ladderSize(cash, vol, stressRise, low, high, cashScale);
    }

    /// @notice HedgePolicy.check for a layer policy.
    /// @param p Layer policy.
    function checkLayerPolicy(IHedgePolicy.LayerPolicy calldata p) external pure {
        HedgePolicy.check(p);
    }
}
