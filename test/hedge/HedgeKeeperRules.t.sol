// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TestBase} from "../utils/Vm.sol";
import {IHedgePolicy} from "../../contracts/interfaces/IHedgePolicy.sol";
import {HedgeRulesHarness} from "../../contracts/mocks/hedge/HedgeRulesHarness.sol";

/// @notice Fuzz tests of the keeper rules: the policy-default roll always passes the keeper checks (so the upkeep
///         can always act on a valid policy), and strikes outside the band never do.
contract HedgeKeeperRulesTest is TestBase {
    HedgeRulesHarness private _h;

    function setUp() public {
        _h = new HedgeRulesHarness();
    }

    function _policy(
        uint256 otm,
        uint256 width,
        uint256 band,
        uint256 tenorMin,
        uint256 span
    ) private pure returns (IHedgePolicy.LayerPolicy memory p) {
        p.otm = uint64(bound(otm, 0.05e18, 1.5e18));
        p.width = uint64(bound(width, 0.02e18, 2e18));
        p.strikeBand = uint64(bound(band, 0.001e18, 0.2e18));
        p.tenorMin = uint32(bound(tenorMin, 1 days, 364 days));
        p.tenorMax = uint32(
            bound(uint256(p.tenorMin) + bound(span, 1 days, 364 days), uint256(p.tenorMin) + 1 days, 365 days)
        );
        p.rollWindow = 1 hours;
        p.trigger = 1e18;
    }

    /// @notice Any valid policy, any volatility level in the feed's range, any time: the default strikes pass the
    ///         band checks and the default expiry lies on the 08:00 UTC grid inside the tenor window.
    function testDefaultTradePassesTheChecks(
        uint256 otm,
        uint256 width,
        uint256 band,
        uint256 tenorMin,
        uint256 span,
        uint256 vol,
        uint256 time
    ) public {
        IHedgePolicy.LayerPolicy memory p = _policy(otm, width, band, tenorMin, span);
        _h.checkLayerPolicy(p);
        vol = bound(vol, 1e18, 1_000e18);
        vm.warp(bound(time, 1_600_000_000, 4_000_000_000));
        (uint256 low, uint256 high) = _h.defaultStrikes(p, vol);
        _h.checkLayerStrikes(p, vol, low, high);
        uint256 expiry = _h.defaultExpiry(p, 28_800);
        vm.assertEq(expiry % 1 days, 28_800, "grid");
        _h.checkExpiry(expiry, p.tenorMin, p.tenorMax);
    }

    /// @notice A lower strike further than the band from its target is always refused.
    function testStrikeOutsideBandReverts(uint256 otm, uint256 band, uint256 vol, uint256 offset) public {
        IHedgePolicy.LayerPolicy memory p = _policy(otm, 0.15e18, band, 30 days, 5 days);
        vol = bound(vol, 1e18, 1_000e18);
        uint256 target = (vol * (1e18 + p.otm)) / 1e18;
        uint256 tol = (target * p.strikeBand) / 1e18;
        uint256 low = target + tol + bound(offset, 1, target);
        uint256 high = low + (vol * p.width) / 1e18;
        try _h.checkLayerStrikes(p, vol, low, high) {
            vm.assertTrue(false, "accepted an out-of-band strike");
        } catch {} // solhint-disable-line no-empty-blocks
    }

    /// @notice The ladder's sizing: the bought spread's intrinsic payoff in the stress scenario never exceeds the
    ///         layer's share of coverage x the condor's stress loss, and falls short of it by less than one
    ///         contract's payoff (every step rounds down); the share grows with coverage and intensity.
    function testLadderSizePaysAtMostItsShare(
        uint256 nav,
        uint256 coverage,
        uint256 weight,
        uint256 intensity,
        uint256 vol,
        uint256 rise
    ) public view {
        IHedgePolicy.CondorPolicy memory c;
        (c.putDistance, c.wingWidth, c.notional) = (0.05e18, 0.03e18, 1e18);
        IHedgePolicy.VaultPolicy memory v;
        v.coverage = uint64(bound(coverage, 0, 3e18));
        v.stressDrop = 0.1e18;
        v.stressRise = uint64(bound(rise, 0.1e18, 5e18));
        nav = bound(nav, 1e6, 1e15);
        weight = bound(weight, 0, 1e18);
        intensity = bound(intensity, 0.1e18, 3e18);
        uint256 cash = _h.ladderCash(nav, c, v, weight, intensity);
        // notional 1 x depth 3 % x coverage <= 3 x weight <= 1 x intensity <= 3: at most 27 % of the NAV.
        vm.assertLe(cash, (nav * 27) / 100, "cash within the policy's bounds");
        _checkSize(cash, bound(vol, 1e18, 1_000e18), v.stressRise);
        if (v.coverage < 3e18) {
            v.coverage = uint64(uint256(v.coverage) + 0.1e18);
            vm.assertGe(_h.ladderCash(nav, c, v, weight, intensity), cash, "monotone in coverage");
        }
    }

    /// @dev The spread 15 % above `vol`, 15 % of it wide: its stress payoff is `cash` less under one contract's.
    function _checkSize(uint256 cash, uint256 vol, uint256 stressRise) private view {
        uint256 low = (vol * 115) / 100;
        uint256 high = low + (vol * 15) / 100;
        uint256 size = _h.ladderSize(cash, vol, stressRise, low, high, 1e30);
        uint256 stressed = (vol * (1e18 + stressRise)) / 1e18;
        if (stressed <= low) {
            vm.assertEq(size, 0, "stress misses: buys nothing");
            return;
        }
        uint256 unit = stressed - low < high - low ? stressed - low : high - low;
        vm.assertLe((size * unit) / 1e30, cash, "pays at most its share");
        vm.assertGe(((size + 1) * unit) / 1e30 + 1, cash, "short by under one contract");
    }
}
