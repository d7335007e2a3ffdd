// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IVolSurfaceOracle
/// @notice Per-feed implied-volatility surfaces, pushed by holders of `VOL_ORACLE_ROLE` (off-chain: the
///         volatility oracle module, scripts/volatility) and read by the option pricer. A surface is a few tenor
///         pillars; each pillar gives the forward factor (forward / index), the at-the-money volatility and a
///         quadratic smile in log-moneyness:
///           x = ln(K / F),   vol(K) = atmVol + skew x + curvature x^2   (consumers clamp it to their bounds)
///         Between pillars the forward factor and the smile coefficients are linear in tenor and the ATM total
///         variance atmVol^2 x tenor is linear in tenor. Below the first pillar the forward factor runs linearly
///         from exactly 1 at expiry to the first pillar's (so no series is priced off a forward its settlement
///         will not see) and the smile is the first pillar's; beyond the last pillar everything is flat.
/// @dev Units: tenors in seconds, every other field WAD (1e18 = 1.0 or 100 %). A push is refused unless every
///      field lies inside its hard bound and the surface is free of static arbitrage on a fixed log-moneyness
///      grid (see `pushSurface`). The surface carries its own time (`updatedAt`); how old a surface a consumer
///      accepts is the consumer's rule (the option pool's per-feed `surfaceMaxAge`).
interface IVolSurfaceOracle {
    // ---------------------------------------------------------------- types

    /// @notice One tenor pillar of a surface (one storage slot besides its tenor).
    struct VolPillar {
        uint32 tenor; // seconds to expiry, 1 day .. 730 days, strictly increasing across pillars
        uint64 forwardFactor; // WAD: forward / index at this tenor, 0.2 .. 5
        uint64 atmVol; // WAD: at-the-money implied volatility, 0.01 .. 5
        int64 skew; // WAD: d vol / d x, -5 .. 5
        int64 curvature; // WAD: coefficient of x^2, 0 .. 5
    }

    /// @notice The surface of a feed at one time to expiry, interpolated between its pillars.
    struct VolSlice {
        uint256 forwardFactor; // WAD
        uint256 atmVol; // WAD
        int256 skew; // WAD
        int256 curvature; // WAD
        uint256 updatedAt; // the surface's time (0: never pushed)
    }

    // ---------------------------------------------------------------- errors

    /// @notice The admin given to the constructor is the zero address.
    error SurfaceOracleAdminZero();
    /// @notice The feed address is zero.
    error SurfaceFeedZero();
    /// @notice A surface has 1 .. `max` pillars.
    error SurfacePillarCount(uint256 count, uint256 max);
    /// @notice A pillar's field (`field` names it) lies outside its hard bound [min, max].
    error SurfaceFieldOutOfBounds(bytes32 field, uint256 pillar, int256 value, int256 min, int256 max);
    /// @notice Pillar tenors must be strictly increasing.
    error SurfaceTenorsNotIncreasing(uint256 pillar, uint256 tenor, uint256 previousTenor);
    /// @notice The surface's time must be after the feed's previous surface and not in the future.
    error SurfaceTimeInvalid(uint256 updatedAt, uint256 previousUpdatedAt, uint256 blockTimestamp);
    /// @notice Total variance at log-moneyness `x` falls from pillar `pillar - 1` to `pillar` (calendar arbitrage).
    error SurfaceCalendarArbitrage(
        uint256 pillar,
        int256 x,
        uint256 totalVariance,
        uint256 previousTotalVariance
    );
    /// @notice At pillar `pillar`, the call spread between grid points `x` and the next one is worth less than
    ///         zero or more than its width, or its value per unit of width rises with the strike (vertical or
    ///         butterfly arbitrage).
    error SurfaceStrikeArbitrage(uint256 pillar, int256 x);

    // ---------------------------------------------------------------- events

    /// @notice A feed's surface was replaced.
    /// @param feed The index feed the surface belongs to.
    /// @param updatedAt The surface's time (as of which its inputs were observed).
    /// @param pillars The pillars.
    event SurfacePushed(address indexed feed, uint256 updatedAt, VolPillar[] pillars);

    // ---------------------------------------------------------------- functions

    /// @notice The role allowed to push surfaces (`keccak256("VOL_ORACLE_ROLE")`).
    /// @return The role identifier.
    function VOL_ORACLE_ROLE() external view returns (bytes32);

    /// @notice Most pillars of one surface.
    /// @return The maximum.
    function MAX_PILLARS() external view returns (uint256);

    /// @notice Replaces `feed`'s surface. Only VOL_ORACLE_ROLE.
    /// @dev Checks (`checkSurface`): 1 .. MAX_PILLARS pillars, every field within its bound, tenors strictly
    ///      increasing; on the log-moneyness grid x in {-1, -0.5, -0.25, 0, 0.25, 0.5, 1}, with vol clamped to
    ///      [0.01, 5]: total variance vol^2 x tenor non-decreasing from each pillar to the next, and per pillar
    ///      (forward 1, strikes e^x, undiscounted Black-76 calls C) every call spread C(x_j) - C(x_j+1) within
    ///      [0, e^x_j+1 - e^x_j] and its value per unit of width non-increasing in the strike. Also
    ///      `updatedAt` <= now and > the previous surface's time. Reverts with the errors above; emits
    ///      `SurfacePushed`.
    /// @param feed The index feed.
    /// @param updatedAt The surface's time (unix seconds).
    /// @param pillars The pillars.
    function pushSurface(address feed, uint256 updatedAt, VolPillar[] calldata pillars) external;

    /// @notice Reverts with this contract's errors unless `pillars` would be accepted by `pushSurface` (the
    ///         time aside): lets an off-chain oracle dry-run a surface.
    /// @param pillars The pillars.
    function checkSurface(VolPillar[] calldata pillars) external pure;

    /// @notice `feed`'s surface as pushed.
    /// @param feed The index feed.
    /// @return updatedAt The surface's time (0: none).
    /// @return pillars The pillars (empty: none).
    function surface(address feed) external view returns (uint256 updatedAt, VolPillar[] memory pillars);

    /// @notice `feed`'s surface interpolated at `tenor` seconds to expiry (see the contract notice).
    /// @dev Never reverts; a feed without a surface returns zeros (`updatedAt` 0). Consumers check the age.
    /// @param feed The index feed.
    /// @param tenor Seconds to expiry (0 at expiry: forward factor exactly 1).
    /// @return The interpolated slice.
    function slice(address feed, uint256 tenor) external view returns (VolSlice memory);
}
