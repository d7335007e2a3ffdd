// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {HedgeBudget} from "../../hedge/HedgeBudget.sol";
import {HedgeStorage} from "../../hedge/HedgeStorage.sol";

/// @title HedgeBudgetHarness
/// @notice TEST-ONLY. Runs the cash press (HedgeBudget's limit, room and condor-sale gate) on a vault layout of the
///         test's choosing, so each rule can be checked to the unit of its edge.
contract HedgeBudgetHarness {
    /// @notice Sets the fields the limit reads.
    /// @param budgetMultiple k (WAD).
    /// @param reserveDraw The draw on the NAV (WAD).
    /// @param lastNav The NAV after the last epoch.
    function set(uint64 budgetMultiple, uint64 reserveDraw, uint128 lastNav) external {
        HedgeStorage.Layout storage s = HedgeStorage.layout();
        (s.policy.budgetMultiple, s.policy.reserveDraw, s.lastNav) = (budgetMultiple, reserveDraw, lastNav);
    }

    /// @notice Opens a budget window now (one day long) with the given figures and condor-sale policy.
    /// @param layerNet The window's net layer spending.
    /// @param condorNet The window's condor net income.
    /// @param condorLoss The window's realised condor losses.
    /// @param condorOpens The window's condor sales.
    /// @param maxOpens The policy's most sales per window.
    /// @param lossCap The policy's loss cap (WAD of lastNav).
    function setWindow(
        int104 layerNet,
        int104 condorNet,
        uint96 condorLoss,
        uint32 condorOpens,
        uint32 maxOpens,
        uint64 lossCap
    ) external {
        HedgeStorage.Layout storage s = HedgeStorage.layout();
        (s.budgetStart, s.policy.budgetWindow) = (uint48(block.timestamp), 1 days);
        (s.layerNet, s.condorNet, s.condorLoss, s.condorOpens) = (
            layerNet,
            condorNet,
            condorLoss,
            condorOpens
        );
        (s.condorPolicy.maxOpens, s.condorPolicy.lossCap) = (maxOpens, lossCap);
    }

    /// @notice HedgeBudget.room.
    /// @return The net layer spending the window still allows.
    function room() external view returns (uint256) {
        return HedgeBudget.room(HedgeStorage.layout());
    }

    /// @notice HedgeBudget.saleAllowed.
    /// @return Whether one more condor sale is allowed.
    function saleAllowed() external view returns (bool) {
        return HedgeBudget.saleAllowed(HedgeStorage.layout());
    }

    /// @notice HedgeBudget.bookCondor.
    /// @param received Premium received.
    /// @param paid Buy-back paid or settlement payoff owed.
    /// @param premium The closed leg's premium.
    function bookCondor(uint256 received, uint256 paid, uint256 premium) external {
        HedgeBudget.bookCondor(HedgeStorage.layout(), received, paid, premium);
    }

    /// @notice HedgeBudget.countCondorSale.
    function countCondorSale() external {
        HedgeBudget.countCondorSale(HedgeStorage.layout());
    }

    /// @notice HedgeBudget.current.
    /// @return The window's figures now.
    function window() external view returns (HedgeBudget.Window memory) {
        return HedgeBudget.current(HedgeStorage.layout());
    }

    /// @notice HedgeBudget.limit.
    /// @param condorNet The window's condor net income.
    /// @return The net layer spending it allows.
    function limit(int256 condorNet) external view returns (int256) {
        return HedgeBudget.limit(HedgeStorage.layout(), condorNet);
    }
}
