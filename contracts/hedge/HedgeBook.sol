// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {IOptionPool} from "../interfaces/IOptionPool.sol";
import {FeedReader} from "../oracle/FeedReader.sol";
import {SeriesMath} from "../options/lib/SeriesMath.sol";
import {OptionPricer} from "../options/OptionPricer.sol";
import {OptionPoolConfig} from "../options/OptionPoolConfig.sol";
import {SpreadPricing} from "../options/SpreadPricing.sol";
import {HedgeKeeperRules} from "./HedgeKeeperRules.sol";
import {IHedgeTypes} from "../interfaces/IHedgeTypes.sol";
import {HedgeStorage} from "./HedgeStorage.sol";

/// @title HedgeBook
/// @notice The vault's positions in the option pool and the reserve, their marks (the NAV) and the trades
///         that move them. Every trade's cash is measured by the change of the vault's balance and charged to
///         the vault's idle cash; a trade that would spend more than the idle cash reverts (escrowed cash is
///         never at risk).
/// @dev Marks, all rounded down for what the vault owns and up for what it owes:
///      - live layer (until expiry, the pool's trading cutoff included, as the pool's own mark): the pool's bid
///        for its size; live condor leg: collateral - the pool's ask (>= 0);
///      - settled series: layer = payoff x size; leg = collateral - payoff x size (what redemption returns);
///      - expired, not settled, settlement round available: as settled, at the payoff `settle` will fix;
///      - expired with no settlement round yet: layer 0, leg 0 (the worst case: the whole collateral lost).
///        `settleExpired` turns expired positions into cash.
abstract contract HedgeBook is IHedgeTypes {
    using SafeERC20 for IERC20;

    uint256 internal constant _WAD = 1e18;

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
    struct MarkInputs {
        IOptionPool.Params params;
        IOptionPool.FeedConfig vol;
        IOptionPool.FeedConfig index;
        bool loaded;
    }

    function _nav() internal view virtual returns (uint256 nav) {
        MarkInputs memory m;
        nav = $().idle + _reserveAssets();
        for (uint256 i; i < _layerCount; ++i) nav += _layerMark($().layers[i], m);
        nav += _legMark($().putLeg, false, m) + _legMark($().callLeg, true, m);
    }

    function _reserveAssets() internal view returns (uint256) {
        uint256 shares = $().reserveShares;
        return shares == 0 ? 0 : flashVault.convertToAssets(shares);
    }

    function _layerMark(Layer storage ly, MarkInputs memory m) private view returns (uint256) {
        uint256 size = ly.size;
        if (size == 0) return 0;
        if (block.timestamp < ly.expiry) {
            (, uint256 bidUnit) = _unitPrices(volFeed, true, ly.strikeLow, ly.strikeHigh, ly.expiry, m);
            return SeriesMath.cashDown(size, bidUnit, _cashScale); // = the pool's quote bid (its model in the cutoff)
        }
        IOptionPool.Series memory s = pool.getSeries(ly.seriesId);
        return SeriesMath.cashDown(size, _finalPayoff(s, 0, m), _cashScale);
    }

    function _legMark(Leg storage g, bool isCall, MarkInputs memory m) private view returns (uint256) {
        uint256 size = g.size;
        if (size == 0) return 0;
        uint256 collateral = g.collateral;
        uint256 owed = collateral;
        if (block.timestamp < g.expiry) {
            (uint256 askUnit, ) = _unitPrices(indexFeed, isCall, g.strikeLow, g.strikeHigh, g.expiry, m);
            owed = SeriesMath.cashUp(size, askUnit, _cashScale); // = the pool's quote ask
        } else {
            IOptionPool.Series memory s = pool.getSeries(g.seriesId);
            uint256 payoff = _finalPayoff(s, type(uint256).max, m);
            if (payoff != type(uint256).max) owed = SeriesMath.cashUp(size, payoff, _cashScale);
        }
        return collateral > owed ? collateral - owed : 0;
    }

    /// @dev Payoff per contract of an expired series: the settled one, or the payoff `settle` will fix when the
    ///      settlement round exists (so that the permissionless `processEpoch` cannot strike deposits at a
    ///      worst-case NAV just before `settleExpired` lifts it); `worst` while no settlement round exists.
    function _finalPayoff(
        IOptionPool.Series memory s,
        uint256 worst,
        MarkInputs memory m
    ) private view returns (uint256) {
        if (s.settled) return s.payoffPerUnit;
        _loadMarkInputs(m);
        try _pricer.settlementPrice(s.feed, s.expiry, m.params.settlementWindow) returns (
            uint256 price,
            uint80
        ) {
            return SeriesMath.payoff(s.kind, s.strikeLow, s.strikeHigh, price);
        } catch (bytes memory reason) {
            // Without data (out of gas): revert, never let the caller's gas limit pick the worst case.
            if (reason.length == 0) revert OptionPricer.MarkWithoutReason(s.feed);
            return worst;
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
    ///      (`OptionPricer.unitPrices`) with the inputs the pool builds from its public state.
    function _unitPrices(
        AggregatorV3Interface feed,
        bool isCall,
        uint256 low,
        uint256 high,
        uint256 expiry,
        MarkInputs memory m
    ) private view returns (uint256 ask, uint256 bid) {
        _loadMarkInputs(m);
        IOptionPool.FeedConfig memory f = feed == volFeed ? m.vol : m.index;
        if (f.heartbeat == 0) revert IOptionPool.FeedNotRegistered(address(feed));
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
        (, ask, bid) = _pricer.unitPrices(address(feed), f, inp);
    }

    // ================================================================ feeds

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
            $().idle += balance - before;
        } else {
            uint256 spent = before - balance;
            if (spent > $().idle) revert InsufficientIdle(spent, $().idle);
            $().idle -= spent;
        }
    }

    /// @dev Closes (before the cutoff) or redeems (after settlement) a layer; returns the cash received.
    function _closeLayer(Layer storage ly) internal returns (uint256 proceeds) {
        uint256 size = ly.size;
        if (size == 0) return 0;
        uint256 id = ly.seriesId;
        uint256 before = _asset.balanceOf(address(this));
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
        _settleCash(before);
    }

    /// @dev Buys back (before the cutoff, paying an ask of at most `maxCost`, else the pool reverts with
    ///      PremiumAboveMax) or reclaims (after settlement) a condor leg; returns the ask paid (0 when reclaimed).
    function _closeLeg(Leg storage g, bool isCall, uint256 maxCost) internal returns (uint256 cost) {
        uint256 size = g.size;
        uint256 id = g.seriesId;
        uint256 before = _asset.balanceOf(address(this));
        if (block.timestamp + _cutoff < g.expiry) {
            cost = pool.closeShort(id, size, maxCost, block.timestamp);
        } else if (block.timestamp >= g.expiry) {
            if (!pool.getSeries(id).settled) pool.settle(id);
            pool.reclaimCollateral(id);
        } else {
            revert PositionInCutoff(id, g.expiry);
        }
        g.size = 0;
        g.collateral = 0;
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
        emit CondorLegOpened(isCall, id, size, premium, collateral);
    }

    /// @dev Cash that can be made idle from the reserve right now.
    function _reserveWithdrawable() internal view returns (uint256) {
        return Math.min(_reserveAssets(), flashVault.maxWithdraw(address(this)));
    }

    /// @dev Moves `assets` from the reserve to idle.
    function _withdrawReserve(uint256 assets) internal {
        $().reserveShares -= flashVault.withdraw(assets, address(this), address(this));
        $().idle += assets;
        emit ReserveMoved(false, assets);
    }

    /// @dev Deposits up to `assets` of idle cash into the flash vault (skipped while it takes no deposits).
    function _depositReserve(uint256 assets) internal {
        assets = Math.min(Math.min(assets, $().idle), flashVault.maxDeposit(address(this)));
        if (assets == 0) return;
        $().idle -= assets;
        $().reserveShares += flashVault.deposit(assets, address(this));
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

    /// @dev The policy-default roll of layer `i` and whether it is due (ignoring the pause).
    function _defaultTrade(
        uint256 i
    ) internal view returns (bool due, uint256 low, uint256 high, uint256 expiry) {
        _checkLayer(i);
        LayerPolicy memory p = $().layerPolicies[i];
        (low, high) = HedgeKeeperRules.defaultStrikes(p, _volIndex());
        expiry = HedgeKeeperRules.defaultExpiry(p, pool.params().expiryTimeOfDay);
        Layer storage ly = $().layers[i];
        due =
            $().lastNav != 0 &&
            block.timestamp >= _dueAt(i) &&
            (ly.size == 0 || block.timestamp + _cutoff < ly.expiry || block.timestamp >= ly.expiry) &&
            (ly.lastRoll == 0 || block.timestamp >= uint256(ly.lastRoll) + p.cooldown);
    }

    /// @dev The budget window as it stands now (a window that has run out reads as a fresh one).
    function _window() internal view returns (uint256 start, uint256 spent, uint256 received) {
        start = $().budgetStart;
        if (block.timestamp >= start + $().policy.budgetWindow) return (block.timestamp, 0, 0);
        return (start, $().spent, $().received);
    }

    /// @dev Layer premium allowed in a window: k x condor premium received + reserveDraw x NAV.
    function _budget(uint256 received) internal view returns (uint256) {
        VaultPolicy storage v = $().policy;
        return Math.mulDiv(received, v.budgetMultiple, _WAD) + Math.mulDiv($().lastNav, v.reserveDraw, _WAD);
    }

    /// @dev Tops the reserve up to reserveMin x `nav` (rounded up) from idle; records `nav` as lastNav.
    function _topUpReserve(uint256 nav) internal {
        $().lastNav = nav;
        uint256 target = Math.mulDiv(nav, $().policy.reserveMin, _WAD, Math.Rounding.Ceil);
        uint256 reserve = _reserveAssets();
        if (reserve < target) _depositReserve(target - reserve);
    }
}
