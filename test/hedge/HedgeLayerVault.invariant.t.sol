// SPDX-License-Identifier: MIT
// The handlers live beside their tests: the Solidity test runner only fuzzes contracts of the files it runs. The
// three suites (mixed actions, a hostile keeper, flash-loan-funded depositors) share one deployment.
// solhint-disable one-contract-per-file
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {TestBase, Vm} from "../utils/Vm.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {FlashLoanVault} from "../../contracts/flash/FlashLoanVault.sol";
import {IndexFeed} from "../../contracts/oracle/IndexFeed.sol";
import {VolSurfaceOracle} from "../../contracts/oracle/VolSurfaceOracle.sol";
import {Surfaces} from "../utils/Surfaces.sol";
import {OptionPricer} from "../../contracts/options/OptionPricer.sol";
import {OptionPool} from "../../contracts/options/OptionPool.sol";
import {IOptionPool} from "../../contracts/interfaces/IOptionPool.sol";
import {IHedgeTypes} from "../../contracts/interfaces/IHedgeTypes.sol";
import {IHedgePolicy} from "../../contracts/interfaces/IHedgePolicy.sol";
// The vault's external surface under its name: the test deploys the vault's artifact (see `_deployHedge`).
import {IHedgeLayerVaultFull as HedgeLayerVault, VaultDeploymentFailed} from "./IHedgeLayerVaultFull.sol";
import {HedgeBook} from "../../contracts/hedge/HedgeBook.sol";
import {HedgeKeeperModule} from "../../contracts/hedge/HedgeKeeperModule.sol";
import {HedgeLensModule} from "../../contracts/hedge/HedgeLensModule.sol";

/// @notice What every handler shares: requests, claims and epochs by three actors, feed moves and time (with a feed
///         round just after every expiry time), settlement, and the documented bounds checked after each action.
///         Handlers never revert; a broken bound is recorded (`violations`, `firstViolation`).
abstract contract HedgeActions {
    // solhint-disable-next-line const-name-snakecase
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant _WAD = 1e18;
    uint256 internal constant _DAY = 1 days;
    uint256 internal constant _VIRTUAL_SHARES = 1e6;
    /// @dev Rounding a NAV may lose in one action: the pool's and the flash vault's cash conversions, 1 wei each.
    uint256 internal constant _DUST = 10;

    MockERC20 public immutable token;
    IndexFeed public immutable volFeed;
    IndexFeed public immutable indexFeed;
    OptionPool public immutable pool;
    HedgeLayerVault public immutable hedge;
    FlashLoanVault public immutable flash;
    VolSurfaceOracle public immutable volOracle;
    address[3] public actors;

    uint256 public violations;
    string public firstViolation;
    uint256 public epochs;
    uint256 public depositedProcessed;

    /// @dev NAV and supply before an action, to compare the share price after it.
    struct Price {
        bool ok;
        uint256 nav;
        uint256 supply;
    }

    constructor(
        HedgeLayerVault hedge_,
        OptionPool pool_,
        FlashLoanVault flash_,
        IndexFeed vol,
        IndexFeed index
    ) {
        (hedge, pool, flash, volFeed, indexFeed) = (hedge_, pool_, flash_, vol, index);
        volOracle = VolSurfaceOracle(address(pool_.pricer().volOracle()));
        token = MockERC20(hedge_.asset());
        actors = [address(0xA11CE), address(0xB0B), address(0xCA401)];
    }

    // ---------------------------------------------------------------- market and time

    function moveFeeds(uint256 volSeed, uint256 indexSeed) external {
        _push(volFeed, _bound(volSeed, 10e8, 80e8));
        _push(indexFeed, _bound(indexSeed, 4_000e8, 6_000e8));
    }

    function passTime(uint256 seconds_) external {
        _warp(_bound(seconds_, 1 hours, 10 days));
    }

    /// @notice Lets the feeds go stale: more than their heartbeat passes with no round but the settlement rounds of the
    ///         positions expiring meanwhile. Until the next refresh no epoch can be struck, yet the ERC-4626 views must
    ///         answer (every unpriceable position at its worst case) and nothing may change the share price.
    function staleFeeds(uint256 seconds_) external {
        uint256 end = block.timestamp + _bound(seconds_, 1 days + 1, 2 days);
        IHedgeTypes.KeeperState memory s = hedge.keeperState();
        uint256 g = _grid(block.timestamp + 1);
        for (; g + 60 < end; g += _DAY) {
            bool vol;
            for (uint256 i; i < s.layers.length; ++i)
                vol = vol || (s.layers[i].size != 0 && s.layers[i].expiry == g);
            bool index =
                (s.putLeg.size != 0 && s.putLeg.expiry == g) ||
                    (s.callLeg.size != 0 && s.callLeg.expiry == g);
            if (!vol && !index) continue;
            vm.warp(g + 60);
            if (vol) _push(volFeed, _latest(volFeed));
            if (index) _push(indexFeed, _latest(indexFeed));
        }
        vm.warp(end);
    }

    /// @notice Settling expired positions never moves the NAV (they are marked at their settlement payoffs).
    function settle() external {
        Price memory before = _price();
        try hedge.settleExpired() returns (uint256 settled) {
            Price memory afterwards = _price();
            if (settled != 0 && before.ok && afterwards.ok && afterwards.nav + _DUST < before.nav) {
                _violate("settlement moved the NAV");
            }
        } catch {} // solhint-disable-line no-empty-blocks
    }

    // ---------------------------------------------------------------- requests, claims, epochs

    function requestDeposit(uint256 actorSeed, uint256 assets) external {
        address actor = _actor(actorSeed);
        assets = _bound(assets, 1e6, 500_000e6);
        token.mint(actor, assets);
        Price memory before = _price();
        vm.startPrank(actor);
        token.approve(address(hedge), assets);
        try hedge.requestDeposit(assets, actor, actor) {} catch {} // solhint-disable-line no-empty-blocks
        vm.stopPrank();
        _checkSamePrice(before);
    }

    function requestRedeem(uint256 actorSeed, uint256 fraction) external {
        address actor = _actor(actorSeed);
        uint256 shares = (hedge.balanceOf(actor) * _bound(fraction, 1, 100)) / 100;
        if (shares == 0) return;
        Price memory before = _price();
        vm.prank(actor);
        hedge.requestRedeem(shares, actor, actor);
        _checkSamePrice(before);
    }

    function cancel(uint256 actorSeed, bool deposits) external {
        address actor = _actor(actorSeed);
        Price memory before = _price();
        vm.prank(actor);
        if (deposits) {
            try hedge.cancelDepositRequest(actor) {} catch {} // solhint-disable-line no-empty-blocks
        } else {
            try hedge.cancelRedeemRequest(actor) {} catch {} // solhint-disable-line no-empty-blocks
        }
        _checkSamePrice(before);
    }

    function claim(uint256 actorSeed) external {
        address actor = _actor(actorSeed);
        Price memory before = _price();
        vm.startPrank(actor);
        uint256 assets = hedge.maxDeposit(actor);
        if (assets != 0) hedge.deposit(assets, actor, actor);
        uint256 shares = hedge.maxRedeem(actor);
        if (shares != 0) hedge.redeem(shares, actor, actor);
        if (hedge.unfilledRedeemShares(actor) != 0) hedge.claimUnfilledShares(actor, actor);
        vm.stopPrank();
        _checkSamePrice(before);
    }

    /// @notice Processes the epoch a day later. The share price never falls through an epoch (redemptions paid at
    ///         the low NAV, deposits struck at the high one, both rounded for those who stay) beyond the flash
    ///         vault's rounding when the reserve moves; no share appears without a processed deposit.
    function processEpoch() external {
        _warp(1 days);
        Price memory before = _price();
        uint256 claimableBefore = _claimableDeposits();
        bytes32 balancesBefore = _actorBalances();
        try hedge.processEpoch() {
            // ERC-7540: 'Vaults MUST NOT push tokens onto the user after a Request' (unfilled shares included).
            if (_actorBalances() != balancesBefore) _violate("an epoch pushed tokens");
            ++epochs;
            uint256 processed = _claimableDeposits() - claimableBefore;
            depositedProcessed += processed;
            Price memory afterwards = _price();
            if (processed == 0 && afterwards.supply > before.supply) _violate("shares without assets");
            if (
                before.ok &&
                afterwards.ok &&
                (afterwards.nav + 1 + _DUST) * (before.supply + _VIRTUAL_SHARES) <
                    (before.nav + 1) * (afterwards.supply + _VIRTUAL_SHARES)
            ) _violate("epoch lowered the share price");
            IHedgeTypes.KeeperState memory a = hedge.keeperState();
            uint256 target = (a.lastNav * a.vaultPolicy.reserveMin) / _WAD;
            if (a.reserveAssets + 2 < target && a.idle != 0) _violate("reserve not topped up");
        } catch {} // solhint-disable-line no-empty-blocks
    }

    // ---------------------------------------------------------------- checks

    /// @dev NAV and supply now. `ok` is false while no epoch could be struck (stale feed, missing settlement round,
    ///      reserve loan): `totalAssets` then answers a worst case, which is no share price to compare.
    function _price() internal view returns (Price memory p) {
        p.supply = hedge.totalSupply();
        p.nav = hedge.totalAssets(); // ERC-4626: MUST NOT revert (a revert here fails the run)
        try hedge.epochNav() returns (uint256, uint256) {
            p.ok = true;
        } catch {} // solhint-disable-line no-empty-blocks
    }

    /// @dev Requests, cancels and claims leave the NAV and the share supply as they were (escrow is outside both), also
    ///      while the feeds are stale (the NAV is then its worst case, which a request must not move either).
    function _checkSamePrice(Price memory before) internal {
        Price memory afterwards = _price();
        if (afterwards.supply != before.supply) _violate("request/claim moved the supply");
        if (afterwards.nav != before.nav) _violate("request/claim moved the NAV");
    }

    /// @dev A keeper trade costs the NAV at most the pool's round-trip markup on what it opens:
    ///      2 x (fee + halfSpread) x the new positions' maximum payoff (docs/hedge.md, "What a keeper can cost").
    function _checkTradeCost(Price memory before, uint256 maxPayoffOpened) internal {
        Price memory afterwards = _price();
        if (!before.ok || !afterwards.ok) return;
        IOptionPool.Params memory p = pool.params();
        uint256 bound = (2 * (uint256(p.fee) + p.halfSpread) * maxPayoffOpened) / _WAD + _DUST;
        if (afterwards.nav + bound < before.nav) _violate("trade cost above pool markup");
    }

    /// @dev The cash press after a layer purchase that added net spending: layerNet <= k x condorNet + draw, with
    ///      k x a negative income rounded towards minus infinity.
    function _checkCashPress() internal {
        IHedgeTypes.KeeperState memory s = hedge.keeperState();
        uint256 k = s.vaultPolicy.budgetMultiple;
        int256 income =
            s.condorNet >= 0
                ? int256((uint256(s.condorNet) * k) / _WAD)
                : -int256((uint256(-s.condorNet) * k + _WAD - 1) / _WAD);
        int256 limit = income + int256((s.lastNav * s.vaultPolicy.reserveDraw) / _WAD);
        if (s.layerNet > limit) _violate("layer purchase broke cash press");
    }

    function _violate(string memory why) internal {
        if (violations == 0) firstViolation = why;
        ++violations;
    }

    /// @dev Every actor's share and cash balance, hashed.
    function _actorBalances() private view returns (bytes32 h) {
        for (uint256 i; i < 3; ++i) {
            h = keccak256(abi.encode(h, hedge.balanceOf(actors[i]), token.balanceOf(actors[i])));
        }
    }

    function _claimableDeposits() private view returns (uint256 sum) {
        for (uint256 i; i < 3; ++i) sum += hedge.maxDeposit(actors[i]);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Moves time forward with a feed round just after every expiry time (08:00 UTC) on the way.
    function _warp(uint256 by) internal {
        uint256 end = block.timestamp + by;
        uint256 g = block.timestamp - (block.timestamp % 1 days) + 28_800 + 60;
        if (g <= block.timestamp) g += _DAY;
        for (; g < end; g += _DAY) {
            vm.warp(g);
            _refresh();
        }
        vm.warp(end);
        _refresh();
    }

    function _refresh() internal {
        _push(volFeed, _latest(volFeed));
        _push(indexFeed, _latest(indexFeed));
    }

    function _push(IndexFeed feed, uint256 answer) internal {
        feed.pushRound(int256(answer), uint64(block.timestamp));
        Surfaces.pushFlat(volOracle, address(feed), feed == volFeed ? 0.8e18 : 0.18e18); // as fresh as the feed
    }

    /// @dev A feed's latest answer (8 decimals).
    function _latest(IndexFeed feed) internal view returns (uint256) {
        (, int256 answer, , , ) = feed.latestRoundData();
        return uint256(answer);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % 3];
    }

    /// @dev The first expiry time (08:00 UTC) at or after `t`.
    function _grid(uint256 t) internal pure returns (uint256 e) {
        e = t - (t % 1 days) + 28_800;
        if (e < t) e += _DAY;
    }

    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (x >= min && x <= max) return x;
        return min + (x % (max - min + 1));
    }
}

/// @notice Mixed actions: requests, claims and epochs, default layer rolls, a condor at the policy targets, feed moves
///         and time. It is the vault's keeper.
contract HedgeHandler is HedgeActions {
    uint256 public rolls;
    uint256 public condors;

    constructor(
        HedgeLayerVault hedge_,
        OptionPool pool_,
        FlashLoanVault flash_,
        IndexFeed vol,
        IndexFeed index
    ) HedgeActions(hedge_, pool_, flash_, vol, index) {}

    function roll(uint256 layerSeed) external {
        uint256 layer = _bound(layerSeed, 0, 2);
        uint256 idleBefore = hedge.keeperState().idle;
        try hedge.rollLayerDefault(layer) {
            ++rolls;
            IHedgeTypes.KeeperState memory s = hedge.keeperState();
            if (s.idle < idleBefore) _checkCashPress();
            uint256 maxSize =
                (((s.lastNav * s.layerPolicies[layer].notional) / _WAD) * 1e30) / (_latest(volFeed) * 1e10);
            if (s.layers[layer].size > maxSize) _violate("a layer above its notional");
        } catch {} // solhint-disable-line no-empty-blocks
    }

    function openCondor() external {
        uint256 spot = _latest(indexFeed) * 1e10;
        uint256 shortPut = (spot * 95) / 100;
        uint256 shortCall = (spot * 104) / 100;
        uint256 wing = (spot * 3) / 100;
        uint256 expiry = _grid(block.timestamp + 30 days);
        try hedge.openCondor([shortPut - wing, shortPut], [shortCall, shortCall + wing], expiry, 0) {
            ++condors;
        } catch {} // solhint-disable-line no-empty-blocks
    }

    function closeCondor() external {
        try hedge.closeCondor(type(uint256).max) {} catch {} // solhint-disable-line no-empty-blocks
    }
}

/// @notice A hostile keeper: any sequence of keeper calls with adversarial but role-valid parameters (strikes
///         anywhere inside the policy bands, any expiry of the tenor windows, any intensity in bounds, any premium
///         limit), besides requests, epochs, feed moves and time. Every successful trade must cost the NAV at most
///         the pool's markup on what it opens, every layer purchase must respect the cash press, every condor sale
///         the per-window count and the realised-loss cap.
contract HostileKeeperHandler is HedgeActions {
    uint256 public trades;
    uint256 public condorSales;

    constructor(
        HedgeLayerVault hedge_,
        OptionPool pool_,
        FlashLoanVault flash_,
        IndexFeed vol,
        IndexFeed index
    ) HedgeActions(hedge_, pool_, flash_, vol, index) {}

    /// @dev One roll's parameters (a struct keeps the stack small).
    struct Roll {
        uint256 layer;
        uint256 low;
        uint256 high;
        uint256 expiry;
        uint256 intensity;
        uint256 cap;
        uint256 size; // what the policy sizes it at
    }

    /// @notice rollLayer or monetiseLayer with strikes, expiry, intensity and premium limit anywhere the policy allows.
    function rollLayer(uint256 layerSeed, uint256 strikeSeed, uint256 termSeed, bool monetise) external {
        IHedgeTypes.KeeperState memory s = hedge.keeperState();
        Roll memory r = _roll(s, layerSeed % 3, strikeSeed, termSeed);
        Price memory before = _price();
        bool ok;
        if (monetise) {
            try hedge.monetiseLayer(r.layer, r.low, r.high, r.expiry, r.intensity, r.cap) {
                ok = true;
            } catch {} // solhint-disable-line no-empty-blocks
        } else {
            try hedge.rollLayer(r.layer, r.low, r.high, r.expiry, r.intensity, r.cap) {
                ok = true;
            } catch {} // solhint-disable-line no-empty-blocks
        }
        if (!ok) return;
        ++trades;
        IHedgeTypes.KeeperState memory a = hedge.keeperState();
        if (a.layers[r.layer].size != r.size) _violate("layer size not the policy's");
        _checkTradeCost(before, (r.size * (r.high - r.low)) / 1e30 + 1);
        if (a.idle < s.idle) _checkCashPress();
    }

    /// @notice openCondor with strikes and expiry anywhere the policy allows.
    function openCondor(uint256 putSeed, uint256 callSeed, uint256 termSeed) external {
        IHedgeTypes.KeeperState memory s = hedge.keeperState();
        uint256 expiry = _expiryIn(s.condorPolicy.tenorMin, s.condorPolicy.tenorMax, termSeed);
        uint256[2] memory put = _side(s.condorPolicy, false, putSeed);
        uint256[2] memory call = _side(s.condorPolicy, true, callSeed);
        Price memory before = _price();
        try hedge.openCondor(put, call, expiry, 0) {
            IHedgeTypes.KeeperState memory a = _afterSale(s);
            _checkTradeCost(before, a.putLeg.collateral + a.callLeg.collateral);
        } catch {} // solhint-disable-line no-empty-blocks
    }

    /// @notice rollCondorSide with new strikes anywhere the policy allows.
    function rollCondorSide(bool isCall, uint256 seed) external {
        IHedgeTypes.KeeperState memory s = hedge.keeperState();
        uint256[2] memory k = _side(s.condorPolicy, isCall, seed);
        Price memory before = _price();
        try hedge.rollCondorSide(isCall, k, 0) {
            // The other leg is kept: only the new leg was sold (the old one was bought back at its mark).
            IHedgeTypes.KeeperState memory a = _afterSale(s);
            _checkTradeCost(before, isCall ? a.callLeg.collateral : a.putLeg.collateral);
        } catch {} // solhint-disable-line no-empty-blocks
    }

    /// @notice closeCondor with any cost limit; buying back at the pool's ask (the NAV's mark) costs nothing more.
    function closeCondor(uint256 maxCost) external {
        Price memory before = _price();
        try hedge.closeCondor(maxCost % 3 == 0 ? type(uint256).max : maxCost) {
            ++trades;
            _checkTradeCost(before, 0);
        } catch {} // solhint-disable-line no-empty-blocks
    }

    /// @notice A default roll anyone may run (the automation network).
    function rollDefault(uint256 layerSeed) external {
        Price memory before = _price();
        uint256 idleBefore = hedge.keeperState().idle;
        try hedge.rollLayerDefault(layerSeed % 3) {
            ++trades;
            IHedgeTypes.Layer memory ly = hedge.keeperState().layers[layerSeed % 3];
            _checkTradeCost(before, (uint256(ly.size) * (ly.strikeHigh - ly.strikeLow)) / 1e30 + 1);
            if (hedge.keeperState().idle < idleBefore) _checkCashPress();
        } catch {} // solhint-disable-line no-empty-blocks
    }

    /// @dev Strikes inside the band around vol x (1 + otm) and the width target, an expiry of the tenor window,
    ///      an intensity in bounds and, one time in four, a premium limit that may be too low.
    function _roll(
        IHedgeTypes.KeeperState memory s,
        uint256 layer,
        uint256 strikeSeed,
        uint256 termSeed
    ) private view returns (Roll memory r) {
        IHedgePolicy.LayerPolicy memory p = s.layerPolicies[layer];
        uint256 vol = _latest(volFeed) * 1e10;
        uint256 target = (vol * (_WAD + p.otm)) / _WAD;
        uint256 tol = (target * p.strikeBand) / _WAD;
        r.layer = layer;
        r.low = target - tol + (strikeSeed % (2 * tol + 1));
        r.high = r.low + (vol * p.width) / _WAD - tol + ((strikeSeed >> 128) % (2 * tol + 1));
        r.expiry = _expiryIn(p.tenorMin, p.tenorMax, termSeed);
        r.intensity = _bound(termSeed >> 64, s.vaultPolicy.minIntensity, s.vaultPolicy.maxIntensity);
        r.cap = (termSeed >> 128) % 4 == 0 ? _bound(termSeed >> 130, 0, 20_000e6) : type(uint256).max;
        r.size = (((s.lastNav * p.notional * r.intensity) / (_WAD * _WAD)) * 1e30) / vol;
    }

    /// @dev A condor sale went through: the window allowed it (count, realised-loss cap) and counted it.
    function _afterSale(IHedgeTypes.KeeperState memory s) private returns (IHedgeTypes.KeeperState memory a) {
        ++trades;
        ++condorSales;
        bool windowOver = block.timestamp >= s.budgetWindowStart + s.vaultPolicy.budgetWindow;
        uint256 opens = windowOver ? 0 : s.condorOpens;
        uint256 loss = windowOver ? 0 : s.condorLoss;
        if (opens >= s.condorPolicy.maxOpens) _violate("condor sale beyond maxOpens");
        if (loss > (s.lastNav * s.condorPolicy.lossCap) / _WAD) _violate("condor sale past the loss cap");
        a = hedge.keeperState();
        if (a.condorOpens != opens + 1) _violate("a condor sale not counted");
    }

    /// @dev Strikes of one condor side anywhere inside the policy band (short strike and width).
    function _side(
        IHedgePolicy.CondorPolicy memory p,
        bool isCall,
        uint256 seed
    ) private view returns (uint256[2] memory k) {
        uint256 spot = _latest(indexFeed) * 1e10;
        uint256 target =
            isCall ? (spot * (_WAD + p.callDistance)) / _WAD : (spot * (_WAD - p.putDistance)) / _WAD;
        uint256 tol = (target * p.strikeBand) / _WAD;
        uint256 short = target - tol + (seed % (2 * tol + 1));
        uint256 width = (spot * p.wingWidth) / _WAD - tol + ((seed >> 128) % (2 * tol + 1));
        k = isCall ? [short, short + width] : [short - width, short];
    }

    /// @dev An expiry time (08:00 UTC) anywhere in [now + min, now + max].
    function _expiryIn(uint256 min, uint256 max, uint256 seed) private view returns (uint256 e) {
        uint256 first = _grid(block.timestamp + min);
        uint256 days_ = (block.timestamp + max - first) / _DAY;
        e = first + (seed % (days_ + 1)) * _DAY;
    }
}

/// @notice Depositors funded by flash loans of the flash vault (the same vault that holds the hedge vault's
///         reserve), besides plain requests, claims, epochs, a keeper's condor and default rolls, feed moves and
///         time. A loan must be repaid in its transaction, so a borrowed deposit can only be cancelled again; an
///         epoch struck inside the loan would pay redemptions without the reserve (issue 14.4): it must revert.
contract FlashDepositorHandler is HedgeActions, IERC3156FlashBorrower {
    uint256 public loans;
    uint256 public epochsInsideLoans;
    uint256 public condors;

    constructor(
        HedgeLayerVault hedge_,
        OptionPool pool_,
        FlashLoanVault flash_,
        IndexFeed vol,
        IndexFeed index
    ) HedgeActions(hedge_, pool_, flash_, vol, index) {}

    /// @notice Borrows up to the whole flash vault, requests a deposit with it, tries to strike the epoch inside the
    ///         loan, cancels and repays. Nothing may change but the fee paid to the flash vault's holders (the hedge
    ///         vault's reserve among them).
    function flashDeposit(uint256 amount, bool tryEpoch) external {
        uint256 max = flash.maxFlashLoan(address(token));
        if (max == 0) return;
        amount = _bound(amount, 1, max);
        token.mint(address(this), flash.flashFee(address(token), amount));
        Price memory before = _price();
        uint256 balance = token.balanceOf(address(this));
        flash.flashLoan(this, address(token), amount, abi.encode(tryEpoch));
        ++loans;
        // The fee raises the flash vault's share price, so the reserve (and the NAV) may only grow.
        Price memory afterwards = _price();
        if (afterwards.supply != before.supply) _violate("flash deposit moved the supply");
        if (before.ok && afterwards.ok && afterwards.nav < before.nav)
            _violate("flash deposit lowered the NAV");
        if (token.balanceOf(address(this)) + flash.flashFee(address(token), amount) != balance) {
            _violate("flash deposit cost != its fee");
        }
        if (flash.flashLoanInProgress()) _violate("a loan stayed open");
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address,
        address,
        uint256 amount,
        uint256 fee,
        bytes calldata data
    ) external returns (bytes32) {
        token.approve(address(hedge), amount);
        hedge.requestDeposit(amount, address(this), address(this));
        if (abi.decode(data, (bool))) {
            try hedge.processEpoch() {
                ++epochsInsideLoans;
                _violate("epoch struck inside a loan");
            } catch {} // solhint-disable-line no-empty-blocks
        }
        hedge.cancelDepositRequest(address(this));
        token.approve(msg.sender, amount + fee);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }

    /// @notice A condor at the policy targets (the handler is a keeper), so that the NAV holds live positions.
    function openCondor() external {
        uint256 spot = _latest(indexFeed) * 1e10;
        uint256 shortPut = (spot * 95) / 100;
        uint256 shortCall = (spot * 104) / 100;
        uint256 wing = (spot * 3) / 100;
        uint256 expiry = _grid(block.timestamp + 30 days);
        try hedge.openCondor([shortPut - wing, shortPut], [shortCall, shortCall + wing], expiry, 0) {
            ++condors;
        } catch {} // solhint-disable-line no-empty-blocks
    }

    function rollDefault(uint256 layerSeed) external {
        try hedge.rollLayerDefault(layerSeed % 3) {} catch {} // solhint-disable-line no-empty-blocks
    }
}

/// @notice One deployment of the hedge side for every suite: a 6-decimals stablecoin, the flash vault (1,000,000
///         of LP money), the two feeds, the option pool (10,000,000 of LP money) and the vault with three layers.
abstract contract HedgeInvariantSetup is TestBase {
    MockERC20 internal _token;
    VolSurfaceOracle internal _volOracle;
    FlashLoanVault internal _flash;
    IndexFeed internal _vol;
    IndexFeed internal _index;
    OptionPool internal _pool;
    HedgeLayerVault internal _hedge;

    // A whole deployment (token, flash vault, feeds, pool, vault) in one place reads better than split up.
    // solhint-disable-next-line function-max-lines
    function _deploy(uint64 reserveDraw) internal {
        vm.warp(1_750_000_000);
        _token = new MockERC20("USD Coin", "USDC", 6);
        _volOracle = new VolSurfaceOracle(address(this));
        _flash = new FlashLoanVault(IERC20(address(_token)), "Flash", "fl", address(this), 5, 6);
        _vol = new IndexFeed(address(this), "VIX-like", 1, 1_000e8);
        _index = new IndexFeed(address(this), "SPX-like", 1, 100_000e8);
        _pool = new OptionPool(
            IERC20Metadata(address(_token)),
            new OptionPricer(_volOracle),
            address(this),
            IOptionPool.Params(
                1 days,
                365 days,
                28_800,
                3_600,
                7 days,
                0.5e18,
                3e18,
                0.005e18,
                0.01e18,
                0.8e18,
                0.05e18,
                0.05e18,
                3e18
            ),
            "LP",
            "LP"
        );
        _hedge = _deployHedge(reserveDraw);
        for (uint256 i; i < 2; ++i) {
            IndexFeed feed = i == 0 ? _vol : _index;
            feed.grantRole(feed.REPORTER_ROLE(), address(this));
            feed.pushRound(i == 0 ? int256(20e8) : int256(5_000e8), uint64(block.timestamp));
            _pool.configureFeed(address(feed), 1 days, 1 days);
        }
        _volOracle.grantRole(_volOracle.VOL_ORACLE_ROLE(), address(this));
        Surfaces.pushFlat(_volOracle, address(_vol), 0.8e18);
        Surfaces.pushFlat(_volOracle, address(_index), 0.18e18);
        _token.mint(address(this), 11_000_000e6);
        _token.approve(address(_pool), type(uint256).max);
        _pool.deposit(10_000_000e6, address(this));
        _token.approve(address(_flash), type(uint256).max);
        _flash.deposit(1_000_000e6, address(this));
    }

    /// @dev Makes `handler` a feed reporter and the vault's keeper, and the only fuzzed contract; with `seed`, two
    ///      first depositors' 1,000,000, struck in an epoch a day later (the keeper has a NAV to size from).
    function _start(HedgeActions handler, bool seed) internal {
        _vol.grantRole(_vol.REPORTER_ROLE(), address(handler));
        _index.grantRole(_index.REPORTER_ROLE(), address(handler));
        _volOracle.grantRole(_volOracle.VOL_ORACLE_ROLE(), address(handler));
        _hedge.grantRole(_hedge.KEEPER_ROLE(), address(handler));
        targetContract(address(handler));
        if (seed) _seed(handler);
    }

    /// @dev No rule broke (the handler's log), every claim is covered and the standard views keep their meaning.
    function _checkHandler(HedgeActions handler, address extra) internal view {
        vm.assertEq(handler.violations(), 0, handler.firstViolation());
        _checkClaims(handler, extra);
        _checkViews(handler, extra);
    }

    /// @dev ERC-4626: totalAssets, convertToShares and convertToAssets never revert (a revert fails the run), the
    ///      round trip never gains, and totalAssets is the epoch's low NAV whenever an epoch could be struck.
    ///      ERC-7540 with requestId 0 everywhere: no other id has a request; the controllers' pending amounts are
    ///      exactly the epochs' (nothing pending is also claimable, nothing is lost between the two).
    function _checkViews(HedgeActions handler, address extra) private view {
        uint256 nav = _hedge.totalAssets();
        vm.assertLe(_hedge.convertToAssets(_hedge.convertToShares(1e12)), 1e12, "convert round trip");
        _hedge.convertToAssets(type(uint128).max);
        try _hedge.epochNav() returns (uint256 low, uint256) {
            vm.assertEq(nav, low, "totalAssets != epoch low");
        } catch {} // solhint-disable-line no-empty-blocks
        IHedgeTypes.KeeperState memory s = _hedge.keeperState();
        uint256 pendingAssets;
        uint256 pendingShares;
        for (uint256 i; i < 4; ++i) {
            address who = i < 3 ? handler.actors(i) : extra;
            pendingAssets += _hedge.pendingDepositRequest(0, who);
            pendingShares += _hedge.pendingRedeemRequest(0, who);
            uint256 id = 1 + (uint256(keccak256(abi.encode(who, s.epoch))) % 1_000);
            vm.assertEq(
                _hedge.pendingDepositRequest(id, who) +
                    _hedge.claimableDepositRequest(id, who) +
                    _hedge.pendingRedeemRequest(id, who) +
                    _hedge.claimableRedeemRequest(id, who),
                0,
                "a request id other than 0"
            );
            vm.assertEq(
                _hedge.claimableDepositRequest(0, who),
                _hedge.maxDeposit(who),
                "claimable != maxDeposit"
            );
            vm.assertEq(
                _hedge.claimableRedeemRequest(0, who),
                _hedge.maxRedeem(who),
                "claimable != maxRedeem"
            );
        }
        vm.assertEq(pendingAssets, s.pendingDepositAssets, "pending deposits");
        vm.assertEq(pendingShares, s.pendingRedeemShares, "pending redemptions");
    }

    function _seed(HedgeActions handler) internal {
        handler.requestDeposit(0, 500_000e6);
        handler.requestDeposit(1, 500_000e6);
        handler.processEpoch();
        handler.claim(0);
        handler.claim(1);
    }

    /// @dev Claims never exceed the cash held (pending and queued deposits, idle and claimable redemptions), and the
    ///      share claims of the actors (held, claimable, pending and unfilled) never exceed the supply.
    function _checkClaims(HedgeActions handler, address extra) private view {
        IHedgeTypes.KeeperState memory s = _hedge.keeperState();
        uint256 claimable;
        uint256 shares;
        for (uint256 i; i < 4; ++i) {
            address who = i < 3 ? handler.actors(i) : extra;
            claimable += _hedge.maxWithdraw(who);
            shares +=
                _hedge.balanceOf(who) +
                _hedge.maxMint(who) +
                _hedge.pendingRedeemRequest(0, who) +
                _hedge.unfilledRedeemShares(who);
        }
        vm.assertLe(
            s.idle + s.pendingDepositAssets + claimable,
            _token.balanceOf(address(_hedge)),
            "cash claims"
        );
        vm.assertLe(shares, _hedge.totalSupply(), "share claims");
        IHedgeTypes.Leg[2] memory legs = [s.putLeg, s.callLeg];
        for (uint256 i; i < 2; ++i) {
            uint256 maxPayoff = (uint256(legs[i].size) * (legs[i].strikeHigh - legs[i].strikeLow)) / 1e30;
            vm.assertGe(legs[i].collateral, maxPayoff, "collateral");
        }
    }

    // The three layer policies and the vault's constructor arguments, written out.
    // solhint-disable-next-line function-max-lines
    function _deployHedge(uint64 reserveDraw) private returns (HedgeLayerVault) {
        HedgeBook.Wiring memory wiring = HedgeBook.Wiring({
            asset: IERC20(address(_token)),
            pool: _pool,
            flashVault: IERC4626(address(_flash)),
            volFeed: AggregatorV3Interface(address(_vol)),
            indexFeed: AggregatorV3Interface(address(_index)),
            feedHeartbeat: 1 days,
            layerCount: 3,
            tradingCutoff: 5 minutes,
            assetDecimals: 6
        });
        HedgeKeeperModule keeperModule = new HedgeKeeperModule(wiring);
        HedgeLensModule lensModule = new HedgeLensModule(wiring);
        IHedgePolicy.LayerPolicy[] memory layers = new IHedgePolicy.LayerPolicy[](3);
        for (uint256 i; i < 3; ++i) {
            uint32 tenor = uint32((30 + 30 * i) * 1 days);
            layers[i] = IHedgePolicy.LayerPolicy(
                uint64([0.15e18, 0.3e18, 0.5e18][i]),
                0.15e18,
                0.02e18,
                tenor - 5 days,
                tenor + 5 days,
                7 days,
                1 days,
                uint64([0.3e18, 0.2e18, 0.1e18][i]),
                0.02e18,
                0.8e18
            );
        }
        bytes memory args = abi.encode(
            HedgeLayerVault.Deployment(
                IERC20Metadata(address(_token)),
                _pool,
                IERC4626(address(_flash)),
                AggregatorV3Interface(address(_vol)),
                AggregatorV3Interface(address(_index)),
                1 days,
                5 minutes,
                address(this),
                "ALVH",
                "alvh"
            ),
            [address(keeperModule), address(lensModule)],
            IHedgePolicy.VaultPolicy(0.2e18, 1e18, reserveDraw, 30 days, 1 days, 0.02e18, 0.5e18, 2e18),
            IHedgePolicy.CondorPolicy(
                0.05e18,
                0.04e18,
                0.03e18,
                0.02e18,
                20 days,
                40 days,
                0.3e18,
                1e18,
                0.05e18,
                4
            ),
            layers
        );
        bytes memory initCode = abi.encodePacked(vm.getCode("HedgeLayerVault.sol"), args);
        address vault;
        assembly ("memory-safe") {
            vault := create(0, add(initCode, 0x20), mload(initCode))
        }
        if (vault == address(0)) revert VaultDeploymentFailed();
        return HedgeLayerVault(vault);
    }
}

/// @notice The hedge vault's money invariants under random requests, claims, rolls, condor trades, feed moves and
///         time (the vault draws 5 % of NAV per budget window, so layers are bought without a condor too).
contract HedgeLayerVaultInvariantTest is HedgeInvariantSetup {
    HedgeHandler private _handler;

    function setUp() public {
        _deploy(0.05e18);
        _handler = new HedgeHandler(_hedge, _pool, _flash, _vol, _index);
        _start(_handler, false);
    }

    /// @notice The handler's actions do work (so the invariants are not vacuous): deposits, epochs, rolls of all
    ///         three layers, a condor, redemptions and claims, time through expiries and settlement.
    function test_handlerActionsExecute() public {
        _seed(_handler);
        for (uint256 i; i < 3; ++i) _handler.roll(i);
        _handler.openCondor();
        _handler.requestRedeem(0, 50);
        _handler.processEpoch();
        _handler.claim(0);
        _handler.passTime(10 days);
        _handler.passTime(10 days);
        _handler.passTime(10 days);
        _handler.settle();
        // Stale feeds: no epoch can be struck, the views answer the worst case (the invariant checks them).
        uint256 priced = _hedge.totalAssets();
        _handler.staleFeeds(0);
        (bool struck, ) = address(_hedge).staticcall(abi.encodeCall(_hedge.epochNav, ()));
        vm.assertFalse(struck, "an epoch NAV from stale feeds");
        vm.assertLt(_hedge.totalAssets(), priced, "stale: worst case not below");
        invariant_moneyRules();
        _handler.passTime(1 hours);
        vm.assertEq(_handler.epochs(), 2, "epochs");
        vm.assertEq(_handler.rolls(), 3, "rolls");
        vm.assertEq(_handler.condors(), 1, "condors");
        vm.assertEq(_handler.violations(), 0, _handler.firstViolation());
        vm.assertEq(_hedge.expiredPositions(), 0, "settled");
        invariant_moneyRules();
    }

    /// @notice Cash and share claims are covered, the condor's collateral covers its payoff, every per-action rule
    ///         held (cash press, notional, reserve top-up, share price through epochs, requests and claims,
    ///         settlement at the marks, no share without a processed deposit).
    function invariant_moneyRules() public view {
        _checkHandler(_handler, address(0));
        if (_hedge.totalSupply() != 0) vm.assertGt(_handler.depositedProcessed(), 0, "shares without assets");
    }
}

/// @notice A hostile keeper (see HostileKeeperHandler) on the default vault policy: k = 1, no draw on NAV, at most
///         4 condor sales per 30-day window, no sale past realised condor losses of 5 % of lastNav.
contract HostileKeeperInvariantTest is HedgeInvariantSetup {
    HostileKeeperHandler private _handler;

    function setUp() public {
        _deploy(0);
        _handler = new HostileKeeperHandler(_hedge, _pool, _flash, _vol, _index);
        _start(_handler, true);
    }

    /// @notice The hostile handler's trades do execute (so the invariant is not vacuous).
    function test_hostileTradesExecute() public {
        _handler.openCondor(1, 2, 3);
        _handler.rollLayer(0, 5, 7, false);
        _handler.rollCondorSide(true, 11);
        _handler.closeCondor(0);
        _handler.openCondor(13, 17, 19);
        _handler.closeCondor(0);
        _handler.openCondor(23, 29, 31);
        _handler.closeCondor(0);
        _handler.openCondor(37, 41, 43); // the fifth sale of the window
        vm.assertEq(_handler.condorSales(), 4, "sales");
        vm.assertGe(_handler.trades(), 7, "trades");
        vm.assertEq(_handler.violations(), 0, _handler.firstViolation());
    }

    /// @notice Every keeper trade cost at most the pool's markup on what it opened, every layer purchase kept the
    ///         cash press, every condor sale the window's count and loss cap; claims stay covered.
    function invariant_hostileKeeperStaysInsideTheBounds() public view {
        _checkHandler(_handler, address(0));
    }
}

/// @notice Flash-loan-funded depositors (see FlashDepositorHandler) next to plain ones.
contract FlashDepositorInvariantTest is HedgeInvariantSetup {
    FlashDepositorHandler private _handler;

    function setUp() public {
        _deploy(0);
        _handler = new FlashDepositorHandler(_hedge, _pool, _flash, _vol, _index);
        _start(_handler, true);
    }

    /// @notice A flash-funded deposit with an epoch attempt inside the loan changes nothing but the fee.
    function test_flashDepositChangesNothing() public {
        _handler.openCondor();
        _handler.requestRedeem(0, 50);
        _handler.passTime(1 days);
        _handler.flashDeposit(500_000e6, true);
        vm.assertEq(_handler.loans(), 1, "loans");
        vm.assertEq(_handler.epochsInsideLoans(), 0, "epochs inside loans");
        vm.assertEq(_handler.violations(), 0, _handler.firstViolation());
        _handler.processEpoch();
        vm.assertEq(_handler.epochs(), 2, "epochs");
    }

    /// @notice No epoch inside a loan, flash-funded deposits change nothing but the fee, the share price never fell
    ///         through requests, claims and epochs; claims stay covered.
    function invariant_flashDepositorsGainNothing() public view {
        _checkHandler(_handler, address(_handler));
    }
}
