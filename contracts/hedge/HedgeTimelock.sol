// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title HedgeTimelock
/// @notice The governor of the hedge vault: OpenZeppelin's TimelockController unchanged (a multisig proposes,
///         anyone executes after the minimum delay). Its own contract so that deployments compile and name it.
contract HedgeTimelock is TimelockController {
    /// @param minDelay Minimum delay between scheduling and executing, seconds.
    /// @param proposers Who may schedule (the multisig); they also get the canceller role.
    /// @param executors Who may execute (address(0) = anyone).
    /// @param admin Optional bootstrap admin (address(0) = the timelock administers itself).
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(minDelay, proposers, executors, admin) {}
}
