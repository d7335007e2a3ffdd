// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IUniswapV2Callee} from "../../interfaces/IUniswapV2Callee.sol";
import {IUniswapV2Pair} from "../../interfaces/IUniswapV2Pair.sol";

/// @title FlashSwapCallee
/// @notice Test-only flash-swap borrower: repays what it borrowed with the 0.3 % fee (mode 0), without
///         the fee (mode 1, must fail the K check), or tries to re-enter the pair (mode 2).
contract FlashSwapCallee is IUniswapV2Callee {
    /// @notice Arguments of the last callback, for assertions.
    address public lastSender;
    /// @notice token0 amount received in the last callback.
    uint256 public lastAmount0;
    /// @notice token1 amount received in the last callback.
    uint256 public lastAmount1;

    /// @inheritdoc IUniswapV2Callee
    function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes calldata data) external {
        lastSender = sender;
        lastAmount0 = amount0;
        lastAmount1 = amount1;
        uint8 mode = abi.decode(data, (uint8));
        IUniswapV2Pair pair = IUniswapV2Pair(msg.sender);
        if (mode == 2) {
            pair.sync();
            return;
        }
        // Repay in the same token: the smallest x with (x - 0.3 % of x) >= amount is amount*1000/997 + 1.
        uint256 repay0 = mode == 0 && amount0 > 0 ? (amount0 * 1000) / 997 + 1 : amount0;
        uint256 repay1 = mode == 0 && amount1 > 0 ? (amount1 * 1000) / 997 + 1 : amount1;
        if (repay0 > 0) SafeTransferLib.safeTransfer(pair.token0(), msg.sender, repay0);
        if (repay1 > 0) SafeTransferLib.safeTransfer(pair.token1(), msg.sender, repay1);
    }
}
