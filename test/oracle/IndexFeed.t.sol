// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TestBase} from "../utils/Vm.sol";
import {IIndexFeed} from "../../contracts/interfaces/IIndexFeed.sol";
import {IndexFeed} from "../../contracts/oracle/IndexFeed.sol";

/// @notice Fuzz: pushRound accepts exactly the valid (answer, observedAt) pairs and stores them.
contract IndexFeedPushFuzzTest is TestBase {
    uint256 private constant NOW = 1_000_000_000;
    int256 private constant MIN = 1e8;
    int256 private constant MAX = 1e12;

    IndexFeed private feed;

    function setUp() public {
        vm.warp(NOW);
        feed = new IndexFeed(address(this), "fuzz", MIN, MAX);
        feed.grantRole(feed.REPORTER_ROLE(), address(this));
    }

    function testPushValidation(int256 answer, uint64 observedAt, uint64 previous, bool hasPrevious) public {
        uint256 prevAt = 0;
        if (hasPrevious) {
            prevAt = bound(previous, 1, NOW);
            feed.pushRound(MIN, uint64(prevAt));
        }
        uint256 id = feed.latestRound();

        bytes memory expected;
        if (answer <= 0) {
            expected = abi.encodeWithSelector(IIndexFeed.IndexFeedAnswerNotPositive.selector, answer);
        } else if (answer < MIN || answer > MAX) {
            expected = abi.encodeWithSelector(
                IIndexFeed.IndexFeedAnswerOutOfBounds.selector,
                answer,
                MIN,
                MAX
            );
        } else if (observedAt > NOW) {
            expected = abi.encodeWithSelector(
                IIndexFeed.IndexFeedTimestampInFuture.selector,
                observedAt,
                NOW
            );
        } else if (observedAt <= prevAt) {
            expected = abi.encodeWithSelector(
                IIndexFeed.IndexFeedTimestampNotAfterPrevious.selector,
                observedAt,
                prevAt
            );
        }

        if (expected.length != 0) {
            vm.expectRevert(expected);
            feed.pushRound(answer, observedAt);
            vm.assertEq(feed.latestRound(), id, "no round added");
            return;
        }
        uint80 roundId = feed.pushRound(answer, observedAt);
        vm.assertEq(uint256(roundId), id + 1, "id");
        (uint80 r, int256 a, uint256 s, uint256 u, uint80 air) = feed.latestRoundData();
        vm.assertEq(uint256(r), id + 1, "latest id");
        vm.assertEq(a, answer, "answer");
        vm.assertEq(s, observedAt, "startedAt");
        vm.assertEq(u, observedAt, "updatedAt");
        vm.assertEq(uint256(air), id + 1, "answeredInRound");
    }

    function testValidAnswersAreStoredExactly(int256 answer, uint64 observedAt) public {
        answer = int256(bound(uint256(answer), uint256(MIN), uint256(MAX)));
        observedAt = uint64(bound(observedAt, 1, NOW));
        feed.pushRound(answer, observedAt);
        (, int256 a, , uint256 u, ) = feed.getRoundData(1);
        vm.assertEq(a, answer, "answer");
        vm.assertEq(u, observedAt, "updatedAt");
    }
}
