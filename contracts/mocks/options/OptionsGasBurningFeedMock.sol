// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @title OptionsGasBurningFeedMock
/// @notice TEST-ONLY Chainlink-like feed with one settable round that, once `setBurn(true)`, burns all the gas
///         it is given on `latestRoundData` (and, once `setBurnDecimals(true)`, on `decimals`). Shows that the
///         option pool's mark reverts instead of falling back to the worst case when a valuation runs out of gas.
contract OptionsGasBurningFeedMock is AggregatorV3Interface {
    int256 private _answer;
    uint256 private _updatedAt;
    bool private _burn;
    bool private _burnDecimals;

    /// @notice Sets the single round.
    /// @param answer The answer (8 decimals).
    /// @param updatedAt Its timestamp.
    function setRound(int256 answer, uint256 updatedAt) external {
        _answer = answer;
        _updatedAt = updatedAt;
    }

    /// @notice Turns gas burning on or off.
    /// @param burn True to burn all gas on `latestRoundData`.
    function setBurn(bool burn) external {
        _burn = burn;
    }

    /// @notice Turns gas burning on `decimals` on or off (the last read of a settlement price).
    /// @param burn True to burn all gas on `decimals`.
    function setBurnDecimals(bool burn) external {
        _burnDecimals = burn;
    }

    /// @inheritdoc AggregatorV3Interface
    function decimals() external view returns (uint8) {
        uint256 spin;
        while (_burnDecimals) ++spin; // never ends: runs out of gas
        return 8;
    }

    /// @inheritdoc AggregatorV3Interface
    function description() external pure returns (string memory) {
        return "gas burning feed (test only)";
    }

    /// @inheritdoc AggregatorV3Interface
    function version() external pure returns (uint256) {
        return 1;
    }

    /// @inheritdoc AggregatorV3Interface
    function getRoundData(uint80) external view returns (uint80, int256, uint256, uint256, uint80) {
        return (1, _answer, _updatedAt, _updatedAt, 1);
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        uint256 spin;
        while (_burn) ++spin; // never ends: runs out of gas
        return (1, _answer, _updatedAt, _updatedAt, 1);
    }
}
