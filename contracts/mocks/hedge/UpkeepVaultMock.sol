// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IHedgeTypes} from "../../interfaces/IHedgeTypes.sol";

/// @title UpkeepVaultMock
/// @notice TEST-ONLY. The part of a hedge vault that `HedgeUpkeep` reads, with three layers due for their default
///         roll, of which `unreadableLayer`'s default trade reverts: on the real vault only a stale volatility feed
///         makes that view revert, and then for every layer at once.
contract UpkeepVaultMock {
    /// @notice The layer whose `defaultLayerTrade` reverts.
    uint256 public immutable unreadableLayer;
    /// @notice Layers rolled through `rollLayerDefault`, in order.
    uint256[] public rolled;

    /// @notice The default trade of a layer could not be read.
    error Unreadable(uint256 layer);

    /// @param unreadableLayer_ The layer whose default trade reverts.
    constructor(uint256 unreadableLayer_) {
        unreadableLayer = unreadableLayer_;
    }

    /// @notice Nothing expired.
    /// @return 0.
    function expiredPositions() external pure returns (uint256) {
        return 0;
    }

    /// @notice Three layers, an epoch that is not due.
    /// @return s The state.
    function keeperState() external view returns (IHedgeTypes.KeeperState memory s) {
        s.layers = new IHedgeTypes.Layer[](3);
        s.epochStart = block.timestamp;
        s.vaultPolicy.epochLength = 1 days;
        s.navOk = true;
    }

    /// @notice Every layer is due, except that `unreadableLayer`'s trade reverts.
    /// @param layer The layer.
    /// @return Always due.
    /// @return Lower strike (unused).
    /// @return Upper strike (unused).
    /// @return Expiry (unused).
    function defaultLayerTrade(uint256 layer) external view returns (bool, uint256, uint256, uint256) {
        if (layer == unreadableLayer) revert Unreadable(layer);
        return (true, 0, 0, 0);
    }

    /// @notice Records the roll.
    /// @param layer The layer.
    /// @return A series id (the layer).
    function rollLayerDefault(uint256 layer) external returns (uint256) {
        rolled.push(layer);
        return layer;
    }
}
