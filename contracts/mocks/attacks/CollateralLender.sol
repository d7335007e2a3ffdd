// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IUniswapV2Pair} from "../../interfaces/IUniswapV2Pair.sol";
import {TwapOracle} from "../../amm/TwapOracle.sol";

/// @title CollateralLender
/// @notice TEST-ONLY. A minimal lending market that values collateral with a constant-product pair, in one
///         of two ways: at the pair's SPOT price (reserve ratio; deliberately broken) or through a
///         `TwapOracle`. It exists to show, in tests and in the demo, why a spot price must never serve as
///         an oracle: one flash loan moves the reserves for the length of a transaction, and the spot-priced
///         lender then hands out far more than the collateral is worth, while the TWAP-priced one does not
///         move.
contract CollateralLender {
    using SafeERC20 for IERC20;

    /// @notice The pair whose spot price values the collateral when no oracle is set.
    IUniswapV2Pair public immutable pair;
    /// @notice The TWAP oracle that values the collateral; address(0) means "use the spot price".
    TwapOracle public immutable oracle;
    /// @notice Token lent out.
    IERC20 public immutable loanToken;
    /// @notice Token taken as collateral.
    IERC20 public immutable collateralToken;
    /// @notice Share of the collateral's value that may be borrowed, in basis points.
    uint256 public constant LTV_BPS = 7_500;

    /// @notice Emitted when collateral is taken and a loan is paid out.
    event Borrowed(address indexed borrower, uint256 collateral, uint256 loan, uint256 collateralValue);

    /// @notice The requested loan exceeds the collateral's value × LTV.
    error LoanAboveCollateralValue(uint256 requested, uint256 allowed);

    /// @param pair_ Pair of `loanToken_` and `collateralToken_`.
    /// @param oracle_ TWAP oracle of that pair, or address(0) to price at the spot reserve ratio.
    /// @param loanToken_ Token lent out.
    /// @param collateralToken_ Token taken as collateral.
    constructor(IUniswapV2Pair pair_, TwapOracle oracle_, IERC20 loanToken_, IERC20 collateralToken_) {
        pair = pair_;
        oracle = oracle_;
        loanToken = loanToken_;
        collateralToken = collateralToken_;
    }

    /// @notice Value of `collateral` collateral tokens in loan tokens, rounded down.
    /// @param collateral Amount of collateral.
    /// @return The value in loan-token units.
    function collateralValue(uint256 collateral) public view returns (uint256) {
        if (address(oracle) != address(0)) return oracle.consult(address(collateralToken), collateral);
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        (uint256 loanReserve, uint256 collateralReserve) = pair.token0() == address(loanToken)
            ? (uint256(r0), uint256(r1))
            : (uint256(r1), uint256(r0));
        return (collateral * loanReserve) / collateralReserve;
    }

    /// @notice Takes `collateral` and pays out `loan` if it is within LTV of the collateral's value.
    /// @param collateral Amount of collateral pulled from the caller.
    /// @param loan Amount of loan token sent to the caller.
    function borrow(uint256 collateral, uint256 loan) external {
        uint256 value = collateralValue(collateral);
        uint256 allowed = (value * LTV_BPS) / 10_000;
        if (loan > allowed) revert LoanAboveCollateralValue(loan, allowed);
        collateralToken.safeTransferFrom(msg.sender, address(this), collateral);
        loanToken.safeTransfer(msg.sender, loan);
        emit Borrowed(msg.sender, collateral, loan, value);
    }
}
