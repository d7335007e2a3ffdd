// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IOptionPool} from "../interfaces/IOptionPool.sol";
import {OptionPoolConfig} from "./OptionPoolConfig.sol";
import {OptionPricer} from "./OptionPricer.sol";

/// @title OptionPoolState
/// @notice Storage, limits and read-only views of an `OptionPool` (series, shorts, the active set, cash).
abstract contract OptionPoolState is OptionPoolConfig {
    using EnumerableSet for EnumerableSet.UintSet;

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
    EnumerableSet.UintSet internal _active;
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
    function activeSeries() external view returns (uint256[] memory) {
        return _active.values();
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
