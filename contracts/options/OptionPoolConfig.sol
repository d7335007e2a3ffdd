// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IOptionPool} from "../interfaces/IOptionPool.sol";
import {OptionPricer} from "./OptionPricer.sol";

/// @title OptionPoolConfig
/// @notice Governance of an `OptionPool`: roles, bounded parameters, feeds and pause.
/// @dev DEFAULT_ADMIN_ROLE (a TimelockController in production) sets parameters and feeds and unpauses;
///      GUARDIAN_ROLE can only pause. Implied volatilities are not the pool's: they come from the surfaces of
///      the pricer's IVolSurfaceOracle, pushed by that oracle's VOL_ORACLE_ROLE.
abstract contract OptionPoolConfig is IOptionPool, AccessControl, Pausable {
    /// @notice May pause listing, trading and deposits; nothing else.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @notice Feed reads, Black-76 valuation, settlement lookup and parameter checks, outside the pool for
    ///         code size (see OptionPricer). Stateless; may be shared by several pools.
    OptionPricer public immutable pricer;

    Params internal _params;
    mapping(address feed => FeedConfig) internal _feeds;

    /// @param pricer_ The stateless OptionPricer.
    /// @param admin Receives DEFAULT_ADMIN_ROLE.
    /// @param initialParams The first parameters (checked like `setParams`).
    constructor(OptionPricer pricer_, address admin, Params memory initialParams) {
        if (admin == address(0)) revert AdminZero();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        pricer = pricer_;
        _setParams(initialParams);
    }

    /// @inheritdoc IOptionPool
    function setParams(Params calldata newParams) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setParams(newParams);
    }

    /// @inheritdoc IOptionPool
    function configureFeed(
        address feed,
        uint256 heartbeat,
        uint256 surfaceMaxAge
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        pricer.checkFeedConfig(heartbeat, surfaceMaxAge);
        _feeds[feed] = FeedConfig(uint32(heartbeat), uint32(surfaceMaxAge));
        emit FeedConfigured(feed, heartbeat, surfaceMaxAge);
    }

    /// @inheritdoc IOptionPool
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @inheritdoc IOptionPool
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    /// @inheritdoc IOptionPool
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @inheritdoc IOptionPool
    function feedConfig(address feed) external view returns (FeedConfig memory) {
        return _feeds[feed];
    }

    function _registeredFeed(address feed) internal view returns (FeedConfig storage f) {
        f = _feeds[feed];
        if (f.heartbeat == 0) revert FeedNotRegistered(feed);
    }

    function _setParams(Params memory p) private {
        pricer.checkParams(p);
        _params = p;
        emit ParamsSet(p);
    }
}
