// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IUniswapV2Callee} from "../interfaces/IUniswapV2Callee.sol";
import {IUniswapV2Pair} from "../interfaces/IUniswapV2Pair.sol";
import {PairSwaps} from "./libraries/PairSwaps.sol";
import {ConstantProductMath} from "../amm/libraries/ConstantProductMath.sol";

/// @title FlashSwapArbitrageur
/// @notice The same arbitrage as `FlashArbitrageur`, financed by the pair's own flash swap instead of a
///         flash-loan vault, for comparison: it takes the cheap token out of `cheapPair` first, sells it on
///         `dearPair`, pays `cheapPair` back in the other token (enough for the constant product after the
///         0.3 % fee) and keeps the rest. No lender fee, but the repayment is priced by the pair's curve.
/// @dev `uniswapV2Call` only accepts the pair this contract is swapping with right now (kept in transient
///      storage while `arbitrage` runs), so only swaps it started itself reach it: the pair's own lock stops
///      anyone from re-entering that pair with this contract as `to` during the swap.
contract FlashSwapArbitrageur is IUniswapV2Callee {
    using SafeERC20 for IERC20;
    using PairSwaps for IUniswapV2Pair;

    /// @notice Receives the profit and is the only account that may start an arbitrage.
    address public immutable owner;

    /// @dev The pair whose callback is expected; set only while `arbitrage` runs.
    address private transient _expectedPair;
    /// @dev What the callback paid back to the cheap pair, for the event.
    uint256 private transient _repaid;

    /// @notice Emitted after the flash swap has been repaid and the profit sent to the owner.
    event FlashSwapArbitrageExecuted(
        address indexed token,
        address indexed cheapPair,
        address indexed dearPair,
        uint256 borrowed,
        uint256 repaid,
        uint256 profit
    );

    /// @notice The caller of `arbitrage` is not the owner.
    error NotOwner(address caller);
    /// @notice `uniswapV2Call` came from something other than the pair being swapped with.
    error UntrustedPair(address caller);
    /// @notice The round trip returned less than the repayment plus the owner's minimum profit.
    /// @param received Profit token received from `dearPair`.
    /// @param repay Amount owed to `cheapPair`.
    /// @param minProfit The owner's minimum profit.
    error ProfitBelowMinimum(uint256 received, uint256 repay, uint256 minProfit);
    /// @notice Two different pairs are needed.
    error SamePair(address pair);

    /// @param owner_ Receives the profit and may start arbitrages.
    constructor(address owner_) {
        owner = owner_;
    }

    /// @notice Flash-swaps `amountOut` of the pairs' other token out of `cheapPair`, sells it on `dearPair`
    ///         for `token`, repays `cheapPair` in `token` and sends the rest to the owner.
    /// @param token The token the profit is taken in (and `cheapPair` is repaid in).
    /// @param cheapPair Pair on which the other token is cheap in `token`.
    /// @param dearPair Pair on which it is dear.
    /// @param amountOut Amount of the other token to take out of `cheapPair`.
    /// @param minProfit Minimum profit in `token` for the transaction to go through.
    /// @return profit Amount of `token` sent to the owner.
    function arbitrage(
        address token,
        IUniswapV2Pair cheapPair,
        IUniswapV2Pair dearPair,
        uint256 amountOut,
        uint256 minProfit
    ) external returns (uint256 profit) {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (cheapPair == dearPair) revert SamePair(address(cheapPair));
        bool tokenIsToken0 = cheapPair.token0() == token;
        (uint256 out0, uint256 out1) = tokenIsToken0 ? (uint256(0), amountOut) : (amountOut, uint256(0));
        _expectedPair = address(cheapPair);
        cheapPair.swap(out0, out1, address(this), abi.encode(token, dearPair, minProfit));
        _expectedPair = address(0);
        uint256 repaid = _repaid;
        profit = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransfer(owner, profit);
        emit FlashSwapArbitrageExecuted(
            token,
            address(cheapPair),
            address(dearPair),
            amountOut,
            repaid,
            profit
        );
    }

    /// @inheritdoc IUniswapV2Callee
    function uniswapV2Call(address, uint256 amount0, uint256 amount1, bytes calldata data) external {
        if (msg.sender != _expectedPair) revert UntrustedPair(msg.sender);
        (address token, IUniswapV2Pair dearPair, uint256 minProfit) = abi.decode(
            data,
            (address, IUniswapV2Pair, uint256)
        );
        IUniswapV2Pair cheapPair = IUniswapV2Pair(msg.sender);
        address borrowedToken = cheapPair.otherToken(token);
        uint256 borrowed = amount0 + amount1; // exactly one of them is non-zero

        // What the cheap pair needs back, priced on its reserves before the swap (they are unchanged
        // until the swap returns).
        (uint256 reserveToken, uint256 reserveBorrowed, ) = cheapPair.reservesFor(token);
        uint256 repay = ConstantProductMath.getAmountIn(borrowed, reserveToken, reserveBorrowed);

        uint256 received = dearPair.sellExact(borrowedToken, borrowed, address(this));
        if (received < repay + minProfit) revert ProfitBelowMinimum(received, repay, minProfit);
        _repaid = repay;
        IERC20(token).safeTransfer(msg.sender, repay);
    }
}
