// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {IUniswapV2Pair} from "../interfaces/IUniswapV2Pair.sol";
import {CumulativePrices} from "./libraries/CumulativePrices.sol";

/// @title TwapOracle
/// @notice Fixed-window time-weighted average price of one constant-product pair. Anyone calls
///         `update` at most once per `window`; `consult` prices amounts at the average of the last
///         completed window and refuses averages older than `maxAge`.
/// @dev A spot price (reserve ratio) can be moved arbitrarily for the length of one transaction or one
///      block by anyone with capital or a flash loan; an average over `window` seconds moves only by
///      (manipulated seconds / window) of that move, and holding a manipulation across blocks costs the
///      attacker the arbitrage it invites.
contract TwapOracle {
    /// @notice `window` must be non-zero and `maxAge` at least `window`.
    error InvalidWindow(uint32 window, uint32 maxAge);
    /// @notice The pair has no liquidity, so there is no price to observe.
    error EmptyPair(address pair);
    /// @notice `update` came before a full window elapsed since the last observation.
    error WindowTooShort(uint32 elapsed, uint32 window);
    /// @notice The last average ended too long ago to be used.
    error ObservationTooOld(uint32 age, uint32 maxAge);
    /// @notice No average has been computed yet (`update` never succeeded).
    error NoAverage();
    /// @notice The token is neither token0 nor token1 of the pair.
    error InvalidToken(address token);

    /// @notice Emitted when a new average is recorded.
    /// @param price0Average UQ112x112 token1-per-token0 average over the window.
    /// @param price1Average UQ112x112 token0-per-token1 average over the window.
    /// @param elapsed Seconds the average covers.
    event AverageUpdated(uint256 price0Average, uint256 price1Average, uint32 elapsed);

    /// @notice The observed pair.
    IUniswapV2Pair public immutable pair;
    /// @notice The pair's token0.
    address public immutable token0;
    /// @notice The pair's token1.
    address public immutable token1;
    /// @notice Minimum seconds between observations (the averaging window).
    uint32 public immutable window;
    /// @notice Maximum seconds since the last observation for `consult` to answer.
    uint32 public immutable maxAge;

    /// @notice Accumulator of token1-per-token0 at the last observation.
    uint256 public price0CumulativeLast;
    /// @notice Accumulator of token0-per-token1 at the last observation.
    uint256 public price1CumulativeLast;
    /// @notice Timestamp (mod 2^32) of the last observation.
    uint32 public observedAt;
    /// @notice UQ112x112 average token1-per-token0 over the last completed window.
    uint224 public price0Average;
    /// @notice UQ112x112 average token0-per-token1 over the last completed window.
    uint224 public price1Average;

    /// @param pair_ The pair to observe; must have liquidity.
    /// @param window_ Averaging window in seconds (e.g. 3600).
    /// @param maxAge_ Maximum age of an average for `consult` (at least the window, e.g. 2 × window).
    constructor(IUniswapV2Pair pair_, uint32 window_, uint32 maxAge_) {
        if (window_ == 0 || maxAge_ < window_) revert InvalidWindow(window_, maxAge_);
        (uint112 reserve0, uint112 reserve1, ) = pair_.getReserves();
        if (reserve0 == 0 || reserve1 == 0) revert EmptyPair(address(pair_));
        pair = pair_;
        token0 = pair_.token0();
        token1 = pair_.token1();
        window = window_;
        maxAge = maxAge_;
        (price0CumulativeLast, price1CumulativeLast, observedAt) = CumulativePrices.current(pair_);
    }

    /// @notice Records a new observation and the average price since the previous one.
    /// @dev Time and accumulator differences are taken modulo 2^32 and 2^256, as the pair wraps them.
    function update() external {
        (uint256 cumulative0, uint256 cumulative1, uint32 timestamp) = CumulativePrices.current(pair);
        uint32 elapsed;
        unchecked {
            elapsed = timestamp - observedAt;
        }
        if (elapsed < window) revert WindowTooShort(elapsed, window);
        uint224 average0;
        uint224 average1;
        unchecked {
            // Each difference is at most (2^224 - 1) × elapsed, so the average fits 224 bits.
            average0 = uint224((cumulative0 - price0CumulativeLast) / elapsed);
            average1 = uint224((cumulative1 - price1CumulativeLast) / elapsed);
        }
        price0Average = average0;
        price1Average = average1;
        price0CumulativeLast = cumulative0;
        price1CumulativeLast = cumulative1;
        observedAt = timestamp;
        emit AverageUpdated(average0, average1, elapsed);
    }

    /// @notice Value of `amountIn` of `token` in the other token at the last average, rounded down.
    /// @param token token0 or token1 of the pair.
    /// @param amountIn Amount of `token`.
    /// @return amountOut Amount of the other token.
    function consult(address token, uint256 amountIn) external view returns (uint256 amountOut) {
        uint32 age;
        unchecked {
            age = uint32(block.timestamp) - observedAt;
        }
        if (age > maxAge) revert ObservationTooOld(age, maxAge);
        uint256 average;
        if (token == token0) average = price0Average;
        else if (token == token1) average = price1Average;
        else revert InvalidToken(token);
        if (average == 0) revert NoAverage();
        amountOut = FixedPointMathLib.fullMulDiv(amountIn, average, 2 ** 112);
    }
}
