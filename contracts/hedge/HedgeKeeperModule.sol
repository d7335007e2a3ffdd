// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IOptionPool} from "../interfaces/IOptionPool.sol";
import {HedgeModule} from "./HedgeModule.sol";
import {HedgeKeeperRules} from "./HedgeKeeperRules.sol";
import {HedgeBudget} from "./HedgeBudget.sol";

/// @title HedgeKeeperModule
/// @notice The trading half of the hedge vault: layer rolls, monetisation, the condor and the settlement of
///         expired positions, each checked against the policy, the feeds and the budget window (HedgeBudget). Runs
///         ONLY through the vault's delegatecall (the vault checks the role, the pause and reentrancy first; this
///         code reads and writes the vault's namespaced state). Split out so that each contract stays below 24 KiB.
/// @dev Selectors are those of IHedgeLayerVault; called directly (not through a delegatecall) it reverts.
contract HedgeKeeperModule is HedgeModule {
    /// @dev Parameters of one layer roll (a struct keeps the stack small).
    struct Roll {
        uint256 layer;
        uint256 low;
        uint256 high;
        uint256 expiry;
        uint256 intensity;
        uint256 maxPremium;
        bool monetise;
    }

    /// @param w The vault's wiring (the same as the vault's own).
    constructor(Wiring memory w) HedgeModule(w) {}

    // ================================================================ layers

    /// @notice See IHedgeLayerVault.rollLayer.
    /// @param layer Layer index.
    /// @param strikeLow Lower strike.
    /// @param strikeHigh Upper strike.
    /// @param expiry Expiry.
    /// @param intensity Intensity multiplier (WAD).
    /// @param maxPremium Keeper's premium limit.
    /// @return The new series.
    function rollLayer(
        uint256 layer,
        uint256 strikeLow,
        uint256 strikeHigh,
        uint256 expiry,
        uint256 intensity,
        uint256 maxPremium
    ) external onlyDelegated returns (uint256) {
        return _roll(Roll(layer, strikeLow, strikeHigh, expiry, intensity, maxPremium, false));
    }

    /// @notice See IHedgeLayerVault.monetiseLayer.
    /// @param layer Layer index.
    /// @param strikeLow Lower strike.
    /// @param strikeHigh Upper strike.
    /// @param expiry Expiry.
    /// @param intensity Intensity multiplier (WAD).
    /// @param maxPremium Keeper's premium limit.
    /// @return The new series.
    function monetiseLayer(
        uint256 layer,
        uint256 strikeLow,
        uint256 strikeHigh,
        uint256 expiry,
        uint256 intensity,
        uint256 maxPremium
    ) external onlyDelegated returns (uint256) {
        return _roll(Roll(layer, strikeLow, strikeHigh, expiry, intensity, maxPremium, true));
    }

    /// @notice See IHedgeLayerVault.rollLayerDefault.
    /// @param layer Layer index.
    /// @return The new series.
    function rollLayerDefault(uint256 layer) external onlyDelegated returns (uint256) {
        (bool due, uint256 low, uint256 high, uint256 expiry) = _defaultTrade(layer);
        if (!due) {
            Layer storage ly = $().layers[layer];
            uint256 dueAt = Math.max(
                _dueAt(layer),
                ly.lastRoll == 0 ? 0 : ly.lastRoll + $().layerPolicies[layer].cooldown
            );
            revert LayerRollNotDue(layer, dueAt);
        }
        return _roll(Roll(layer, low, high, expiry, _WAD, type(uint256).max, false));
    }

    // ================================================================ settlement

    /// @notice See IHedgeLayerVault.settleExpired (runs in the vault's context).
    /// @return settled Positions settled.
    function settleExpired() external onlyDelegated returns (uint256 settled) {
        for (uint256 i; i < _layerCount; ++i) {
            Layer storage ly = $().layers[i];
            if (ly.size != 0 && block.timestamp >= ly.expiry) {
                _closeLayer(ly);
                ++settled;
            }
        }
        if ($().putLeg.size != 0 && block.timestamp >= $().putLeg.expiry) {
            _closeLeg($().putLeg, false, 0);
            ++settled;
        }
        if ($().callLeg.size != 0 && block.timestamp >= $().callLeg.expiry) {
            _closeLeg($().callLeg, true, 0);
            ++settled;
        }
        if (settled != 0) HedgeBudget.publish($());
    }

    // ================================================================ condor

    /// @notice See IHedgeLayerVault.openCondor.
    /// @param putStrikes Put spread strikes.
    /// @param callStrikes Call spread strikes.
    /// @param expiry Expiry.
    /// @param minPremium Keeper's floor on the total premium.
    function openCondor(
        uint256[2] calldata putStrikes,
        uint256[2] calldata callStrikes,
        uint256 expiry,
        uint256 minPremium
    ) external onlyDelegated {
        if ($().putLeg.size != 0 || $().callLeg.size != 0) revert CondorAlreadyOpen();
        HedgeBudget.countCondorSale($());
        CondorPolicy memory p = $().condorPolicy;
        uint256 spot = _equityIndex();
        HedgeKeeperRules.checkCondorSide(p, spot, false, putStrikes);
        HedgeKeeperRules.checkCondorSide(p, spot, true, callStrikes);
        HedgeKeeperRules.checkExpiry(expiry, p.tenorMin, p.tenorMax);
        uint256 size = Math.mulDiv(Math.mulDiv($().lastNav, p.notional, _WAD), _cashScale, spot);
        if (size == 0) revert SizeZero();
        uint256 premium =
            _openLeg($().putLeg, false, putStrikes, expiry, size, 0) +
                _openLeg($().callLeg, true, callStrikes, expiry, size, 0);
        if (premium < minPremium) revert PremiumBelowFloor(premium, minPremium);
        _checkCondorLoss(premium);
        HedgeBudget.publish($());
    }

    /// @notice See IHedgeLayerVault.closeCondor.
    /// @param maxCost Keeper's limit on the total buy-back premium.
    function closeCondor(uint256 maxCost) external onlyDelegated {
        if ($().putLeg.size == 0 && $().callLeg.size == 0) revert NoCondorOpen();
        uint256 cost;
        if ($().putLeg.size != 0) cost = _closeLeg($().putLeg, false, maxCost);
        if ($().callLeg.size != 0) _closeLeg($().callLeg, true, maxCost - cost);
        HedgeBudget.publish($());
    }

    /// @notice See IHedgeLayerVault.rollCondorSide.
    /// @param isCall Which side.
    /// @param strikes The new spread's strikes.
    /// @param minPremium Keeper's floor on the new premium.
    function rollCondorSide(
        bool isCall,
        uint256[2] calldata strikes,
        uint256 minPremium
    ) external onlyDelegated {
        Leg storage g = isCall ? $().callLeg : $().putLeg;
        if (g.size == 0) revert NoCondorOpen();
        HedgeBudget.countCondorSale($());
        HedgeKeeperRules.checkCondorSide($().condorPolicy, _equityIndex(), isCall, strikes);
        (uint256 size, uint256 expiry) = (g.size, g.expiry);
        _closeLeg(g, isCall, _maxLossCash());
        uint256 premium = _openLeg(g, isCall, strikes, expiry, size, 0);
        if (premium < minPremium) revert PremiumBelowFloor(premium, minPremium);
        _checkCondorLoss(premium);
        HedgeBudget.publish($());
    }

    // ================================================================ internals

    function _roll(Roll memory r) private returns (uint256 id) {
        uint256 size = _checkRoll(r);
        Layer storage ly = $().layers[r.layer];
        uint256 oldId = ly.seriesId;
        uint256 proceeds = _closeLayer(ly);
        id = _list(volFeed, IOptionPool.Kind.CALL_SPREAD, r.low, r.high, r.expiry);
        // The pool reverts with PremiumAboveMax(premium, cap) above the cap; the budget is checked after the
        // trade (a revert undoes it), which saves a second on-chain valuation of the series.
        uint256 cap = Math.min(
            r.maxPremium,
            Math.mulDiv($().lastNav, $().layerPolicies[r.layer].maxPremium, _WAD)
        );
        uint256 before = _asset.balanceOf(address(this));
        uint256 ask = pool.buy(id, size, cap, block.timestamp);
        _settleCash(before);
        HedgeBudget.bookLayer($(), ask, 0); // the proceeds were booked by _closeLayer
        if (ask > proceeds) HedgeBudget.checkLayerSpending($());
        HedgeBudget.publish($());
        (ly.seriesId, ly.size, ly.expiry, ly.lastRoll) = (
            id,
            uint128(size),
            uint64(r.expiry),
            uint64(block.timestamp)
        );
        (ly.strikeLow, ly.strikeHigh) = (uint128(r.low), uint128(r.high));
        emit LayerRolled(r.layer, oldId, id, size, ask, proceeds, r.monetise);
    }

    /// @dev Every check of a roll that needs no trade; returns the size from the policy notional.
    function _checkRoll(Roll memory r) private view returns (uint256 size) {
        uint256 i = r.layer;
        _checkLayer(i);
        Layer storage ly = $().layers[i];
        LayerPolicy memory p = $().layerPolicies[i];
        uint256 vol = _volIndex();
        uint256 availableAt = uint256(ly.lastRoll) + p.cooldown;
        if (ly.lastRoll != 0 && block.timestamp < availableAt) revert LayerInCooldown(i, availableAt);
        if (r.monetise) {
            uint256 level =
                ly.strikeLow + Math.mulDiv(uint256(ly.strikeHigh) - ly.strikeLow, p.trigger, _WAD);
            if (ly.size == 0 || vol < level) revert LayerNotTriggered(i, vol, level);
        } else if (block.timestamp < _dueAt(i)) {
            revert LayerRollNotDue(i, _dueAt(i));
        }
        HedgeKeeperRules.checkLayerStrikes(p, vol, r.low, r.high);
        HedgeKeeperRules.checkExpiry(r.expiry, p.tenorMin, p.tenorMax);
        VaultPolicy memory v = $().policy;
        if (r.intensity < v.minIntensity || r.intensity > v.maxIntensity) {
            revert IntensityOutOfBounds(r.intensity, v.minIntensity, v.maxIntensity);
        }
        uint256 cash = Math.mulDiv($().lastNav, uint256(p.notional) * r.intensity, _WAD * _WAD);
        size = Math.mulDiv(cash, _cashScale, vol);
        if (size == 0) revert SizeZero();
    }

    /// @dev Max loss of the condor = max(put collateral, call collateral) - premium: only one side can pay out.
    function _checkCondorLoss(uint256 premium) private view {
        uint256 worst = Math.max($().putLeg.collateral, $().callLeg.collateral);
        uint256 loss = worst > premium ? worst - premium : 0;
        uint256 max = _maxLossCash();
        if (loss > max) revert CondorLossAboveMax(loss, max);
    }

    function _maxLossCash() private view returns (uint256) {
        return Math.mulDiv($().lastNav, $().condorPolicy.maxLoss, _WAD);
    }
}
