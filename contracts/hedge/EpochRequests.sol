// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IHedgeLayerVault} from "../interfaces/IHedgeLayerVault.sol";
import {HedgeBook} from "./HedgeBook.sol";
import {HedgeStorage} from "./HedgeStorage.sol";

/// @title EpochRequests
/// @notice The share token and the asynchronous (ERC-7540 style) request lifecycle of the hedge vault:
///         request -> pending (current epoch) -> claimable (after `processEpoch`) -> claimed; pending requests
///         can be cancelled. Each epoch strikes ONE price from the NAV for its deposits and its redemptions.
/// @dev Cash buckets, all tracked internally (donations never count): `$().idle` (strategy cash), the current
///      epoch's pending deposits, and `$().claimableAssets` (paid redemptions awaiting their claim). Pending
///      redemption shares and unclaimed deposit shares are held by the vault itself.
///      Rounding: shares minted and assets paid at the epoch are rounded down; per-controller shares of an
///      epoch's result are rounded down; claims by `mint`/`withdraw` consume claimables rounded up.
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
        HedgeStorage.Account storage a = _sync(controller);
        uint64 e = _requestEpoch();
        uint128 pending = a.pendingAssets;
        if (pending != 0 && a.depositEpoch != e) {
            // One pending deposit per controller: the earlier one moves to the request's epoch.
            $().results[a.depositEpoch].depositAssets -= pending;
            $().results[e].depositAssets += pending;
        }
        a.depositEpoch = e;
        a.pendingAssets = pending + uint128(assets);
        $().results[e].depositAssets += uint128(assets);
        emit DepositRequest(controller, owner, e, msg.sender, assets);
        _asset.safeTransferFrom(owner, address(this), assets);
        return e;
    }

    /// @inheritdoc IHedgeLayerVault
    function requestRedeem(uint256 shares, address controller, address owner) external returns (uint256) {
        if (shares == 0) revert ZeroAmount();
        if (controller == address(0)) revert ZeroAddress();
        if (owner != msg.sender && !$().operators[owner][msg.sender])
            _spendAllowance(owner, msg.sender, shares);
        HedgeStorage.Account storage a = _sync(controller);
        uint64 e = _requestEpoch();
        uint128 pending = a.pendingShares;
        if (pending != 0 && a.redeemEpoch != e) {
            // One pending redemption per controller: the earlier one moves to the request's epoch.
            $().results[a.redeemEpoch].redeemShares -= pending;
            $().results[e].redeemShares += pending;
        }
        a.redeemEpoch = e;
        a.pendingShares = pending + uint128(shares);
        $().results[e].redeemShares += uint128(shares);
        _transfer(owner, address(this), shares);
        emit RedeemRequest(controller, owner, e, msg.sender, shares);
        return e;
    }

    /// @inheritdoc IHedgeLayerVault
    function cancelDepositRequest(address controller) external returns (uint256 assets) {
        _checkOperator(controller);
        HedgeStorage.Account storage a = _sync(controller);
        assets = a.pendingAssets;
        if (assets == 0) revert NothingToCancel(controller);
        a.pendingAssets = 0;
        $().results[a.depositEpoch].depositAssets -= uint128(assets);
        emit DepositRequestCancelled(controller, a.depositEpoch, assets);
        _asset.safeTransfer(controller, assets);
    }

    /// @inheritdoc IHedgeLayerVault
    function cancelRedeemRequest(address controller) external returns (uint256 shares) {
        _checkOperator(controller);
        HedgeStorage.Account storage a = _sync(controller);
        shares = a.pendingShares;
        if (shares == 0) revert NothingToCancel(controller);
        a.pendingShares = 0;
        $().results[a.redeemEpoch].redeemShares -= uint128(shares);
        _transfer(address(this), controller, shares);
        emit RedeemRequestCancelled(controller, a.redeemEpoch, shares);
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
        HedgeStorage.Account storage a = _sync(controller);
        if (assets == 0) revert ZeroAmount();
        if (assets > a.claimableDepositAssets) revert ClaimAboveClaimable(assets, a.claimableDepositAssets);
        shares = Math.mulDiv(assets, a.claimableDepositShares, a.claimableDepositAssets);
        a.claimableDepositAssets -= uint128(assets);
        a.claimableDepositShares -= uint128(shares);
        _transfer(address(this), receiver, shares);
        emit Deposit(controller, receiver, assets, shares);
    }

    /// @inheritdoc IHedgeLayerVault
    function mint(uint256 shares, address receiver, address controller) public returns (uint256 assets) {
        _checkOperator(controller);
        HedgeStorage.Account storage a = _sync(controller);
        if (shares == 0) revert ZeroAmount();
        if (shares > a.claimableDepositShares) revert ClaimAboveClaimable(shares, a.claimableDepositShares);
        assets = Math.mulDiv(shares, a.claimableDepositAssets, a.claimableDepositShares, Math.Rounding.Ceil);
        a.claimableDepositAssets -= uint128(assets);
        a.claimableDepositShares -= uint128(shares);
        _transfer(address(this), receiver, shares);
        emit Deposit(controller, receiver, assets, shares);
    }

    /// @inheritdoc IHedgeLayerVault
    function redeem(uint256 shares, address receiver, address controller) public returns (uint256 assets) {
        _checkOperator(controller);
        HedgeStorage.Account storage a = _sync(controller);
        if (shares == 0) revert ZeroAmount();
        if (shares > a.claimableRedeemShares) revert ClaimAboveClaimable(shares, a.claimableRedeemShares);
        assets = Math.mulDiv(shares, a.claimableRedeemAssets, a.claimableRedeemShares);
        a.claimableRedeemShares -= uint128(shares);
        a.claimableRedeemAssets -= uint128(assets);
        $().claimableAssets -= assets;
        emit Withdraw(msg.sender, receiver, controller, assets, shares);
        _asset.safeTransfer(receiver, assets);
    }

    /// @inheritdoc IHedgeLayerVault
    function withdraw(uint256 assets, address receiver, address controller) public returns (uint256 shares) {
        _checkOperator(controller);
        HedgeStorage.Account storage a = _sync(controller);
        if (assets == 0) revert ZeroAmount();
        if (assets > a.claimableRedeemAssets) revert ClaimAboveClaimable(assets, a.claimableRedeemAssets);
        shares = Math.mulDiv(assets, a.claimableRedeemShares, a.claimableRedeemAssets, Math.Rounding.Ceil);
        a.claimableRedeemShares -= uint128(shares);
        a.claimableRedeemAssets -= uint128(assets);
        $().claimableAssets -= assets;
        emit Withdraw(msg.sender, receiver, controller, assets, shares);
        _asset.safeTransfer(receiver, assets);
    }

    // ================================================================ epoch

    /// @inheritdoc IHedgeLayerVault
    function processEpoch() public virtual returns (uint256 nav) {
        uint64 e = $().epoch;
        uint256 dueAt = uint256($().epochStart) + $().policy.epochLength;
        if (block.timestamp < dueAt) revert EpochNotDue(e, dueAt);
        uint256 navHigh;
        (nav, navHigh) = _epochNav();
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
            if (paid > $().idle) _withdrawReserve(paid - $().idle);
            $().idle -= paid;
            $().claimableAssets += paid;
            _burn(address(this), burned);
        }
        // Deposits at the same price (computed on the pre-redemption NAV and supply), or at the high NAV when a
        // position cannot be priced (deposits then pay its best case, redemptions got its worst).
        uint256 depositAssets = r.depositAssets;
        uint256 minted = Math.mulDiv(depositAssets, supply + _VIRTUAL_SHARES, navHigh + 1);
        if (minted != 0) _mint(address(this), minted);
        $().idle += depositAssets;
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
    function totalAssets() external view returns (uint256) {
        return _nav();
    }

    /// @inheritdoc IHedgeLayerVault
    function convertToShares(uint256 assets) external view returns (uint256) {
        return Math.mulDiv(assets, totalSupply() + _VIRTUAL_SHARES, _nav() + 1);
    }

    /// @inheritdoc IHedgeLayerVault
    function convertToAssets(uint256 shares) external view returns (uint256) {
        return _toAssets(shares, _nav(), totalSupply());
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _shareDecimals;
    }

    /// @inheritdoc IHedgeLayerVault
    function pendingDepositRequest(uint256, address controller) external view returns (uint256) {
        (HedgeStorage.Account memory a, ) = _view(controller);
        return a.pendingAssets;
    }

    /// @inheritdoc IHedgeLayerVault
    function claimableDepositRequest(uint256, address controller) external view returns (uint256) {
        return maxDeposit(controller);
    }

    /// @inheritdoc IHedgeLayerVault
    function pendingRedeemRequest(uint256, address controller) external view returns (uint256) {
        (HedgeStorage.Account memory a, ) = _view(controller);
        return a.pendingShares;
    }

    /// @inheritdoc IHedgeLayerVault
    function claimableRedeemRequest(uint256, address controller) external view returns (uint256) {
        return maxRedeem(controller);
    }

    /// @inheritdoc IHedgeLayerVault
    function maxDeposit(address controller) public view returns (uint256) {
        (HedgeStorage.Account memory a, ) = _view(controller);
        return a.claimableDepositAssets;
    }

    /// @inheritdoc IHedgeLayerVault
    function maxMint(address controller) external view returns (uint256) {
        (HedgeStorage.Account memory a, ) = _view(controller);
        return a.claimableDepositShares;
    }

    /// @inheritdoc IHedgeLayerVault
    function maxRedeem(address controller) public view returns (uint256) {
        (HedgeStorage.Account memory a, ) = _view(controller);
        return a.claimableRedeemShares;
    }

    /// @inheritdoc IHedgeLayerVault
    function maxWithdraw(address controller) external view returns (uint256) {
        (HedgeStorage.Account memory a, ) = _view(controller);
        return a.claimableRedeemAssets;
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

    /// @dev Moves a controller's requests of processed epochs into its claimables; returns unfilled shares.
    function _sync(address controller) internal returns (HedgeStorage.Account storage a) {
        a = $().accounts[controller];
        (HedgeStorage.Account memory m, uint256 unfilled) = _view(controller);
        uint256 redeemEpoch = a.redeemEpoch;
        $().accounts[controller] = m;
        if (unfilled != 0) {
            _transfer(address(this), controller, unfilled);
            emit UnfilledSharesReturned(controller, redeemEpoch, unfilled);
        }
    }

    /// @dev The controller's account as `_sync` would leave it, and the unfilled shares it would return.
    ///      Per-controller shares of an epoch's result round down, so their sum never exceeds the epoch's.
    function _view(
        address controller
    ) internal view returns (HedgeStorage.Account memory a, uint256 unfilled) {
        a = $().accounts[controller];
        uint64 e = $().epoch;
        if (a.pendingAssets != 0 && a.depositEpoch < e) {
            HedgeStorage.EpochResult storage r = $().results[a.depositEpoch];
            a.claimableDepositShares += uint128(
                Math.mulDiv(a.pendingAssets, r.sharesMinted, r.depositAssets)
            );
            a.claimableDepositAssets += a.pendingAssets;
            a.pendingAssets = 0;
        }
        if (a.pendingShares != 0 && a.redeemEpoch < e) {
            HedgeStorage.EpochResult storage r = $().results[a.redeemEpoch];
            uint256 total = r.redeemShares;
            unfilled = Math.mulDiv(a.pendingShares, total - r.sharesBurned, total);
            a.claimableRedeemShares += uint128(a.pendingShares - unfilled);
            a.claimableRedeemAssets += uint128(Math.mulDiv(a.pendingShares, r.assetsPaid, total));
            a.pendingShares = 0;
        }
    }
}
