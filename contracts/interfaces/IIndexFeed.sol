// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @title IIndexFeed
/// @notice A push feed for an index (e.g. a VIX-like or SPX-like value) that speaks Chainlink's
///         `AggregatorV3Interface`, keeps every historic round (settlement reads them) and only accepts
///         values from holders of `REPORTER_ROLE`, within admin-set bounds.
/// @dev Round ids are plain 1, 2, 3, ... (phase 0 in Chainlink's `(phaseId << 64) | aggregatorRoundId`
///      encoding). For every round: `startedAt == updatedAt == observedAt` and `answeredInRound == roundId`.
///      Only `AnswerUpdated` is emitted per round (Chainlink's `NewRound` is left out to keep pushes cheap:
///      it would repeat the round id and timestamp).
interface IIndexFeed is AggregatorV3Interface {
    /// @notice The pushed answer is zero or negative.
    error IndexFeedAnswerNotPositive(int256 answer);
    /// @notice The pushed answer lies outside [minAnswer, maxAnswer].
    error IndexFeedAnswerOutOfBounds(int256 answer, int256 minAnswer, int256 maxAnswer);
    /// @notice The observation time is not strictly after the previous round's (or is zero for round 1).
    error IndexFeedTimestampNotAfterPrevious(uint256 observedAt, uint256 previousUpdatedAt);
    /// @notice The observation time is after the current block's timestamp.
    error IndexFeedTimestampInFuture(uint256 observedAt, uint256 blockTimestamp);
    /// @notice `getRoundData` was asked for a round id that was never pushed (0 or above the latest).
    error IndexFeedRoundNotFound(uint256 roundId, uint256 latestRoundId);
    /// @notice `latestRoundData` was called before any round was pushed.
    error IndexFeedNoRounds();
    /// @notice Bounds must satisfy 0 < minAnswer < maxAnswer <= type(int128).max.
    error IndexFeedInvalidBounds(int256 minAnswer, int256 maxAnswer);
    /// @notice The admin given to the constructor is the zero address.
    error IndexFeedAdminZero();

    /// @notice A new round was pushed (the event Chainlink's aggregators emit).
    /// @param current The answer, with `decimals()` decimals.
    /// @param roundId The new round id.
    /// @param updatedAt The observation time of the value.
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    /// @notice The accepted answer range changed (also emitted once by the constructor).
    /// @param minAnswer The new lowest accepted answer (inclusive).
    /// @param maxAnswer The new highest accepted answer (inclusive).
    event AnswerBoundsSet(int256 minAnswer, int256 maxAnswer);

    /// @notice The role allowed to push rounds (`keccak256("REPORTER_ROLE")`).
    /// @return The role identifier.
    function REPORTER_ROLE() external view returns (bytes32);

    /// @notice Pushes a new round. Only `REPORTER_ROLE`.
    /// @dev Reverts with `IndexFeedAnswerNotPositive`, `IndexFeedAnswerOutOfBounds`,
    ///      `IndexFeedTimestampInFuture` or `IndexFeedTimestampNotAfterPrevious`; emits `AnswerUpdated`.
    /// @param answer The index value with `decimals()` (8) decimals.
    /// @param observedAt When the value was observed (unix seconds); after the previous round's, not in the future.
    /// @return roundId The id of the new round (1 for the first).
    function pushRound(int256 answer, uint64 observedAt) external returns (uint80 roundId);

    /// @notice Sets the accepted answer range. Only `DEFAULT_ADMIN_ROLE`. Emits `AnswerBoundsSet`.
    /// @dev Reverts with `IndexFeedInvalidBounds` unless 0 < minAnswer < maxAnswer <= type(int128).max.
    ///      Existing rounds are not re-checked.
    /// @param minAnswer Lowest accepted answer (inclusive).
    /// @param maxAnswer Highest accepted answer (inclusive).
    function setAnswerBounds(int256 minAnswer, int256 maxAnswer) external;

    /// @notice The lowest accepted answer (inclusive).
    /// @return The bound, with `decimals()` decimals.
    function minAnswer() external view returns (int256);

    /// @notice The highest accepted answer (inclusive).
    /// @return The bound, with `decimals()` decimals.
    function maxAnswer() external view returns (int256);

    /// @notice The id of the latest round (0 before the first push), as on Chainlink's proxies.
    /// @return The latest round id.
    function latestRound() external view returns (uint256);
}
