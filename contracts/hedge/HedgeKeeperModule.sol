// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IOptionPool} from "../interfaces/IOptionPool.sol";
import {HedgeModule} from "./HedgeModule.sol";
import {HedgeKeeperRules} from "./HedgeKeeperRules.sol";
import {HedgeBudget} from "./HedgeBudget.sol";
import {SeriesMath} from "../options/lib/SeriesMath.sol";

/// @title HedgeKeeperModule
/// @notice The layers' half of the hedge vault's trading: layer rolls, monetisation and the settlement of expired
///         positions, each checked against the policy, the feeds and the budget window (HedgeBudget). Runs
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
        return _roll(Roll(layer, strikeLow, strikeHigh, expiry, intensity, maxPremium));
    }

    /// @notice See IHedgeLayerVault.monetiseLayer.
    /// @param layer Layer index.
    /// @return proceeds Cash received.
    function monetiseLayer(uint256 layer) external onlyDelegated returns (uint256 proceeds) {
        _checkLayer(layer);
        Layer storage ly = $().layers[layer];
        uint256 vol = _volIndex();
        uint256 level =
            ly.strikeLow +
                Math.mulDiv(uint256(ly.strikeHigh) - ly.strikeLow, $().layerPolicies[layer].trigger, _WAD);
        if (ly.size == 0 || vol < level) revert LayerNotTriggered(layer, vol, level);
        (uint256 id, uint256 size) = (ly.seriesId, ly.size);
        proceeds = _closeLayer(ly);
        HedgeBudget.publish($());
        // Re-entry waits until the index is back below the sold spread's lower strike (or contango returns).
        (ly.lastRoll, ly.reentryLevel) = (uint64(block.timestamp), ly.strikeLow);
        emit LayerMonetised(layer, id, size, proceeds, ly.reentryLevel);
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
        return _roll(Roll(layer, low, high, expiry, _WAD, type(uint256).max));
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

    // ================================================================ internals

    function _roll(Roll memory r) private returns (uint256 id) {
        uint256 target = _checkRoll(r);
        Layer storage ly = $().layers[r.layer];
        uint256 oldId = ly.seriesId;
        bool wasEmpty = ly.size == 0;
        uint256 before = _asset.balanceOf(address(this));
        uint256 proceeds = _closeLayerTrade(ly);
        uint256 size;
        uint256 ask;
        (id, size, ask) = _buy(r, target, proceeds);
        _settleCash(before); // the old layer's proceeds in, the new one's premium out: idle pays what they lack
        (ly.seriesId, ly.size, ly.expiry) = (id, uint128(size), uint64(r.expiry));
        (ly.lastRoll, ly.strikeLow, ly.strikeHigh) = (
            uint64(block.timestamp),
            uint128(r.low),
            uint128(r.high)
        );
        // Only a monetisation sets a re-entry level, and it empties the layer: a live layer has none to clear.
        if (wasEmpty && ly.reentryLevel != 0) ly.reentryLevel = 0;
        emit LayerRolled(r.layer, oldId, id, size, ask, proceeds);
    }

    /// @dev Lists the new series and buys it at the size `_fit` allows; books the premium (the caller charges the
    ///      cash to idle).
    function _buy(
        Roll memory r,
        uint256 target,
        uint256 proceeds
    ) private returns (uint256 id, uint256 size, uint256 ask) {
        id = _list(volFeed, IOptionPool.Kind.CALL_SPREAD, r.low, r.high, r.expiry);
        uint256 cap;
        (size, cap) = _fit(r, target, proceeds);
        ask = pool.buy(id, size, cap, block.timestamp);
        HedgeBudget.bookLayer($(), ask, 0); // the proceeds were booked by _closeLayerTrade
        HedgeBudget.publish($());
    }

    /// @dev The premium cap of a purchase — the least of the keeper's, the policy's and the cash press's room (a
    ///      roll spending no more than the old layer returned adds no net spending, so at least `proceeds`) — and
    ///      the size it buys: the target cut to what the cap pays at the pool's ask now (exactly what `buy`
    ///      charges: ask x size rounded up <= cap; valued only when the target at the full width would not fit). Less
    ///      than a quarter of the target reverts `LayerBudgetShort`.
    function _fit(
        Roll memory r,
        uint256 target,
        uint256 proceeds
    ) private view returns (uint256 size, uint256 cap) {
        cap = Math.min(
            Math.min(r.maxPremium, Math.mulDiv($().lastNav, $().layerPolicies[r.layer].maxPremium, _WAD)),
            Math.max(HedgeBudget.room($()), proceeds)
        );
        // A spread's ask never exceeds its width: when the whole target fits the cap at the width, it fits at
        // the ask, and the valuation below could only return the target.
        if (SeriesMath.cashUp(target, r.high - r.low, _cashScale) <= cap) return (target, cap);
        MarkInputs memory m;
        (, uint256 askUnit, ) = _unitPrices(volFeed, true, r.low, r.high, r.expiry, m);
        size = askUnit == 0 ? target : Math.min(target, Math.mulDiv(cap, _cashScale, askUnit));
        if (size * 4 < target) revert LayerBudgetShort(r.layer, size, target);
    }

    /// @dev Every check of a roll that needs no trade; returns the target size (the layer's share of the ladder
    ///      sized to the condor's stress loss, HedgeKeeperRules.ladderCash / ladderSize).
    function _checkRoll(Roll memory r) private view returns (uint256 size) {
        uint256 i = r.layer;
        _checkLayer(i);
        Layer storage ly = $().layers[i];
        LayerPolicy memory p = $().layerPolicies[i];
        VaultPolicy memory v = $().policy;
        uint256 vol = _volIndex();
        uint256 availableAt = uint256(ly.lastRoll) + p.cooldown;
        if (ly.lastRoll != 0 && block.timestamp < availableAt) revert LayerInCooldown(i, availableAt);
        if (block.timestamp < _dueAt(i)) revert LayerRollNotDue(i, _dueAt(i));
        uint256 maxIntensity = v.maxIntensity;
        if (ly.size == 0 && ly.reentryLevel != 0) {
            _checkReentry(i, vol, v.reentryDelay);
            maxIntensity = _WAD; // a re-entry is never boosted
        }
        HedgeKeeperRules.checkLayerStrikes(p, vol, r.low, r.high);
        HedgeKeeperRules.checkExpiry(r.expiry, p.tenorMin, p.tenorMax);
        if (r.intensity < v.minIntensity || r.intensity > maxIntensity) {
            revert IntensityOutOfBounds(r.intensity, v.minIntensity, maxIntensity);
        }
        uint256 cash = HedgeKeeperRules.ladderCashOf($().lastNav, $().condorPolicy, v, p.weight, r.intensity);
        size = HedgeKeeperRules.ladderSize(cash, vol, v.stressRise, r.low, r.high, _cashScale);
        if (size == 0) revert SizeZero();
    }

    /// @dev Reverts `LayerReentryBlocked` while monetised layer `i` must wait (see `_reentryBlocked`).
    function _checkReentry(uint256 i, uint256 vol, uint256 delay) private view {
        Layer storage ly = $().layers[i];
        (bool blocked, uint256 termFactor, uint256 availableAt) = _reentryBlocked(ly, vol, delay);
        if (blocked) revert LayerReentryBlocked(i, vol, ly.reentryLevel, termFactor, availableAt);
    }
}
