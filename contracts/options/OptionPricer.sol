// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IOptionPool} from "../interfaces/IOptionPool.sol";
import {FeedReader} from "../oracle/FeedReader.sol";
import {Black76} from "./Black76.sol";
import {SpreadPricing} from "./SpreadPricing.sol";
import {SeriesMath} from "./lib/SeriesMath.sol";

/// @title OptionPricer
/// @notice Stateless helper of an `OptionPool` holding its heavy code, so that the pool stays below the 24 KiB
///         code size limit: feed reads, Black-76 spread valuation, the conservative mark of the pool's open
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
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MAX_HEARTBEAT = 7 days;
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MIN_TERM_FACTOR = 0.5e18;
    /// @notice Hard bound of a governance parameter (see IOptionPool.Params).
    uint256 public constant MAX_TERM_FACTOR = 2e18;
    /// @notice Hard bound of |volSlope| (WAD).
    int256 public constant MAX_VOL_SLOPE = 5e18;

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

    /// @notice Reverts with `IOptionPool.ParameterOutOfBounds` for a heartbeat above MAX_HEARTBEAT or a term
    ///         factor outside [MIN_TERM_FACTOR, MAX_TERM_FACTOR].
    /// @param heartbeat Seconds (0 unregisters the feed).
    /// @param termFactor WAD.
    function checkFeedConfig(uint256 heartbeat, uint256 termFactor) external pure {
        _checkBound("heartbeat", heartbeat, 0, MAX_HEARTBEAT);
        _checkBound("termFactor", termFactor, MIN_TERM_FACTOR, MAX_TERM_FACTOR);
    }

    /// @notice Reverts with `IOptionPool.ParameterOutOfBounds` for a base volatility outside [minVol, maxVol]
    ///         and `IOptionPool.VolSlopeOutOfBounds` for |volSlope| > MAX_VOL_SLOPE.
    /// @param baseVol WAD.
    /// @param volSlope WAD.
    /// @param minVol WAD, the governance lower bound.
    /// @param maxVol WAD, the governance upper bound.
    function checkVolatility(uint256 baseVol, int256 volSlope, uint256 minVol, uint256 maxVol) external pure {
        _checkBound("baseVol", baseVol, minVol, maxVol);
        if (volSlope > MAX_VOL_SLOPE || volSlope < -MAX_VOL_SLOPE) {
            revert IOptionPool.VolSlopeOutOfBounds(volSlope, MAX_VOL_SLOPE);
        }
    }
    /// @notice The latest index level of `feed`, checked by `FeedReader.latest` (reverts with its errors).
    /// @param feed The feed.
    /// @param heartbeat Maximum accepted age, seconds.
    /// @return index 18-decimal index level.
    function latestIndex(address feed, uint256 heartbeat) external view returns (uint256 index) {
        (index, , ) = FeedReader.latest(AggregatorV3Interface(feed), heartbeat);
    }

    /// @notice Fair value, ask and bid of a spread per contract, from the latest index of `feed`.
    /// @dev forward = latest index x termFactor (overwrites `inp.forward`); then `SpreadPricing.fairValue`
    ///      and `SpreadPricing.askBid`. Reverts with FeedReader's or Black76's errors.
    /// @param feed The feed.
    /// @param heartbeat Maximum accepted age of its latest round, seconds.
    /// @param termFactor WAD multiplier from index to forward.
    /// @param inp The other market inputs.
    /// @return fair 18-decimal index points per contract, in [0, width].
    /// @return ask Fair value plus markup, capped at the width.
    /// @return bid Fair value minus markup, floored at 0.
    function unitPrices(
        address feed,
        uint256 heartbeat,
        uint256 termFactor,
        SpreadPricing.Inputs memory inp
    ) public view returns (uint256 fair, uint256 ask, uint256 bid) {
        (uint256 index, , ) = FeedReader.latest(AggregatorV3Interface(feed), heartbeat);
        inp.forward = Math.mulDiv(index, termFactor, 1e18);
        fair = SpreadPricing.fairValue(inp);
        (ask, bid) = SpreadPricing.askBid(fair, inp.strikeHigh - inp.strikeLow, inp.halfSpread, inp.fee);
    }

    /// @notice Fair value, ask and bid per contract of a listed series of `pool`, from the pool's public state
    ///         (series terms, feed configuration, parameters) and the feed's latest round.
    /// @dev Reverts with FeedReader's or Black76's errors, and with `IOptionPool.FeedNotRegistered`.
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
        return unitPrices(s.feed, f.heartbeat, f.termFactor, _inputs(s, f, pool.params()));
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

    /// @notice The conservative mark of every series in which `pool` has open exposure (its `totalAssets`).
    /// @dev Reads the pool's public views. Per active series: a net short (longs > shorts) is a liability at the
    ///      ASK per contract (rounded up), a net long an asset at the BID (rounded down), both within
    ///      [0, width x net]. An expired-unsettled series of a registered feed whose settlement round exists is
    ///      marked at its settlement payoff, rounded as `settle` books it (so settling never moves the share
    ///      price). Other expired-unsettled series, series whose feed is unregistered, and series that cannot
    ///      be priced now (stale feed, inputs outside Black-76's bounds...) are marked at the worst case for the
    ///      LPs: width for a net short, zero for a net long. The loop is bounded by MAX_ACTIVE_SERIES.
    /// @param pool The pool.
    /// @param cashScale 10^(36 - stablecoin decimals).
    /// @return credit Cash value of the pool's net longs.
    /// @return debit Cash value of the pool's net shorts.
    function poolMarks(
        IOptionPool pool,
        uint256 cashScale
    ) external view returns (uint256 credit, uint256 debit) {
        uint256[] memory ids = pool.activeSeries();
        IOptionPool.Params memory p = pool.params();
        FeedState memory feed; // the last feed read: series of one feed share one index read
        for (uint256 i; i < ids.length; ++i) {
            IOptionPool.Series memory s = pool.getSeries(ids[i]);
            if (s.longSupply == s.shortSupply) continue;
            if (s.feed != feed.feed) feed = _feedState(pool, s.feed);
            (uint256 value, bool isLiability) = _mark(s, feed, p, cashScale);
            if (isLiability) debit += value;
            else credit += value;
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

    /// @dev A feed's configuration and forward for the mark; ok = false when it cannot be priced now.
    struct FeedState {
        address feed;
        bool ok;
        uint256 forward;
        IOptionPool.FeedConfig config;
    }

    function _feedState(IOptionPool pool, address feed) private view returns (FeedState memory st) {
        st.feed = feed;
        st.config = pool.feedConfig(feed);
        if (st.config.heartbeat == 0) return st;
        try this.latestIndex(feed, st.config.heartbeat) returns (uint256 index) {
            st.forward = Math.mulDiv(index, st.config.termFactor, 1e18);
            st.ok = st.forward >= Black76.MIN_PRICE && st.forward <= Black76.MAX_PRICE;
        } catch (bytes memory reason) {
            // A revert without data is (almost surely) running out of gas: never let the caller's gas
            // limit choose the worst-case mark (it would let a depositor mint cheap shares).
            if (reason.length == 0) revert MarkWithoutReason(feed);
        }
    }

    /// @dev Every Black-76 input is inside its bounds here (forward and strikes checked, volatility clamped to
    ///      [minVol, maxVol], rate <= 20 %, time <= maxTenor <= 730 days), so the valuation cannot revert.
    function _mark(
        IOptionPool.Series memory s,
        FeedState memory feed,
        IOptionPool.Params memory p,
        uint256 cashScale
    ) private view returns (uint256 value, bool isLiability) {
        isLiability = s.longSupply > s.shortSupply;
        uint256 net = isLiability ? s.longSupply - s.shortSupply : s.shortSupply - s.longSupply;
        if (feed.ok && block.timestamp < s.expiry && s.strikeLow >= Black76.MIN_PRICE) {
            SpreadPricing.Inputs memory inp = _inputs(s, feed.config, p);
            inp.forward = feed.forward;
            uint256 width = inp.strikeHigh - inp.strikeLow;
            (uint256 ask, uint256 bid) = SpreadPricing.askBid(
                SpreadPricing.fairValue(inp),
                width,
                p.halfSpread,
                p.fee
            );
            if (isLiability) return (Math.mulDiv(net, ask, cashScale, Math.Rounding.Ceil), true);
            return (Math.mulDiv(net, bid, cashScale), false);
        }
        // Expired and its settlement round exists: the payoff `settle` will book (same rounding), so that the
        // permissionless settle cannot move the share price (else: deposit, settle, redeem at a profit).
        if (block.timestamp >= s.expiry && feed.config.heartbeat != 0) {
            try this.settlementPrice(s.feed, s.expiry, p.settlementWindow) returns (uint256 price, uint80) {
                uint256 payoff = SeriesMath.payoff(s.kind, s.strikeLow, s.strikeHigh, price);
                if (isLiability) return (Math.mulDiv(net, payoff, cashScale, Math.Rounding.Ceil), true);
                return (Math.mulDiv(net, payoff, cashScale), false);
            } catch (bytes memory reason) {
                if (reason.length == 0) revert MarkWithoutReason(s.feed); // as in _feedState: never the gas
            }
        }
        if (!isLiability) return (0, false);
        return (Math.mulDiv(net, uint256(s.strikeHigh) - s.strikeLow, cashScale, Math.Rounding.Ceil), true);
    }

    function _inputs(
        IOptionPool.Series memory s,
        IOptionPool.FeedConfig memory f,
        IOptionPool.Params memory p
    ) private view returns (SpreadPricing.Inputs memory) {
        return
            SpreadPricing.Inputs({
                isCall: s.kind == IOptionPool.Kind.CALL_SPREAD,
                forward: 0, // set from the feed by unitPrices
                strikeLow: s.strikeLow,
                strikeHigh: s.strikeHigh,
                timeSeconds: s.expiry > block.timestamp ? s.expiry - block.timestamp : 0,
                baseVol: f.baseVol,
                volSlope: f.volSlope,
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
