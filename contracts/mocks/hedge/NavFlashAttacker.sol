// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {IConstantProductRouter} from "../../interfaces/IConstantProductRouter.sol";
import {IOptionPool} from "../../interfaces/IOptionPool.sol";
import {IHedgeLayerVault} from "../../interfaces/IHedgeLayerVault.sol";

/// @title NavFlashAttacker
/// @notice TEST-ONLY. Borrows from the flash vault and, inside the loan, reads the hedge vault's NAV, share price
///         and a series' marks, then dumps the loan into the hedge vault's balance (donation), both AMM pairs and
///         the option pool's LP deposit, and reads them again. Unwinds and repays from its own funds.
contract NavFlashAttacker is IERC3156FlashBorrower {
    using SafeERC20 for IERC20;

    /// @notice The readings: NAV, assets per 1e12 shares, ask and bid of 1 contract of the series.
    struct Reading {
        uint256 nav;
        uint256 sharePrice;
        uint256 ask;
        uint256 bid;
    }

    IHedgeLayerVault public immutable hedge;
    IERC3156FlashLender public immutable lender;
    IERC20 public immutable usdc;
    IERC20 public immutable weth;
    address public immutable pool;
    IConstantProductRouter public immutable routerA;
    IConstantProductRouter public immutable routerB;

    Reading public beforeDump;
    Reading public afterDump;
    uint256 private _seriesId;

    constructor(
        IHedgeLayerVault hedge_,
        IERC3156FlashLender lender_,
        IERC20 usdc_,
        IERC20 weth_,
        address pool_,
        IConstantProductRouter routerA_,
        IConstantProductRouter routerB_
    ) {
        (hedge, lender, usdc, weth, pool) = (hedge_, lender_, usdc_, weth_, pool_);
        (routerA, routerB) = (routerA_, routerB_);
    }

    /// @notice Borrows `amount` and attacks; `seriesId` is the series whose marks are read.
    /// @param amount The loan.
    /// @param seriesId A listed series.
    function attack(uint256 amount, uint256 seriesId) external {
        _seriesId = seriesId;
        lender.flashLoan(this, address(usdc), amount, "");
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address,
        address,
        uint256 amount,
        uint256 fee,
        bytes calldata
    ) external returns (bytes32) {
        beforeDump = _read();
        uint256 quarter = amount / 4;
        usdc.safeTransfer(address(hedge), quarter); // donation into the hedge vault's balance
        uint256 wethA = _swap(routerA, usdc, weth, quarter);
        uint256 wethB = _swap(routerB, usdc, weth, quarter);
        usdc.forceApprove(pool, quarter);
        uint256 lpShares = IERC4626(pool).deposit(quarter, address(this));
        afterDump = _read();
        // Unwind what can be unwound; the donation is lost.
        IERC4626(pool).redeem(lpShares, address(this), address(this));
        _swap(routerA, weth, usdc, wethA);
        _swap(routerB, weth, usdc, wethB);
        usdc.forceApprove(address(lender), amount + fee);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }

    function _read() private view returns (Reading memory r) {
        r.nav = hedge.totalAssets();
        r.sharePrice = hedge.convertToAssets(1e12);
        (r.ask, r.bid) = IOptionPool(pool).quote(_seriesId, 1e18);
    }

    function _swap(
        IConstantProductRouter router,
        IERC20 from,
        IERC20 to,
        uint256 amount
    ) private returns (uint256) {
        from.forceApprove(address(router), amount);
        address[] memory path = new address[](2);
        (path[0], path[1]) = (address(from), address(to));
        uint256[] memory out = router.swapExactTokensForTokens(
            amount,
            0,
            path,
            address(this),
            block.timestamp
        );
        return out[1];
    }
}
