// SPDX-License-Identifier: MIT
// The handler lives next to its invariants (it is test code, not a mock); pool calls that may legitimately
// fail are wrapped in try/catch with empty catch blocks so that handler functions never revert.
// solhint-disable one-contract-per-file, no-empty-blocks
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {IndexFeed} from "../../contracts/oracle/IndexFeed.sol";
import {IOptionPool} from "../../contracts/interfaces/IOptionPool.sol";
import {OptionPool} from "../../contracts/options/OptionPool.sol";
import {OptionToken} from "../../contracts/options/OptionToken.sol";
import {VolSurfaceOracle} from "../../contracts/oracle/VolSurfaceOracle.sol";
import {Surfaces} from "../utils/Surfaces.sol";
import {TestBase} from "../utils/Vm.sol";
import {OptionPoolSetup} from "./OptionPoolSetup.t.sol";

/// @notice Drives the pool with random listings, trades both ways, closes, settlements, redemptions, reclaims,
///         LP deposits and withdrawals, index moves and time. Never reverts: impossible actions return early
///         and pool calls that may legitimately fail are wrapped in try/catch. Keeps ghost totals of what was
///         paid out, for the invariants.
contract OptionPoolHandler is TestBase {
    uint256 private constant CASH_SCALE = 1e30; // 10^(36 - 6)
    uint256 private constant MAX_SERIES = 8;

    OptionPool private immutable _pool;
    OptionToken private immutable _token;
    MockERC20 private immutable _usdc;
    IndexFeed private immutable _feed;
    VolSurfaceOracle private immutable _volOracle;

    address[3] private _actors = [address(0xA11CE), address(0xB0B), address(0xCA201)];
    uint256[] public ids;
    mapping(uint256 seriesId => uint256) public ghostLongPaid;
    mapping(uint256 seriesId => uint256) public ghostLongRedeemed;
    mapping(uint256 seriesId => uint256) public ghostRedeemCalls;
    mapping(uint256 seriesId => uint256) public ghostWriterReturned;
    mapping(uint256 seriesId => uint256) public ghostWriterExpected;
    mapping(uint256 seriesId => uint256) public longSupplyAtSettlement;
    uint256 public withdrawalsAboveFreeCash;
    uint256 public tradesLoweringAssets;
    uint256 public lpRoundTrips;
    uint256 public lpRoundTripGains;

    constructor(OptionPool pool_, MockERC20 usdc_, IndexFeed feed_, VolSurfaceOracle volOracle_) {
        _pool = pool_;
        _volOracle = volOracle_;
        _token = OptionToken(pool_.optionToken());
        _usdc = usdc_;
        _feed = feed_;
        for (uint256 i; i < 3; ++i) {
            _usdc.mint(_actors[i], 1e15);
            vm.prank(_actors[i]);
            _usdc.approve(address(_pool), type(uint256).max);
        }
    }

    function actors() external view returns (address[3] memory) {
        return _actors;
    }

    function idsLength() external view returns (uint256) {
        return ids.length;
    }

    // ---------------------------------------------------------------- helpers

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % 3];
    }

    function _series(uint256 seed) private view returns (bool ok, uint256 id) {
        if (ids.length == 0) return (false, 0);
        return (true, ids[seed % ids.length]);
    }

    function _index() private view returns (uint256 answer8, uint256 updatedAt) {
        (, int256 a, , uint256 u, ) = _feed.latestRoundData();
        return (uint256(a), u);
    }

    function _push(uint256 answer8) private {
        (, uint256 updatedAt) = _index();
        if (updatedAt >= block.timestamp) vm.warp(updatedAt + 1);
        _feed.pushRound(int256(answer8), uint64(block.timestamp));
        Surfaces.pushFlat(_volOracle, address(_feed), 0.8e18); // the surface is as fresh as the feed
    }

    /// @dev Moves time, stopping at the first unsettled expiry crossed to publish a round just after it.
    function _warpTo(uint256 target) private {
        for (uint256 i; i < ids.length; ++i) {
            IOptionPool.Series memory s = _pool.getSeries(ids[i]);
            if (block.timestamp < s.expiry && s.expiry < target) {
                vm.warp(s.expiry + 1);
                (uint256 answer8, ) = _index();
                _feed.pushRound(int256(answer8), uint64(block.timestamp));
            }
        }
        if (target > block.timestamp) vm.warp(target);
        (uint256 a, ) = _index();
        _push(a); // keep the feed fresh for trading
    }

    /// @dev A trade at the ask or bid never lowers LP assets (marks are the same ask and bid); 1 unit of slack
    ///      for rounding the premium and the mark separately.
    function _checkAssets(uint256 assetsBefore) private {
        if (_pool.totalAssets() + 1 < assetsBefore) ++tradesLoweringAssets;
    }

    // ---------------------------------------------------------------- actions

    function list(uint256 kindSeed, uint256 lowSeed, uint256 widthSeed, uint256 daysSeed) external {
        if (ids.length >= MAX_SERIES) return;
        (uint256 answer8, ) = _index();
        uint256 index = answer8 * 1e10;
        uint256 low = bound(lowSeed, index / 2 + 1, 2 * index);
        uint256 high = low + bound(widthSeed, 1e17, 3 * index - low);
        uint256 t = block.timestamp + bound(daysSeed, 2, 20) * 1 days;
        uint256 expiry = t - (t % 1 days) + 8 hours;
        IOptionPool.Kind kind =
            kindSeed % 2 == 0 ? IOptionPool.Kind.CALL_SPREAD : IOptionPool.Kind.PUT_SPREAD;
        try _pool.listSeries(address(_feed), kind, low, high, expiry) returns (uint256 id) {
            ids.push(id);
        } catch {}
    }

    function buy(uint256 actorSeed, uint256 seriesSeed, uint256 sizeSeed) external {
        (bool ok, uint256 id) = _series(seriesSeed);
        if (!ok) return;
        uint256 assetsBefore = _pool.totalAssets();
        vm.prank(_actor(actorSeed));
        try _pool.buy(id, bound(sizeSeed, 1e15, 5_000e18), type(uint256).max, block.timestamp) {
            _checkAssets(assetsBefore);
        } catch {}
    }

    function sell(uint256 actorSeed, uint256 seriesSeed, uint256 sizeSeed) external {
        (bool ok, uint256 id) = _series(seriesSeed);
        if (!ok) return;
        uint256 assetsBefore = _pool.totalAssets();
        vm.prank(_actor(actorSeed));
        try _pool.sell(id, bound(sizeSeed, 1e15, 5_000e18), 0, block.timestamp) {
            _checkAssets(assetsBefore);
        } catch {}
    }

    function closeLong(uint256 actorSeed, uint256 seriesSeed, uint256 fraction) external {
        (bool ok, uint256 id) = _series(seriesSeed);
        if (!ok) return;
        address a = _actor(actorSeed);
        uint256 size = (_token.balanceOf(a, id) * bound(fraction, 1, 100)) / 100;
        if (size == 0) return;
        uint256 assetsBefore = _pool.totalAssets();
        vm.prank(a);
        try _pool.closeLong(id, size, 0, block.timestamp) {
            _checkAssets(assetsBefore);
        } catch {}
    }

    function closeShort(uint256 actorSeed, uint256 seriesSeed, uint256 fraction) external {
        (bool ok, uint256 id) = _series(seriesSeed);
        if (!ok) return;
        address a = _actor(actorSeed);
        uint256 size = (_pool.shortOf(id, a) * bound(fraction, 1, 100)) / 100;
        if (size == 0) return;
        uint256 assetsBefore = _pool.totalAssets();
        vm.prank(a);
        try _pool.closeShort(id, size, type(uint256).max, block.timestamp) {
            _checkAssets(assetsBefore);
        } catch {}
    }

    function settle(uint256 seriesSeed) external {
        (bool ok, uint256 id) = _series(seriesSeed);
        if (!ok) return;
        IOptionPool.Series memory s = _pool.getSeries(id);
        if (s.settled || block.timestamp < s.expiry) return;
        try _pool.settle(id) {} catch {
            if (block.timestamp >= uint256(s.expiry) + 7 days) {
                (uint256 answer8, ) = _index();
                _pool.settleByGovernance(id, answer8 * 1e10);
            } else {
                return;
            }
        }
        longSupplyAtSettlement[id] = _pool.getSeries(id).longSupply;
    }

    function redeem(uint256 actorSeed, uint256 seriesSeed, uint256 fraction) external {
        (bool ok, uint256 id) = _series(seriesSeed);
        if (!ok) return;
        IOptionPool.Series memory s = _pool.getSeries(id);
        address a = _actor(actorSeed);
        uint256 size = (_token.balanceOf(a, id) * bound(fraction, 1, 100)) / 100;
        if (!s.settled || size == 0) return;
        vm.prank(a);
        uint256 paid = _pool.redeemLong(id, size);
        ghostLongPaid[id] += paid;
        ghostLongRedeemed[id] += size;
        ++ghostRedeemCalls[id];
    }

    function reclaim(uint256 actorSeed, uint256 seriesSeed) external {
        (bool ok, uint256 id) = _series(seriesSeed);
        if (!ok) return;
        IOptionPool.Series memory s = _pool.getSeries(id);
        address a = _actor(actorSeed);
        uint256 size = _pool.shortOf(id, a);
        if (!s.settled || size == 0) return;
        uint256 width = uint256(s.strikeHigh) - s.strikeLow;
        ghostWriterExpected[id] +=
            Math.mulDiv(size, width, CASH_SCALE, Math.Rounding.Ceil) -
            Math.mulDiv(size, s.payoffPerUnit, CASH_SCALE, Math.Rounding.Ceil);
        vm.prank(a);
        ghostWriterReturned[id] += _pool.reclaimCollateral(id);
    }

    function deposit(uint256 actorSeed, uint256 amountSeed) external {
        vm.prank(_actor(actorSeed));
        try _pool.deposit(bound(amountSeed, 1, 1e12), _actor(actorSeed)) {} catch {}
    }

    function withdraw(uint256 actorSeed, uint256 fraction) external {
        address a = _actor(actorSeed);
        uint256 max = _pool.maxWithdraw(a);
        uint256 amount = (max * bound(fraction, 1, 100)) / 100;
        if (amount == 0) return;
        uint256 free = _pool.lpCash() - _pool.totalLocked();
        if (amount > free) ++withdrawalsAboveFreeCash;
        vm.prank(a);
        _pool.withdraw(amount, a, a);
    }

    /// @notice A flash-loan-funded LP: deposits (as much as the pool can take, up to 1 M USDC), then in the
    ///         same block either nothing, the next feed push after a stale gap, or another actor's closing
    ///         trade, then redeems everything it can. Counts round trips that came out ahead.
    function lpRoundTrip(uint256 actorSeed, uint256 assetsSeed, uint256 modeSeed) external {
        address lp = address(0xF1A5);
        uint256 assets = bound(assetsSeed, 1e6, 1e12);
        _usdc.mint(lp, assets);
        vm.prank(lp);
        _usdc.approve(address(_pool), assets);
        vm.prank(lp);
        try _pool.deposit(assets, lp) returns (uint256 shares) {
            _between(actorSeed, modeSeed);
            uint256 redeemable = Math.min(shares, _pool.maxRedeem(lp));
            vm.prank(lp);
            uint256 back = _pool.redeem(redeemable, lp, lp);
            ++lpRoundTrips;
            // Shares the locked capital keeps back are worth what an exit would pay now.
            if (back + _pool.previewRedeem(shares - redeemable) > assets) ++lpRoundTripGains;
            if (redeemable < shares) {
                vm.prank(lp);
                _pool.transfer(address(0xDEAD), shares - redeemable); // out of the way of the next round trip
            }
        } catch {}
    }

    /// @dev What happens between a round trip's deposit and its redemption (no time passes).
    function _between(uint256 actorSeed, uint256 modeSeed) private {
        uint256 mode = modeSeed % 3;
        if (mode == 1) {
            (uint256 answer8, uint256 updatedAt) = _index();
            if (updatedAt < block.timestamp) {
                _feed.pushRound(int256(answer8), uint64(block.timestamp));
                Surfaces.pushFlat(_volOracle, address(_feed), 0.8e18);
            }
        } else if (mode == 2 && ids.length != 0) {
            address a = _actor(actorSeed);
            uint256 id = ids[modeSeed % ids.length];
            uint256 longs = _token.balanceOf(a, id);
            uint256 shorts = _pool.shortOf(id, a);
            vm.prank(a);
            if (longs != 0) {
                try _pool.closeLong(id, longs, 0, block.timestamp) {} catch {}
            } else if (shorts != 0) {
                try _pool.closeShort(id, shorts, type(uint256).max, block.timestamp) {} catch {}
            }
        }
    }

    /// @notice Time passes and nobody reports: the feed (and its surface) may go stale, series may expire
    ///         without a settlement round.
    function staleGap(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 1 hours, 2 days));
    }

    function donate(uint256 amountSeed) external {
        _usdc.mint(address(_pool), bound(amountSeed, 0, 1e12));
    }

    function moveIndex(uint256 answerSeed) external {
        _push(bound(answerSeed, 5e8, 80e8));
    }

    function passTime(uint256 secondsSeed) external {
        _warpTo(block.timestamp + bound(secondsSeed, 1 minutes, 4 days));
    }

    /// @notice Accepts nothing: the actors are EOAs (pranked); kept for completeness.
    function onERC1155Received(
        address,
        address,
        uint256,
        uint256,
        bytes calldata
    ) external pure returns (bytes4) {
        return this.onERC1155Received.selector;
    }
}

/// @notice Money invariants of OptionPool under random sequences of every action.
contract OptionPoolInvariantTest is OptionPoolSetup {
    uint256 private constant CASH_SCALE = 1e30;
    OptionPoolHandler private handler;
    OptionToken private token;

    function setUp() public {
        _deploy();
        handler = new OptionPoolHandler(pool, usdc, feed, volOracle);
        feed.grantRole(feed.REPORTER_ROLE(), address(handler));
        volOracle.grantRole(volOracle.VOL_ORACLE_ROLE(), address(handler));
        pool.grantRole(pool.DEFAULT_ADMIN_ROLE(), address(handler)); // for the grace-period fallback only
        token = OptionToken(pool.optionToken());
        usdc.mint(address(this), 1e12);
        usdc.approve(address(pool), type(uint256).max);
        pool.deposit(1e12, address(this)); // 1,000,000 USDC
        targetContract(address(handler));
    }

    /// @notice The balance covers LP cash plus traders' cash; LP cash covers the locked capital.
    function invariant_balanceCoversEverything() public view {
        vm.assertGe(
            usdc.balanceOf(address(pool)),
            pool.lpCash() + pool.traderCash(),
            "balance < lpCash + traderCash"
        );
        vm.assertGe(pool.lpCash(), pool.totalLocked(), "locked > lpCash");
    }

    /// @notice The active set holds exactly the unsettled series with longs or shorts open, each once, and no two
    ///         of them share a place (`activeSlot`, 0 outside the set).
    function invariant_activeSetIsTheOpenSeries() public view {
        uint256[] memory active = pool.activeSeries();
        uint256 n = handler.idsLength();
        uint256 open;
        uint256 places; // bit p: place p taken
        for (uint256 i; i < n; ++i) {
            IOptionPool.Series memory s = pool.getSeries(handler.ids(i));
            if (!s.settled && (s.longSupply != 0 || s.shortSupply != 0)) {
                ++open;
                vm.assertTrue(s.activeSlot != 0, "open series not active");
                vm.assertEq(places & (1 << s.activeSlot), 0, "two series share a place");
                places |= 1 << s.activeSlot;
                bool listed;
                for (uint256 j; j < active.length; ++j) listed = listed || active[j] == handler.ids(i);
                vm.assertTrue(listed, "open series not listed");
            } else {
                vm.assertEq(uint256(s.activeSlot), 0, "closed series still active");
            }
        }
        vm.assertEq(active.length, open, "active set size");
    }

    /// @notice Per series: longs' maximum payoff is covered by the lock plus writers' collateral; the locked
    ///         and writer totals match their definitions; a settled pot covers every remaining claim.
    function invariant_collateralCoversMaxPayoff() public view {
        uint256 n = handler.idsLength();
        uint256 locked;
        uint256 traderCash;
        address[3] memory a = handler.actors();
        for (uint256 i; i < n; ++i) {
            uint256 id = handler.ids(i);
            IOptionPool.Series memory s = pool.getSeries(id);
            uint256 width = uint256(s.strikeHigh) - s.strikeLow;
            traderCash += s.writerCollateral;
            uint256 writers;
            uint256 owedToWriters;
            for (uint256 j; j < 3; ++j) {
                uint256 sh = pool.shortOf(id, a[j]);
                writers += Math.mulDiv(sh, width, CASH_SCALE, Math.Rounding.Ceil);
                owedToWriters += Math.mulDiv(sh, width - s.payoffPerUnit, CASH_SCALE);
            }
            if (!s.settled) {
                uint256 netShort = s.longSupply > s.shortSupply ? s.longSupply - s.shortSupply : 0;
                uint256 lockedHere = Math.mulDiv(netShort, width, CASH_SCALE, Math.Rounding.Ceil);
                locked += lockedHere;
                vm.assertEq(s.writerCollateral, writers, "writer collateral mismatch");
                vm.assertGe(
                    lockedHere + writers,
                    Math.mulDiv(s.longSupply, width, CASH_SCALE),
                    "lock + collateral < max payoff"
                );
            } else {
                uint256 owedToLongs = Math.mulDiv(s.longSupply, s.payoffPerUnit, CASH_SCALE);
                vm.assertGe(s.writerCollateral, owedToLongs + owedToWriters, "pot < remaining claims");
            }
        }
        vm.assertEq(pool.totalLocked(), locked, "totalLocked mismatch");
        vm.assertEq(pool.traderCash(), traderCash, "traderCash mismatch");
    }

    /// @notice Long tokens always match the long supply (so nothing can be redeemed twice), and the payoffs
    ///         paid follow the settlement formula.
    function invariant_noDoubleRedemptionAndPayoffsFollowTheFormula() public view {
        uint256 n = handler.idsLength();
        address[3] memory a = handler.actors();
        for (uint256 i; i < n; ++i) {
            uint256 id = handler.ids(i);
            IOptionPool.Series memory s = pool.getSeries(id);
            uint256 balances;
            for (uint256 j; j < 3; ++j) balances += token.balanceOf(a[j], id);
            vm.assertEq(balances, s.longSupply, "balances != long supply");
            if (!s.settled) continue;
            uint256 redeemed = handler.ghostLongRedeemed(id);
            vm.assertEq(
                redeemed + s.longSupply,
                handler.longSupplyAtSettlement(id),
                "redeemed + left != settled"
            );
            uint256 formula = Math.mulDiv(redeemed, s.payoffPerUnit, CASH_SCALE);
            uint256 paid = handler.ghostLongPaid(id);
            vm.assertLe(paid, formula, "longs paid > formula");
            vm.assertGe(paid + handler.ghostRedeemCalls(id), formula, "longs paid < formula");
            vm.assertEq(
                handler.ghostWriterReturned(id),
                handler.ghostWriterExpected(id),
                "writer refunds mismatch"
            );
        }
    }

    /// @notice No trade lowered the LPs' assets (same block, same feed: only the trade changed).
    function invariant_tradesNeverLowerLpAssets() public view {
        vm.assertEq(handler.tradesLoweringAssets(), 0, "a trade lowered LP assets");
    }

    /// @notice A deposit-and-redeem round trip in one block never came out ahead, whatever happened between the
    ///         two (nothing, the next push after a stale feed or an expiry without its round, a closing trade).
    function invariant_lpRoundTripsNeverGain() public view {
        vm.assertEq(handler.lpRoundTripGains(), 0, "an LP round trip gained");
    }

    /// @notice Entering costs at least what leaving pays: the entry value of a share is never below its exit
    ///         value.
    function invariant_entryValueAtLeastExitValue() public view {
        vm.assertGe(pool.previewMint(1e18), pool.previewRedeem(1e18), "entry below exit");
    }

    /// @notice LP withdrawals never reached into locked capital.
    function invariant_withdrawalsNeverTouchLockedCapital() public view {
        vm.assertEq(handler.withdrawalsAboveFreeCash(), 0, "withdrawal above free cash");
    }
}
