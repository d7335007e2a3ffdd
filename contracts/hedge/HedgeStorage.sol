// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IHedgeTypes} from "../interfaces/IHedgeTypes.sol";

/// @title HedgeStorage
/// @notice The state of the hedge vault in one ERC-7201 namespace, shared by the vault and the keeper module
///         it delegate-calls (the vault's code would not fit in 24 KiB otherwise).
/// @custom:storage-location erc7201:alvh.storage.HedgeLayerVault
library HedgeStorage {
    /// @notice Most hedge layers.
    uint256 internal constant MAX_LAYERS = 5;

    /// @dev keccak256(abi.encode(uint256(keccak256("alvh.storage.HedgeLayerVault")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _SLOT = 0xfbdda033ffb6bdf79eb3d8ebbfc15f102fdc1137f23d80b613a64e0796d88b00;

    /// @dev One controller's requests of one kind (deposits: assets; redemptions: shares). Pending amounts of at most
    ///      two epochs: `pending` belongs to epoch `epoch`, `queued` to `epoch + 1` (a request made once the open
    ///      epoch is due joins the next one without moving the controller's earlier request). What processed epochs
    ///      made claimable is aggregated per controller (ERC-7540 requestId 0): `claimableAssets`, `claimableShares`.
    ///      `unfilled` (redemptions only): shares an epoch could not fill (pro rata), claimable back by the controller.
    struct Requests {
        uint64 epoch;
        uint128 pending;
        uint128 queued;
        uint128 claimableAssets;
        uint128 claimableShares;
        uint128 unfilled;
    }

    /// @dev One controller's deposit and redemption requests.
    struct Account {
        Requests deposit;
        Requests redeem;
    }

    /// @dev An epoch's totals: requests while open, results once processed.
    struct EpochResult {
        uint128 depositAssets;
        uint128 sharesMinted;
        uint128 redeemShares;
        uint128 sharesBurned;
        uint128 assetsPaid;
    }

    /// @dev Everything the vault stores besides OpenZeppelin's ERC-20, roles and pause flag.
    struct Layout {
        // Paired by use: a roll reads idle and lastNav, an epoch all four (two slots, not four, to warm).
        uint128 idle; // strategy cash (excludes pending deposits and claimable redemptions)
        uint128 lastNav; // NAV after the last epoch
        uint128 claimableAssets; // paid redemptions not yet claimed
        uint128 reserveShares; // flash-vault shares held
        uint64 epoch;
        uint64 epochStart;
        uint32 condorOpens; // window: condor sales (packed with the epoch: the first sale writes no fresh slot)
        uint96 condorLoss; // window: realised condor losses, saturating (with the epoch, for the same reason)
        // One slot: the window's start is written at every window roll and never returns to zero, so the first
        // booking of a window (often after one that ended at zero) rewrites a slot instead of filling a fresh one.
        int104 layerNet; // window: layer premium paid - everything the layers returned
        int104 condorNet; // window: condor premium received - buy-backs - settlement payoffs owed
        uint48 budgetStart; // start of the budget window (see HedgeBudget)
        mapping(uint256 epoch => EpochResult) results;
        mapping(address controller => Account) accounts;
        mapping(address controller => mapping(address operator => bool)) operators;
        IHedgeTypes.Layer[MAX_LAYERS] layers;
        IHedgeTypes.Leg putLeg;
        IHedgeTypes.Leg callLeg;
        IHedgeTypes.VaultPolicy policy;
        IHedgeTypes.CondorPolicy condorPolicy;
        IHedgeTypes.LayerPolicy[MAX_LAYERS] layerPolicies;
    }

    /// @notice The vault's state.
    /// @return s The layout at the namespaced slot.
    function layout() internal pure returns (Layout storage s) {
        bytes32 slot = _SLOT;
        assembly ("memory-safe") {
            s.slot := slot
        }
    }
}
