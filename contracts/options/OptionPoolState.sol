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

    mapping(uint256 seriesId => Series) internal _series;
    mapping(uint256 seriesId => mapping(address writer => uint256)) internal _shorts;
    /// @dev The active set: `_activeIds[0 .. _activeCount)`, each series' place kept in its own first slot
    ///      (`Series.activeSlot`, written with the series' totals anyway) instead of a separate mapping slot. Slots
    ///      past the count keep stale ids: re-using a slot that is not zero costs 2,900 gas instead of 20,000.
    uint256[MAX_ACTIVE_SERIES] private _activeIds;
    uint256 private _activeCount;
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
        uint256 n = _activeCount;
        ids = new uint256[](n);
        for (uint256 i; i < n; ++i) ids[i] = _activeIds[i];
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

    /// @dev Adds `seriesId` (whose storage is `s`) to the active set unless it is in it; reverts with
    ///      TooManyActiveSeries beyond MAX_ACTIVE_SERIES.
    function _activate(uint256 seriesId, Series storage s) internal {
        if (s.activeSlot != 0) return;
        uint256 n = _activeCount;
        if (n == MAX_ACTIVE_SERIES) revert TooManyActiveSeries(MAX_ACTIVE_SERIES);
        _activeIds[n] = seriesId;
        _activeCount = n + 1;
        s.activeSlot = uint8(n + 1); // <= 32
    }

    /// @dev Removes `s` from the active set if it is in it: the last id takes its place (as OpenZeppelin's
    ///      EnumerableSet does, so the order of `activeSeries()` is the same).
    function _deactivate(Series storage s) internal {
        uint256 slot = s.activeSlot;
        if (slot == 0) return;
        uint256 n = _activeCount;
        if (slot != n) {
            uint256 moved = _activeIds[n - 1];
            _activeIds[slot - 1] = moved;
            _series[moved].activeSlot = uint8(slot);
        }
        _activeCount = n - 1;
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
