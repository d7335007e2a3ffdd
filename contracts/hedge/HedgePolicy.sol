// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IHedgePolicy} from "../interfaces/IHedgePolicy.sol";

/// @title HedgePolicy
/// @notice Hard bounds of every policy field, checked whenever governance sets a policy. The bounds are
///         constants: even a captured timelock cannot give keepers a policy outside them.
library HedgePolicy {
    uint256 private constant _WAD = 1e18;

    /// @notice Checks a layer policy; reverts with `PolicyFieldOutOfBounds` naming the first bad field.
    /// @param p The layer policy.
    function check(IHedgePolicy.LayerPolicy memory p) internal pure {
        _in("layer.otm", p.otm, 0.05e18, 1.5e18);
        _in("layer.width", p.width, 0.02e18, 2e18);
        _in("layer.strikeBand", p.strikeBand, 0.001e18, 0.2e18);
        // The window is at least a day wide, so it always holds a daily expiry time (the default roll's).
        _in("layer.tenorMin", p.tenorMin, 1 days, 364 days);
        _in("layer.tenorMax", p.tenorMax, uint256(p.tenorMin) + 1 days, 365 days);
        _in("layer.rollWindow", p.rollWindow, 1 hours, p.tenorMin - 1);
        _in("layer.cooldown", p.cooldown, 0, 90 days);
        _in("layer.weight", p.weight, 0, _WAD); // the sum over the layers is checked by the setter
        _in("layer.maxPremium", p.maxPremium, 0, 0.1e18);
        _in("layer.trigger", p.trigger, 0.5e18, _WAD);
    }

    /// @notice Checks the condor policy; reverts with `PolicyFieldOutOfBounds` naming the first bad field.
    /// @param p The condor policy.
    function check(IHedgePolicy.CondorPolicy memory p) internal pure {
        _in("condor.putDistance", p.putDistance, 0.01e18, 0.5e18);
        _in("condor.callDistance", p.callDistance, 0.01e18, 0.5e18);
        _in("condor.wingWidth", p.wingWidth, 0.005e18, 0.3e18);
        _in("condor.strikeBand", p.strikeBand, 0.001e18, 0.2e18);
        _in("condor.tenorMin", p.tenorMin, 1 days, 179 days);
        _in("condor.tenorMax", p.tenorMax, uint256(p.tenorMin) + 1 days, 180 days);
        _in("condor.maxLoss", p.maxLoss, 0, 0.5e18);
        _in("condor.notional", p.notional, 0, 5e18);
        _in("condor.lossCap", p.lossCap, 0, 0.5e18);
        _in("condor.maxOpens", p.maxOpens, 1, 12);
        _in("condor.minCredit", p.minCredit, 0, 0.5e18);
    }

    /// @notice Checks the vault-wide policy; reverts with `PolicyFieldOutOfBounds` naming the first bad field.
    /// @param p The vault policy.
    function check(IHedgePolicy.VaultPolicy memory p) internal pure {
        _in("vault.reserveMin", p.reserveMin, 0, 0.9e18);
        _in("vault.budgetMultiple", p.budgetMultiple, 0, _WAD); // k <= 1: the layers never outspend the condor
        _in("vault.reserveDraw", p.reserveDraw, 0, 0.1e18);
        _in("vault.budgetWindow", p.budgetWindow, 7 days, 365 days);
        _in("vault.epochLength", p.epochLength, 1 hours, 30 days);
        _in("vault.slippage", p.slippage, 0, 0.1e18);
        _in("vault.minIntensity", p.minIntensity, 0.1e18, _WAD);
        _in("vault.maxIntensity", p.maxIntensity, _WAD, 3e18);
        // The ladder pays at most 3 x the condor's stress loss: more is a bet on volatility, not a hedge.
        _in("vault.coverage", p.coverage, 0, 3e18);
        _in("vault.stressDrop", p.stressDrop, 0.01e18, 0.5e18);
        _in("vault.stressRise", p.stressRise, 0.1e18, 5e18);
        _in("vault.reentryDelay", p.reentryDelay, 1 days, 60 days);
    }

    function _in(bytes32 field, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert IHedgePolicy.PolicyFieldOutOfBounds(field, value, min, max);
    }
}
