// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @title PhasedAggregatorProxyMock
/// @notice TEST-ONLY. Behaves like a Chainlink aggregator proxy: rounds grouped in phases (phase ids from 1),
///         round ids `(phaseId << 64) | aggregatorRoundId`, a missing round either reverting with
///         "No data present" (like current aggregators) or returning zeros (configurable). Accepts any data,
///         including bad data (zero/negative answers, updatedAt == 0 or in the future), for tests.
contract PhasedAggregatorProxyMock is AggregatorV3Interface {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
    }

    uint8 public immutable decimals;
    uint16 public phaseId = 1;
    bool public missingRoundReverts = true;

    mapping(uint16 phase => Round[]) private _phases;

    event RoundPushed(uint80 indexed roundId, int256 answer, uint256 updatedAt);
    event PhaseStarted(uint16 indexed phaseId);
    event MissingRoundRevertsSet(bool reverts);

    constructor(uint8 decimals_) {
        decimals = decimals_;
    }

    /// @notice Appends a round to the current phase (no validation: tests push bad data on purpose).
    function pushRound(int256 answer, uint256 updatedAt) external returns (uint80 roundId) {
        return pushRoundWithStart(answer, updatedAt, updatedAt);
    }

    /// @notice Appends a round with an explicit startedAt.
    function pushRoundWithStart(
        int256 answer,
        uint256 startedAt,
        uint256 updatedAt
    ) public returns (uint80 roundId) {
        Round[] storage rounds = _phases[phaseId];
        rounds.push(Round(answer, startedAt, updatedAt));
        roundId = _id(phaseId, rounds.length);
        emit RoundPushed(roundId, answer, updatedAt);
    }

    /// @notice Starts a new phase (as when the proxy is pointed at a new aggregator); its rounds restart at 1.
    function startNewPhase() external {
        ++phaseId;
        emit PhaseStarted(phaseId);
    }

    /// @notice Chooses whether a missing round reverts (true) or returns zeros (false).
    function setMissingRoundReverts(bool reverts) external {
        missingRoundReverts = reverts;
        emit MissingRoundRevertsSet(reverts);
    }

    /// @notice Number of rounds in a phase.
    function roundCount(uint16 phase) external view returns (uint256) {
        return _phases[phase].length;
    }

    /// @notice Test helper: the proxy round id of aggregator round `aggregatorRoundId` in `phase`.
    function roundIdOf(uint16 phase, uint64 aggregatorRoundId) external pure returns (uint80) {
        return _id(phase, aggregatorRoundId);
    }

    /// @notice Fixed description of the mock.
    function description() external pure returns (string memory) {
        return "PhasedAggregatorProxyMock";
    }

    /// @notice Fixed version (what Chainlink's proxies report today).
    function version() external pure returns (uint256) {
        return 6;
    }

    /// @notice A round by phased id; a missing one reverts or returns zeros (see `missingRoundReverts`).
    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        return _round(uint16(roundId >> 64), uint64(roundId));
    }

    /// @notice The latest round of the current phase; with none, behaves like a missing round.
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return _round(phaseId, uint64(_phases[phaseId].length));
    }

    function _round(
        uint16 phase,
        uint64 aggregatorRoundId
    ) private view returns (uint80, int256, uint256, uint256, uint80) {
        Round[] storage rounds = _phases[phase];
        if (aggregatorRoundId == 0 || aggregatorRoundId > rounds.length) {
            // A string, not a custom error: this is what Chainlink's aggregators revert with.
            require(!missingRoundReverts, "No data present");
            return (0, 0, 0, 0, 0);
        }
        Round storage r = rounds[aggregatorRoundId - 1];
        uint80 id = _id(phase, aggregatorRoundId);
        return (id, r.answer, r.startedAt, r.updatedAt, id);
    }

    function _id(uint16 phase, uint256 aggregatorRoundId) private pure returns (uint80) {
        return uint80((uint256(phase) << 64) | aggregatorRoundId);
    }
}
