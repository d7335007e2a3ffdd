// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SeriesMath} from "../options/lib/SeriesMath.sol";
import {HedgeModule} from "./HedgeModule.sol";
import {HedgeKeeperRules} from "./HedgeKeeperRules.sol";
import {HedgeBudget} from "./HedgeBudget.sol";
import {HedgePolicy} from "./HedgePolicy.sol";

/// @title HedgeCondorModule
/// @notice The core engine of the hedge vault: the short iron condor's trades (open, close, defend a tested side by
///         rolling it out in time and strike, or closing it) and its policy. Each trade is checked against the
///         policy, the feeds and the budget window (HedgeBudget). Runs ONLY through the vault's delegatecall (the
///         vault checks the role, the pause and reentrancy first). Split out of the keeper module so that each
///         contract stays below 24 KiB.
/// @dev Selectors are those of IHedgeLayerVault; called directly (not through a delegatecall) it reverts.
contract HedgeCondorModule is HedgeModule {
    /// @param w The vault's wiring (the same as the vault's own).
    constructor(Wiring memory w) HedgeModule(w) {}

    /// @notice See IHedgeLayerVault.setCondorPolicy (the vault checks the governor role first).
    /// @param p The policy.
    function setCondorPolicy(CondorPolicy calldata p) external onlyDelegated {
        HedgePolicy.check(p);
        $().condorPolicy = p;
        emit CondorPolicySet(p);
    }

    /// @notice See IHedgeLayerVault.openCondor.
    /// @param putStrikes Put spread strikes.
    /// @param callStrikes Call spread strikes.
    /// @param expiry Expiry.
    /// @param minPremium Keeper's floor on the total premium.
    function openCondor(
        uint256[2] calldata putStrikes,
        uint256[2] calldata callStrikes,
        uint256 expiry,
        uint256 minPremium
    ) external onlyDelegated {
        bool put = $().putLeg.size == 0;
        bool call = $().callLeg.size == 0;
        if (!put && !call) revert CondorAlreadyOpen();
        HedgeBudget.countCondorSale($());
        CondorPolicy memory p = $().condorPolicy;
        uint256 spot = _equityIndex();
        HedgeKeeperRules.checkExpiry(expiry, p.tenorMin, p.tenorMax);
        uint256 size = Math.mulDiv(Math.mulDiv($().lastNav, p.notional, _WAD), _cashScale, spot);
        if (size == 0) revert SizeZero();
        uint256 premium;
        if (put) {
            HedgeKeeperRules.checkCondorSide(p, spot, false, putStrikes);
            premium = _openLeg($().putLeg, false, putStrikes, expiry, size, 0);
        }
        if (call) {
            HedgeKeeperRules.checkCondorSide(p, spot, true, callStrikes);
            premium += _openLeg($().callLeg, true, callStrikes, expiry, size, 0);
        }
        if (premium < minPremium) revert PremiumBelowFloor(premium, minPremium);
        // The risk taken on: the larger collateral of the sides sold (only one side of a condor can pay out).
        uint256 risk = Math.max(put ? $().putLeg.collateral : 0, call ? $().callLeg.collateral : 0);
        uint256 minCredit = Math.mulDiv(risk, p.minCredit, _WAD, Math.Rounding.Ceil);
        if (premium < minCredit) revert CondorCreditBelowMin(premium, minCredit);
        _checkCondorLoss(premium);
        HedgeBudget.publish($());
    }

    /// @notice See IHedgeLayerVault.closeCondor.
    /// @param maxCost Keeper's limit on the total buy-back premium.
    function closeCondor(uint256 maxCost) external onlyDelegated {
        if ($().putLeg.size == 0 && $().callLeg.size == 0) revert NoCondorOpen();
        uint256 cost;
        if ($().putLeg.size != 0) cost = _closeLeg($().putLeg, false, maxCost);
        if ($().callLeg.size != 0) _closeLeg($().callLeg, true, maxCost - cost);
        HedgeBudget.publish($());
    }

    /// @notice See IHedgeLayerVault.rollCondorSide.
    /// @param isCall Which side.
    /// @param strikes The new spread's strikes.
    /// @param expiry The new spread's expiry.
    /// @param minPremium Keeper's floor on the new premium.
    /// @return resold Whether a new spread was sold.
    function rollCondorSide(
        bool isCall,
        uint256[2] calldata strikes,
        uint256 expiry,
        uint256 minPremium
    ) external onlyDelegated returns (bool resold) {
        Leg storage g = isCall ? $().callLeg : $().putLeg;
        if (g.size == 0) revert NoCondorOpen();
        CondorPolicy memory p = $().condorPolicy;
        HedgeKeeperRules.checkCondorSide(p, _equityIndex(), isCall, strikes);
        HedgeKeeperRules.checkExpiry(expiry, p.tenorMin, p.tenorMax);
        uint256 size = g.size;
        _closeLeg(g, isCall, _maxLossCash());
        // Sell again only if the window allows a sale (the buy-back's loss counts) and the new risk is paid for:
        // premium (the pool's bid now, what `sell` pays) >= max(keeper floor, minCredit x collateral, rounded up).
        uint256 premium;
        uint256 floor = Math.max(
            minPremium,
            Math.mulDiv(
                SeriesMath.cashUp(size, strikes[1] - strikes[0], _cashScale),
                p.minCredit,
                _WAD,
                Math.Rounding.Ceil
            )
        );
        if (HedgeBudget.saleAllowed($())) {
            MarkInputs memory m;
            (, , uint256 bid) = _unitPrices(indexFeed, isCall, strikes[0], strikes[1], expiry, m);
            premium = SeriesMath.cashDown(size, bid, _cashScale);
            resold = premium >= floor;
        }
        if (resold) {
            HedgeBudget.countCondorSale($());
            _openLeg(g, isCall, strikes, expiry, size, floor);
            _checkCondorLoss(premium);
        } else {
            emit CondorSideClosed(isCall, premium, floor);
        }
        HedgeBudget.publish($());
    }

    // ================================================================ internals

    /// @dev Max loss of the condor = max(put collateral, call collateral) - premium: only one side can pay out.
    function _checkCondorLoss(uint256 premium) private view {
        uint256 worst = Math.max($().putLeg.collateral, $().callLeg.collateral);
        uint256 loss = worst > premium ? worst - premium : 0;
        uint256 max = _maxLossCash();
        if (loss > max) revert CondorLossAboveMax(loss, max);
    }

    function _maxLossCash() private view returns (uint256) {
        return Math.mulDiv($().lastNav, $().condorPolicy.maxLoss, _WAD);
    }
}
