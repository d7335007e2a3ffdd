// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

// solhint-disable-next-line max-line-length
import {AutomationCompatibleInterface} from "@chainlink/contracts/src/v0.8/automation/interfaces/AutomationCompatibleInterface.sol";
import {IHedgeLayerVault} from "../interfaces/IHedgeLayerVault.sol";
import {IHedgeTypes} from "../interfaces/IHedgeTypes.sol";

/// @title HedgeUpkeep
/// @notice Chainlink Automation for the deterministic rules of a hedge vault: settle expired positions,
///         process a due epoch (only when it can be struck), roll a layer inside its roll window with the
///         policy-default parameters.
///         Registered as the upkeep target; holds no funds and no role (every action is public on the vault).
/// @dev `performUpkeep` re-checks everything and is idempotent: performData carries the upkeep's `nonce`, which
///      advances only when an action executed; a stale or duplicate performData, or an action that is no longer
///      needed (the vault says not due / nothing to settle), is a NO-OP that emits nothing and does not revert,
///      so keeper networks neither burn gas on reverts nor execute twice. An action that fails for another
///      reason (e.g. a stale feed, the hedge budget) emits `UpkeepFailed` and is not proposed again for
///      `RETRY_DELAY`.
contract HedgeUpkeep is AutomationCompatibleInterface {
    /// @notice Upkeep actions, in priority order.
    uint256 public constant SETTLE = 1;
    uint256 public constant EPOCH = 2;
    uint256 public constant ROLL = 3;
    /// @notice How long an action that failed is not proposed again.
    uint256 public constant RETRY_DELAY = 1 hours;

    /// @notice The vault.
    IHedgeLayerVault public immutable vault;
    /// @notice Advances by one with every executed action; performData must carry the current value.
    uint256 public nonce;
    /// @notice When an action (key: action << 128 | argument) that failed may be proposed again.
    mapping(uint256 key => uint256 timestamp) public retryAfter;

    /// @notice `action` (with `arg`, e.g. the layer) executed under `nonce`.
    event UpkeepPerformed(uint256 indexed action, uint256 arg, uint256 nonce);
    /// @notice `action` failed with `reason`; it is not proposed again before `retryAt`.
    event UpkeepFailed(uint256 indexed action, uint256 arg, bytes reason, uint256 retryAt);

    /// @param vault_ The hedge vault.
    constructor(IHedgeLayerVault vault_) {
        vault = vault_;
    }

    /// @notice Whether an action is due, and the performData to run it (`abi.encode(action, arg, nonce)`).
    /// @dev Meant for off-chain simulation (reads the vault's whole keeper state).
    /// @return upkeepNeeded True when an action is due.
    /// @return performData The action to perform.
    function checkUpkeep(bytes calldata) external view returns (bool upkeepNeeded, bytes memory performData) {
        (uint256 action, uint256 arg) = nextAction();
        if (action == 0) return (false, "");
        return (true, abi.encode(action, arg, nonce));
    }

    /// @notice Runs the action in `performData` if it is still due (see the contract's notes on idempotency).
    /// @param performData `abi.encode(action, arg, nonce)` from `checkUpkeep`.
    function performUpkeep(bytes calldata performData) external {
        (uint256 action, uint256 arg, uint256 n) = abi.decode(performData, (uint256, uint256, uint256));
        if (n != nonce || block.timestamp < retryAfter[_key(action, arg)]) return;
        if (action == SETTLE) {
            // A position that cannot settle yet (its settlement round is missing: the pool's governance fallback
            // comes after a grace period) backs off like the others instead of reverting every time, which
            // would keep SETTLE first in line and starve the epochs and rolls.
            try vault.settleExpired() returns (uint256 settled) {
                if (settled == 0) return;
            } catch (bytes memory reason) {
                return _failed(action, arg, reason);
            }
        } else if (action == EPOCH) {
            // Success needs nothing more: the empty block is intended.
            // solhint-disable-next-line no-empty-blocks
            try vault.processEpoch() {} catch (bytes memory reason) {
                if (_selector(reason) == IHedgeTypes.EpochNotDue.selector) return;
                return _failed(action, arg, reason);
            }
        } else if (action == ROLL) {
            // Success needs nothing more: the empty block is intended.
            // solhint-disable-next-line no-empty-blocks
            try vault.rollLayerDefault(arg) {} catch (bytes memory reason) {
                if (_selector(reason) == IHedgeTypes.LayerRollNotDue.selector) return;
                return _failed(action, arg, reason);
            }
        } else {
            return;
        }
        nonce = n + 1;
        emit UpkeepPerformed(action, arg, n);
    }

    /// @notice The first due action: settle expired positions, then a due epoch that can be struck (`navOk`: no
    ///         stale feed, no expired position without its settlement round, no loan open at the reserve's flash
    ///         vault), then the first due layer.
    /// @return action 0 (none), SETTLE, EPOCH or ROLL.
    /// @return arg The layer for ROLL, else 0.
    function nextAction() public view returns (uint256 action, uint256 arg) {
        if (vault.expiredPositions() != 0 && _ready(SETTLE, 0)) return (SETTLE, 0);
        IHedgeTypes.KeeperState memory s = vault.keeperState();
        if (block.timestamp >= s.epochStart + s.vaultPolicy.epochLength && s.navOk && _ready(EPOCH, 0))
            return (EPOCH, 0);
        if (s.paused) return (0, 0);
        for (uint256 i; i < s.layers.length; ++i) {
            // A layer whose default trade cannot be read now (e.g. a stale volatility feed) is skipped, not the
            // layers after it.
            try vault.defaultLayerTrade(i) returns (bool due, uint256, uint256, uint256) {
                if (due && _ready(ROLL, i)) return (ROLL, i);
            } catch {
                continue;
            }
        }
        return (0, 0);
    }

    function _failed(uint256 action, uint256 arg, bytes memory reason) private {
        uint256 retryAt = block.timestamp + RETRY_DELAY;
        retryAfter[_key(action, arg)] = retryAt;
        emit UpkeepFailed(action, arg, reason, retryAt);
    }

    function _ready(uint256 action, uint256 arg) private view returns (bool) {
        return block.timestamp >= retryAfter[_key(action, arg)];
    }

    function _key(uint256 action, uint256 arg) private pure returns (uint256) {
        return (action << 128) | uint128(arg);
    }

    function _selector(bytes memory reason) private pure returns (bytes4 selector) {
        if (reason.length < 4) return bytes4(0);
        assembly ("memory-safe") {
            selector := mload(add(reason, 32))
        }
    }
}
