// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IVolSurfaceOracle} from "../../contracts/interfaces/IVolSurfaceOracle.sol";

/// @notice Volatility surfaces for the Solidity tests.
library Surfaces {
    /// @notice One pillar at 30 days, forward factor 1, flat volatility `vol`, no skew: the index is the
    ///         forward at every tenor and every strike has the same volatility.
    /// @param vol WAD volatility.
    /// @return pillars The surface.
    function flat(uint256 vol) internal pure returns (IVolSurfaceOracle.VolPillar[] memory pillars) {
        pillars = new IVolSurfaceOracle.VolPillar[](1);
        pillars[0] = IVolSurfaceOracle.VolPillar(30 days, 1e18, uint64(vol), 0, 0);
    }

    /// @notice Pushes `flat(vol)` for `feed` stamped now, unless the feed's surface is from this second already.
    /// @param oracle The oracle (the caller holds its VOL_ORACLE_ROLE).
    /// @param feed The feed.
    /// @param vol WAD volatility.
    function pushFlat(IVolSurfaceOracle oracle, address feed, uint256 vol) internal {
        (uint256 updatedAt, ) = oracle.surface(feed);
        if (updatedAt < block.timestamp) oracle.pushSurface(feed, block.timestamp, flat(vol));
    }
}
