// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {IOptionPool} from "../../contracts/interfaces/IOptionPool.sol";
import {IHedgeLayerVault} from "../../contracts/interfaces/IHedgeLayerVault.sol";

/// @notice Deploying the vault from its artifact reverted (its constructor refused the arguments).
error VaultDeploymentFailed();

/// @notice The hedge vault's whole external surface as Solidity tests use it (its interface, ERC-20 shares, roles),
///         for tests that deploy the compiled `HedgeLayerVault` artifact (`vm.getCode`) instead of
///         `new HedgeLayerVault(...)`. Importing the contract itself would compile its import tree once more inside
///         the test's own compilation job, at the test's optimizer settings (and over the 24 KiB limit).
interface IHedgeLayerVaultFull is IHedgeLayerVault, IERC20, IAccessControl {
    /// @notice The vault's constructor argument of the same name (same fields, same order).
    struct Deployment {
        IERC20Metadata asset;
        IOptionPool pool;
        IERC4626 flashVault;
        AggregatorV3Interface volFeed;
        AggregatorV3Interface indexFeed;
        uint256 feedHeartbeat;
        uint256 tradingCutoff;
        address governor;
        string name;
        string symbol;
    }

    /// @notice The role a keeper needs.
    function KEEPER_ROLE() external view returns (bytes32);
}
