// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IUniswapV2Pair} from "../../interfaces/IUniswapV2Pair.sol";

/// @title CumulativePrices
/// @notice A pair's TWAP accumulators as of now, without writing: the stored values plus the
///         reserves-since-last-update times the seconds elapsed. Works on any Uniswap-V2-shaped pair.
library CumulativePrices {
    uint256 private constant _Q112 = 2 ** 112;

    /// @notice Current cumulative prices (UQ112x112 × seconds, wrapping) and the uint32 timestamp.
    /// @param pair The pair.
    /// @return price0Cumulative Accumulated token1-per-token0 price.
    /// @return price1Cumulative Accumulated token0-per-token1 price.
    /// @return timestamp `block.timestamp` modulo 2^32.
    function current(
        IUniswapV2Pair pair
    ) internal view returns (uint256 price0Cumulative, uint256 price1Cumulative, uint32 timestamp) {
        timestamp = uint32(block.timestamp);
        price0Cumulative = pair.price0CumulativeLast();
        price1Cumulative = pair.price1CumulativeLast();
        (uint112 reserve0, uint112 reserve1, uint32 timestampLast) = pair.getReserves();
        if (timestampLast != timestamp && reserve0 != 0 && reserve1 != 0) {
            // Same wrapping arithmetic as the pair: uint32 seconds, accumulators modulo 2^256.
            unchecked {
                uint32 elapsed = timestamp - timestampLast;
                price0Cumulative += ((uint256(reserve1) * _Q112) / reserve0) * elapsed;
                price1Cumulative += ((uint256(reserve0) * _Q112) / reserve1) * elapsed;
            }
        }
    }
}
