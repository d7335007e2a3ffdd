// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IHedgePolicy
/// @notice The governance policy of the ALVH hedge vault: what a keeper (or the automation network) may do.
/// @dev Fractions are WAD (1e18 = 100 %), times are seconds. Every field has hard bounds (see `HedgePolicy`),
///      checked when set; a field outside them reverts with `PolicyFieldOutOfBounds(field, value, min, max)`.
///      The setters are in IHedgeLayerVault.
interface IHedgePolicy {
    /// @notice One hedge layer: a long call spread on the volatility index bought from the pool. Its size is set so
    ///         that its intrinsic payoff in the vault's stress scenario is `weight` x coverage x intensity x the
    ///         condor's loss in that scenario (see docs/hedge.md, "The ladder sized to the condor").
    struct LayerPolicy {
        uint64 otm; // lower strike target = feed x (1 + otm)
        uint64 width; // strike width target = feed x width
        uint64 strikeBand; // relative tolerance of both strike targets (|k - target| <= target x band)
        uint32 tenorMin; // expiry - now, minimum
        uint32 tenorMax; // expiry - now, maximum
        uint32 rollWindow; // a roll is due once expiry - now <= rollWindow
        uint32 cooldown; // minimum time between two rolls of the layer
        uint64 weight; // share of the ladder's stress payoff this layer carries (the weights sum to at most 1)
        uint64 maxPremium; // premium of one roll <= maxPremium x NAV
        uint64 trigger; // monetise when feed >= strikeLow + trigger x width
    }

    /// @notice The core engine: a short iron condor (put spread + call spread sold) on the equity index.
    struct CondorPolicy {
        uint64 putDistance; // short put strike target = feed x (1 - putDistance)
        uint64 callDistance; // short call strike target = feed x (1 + callDistance)
        uint64 wingWidth; // each spread's width target = feed x wingWidth
        uint64 strikeBand; // relative tolerance of the strike targets
        uint32 tenorMin; // expiry - now, minimum
        uint32 tenorMax; // expiry - now, maximum
        uint64 maxLoss; // collateral - premium <= maxLoss x NAV
        uint64 notional; // size x feed <= notional x NAV (each side)
        uint64 lossCap; // no condor sale once the budget window's realised condor losses exceed lossCap x NAV
        uint32 maxOpens; // condor sales (openCondor, rollCondorSide) per budget window
        uint64 minCredit; // a sale must bring premium >= minCredit x its collateral (the risk it takes on)
    }

    /// @notice Vault-wide fields.
    struct VaultPolicy {
        uint64 reserveMin; // reserve in the flash vault >= reserveMin x NAV after each epoch
        uint64 budgetMultiple; // k <= 1: layers' net spending in a budget window <= k x condor net income ...
        uint64 reserveDraw; // ... + reserveDraw x NAV (the cash press; see docs/hedge.md)
        uint32 budgetWindow; // length of the (tumbling) budget window
        uint32 epochLength; // minimum time between two epoch settlements
        uint64 slippage; // keeper limit prices may differ from the on-chain quote by at most this
        uint64 minIntensity; // keeper intensity multiplier on layer sizes, lower bound
        uint64 maxIntensity; // keeper intensity multiplier on layer sizes, upper bound
        uint64 coverage; // the ladder's payoff in the stress scenario = coverage x the condor's loss in it
        uint64 stressDrop; // the stress scenario: the equity index down by this fraction ...
        uint64 stressRise; // ... and the volatility index up by this fraction
        uint32 reentryDelay; // after a monetisation, the layer stays empty at least this long
    }

    /// @notice A policy field is outside its hard bounds.
    /// @param field The field's name (e.g. "layer.otm").
    /// @param value The value given.
    /// @param min Lowest accepted value.
    /// @param max Highest accepted value.
    error PolicyFieldOutOfBounds(bytes32 field, uint256 value, uint256 min, uint256 max);

    /// @notice Setting layer `layer`'s weight would bring the layers' weights to `sum`, above 1 (WAD): the ladder
    ///         would pay more than coverage x the condor's stress loss.
    /// @param layer The layer index.
    /// @param sum The weights' sum with the new value.
    error LayerWeightsAboveOne(uint256 layer, uint256 sum);

    /// @notice Governance set the vault-wide policy.
    /// @param policy The new policy.
    event VaultPolicySet(VaultPolicy policy);
    /// @notice Governance set the policy of one layer.
    /// @param layer The layer index.
    /// @param policy The new policy.
    event LayerPolicySet(uint256 indexed layer, LayerPolicy policy);
    /// @notice Governance set the condor policy.
    /// @param policy The new policy.
    event CondorPolicySet(CondorPolicy policy);
}
