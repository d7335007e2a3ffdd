// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @title FeedReader
/// @notice The one way contracts of this project read a Chainlink-compatible feed: the latest price with
///         staleness, sign, completeness and clock checks, and the settlement price at a timestamp found by
///         a bounded search over (phase-aware) round ids. Prices come out with 18 decimals.
/// @dev Round ids are `(phaseId << 64) | aggregatorRoundId`, as on Chainlink proxies. A feed whose latest id is
///      below 2^64 (phase 0, e.g. `IndexFeed` with ids 1..n) is searched as a single phase. Assumptions for
///      `settlement`: inside a phase, round ids are contiguous from 1 and `updatedAt` does not decrease; every
///      phase from 1 to the latest holds at least one round and starts after the previous one (true on
///      Chainlink proxies). Results that would break these assumptions revert instead of returning a price.
library FeedReader {
    /// @notice The latest round is older than the heartbeat allows.
    error FeedStale(address feed, uint256 updatedAt, uint256 heartbeat);
    /// @notice The round's answer is zero or negative.
    error FeedAnswerNotPositive(address feed, uint80 roundId, int256 answer);
    /// @notice The round has no `updatedAt` (not answered, or a hole inside a phase).
    error FeedRoundIncomplete(address feed, uint80 roundId);
    /// @notice The round's `updatedAt` is after the current block's timestamp.
    error FeedUpdatedInFuture(address feed, uint80 roundId, uint256 updatedAt);
    /// @notice The answer has so many decimals that it rounds down to a zero price at 18 decimals.
    error FeedPriceZeroAfterScaling(address feed, uint80 roundId, int256 answer, uint8 decimals);
    /// @notice The answer does not fit in 18 decimals without overflow.
    error FeedAnswerTooLarge(address feed, uint80 roundId, int256 answer, uint8 decimals);
    /// @notice The feed reports more decimals than supported (`MAX_DECIMALS`).
    error FeedDecimalsUnsupported(address feed, uint8 decimals);
    /// @notice No round has `updatedAt >= timestamp` yet (settlement must wait).
    error FeedNoRoundAtOrAfter(address feed, uint256 timestamp);
    /// @notice The first round at or after `timestamp` came more than `maxDelay` seconds after it.
    error FeedSettlementRoundTooLate(address feed, uint256 timestamp, uint256 updatedAt, uint256 maxDelay);

    /// @notice Bits of a round id taken by the aggregator round id; the phase id sits above them.
    uint256 internal constant PHASE_OFFSET = 64;
    /// @notice Highest decimals accepted from a feed (10^(MAX_DECIMALS - 18) must fit comfortably).
    uint8 internal constant MAX_DECIMALS = 36;
    uint256 private constant _MAX_AGGREGATOR_ROUND = type(uint64).max;

    // ---------------------------------------------------------------- latest

    /// @notice The latest price of `feed`, checked: complete, not in the future, positive, and at most
    ///         `heartbeat` seconds old.
    /// @param feed The feed (an `IndexFeed` or a Chainlink proxy).
    /// @param heartbeat Maximum accepted age in seconds (the feed's heartbeat plus a margin).
    /// @return price18 The answer scaled to 18 decimals (rounded down when the feed has more than 18).
    /// @return updatedAt When the answer was observed.
    /// @return roundId The round id of the answer.
    function latest(
        AggregatorV3Interface feed,
        uint256 heartbeat
    ) internal view returns (uint256 price18, uint256 updatedAt, uint80 roundId) {
        int256 answer;
        (roundId, answer, , updatedAt, ) = feed.latestRoundData();
        _checkRound(feed, roundId, answer, updatedAt);
        if (block.timestamp - updatedAt > heartbeat) revert FeedStale(address(feed), updatedAt, heartbeat);
        price18 = toPrice18(feed, roundId, answer, feed.decimals());
    }

    // ---------------------------------------------------------------- settlement

    /// @notice The settlement price at `timestamp`: the FIRST round whose `updatedAt >= timestamp`, which must
    ///         come at most `maxDelay` seconds after `timestamp`.
    /// @dev Bounded search. External calls, worst case: 1 latestRoundData; <= 17 getRoundData to find the
    ///      phase (binary search over phase ids 1..latest, <= 65,535 of them; 1 call for a phase-0 feed);
    ///      then either <= 1 + 63 in the latest phase (binary search between round 1 and the latest round)
    ///      or, in an earlier phase whose last id is unknown, <= 64 galloping (ids 2, 4, 8, ...) + <= 63
    ///      bisecting + 2 (a hole check and the next phase's first round); 1 decimals. So at most
    ///      1 + 17 + 129 + 1 = 148 calls whatever the history; a lookup among the n rounds of the latest
    ///      phase takes about log2(n) + 3. Missing rounds (getRoundData reverting or returning
    ///      updatedAt == 0) count as "after the end of the phase"; one found inside a phase reverts.
    /// @param feed The feed.
    /// @param timestamp The settlement time (e.g. an option's expiry).
    /// @param maxDelay Maximum accepted distance between `timestamp` and the round's `updatedAt`.
    /// @return price18 The round's answer scaled to 18 decimals (rounded down above 18 decimals).
    /// @return roundId The round used.
    /// @return updatedAt The round's `updatedAt` (>= timestamp).
    function settlement(
        AggregatorV3Interface feed,
        uint256 timestamp,
        uint256 maxDelay
    ) internal view returns (uint256 price18, uint80 roundId, uint256 updatedAt) {
        int256 answer;
        (roundId, answer, updatedAt) = _findFirstRoundAtOrAfter(feed, timestamp);

        _checkRound(feed, roundId, answer, updatedAt);
        // Defensive: only a feed breaking the ordering assumptions can get here with an earlier round.
        if (updatedAt < timestamp) revert FeedNoRoundAtOrAfter(address(feed), timestamp);
        if (updatedAt - timestamp > maxDelay) {
            revert FeedSettlementRoundTooLate(address(feed), timestamp, updatedAt, maxDelay);
        }
        price18 = toPrice18(feed, roundId, answer, feed.decimals());
    }

    // ---------------------------------------------------------------- scaling

    /// @notice Scales a positive `answer` with `decimals` decimals to 18 decimals.
    /// @dev Exact for decimals <= 18; rounded DOWN (towards zero) for decimals > 18, and a result of zero
    ///      reverts. Reverts on overflow and for decimals above `MAX_DECIMALS`.
    /// @param feed The feed (only named in errors).
    /// @param roundId The round (only named in errors).
    /// @param answer The answer, > 0 (checked by the callers; a non-positive one reverts).
    /// @param decimals The feed's decimals.
    /// @return price18 The value with 18 decimals.
    function toPrice18(
        AggregatorV3Interface feed,
        uint80 roundId,
        int256 answer,
        uint8 decimals
    ) internal pure returns (uint256 price18) {
        if (answer <= 0) revert FeedAnswerNotPositive(address(feed), roundId, answer);
        if (decimals > MAX_DECIMALS) revert FeedDecimalsUnsupported(address(feed), decimals);
        uint256 value = uint256(answer);
        if (decimals < 18) {
            uint256 factor = 10 ** (18 - decimals);
            if (value > type(uint256).max / factor) {
                revert FeedAnswerTooLarge(address(feed), roundId, answer, decimals);
            }
            price18 = value * factor;
        } else {
            price18 = value / 10 ** (decimals - 18);
            if (price18 == 0) revert FeedPriceZeroAfterScaling(address(feed), roundId, answer, decimals);
        }
    }

    // ---------------------------------------------------------------- private

    struct Probe {
        bool ok;
        int256 answer;
        uint256 updatedAt;
    }

    function _checkRound(
        AggregatorV3Interface feed,
        uint80 roundId,
        int256 answer,
        uint256 updatedAt
    ) private view {
        if (updatedAt == 0) revert FeedRoundIncomplete(address(feed), roundId);
        if (updatedAt > block.timestamp) revert FeedUpdatedInFuture(address(feed), roundId, updatedAt);
        if (answer <= 0) revert FeedAnswerNotPositive(address(feed), roundId, answer);
    }

    /// @dev A round "exists" when getRoundData neither reverts nor returns updatedAt == 0.
    function _tryRound(
        AggregatorV3Interface feed,
        uint80 roundId
    ) private view returns (bool ok, int256 answer, uint256 updatedAt) {
        try feed.getRoundData(roundId) returns (uint80, int256 a, uint256, uint256 u, uint80) {
            return (u != 0, a, u);
        } catch {
            return (false, 0, 0);
        }
    }

    function _probe(
        AggregatorV3Interface feed,
        uint256 phase,
        uint256 r
    ) private view returns (Probe memory p) {
        (p.ok, p.answer, p.updatedAt) = _tryRound(feed, _roundId(phase, r));
    }

    /// @dev True when the round is missing or at/after `timestamp`: monotone over a phase's round ids.
    function _atOrAfter(Probe memory p, uint256 timestamp) private pure returns (bool) {
        return !p.ok || p.updatedAt >= timestamp;
    }

    function _roundId(uint256 phase, uint256 aggregatorRound) private pure returns (uint80) {
        // phase <= type(uint16).max and aggregatorRound <= type(uint64).max, so this fits 80 bits.
        return uint80((phase << PHASE_OFFSET) | aggregatorRound);
    }

    /// @dev The search behind `settlement` (see there for the bound); returns unchecked round data.
    function _findFirstRoundAtOrAfter(
        AggregatorV3Interface feed,
        uint256 timestamp
    ) private view returns (uint80 roundId, int256 answer, uint256 updatedAt) {
        (uint80 latestId, , , uint256 latestUpdatedAt, ) = feed.latestRoundData();
        if (latestUpdatedAt == 0) revert FeedRoundIncomplete(address(feed), latestId);
        if (latestUpdatedAt < timestamp) revert FeedNoRoundAtOrAfter(address(feed), timestamp);

        uint256 latestPhase = uint256(latestId) >> PHASE_OFFSET;
        uint256 firstPhase = latestPhase == 0 ? 0 : 1;
        (bool found, uint256 phase) = _lastPhaseStartingBefore(feed, firstPhase, latestPhase, timestamp);

        if (!found) {
            // Every phase starts at or after `timestamp`: the very first round is the answer.
            roundId = _roundId(firstPhase, 1);
            bool ok;
            (ok, answer, updatedAt) = _tryRound(feed, roundId);
            if (!ok) revert FeedRoundIncomplete(address(feed), roundId);
        } else if (phase == latestPhase) {
            (roundId, answer, updatedAt) = _searchLatestPhase(feed, phase, latestId, timestamp);
        } else {
            (roundId, answer, updatedAt) = _searchEarlierPhase(feed, phase, timestamp);
        }
    }

    /// @dev The last phase in [lo, hi] whose round 1 exists and is before `timestamp` (binary search).
    function _lastPhaseStartingBefore(
        AggregatorV3Interface feed,
        uint256 lo,
        uint256 hi,
        uint256 timestamp
    ) private view returns (bool found, uint256 phase) {
        // Find the first phase in [lo, hi + 1) that does NOT start before `timestamp`.
        uint256 a = lo;
        uint256 b = hi + 1;
        while (a < b) {
            uint256 mid = (a + b) >> 1;
            if (_atOrAfter(_probe(feed, mid, 1), timestamp)) b = mid;
            else a = mid + 1;
        }
        if (a == lo) return (false, 0);
        return (true, a - 1);
    }

    /// @dev Given round `lo` before `timestamp` and round `hi` (data in `hiProbe`) at/after it or missing,
    ///      returns the first round in (lo, hi] that is at/after `timestamp` or missing, with its probe.
    function _bisect(
        AggregatorV3Interface feed,
        uint256 phase,
        uint256 lo,
        uint256 hi,
        Probe memory hiProbe,
        uint256 timestamp
    ) private view returns (uint256, Probe memory) {
        while (hi - lo > 1) {
            uint256 mid = lo + ((hi - lo) >> 1);
            Probe memory p = _probe(feed, phase, mid);
            if (_atOrAfter(p, timestamp)) (hi, hiProbe) = (mid, p);
            else lo = mid;
        }
        return (hi, hiProbe);
    }

    /// @dev Round 1 of the latest phase is before `timestamp`, the latest round is at or after it: bisect.
    ///      The latest round is read again (one extra call) to keep the caller's stack small.
    function _searchLatestPhase(
        AggregatorV3Interface feed,
        uint256 phase,
        uint80 latestId,
        uint256 timestamp
    ) private view returns (uint80 roundId, int256 answer, uint256 updatedAt) {
        uint256 latestRound = uint64(latestId);
        Probe memory hi = _probe(feed, phase, latestRound);
        uint256 r;
        (r, hi) = _bisect(feed, phase, 1, latestRound, hi, timestamp);
        roundId = _roundId(phase, r);
        if (!hi.ok) revert FeedRoundIncomplete(address(feed), roundId);
        return (roundId, hi.answer, hi.updatedAt);
    }

    /// @dev Phase `phase` (not the latest) starts before `timestamp`; its last round id is unknown. Gallops
    ///      over ids 2, 4, 8, ... to bracket the answer, then bisects. When every round of the phase is
    ///      before `timestamp`, the answer is round 1 of the next phase.
    function _searchEarlierPhase(
        AggregatorV3Interface feed,
        uint256 phase,
        uint256 timestamp
    ) private view returns (uint80 roundId, int256 answer, uint256 updatedAt) {
        uint256 lo = 1;
        uint256 hi = 2;
        Probe memory hiProbe = _probe(feed, phase, hi);
        while (!_atOrAfter(hiProbe, timestamp)) {
            // Round 2^64 - 1 existing and being before `timestamp` is out of reach; stop there anyway.
            if (hi == _MAX_AGGREGATOR_ROUND) revert FeedRoundIncomplete(address(feed), _roundId(phase, hi));
            lo = hi;
            hi = hi > _MAX_AGGREGATOR_ROUND / 2 ? _MAX_AGGREGATOR_ROUND : hi * 2;
            hiProbe = _probe(feed, phase, hi);
        }
        (hi, hiProbe) = _bisect(feed, phase, lo, hi, hiProbe, timestamp);
        if (hiProbe.ok) return (_roundId(phase, hi), hiProbe.answer, hiProbe.updatedAt);

        // `hi` is missing. It must be the end of the phase, not a hole: a hole would hide later rounds.
        if (hi < _MAX_AGGREGATOR_ROUND && _probe(feed, phase, hi + 1).ok) {
            revert FeedRoundIncomplete(address(feed), _roundId(phase, hi));
        }
        roundId = _roundId(phase + 1, 1);
        bool ok;
        (ok, answer, updatedAt) = _tryRound(feed, roundId);
        if (!ok) revert FeedRoundIncomplete(address(feed), roundId);
    }
}
