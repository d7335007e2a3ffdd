// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IHedgeTypes} from "../interfaces/IHedgeTypes.sol";
import {HedgeStorage} from "./HedgeStorage.sol";

/// @title HedgeBudget
/// @notice The cash press: within a (tumbling) budget window, what the layers cost net of everything they returned
///         stays within k x what the condor earned net of what it paid back, plus an optional bounded draw on NAV:
///
///             layerNet <= budgetMultiple x condorNet + reserveDraw x lastNav          (k = budgetMultiple <= 1)
///
///         layerNet  = layer premium paid - close and monetisation proceeds - settlement payoffs received;
///         condorNet = condor premium received - buy-backs paid - settlement payoffs owed (signed: it is negative
///                     after a losing window, and then the layers must return cash before they may spend any).
///         Enforced at every layer purchase: the vault cuts its size to what the window's room (`room`, at least what
///         the old position returned) pays at the pool's ask; condor losses booked later may leave a window above its
///         budget, which then allows no further net layer spending in that window. The window also counts condor
///         sales and their realised losses (what a closed leg cost beyond the premium it brought), which gate new
///         sales.
/// @dev Every booking first starts a new window when the current one has run out (nothing carries over).
///      Rounding, in favour of the depositors: k x a positive income rounds down, k x a negative income rounds
///      towards minus infinity, the draw rounds down.
library HedgeBudget {
    using SafeCast for uint256;
    using SafeCast for int256;

    uint256 private constant _WAD = 1e18;

    /// @notice A budget window's figures (see the library's notes).
    struct Window {
        uint256 start;
        int256 layerNet;
        int256 condorNet;
        uint256 condorLoss;
        uint256 condorOpens;
    }

    /// @notice The window's figures as they stand now (a window that has run out reads as a fresh one).
    /// @param s The vault's state.
    /// @return w The window.
    function current(HedgeStorage.Layout storage s) internal view returns (Window memory w) {
        w.start = s.budgetStart;
        if (block.timestamp >= w.start + s.policy.budgetWindow) {
            w.start = block.timestamp;
            return w;
        }
        (w.layerNet, w.condorNet, w.condorLoss, w.condorOpens) = (
            s.layerNet,
            s.condorNet,
            s.condorLoss,
            s.condorOpens
        );
    }

    /// @notice The net layer spending a window with condor net income `condorNet` allows (may be negative).
    /// @param s The vault's state.
    /// @param condorNet The window's condor net income.
    /// @return k x condorNet (rounded towards minus infinity) + reserveDraw x lastNav (rounded down).
    function limit(HedgeStorage.Layout storage s, int256 condorNet) internal view returns (int256) {
        uint256 k = s.policy.budgetMultiple;
        int256 income =
            condorNet >= 0
                ? Math.mulDiv(uint256(condorNet), k, _WAD).toInt256()
                : -Math.mulDiv(uint256(-condorNet), k, _WAD, Math.Rounding.Ceil).toInt256();
        return income + Math.mulDiv(s.lastNav, s.policy.reserveDraw, _WAD).toInt256();
    }

    /// @notice The net layer spending the window still allows now (0 when it is at or over its budget).
    /// @param s The vault's state.
    /// @return The room left.
    function room(HedgeStorage.Layout storage s) internal view returns (uint256) {
        Window memory w = current(s);
        int256 left = limit(s, w.condorNet) - w.layerNet;
        return left > 0 ? uint256(left) : 0;
    }

    /// @notice Whether the window allows one more condor sale: fewer than `maxOpens` so far and realised condor
    ///         losses within `lossCap` x lastNav (what `countCondorSale` enforces).
    /// @param s The vault's state.
    /// @return True when a sale may be counted.
    function saleAllowed(HedgeStorage.Layout storage s) internal view returns (bool) {
        Window memory w = current(s);
        IHedgeTypes.CondorPolicy storage p = s.condorPolicy;
        return w.condorOpens < p.maxOpens && w.condorLoss <= Math.mulDiv(s.lastNav, p.lossCap, _WAD);
    }

    /// @notice Books cash the layers moved: `paid` premium out, `returned` proceeds or payoffs in.
    /// @param s The vault's state.
    /// @param paid Premium paid.
    /// @param returned Proceeds or settlement payoff received.
    function bookLayer(HedgeStorage.Layout storage s, uint256 paid, uint256 returned) internal {
        _roll(s);
        s.layerNet = (int256(s.layerNet) + paid.toInt256() - returned.toInt256()).toInt104();
    }

    /// @notice Books a condor leg's cash: `received` premium in, `paid` buy-back or settlement payoff owed out, and
    ///         when a leg closes, its realised loss (what it cost beyond the `premium` it brought).
    /// @param s The vault's state.
    /// @param received Premium received.
    /// @param paid Buy-back paid or settlement payoff owed.
    /// @param premium The closed leg's premium (0 when nothing closed).
    function bookCondor(
        HedgeStorage.Layout storage s,
        uint256 received,
        uint256 paid,
        uint256 premium
    ) internal {
        _roll(s);
        s.condorNet = (int256(s.condorNet) + received.toInt256() - paid.toInt256()).toInt104();
        // Saturates rather than reverts: a loss this large (2^96 - 1 units) already stops every sale (lossCap).
        if (paid > premium)
            s.condorLoss = uint96(Math.min(uint256(s.condorLoss) + (paid - premium), type(uint96).max));
    }

    /// @notice Counts a condor sale; reverts once the window has seen `maxOpens` of them or its realised condor
    ///         losses exceed `lossCap` x lastNav.
    /// @param s The vault's state.
    function countCondorSale(HedgeStorage.Layout storage s) internal {
        _roll(s);
        IHedgeTypes.CondorPolicy storage p = s.condorPolicy;
        if (s.condorOpens >= p.maxOpens) revert IHedgeTypes.CondorOpenLimit(s.condorOpens, p.maxOpens);
        uint256 cap = Math.mulDiv(s.lastNav, p.lossCap, _WAD);
        if (s.condorLoss > cap) revert IHedgeTypes.CondorLossCapReached(s.condorLoss, cap);
        ++s.condorOpens;
    }

    /// @notice Emits the window's figures (once per operation that booked something).
    /// @param s The vault's state.
    function publish(HedgeStorage.Layout storage s) internal {
        emit IHedgeTypes.BudgetWindowUpdated(
            s.budgetStart,
            s.layerNet,
            s.condorNet,
            s.condorLoss,
            s.condorOpens
        );
    }

    function _roll(HedgeStorage.Layout storage s) private {
        if (block.timestamp >= uint256(s.budgetStart) + s.policy.budgetWindow) {
            (s.budgetStart, s.layerNet, s.condorNet, s.condorLoss, s.condorOpens) = (
                uint48(block.timestamp),
                0,
                0,
                0,
                0
            );
        }
    }
}
