// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {IVolSurfaceOracle} from "../interfaces/IVolSurfaceOracle.sol";
import {Black76} from "../options/Black76.sol";

/// @title VolSurfaceOracle
/// @notice Per-feed volatility surfaces (term structure of the forward and of the smile), pushed by
///         `VOL_ORACLE_ROLE` holders and read by the option pricer. See IVolSurfaceOracle for the model.
/// @dev Storage per feed: one header slot (time, pillar count, the four tenors) and one slot per pillar, so a
///      slice reads at most three slots. Interpolation rounds to nearest-below; its error (a few wei of WAD) is
///      far inside the pool's spread.
contract VolSurfaceOracle is IVolSurfaceOracle, AccessControl {
    using SafeCast for uint256;

    /// @inheritdoc IVolSurfaceOracle
    bytes32 public constant VOL_ORACLE_ROLE = keccak256("VOL_ORACLE_ROLE");
    /// @inheritdoc IVolSurfaceOracle
    uint256 public constant MAX_PILLARS = 4;

    /// @notice Hard bound of a pillar's tenor (seconds).
    uint256 public constant MIN_TENOR = 1 days;
    /// @notice Hard bound of a pillar's tenor (seconds).
    uint256 public constant MAX_TENOR = 730 days;
    /// @notice Hard bound of a pillar's forward factor (WAD).
    uint256 public constant MIN_FORWARD_FACTOR = 0.2e18;
    /// @notice Hard bound of a pillar's forward factor (WAD).
    uint256 public constant MAX_FORWARD_FACTOR = 5e18;
    /// @notice Hard bound of a pillar's ATM volatility (WAD): Black-76's own volatility range.
    uint256 public constant MIN_ATM_VOL = 0.01e18;
    /// @notice Hard bound of a pillar's ATM volatility (WAD): Black-76's own volatility range.
    uint256 public constant MAX_ATM_VOL = 5e18;
    /// @notice Hard bound of |skew| (WAD).
    int256 public constant MAX_ABS_SKEW = 5e18;
    /// @notice Hard bound of the curvature (WAD, >= 0: a smile, never a frown).
    int256 public constant MAX_CURVATURE = 5e18;

    int256 private constant _WAD = 1e18;
    /// @dev Black-76's error is a few wei per price: differences within these tolerances are rounding, not
    ///      arbitrage (prices in WAD of a unit forward; slopes in WAD per unit of strike).
    uint256 private constant _PRICE_TOLERANCE = 1e3;
    uint256 private constant _SLOPE_TOLERANCE = 1e6;

    struct Header {
        uint40 updatedAt;
        uint8 count;
        uint32 tenor0;
        uint32 tenor1;
        uint32 tenor2;
        uint32 tenor3;
    }

    struct Values {
        uint64 forwardFactor;
        uint64 atmVol;
        int64 skew;
        int64 curvature;
    }

    mapping(address feed => Header) private _headers;
    mapping(address feed => Values[MAX_PILLARS]) private _values;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants and revokes VOL_ORACLE_ROLE); a timelock in production.
    constructor(address admin) {
        if (admin == address(0)) revert SurfaceOracleAdminZero();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ================================================================ writes

    /// @inheritdoc IVolSurfaceOracle
    function pushSurface(
        address feed,
        uint256 updatedAt,
        VolPillar[] calldata pillars
    ) external onlyRole(VOL_ORACLE_ROLE) {
        if (feed == address(0)) revert SurfaceFeedZero();
        uint256 previous = _headers[feed].updatedAt;
        if (updatedAt <= previous || updatedAt > block.timestamp) {
            revert SurfaceTimeInvalid(updatedAt, previous, block.timestamp);
        }
        _check(pillars);
        uint256 n = pillars.length;
        uint32[MAX_PILLARS] memory tenors;
        for (uint256 i; i < n; ++i) {
            VolPillar calldata p = pillars[i];
            tenors[i] = p.tenor;
            _values[feed][i] = Values(p.forwardFactor, p.atmVol, p.skew, p.curvature);
        }
        _headers[feed] = Header(updatedAt.toUint40(), uint8(n), tenors[0], tenors[1], tenors[2], tenors[3]);
        emit SurfacePushed(feed, updatedAt, pillars);
    }

    // ================================================================ views

    /// @inheritdoc IVolSurfaceOracle
    function checkSurface(VolPillar[] calldata pillars) external pure {
        _check(pillars);
    }

    /// @inheritdoc IVolSurfaceOracle
    function surface(address feed) external view returns (uint256 updatedAt, VolPillar[] memory pillars) {
        Header memory h = _headers[feed];
        updatedAt = h.updatedAt;
        pillars = new VolPillar[](h.count);
        for (uint256 i; i < h.count; ++i) {
            Values memory v = _values[feed][i];
            pillars[i] = VolPillar(uint32(_tenor(h, i)), v.forwardFactor, v.atmVol, v.skew, v.curvature);
        }
    }

    /// @inheritdoc IVolSurfaceOracle
    function slice(address feed, uint256 tenor) external view returns (VolSlice memory s) {
        // The header and the pillars are read as whole words and unpacked here (one SLOAD each, no memory copies
        // of the structs): the pricer reads a slice on every valuation.
        uint256 header = _word(_headers[feed]);
        uint256 n = uint8(header >> 40);
        if (n == 0) return s;
        s.updatedAt = uint40(header);
        Values[MAX_PILLARS] storage values = _values[feed];
        uint256 j; // the first pillar at or beyond `tenor`
        uint256 tHi;
        for (; j < n; ++j) {
            tHi = _tenorOf(header, j);
            if (tHi >= tenor) break;
        }
        if (j == n) return _flat(s, _word(values[n - 1])); // beyond the last pillar: flat
        uint256 hi = _word(values[j]);
        if (j == 0) {
            // Below the first pillar: the smile is the first pillar's and the forward factor runs from exactly
            // 1 at expiry (tenor 0) to the pillar's, so the forward converges to the index settlement reads.
            _flat(s, hi);
            s.forwardFactor = uint256(_lerp(_WAD, int256(uint256(uint64(hi))), tenor, tHi));
            return s;
        }
        _between(s, _word(values[j - 1]), hi, _tenorOf(header, j - 1), tHi, tenor);
    }

    // ================================================================ internals

    /// @dev Fills `s` between the pillars stored in the words `lo` (tenor `tLo`) and `hi` (tenor `tHi`).
    function _between(
        VolSlice memory s,
        uint256 lo,
        uint256 hi,
        uint256 tLo,
        uint256 tHi,
        uint256 tenor
    ) private pure {
        (uint256 dt, uint256 span) = (tenor - tLo, tHi - tLo);
        s.forwardFactor = uint256(_lerp(int256(uint256(uint64(lo))), int256(uint256(uint64(hi))), dt, span));
        // ATM total variance (WAD^2 x seconds) is linear in tenor; the calendar check keeps it non-decreasing.
        uint256 volLo = uint64(lo >> 64);
        uint256 volHi = uint64(hi >> 64);
        uint256 wLo = volLo * volLo * tLo;
        uint256 wHi = volHi * volHi * tHi;
        s.atmVol = FixedPointMathLib.sqrt((wLo + FixedPointMathLib.fullMulDiv(wHi - wLo, dt, span)) / tenor);
        s.skew = _lerp(int64(uint64(lo >> 128)), int64(uint64(hi >> 128)), dt, span);
        s.curvature = _lerp(int64(uint64(lo >> 192)), int64(uint64(hi >> 192)), dt, span);
    }

    /// @dev `s` with the forward factor and the smile of the pillar stored in the word `v` (a `Values`).
    function _flat(VolSlice memory s, uint256 v) private pure returns (VolSlice memory) {
        (s.forwardFactor, s.atmVol) = (uint64(v), uint64(v >> 64));
        (s.skew, s.curvature) = (int64(uint64(v >> 128)), int64(uint64(v >> 192)));
        return s;
    }

    /// @dev a + (b - a) x num / den, rounded toward a.
    function _lerp(int256 a, int256 b, uint256 num, uint256 den) private pure returns (int256) {
        return a + ((b - a) * int256(num)) / int256(den);
    }

    function _tenor(Header memory h, uint256 i) private pure returns (uint256) {
        if (i == 0) return h.tenor0;
        if (i == 1) return h.tenor1;
        if (i == 2) return h.tenor2;
        return h.tenor3;
    }

    /// @dev Tenor `i` of the header stored in the word `header` (after updatedAt's 40 bits and count's 8).
    function _tenorOf(uint256 header, uint256 i) private pure returns (uint256) {
        return uint32(header >> (48 + 32 * i));
    }

    /// @dev The storage word of a one-slot struct (a `Header` or a pillar's `Values`).
    function _word(Header storage h) private view returns (uint256 w) {
        assembly ("memory-safe") {
            w := sload(h.slot)
        }
    }

    function _word(Values storage v) private view returns (uint256 w) {
        assembly ("memory-safe") {
            w := sload(v.slot)
        }
    }

    /// @dev Field bounds, tenor order, and the absence of static arbitrage on the log-moneyness grid.
    function _check(VolPillar[] calldata pillars) private pure {
        uint256 n = pillars.length;
        if (n == 0 || n > MAX_PILLARS) revert SurfacePillarCount(n, MAX_PILLARS);
        uint256[7] memory previousVariance;
        for (uint256 i; i < n; ++i) {
            VolPillar calldata p = pillars[i];
            _bound("tenor", i, int256(uint256(p.tenor)), int256(MIN_TENOR), int256(MAX_TENOR));
            if (i != 0 && p.tenor <= pillars[i - 1].tenor) {
                revert SurfaceTenorsNotIncreasing(i, p.tenor, pillars[i - 1].tenor);
            }
            _bound(
                "forwardFactor",
                i,
                int256(uint256(p.forwardFactor)),
                int256(MIN_FORWARD_FACTOR),
                int256(MAX_FORWARD_FACTOR)
            );
            _bound("atmVol", i, int256(uint256(p.atmVol)), int256(MIN_ATM_VOL), int256(MAX_ATM_VOL));
            _bound("skew", i, p.skew, -MAX_ABS_SKEW, MAX_ABS_SKEW);
            _bound("curvature", i, p.curvature, 0, MAX_CURVATURE);
            _checkGrid(i, p, previousVariance);
        }
    }

    /// @dev One pillar on the grid: total variance not below the previous pillar's (calendar), call spreads
    ///      within [0, width] and their value per unit of width non-increasing in the strike (vertical and
    ///      butterfly). Forward 1, no discounting: both checks are invariant to the forward's level.
    function _checkGrid(uint256 i, VolPillar calldata p, uint256[7] memory previousVariance) private pure {
        uint256 previousCall;
        uint256 previousSlope;
        for (uint256 j; j < 7; ++j) {
            (int256 x, uint256 strike) = _gridPoint(j);
            int256 v =
                int256(uint256(p.atmVol)) + (p.skew * x) / _WAD + (p.curvature * ((x * x) / _WAD)) / _WAD;
            uint256 vol =
                v < int256(MIN_ATM_VOL)
                    ? MIN_ATM_VOL
                    : v > int256(MAX_ATM_VOL)
                        ? MAX_ATM_VOL
                        : uint256(v);
            uint256 variance = vol * vol * p.tenor;
            _checkCalendar(i, x, variance, previousVariance[j]);
            previousVariance[j] = variance;
            uint256 call = Black76.price(1e18, strike, p.tenor, vol, 0).callPrice;
            if (j != 0) {
                (int256 xPrevious, uint256 strikePrevious) = _gridPoint(j - 1);
                uint256 slope = _checkVertical(i, xPrevious, strike - strikePrevious, previousCall, call);
                if (j > 1) _checkButterfly(i, xPrevious, slope, previousSlope);
                previousSlope = slope;
            }
            previousCall = call;
        }
    }

    /// @dev Calendar: the total variance at log-moneyness `x` must not fall from the previous pillar to pillar `i`.
    function _checkCalendar(uint256 i, int256 x, uint256 variance, uint256 previousVariance) internal pure {
        if (variance < previousVariance) revert SurfaceCalendarArbitrage(i, x, variance, previousVariance);
    }

    /// @dev Vertical, on one step of the strike grid (from `xPrevious`, `width` apart): the call spread is worth
    ///      between 0 and its width, within Black-76's rounding tolerance. Returns its value per unit of width
    ///      (the slope, WAD, rounded down; 0 if the calls rose within the tolerance).
    function _checkVertical(
        uint256 i,
        int256 xPrevious,
        uint256 width,
        uint256 previousCall,
        uint256 call
    ) internal pure returns (uint256 slope) {
        if (call > previousCall + _PRICE_TOLERANCE || previousCall > call + width + _PRICE_TOLERANCE) {
            revert SurfaceStrikeArbitrage(i, xPrevious);
        }
        slope = previousCall > call ? Math.mulDiv(previousCall - call, 1e18, width) : 0;
    }

    /// @dev Butterfly: a step's slope (from `xPrevious`) must not exceed the previous step's, within the tolerance.
    function _checkButterfly(
        uint256 i,
        int256 xPrevious,
        uint256 slope,
        uint256 previousSlope
    ) internal pure {
        if (slope > previousSlope + _SLOPE_TOLERANCE) revert SurfaceStrikeArbitrage(i, xPrevious);
    }

    /// @dev The grid: log-moneyness x and the strike e^x of a unit forward (WAD).
    function _gridPoint(uint256 j) private pure returns (int256 x, uint256 strike) {
        if (j == 0) return (-1e18, 367879441171442322);
        if (j == 1) return (-0.5e18, 606530659712633424);
        if (j == 2) return (-0.25e18, 778800783071404868);
        if (j == 3) return (0, 1e18);
        if (j == 4) return (0.25e18, 1284025416687741484);
        if (j == 5) return (0.5e18, 1648721270700128147);
        return (1e18, 2718281828459045235);
    }

    function _bound(bytes32 field, uint256 pillar, int256 value, int256 min, int256 max) private pure {
        if (value < min || value > max) revert SurfaceFieldOutOfBounds(field, pillar, value, min, max);
    }
}
