// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {IOptionPool} from "../interfaces/IOptionPool.sol";
import {IVolSurfaceOracle} from "../interfaces/IVolSurfaceOracle.sol";
import {FeedReader} from "../oracle/FeedReader.sol";
import {Black76} from "./Black76.sol";
import {SpreadPricing} from "./SpreadPricing.sol";
import {SeriesMath} from "./lib/SeriesMath.sol";

/// @title OptionPricer
/// @notice Stateless helper of an `OptionPool` holding its heavy code, so that the pool stays below the 24 KiB
///         code size limit: feed and surface reads, Black-76 spread valuation, the marks of the pool's open
///         positions, the bounded settlement-round search and the hard bounds of the governance parameters.
///         Deployed once and passed to the pool's constructor; anyone may call it (it holds nothing).
contract OptionPricer {
    /// @notice Valuing a series for the mark failed without revert data (e.g. out of gas): the mark reverts
    ///         instead of falling back to the worst case, so the gas limit can never move the share price.
    error MarkWithoutReason(address feed);

    // ---------------------------------------------------------------- hard bounds of the parameters

    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MIN_TENOR_FLOOR = 1 hours;
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MAX_TENOR_CEIL = 730 days;
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MIN_SETTLEMENT_WINDOW = 1 minutes;
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MAX_SETTLEMENT_WINDOW = 1 days;
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MIN_GRACE_PERIOD = 7 days;
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MAX_GRACE_PERIOD = 90 days;
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MIN_BAND_LOW = 0.1e18;
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MAX_BAND_HIGH = 10e18;
    /// @notice Hard bound of a governance parameter: 1 bp of the width, covers the pricer's rounding.
    uint256 public constant MIN_HALF_SPREAD = 0.0001e18;
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MAX_HALF_SPREAD = 0.2e18;
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MAX_FEE = 0.1e18;
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MIN_UTILISATION = 0.01e18;
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MAX_RATE = 0.2e18;
    /// @notice Hard bound of a governance parameter: Black-76's own volatility bound.
    uint256 public constant VOL_FLOOR = 0.01e18;
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant VOL_CEIL = 5e18;
    /// @notice Hard bound of a governance parameter (see IOptionPool.FeedConfig).
    uint256 public constant MAX_HEARTBEAT = 7 days;
    /// @notice Hard bound of a governance parameter (see IOptionPool.FeedConfig).
    uint256 public constant MIN_SURFACE_MAX_AGE = 1 minutes;
    /// @notice Hard bound of a governance parameter (see IOptionPool.FeedConfig).
    uint256 public constant MAX_SURFACE_MAX_AGE = 7 days;

    /// @notice The volatility surfaces every valuation of this pricer reads (one per feed).
    IVolSurfaceOracle public immutable volOracle;

    /// @param volOracle_ The surfaces' oracle.
    constructor(IVolSurfaceOracle volOracle_) {
        volOracle = volOracle_;
    }

    /// @notice Reverts with `IOptionPool.ParameterOutOfBounds(name, value, min, max)` unless every parameter is
    ///         within its hard bound (the constants above).
    /// @param p The parameters.
    function checkParams(IOptionPool.Params calldata p) external pure {
        _checkBound("maxTenor", p.maxTenor, MIN_TENOR_FLOOR, MAX_TENOR_CEIL);
        _checkBound("minTenor", p.minTenor, MIN_TENOR_FLOOR, p.maxTenor);
        _checkBound("expiryTimeOfDay", p.expiryTimeOfDay, 0, 1 days - 1);
        _checkBound("settlementWindow", p.settlementWindow, MIN_SETTLEMENT_WINDOW, MAX_SETTLEMENT_WINDOW);
        _checkBound("gracePeriod", p.gracePeriod, MIN_GRACE_PERIOD, MAX_GRACE_PERIOD);
        _checkBound("strikeBandLow", p.strikeBandLow, MIN_BAND_LOW, 1e18);
        _checkBound("strikeBandHigh", p.strikeBandHigh, 1e18, MAX_BAND_HIGH);
        _checkBound("halfSpread", p.halfSpread, MIN_HALF_SPREAD, MAX_HALF_SPREAD);
        _checkBound("fee", p.fee, 0, MAX_FEE);
        _checkBound("maxUtilisation", p.maxUtilisation, MIN_UTILISATION, 1e18);
        _checkBound("rate", p.rate, 0, MAX_RATE);
        _checkBound("maxVol", p.maxVol, VOL_FLOOR, VOL_CEIL);
        _checkBound("minVol", p.minVol, VOL_FLOOR, p.maxVol);
    }

    /// @notice Reverts with `IOptionPool.ParameterOutOfBounds` for a heartbeat above MAX_HEARTBEAT or a surface
    ///         maximum age outside [MIN_SURFACE_MAX_AGE, MAX_SURFACE_MAX_AGE].
    /// @param heartbeat Seconds (0 unregisters the feed).
    /// @param surfaceMaxAge Seconds.
    function checkFeedConfig(uint256 heartbeat, uint256 surfaceMaxAge) external pure {
        _checkBound("heartbeat", heartbeat, 0, MAX_HEARTBEAT);
        _checkBound("surfaceMaxAge", surfaceMaxAge, MIN_SURFACE_MAX_AGE, MAX_SURFACE_MAX_AGE);
    }

    /// @notice The latest index level of `feed`, checked by `FeedReader.latest` (reverts with its errors).
    /// @param feed The feed.
    /// @param heartbeat Maximum accepted age, seconds.
    /// @return index 18-decimal index level.
    function latestIndex(address feed, uint256 heartbeat) external view returns (uint256 index) {
        (index, , ) = FeedReader.latest(AggregatorV3Interface(feed), heartbeat);
    }

    /// @notice Fair value, ask and bid of a spread per contract, from the latest index of `feed` and its
    ///         volatility surface at the series' time to expiry.
    /// @dev forward = latest index x the surface's forward factor, smile from the surface (overwrites
    ///      `inp.forward`, `inp.atmVol`, `inp.skew`, `inp.curvature`); then `SpreadPricing.fairValue` and
    ///      `SpreadPricing.askBid`. Reverts with FeedReader's or Black76's errors and with
    ///      `IOptionPool.SurfaceStale` when the surface is missing or older than `config.surfaceMaxAge`.
    /// @param feed The feed.
    /// @param config The pool's configuration of the feed (heartbeat, surface maximum age).
    /// @param inp The other inputs (kind, strikes, time, bounds, rate, spread, fee).
    /// @return fair 18-decimal index points per contract, in [0, width].
    /// @return ask Fair value plus markup, capped at the width.
    /// @return bid Fair value minus markup, floored at 0.
    function unitPrices(
        address feed,
        IOptionPool.FeedConfig memory config,
        SpreadPricing.Inputs memory inp
    ) public view returns (uint256 fair, uint256 ask, uint256 bid) {
        (uint256 index, , ) = FeedReader.latest(AggregatorV3Interface(feed), config.heartbeat);
        return unitPricesAt(feed, index, config, inp);
    }

    /// @notice `unitPrices` at an index level the caller read with `latestIndex` in the same transaction (a NAV
    ///         that marks several series of one feed reads the feed once); the same surface and arithmetic.
    /// @param feed The feed.
    /// @param index 18-decimal index level (`latestIndex(feed, config.heartbeat)` now).
    /// @param config The pool's configuration of the feed (heartbeat, surface maximum age).
    /// @param inp The other inputs (kind, strikes, time, bounds, rate, spread, fee).
    /// @return fair 18-decimal index points per contract, in [0, width].
    /// @return ask Fair value plus markup, capped at the width.
    /// @return bid Fair value minus markup, floored at 0.
    function unitPricesAt(
        address feed,
        uint256 index,
        IOptionPool.FeedConfig memory config,
        SpreadPricing.Inputs memory inp
    ) public view returns (uint256 fair, uint256 ask, uint256 bid) {
        IVolSurfaceOracle.VolSlice memory v = volOracle.slice(feed, inp.timeSeconds);
        if (!_fresh(v, config)) revert IOptionPool.SurfaceStale(feed, v.updatedAt, config.surfaceMaxAge);
        _fill(inp, index, v);
        fair = SpreadPricing.fairValue(inp);
        (ask, bid) = SpreadPricing.askBid(fair, inp.strikeHigh - inp.strikeLow, inp.halfSpread, inp.fee);
    }

    /// @notice Fair value, ask and bid per contract of a listed series of `pool`, from the pool's public state
    ///         (series terms, feed configuration, parameters), the feed's latest round and its surface.
    /// @dev Reverts like `unitPrices`, and with `IOptionPool.FeedNotRegistered`.
    /// @param pool The pool.
    /// @param seriesId The series.
    /// @return fair 18-decimal index points per contract, in [0, width].
    /// @return ask Fair value plus markup, capped at the width.
    /// @return bid Fair value minus markup, floored at 0.
    function seriesUnitPrices(
        IOptionPool pool,
        uint256 seriesId
    ) external view returns (uint256 fair, uint256 ask, uint256 bid) {
        IOptionPool.Series memory s = pool.getSeries(seriesId);
        IOptionPool.FeedConfig memory f = pool.feedConfig(s.feed);
        if (f.heartbeat == 0) revert IOptionPool.FeedNotRegistered(s.feed);
        return unitPrices(s.feed, f, _inputs(s, pool.params()));
    }

    /// @notice The id a series with these terms has in any `OptionPool` (listed or not).
    /// @param feed The feed.
    /// @param kind Call spread or put spread.
    /// @param strikeLow Lower strike (18-decimal index points).
    /// @param strikeHigh Upper strike (18-decimal index points).
    /// @param expiry Expiry (unix seconds).
    /// @return `uint256(keccak256(abi.encode(feed, kind, strikeLow, strikeHigh, expiry)))`.
    function seriesIdOf(
        address feed,
        IOptionPool.Kind kind,
        uint256 strikeLow,
        uint256 strikeHigh,
        uint256 expiry
    ) external pure returns (uint256) {
        return SeriesMath.id(feed, kind, strikeLow, strikeHigh, expiry);
    }

    /// @notice Cash values of a pool's open positions (see `poolMarks`).
    struct Marks {
        uint256 exitCredit; // net longs, worst case for the LPs
        uint256 exitDebit; // net shorts, worst case for the LPs
        uint256 entryCredit; // net longs, best case for the LPs
        uint256 entryDebit; // net shorts, best case for the LPs
    }

    /// @notice The marks of every series in which `pool` has open exposure: the LPs' exit value (`totalAssets`,
    ///         withdrawals) and their entry value (deposits).
    /// @dev Reads the pool's public views. Per active series, exit / entry:
    ///      - live and priceable: a net short (longs > shorts) is a liability at the ASK / the BID per contract,
    ///        a net long an asset at the BID / the ASK: what closing it at the pool's own quotes would bring, in
    ///        the LPs' worst / best order. So a depositor pays for the spread a trader's close would book (no
    ///        last-second LP), and nobody enters below or leaves above what the book is worth;
    ///      - expired, registered feed, settlement round available: the payoff `settle` will book (both);
    ///      - anything that cannot be priced now (stale feed or surface, unregistered feed, expired without a
    ///        settlement round, inputs outside Black-76's bounds): the worst case for the LPs on exit (width
    ///        for a net short, zero for a net long) and the best case on entry (zero / width).
    ///      Amounts owed are rounded up and amounts owned down on exit, the other way on entry. The loop is
    ///      bounded by MAX_ACTIVE_SERIES.
    /// @param pool The pool.
    /// @param cashScale 10^(36 - stablecoin decimals).
    /// @return m Cash values of the pool's net longs (credits) and net shorts (debits), exit and entry.
    function poolMarks(IOptionPool pool, uint256 cashScale) external view returns (Marks memory m) {
        uint256[] memory ids = pool.activeSeries();
        IOptionPool.Params memory p = pool.params();
        FeedState memory feed; // the last feed read: series of one feed share one index read
        for (uint256 i; i < ids.length; ++i) {
            IOptionPool.Series memory s = pool.getSeries(ids[i]);
            if (s.longSupply == s.shortSupply) continue;
            if (s.feed != feed.feed) feed = _feedState(pool, s.feed);
            (uint256 exitValue, uint256 entryValue, bool isLiability) = _mark(s, feed, p, cashScale);
            if (isLiability) {
                (m.exitDebit, m.entryDebit) = (m.exitDebit + exitValue, m.entryDebit + entryValue);
            } else {
                (m.exitCredit, m.entryCredit) = (m.exitCredit + exitValue, m.entryCredit + entryValue);
            }
        }
    }

    /// @notice The settlement price of `feed` at `timestamp` (see `FeedReader.settlement`); reverts with
    ///         FeedReader's errors (e.g. `FeedSettlementRoundTooLate`) when there is none.
    /// @param feed The feed.
    /// @param timestamp The expiry.
    /// @param maxDelay The settlement window.
    /// @return price 18-decimal index level of the first round at or after `timestamp`.
    /// @return roundId That round.
    function settlementPrice(
        address feed,
        uint256 timestamp,
        uint256 maxDelay
    ) external view returns (uint256 price, uint80 roundId) {
        (price, roundId, ) = FeedReader.settlement(AggregatorV3Interface(feed), timestamp, maxDelay);
    }

    /// @dev A feed's configuration and latest index for the mark; ok = false when it cannot be read now.
    struct FeedState {
        address feed;
        bool ok;
        uint256 index;
        IOptionPool.FeedConfig config;
    }

    function _feedState(IOptionPool pool, address feed) private view returns (FeedState memory st) {
        st.feed = feed;
        st.config = pool.feedConfig(feed);
        if (st.config.heartbeat == 0) return st;
        try this.latestIndex(feed, st.config.heartbeat) returns (uint256 index) {
            (st.ok, st.index) = (true, index);
        } catch (bytes memory reason) {
            // A revert without data is (almost surely) running out of gas: never let the caller's gas
            // limit choose the worst-case mark (it would let a depositor mint cheap shares).
            if (reason.length == 0) revert MarkWithoutReason(feed);
        }
    }

    /// @dev Exit and entry value of one series (see `poolMarks`). Every input of the live valuation is checked
    ///      to lie inside Black-76's bounds first (forward and strikes checked, volatility clamped to
    ///      [minVol, maxVol], rate <= 20 %, time <= maxTenor <= 730 days), so the valuation cannot revert.
    function _mark(
        IOptionPool.Series memory s,
        FeedState memory feed,
        IOptionPool.Params memory p,
        uint256 cashScale
    ) private view returns (uint256 exitValue, uint256 entryValue, bool isLiability) {
        isLiability = s.longSupply > s.shortSupply;
        uint256 net = isLiability ? s.longSupply - s.shortSupply : s.shortSupply - s.longSupply;
        uint256 width = uint256(s.strikeHigh) - s.strikeLow;
        if (feed.ok && block.timestamp < s.expiry && s.strikeLow >= Black76.MIN_PRICE) {
            SpreadPricing.Inputs memory inp = _inputs(s, p);
            if (_surfaceFor(s.feed, feed, inp)) {
                (uint256 ask, uint256 bid) = SpreadPricing.askBid(
                    SpreadPricing.fairValue(inp),
                    width,
                    p.halfSpread,
                    p.fee
                );
                if (isLiability) {
                    return (
                        SeriesMath.cashUp(net, ask, cashScale),
                        SeriesMath.cashDown(net, bid, cashScale),
                        true
                    );
                }
                return (
                    SeriesMath.cashDown(net, bid, cashScale),
                    SeriesMath.cashUp(net, ask, cashScale),
                    false
                );
            }
        }
        // Expired and its settlement round exists: the payoff `settle` will book (same rounding), so that the
        // permissionless settle cannot move the share price (else: deposit, settle, redeem at a profit).
        if (block.timestamp >= s.expiry && feed.config.heartbeat != 0) {
            try this.settlementPrice(s.feed, s.expiry, p.settlementWindow) returns (uint256 price, uint80) {
                uint256 payoff = SeriesMath.payoff(s.kind, s.strikeLow, s.strikeHigh, price);
                if (isLiability) {
                    uint256 owed = SeriesMath.cashUp(net, payoff, cashScale);
                    return (owed, owed, true);
                }
                uint256 owned = SeriesMath.cashDown(net, payoff, cashScale);
                return (owned, owned, false);
            } catch (bytes memory reason) {
                if (reason.length == 0) revert MarkWithoutReason(s.feed); // as in _feedState: never the gas
            }
        }
        // Cannot be priced now: the worst case for the LPs on exit, the best case on entry.
        if (isLiability) return (SeriesMath.cashUp(net, width, cashScale), 0, true);
        return (0, SeriesMath.cashDown(net, width, cashScale), false);
    }

    /// @dev Fills the forward and the smile of `inp` from the feed's surface; false when the surface is stale or
    ///      missing or the forward lies outside Black-76's bounds (the series cannot be priced now).
    function _surfaceFor(
        address feed,
        FeedState memory st,
        SpreadPricing.Inputs memory inp
    ) private view returns (bool) {
        try volOracle.slice(feed, inp.timeSeconds) returns (IVolSurfaceOracle.VolSlice memory v) {
            if (!_fresh(v, st.config)) return false;
            _fill(inp, st.index, v);
            return inp.forward >= Black76.MIN_PRICE && inp.forward <= Black76.MAX_PRICE;
        } catch (bytes memory reason) {
            if (reason.length == 0) revert MarkWithoutReason(feed); // as in _feedState: never the gas
            return false;
        }
    }

    /// @dev A surface is usable when it exists and is at most `surfaceMaxAge` old (the oracle refuses a surface
    ///      time in the future).
    function _fresh(
        IVolSurfaceOracle.VolSlice memory v,
        IOptionPool.FeedConfig memory config
    ) private view returns (bool) {
        return v.updatedAt != 0 && block.timestamp <= v.updatedAt + config.surfaceMaxAge;
    }

    function _fill(
        SpreadPricing.Inputs memory inp,
        uint256 index,
        IVolSurfaceOracle.VolSlice memory v
    ) private pure {
        inp.forward = FixedPointMathLib.fullMulDiv(index, v.forwardFactor, 1e18); // rounded down, as Math.mulDiv
        (inp.atmVol, inp.skew, inp.curvature) = (v.atmVol, v.skew, v.curvature);
    }

    function _inputs(
        IOptionPool.Series memory s,
        IOptionPool.Params memory p
    ) private view returns (SpreadPricing.Inputs memory) {
        return
            SpreadPricing.Inputs({
                isCall: s.kind == IOptionPool.Kind.CALL_SPREAD,
                forward: 0, // from the feed and the surface
                strikeLow: s.strikeLow,
                strikeHigh: s.strikeHigh,
                timeSeconds: s.expiry > block.timestamp ? s.expiry - block.timestamp : 0,
                atmVol: 0, // from the surface
                skew: 0,
                curvature: 0,
                minVol: p.minVol,
                maxVol: p.maxVol,
                rate: p.rate,
                halfSpread: p.halfSpread,
                fee: p.fee
            });
    }

    function _checkBound(bytes32 name, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert IOptionPool.ParameterOutOfBounds(name, value, min, max);
    }
}
