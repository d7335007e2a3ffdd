// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {IOptionPool} from "../interfaces/IOptionPool.sol";
import {IHedgeLayerVault} from "../interfaces/IHedgeLayerVault.sol";
import {EpochRequests} from "./EpochRequests.sol";
import {HedgeBook} from "./HedgeBook.sol";
import {HedgeStorage} from "./HedgeStorage.sol";

/// @title HedgeLayerVault
/// @notice The tokenized ALVH (see IHedgeLayerVault and docs/hedge.md). Governance (DEFAULT_ADMIN_ROLE, a
///         TimelockController) sets the policy; KEEPER_ROLE trades inside it; GUARDIAN_ROLE can only pause.
/// @dev Keepers can only move cash to and from the option pool (premiums, collateral) and the flash vault
///      (the reserve, moved only by epoch processing); every trade is checked against the policy and the feeds.
contract HedgeLayerVault is EpochRequests, AccessControl, Pausable, ReentrancyGuardTransient, ERC1155Holder {
    /// @notice Role allowed to run the discretionary keeper actions.
    bytes32 public constant KEEPER_ROLE = keccak256("KEEPER_ROLE");
    /// @notice Role allowed to pause (only).
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @dev ERC-165 ids of ERC-7540 (setOperator ^ isOperator; requestDeposit ^ pendingDepositRequest ^
    ///      claimableDepositRequest ^ deposit(3) ^ mint(3); requestRedeem ^ pendingRedeemRequest ^
    ///      claimableRedeemRequest) and of ERC-7575 (the minimal vault: asset ^ share ^ convertToAssets ^
    ///      convertToShares ^ totalAssets; the deposit, mint, redeem and withdraw vaults: each function with its
    ///      preview and max; and the XOR of those five), as the EIPs list them.
    bytes4 private constant _ERC7540_OPERATOR = 0xe3bc4e65;
    bytes4 private constant _ERC7540_ASYNC_DEPOSIT = 0xce3bbe50;
    bytes4 private constant _ERC7540_ASYNC_REDEEM = 0x620ee8e4;
    bytes4 private constant _ERC7575_MINIMAL = 0x50a526d6;
    bytes4 private constant _ERC7575_DEPOSIT = 0xc1f329ef;
    bytes4 private constant _ERC7575_MINT = 0xe1550342;
    bytes4 private constant _ERC7575_REDEEM = 0x2fd7d42a;
    bytes4 private constant _ERC7575_WITHDRAW = 0x70dec094;
    bytes4 private constant _ERC7575 = 0x2f0a18c5;
    /// @dev `HedgeLensModule.navBounds()` (the vault does not import the module: its file compiles at other settings).
    bytes4 private constant _NAV_BOUNDS = bytes4(keccak256("navBounds()"));

    /// @notice The module the layer actions and `settleExpired` are delegate-called to (same wiring, see
    ///         `wiringHash`).
    address public immutable keeperModule;
    /// @notice The module the condor's trades and its policy setter are delegate-called to.
    address public immutable condorModule;
    /// @notice The module the NAV, the keeper views and the policy setters are delegate-called to.
    address public immutable lensModule;

    /// @notice Addresses and names of a deployment.
    struct Deployment {
        IERC20Metadata asset;
        IOptionPool pool;
        IERC4626 flashVault;
        AggregatorV3Interface volFeed;
        AggregatorV3Interface indexFeed;
        uint256 feedHeartbeat;
        uint256 tradingCutoff; // the pool's TRADING_CUTOFF
        address governor; // DEFAULT_ADMIN_ROLE: the TimelockController
        string name;
        string symbol;
    }

    /// @notice A module's wiring differs from the vault's.
    error ModuleMismatch(address module);
    /// @notice `lensCall` was called by `caller`, not by the vault itself.
    error NotSelf(address caller);

    /// @param d Addresses and names.
    /// @param modules [HedgeKeeperModule, HedgeLensModule, HedgeCondorModule], deployed with the same wiring.
    /// @param vaultPolicy The first vault policy.
    /// @param condorPolicy The first condor policy.
    /// @param layerPolicies One policy per layer (1 to HedgeStorage.MAX_LAYERS).
    constructor(
        Deployment memory d,
        address[3] memory modules,
        VaultPolicy memory vaultPolicy,
        CondorPolicy memory condorPolicy,
        LayerPolicy[] memory layerPolicies
    )
        HedgeBook(
            Wiring({
                asset: d.asset,
                pool: d.pool,
                flashVault: d.flashVault,
                volFeed: d.volFeed,
                indexFeed: d.indexFeed,
                feedHeartbeat: d.feedHeartbeat,
                layerCount: layerPolicies.length,
                tradingCutoff: d.tradingCutoff,
                assetDecimals: d.asset.decimals()
            })
        )
        EpochRequests(d.asset.decimals())
        ERC20(d.name, d.symbol)
    {
        if (
            d.governor == address(0) || address(d.pool) == address(0) || address(d.flashVault) == address(0)
        ) {
            revert ZeroAddress();
        }
        if (layerPolicies.length == 0 || layerPolicies.length > HedgeStorage.MAX_LAYERS) {
            revert LayerIndexOutOfRange(layerPolicies.length, HedgeStorage.MAX_LAYERS);
        }
        for (uint256 i; i < 3; ++i) {
            if (HedgeBook(modules[i]).wiringHash() != wiringHash()) revert ModuleMismatch(modules[i]);
        }
        (keeperModule, lensModule, condorModule) = (modules[0], modules[1], modules[2]);
        _grantRole(DEFAULT_ADMIN_ROLE, d.governor);
        _delegate(modules[1], abi.encodeCall(IHedgeLayerVault.setVaultPolicy, (vaultPolicy)));
        _delegate(modules[2], abi.encodeCall(IHedgeLayerVault.setCondorPolicy, (condorPolicy)));
        for (uint256 i; i < layerPolicies.length; ++i) {
            _delegate(modules[1], abi.encodeCall(IHedgeLayerVault.setLayerPolicy, (i, layerPolicies[i])));
        }
        $().budgetStart = uint48(block.timestamp);
        _approvePartners();
    }

    // ================================================================ governance

    /// @inheritdoc IHedgeLayerVault
    function setVaultPolicy(VaultPolicy calldata) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _delegate(lensModule, msg.data);
    }

    /// @inheritdoc IHedgeLayerVault
    function setLayerPolicy(uint256, LayerPolicy calldata) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _delegate(lensModule, msg.data);
    }

    /// @inheritdoc IHedgeLayerVault
    function setCondorPolicy(CondorPolicy calldata) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _delegate(condorModule, msg.data);
    }

    /// @inheritdoc IHedgeLayerVault
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @inheritdoc IHedgeLayerVault
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ================================================================ anyone

    /// @inheritdoc IHedgeLayerVault
    function processEpoch() public override nonReentrant returns (uint256 nav) {
        nav = super.processEpoch();
    }

    /// @inheritdoc IHedgeLayerVault
    function settleExpired() external nonReentrant returns (uint256) {
        return abi.decode(_delegate(keeperModule, msg.data), (uint256));
    }

    /// @inheritdoc IHedgeLayerVault
    function rollLayerDefault(uint256) external nonReentrant whenNotPaused returns (uint256) {
        return abi.decode(_delegate(keeperModule, msg.data), (uint256));
    }

    // ================================================================ keeper (delegated to the module)

    /// @inheritdoc IHedgeLayerVault
    function rollLayer(
        uint256,
        uint256,
        uint256,
        uint256,
        uint256,
        uint256
    ) external nonReentrant onlyRole(KEEPER_ROLE) whenNotPaused returns (uint256) {
        return abi.decode(_delegate(keeperModule, msg.data), (uint256));
    }

    /// @inheritdoc IHedgeLayerVault
    function monetiseLayer(
        uint256
    ) external nonReentrant onlyRole(KEEPER_ROLE) whenNotPaused returns (uint256) {
        return abi.decode(_delegate(keeperModule, msg.data), (uint256));
    }

    /// @inheritdoc IHedgeLayerVault
    function openCondor(
        uint256[2] calldata,
        uint256[2] calldata,
        uint256,
        uint256
    ) external nonReentrant onlyRole(KEEPER_ROLE) whenNotPaused {
        _delegate(condorModule, msg.data);
    }

    /// @inheritdoc IHedgeLayerVault
    function closeCondor(uint256) external nonReentrant onlyRole(KEEPER_ROLE) {
        _delegate(condorModule, msg.data);
    }

    /// @inheritdoc IHedgeLayerVault
    function rollCondorSide(
        bool,
        uint256[2] calldata,
        uint256,
        uint256
    ) external nonReentrant onlyRole(KEEPER_ROLE) whenNotPaused returns (bool) {
        return abi.decode(_delegate(condorModule, msg.data), (bool));
    }

    // ================================================================ views

    /// @inheritdoc IHedgeLayerVault
    function defaultLayerTrade(uint256) external view returns (bool, uint256, uint256, uint256) {
        _returnRaw(_lensView(msg.data));
    }

    /// @inheritdoc IHedgeLayerVault
    function epochNav() external view returns (uint256, uint256) {
        _returnRaw(_lensView(msg.data));
    }

    /// @inheritdoc IHedgeLayerVault
    function expiredPositions() external view returns (uint256) {
        _returnRaw(_lensView(msg.data));
    }

    /// @inheritdoc IHedgeLayerVault
    function keeperState() external view returns (KeeperState memory) {
        _returnRaw(_lensView(msg.data));
    }

    /// @notice Runs `data` on the lens module in this contract's context. Only the vault itself calls it, from
    ///         inside a STATICCALL (`_lensView`), so that views can live in the lens module: any state change
    ///         there would revert.
    /// @param data The calldata for the lens module.
    /// @return The lens module's return data.
    function lensCall(bytes calldata data) external returns (bytes memory) {
        if (msg.sender != address(this)) revert NotSelf(msg.sender);
        return _delegate(lensModule, data);
    }

    /// @notice ERC-165: ERC-165 itself, AccessControl, the ERC-1155 receiver, ERC-7540's operator methods
    ///         (0xe3bc4e65), asynchronous deposits (0xce3bbe50) and asynchronous redemptions (0x620ee8e4), and
    ///         ERC-7575 (0x2f0a18c5) with each of its five parts (0x50a526d6, 0xc1f329ef, 0xe1550342, 0x2fd7d42a,
    ///         0x70dec094).
    /// @param interfaceId The interface id.
    /// @return Whether it is supported.
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(AccessControl, ERC1155Holder) returns (bool) {
        return
            interfaceId == _ERC7540_OPERATOR ||
            interfaceId == _ERC7540_ASYNC_DEPOSIT ||
            interfaceId == _ERC7540_ASYNC_REDEEM ||
            interfaceId == _ERC7575 ||
            interfaceId == _ERC7575_MINIMAL ||
            interfaceId == _ERC7575_DEPOSIT ||
            interfaceId == _ERC7575_MINT ||
            interfaceId == _ERC7575_REDEEM ||
            interfaceId == _ERC7575_WITHDRAW ||
            AccessControl.supportsInterface(interfaceId) ||
            ERC1155Holder.supportsInterface(interfaceId);
    }

    // ================================================================ internals

    /// @dev Runs `data` on `module` in this contract's context; bubbles its revert.
    function _delegate(address module, bytes memory data) private returns (bytes memory result) {
        bool ok;
        (ok, result) = module.delegatecall(data); // solhint-disable-line avoid-low-level-calls
        if (!ok) _bubble(result);
    }

    /// @dev Runs `data` on the lens module through `lensCall` inside a STATICCALL to this contract.
    function _lensView(bytes memory data) private view returns (bytes memory) {
        (bool ok, bytes memory result) = address(this).staticcall(abi.encodeCall(this.lensCall, (data)));
        if (!ok) _bubble(result);
        return abi.decode(result, (bytes));
    }

    /// @dev The NAV bounds without striking a price, computed by the lens module (`HedgeLensModule.navBounds`).
    function _navView() internal view override returns (uint256, uint256) {
        return abi.decode(_lensView(abi.encodeWithSelector(_NAV_BOUNDS)), (uint256, uint256));
    }

    /// @dev The epoch's NAV bounds, computed by the lens module: a delegatecall from `processEpoch` itself (the lens
    ///      only reads), without the STATICCALL round trip a view needs.
    function _strikeNav() internal override returns (uint256, uint256) {
        return
            abi.decode(
                _delegate(lensModule, abi.encodeWithSelector(this.epochNav.selector)),
                (uint256, uint256)
            );
    }

    function _bubble(bytes memory revertData) private pure {
        assembly ("memory-safe") {
            revert(add(revertData, 32), mload(revertData))
        }
    }

    /// @dev Ends the call returning `data` as this function's ABI-encoded result.
    function _returnRaw(bytes memory data) private pure {
        assembly ("memory-safe") {
            return(add(data, 32), mload(data))
        }
    }

    /// @dev New risk (deposit requests, rolls, condor opens) stops while paused.
    function _requireNotPaused() internal view override(EpochRequests, Pausable) {
        Pausable._requireNotPaused();
    }
}
