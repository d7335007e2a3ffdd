// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {TestBase} from "../utils/Vm.sol";
import {FeedReader} from "../../contracts/oracle/FeedReader.sol";
import {IndexFeed} from "../../contracts/oracle/IndexFeed.sol";
import {FeedReaderHarness} from "../../contracts/mocks/oracle/FeedReaderHarness.sol";
import {PhasedAggregatorProxyMock} from "../../contracts/mocks/oracle/PhasedAggregatorProxyMock.sol";

/// @notice Fuzz: FeedReader.settlement equals a linear scan ("first round with updatedAt >= timestamp") on
///         random increasing histories, on an IndexFeed (plain ids) and on a phased proxy mock.
contract FeedReaderSettlementFuzzTest is TestBase {
    uint256 private constant NOW = 10_000_000;
    uint256 private constant START = 1_000_000;
    uint256 private constant MAX_ROUNDS = 48;

    FeedReaderHarness private harness;

    function setUp() public {
        harness = new FeedReaderHarness();
        vm.warp(NOW);
    }

    function testSettlementOnIndexFeedMatchesLinearScan(uint256 seed, uint256 n, uint256 target) public {
        n = bound(n, 1, MAX_ROUNDS);
        IndexFeed feed = new IndexFeed(address(this), "fuzz", 1, 1e30);
        feed.grantRole(feed.REPORTER_ROLE(), address(this));
        uint256[] memory times = new uint256[](n);
        uint80[] memory ids = new uint80[](n);
        uint256 t = START;
        for (uint256 i = 0; i < n; ++i) {
            t += 1 + (uint256(keccak256(abi.encode(seed, i))) % 5000); // strictly increasing
            times[i] = t;
            ids[i] = feed.pushRound(int256(i + 1), uint64(t));
        }
        _checkAgainstLinearScan(AggregatorV3Interface(address(feed)), times, ids, _pickTarget(times, target));
    }

    function testSettlementOnPhasedProxyMatchesLinearScan(uint256 seed, uint256 n, uint256 target) public {
        n = bound(n, 1, MAX_ROUNDS);
        PhasedAggregatorProxyMock proxy = new PhasedAggregatorProxyMock(8);
        proxy.setMissingRoundReverts(seed % 2 == 0);
        uint256[] memory times = new uint256[](n);
        uint80[] memory ids = new uint80[](n);
        uint256 t = START;
        for (uint256 i = 0; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            // Start a new phase now and then, never leaving a phase empty.
            if (i > 0 && r % 7 == 0) proxy.startNewPhase();
            t += (r >> 8) % 5000; // non-decreasing: equal timestamps allowed
            times[i] = t;
            ids[i] = proxy.pushRound(int256(i + 1), t);
        }
        _checkAgainstLinearScan(
            AggregatorV3Interface(address(proxy)),
            times,
            ids,
            _pickTarget(times, target)
        );
    }

    /// @dev Exact hits and off-by-one neighbours of round times are where lookups go wrong: aim there
    ///      two times in three, anywhere (before the first round to after the last) otherwise.
    function _pickTarget(uint256[] memory times, uint256 r) private pure returns (uint256) {
        uint256 at = times[(r >> 8) % times.length];
        uint256 mode = r % 4;
        if (mode == 0) return at;
        if (mode == 1) return at - 1;
        if (mode == 2) return at + 1;
        return bound(r >> 16, START - 10_000, times[times.length - 1] + 10_000);
    }

    function _checkAgainstLinearScan(
        AggregatorV3Interface feed,
        uint256[] memory times,
        uint80[] memory ids,
        uint256 target
    ) private view {
        uint256 n = times.length;
        uint256 idx = n;
        for (uint256 i = 0; i < n; ++i) {
            if (times[i] >= target) {
                idx = i;
                break;
            }
        }
        if (idx == n) {
            try harness.settlement(feed, target, type(uint256).max) {
                revert("expected FeedNoRoundAtOrAfter");
            } catch (bytes memory err) {
                vm.assertEq(
                    keccak256(err),
                    keccak256(abi.encodeWithSelector(FeedReader.FeedNoRoundAtOrAfter.selector, feed, target)),
                    "error"
                );
            }
            return;
        }
        (uint256 price18, uint80 roundId, uint256 updatedAt) = harness.settlement(
            feed,
            target,
            type(uint256).max
        );
        vm.assertEq(uint256(roundId), uint256(ids[idx]), "round id");
        vm.assertEq(updatedAt, times[idx], "updatedAt");
        vm.assertEq(price18, (idx + 1) * 1e10, "price");
    }
}
