// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IIndexFeed} from "../interfaces/IIndexFeed.sol";

/// @title IndexFeed
/// @notice A Chainlink-compatible push feed for an index value (8 decimals), written by `REPORTER_ROLE`
///         holders, readable for every historic round.
/// @dev Storage per round is one slot (answer int192 | updatedAt uint64). The head (latest id and time) and
///      the bounds take one slot each, so a push costs one new slot, one rewritten slot and three reads.
contract IndexFeed is IIndexFeed, AccessControl {
    /// @inheritdoc IIndexFeed
    bytes32 public constant REPORTER_ROLE = keccak256("REPORTER_ROLE");

    uint8 private constant _DECIMALS = 8;
    uint256 private constant _VERSION = 1;

    struct Round {
        int192 answer;
        uint64 updatedAt;
    }

    struct Head {
        uint64 roundId;
        uint64 updatedAt;
    }

    struct Bounds {
        int128 minAnswer;
        int128 maxAnswer;
    }

    string private _description;
    Head private _head;
    Bounds private _bounds;
    mapping(uint256 roundId => Round) private _rounds;

    /// @param admin Receives `DEFAULT_ADMIN_ROLE` (grants reporters, sets bounds); a timelock in production.
    /// @param description_ What the feed measures, e.g. "VIX / USD-like index".
    /// @param minAnswer_ Lowest accepted answer (inclusive, > 0).
    /// @param maxAnswer_ Highest accepted answer (inclusive, > minAnswer_).
    constructor(address admin, string memory description_, int256 minAnswer_, int256 maxAnswer_) {
        if (admin == address(0)) revert IndexFeedAdminZero();
        _description = description_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setBounds(minAnswer_, maxAnswer_);
    }

    // ---------------------------------------------------------------- writes

    /// @inheritdoc IIndexFeed
    function pushRound(
        int256 answer,
        uint64 observedAt
    ) external onlyRole(REPORTER_ROLE) returns (uint80 roundId) {
        if (answer <= 0) revert IndexFeedAnswerNotPositive(answer);
        Bounds memory b = _bounds;
        if (answer < b.minAnswer || answer > b.maxAnswer) {
            revert IndexFeedAnswerOutOfBounds(answer, b.minAnswer, b.maxAnswer);
        }
        if (observedAt > block.timestamp) revert IndexFeedTimestampInFuture(observedAt, block.timestamp);
        Head memory head = _head;
        if (observedAt <= head.updatedAt)
            revert IndexFeedTimestampNotAfterPrevious(observedAt, head.updatedAt);

        // Cannot overflow: 2^64 pushes are out of reach. The answer fits int192 because maxAnswer is an int128.
        uint64 id = head.roundId + 1;
        _rounds[id] = Round({answer: int192(answer), updatedAt: observedAt});
        _head = Head({roundId: id, updatedAt: observedAt});
        emit AnswerUpdated(answer, id, observedAt);
        return id;
    }

    /// @inheritdoc IIndexFeed
    function setAnswerBounds(int256 minAnswer_, int256 maxAnswer_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setBounds(minAnswer_, maxAnswer_);
    }

    // ---------------------------------------------------------------- Chainlink reads

    /// @notice Number of decimals of every answer.
    /// @return Always 8, like Chainlink's USD feeds.
    function decimals() external pure returns (uint8) {
        return _DECIMALS;
    }

    /// @notice What the feed measures.
    /// @return The description given to the constructor.
    function description() external view returns (string memory) {
        return _description;
    }

    /// @notice Version of this feed implementation.
    /// @return 1.
    function version() external pure returns (uint256) {
        return _VERSION;
    }

    /// @notice Data of a historic round. Reverts with `IndexFeedRoundNotFound` for an id never pushed.
    /// @param roundId_ The round id (1 for the first round).
    /// @return roundId The same id.
    /// @return answer The value (8 decimals).
    /// @return startedAt The observation time.
    /// @return updatedAt The observation time.
    /// @return answeredInRound The same id.
    function getRoundData(
        uint80 roundId_
    )
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        Round memory r = _rounds[roundId_];
        if (r.updatedAt == 0) revert IndexFeedRoundNotFound(roundId_, _head.roundId);
        return (roundId_, r.answer, r.updatedAt, r.updatedAt, roundId_);
    }

    /// @notice Data of the latest round. Reverts with `IndexFeedNoRounds` before the first push.
    /// @return roundId The latest round id.
    /// @return answer The value (8 decimals).
    /// @return startedAt The observation time.
    /// @return updatedAt The observation time.
    /// @return answeredInRound The same id.
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        uint64 id = _head.roundId;
        if (id == 0) revert IndexFeedNoRounds();
        Round memory r = _rounds[id];
        return (id, r.answer, r.updatedAt, r.updatedAt, id);
    }

    // ---------------------------------------------------------------- other views

    /// @inheritdoc IIndexFeed
    function minAnswer() external view returns (int256) {
        return _bounds.minAnswer;
    }

    /// @inheritdoc IIndexFeed
    function maxAnswer() external view returns (int256) {
        return _bounds.maxAnswer;
    }

    /// @inheritdoc IIndexFeed
    function latestRound() external view returns (uint256) {
        return _head.roundId;
    }

    // ---------------------------------------------------------------- internal

    function _setBounds(int256 minAnswer_, int256 maxAnswer_) private {
        if (minAnswer_ <= 0 || minAnswer_ >= maxAnswer_ || maxAnswer_ > type(int128).max) {
            revert IndexFeedInvalidBounds(minAnswer_, maxAnswer_);
        }
        _bounds = Bounds({minAnswer: int128(minAnswer_), maxAnswer: int128(maxAnswer_)});
        emit AnswerBoundsSet(minAnswer_, maxAnswer_);
    }
}
