// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IHedgeTypes} from "./IHedgeTypes.sol";

/// @title IHedgeLayerVault
/// @notice The tokenized ALVH: depositors' stablecoin finances a short index iron condor sold to the option
///         pool (its premium is the income), long volatility-index call-spread layers bought from the pool (the
///         hedge) and a reserve parked in the FlashLoanVault. Deposits and redemptions are asynchronous
///         ERC-7540 requests (the vault is its own ERC-7575 share), struck once per epoch at the NAV (see
///         docs/hedge.md, "Standards"). Types, errors
///         and events: IHedgeTypes.
/// @dev Keeper-facing API (KEEPER_ROLE): `rollLayer`, `monetiseLayer`, `openCondor`, `closeCondor`,
///      `rollCondorSide`. Anyone: `settleExpired`, `processEpoch`, `rollLayerDefault` (policy-default
///      parameters, also run by the Chainlink upkeep `HedgeUpkeep`). One eth_call gives a keeper everything:
///      `keeperState()`. Cash is in the stablecoin's decimals, strikes and index levels 18-decimal points,
///      sizes 18-decimal contracts, fractions WAD.
interface IHedgeLayerVault is IHedgeTypes {
    // ---------------------------------------------------------------- policy (governance)

    /// @notice Sets the vault-wide policy. Only the governor (DEFAULT_ADMIN_ROLE, a TimelockController).
    /// @param policy The new policy (each field within bounds).
    function setVaultPolicy(VaultPolicy calldata policy) external;

    /// @notice Sets one layer's policy. Only the governor.
    /// @param layer The layer index (< layerCount).
    /// @param policy The new policy (each field within bounds, tenorMin <= tenorMax, rollWindow < tenorMin).
    function setLayerPolicy(uint256 layer, LayerPolicy calldata policy) external;

    /// @notice Sets the condor policy. Only the governor.
    /// @param policy The new policy (each field within bounds, tenorMin <= tenorMax).
    function setCondorPolicy(CondorPolicy calldata policy) external;

    // ---------------------------------------------------------------- requests (ERC-7540)

    /// @notice ERC-7540: requests a deposit: pulls `assets` from `owner` (must be the caller or have made it its
    ///         operator); shares become claimable by `controller` once the epoch is processed. Not when paused.
    ///         A request made once the open epoch is due (its price may be known) joins the next epoch; the
    ///         controller's earlier requests stay where they are.
    /// @param assets Stablecoin amount.
    /// @param controller Who controls (claims or cancels) the request.
    /// @param owner Whose assets are pulled.
    /// @return requestId Always 0: a controller's requests are aggregated (ERC-7540, "Request Ids").
    function requestDeposit(
        uint256 assets,
        address controller,
        address owner
    ) external returns (uint256 requestId);

    /// @notice ERC-7540: requests a redemption: moves `shares` from `owner` into escrow; assets become claimable by
    ///         `controller` once the epoch is processed. When cash is short the epoch fills every redemption pro
    ///         rata and the rest becomes `unfilledRedeemShares(controller)`. Also when paused. A request made once
    ///         the open epoch is due joins the next epoch; the controller's earlier requests stay where they are.
    /// @param shares Vault shares.
    /// @param controller Who controls the request.
    /// @param owner Whose shares are escrowed (caller, its operator, or an allowance).
    /// @return requestId Always 0 (see `requestDeposit`).
    function requestRedeem(
        uint256 shares,
        address controller,
        address owner
    ) external returns (uint256 requestId);

    /// @notice Cancels `controller`'s pending deposits (of the open epoch and queued for the next) and returns
    ///         their assets to `controller`.
    /// @param controller The controller (caller or its operator).
    /// @return assets Assets returned to `controller`.
    function cancelDepositRequest(address controller) external returns (uint256 assets);

    /// @notice Cancels `controller`'s pending redemptions (of the open epoch and queued for the next) and returns
    ///         their shares to `controller`.
    /// @param controller The controller (caller or its operator).
    /// @return shares Shares returned to `controller`.
    function cancelRedeemRequest(address controller) external returns (uint256 shares);

    /// @notice Claims the shares of `controller`'s redemptions that pro-rata epochs could not fill
    ///         (`unfilledRedeemShares`), sending them to `receiver`.
    /// @param receiver Receives the shares.
    /// @param controller The controller (caller or its operator): the party that controls the request.
    /// @return shares Shares sent.
    function claimUnfilledShares(address receiver, address controller) external returns (uint256 shares);

    /// @notice ERC-7540: approves or revokes `operator` for the caller's requests.
    /// @param operator The operator.
    /// @param approved Approval.
    /// @return Always true.
    function setOperator(address operator, bool approved) external returns (bool);

    /// @notice ERC-7540: whether `operator` may act for `controller`.
    /// @param controller The controller.
    /// @param operator The operator.
    /// @return status The approval.
    function isOperator(address controller, address operator) external view returns (bool status);

    /// @notice ERC-7540: assets of `controller`'s deposit requests that are pending (open epoch and next).
    /// @param requestId 0 (every request's id); any other id has no request: 0.
    /// @param controller The controller.
    /// @return pendingAssets Assets pending.
    function pendingDepositRequest(
        uint256 requestId,
        address controller
    ) external view returns (uint256 pendingAssets);

    /// @notice ERC-7540: assets of `controller`'s deposit requests that are claimable as shares (= `maxDeposit`).
    /// @param requestId 0 (every request's id); any other id has no request: 0.
    /// @param controller The controller.
    /// @return claimableAssets Assets claimable.
    function claimableDepositRequest(
        uint256 requestId,
        address controller
    ) external view returns (uint256 claimableAssets);

    /// @notice ERC-7540: shares of `controller`'s redemption requests that are pending (open epoch and next).
    /// @param requestId 0 (every request's id); any other id has no request: 0.
    /// @param controller The controller.
    /// @return pendingShares Shares pending.
    function pendingRedeemRequest(
        uint256 requestId,
        address controller
    ) external view returns (uint256 pendingShares);

    /// @notice ERC-7540: shares of `controller`'s redemption requests that are claimable as assets (= `maxRedeem`).
    /// @param requestId 0 (every request's id); any other id has no request: 0.
    /// @param controller The controller.
    /// @return claimableShares Shares claimable.
    function claimableRedeemRequest(
        uint256 requestId,
        address controller
    ) external view returns (uint256 claimableShares);

    /// @notice Shares of `controller`'s processed redemptions that pro-rata epochs could not fill: neither pending
    ///         nor claimable as assets, held for `controller` until it claims them (`claimUnfilledShares`).
    /// @param controller The controller.
    /// @return shares Unfilled shares.
    function unfilledRedeemShares(address controller) external view returns (uint256 shares);

    /// @notice Claims `assets` of `controller`'s claimable deposit as shares sent to `receiver` (rounded down).
    /// @param assets Claimable assets to convert.
    /// @param receiver Receives the shares.
    /// @param controller The controller (caller or its operator).
    /// @return shares Shares sent.
    function deposit(uint256 assets, address receiver, address controller) external returns (uint256 shares);

    /// @notice ERC-4626 `deposit`: claims `assets` of the caller's own claimable deposit (controller =
    ///         msg.sender), for integrators that only know ERC-4626.
    /// @param assets Claimable assets to convert.
    /// @param receiver Receives the shares.
    /// @return shares Shares sent.
    function deposit(uint256 assets, address receiver) external returns (uint256 shares);

    /// @notice ERC-4626 `mint`: claims exactly `shares` of the caller's own claimable deposit (controller =
    ///         msg.sender).
    /// @param shares Shares to receive.
    /// @param receiver Receives the shares.
    /// @return assets Claimable assets consumed.
    function mint(uint256 shares, address receiver) external returns (uint256 assets);

    /// @notice Claims exactly `shares` of `controller`'s claimable deposit (assets consumed rounded up).
    /// @param shares Shares to receive.
    /// @param receiver Receives the shares.
    /// @param controller The controller (caller or its operator).
    /// @return assets Claimable assets consumed.
    function mint(uint256 shares, address receiver, address controller) external returns (uint256 assets);

    /// @notice Claims `shares` of `controller`'s claimable redemption, paying assets to `receiver` (rounded down).
    /// @param shares Claimable shares.
    /// @param receiver Receives the assets.
    /// @param controller The controller (caller or its operator).
    /// @return assets Assets paid.
    function redeem(uint256 shares, address receiver, address controller) external returns (uint256 assets);

    /// @notice Claims exactly `assets` of `controller`'s claimable redemption (shares consumed rounded up).
    /// @param assets Assets to receive.
    /// @param receiver Receives the assets.
    /// @param controller The controller (caller or its operator).
    /// @return shares Claimable shares consumed.
    function withdraw(uint256 assets, address receiver, address controller) external returns (uint256 shares);

    // ---------------------------------------------------------------- ERC-4626 views

    /// @notice ERC-4626: the stablecoin.
    /// @return The asset's address.
    function asset() external view returns (address);

    /// @notice ERC-7575: the share token, which is the vault itself.
    /// @return The vault's address.
    function share() external view returns (address);

    /// @notice ERC-4626: the NAV: idle + reserve + layers at the bid - condor at the ask to close + condor collateral,
    ///         rounded down everywhere. Never reverts for want of a mark: a position that cannot be priced now
    ///         (its feed or surface stale, its feed unregistered, expired without its settlement round) counts at its
    ///         worst case (a layer 0, a condor leg its whole collateral lost). Equal to `epochNav().low` whenever an
    ///         epoch can be struck; no epoch is struck from this value.
    /// @return Cash.
    function totalAssets() external view returns (uint256);

    /// @notice The NAV an epoch would strike now: redemptions are paid at `low`, deposits struck at `high`. They are
    ///         equal unless a live position's feed is not registered in the pool (then it counts at its worst case
    ///         in `low` and its best case in `high`). Reverts (and `processEpoch` with it) while the flash vault of
    ///         the reserve has a loan open (`ReserveLoanInProgress`), while an expired position has no settlement
    ///         round (`SettlementRoundMissing`) and while a feed or surface is stale.
    /// @return low The NAV for redemptions (= `totalAssets()`).
    /// @return high The NAV for deposits.
    function epochNav() external view returns (uint256 low, uint256 high);

    /// @notice ERC-4626: shares for `assets` at the NAV deposits would be struck at (every position that cannot be
    ///         priced now at its best case; virtual shares; rounded down). Indicative: epochs strike their own price.
    ///         Never reverts (but for an overflow of an unreasonably large input).
    /// @param assets Cash.
    /// @return Shares.
    function convertToShares(uint256 assets) external view returns (uint256);

    /// @notice ERC-4626: assets for `shares` at `totalAssets()` (rounded down). Indicative. Never reverts (but for an
    ///         overflow of an unreasonably large input).
    /// @param shares Shares.
    /// @return Cash.
    function convertToAssets(uint256 shares) external view returns (uint256);

    /// @notice Claimable deposit assets of `controller` (what `deposit` accepts).
    /// @param controller The controller.
    /// @return Assets.
    function maxDeposit(address controller) external view returns (uint256);

    /// @notice Claimable deposit shares of `controller` (what `mint` accepts).
    /// @param controller The controller.
    /// @return Shares.
    function maxMint(address controller) external view returns (uint256);

    /// @notice Claimable redemption shares of `controller` (what `redeem` accepts).
    /// @param controller The controller.
    /// @return Shares.
    function maxRedeem(address controller) external view returns (uint256);

    /// @notice Claimable redemption assets of `controller` (what `withdraw` accepts).
    /// @param controller The controller.
    /// @return Assets.
    function maxWithdraw(address controller) external view returns (uint256);

    /// @notice ERC-7540 (asynchronous deposits): always reverts with `AsyncFlowNoPreview` (the price is struck
    ///         later, at `processEpoch`).
    /// @param assets Ignored.
    /// @return Never returns.
    function previewDeposit(uint256 assets) external view returns (uint256);

    /// @notice ERC-7540 (asynchronous deposits): always reverts with `AsyncFlowNoPreview`.
    /// @param shares Ignored.
    /// @return Never returns.
    function previewMint(uint256 shares) external view returns (uint256);

    /// @notice ERC-7540 (asynchronous redemptions): always reverts with `AsyncFlowNoPreview`.
    /// @param shares Ignored.
    /// @return Never returns.
    function previewRedeem(uint256 shares) external view returns (uint256);

    /// @notice ERC-7540 (asynchronous redemptions): always reverts with `AsyncFlowNoPreview`.
    /// @param assets Ignored.
    /// @return Never returns.
    function previewWithdraw(uint256 assets) external view returns (uint256);

    // ---------------------------------------------------------------- epochs

    /// @notice Strikes the epoch's share price from the NAV (`epochNav`: redemptions at its low, deposits at its
    ///         high), fills redemptions (from idle, then the reserve; pro-rata when short), mints deposits, tops the
    ///         reserve up to its minimum. Anyone; also when paused. Reverts when `epochNav` does.
    /// @return nav The NAV redemptions were paid at.
    function processEpoch() external returns (uint256 nav);

    /// @notice The current (open) epoch and when it started.
    /// @return epoch The epoch id.
    /// @return startedAt Its start.
    function currentEpoch() external view returns (uint256 epoch, uint256 startedAt);

    // ---------------------------------------------------------------- keeper actions

    /// @notice Closes layer `layer` (or redeems it if expired) and buys the next call spread, when due (inside
    ///         the roll window, or no position) and outside the cooldown. Only KEEPER_ROLE; not when paused.
    /// @param layer Layer index.
    /// @param strikeLow Lower strike, within strikeBand of feed x (1 + otm).
    /// @param strikeHigh Upper strike: the width within strikeBand of feed x width.
    /// @param expiry On the pool's grid, inside [now + tenorMin, now + tenorMax].
    /// @param intensity WAD multiplier on the policy notional, inside [minIntensity, maxIntensity].
    /// @param maxPremium Keeper's limit; the premium must also be <= the policy's maxPremium x lastNav (else the
    ///        pool's PremiumAboveMax) and fit the hedge budget (HedgeBudgetExceeded).
    /// @return seriesId The new series.
    function rollLayer(
        uint256 layer,
        uint256 strikeLow,
        uint256 strikeHigh,
        uint256 expiry,
        uint256 intensity,
        uint256 maxPremium
    ) external returns (uint256 seriesId);

    /// @notice Like `rollLayer` but only when the index is at or above the layer's trigger (deep in the money),
    ///         whatever the roll window. Only KEEPER_ROLE; not when paused.
    /// @param layer Layer index.
    /// @param strikeLow See `rollLayer`.
    /// @param strikeHigh See `rollLayer`.
    /// @param expiry See `rollLayer`.
    /// @param intensity See `rollLayer`.
    /// @param maxPremium See `rollLayer`.
    /// @return seriesId The new series.
    function monetiseLayer(
        uint256 layer,
        uint256 strikeLow,
        uint256 strikeHigh,
        uint256 expiry,
        uint256 intensity,
        uint256 maxPremium
    ) external returns (uint256 seriesId);

    /// @notice Rolls a due layer with the policy-default parameters (strikes at the targets rounded to the
    ///         nearest 0.01 point when that stays in the band, expiry the first grid time after the middle of
    ///         the tenor window, intensity 1, premium cap from the policy). Anyone (the automation network);
    ///         not when paused.
    /// @param layer Layer index.
    /// @return seriesId The new series.
    function rollLayerDefault(uint256 layer) external returns (uint256 seriesId);

    /// @notice The policy-default trade of `rollLayerDefault`, and whether it is allowed right now.
    /// @param layer Layer index.
    /// @return due True when the layer is due, outside the cooldown and the vault is not paused.
    /// @return strikeLow Default lower strike.
    /// @return strikeHigh Default upper strike.
    /// @return expiry Default expiry.
    function defaultLayerTrade(
        uint256 layer
    ) external view returns (bool due, uint256 strikeLow, uint256 strikeHigh, uint256 expiry);

    /// @notice Sells the iron condor: a put spread and a call spread of the same size and expiry. Only
    ///         KEEPER_ROLE; not when paused.
    /// @param putStrikes [low, high]: high (short put) within band of feed x (1 - putDistance), width within band.
    /// @param callStrikes [low, high]: low (short call) within band of feed x (1 + callDistance), width in band.
    /// @param expiry Inside the condor tenor window, on the pool's grid.
    /// @param minPremium Keeper's floor for the total premium.
    function openCondor(
        uint256[2] calldata putStrikes,
        uint256[2] calldata callStrikes,
        uint256 expiry,
        uint256 minPremium
    ) external;

    /// @notice Buys back both condor legs (at most `maxCost` in total, else the pool's PremiumAboveMax) or, once
    ///         expired, settles them.
    ///         Only KEEPER_ROLE; allowed when paused (it removes risk).
    /// @param maxCost Keeper's limit on the total buy-back premium.
    function closeCondor(uint256 maxCost) external;

    /// @notice Buys back one side (the tested one) and sells a new spread on that side, same size and expiry.
    ///         Only KEEPER_ROLE; not when paused.
    /// @param isCall True to roll the call spread, false the put spread.
    /// @param strikes [low, high] of the new spread, checked like `openCondor`.
    /// @param minPremium Keeper's floor for the new premium.
    function rollCondorSide(bool isCall, uint256[2] calldata strikes, uint256 minPremium) external;

    /// @notice Settles every expired position (pool settlement if needed, then redemption or reclaim).
    ///         Anyone; also when paused.
    /// @return settled Number of positions settled.
    function settleExpired() external returns (uint256 settled);

    /// @notice Number of expired positions `settleExpired` would settle.
    /// @return count The number.
    function expiredPositions() external view returns (uint256 count);

    // ---------------------------------------------------------------- governance and views

    /// @notice Pauses new risk (deposit requests, rolls, condor opens). Only GUARDIAN_ROLE.
    function pause() external;

    /// @notice Lifts the pause. Only the governor (DEFAULT_ADMIN_ROLE).
    function unpause() external;

    /// @notice Everything a keeper needs, in one call.
    /// @return state See `KeeperState`.
    function keeperState() external view returns (KeeperState memory state);
}
