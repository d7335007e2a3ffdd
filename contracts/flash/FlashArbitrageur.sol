// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IUniswapV2Pair} from "../interfaces/IUniswapV2Pair.sol";
import {PairSwaps} from "./libraries/PairSwaps.sol";

/// @title FlashArbitrageur
/// @notice An ERC-3156 borrower that closes a price gap between two constant-product pairs of the same
///         tokens in one transaction: it borrows the loan token from a flash lender, buys the other token on
///         the pair where it is cheap, sells it on the pair where it is dear, repays amount + fee and sends
///         the profit to its owner. If the profit is below the owner's minimum the whole transaction — the
///         loan included — reverts and leaves no trace: that is the flash-loan obligation.
/// @dev Only its owner can start a loan, and `onFlashLoan` accepts calls only from the configured lender for
///      loans this contract initiated itself, so nobody can push a loan (and its fee) into it.
contract FlashArbitrageur is IERC3156FlashBorrower {
    using SafeERC20 for IERC20;
    using PairSwaps for IUniswapV2Pair;

    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    /// @notice Receives the profit and is the only account that may start an arbitrage.
    address public immutable owner;
    /// @notice The ERC-3156 lender this contract borrows from (the FlashLoanVault).
    IERC3156FlashLender public immutable lender;

    /// @notice Emitted after a loan has been repaid and the profit sent to the owner.
    event ArbitrageExecuted(
        address indexed token,
        address indexed cheapPair,
        address indexed dearPair,
        uint256 amount,
        uint256 fee,
        uint256 profit
    );

    /// @notice The caller of `arbitrage` is not the owner.
    error NotOwner(address caller);
    /// @notice `onFlashLoan` was called by something other than the configured lender.
    error UntrustedLender(address caller);
    /// @notice `onFlashLoan` was called for a loan this contract did not initiate.
    error UntrustedInitiator(address initiator);
    /// @notice The round trip returned less than amount + fee + the owner's minimum profit.
    /// @param balance Loan-token balance after both swaps.
    /// @param owed Amount + fee owed to the lender.
    /// @param minProfit The owner's minimum profit.
    error ProfitBelowMinimum(uint256 balance, uint256 owed, uint256 minProfit);
    /// @notice Two different pairs are needed.
    error SamePair(address pair);

    /// @param owner_ Receives the profit and may start arbitrages.
    /// @param lender_ The ERC-3156 lender to borrow from.
    constructor(address owner_, IERC3156FlashLender lender_) {
        owner = owner_;
        lender = lender_;
    }

    /// @notice Borrows `amount` of `token`, buys the pairs' other token on `cheapPair`, sells it on `dearPair`
    ///         and sends everything above amount + fee to the owner. Reverts whole when the profit is below
    ///         `minProfit`.
    /// @param token The loan token; both pairs must hold it.
    /// @param cheapPair Pair on which the other token is bought with the loan.
    /// @param dearPair Pair on which it is sold back for the loan token.
    /// @param amount Amount to borrow (and to sell on `cheapPair`).
    /// @param minProfit Minimum profit in `token` for the transaction to go through.
    /// @return profit Amount of `token` sent to the owner.
    function arbitrage(
        address token,
        IUniswapV2Pair cheapPair,
        IUniswapV2Pair dearPair,
        uint256 amount,
        uint256 minProfit
    ) external returns (uint256 profit) {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (cheapPair == dearPair) revert SamePair(address(cheapPair));
        uint256 fee = lender.flashFee(token, amount);
        lender.flashLoan(this, token, amount, abi.encode(cheapPair, dearPair, minProfit));
        // The lender pulled amount + fee; what is left is the profit (plus any dust sent here before).
        profit = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransfer(owner, profit);
        emit ArbitrageExecuted(token, address(cheapPair), address(dearPair), amount, fee, profit);
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address initiator,
        address token,
        uint256 amount,
        uint256 fee,
        bytes calldata data
    ) external returns (bytes32) {
        if (msg.sender != address(lender)) revert UntrustedLender(msg.sender);
        if (initiator != address(this)) revert UntrustedInitiator(initiator);
        (IUniswapV2Pair cheapPair, IUniswapV2Pair dearPair, uint256 minProfit) = abi.decode(
            data,
            (IUniswapV2Pair, IUniswapV2Pair, uint256)
        );

        address other = cheapPair.otherToken(token);
        uint256 bought = cheapPair.sellExact(token, amount, address(this));
        dearPair.sellExact(other, bought, address(this));

        uint256 owed = amount + fee;
        uint256 balance = IERC20(token).balanceOf(address(this));
        if (balance < owed + minProfit) revert ProfitBelowMinimum(balance, owed, minProfit);
        // The lender pulls its repayment with transferFrom.
        IERC20(token).forceApprove(msg.sender, owed);
        return CALLBACK_SUCCESS;
    }
}
