// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {HedgeBudget} from "../../hedge/HedgeBudget.sol";
import {HedgeStorage} from "../../hedge/HedgeStorage.sol";

/// @title HedgeBudgetHarness
/// @notice TEST-ONLY. Runs the cash press's limit (HedgeBudget.limit) on a vault layout of the test's choosing, so
///         its rounding can be checked at any condor income, one unit either side of zero included.
contract HedgeBudgetHarness {
    /// @notice Sets the fields the limit reads.
    /// @param budgetMultiple k (WAD).
    /// @param reserveDraw The draw on the NAV (WAD).
    /// @param lastNav The NAV after the last epoch.
    function set(uint64 budgetMultiple, uint64 reserveDraw, uint128 lastNav) external {
        HedgeStorage.Layout storage s = HedgeStorage.layout();
        (s.policy.budgetMultiple, s.policy.reserveDraw, s.lastNav) = (budgetMultiple, reserveDraw, lastNav);
    }

    /// @notice HedgeBudget.limit.
    /// @param condorNet The window's condor net income.
    /// @return The net layer spending it allows.
    function limit(int256 condorNet) external view returns (int256) {
        return HedgeBudget.limit(HedgeStorage.layout(), condorNet);
    }
}
