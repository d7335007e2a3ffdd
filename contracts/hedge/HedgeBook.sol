// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {IOptionPool} from "../interfaces/IOptionPool.sol";
import {FeedReader} from "../oracle/FeedReader.sol";
import {SeriesMath} from "../options/lib/SeriesMath.sol";
import {OptionPricer} from "../options/OptionPricer.sol";
import {OptionPoolConfig} from "../options/OptionPoolConfig.sol";
import {SpreadPricing} from "../options/SpreadPricing.sol";
import {HedgeKeeperRules} from "./HedgeKeeperRules.sol";
import {IHedgeTypes} from "../interfaces/IHedgeTypes.sol";
import {IFlashLoanVault} from "../interfaces/IFlashLoanVault.sol";
import {IVolSurfaceOracle} from "../interfaces/IVolSurfaceOracle.sol";
import {HedgeStorage} from "./HedgeStorage.sol";
import {HedgeBudget} from "./HedgeBudget.sol";

/// @title HedgeBook
/// @notice The vault's positions in the option pool and the reserve, their marks (the NAV) and the trades
///         that move them. Every trade's cash is measured by the change of the vault's balance and charged to
///         the vault's idle cash; a trade that would spend more than the idle cash reverts (escrowed cash is
///         never at risk). Every trade and settlement is booked to the budget window (HedgeBudget).
/// @dev Marks, all rounded down for what the vault owns and up for what it owes:
///      - live layer (until expiry, the pool's trading cutoff included, as the pool's own mark): the pool's bid
///        for its size; live condor leg: collateral - the pool's ask (>= 0);
///      - settled series: layer = payoff x size; leg = collateral - payoff x size (what redemption returns);
///      - expired, not settled, settlement round available: as settled, at the payoff `settle` will fix;
///      - expired with no settlement round yet: layer 0, leg 0 (the worst case: the whole collateral lost) in
///        `totalAssets`; an epoch is not struck at all meanwhile (`SettlementRoundMissing`);
///      - live on a feed the pool no longer prices (unregistered: heartbeat 0): worst case (layer 0, leg 0) in the
///        NAV and for redemptions, best case (layer at its full width, leg owing nothing) for deposits, so that
///        nobody enters or leaves at the others' expense while the mark is unknown. Never a revert;
///      - live, its feed or surface stale: `totalAssets` and the conversions (no price struck) take the same worst and
///        best cases; an epoch is not struck meanwhile (the pricer's error, e.g. `FeedStale`).
///      `settleExpired` turns expired positions into cash.
abstract contract HedgeBook is IHedgeTypes {
    using SafeERC20 for IERC20;

    uint256 internal constant _WAD = 1e18;
    /// @dev The tenor at which the volatility term structure is read for re-entry (contango: forward >= index).
    uint256 internal constant _TERM_TENOR = 30 days;

    IERC20 internal immutable _asset;
    IOptionPool public immutable pool;
    IERC4626 public immutable flashVault;
    /// @notice The volatility index (VIX-like) feed of the layers.
    AggregatorV3Interface public immutable volFeed;
    /// @notice The equity index (SPX-like) feed of the condor.
    AggregatorV3Interface public immutable indexFeed;
    /// @notice Maximum accepted age of a feed's latest round.
    uint256 public immutable feedHeartbeat;
    uint256 internal immutable _cashScale;
    uint256 internal immutable _cutoff;
    uint256 internal immutable _layerCount;
    OptionPricer private immutable _pricer;

    /// @notice What the vault and its two modules are wired to; all three must be built from the same wiring
    ///         (the vault checks `wiringHash` of its modules).
    /// @param asset The vault's stablecoin.
    /// @param pool The option pool.
    /// @param flashVault The flash vault of the reserve.
    /// @param volFeed The volatility index (VIX-like) feed.
    /// @param indexFeed The equity index (SPX-like) feed.
    /// @param feedHeartbeat Maximum accepted feed age, seconds.
    /// @param layerCount Number of hedge layers.
    /// @param tradingCutoff The pool's trading cutoff before expiry, seconds.
    /// @param assetDecimals The stablecoin's decimals.
    struct Wiring {
        IERC20 asset;
        IOptionPool pool;
        IERC4626 flashVault;
        AggregatorV3Interface volFeed;
        AggregatorV3Interface indexFeed;
        uint256 feedHeartbeat;
        uint256 layerCount;
        uint256 tradingCutoff;
        uint8 assetDecimals;
    }

    constructor(Wiring memory w) {
        _asset = w.asset;
        pool = w.pool;
        flashVault = w.flashVault;
        volFeed = w.volFeed;
        indexFeed = w.indexFeed;
        feedHeartbeat = w.feedHeartbeat;
        _layerCount = w.layerCount;
        _cutoff = w.tradingCutoff;
        _cashScale = 10 ** (36 - uint256(w.assetDecimals));
        _pricer = OptionPoolConfig(address(w.pool)).pricer();
    }

    /// @dev The vault's namespaced state.
    function $() internal pure returns (HedgeStorage.Layout storage) {
        return HedgeStorage.layout();
    }

    // ================================================================ NAV

    /// @dev What every live mark of one NAV shares: the pool's parameters and the two feeds' configurations,
    ///      read once per NAV instead of once per position (the pool's `quote` re-reads them every time).
    ///      `strict`: an expired position without a settlement round reverts instead of counting at its worst case.
    struct MarkInputs {
        IOptionPool.Params params;
        IOptionPool.FeedConfig vol;
        IOptionPool.FeedConfig index;
        bool loaded;
        bool strict;
        uint256 volLevel; // strict marks: each feed read once (0: not yet)
        uint256 indexLevel;
    }

    /// @dev The NAV an epoch strikes: redemptions at `low`, deposits at `high` (equal unless a live position's feed
    ///      is unregistered in the pool). Reverts while the reserve's flash vault has a loan open
    ///      (`ReserveLoanInProgress`: its liquidity is lent out), while an expired position lacks its settlement
    ///      round (`SettlementRoundMissing`) and while a feed is stale (the feed reader's errors).
    function _epochNav() internal view virtual returns (uint256 low, uint256 high) {
        if (IFlashLoanVault(address(flashVault)).flashLoanInProgress()) revert ReserveLoanInProgress();
        return _navBounds(true);
    }

    function _navBounds(bool strict) internal view returns (uint256 low, uint256 high) {
        MarkInputs memory m;
        m.strict = strict;
        low = $().idle + _reserveAssets();
        high = low;
        uint256 worst;
        uint256 best;
        for (uint256 i; i < _layerCount; ++i) {
            (worst, best) = _layerMark($().layers[i], m);
            (low, high) = (low + worst, high + best);
        }
        (worst, best) = _legMark($().putLeg, false, m);
        (low, high) = (low + worst, high + best);
        (worst, best) = _legMark($().callLeg, true, m);
        (low, high) = (low + worst, high + best);
    }

    function _reserveAssets() internal view returns (uint256) {
        uint256 shares = $().reserveShares;
        return shares == 0 ? 0 : flashVault.convertToAssets(shares);
    }

    function _layerMark(Layer storage ly, MarkInputs memory m) private view returns (uint256, uint256) {
        uint256 size = ly.size;
        if (size == 0) return (0, 0);
        (bool known, uint256 unit) = block.timestamp < ly.expiry
            ? _bidUnit(ly, m) // = the pool's quote bid (its model in the cutoff)
            : _finalPayoff(ly.seriesId, m);
        if (!known) return (0, SeriesMath.cashDown(size, uint256(ly.strikeHigh) - ly.strikeLow, _cashScale));
        uint256 value = SeriesMath.cashDown(size, unit, _cashScale);
        return (value, value);
    }

    function _bidUnit(Layer storage ly, MarkInputs memory m) private view returns (bool known, uint256 bid) {
        (known, , bid) = _unitPrices(volFeed, true, ly.strikeLow, ly.strikeHigh, ly.expiry, m);
    }

    function _legMark(
        Leg storage g,
        bool isCall,
        MarkInputs memory m
    ) private view returns (uint256, uint256) {
        uint256 size = g.size;
        if (size == 0) return (0, 0);
        // = g.collateral (posted so by _openLeg, never changed while open): two cold slots read, not three.
        uint256 collateral = SeriesMath.cashUp(size, uint256(g.strikeHigh) - g.strikeLow, _cashScale);
        bool known;
        uint256 unit; // the pool's ask while live (= its quote), the payoff owed once expired
        if (block.timestamp < g.expiry) {
            (known, unit, ) = _unitPrices(indexFeed, isCall, g.strikeLow, g.strikeHigh, g.expiry, m);
        } else {
            (known, unit) = _finalPayoff(g.seriesId, m);
        }
        if (!known) return (0, collateral);
        uint256 owed = SeriesMath.cashUp(size, unit, _cashScale);
        uint256 value = collateral > owed ? collateral - owed : 0;
        return (value, value);
    }

    /// @dev Payoff per contract of expired `id`: the settled one, or the payoff `settle` will fix when the
    ///      settlement round exists (so that the permissionless `processEpoch` cannot strike deposits at a
    ///      worst-case NAV just before `settleExpired` lifts it); unknown while no settlement round exists (then
    ///      `SettlementRoundMissing` in a strict NAV).
    function _finalPayoff(uint256 id, MarkInputs memory m) private view returns (bool known, uint256 payoff) {
        IOptionPool.Series memory s = pool.getSeries(id);
        if (s.settled) return (true, s.payoffPerUnit);
        _loadMarkInputs(m);
        try _pricer.settlementPrice(s.feed, s.expiry, m.params.settlementWindow) returns (
            uint256 price,
            uint80
        ) {
            return (true, SeriesMath.payoff(s.kind, s.strikeLow, s.strikeHigh, price));
        } catch (bytes memory reason) {
            // Without data (out of gas): revert, never let the caller's gas limit pick the worst case.
            if (reason.length == 0) revert OptionPricer.MarkWithoutReason(s.feed);
            if (m.strict) revert SettlementRoundMissing(id, s.expiry);
            return (false, 0);
        }
    }

    function _loadMarkInputs(MarkInputs memory m) private view {
        if (!m.loaded) {
            (m.params, m.vol, m.index, m.loaded) = (
                pool.params(),
                pool.feedConfig(address(volFeed)),
                pool.feedConfig(address(indexFeed)),
                true
            );
        }
    }

    /// @dev Ask and bid per contract exactly as the pool quotes them: the pool's own pricer
    ///      (`OptionPricer.unitPrices`) with the inputs the pool builds from its public state; `known` false when
    ///      the feed is not registered in the pool (heartbeat 0) and, unless `m.strict`, when the pricer cannot price
    ///      it now (stale feed or surface: the pricer's revert is the reason an epoch gives).
    function _unitPrices(
        AggregatorV3Interface feed,
        bool isCall,
        uint256 low,
        uint256 high,
        uint256 expiry,
        MarkInputs memory m
    ) internal view returns (bool known, uint256 ask, uint256 bid) {
        _loadMarkInputs(m);
        IOptionPool.FeedConfig memory f = feed == volFeed ? m.vol : m.index;
        if (f.heartbeat == 0) return (false, 0, 0); // unregistered in the pool: it no longer prices the feed
        SpreadPricing.Inputs memory inp = SpreadPricing.Inputs({
            isCall: isCall,
            forward: 0,
            strikeLow: low,
            strikeHigh: high,
            timeSeconds: expiry - block.timestamp,
            atmVol: 0, // from the surface, by unitPrices
            skew: 0,
            curvature: 0,
            minVol: m.params.minVol,
            maxVol: m.params.maxVol,
            rate: m.params.rate,
            halfSpread: m.params.halfSpread,
            fee: m.params.fee
        });
        if (m.strict) {
            (, ask, bid) = _pricer.unitPricesAt(address(feed), _level(feed, f, m), f, inp);
            return (true, ask, bid);
        }
        // Not striking a price: a mark that cannot be computed now (stale feed or surface) is unknown, not a revert.
        try _pricer.unitPrices(address(feed), f, inp) returns (uint256, uint256 a, uint256 b) {
            return (true, a, b);
        } catch (bytes memory reason) {
            // Without data (out of gas): revert, never let the caller's gas limit pick the worst case.
            if (reason.length == 0) revert OptionPricer.MarkWithoutReason(address(feed));
        }
    }

    /// @dev The level of `feed` for strict marks, read (with the pool's heartbeat, as the pool's pricer reads it) once
    ///      per NAV; its errors revert the NAV, as the pricer's would.
    function _level(
        AggregatorV3Interface feed,
        IOptionPool.FeedConfig memory f,
        MarkInputs memory m
    ) private view returns (uint256) {
        bool vol = feed == volFeed;
        uint256 level = vol ? m.volLevel : m.indexLevel;
        if (level != 0) return level;
        level = _pricer.latestIndex(address(feed), f.heartbeat);
        if (vol) m.volLevel = level;
        else m.indexLevel = level;
        return level;
    }

    // ================================================================ feeds

    /// @dev The volatility surface's 30-day forward factor (WAD; >= 1: the index's futures above it, contango).
    ///      The surface's age is not checked here: trading on it needs a fresh one (the pool's `SurfaceStale`).
    function _volTermFactor() internal view returns (uint256) {
        IVolSurfaceOracle oracle = _pricer.volOracle();
        return oracle.slice(address(volFeed), _TERM_TENOR).forwardFactor;
    }

    function _volIndex() internal view returns (uint256 price) {
        (price, , ) = FeedReader.latest(volFeed, feedHeartbeat);
    }

    function _equityIndex() internal view returns (uint256 price) {
        (price, , ) = FeedReader.latest(indexFeed, feedHeartbeat);
    }

    // ================================================================ trades

    /// @dev Lists the series unless it exists (anyone may list; the pool checks grid, tenor and band). Trying
    ///      the listing is cheaper than reading the pool's whole Series struct first (a roll usually lists).
    function _list(
        AggregatorV3Interface feed,
        IOptionPool.Kind kind,
        uint256 low,
        uint256 high,
        uint256 expiry
    ) internal returns (uint256 id) {
        try pool.listSeries(address(feed), kind, low, high, expiry) returns (uint256 listed) {
            id = listed;
        } catch (bytes memory reason) {
            bytes4 selector;
            assembly ("memory-safe") {
                selector := mload(add(reason, 32))
            }
            if (reason.length < 4 || selector != IOptionPool.SeriesAlreadyListed.selector) {
                assembly ("memory-safe") {
                    revert(add(reason, 32), mload(reason))
                }
            }
            id = SeriesMath.id(address(feed), kind, low, high, expiry);
        }
    }

    /// @dev Charges the balance change since `before` to idle; reverts if more than idle was spent.
    function _settleCash(uint256 before) internal {
        uint256 balance = _asset.balanceOf(address(this));
        if (balance >= before) {
            $().idle += SafeCast.toUint128(balance - before);
        } else {
            uint256 spent = before - balance;
            if (spent > $().idle) revert InsufficientIdle(spent, $().idle);
            $().idle -= uint128(spent); // spent <= idle
        }
    }

    /// @dev Closes (before the cutoff) or redeems (after settlement) a layer; returns the cash received, booked
    ///      to the budget window as the layers' return and to idle.
    function _closeLayer(Layer storage ly) internal returns (uint256 proceeds) {
        uint256 before = _asset.balanceOf(address(this));
        proceeds = _closeLayerTrade(ly);
        _settleCash(before);
    }

    /// @dev `_closeLayer` without charging idle: the caller measures the cash (a roll once, around both trades).
    function _closeLayerTrade(Layer storage ly) internal returns (uint256 proceeds) {
        uint256 size = ly.size;
        if (size == 0) return 0;
        uint256 id = ly.seriesId;
        if (block.timestamp + _cutoff < ly.expiry) {
            // No floor needed: the pool prices from the feed inside this transaction; nothing can move it.
            proceeds = pool.closeLong(id, size, 0, block.timestamp);
        } else if (block.timestamp >= ly.expiry) {
            if (!pool.getSeries(id).settled) pool.settle(id);
            proceeds = pool.redeemLong(id, size);
            emit PositionSettled(id, proceeds);
        } else {
            revert PositionInCutoff(id, ly.expiry);
        }
        ly.size = 0;
        HedgeBudget.bookLayer($(), 0, proceeds);
    }

    /// @dev Buys back (before the cutoff, paying an ask of at most `maxCost`, else the pool reverts with
    ///      PremiumAboveMax) or reclaims (after settlement) a condor leg; returns the ask paid (0 when reclaimed).
    ///      Books the buy-back, or the settlement payoff owed (collateral - what came back), to the budget window.
    function _closeLeg(Leg storage g, bool isCall, uint256 maxCost) internal returns (uint256 cost) {
        uint256 size = g.size;
        uint256 id = g.seriesId;
        uint256 collateral = g.collateral;
        uint256 before = _asset.balanceOf(address(this));
        uint256 owed;
        if (block.timestamp + _cutoff < g.expiry) {
            cost = pool.closeShort(id, size, maxCost, block.timestamp);
            owed = cost;
        } else if (block.timestamp >= g.expiry) {
            if (!pool.getSeries(id).settled) pool.settle(id);
            owed = collateral - pool.reclaimCollateral(id); // the pool's collateral equals ours: cashUp(size, width)
        } else {
            revert PositionInCutoff(id, g.expiry);
        }
        HedgeBudget.bookCondor($(), 0, owed, g.premium);
        (g.size, g.collateral, g.premium) = (0, 0, 0);
        uint256 balance = _asset.balanceOf(address(this));
        _settleCash(before);
        emit CondorLegClosed(isCall, id, size, balance > before ? balance - before : 0);
    }

    /// @dev Sells a spread of `size` for at least `minPremium`, posting width x size collateral from idle.
    function _openLeg(
        Leg storage g,
        bool isCall,
        uint256[2] calldata k,
        uint256 expiry,
        uint256 size,
        uint256 minPremium
    ) internal returns (uint256 premium) {
        IOptionPool.Kind kind = isCall ? IOptionPool.Kind.CALL_SPREAD : IOptionPool.Kind.PUT_SPREAD;
        uint256 id = _list(indexFeed, kind, k[0], k[1], expiry);
        uint256 before = _asset.balanceOf(address(this));
        premium = pool.sell(id, size, minPremium, block.timestamp);
        _settleCash(before);
        uint256 collateral = SeriesMath.cashUp(size, k[1] - k[0], _cashScale);
        g.seriesId = id;
        g.size = uint128(size);
        g.expiry = uint64(expiry);
        g.strikeLow = uint128(k[0]);
        g.strikeHigh = uint128(k[1]);
        g.collateral = uint128(collateral);
        g.premium = uint128(premium);
        HedgeBudget.bookCondor($(), premium, 0, 0);
        emit CondorLegOpened(isCall, id, size, premium, collateral);
    }

    /// @dev Cash that can be made idle from the reserve right now.
    function _reserveWithdrawable() internal view returns (uint256) {
        return Math.min(_reserveAssets(), flashVault.maxWithdraw(address(this)));
    }

    /// @dev Moves `assets` from the reserve to idle.
    function _withdrawReserve(uint256 assets) internal {
        $().reserveShares -= SafeCast.toUint128(flashVault.withdraw(assets, address(this), address(this)));
        $().idle += SafeCast.toUint128(assets);
        emit ReserveMoved(false, assets);
    }

    /// @dev Deposits up to `assets` of idle cash into the flash vault (skipped while it takes no deposits).
    function _depositReserve(uint256 assets) internal {
        assets = Math.min(Math.min(assets, $().idle), flashVault.maxDeposit(address(this)));
        if (assets == 0) return;
        $().idle -= uint128(assets); // assets <= idle
        $().reserveShares += SafeCast.toUint128(flashVault.deposit(assets, address(this)));
        emit ReserveMoved(true, assets);
    }

    /// @dev The pool and the flash vault only ever pull from their caller, inside calls this vault makes.
    function _approvePartners() internal {
        _asset.forceApprove(address(pool), type(uint256).max);
        _asset.forceApprove(address(flashVault), type(uint256).max);
    }

    // ================================================================ shared rules

    /// @notice Hash of the immutable wiring (asset, pool, flash vault, feeds, heartbeat, cutoff, layers): the
    ///         vault only accepts a keeper module whose wiring hash equals its own.
    /// @return The hash.
    function wiringHash() public view returns (bytes32) {
        return
            keccak256(
                abi.encode(_asset, pool, flashVault, volFeed, indexFeed, feedHeartbeat, _cutoff, _layerCount)
            );
    }

    function _checkLayer(uint256 layer) internal view {
        if (layer >= _layerCount) revert LayerIndexOutOfRange(layer, _layerCount);
    }

    /// @dev When layer `i` enters its roll window (0 when it holds no position).
    function _dueAt(uint256 i) internal view returns (uint256) {
        Layer storage ly = $().layers[i];
        if (ly.size == 0) return 0;
        uint256 window = $().layerPolicies[i].rollWindow;
        return ly.expiry > window ? ly.expiry - window : 0;
    }

    /// @dev Whether layer `ly`, monetised and empty, must still wait: before `lastRoll + delay`, or while the index
    ///      is above its re-entry level and the volatility term structure is not in contango (30-day forward
    ///      factor < 1). Also returns the term factor read and the end of the delay (for the error).
    function _reentryBlocked(
        Layer storage ly,
        uint256 vol,
        uint256 delay
    ) internal view returns (bool blocked, uint256 termFactor, uint256 availableAt) {
        availableAt = uint256(ly.lastRoll) + delay;
        termFactor = _volTermFactor();
        blocked = block.timestamp < availableAt || (vol > ly.reentryLevel && termFactor < _WAD);
    }

    /// @dev The policy-default roll of layer `i` and whether it is due (ignoring the pause).
    function _defaultTrade(
        uint256 i
    ) internal view returns (bool due, uint256 low, uint256 high, uint256 expiry) {
        _checkLayer(i);
        LayerPolicy memory p = $().layerPolicies[i];
        uint256 vol = _volIndex();
        (low, high) = HedgeKeeperRules.defaultStrikes(p, vol);
        expiry = HedgeKeeperRules.defaultExpiry(p, pool.params().expiryTimeOfDay);
        Layer storage ly = $().layers[i];
        due =
            $().lastNav != 0 &&
            block.timestamp >= _dueAt(i) &&
            (ly.size == 0 || block.timestamp + _cutoff < ly.expiry || block.timestamp >= ly.expiry) &&
            (ly.lastRoll == 0 || block.timestamp >= uint256(ly.lastRoll) + p.cooldown);
        if (due && ly.size == 0 && ly.reentryLevel != 0) {
            (bool blocked, , ) = _reentryBlocked(ly, vol, $().policy.reentryDelay);
            due = !blocked;
        }
    }

    /// @dev Tops the reserve up to reserveMin x `nav` (rounded up) from idle; records `nav` as lastNav.
    function _topUpReserve(uint256 nav) internal {
        $().lastNav = SafeCast.toUint128(nav);
        uint256 target = Math.mulDiv(nav, $().policy.reserveMin, _WAD, Math.Rounding.Ceil);
        uint256 reserve = _reserveAssets();
        if (reserve < target) _depositReserve(target - reserve);
    }
}
