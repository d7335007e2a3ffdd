// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IHedgeLayerVault} from "../interfaces/IHedgeLayerVault.sol";
import {HedgeModule} from "./HedgeModule.sol";
import {HedgePolicy} from "./HedgePolicy.sol";
import {HedgeBudget} from "./HedgeBudget.sol";

/// @title HedgeLensModule
/// @notice The NAV, the keeper views and the policy setters (bounds in HedgePolicy) of the hedge vault. Runs ONLY
///         through the vault's delegatecall (views through a STATICCALL to the vault's `lensCall`, so they cannot
///         change state). Split out so that each contract stays below 24 KiB.
/// @dev Selectors are those of IHedgeLayerVault; called directly (not through a delegatecall) it reverts.
contract HedgeLensModule is HedgeModule {
    /// @param w The vault's wiring (the same as the vault's own).
    constructor(Wiring memory w) HedgeModule(w) {}

    /// @notice The NAV without striking a price (runs in the vault's context), behind IHedgeLayerVault.totalAssets
    ///         (`low`), convertToAssets (`low`) and convertToShares (`high`): every position that cannot be priced
    ///         right now at its worst case in `low` and its best case in `high`. Never reverts for want of a mark
    ///         (but when a mark fails without revert data, i.e. out of gas).
    /// @return low The NAV with every unpriceable position at its worst case.
    /// @return high The NAV with every unpriceable position at its best case.
    function navBounds() external view onlyDelegated returns (uint256 low, uint256 high) {
        return _navBounds(false);
    }

    /// @notice See IHedgeLayerVault.epochNav (runs in the vault's context).
    /// @return low The NAV redemptions are paid at.
    /// @return high The NAV deposits are struck at.
    function epochNav() external view onlyDelegated returns (uint256 low, uint256 high) {
        return _epochNav();
    }

    /// @notice See IHedgeLayerVault.defaultLayerTrade (runs in the vault's context).
    /// @param layer Layer index.
    /// @return due Whether the default roll may run now.
    /// @return strikeLow Default lower strike.
    /// @return strikeHigh Default upper strike.
    /// @return expiry Default expiry.
    function defaultLayerTrade(
        uint256 layer
    ) external view onlyDelegated returns (bool due, uint256 strikeLow, uint256 strikeHigh, uint256 expiry) {
        (due, strikeLow, strikeHigh, expiry) = _defaultTrade(layer);
        due = due && !Pausable(address(this)).paused();
    }

    /// @notice See IHedgeLayerVault.expiredPositions (runs in the vault's context).
    /// @return count Expired positions.
    function expiredPositions() external view onlyDelegated returns (uint256 count) {
        for (uint256 i; i < _layerCount; ++i) {
            Layer storage ly = $().layers[i];
            if (ly.size != 0 && block.timestamp >= ly.expiry) ++count;
        }
        if ($().putLeg.size != 0 && block.timestamp >= $().putLeg.expiry) ++count;
        if ($().callLeg.size != 0 && block.timestamp >= $().callLeg.expiry) ++count;
    }

    /// @notice See IHedgeLayerVault.keeperState (runs in the vault's context).
    /// @return s The keeper state.
    function keeperState() external view onlyDelegated returns (KeeperState memory s) {
        uint256 n = _layerCount;
        s.layers = new Layer[](n);
        s.layerPolicies = new LayerPolicy[](n);
        for (uint256 i; i < n; ++i) {
            s.layers[i] = $().layers[i];
            s.layerPolicies[i] = $().layerPolicies[i];
        }
        s.putLeg = $().putLeg;
        s.callLeg = $().callLeg;
        s.condorPolicy = $().condorPolicy;
        s.vaultPolicy = $().policy;
        HedgeBudget.Window memory w = HedgeBudget.current($());
        (s.budgetWindowStart, s.layerNet, s.condorNet) = (w.start, w.layerNet, w.condorNet);
        (s.condorLoss, s.condorOpens) = (w.condorLoss, w.condorOpens);
        int256 left = HedgeBudget.limit($(), w.condorNet) - w.layerNet;
        s.budget = left > 0 ? uint256(left) : 0;
        (s.epoch, s.epochStart) = ($().epoch, $().epochStart);
        // Requests made once an epoch is due wait for the next one: both count as pending.
        s.pendingDepositAssets = $().results[s.epoch].depositAssets + $().results[s.epoch + 1].depositAssets;
        s.pendingRedeemShares = $().results[s.epoch].redeemShares + $().results[s.epoch + 1].redeemShares;
        s.idle = $().idle;
        s.reserveAssets = _reserveAssets();
        try IHedgeLayerVault(address(this)).epochNav() returns (uint256 nav, uint256) {
            (s.navOk, s.nav) = (true, nav);
        } catch {
            s.navOk = false; // no epoch could be struck now (stale feed, missing settlement round, reserve loan)
        }
        s.lastNav = $().lastNav;
        s.totalSupply = IERC20(address(this)).totalSupply();
        s.paused = Pausable(address(this)).paused();
    }

    /// @notice See IHedgeLayerVault.setVaultPolicy (the vault checks the governor role first).
    /// @param p The policy.
    function setVaultPolicy(VaultPolicy calldata p) external onlyDelegated {
        HedgePolicy.check(p);
        if (p.minIntensity > p.maxIntensity) {
            revert PolicyFieldOutOfBounds("vault.minIntensity", p.minIntensity, 0, p.maxIntensity);
        }
        $().policy = p;
        emit VaultPolicySet(p);
    }

    /// @notice See IHedgeLayerVault.setLayerPolicy (the vault checks the governor role first).
    /// @param layer Layer index.
    /// @param p The policy.
    function setLayerPolicy(uint256 layer, LayerPolicy calldata p) external onlyDelegated {
        _checkLayer(layer);
        HedgePolicy.check(p);
        $().layerPolicies[layer] = p;
        emit LayerPolicySet(layer, p);
    }

    /// @notice See IHedgeLayerVault.setCondorPolicy (the vault checks the governor role first).
    /// @param p The policy.
    function setCondorPolicy(CondorPolicy calldata p) external onlyDelegated {
        HedgePolicy.check(p);
        $().condorPolicy = p;
        emit CondorPolicySet(p);
    }
}
