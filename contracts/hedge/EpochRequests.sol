// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IHedgeLayerVault} from "../interfaces/IHedgeLayerVault.sol";
import {HedgeBook} from "./HedgeBook.sol";
import {HedgeStorage} from "./HedgeStorage.sol";

/// @title EpochRequests
/// @notice The share token and the asynchronous (ERC-7540) request lifecycle of the hedge vault: request -> pending
///         (the open epoch, or the next once the open one is due) -> claimable (after `processEpoch`) -> claimed;
///         pending requests can be cancelled. Each epoch strikes ONE price from the NAV for its deposits and its
///         redemptions. Every request has requestId 0 (ERC-7540, "Request Ids": a controller's requests are told
///         apart by the controller alone, their pending and claimable amounts aggregated).
/// @dev Cash buckets, all tracked internally (donations never count): `$().idle` (strategy cash), the pending
///      deposits of the open and the next epoch, and `$().claimableAssets` (paid redemptions awaiting their claim).
///      Pending redemption shares, unclaimed deposit shares and unfilled redemption shares are held by the vault.
///      Nothing is ever pushed to a controller: every token leaves through a claim (or a cancel) by the controller
///      or its operator.
///      Rounding: shares minted and assets paid at the epoch are rounded down; per-controller parts of an epoch's
///      result (shares, assets, unfilled shares) are rounded down; claims by `mint`/`withdraw` consume claimables
///      rounded up.
abstract contract EpochRequests is HedgeBook, IHedgeLayerVault, ERC20 {
    using SafeERC20 for IERC20;

    /// @notice Virtual shares and assets against the inflation attack: shares = assets x (supply + 10^6) /
    ///         (nav + 1), so shares have the asset's decimals + 6.
    uint8 public constant DECIMALS_OFFSET = 6;
    uint256 internal constant _VIRTUAL_SHARES = 10 ** DECIMALS_OFFSET;

    uint8 private immutable _shareDecimals;

    constructor(uint8 assetDecimals) {
        _shareDecimals = assetDecimals + DECIMALS_OFFSET;
        $().epochStart = uint64(block.timestamp);
    }

    // ================================================================ hooks

    /// @dev Reverts when new risk is paused.
    function _requireNotPaused() internal view virtual;

    // ================================================================ requests

    /// @inheritdoc IHedgeLayerVault
    function requestDeposit(uint256 assets, address controller, address owner) external returns (uint256) {
        _requireNotPaused();
        if (assets == 0) revert ZeroAmount();
        if (controller == address(0)) revert ZeroAddress();
        _checkOperator(owner);
        uint64 e = _requestEpoch();
        _addRequest(_sync(controller).deposit, e, assets);
        $().results[e].depositAssets += SafeCast.toUint128(assets);
        emit DepositRequest(controller, owner, 0, msg.sender, assets);
        _asset.safeTransferFrom(owner, address(this), assets);
        return 0;
    }

    /// @inheritdoc IHedgeLayerVault
    function requestRedeem(uint256 shares, address controller, address owner) external returns (uint256) {
        if (shares == 0) revert ZeroAmount();
        if (controller == address(0)) revert ZeroAddress();
        if (owner != msg.sender && !$().operators[owner][msg.sender])
            _spendAllowance(owner, msg.sender, shares);
        uint64 e = _requestEpoch();
        _addRequest(_sync(controller).redeem, e, shares);
        $().results[e].redeemShares += SafeCast.toUint128(shares);
        _transfer(owner, address(this), shares);
        emit RedeemRequest(controller, owner, 0, msg.sender, shares);
        return 0;
    }

    /// @inheritdoc IHedgeLayerVault
    function cancelDepositRequest(address controller) external returns (uint256 assets) {
        _checkOperator(controller);
        assets = _cancel(_sync(controller).deposit, controller, true);
        _asset.safeTransfer(controller, assets);
    }

    /// @inheritdoc IHedgeLayerVault
    function cancelRedeemRequest(address controller) external returns (uint256 shares) {
        _checkOperator(controller);
        shares = _cancel(_sync(controller).redeem, controller, false);
        _transfer(address(this), controller, shares);
    }

    /// @inheritdoc IHedgeLayerVault
    function claimUnfilledShares(address receiver, address controller) external returns (uint256 shares) {
        _checkOperator(controller);
        HedgeStorage.Requests storage q = _sync(controller).redeem;
        shares = q.unfilled;
        if (shares == 0) revert NoUnfilledShares(controller);
        q.unfilled = 0;
        _transfer(address(this), receiver, shares);
        emit UnfilledSharesClaimed(controller, receiver, shares);
    }

    /// @inheritdoc IHedgeLayerVault
    function setOperator(address operator, bool approved) external returns (bool) {
        $().operators[msg.sender][operator] = approved;
        emit OperatorSet(msg.sender, operator, approved);
        return true;
    }

    /// @inheritdoc IHedgeLayerVault
    function isOperator(address controller, address operator) external view returns (bool) {
        return $().operators[controller][operator];
    }

    // ================================================================ claims

    /// @inheritdoc IHedgeLayerVault
    function deposit(uint256 assets, address receiver) external returns (uint256) {
        return deposit(assets, receiver, msg.sender);
    }

    /// @inheritdoc IHedgeLayerVault
    function mint(uint256 shares, address receiver) external returns (uint256) {
        return mint(shares, receiver, msg.sender);
    }

    /// @inheritdoc IHedgeLayerVault
    function deposit(uint256 assets, address receiver, address controller) public returns (uint256 shares) {
        _checkOperator(controller);
        HedgeStorage.Requests storage q = _sync(controller).deposit;
        if (assets == 0) revert ZeroAmount();
        if (assets > q.claimableAssets) revert ClaimAboveClaimable(assets, q.claimableAssets);
        shares = Math.mulDiv(assets, q.claimableShares, q.claimableAssets);
        q.claimableAssets -= uint128(assets);
        q.claimableShares -= uint128(shares);
        _transfer(address(this), receiver, shares);
        emit Deposit(controller, receiver, assets, shares);
    }

    /// @inheritdoc IHedgeLayerVault
    function mint(uint256 shares, address receiver, address controller) public returns (uint256 assets) {
        _checkOperator(controller);
        HedgeStorage.Requests storage q = _sync(controller).deposit;
        if (shares == 0) revert ZeroAmount();
        if (shares > q.claimableShares) revert ClaimAboveClaimable(shares, q.claimableShares);
        assets = Math.mulDiv(shares, q.claimableAssets, q.claimableShares, Math.Rounding.Ceil);
        q.claimableAssets -= uint128(assets);
        q.claimableShares -= uint128(shares);
        _transfer(address(this), receiver, shares);
        emit Deposit(controller, receiver, assets, shares);
    }

    /// @inheritdoc IHedgeLayerVault
    function redeem(uint256 shares, address receiver, address controller) public returns (uint256 assets) {
        _checkOperator(controller);
        HedgeStorage.Requests storage q = _sync(controller).redeem;
        if (shares == 0) revert ZeroAmount();
        if (shares > q.claimableShares) revert ClaimAboveClaimable(shares, q.claimableShares);
        assets = Math.mulDiv(shares, q.claimableAssets, q.claimableShares);
        _payRedemption(q, assets, shares, receiver, controller);
    }

    /// @inheritdoc IHedgeLayerVault
    function withdraw(uint256 assets, address receiver, address controller) public returns (uint256 shares) {
        _checkOperator(controller);
        HedgeStorage.Requests storage q = _sync(controller).redeem;
        if (assets == 0) revert ZeroAmount();
        if (assets > q.claimableAssets) revert ClaimAboveClaimable(assets, q.claimableAssets);
        shares = Math.mulDiv(assets, q.claimableShares, q.claimableAssets, Math.Rounding.Ceil);
        _payRedemption(q, assets, shares, receiver, controller);
    }

    // ================================================================ epoch

    /// @dev The NAV bounds an epoch strikes (`_epochNav`, which the vault runs in its lens module).
    function _strikeNav() internal virtual returns (uint256, uint256);

    /// @inheritdoc IHedgeLayerVault
    function processEpoch() public virtual returns (uint256 nav) {
        uint64 e = $().epoch;
        uint256 dueAt = uint256($().epochStart) + $().policy.epochLength;
        if (block.timestamp < dueAt) revert EpochNotDue(e, dueAt);
        uint256 navHigh;
        (nav, navHigh) = _strikeNav();
        uint256 supply = totalSupply();
        HedgeStorage.EpochResult storage r = $().results[e];

        // Redemptions first, at the epoch's price; pro-rata when idle + reserve cannot pay them all.
        uint256 redeemShares = r.redeemShares;
        uint256 burned;
        uint256 paid;
        if (redeemShares != 0) {
            uint256 owed = _toAssets(redeemShares, nav, supply);
            uint256 liquid = $().idle;
            if (owed > liquid) liquid += _reserveWithdrawable(); // the flash vault is asked only when needed
            burned = owed <= liquid ? redeemShares : Math.mulDiv(redeemShares, liquid, owed);
            paid = _toAssets(burned, nav, supply);
            if (paid > $().idle) _withdrawReserve(paid - $().idle); // now paid <= idle: taken from it below
            $().claimableAssets += SafeCast.toUint128(paid);
        }
        // Deposits at the same price (computed on the pre-redemption NAV and supply), or at the high NAV when a
        // position cannot be priced (deposits then pay its best case, redemptions got its worst).
        uint256 depositAssets = r.depositAssets;
        uint256 minted = Math.mulDiv(depositAssets, supply + _VIRTUAL_SHARES, navHigh + 1);
        // The vault holds both the redeemed shares it burns and the shares it mints for deposits: one net
        // mint or burn moves its balance and the supply the same (one Transfer event instead of two).
        if (minted > burned) _mint(address(this), minted - burned);
        else if (burned > minted) _burn(address(this), burned - minted);
        $().idle = SafeCast.toUint128($().idle + depositAssets - paid); // one write: deposits in, redemptions out
        r.sharesMinted = uint128(minted);
        r.sharesBurned = uint128(burned);
        r.assetsPaid = uint128(paid);
        emit EpochProcessed(e, nav, supply, depositAssets, minted, redeemShares, burned, paid);
        if (navHigh != nav) emit EpochNavBracket(e, nav, navHigh);

        $().epoch = e + 1;
        $().epochStart = uint64(block.timestamp);
        _topUpReserve(nav + depositAssets - paid);
    }

    /// @inheritdoc IHedgeLayerVault
    function currentEpoch() external view returns (uint256, uint256) {
        return ($().epoch, $().epochStart);
    }

    // ================================================================ views

    /// @inheritdoc IHedgeLayerVault
    function asset() external view returns (address) {
        return address(_asset);
    }

    /// @inheritdoc IHedgeLayerVault
    function share() external view returns (address) {
        return address(this);
    }

    /// @inheritdoc IHedgeLayerVault
    function totalAssets() external view returns (uint256 nav) {
        (nav, ) = _navView();
    }

    /// @inheritdoc IHedgeLayerVault
    function convertToShares(uint256 assets) external view returns (uint256) {
        (, uint256 high) = _navView();
        return Math.mulDiv(assets, totalSupply() + _VIRTUAL_SHARES, high + 1);
    }

    /// @inheritdoc IHedgeLayerVault
    function convertToAssets(uint256 shares) external view returns (uint256) {
        (uint256 low, ) = _navView();
        return _toAssets(shares, low, totalSupply());
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _shareDecimals;
    }

    /// @inheritdoc IHedgeLayerVault
    function pendingDepositRequest(uint256 requestId, address controller) external view returns (uint256) {
        if (requestId != 0) return 0;
        HedgeStorage.Requests memory q = _requests(controller, true);
        return q.pending + q.queued;
    }

    /// @inheritdoc IHedgeLayerVault
    function claimableDepositRequest(uint256 requestId, address controller) external view returns (uint256) {
        return requestId == 0 ? maxDeposit(controller) : 0;
    }

    /// @inheritdoc IHedgeLayerVault
    function pendingRedeemRequest(uint256 requestId, address controller) external view returns (uint256) {
        if (requestId != 0) return 0;
        HedgeStorage.Requests memory q = _requests(controller, false);
        return q.pending + q.queued;
    }

    /// @inheritdoc IHedgeLayerVault
    function claimableRedeemRequest(uint256 requestId, address controller) external view returns (uint256) {
        return requestId == 0 ? maxRedeem(controller) : 0;
    }

    /// @inheritdoc IHedgeLayerVault
    function unfilledRedeemShares(address controller) external view returns (uint256) {
        return _requests(controller, false).unfilled;
    }

    /// @inheritdoc IHedgeLayerVault
    function maxDeposit(address controller) public view returns (uint256) {
        return _requests(controller, true).claimableAssets;
    }

    /// @inheritdoc IHedgeLayerVault
    function maxMint(address controller) external view returns (uint256) {
        return _requests(controller, true).claimableShares;
    }

    /// @inheritdoc IHedgeLayerVault
    function maxRedeem(address controller) public view returns (uint256) {
        return _requests(controller, false).claimableShares;
    }

    /// @inheritdoc IHedgeLayerVault
    function maxWithdraw(address controller) external view returns (uint256) {
        return _requests(controller, false).claimableAssets;
    }

    /// @inheritdoc IHedgeLayerVault
    function previewDeposit(uint256) external pure returns (uint256) {
        revert AsyncFlowNoPreview();
    }

    /// @inheritdoc IHedgeLayerVault
    function previewMint(uint256) external pure returns (uint256) {
        revert AsyncFlowNoPreview();
    }

    /// @inheritdoc IHedgeLayerVault
    function previewRedeem(uint256) external pure returns (uint256) {
        revert AsyncFlowNoPreview();
    }

    /// @inheritdoc IHedgeLayerVault
    function previewWithdraw(uint256) external pure returns (uint256) {
        revert AsyncFlowNoPreview();
    }

    // ================================================================ internals

    /// @dev The NAV without striking a price: every position that cannot be priced right now (unregistered or stale
    ///      feed, stale surface, expired without its settlement round) at its worst case in `low` and its best case
    ///      in `high`. Never reverts for want of a mark; no money path uses it (epochs strike `_epochNav`).
    function _navView() internal view virtual returns (uint256 low, uint256 high);

    /// @dev Assets for `shares` at one epoch price, rounded down (in favour of the remaining holders).
    function _toAssets(uint256 shares, uint256 nav, uint256 supply) internal pure returns (uint256) {
        return Math.mulDiv(shares, nav + 1, supply + _VIRTUAL_SHARES);
    }

    /// @dev The epoch a request made now belongs to: the open one, or the next once the open one is due (its
    ///      price is then computable by anyone: a request and `processEpoch` in one transaction would trade at a
    ///      known price, and an overdue epoch would let the requester choose the moment).
    function _requestEpoch() private view returns (uint64 e) {
        e = $().epoch;
        if (block.timestamp >= uint256($().epochStart) + $().policy.epochLength) ++e;
    }

    function _checkOperator(address controller) internal view {
        if (controller != msg.sender && !$().operators[controller][msg.sender]) {
            revert NotControllerOrOperator(msg.sender, controller);
        }
    }

    /// @dev Adds `amount` requested into epoch `e` (the open epoch or the next; after `_sync` the pending amounts
    ///      belong to those two epochs too). Another request never moves the controller's earlier one.
    function _addRequest(HedgeStorage.Requests storage q, uint64 e, uint256 amount) private {
        uint128 x = SafeCast.toUint128(amount);
        if (q.pending == 0 && q.queued == 0) (q.epoch, q.pending) = (e, x);
        else if (e == q.epoch) q.pending += x;
        else if (e == q.epoch + 1) q.queued += x;
        else (q.epoch, q.pending, q.queued) = (e, x, q.pending); // only a request queued for the next epoch was there
    }

    /// @dev Cancels the controller's pending requests of one kind (both epochs); reverts when there are none.
    function _cancel(
        HedgeStorage.Requests storage q,
        address controller,
        bool isDeposit
    ) private returns (uint256 amount) {
        (uint64 e, uint128 pending, uint128 queued) = (q.epoch, q.pending, q.queued);
        amount = uint256(pending) + queued;
        if (amount == 0) revert NothingToCancel(controller);
        (q.pending, q.queued) = (0, 0);
        _unrequest(controller, e, pending, isDeposit);
        _unrequest(controller, e + 1, queued, isDeposit);
    }

    function _unrequest(address controller, uint64 e, uint128 amount, bool isDeposit) private {
        if (amount == 0) return;
        HedgeStorage.EpochResult storage r = $().results[e];
        if (isDeposit) {
            r.depositAssets -= amount;
            emit DepositRequestCancelled(controller, e, amount);
        } else {
            r.redeemShares -= amount;
            emit RedeemRequestCancelled(controller, e, amount);
        }
    }

    /// @dev Pays `assets` of the controller's claimable redemption for `shares` of its claimable shares.
    function _payRedemption(
        HedgeStorage.Requests storage q,
        uint256 assets,
        uint256 shares,
        address receiver,
        address controller
    ) private {
        q.claimableShares -= uint128(shares);
        q.claimableAssets -= uint128(assets);
        $().claimableAssets -= uint128(assets); // assets <= the controller's claimable (a uint128)
        emit Withdraw(msg.sender, receiver, controller, assets, shares);
        _asset.safeTransfer(receiver, assets);
    }

    /// @dev Moves the controller's requests of processed epochs into its claimables (and unfilled shares). Moves no
    ///      token: everything stays in escrow until the controller (or its operator) claims it.
    function _sync(address controller) internal returns (HedgeStorage.Account storage a) {
        a = $().accounts[controller];
        uint64 e = $().epoch;
        if (a.deposit.epoch < e && a.deposit.pending != 0) a.deposit = _settled(a.deposit, e, true);
        if (a.redeem.epoch < e && a.redeem.pending != 0) a.redeem = _settled(a.redeem, e, false);
    }

    /// @dev The controller's requests of one kind as `_sync` would leave them.
    function _requests(
        address controller,
        bool isDeposit
    ) private view returns (HedgeStorage.Requests memory) {
        HedgeStorage.Account storage a = $().accounts[controller];
        return _settled(isDeposit ? a.deposit : a.redeem, $().epoch, isDeposit);
    }

    /// @dev `q` once the epochs before `e` (the open one) are processed: their pending amounts become claimable;
    ///      a request queued for the open epoch becomes its pending one.
    function _settled(
        HedgeStorage.Requests memory q,
        uint64 e,
        bool isDeposit
    ) private view returns (HedgeStorage.Requests memory) {
        if (q.pending != 0 && q.epoch < e) {
            _fill(q, q.epoch, q.pending, isDeposit);
            q.pending = 0;
        }
        if (q.queued != 0 && q.epoch + 1 < e) {
            _fill(q, q.epoch + 1, q.queued, isDeposit);
            q.queued = 0;
        }
        if (q.pending == 0 && q.queued != 0) (q.epoch, q.pending, q.queued) = (q.epoch + 1, q.queued, 0);
        return q;
    }

    /// @dev Adds the result of `amount` requested into processed epoch `e` to the claimables. Each controller's part
    ///      of an epoch's result rounds down (shares minted, assets paid, unfilled shares returned), so the parts
    ///      never sum to more than the epoch's; the shares a redemption consumed are the rest (rounded up).
    function _fill(HedgeStorage.Requests memory q, uint64 e, uint128 amount, bool isDeposit) private view {
        HedgeStorage.EpochResult storage r = $().results[e];
        if (isDeposit) {
            q.claimableShares += SafeCast.toUint128(Math.mulDiv(amount, r.sharesMinted, r.depositAssets));
            q.claimableAssets += amount;
        } else {
            uint256 total = r.redeemShares;
            uint128 unfilled = uint128(Math.mulDiv(amount, total - r.sharesBurned, total));
            q.claimableShares += amount - unfilled;
            q.claimableAssets += uint128(Math.mulDiv(amount, r.assetsPaid, total));
            q.unfilled += unfilled;
        }
    }
}
