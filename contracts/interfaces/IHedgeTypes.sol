// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IHedgePolicy} from "./IHedgePolicy.sol";

/// @title IHedgeTypes
/// @notice Types, errors and events of the hedge vault (functions: IHedgeLayerVault).
/// @dev The tokenized ALVH: depositors' stablecoin finances a short index iron condor sold to the option
///         pool (its premium is the income), long volatility-index call-spread layers bought from the pool (the
///         hedge) and a reserve parked in the FlashLoanVault. Deposits and redemptions are asynchronous
///         requests in the ERC-7540 style, struck once per epoch at the NAV (see docs/hedge.md).
/// @dev Keeper-facing API (KEEPER_ROLE): `rollLayer`, `monetiseLayer`, `openCondor`, `closeCondor`,
///      `rollCondorSide`. Anyone: `settleExpired`, `processEpoch`, `rollLayerDefault` (policy-default
///      parameters, also run by the Chainlink upkeep `HedgeUpkeep`). One eth_call gives a keeper everything:
///      `keeperState()`. Cash is in the stablecoin's decimals, strikes and index levels 18-decimal points,
///      sizes 18-decimal contracts, fractions WAD.
interface IHedgeTypes is IHedgePolicy {
    // ---------------------------------------------------------------- types

    /// @notice A long layer position (size 0 = none).
    struct Layer {
        uint256 seriesId;
        uint128 size;
        uint64 expiry;
        uint64 lastRoll; // timestamp of the last roll (cooldown)
        uint128 strikeLow;
        uint128 strikeHigh;
    }

    /// @notice One short leg of the condor (size 0 = none).
    struct Leg {
        uint256 seriesId;
        uint128 size;
        uint64 expiry;
        uint128 strikeLow;
        uint128 strikeHigh;
        uint128 collateral; // cash posted: cashUp(size, width)
        uint128 premium; // cash received for it (its realised loss at close is what it cost beyond this)
    }

    /// @notice Everything a keeper needs in one call.
    struct KeeperState {
        Layer[] layers;
        LayerPolicy[] layerPolicies;
        Leg putLeg;
        Leg callLeg;
        CondorPolicy condorPolicy;
        VaultPolicy vaultPolicy;
        uint256 budgetWindowStart;
        int256 layerNet; // this window: layer premium paid - close/monetisation proceeds - settlement payoffs
        int256 condorNet; // this window: condor premium received - buy-backs - settlement payoffs owed
        uint256 budget; // net layer spending still allowed in this window (0 when the window is over budget)
        uint256 condorLoss; // this window: realised condor losses (what closed legs cost beyond their premium)
        uint256 condorOpens; // this window: condor sales (openCondor, rollCondorSide)
        uint256 epoch;
        uint256 epochStart;
        uint256 pendingDepositAssets; // the open epoch's, plus those queued for the next one
        uint256 pendingRedeemShares; // the open epoch's, plus those queued for the next one
        uint256 idle;
        uint256 reserveAssets;
        uint256 nav;
        uint256 lastNav; // NAV after the last epoch: sizes and caps are shares of it
        uint256 totalSupply;
        bool navOk; // false when no epoch could be struck now (see `epochNav`); nav is then 0
        bool paused;
    }

    // ---------------------------------------------------------------- errors

    /// @notice A zero address was given where one is required.
    error ZeroAddress();
    /// @notice An amount of zero was requested.
    error ZeroAmount();
    /// @notice `caller` is neither `controller` nor one of its operators.
    error NotControllerOrOperator(address caller, address controller);
    /// @notice A claim asked for `requested`, more than the `claimable` amount.
    error ClaimAboveClaimable(uint256 requested, uint256 claimable);
    /// @notice The controller has no pending request of that kind to cancel.
    error NothingToCancel(address controller);
    /// @notice The controller has no unfilled redemption shares to claim back.
    error NoUnfilledShares(address controller);
    /// @notice The epoch cannot be processed before `dueAt`.
    error EpochNotDue(uint256 epoch, uint256 dueAt);
    /// @notice The layer index is not below the number of layers.
    error LayerIndexOutOfRange(uint256 layer, uint256 count);
    /// @notice The layer is not inside its roll window yet (it becomes due at `dueAt`).
    error LayerRollNotDue(uint256 layer, uint256 dueAt);
    /// @notice The layer was rolled too recently (`availableAt` is the end of its cooldown).
    error LayerInCooldown(uint256 layer, uint256 availableAt);
    /// @notice The index has not reached the monetisation trigger of the layer.
    error LayerNotTriggered(uint256 layer, uint256 index, uint256 triggerLevel);
    /// @notice The position's series is in the pool's trading cutoff: it can only be settled after `expiry`.
    error PositionInCutoff(uint256 seriesId, uint256 expiry);
    /// @notice A strike lies outside the policy band [min, max].
    error StrikeOutsideBand(uint256 strike, uint256 min, uint256 max);
    /// @notice The expiry lies outside the policy tenor window [min, max].
    error ExpiryOutsideWindow(uint256 expiry, uint256 min, uint256 max);
    /// @notice The keeper intensity multiplier is outside [min, max].
    error IntensityOutOfBounds(uint256 intensity, uint256 min, uint256 max);
    /// @notice The premium to receive is below `floor` = max(quote x (1 - slippage), keeper limit).
    error PremiumBelowFloor(uint256 premium, uint256 floor);
    /// @notice The layer purchase would bring the window's net layer spending to `layerNet`, above `budget` =
    ///         budgetMultiple x the window's condor net income + reserveDraw x lastNav (the cash press).
    error HedgeBudgetExceeded(int256 layerNet, int256 budget);
    /// @notice The budget window has seen `opens` condor sales already, the policy's `maxOpens`.
    error CondorOpenLimit(uint256 opens, uint256 maxOpens);
    /// @notice The budget window's realised condor losses `loss` exceed `cap` = lossCap x lastNav: no new sale.
    error CondorLossCapReached(uint256 loss, uint256 cap);
    /// @notice An epoch cannot be struck while the flash vault (the reserve) has a loan open: its liquidity is
    ///         lent out, so redemptions could not reach the reserve.
    error ReserveLoanInProgress();
    /// @notice An epoch cannot be struck while expired `seriesId` has no settlement round (its payoff is unknown).
    error SettlementRoundMissing(uint256 seriesId, uint256 expiry);
    /// @notice The condor's maximum loss `loss` would exceed `max` = maxLoss x NAV.
    error CondorLossAboveMax(uint256 loss, uint256 max);
    /// @notice A condor is open already.
    error CondorAlreadyOpen();
    /// @notice No condor is open.
    error NoCondorOpen();
    /// @notice The trade needs `needed` idle cash, only `available` is idle.
    error InsufficientIdle(uint256 needed, uint256 available);
    /// @notice The size computed from the policy is zero.
    error SizeZero();
    /// @notice ERC-7540: an asynchronous vault has no previews (previewDeposit/Mint/Redeem/Withdraw always revert).
    error AsyncFlowNoPreview();

    // ---------------------------------------------------------------- events

    /// @notice ERC-7540: `owner` requested a deposit of `assets` for `controller` (requestId is always 0).
    event DepositRequest(
        address indexed controller,
        address indexed owner,
        uint256 indexed requestId,
        address sender,
        uint256 assets
    );
    /// @notice ERC-7540: `owner` requested the redemption of `shares` for `controller` (requestId is always 0).
    event RedeemRequest(
        address indexed controller,
        address indexed owner,
        uint256 indexed requestId,
        address sender,
        uint256 shares
    );
    /// @notice ERC-7540: `controller` set `operator`'s approval.
    event OperatorSet(address indexed controller, address indexed operator, bool approved);
    /// @notice ERC-4626: a claimable deposit of `assets` was claimed as `shares` sent to `owner`.
    event Deposit(address indexed sender, address indexed owner, uint256 assets, uint256 shares);
    /// @notice ERC-4626: a claimable redemption of `shares` of `owner` paid `assets` to `receiver`.
    event Withdraw(
        address indexed sender,
        address indexed receiver,
        address indexed owner,
        uint256 assets,
        uint256 shares
    );
    /// @notice `controller`'s pending deposit of epoch `epoch` was cancelled and its `assets` returned to it.
    event DepositRequestCancelled(address indexed controller, uint256 indexed epoch, uint256 assets);
    /// @notice `controller`'s pending redemption of epoch `epoch` was cancelled and its `shares` returned to it.
    event RedeemRequestCancelled(address indexed controller, uint256 indexed epoch, uint256 shares);
    /// @notice `controller` claimed back `shares` that pro-rata epochs could not redeem; they went to `receiver`.
    event UnfilledSharesClaimed(address indexed controller, address indexed receiver, uint256 shares);
    /// @notice Epoch `epoch` was struck at `nav` over `supply` shares.
    event EpochProcessed(
        uint256 indexed epoch,
        uint256 nav,
        uint256 supply,
        uint256 depositAssets,
        uint256 sharesMinted,
        uint256 redeemShares,
        uint256 sharesBurned,
        uint256 assetsPaid
    );
    /// @notice Cash moved between idle and the reserve (`toReserve` true: deposited into the flash vault).
    event ReserveMoved(bool toReserve, uint256 assets);
    /// @notice A layer was rolled: the old position closed for `proceeds`, the new bought for `premium`.
    event LayerRolled(
        uint256 indexed layer,
        uint256 oldSeriesId,
        uint256 indexed newSeriesId,
        uint256 size,
        uint256 premium,
        uint256 proceeds,
        bool monetised
    );
    /// @notice A condor leg was sold (`isCall` false: the put spread) for `premium`, posting `collateral`.
    event CondorLegOpened(
        bool indexed isCall,
        uint256 indexed seriesId,
        uint256 size,
        uint256 premium,
        uint256 collateral
    );
    /// @notice A condor leg was closed, returning `returned` cash net of the buy-back or the payoff owed.
    event CondorLegClosed(bool indexed isCall, uint256 indexed seriesId, uint256 size, uint256 returned);
    /// @notice An expired position in `seriesId` was settled, bringing `cash` back to idle.
    event PositionSettled(uint256 indexed seriesId, uint256 cash);
    /// @notice The budget window's figures after a layer or condor trade or settlement (the cash press):
    ///         `layerNet` <= budgetMultiple x `condorNet` + reserveDraw x lastNav is checked at every layer purchase.
    event BudgetWindowUpdated(
        uint256 indexed windowStart,
        int256 layerNet,
        int256 condorNet,
        uint256 condorLoss,
        uint256 condorOpens
    );
    /// @notice Epoch `epoch` paid redemptions at NAV `low` but struck deposits at `high`: a position could not be
    ///         priced (its feed is not registered in the pool), so each side got the price that favours the others.
    event EpochNavBracket(uint256 indexed epoch, uint256 low, uint256 high);
}
