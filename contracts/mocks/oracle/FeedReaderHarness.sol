// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {FeedReader} from "../../oracle/FeedReader.sol";

/// @title FeedReaderHarness
/// @notice TEST-ONLY. Exposes FeedReader's internal functions so tests can call them.
contract FeedReaderHarness {
    /// @notice FeedReader.latest.
    function latest(
        AggregatorV3Interface feed,
        uint256 heartbeat
    ) external view returns (uint256 price18, uint256 updatedAt, uint80 roundId) {
        return FeedReader.latest(feed, heartbeat);
    }

    /// @notice FeedReader.settlement.
    function settlement(
        AggregatorV3Interface feed,
        uint256 timestamp,
        uint256 maxDelay
    ) external view returns (uint256 price18, uint80 roundId, uint256 updatedAt) {
        return FeedReader.settlement(feed, timestamp, maxDelay);
    }

    /// @notice FeedReader.toPrice18.
    function toPrice18(
        AggregatorV3Interface feed,
        uint80 roundId,
        int256 answer,
        uint8 decimals
    ) external pure returns (uint256) {
        return FeedReader.toPrice18(feed, roundId, answer, decimals);
    }
}
