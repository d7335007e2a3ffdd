// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TestBase} from "../utils/Vm.sol";
import {IVolSurfaceOracle} from "../../contracts/interfaces/IVolSurfaceOracle.sol";
import {VolSurfaceOracle} from "../../contracts/oracle/VolSurfaceOracle.sol";

/// @notice Fuzz: the interpolation of any accepted surface (three pillars, no smile so that every draw is free
///         of arbitrage) converges to the index at expiry, passes through its pillars, keeps the forward factor
///         between its neighbours and the ATM total variance non-decreasing in tenor.
contract VolSurfaceOracleFuzzTest is TestBase {
    address private constant FEED = address(0xFEED);
    VolSurfaceOracle private oracle;

    function setUp() public {
        vm.warp(1_750_000_000);
        oracle = new VolSurfaceOracle(address(this));
        oracle.grantRole(oracle.VOL_ORACLE_ROLE(), address(this));
    }

    function _surface(uint256 seed) private pure returns (IVolSurfaceOracle.VolPillar[] memory p) {
        p = new IVolSurfaceOracle.VolPillar[](3);
        uint256 t0 = bound(seed, 1 days, 60 days);
        uint256 t1 = t0 + bound(seed >> 32, 1 days, 120 days);
        uint256 t2 = t1 + bound(seed >> 64, 1 days, 300 days);
        uint256 v0 = bound(seed >> 96, 0.05e18, 3e18);
        // Each later vol keeps the total variance non-decreasing: v1^2 t1 >= v0^2 t0.
        uint256 v1Min = _sqrt((v0 * v0 * t0) / t1) + 1;
        uint256 v1 = bound(seed >> 128, v1Min < 0.01e18 ? 0.01e18 : v1Min, 3e18);
        uint256 v2Min = _sqrt((v1 * v1 * t1) / t2) + 1;
        uint256 v2 = bound(seed >> 160, v2Min < 0.01e18 ? 0.01e18 : v2Min, 3e18);
        p[0] = IVolSurfaceOracle.VolPillar(
            uint32(t0),
            uint64(bound(seed >> 192, 0.3e18, 3e18)),
            uint64(v0),
            0,
            0
        );
        p[1] = IVolSurfaceOracle.VolPillar(
            uint32(t1),
            uint64(bound(seed >> 208, 0.3e18, 3e18)),
            uint64(v1),
            0,
            0
        );
        p[2] = IVolSurfaceOracle.VolPillar(
            uint32(t2),
            uint64(bound(seed >> 224, 0.3e18, 3e18)),
            uint64(v2),
            0,
            0
        );
    }

    function testFuzz_sliceInterpolates(uint256 seed, uint256 tenorSeed, uint256 laterSeed) public {
        IVolSurfaceOracle.VolPillar[] memory p = _surface(seed);
        oracle.pushSurface(FEED, block.timestamp, p);

        vm.assertEq(oracle.slice(FEED, 0).forwardFactor, 1e18, "forward factor at expiry");
        for (uint256 i; i < 3; ++i) {
            IVolSurfaceOracle.VolSlice memory s = oracle.slice(FEED, p[i].tenor);
            vm.assertEq(s.forwardFactor, p[i].forwardFactor, "forward factor at a pillar");
            vm.assertEq(s.atmVol, p[i].atmVol, "vol at a pillar");
        }

        uint256 tau = bound(tenorSeed, 1, 800 days);
        uint256 later = tau + bound(laterSeed, 1, 100 days);
        IVolSurfaceOracle.VolSlice memory a = oracle.slice(FEED, tau);
        IVolSurfaceOracle.VolSlice memory b = oracle.slice(FEED, later);
        // Total variance is non-decreasing in tenor (up to the square root's rounding: 2 x vol + 1 per second).
        vm.assertGe(
            b.atmVol * b.atmVol * later + 2 * b.atmVol * later + later,
            a.atmVol * a.atmVol * tau,
            "variance fell"
        );
        // The forward factor lies between its two neighbours (1 at expiry for the first segment).
        (uint256 lo, uint256 hi) = _neighbours(p, tau);
        vm.assertGe(a.forwardFactor, lo < hi ? lo : hi, "ff below neighbours");
        vm.assertLe(a.forwardFactor, lo < hi ? hi : lo, "ff above neighbours");
    }

    function _neighbours(
        IVolSurfaceOracle.VolPillar[] memory p,
        uint256 tau
    ) private pure returns (uint256, uint256) {
        if (tau <= p[0].tenor) return (1e18, p[0].forwardFactor);
        if (tau <= p[1].tenor) return (p[0].forwardFactor, p[1].forwardFactor);
        if (tau <= p[2].tenor) return (p[1].forwardFactor, p[2].forwardFactor);
        return (p[2].forwardFactor, p[2].forwardFactor);
    }

    function _sqrt(uint256 x) private pure returns (uint256 y) {
        if (x == 0) return 0;
        y = x;
        uint256 z = (x + 1) / 2;
        while (z < y) (y, z) = (z, (x / z + z) / 2);
    }
}
