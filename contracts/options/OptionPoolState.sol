// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IOptionPool} from "../interfaces/IOptionPool.sol";
import {OptionPoolConfig} from "./OptionPoolConfig.sol";
import {OptionPricer} from "./OptionPricer.sol";

/// @title OptionPoolState
/// @notice Storage, limits and read-only views of an `OptionPool` (series, shorts, the active set, cash).
abstract contract OptionPoolState is OptionPoolConfig {
    /// @notice Most series in which the pool may have open exposure at once (bounds totalAssets' loop).
    uint256 public constant MAX_ACTIVE_SERIES = 32;
    /// @notice Largest size of one trade (1e12 contracts): keeps every total far inside uint128.
    uint256 public constant MAX_SIZE = 1e30;
    /// @notice Highest strike (1e12 index points, Black-76's price bound): keeps cash amounts inside uint128.
    uint256 public constant MAX_STRIKE = 1e30;
    /// @notice Trading stops this long before expiry.
    uint256 public constant TRADING_CUTOFF = 5 minutes;
    uint256 private constant _FULL_MASK = (1 << MAX_ACTIVE_SERIES) - 1;

    mapping(uint256 seriesId => Series) internal _series;
    mapping(uint256 seriesId => mapping(address writer => uint256)) internal _shorts;
    /// @dev The active set: the ids in `_activeIds` whose bit is set in `_activeMask` (bit i: place i taken). Each
    ///      series keeps its place in its own first slot (`Series.activeSlot`, written with the series anyway)
    ///      instead of a separate mapping slot, and nothing moves on removal: a roll (one series out, one in) re-uses
    ///      the freed place. Free places keep their stale ids, so re-using one costs 2,900 gas, not 20,000.
    uint256[MAX_ACTIVE_SERIES] private _activeIds;
    uint256 private _activeMask;
    uint256 internal _lpCash;
    uint256 internal _totalLocked;
    uint256 internal _traderCash;

    /// @param pricer_ The stateless OptionPricer.
    /// @param admin Receives DEFAULT_ADMIN_ROLE.
    /// @param initialParams The first parameters.
    constructor(
        OptionPricer pricer_,
        address admin,
        Params memory initialParams
    ) OptionPoolConfig(pricer_, admin, initialParams) {}

    /// @inheritdoc IOptionPool
    function getSeries(uint256 seriesId) external view returns (Series memory) {
        return _series[seriesId];
    }

    /// @inheritdoc IOptionPool
    function shortOf(uint256 seriesId, address writer) external view returns (uint256) {
        return _shorts[seriesId][writer];
    }

    /// @inheritdoc IOptionPool
    function activeSeries() external view returns (uint256[] memory ids) {
        uint256 mask = _activeMask;
        ids = new uint256[](MAX_ACTIVE_SERIES);
        uint256 n;
        for (uint256 i; mask != 0; ++i) {
            if (mask & 1 != 0) {
                ids[n] = _activeIds[i];
                ++n;
            }
            mask >>= 1;
        }
        assembly ("memory-safe") {
            mstore(ids, n) // shortened in place: n <= MAX_ACTIVE_SERIES
        }
    }

    /// @inheritdoc IOptionPool
    function lpCash() external view returns (uint256) {
        return _lpCash;
    }

    /// @inheritdoc IOptionPool
    function totalLocked() external view returns (uint256) {
        return _totalLocked;
    }

    /// @inheritdoc IOptionPool
    function traderCash() external view returns (uint256) {
        return _traderCash;
    }

    // ---------------------------------------------------------------- the active set

    /// @dev Adds `seriesId` (whose storage is `s`) to the active set unless it is in it, at the lowest free place;
    ///      reverts with TooManyActiveSeries when all MAX_ACTIVE_SERIES places are taken.
    function _activate(uint256 seriesId, Series storage s) internal {
        if (s.activeSlot != 0) return;
        uint256 mask = _activeMask;
        if (mask == _FULL_MASK) revert TooManyActiveSeries(MAX_ACTIVE_SERIES);
        uint256 place; // the lowest free place (< 32: some bit below 32 is clear)
        while (mask & (1 << place) != 0) ++place;
        _activeIds[place] = seriesId;
        _activeMask = mask | (1 << place);
        s.activeSlot = uint8(place + 1);
    }

    /// @dev Removes `s` from the active set if it is in it (its place becomes free; nothing else moves).
    function _deactivate(Series storage s) internal {
        uint256 slot = s.activeSlot;
        if (slot == 0) return;
        _activeMask &= ~(1 << (slot - 1));
        s.activeSlot = 0;
    }

    // ---------------------------------------------------------------- lookups

    function _quotable(uint256 seriesId) internal view returns (Series storage s) {
        s = _series[seriesId];
        if (s.feed == address(0)) revert SeriesNotListed(seriesId);
        if (block.timestamp + TRADING_CUTOFF >= s.expiry) revert SeriesTradingClosed(seriesId, s.expiry);
    }

    function _settleable(uint256 seriesId) internal view returns (Series storage s) {
        s = _series[seriesId];
        if (s.feed == address(0)) revert SeriesNotListed(seriesId);
        if (s.settled) revert SeriesAlreadySettled(seriesId);
    }

    function _settled(uint256 seriesId) internal view returns (Series storage s) {
        s = _series[seriesId];
        if (!s.settled) revert SeriesNotSettled(seriesId);
    }
}
