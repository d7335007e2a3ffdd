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

    /// @notice The slice (read as packed words) equals the interpolation written out over the pillars, field by
    ///         field, for one to four pillars with a smile (one skew, vols and curvatures rising with the tenor, so
    ///         that the surface is free of calendar arbitrage), at any tenor.
    function testFuzz_sliceMatchesThePillars(uint256 seed, uint256 countSeed, uint256 tenorSeed) public {
        uint256 n = bound(countSeed, 1, 4);
        IVolSurfaceOracle.VolPillar[] memory p = new IVolSurfaceOracle.VolPillar[](n);
        int64 skew = int64(int256(bound(seed, 0, 0.2e18)) - 0.1e18);
        (uint256 t, uint256 vol, uint256 curvature) = (0, 0.2e18, 0);
        for (uint256 i; i < n; ++i) {
            seed = uint256(keccak256(abi.encode(seed)));
            t += bound(seed, 1 days, 150 days);
            vol += bound(seed >> 64, 0, 0.1e18);
            curvature += bound(seed >> 128, 0, 0.05e18);
            uint64 forwardFactor = uint64(bound(seed >> 192, 0.5e18, 2e18));
            p[i] = IVolSurfaceOracle.VolPillar(
                uint32(t),
                forwardFactor,
                uint64(vol),
                skew,
                int64(int256(curvature))
            );
        }
        oracle.pushSurface(FEED, block.timestamp, p);
        uint256 tau = bound(tenorSeed, 0, 650 days);
        IVolSurfaceOracle.VolSlice memory s = oracle.slice(FEED, tau);
        IVolSurfaceOracle.VolSlice memory e = _expectedSlice(p, tau);
        vm.assertEq(s.forwardFactor, e.forwardFactor, "forward factor");
        vm.assertEq(s.atmVol, e.atmVol, "atm vol");
        vm.assertEq(s.skew, e.skew, "skew");
        vm.assertEq(s.curvature, e.curvature, "curvature");
        vm.assertEq(s.updatedAt, block.timestamp, "updatedAt");
    }

    /// @dev The interpolation of IVolSurfaceOracle's notice, step by step.
    function _expectedSlice(
        IVolSurfaceOracle.VolPillar[] memory p,
        uint256 tau
    ) private view returns (IVolSurfaceOracle.VolSlice memory e) {
        e.updatedAt = block.timestamp;
        uint256 j;
        while (j < p.length && p[j].tenor < tau) ++j;
        IVolSurfaceOracle.VolPillar memory hi = p[j == p.length ? j - 1 : j];
        (e.forwardFactor, e.atmVol, e.skew, e.curvature) = (
            hi.forwardFactor,
            hi.atmVol,
            hi.skew,
            hi.curvature
        );
        if (j == p.length) return e;
        if (j == 0) {
            e.forwardFactor = uint256(
                1e18 + ((int256(uint256(hi.forwardFactor)) - 1e18) * int256(tau)) / int256(uint256(hi.tenor))
            );
            return e;
        }
        IVolSurfaceOracle.VolPillar memory lo = p[j - 1];
        int256 dt = int256(tau - lo.tenor);
        int256 span = int256(uint256(hi.tenor - lo.tenor));
        e.forwardFactor = uint256(
            int256(uint256(lo.forwardFactor)) +
                ((int256(uint256(hi.forwardFactor)) - int256(uint256(lo.forwardFactor))) * dt) / span
        );
        uint256 wLo = uint256(lo.atmVol) * lo.atmVol * lo.tenor;
        uint256 wHi = uint256(hi.atmVol) * hi.atmVol * hi.tenor;
        e.atmVol = _sqrt((wLo + ((wHi - wLo) * uint256(dt)) / uint256(span)) / tau);
        e.skew = lo.skew + ((int256(hi.skew) - lo.skew) * dt) / span;
        e.curvature = lo.curvature + ((int256(hi.curvature) - lo.curvature) * dt) / span;
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
