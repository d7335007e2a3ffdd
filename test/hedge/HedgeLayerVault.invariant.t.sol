// SPDX-License-Identifier: MIT
// The handler lives beside its test: the Solidity test runner only fuzzes contracts of the files it runs.
// solhint-disable-next-line one-contract-per-file
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
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

/// @notice Invariant handler: deposit/redeem requests, cancels, claims, epochs, default layer rolls, condor
///         trades, feed moves and time, by three actors. Never reverts. It is the vault's governor and keeper,
///         the feeds' reporter and the pool's admin. Records every violation of a per-action rule.
contract HedgeHandler {
    // solhint-disable-next-line const-name-snakecase
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 private constant _WAD = 1e18;
    uint256 private constant _DAY = 1 days;

    MockERC20 public immutable token;
    IndexFeed public immutable volFeed;
    IndexFeed public immutable indexFeed;
    OptionPool public immutable pool;
    HedgeLayerVault public immutable hedge;
    VolSurfaceOracle public immutable volOracle;
    address[3] public actors;

    uint256 public violations;
    uint256 public depositedProcessed;
    uint256 public epochs;
    uint256 public rolls;
    uint256 public condors;

    constructor(
        HedgeLayerVault hedge_,
        OptionPool pool_,
        IndexFeed vol,
        IndexFeed index,
        MockERC20 token_,
        VolSurfaceOracle volOracle_
    ) {
        (hedge, pool, volFeed, indexFeed, token, volOracle) = (hedge_, pool_, vol, index, token_, volOracle_);
        actors = [address(0xA11CE), address(0xB0B), address(0xCA401)];
    }

    // ---------------------------------------------------------------- requests

    function requestDeposit(uint256 actorSeed, uint256 assets) external {
        address actor = _actor(actorSeed);
        assets = _bound(assets, 1e6, 500_000e6);
        token.mint(actor, assets);
        vm.startPrank(actor);
        token.approve(address(hedge), assets);
        try hedge.requestDeposit(assets, actor, actor) {} catch {} // solhint-disable-line no-empty-blocks
        vm.stopPrank();
    }

    function requestRedeem(uint256 actorSeed, uint256 fraction) external {
        address actor = _actor(actorSeed);
        uint256 shares = (hedge.balanceOf(actor) * _bound(fraction, 1, 100)) / 100;
        if (shares == 0) return;
        vm.prank(actor);
        hedge.requestRedeem(shares, actor, actor);
    }

    function cancel(uint256 actorSeed, bool deposits) external {
        address actor = _actor(actorSeed);
        vm.prank(actor);
        if (deposits) {
            try hedge.cancelDepositRequest(actor) {} catch {} // solhint-disable-line no-empty-blocks
        } else {
            try hedge.cancelRedeemRequest(actor) {} catch {} // solhint-disable-line no-empty-blocks
        }
    }

    function claim(uint256 actorSeed) external {
        address actor = _actor(actorSeed);
        vm.startPrank(actor);
        uint256 assets = hedge.maxDeposit(actor);
        if (assets != 0) hedge.deposit(assets, actor, actor);
        uint256 shares = hedge.maxRedeem(actor);
        if (shares != 0) hedge.redeem(shares, actor, actor);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- epochs and strategy

    function processEpoch() external {
        _warp(1 days);
        IHedgeTypes.KeeperState memory s = hedge.keeperState();
        uint256 supply = hedge.totalSupply();
        try hedge.processEpoch() {
            ++epochs;
            depositedProcessed += s.pendingDepositAssets;
            IHedgeTypes.KeeperState memory a = hedge.keeperState();
            // No share without assets: shares appear only against processed deposits.
            if (s.pendingDepositAssets == 0 && hedge.totalSupply() > supply) ++violations;
            // The reserve is topped up to its minimum whenever idle cash allows.
            uint256 target = (a.lastNav * a.vaultPolicy.reserveMin) / _WAD;
            if (a.reserveAssets + 2 < target && a.idle != 0) ++violations;
        } catch {} // solhint-disable-line no-empty-blocks
    }

    function roll(uint256 layerSeed) external {
        uint256 layer = _bound(layerSeed, 0, 2);
        try hedge.rollLayerDefault(layer) {
            ++rolls;
            IHedgeTypes.KeeperState memory s = hedge.keeperState();
            IHedgePolicy.LayerPolicy memory p = s.layerPolicies[layer];
            // Policy bounds: spending within the budget, size within notional x lastNav at the vol level.
            uint256 budget =
                (s.premiumReceived * s.vaultPolicy.budgetMultiple) / _WAD +
                    (s.lastNav * s.vaultPolicy.reserveDraw) / _WAD;
            if (s.premiumSpent > budget) ++violations;
            (, int256 vol, , , ) = volFeed.latestRoundData();
            uint256 maxSize = (((s.lastNav * p.notional) / _WAD) * 1e30) / (uint256(vol) * 1e10);
            if (s.layers[layer].size > maxSize) ++violations;
        } catch {} // solhint-disable-line no-empty-blocks
    }

    function openCondor() external {
        (, int256 answer, , , ) = indexFeed.latestRoundData();
        uint256 spot = uint256(answer) * 1e10;
        uint256 shortPut = (spot * 95) / 100;
        uint256 shortCall = (spot * 104) / 100;
        uint256 wing = (spot * 3) / 100;
        uint256 t = block.timestamp + 30 days;
        uint256 expiry = t - (t % 1 days) + 28_800;
        try hedge.openCondor([shortPut - wing, shortPut], [shortCall, shortCall + wing], expiry, 0) {
            ++condors;
        } catch {} // solhint-disable-line no-empty-blocks
    }

    function closeCondor() external {
        try hedge.closeCondor(type(uint256).max) {} catch {} // solhint-disable-line no-empty-blocks
    }

    function settle() external {
        try hedge.settleExpired() {} catch {} // solhint-disable-line no-empty-blocks
    }

    // ---------------------------------------------------------------- market and time

    function moveFeeds(uint256 volSeed, uint256 indexSeed) external {
        _push(volFeed, _bound(volSeed, 10e8, 80e8));
        _push(indexFeed, _bound(indexSeed, 4_000e8, 6_000e8));
    }

    function passTime(uint256 seconds_) external {
        _warp(_bound(seconds_, 1 hours, 10 days));
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Moves time forward with a feed round just after every expiry time (08:00 UTC) on the way.
    function _warp(uint256 by) private {
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

    function _refresh() private {
        (, int256 v, , , ) = volFeed.latestRoundData();
        (, int256 i, , , ) = indexFeed.latestRoundData();
        _push(volFeed, uint256(v));
        _push(indexFeed, uint256(i));
    }

    function _push(IndexFeed feed, uint256 answer) private {
        feed.pushRound(int256(answer), uint64(block.timestamp));
        Surfaces.pushFlat(volOracle, address(feed), feed == volFeed ? 0.8e18 : 0.18e18); // as fresh as the feed
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % 3];
    }

    function _bound(uint256 x, uint256 min, uint256 max) private pure returns (uint256) {
        if (x >= min && x <= max) return x;
        return min + (x % (max - min + 1));
    }
}

/// @notice The hedge vault's money invariants under random requests, claims, rolls, condor trades, feed moves
///         and time.
contract HedgeLayerVaultInvariantTest is TestBase {
    HedgeHandler private _handler;
    HedgeLayerVault private _hedge;
    MockERC20 private _token;
    VolSurfaceOracle private _volOracle;

    // A whole deployment (token, flash vault, feeds, pool, vault) in one place reads better than split up.
    // solhint-disable-next-line function-max-lines
    function setUp() public {
        vm.warp(1_750_000_000);
        _token = new MockERC20("USD Coin", "USDC", 6);
        _volOracle = new VolSurfaceOracle(address(this));
        FlashLoanVault flash = new FlashLoanVault(
            IERC20(address(_token)),
            "Flash",
            "fl",
            address(this),
            5,
            6
        );
        IndexFeed vol = new IndexFeed(address(this), "VIX-like", 1, 1_000e8);
        IndexFeed index = new IndexFeed(address(this), "SPX-like", 1, 100_000e8);
        OptionPool pool = new OptionPool(
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
        _hedge = _deployHedge(pool, flash, vol, index);
        _handler = new HedgeHandler(_hedge, pool, vol, index, _token, _volOracle);
        for (uint256 i; i < 2; ++i) {
            IndexFeed feed = i == 0 ? vol : index;
            feed.grantRole(feed.REPORTER_ROLE(), address(this));
            feed.grantRole(feed.REPORTER_ROLE(), address(_handler));
            feed.pushRound(i == 0 ? int256(20e8) : int256(5_000e8), uint64(block.timestamp));
            pool.configureFeed(address(feed), 1 days, 1 days);
        }
        _volOracle.grantRole(_volOracle.VOL_ORACLE_ROLE(), address(this));
        _volOracle.grantRole(_volOracle.VOL_ORACLE_ROLE(), address(_handler));
        Surfaces.pushFlat(_volOracle, address(vol), 0.8e18);
        Surfaces.pushFlat(_volOracle, address(index), 0.18e18);
        _token.mint(address(this), 11_000_000e6);
        _token.approve(address(pool), type(uint256).max);
        pool.deposit(10_000_000e6, address(this));
        _token.approve(address(flash), type(uint256).max);
        flash.deposit(1_000_000e6, address(this));
        _hedge.grantRole(_hedge.KEEPER_ROLE(), address(_handler));
        targetContract(address(_handler));
    }

    // The three layer policies and the vault's constructor arguments, written out.
    // solhint-disable-next-line function-max-lines
    function _deployHedge(
        OptionPool pool,
        FlashLoanVault flash,
        IndexFeed vol,
        IndexFeed index
    ) private returns (HedgeLayerVault) {
        HedgeBook.Wiring memory wiring = HedgeBook.Wiring({
            asset: IERC20(address(_token)),
            pool: pool,
            flashVault: IERC4626(address(flash)),
            volFeed: AggregatorV3Interface(address(vol)),
            indexFeed: AggregatorV3Interface(address(index)),
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
                pool,
                IERC4626(address(flash)),
                AggregatorV3Interface(address(vol)),
                AggregatorV3Interface(address(index)),
                1 days,
                5 minutes,
                address(this),
                "ALVH",
                "alvh"
            ),
            [address(keeperModule), address(lensModule)],
            IHedgePolicy.VaultPolicy(0.2e18, 1e18, 0.05e18, 30 days, 1 days, 0.02e18, 0.5e18, 2e18),
            IHedgePolicy.CondorPolicy(0.05e18, 0.04e18, 0.03e18, 0.02e18, 20 days, 40 days, 0.3e18, 1e18),
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

    /// @notice The handler's actions do work (so the invariants are not vacuous): deposits, epochs, rolls of all
    ///         three layers, a condor, redemptions and claims, time through expiries and settlement.
    function test_handlerActionsExecute() public {
        _handler.requestDeposit(0, 400_000e6);
        _handler.requestDeposit(1, 300_000e6);
        _handler.processEpoch();
        _handler.claim(0);
        _handler.claim(1);
        for (uint256 i; i < 3; ++i) _handler.roll(i);
        _handler.openCondor();
        _handler.requestRedeem(0, 50);
        _handler.processEpoch();
        _handler.claim(0);
        _handler.passTime(10 days);
        _handler.passTime(10 days);
        _handler.passTime(10 days);
        _handler.settle();
        vm.assertEq(_handler.epochs(), 2, "epochs");
        vm.assertEq(_handler.rolls(), 3, "rolls");
        vm.assertEq(_handler.condors(), 1, "condors");
        vm.assertEq(_handler.violations(), 0, "violations");
        vm.assertEq(_hedge.expiredPositions(), 0, "settled");
        invariant_claimsCovered();
        invariant_condorCollateralCoversMaxLoss();
    }

    /// @notice Claims never exceed the cash held: pending deposits + idle + claimable redemptions <= balance.
    function invariant_claimsCovered() public view {
        IHedgeTypes.KeeperState memory s = _hedge.keeperState();
        uint256 claimable;
        for (uint256 i; i < 3; ++i) claimable += _hedge.maxWithdraw(_handler.actors(i));
        vm.assertLe(s.idle + s.pendingDepositAssets + claimable, _token.balanceOf(address(_hedge)), "claims");
    }

    /// @notice The condor's collateral covers each leg's maximum payoff.
    function invariant_condorCollateralCoversMaxLoss() public view {
        IHedgeTypes.KeeperState memory s = _hedge.keeperState();
        IHedgeTypes.Leg[2] memory legs = [s.putLeg, s.callLeg];
        for (uint256 i; i < 2; ++i) {
            uint256 maxPayoff = (uint256(legs[i].size) * (legs[i].strikeHigh - legs[i].strikeLow)) / 1e30;
            vm.assertGe(legs[i].collateral, maxPayoff, "collateral");
        }
    }

    /// @notice Per-action rules (budget, notional, reserve top-up, no share without assets) never broke.
    function invariant_rulesHeld() public view {
        vm.assertEq(_handler.violations(), 0, "violations");
    }

    /// @notice Shares exist only if deposits were processed.
    function invariant_noSharesWithoutAssets() public view {
        if (_hedge.totalSupply() != 0) vm.assertGt(_handler.depositedProcessed(), 0, "shares without assets");
    }
}
