// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";

/// @title NormalCdf
/// @notice Standard normal distribution in 18-decimal fixed point (WAD): Φ(x) and φ(x) with an absolute
///         error below one wei (1e-18) of the exact value.
/// @dev Method. For a ≥ 0 the lower tail is written Φ(−a) = e^(−a²/2) · R(a), where R(a) = Φ(−a)·e^(a²/2)
///      is smooth and bounded (R(0) = ½, R(a) ≈ 1/(a·√(2π)) for large a). R is approximated on four ranges
///      ([0, 1.5), [1.5, 3), [3, 5), [5, 9)) by polynomials obtained by Chebyshev interpolation of R, computed
///      at 60 significant digits, then rewritten in powers of the range's normalised variable t ∈ [−1, 1]
///      and evaluated with Horner's rule in Q96 binary fixed point. Interpolation error × e^(−a²/2) is below
///      5e-20 on every range; Q96 rounding adds about 1e-28. Beyond a = 9, Φ(−a) < 1.2e-19 and is returned
///      as 0. The Gaussian factor comes from one `expWad` shifted by e^41 ("scaled Gaussian" below) so that
///      it keeps about 18 significant digits even far in the tail; Black-76 reuses it for d1 and d2 (their
///      Gaussians differ by the factor F/K) and for vega. Final rounding is to nearest.
library NormalCdf {
    /// @dev 1.0 in WAD.
    uint256 internal constant WAD = 1e18;
    /// @dev Beyond |x| = 9 the tail Φ(−|x|) < 1.2e-19 rounds to 0 in WAD.
    uint256 internal constant TAIL_CUTOFF = 9e18;
    /// @dev The exponent shift (41 in WAD) of the scaled Gaussian g(a) = e^(41 − a²/2) · 1e18.
    int256 internal constant GAUSS_SHIFT = 41e18;
    /// @dev round(e^41 · 2^96): divides g(a) · R(a)[Q96] back to WAD.
    uint256 internal constant TAIL_DENOMINATOR = 50693624289093835749687682987380347048510765622;
    /// @dev round(e^41 · √(2π) · 1e18): φ(a) in WAD = g(a) · 1e18 / PDF_DENOMINATOR.
    uint256 internal constant PDF_DENOMINATOR = 1603849792221113370380085546206303418;

    /// @notice Φ(x), the standard normal cumulative distribution function.
    /// @param x The argument in WAD (any int256).
    /// @return p Φ(x) in WAD, in [0, 1e18]; Φ(x) + Φ(−x) = 1e18 exactly.
    function cdf(int256 x) internal pure returns (uint256 p) {
        uint256 a = x < 0 ? uint256(-x) : uint256(x);
        uint256 q = tail(a, scaledGauss(a));
        unchecked {
            p = x < 0 ? q : WAD - q;
        }
    }

    /// @notice The scaled Gaussian g(a) = e^(41 − a²/2) in WAD, or 0 when a ≥ 9 (where it is not needed).
    /// @param a The argument in WAD, a ≥ 0.
    /// @return g e^(41 − a²/2) · 1e18 (at most e^41 · 1e18 ≈ 6.4e35).
    function scaledGauss(uint256 a) internal pure returns (uint256 g) {
        if (a >= TAIL_CUTOFF) return 0;
        unchecked {
            // a < 9e18, so a² < 8.1e37 and the exponent is in (0.5, 41] WAD; a²/2 is rounded to nearest.
            g = uint256(FixedPointMathLib.expWad(GAUSS_SHIFT - int256((a * a + WAD) / (2 * WAD))));
        }
    }

    /// @notice φ(a), the standard normal density, from the scaled Gaussian of `a`.
    /// @param g The scaled Gaussian e^(41 − a²/2) · 1e18 (see `scaledGauss`).
    /// @return d φ(a) in WAD, rounded down.
    function pdfFromScaled(uint256 g) internal pure returns (uint256 d) {
        unchecked {
            d = (g * WAD) / PDF_DENOMINATOR;
        }
    }

    /// @notice The lower tail Φ(−a) for a ≥ 0, given the scaled Gaussian of `a`.
    /// @param a The argument in WAD, a ≥ 0.
    /// @param g e^(41 − a²/2) · 1e18 (see `scaledGauss`; a caller may derive it from another point's).
    /// @return q Φ(−a) in WAD, rounded to nearest; 0 when a ≥ 9.
    function tail(uint256 a, uint256 g) internal pure returns (uint256 q) {
        int256 r;
        if (a < 3e18) {
            r = a < 1.5e18 ? _range0(a) : _range1(a);
        } else if (a < 5e18) {
            r = _range2(a);
        } else if (a < TAIL_CUTOFF) {
            r = _range3(a);
        } else {
            return 0;
        }
        unchecked {
            // g ≤ 6.4e35 and 0 < r < 2^95, so the product is below 2.6e64.
            q = (g * uint256(r) + TAIL_DENOMINATOR / 2) / TAIL_DENOMINATOR;
        }
    }

    // The four ranges below are Horner's rule in Q96 (t in [−1, 1], so |r·t| < 2^200): assembly because the
    // same Solidity in `unchecked` compiled to extra stack shuffles (~6 % more gas for a full Black-76 price).
    // x < 9e18 here, so shl(96, x − centre) is exact in two's complement.

    /// @dev Φ(−x)·e^(x²/2) on [0, 1.5): degree 19 in t = (x − 0.75) / 0.75, Q96.
    function _range0(uint256 x) private pure returns (int256 r) {
        assembly ("memory-safe") {
            let t := sdiv(shl(96, sub(x, 750000000000000000)), 750000000000000000)
            r := sub(0, 9535571512293888)
            r := add(sar(96, mul(r, t)), 61501594625187995)
            r := sub(sar(96, mul(r, t)), 339788524974237846)
            r := add(sar(96, mul(r, t)), 2074133893269052098)
            r := sub(sar(96, mul(r, t)), 12428152629778291179)
            r := add(sar(96, mul(r, t)), 71866884524156683056)
            r := sub(sar(96, mul(r, t)), 403194132159419268587)
            r := add(sar(96, mul(r, t)), 2191427260776067299482)
            r := sub(sar(96, mul(r, t)), 11509748872803744554478)
            r := add(sar(96, mul(r, t)), 58260473383553463592691)
            r := sub(sar(96, mul(r, t)), 283339984737393569067467)
            r := add(sar(96, mul(r, t)), 1319081632575148455782875)
            r := sub(sar(96, mul(r, t)), 5852521393500973682734172)
            r := add(sar(96, mul(r, t)), 24612793522898170502680983)
            r := sub(sar(96, mul(r, t)), 97444170863578852657726953)
            r := add(sar(96, mul(r, t)), 359980635105329885547937670)
            r := sub(sar(96, mul(r, t)), 1226151042781628614851822254)
            r := add(sar(96, mul(r, t)), 3786013336864104270167153369)
            r := sub(sar(96, mul(r, t)), 10325485565032789227752347903)
            r := add(sar(96, mul(r, t)), 23786866318327380225338223865)
        }
    }

    /// @dev Φ(−x)·e^(x²/2) on [1.5, 3): degree 17 in t = (x − 2.25) / 0.75, Q96.
    function _range1(uint256 x) private pure returns (int256 r) {
        assembly ("memory-safe") {
            let t := sdiv(shl(96, sub(x, 2250000000000000000)), 750000000000000000)
            r := sub(0, 1896700923092921)
            r := add(sar(96, mul(r, t)), 13884855459333387)
            r := sub(sar(96, mul(r, t)), 90981986382641914)
            r := add(sar(96, mul(r, t)), 635131412273653941)
            r := sub(sar(96, mul(r, t)), 4345559293901064565)
            r := add(sar(96, mul(r, t)), 28898109988927694614)
            r := sub(sar(96, mul(r, t)), 187111922192527763044)
            r := add(sar(96, mul(r, t)), 1177782257104611807224)
            r := sub(sar(96, mul(r, t)), 7192431485129215849420)
            r := add(sar(96, mul(r, t)), 42515668520517587945132)
            r := sub(sar(96, mul(r, t)), 242625907065739171106804)
            r := add(sar(96, mul(r, t)), 1332545000506707469526457)
            r := sub(sar(96, mul(r, t)), 7016979623181253490918487)
            r := add(sar(96, mul(r, t)), 35264752209201994652870326)
            r := sub(sar(96, mul(r, t)), 168167408833626677594051684)
            r := add(sar(96, mul(r, t)), 755273797766256776248280036)
            r := sub(sar(96, mul(r, t)), 3162714240411447103961059169)
            r := add(sar(96, mul(r, t)), 12173560668847699855423826942)
        }
    }

    /// @dev Φ(−x)·e^(x²/2) on [3, 5): degree 16 in t = (x − 4.0) / 1.0, Q96.
    function _range2(uint256 x) private pure returns (int256 r) {
        assembly ("memory-safe") {
            let t := sdiv(shl(96, sub(x, 4000000000000000000)), 1000000000000000000)
            r := 10131819152371263
            r := sub(sar(96, mul(r, t)), 66593463516649774)
            r := add(sar(96, mul(r, t)), 387353275142296502)
            r := sub(sar(96, mul(r, t)), 2450637260781495473)
            r := add(sar(96, mul(r, t)), 15294095919251572489)
            r := sub(sar(96, mul(r, t)), 93182690767665115009)
            r := add(sar(96, mul(r, t)), 556199345049779363580)
            r := sub(sar(96, mul(r, t)), 3249690785558768106136)
            r := add(sar(96, mul(r, t)), 18560786970057343605384)
            r := sub(sar(96, mul(r, t)), 103490415170404708513540)
            r := add(sar(96, mul(r, t)), 562447947824468882256863)
            r := sub(sar(96, mul(r, t)), 2974224685788017453220837)
            r := add(sar(96, mul(r, t)), 15271586431391172747615522)
            r := sub(sar(96, mul(r, t)), 75957469155832540366065337)
            r := add(sar(96, mul(r, t)), 364916222348808152759942548)
            r := sub(sar(96, mul(r, t)), 1687537296862673437276479119)
            r := add(sar(96, mul(r, t)), 7479981632148311744470299114)
        }
    }

    /// @dev Φ(−x)·e^(x²/2) on [5, 9): degree 14 in t = (x − 7.0) / 2.0, Q96.
    function _range3(uint256 x) private pure returns (int256 r) {
        assembly ("memory-safe") {
            let t := sdiv(shl(96, sub(x, 7000000000000000000)), 2000000000000000000)
            r := 19712265676500096138
            r := sub(sar(96, mul(r, t)), 86158218480418615464)
            r := add(sar(96, mul(r, t)), 298571614350224347574)
            r := sub(sar(96, mul(r, t)), 1269336815603883655350)
            r := add(sar(96, mul(r, t)), 5443443503150313059690)
            r := sub(sar(96, mul(r, t)), 22613235508426202261826)
            r := add(sar(96, mul(r, t)), 92676905852172471752552)
            r := sub(sar(96, mul(r, t)), 375205002334006596365419)
            r := add(sar(96, mul(r, t)), 1498602335344973454720025)
            r := sub(sar(96, mul(r, t)), 5901730866023287155555378)
            r := add(sar(96, mul(r, t)), 22903955209978280781679350)
            r := sub(sar(96, mul(r, t)), 87541004734980614131261794)
            r := add(sar(96, mul(r, t)), 329297472350575014352413847)
            r := sub(sar(96, mul(r, t)), 1218196906893369923915314745)
            r := add(sar(96, mul(r, t)), 4428337910287325509875829843)
        }
    }
}
