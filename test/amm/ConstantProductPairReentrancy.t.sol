// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TestBase} from "../utils/Vm.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {ConstantProductFactory} from "../../contracts/amm/ConstantProductFactory.sol";
import {ConstantProductPair} from "../../contracts/amm/ConstantProductPair.sol";
import {IUniswapV2Callee} from "../../contracts/interfaces/IUniswapV2Callee.sol";

/// @notice Every state-changing entry of the pair is locked while a flash swap's callback runs: a callee that
///         re-enters mint, burn, swap, swapExactIn, skim or sync is refused with ReentrancyGuardReentrantCall.
///         (A mint inside the callback would price LP shares on reserves the swap has not yet written.)
contract ConstantProductPairReentrancyTest is TestBase, IUniswapV2Callee {
    bytes4 internal constant REENTRANT = bytes4(keccak256("ReentrancyGuardReentrantCall()"));

    MockERC20 internal token0;
    MockERC20 internal token1;
    ConstantProductPair internal pair;
    /// @dev The entry the callback re-enters (0 mint, 1 burn, 2 swap, 3 swapExactIn, 4 skim, 5 sync).
    uint8 internal entry;
    /// @dev What the re-entry returned: the revert data, or empty when it did not revert.
    bytes internal reentryError;
    bool internal reentered;

    function setUp() public {
        MockERC20 a = new MockERC20("A", "A", 18);
        MockERC20 b = new MockERC20("B", "B", 18);
        (token0, token1) = address(a) < address(b) ? (a, b) : (b, a);
        ConstantProductFactory factory = new ConstantProductFactory(address(this));
        pair = ConstantProductPair(factory.createPair(address(a), address(b)));
        token0.mint(address(pair), 1_000e18);
        token1.mint(address(pair), 1_000e18);
        pair.mint(address(this));
    }

    /// @inheritdoc IUniswapV2Callee
    function uniswapV2Call(address, uint256 amount0, uint256, bytes calldata) external {
        reentered = true;
        // Material for the re-entry: new deposits for mint, LP shares for burn, input for the swaps.
        token0.mint(address(pair), 1e18);
        token1.mint(address(pair), 1e18);
        pair.transfer(address(pair), 1e18);
        if (entry == 0) _record(address(pair), abi.encodeCall(pair.mint, (address(this))));
        else if (entry == 1) _record(address(pair), abi.encodeCall(pair.burn, (address(this))));
        else if (entry == 2) _record(address(pair), abi.encodeCall(pair.swap, (0, 1e15, address(this), "")));
        else if (entry == 3) _record(address(pair), abi.encodeCall(pair.swapExactIn, (true, address(this))));
        else if (entry == 4) _record(address(pair), abi.encodeCall(pair.skim, (address(this))));
        else _record(address(pair), abi.encodeCall(pair.sync, ()));
        // Repay the borrowed token0 with the 0.3 % fee.
        token0.mint(address(pair), (amount0 * 1000) / 997 + 1);
    }

    /// @dev A low-level call, so that any entry's revert data (or its success) is kept for the assertion.
    function _record(address target, bytes memory call) internal {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory returned) = target.call(call);
        reentryError = ok ? bytes("") : returned;
    }

    function _assertRefused(uint8 which) internal {
        entry = which;
        reentered = false;
        pair.swap(1e18, 0, address(this), hex"01");
        vm.assertTrue(reentered, "callback not run");
        vm.assertEq(reentryError.length, 4, "re-entry was not refused");
        vm.assertEq(bytes32(bytes4(reentryError)), bytes32(REENTRANT), "refused with another error");
    }

    function testMintIsLockedDuringAFlashSwap() public {
        _assertRefused(0);
    }

    function testBurnIsLockedDuringAFlashSwap() public {
        _assertRefused(1);
    }

    function testSwapIsLockedDuringAFlashSwap() public {
        _assertRefused(2);
    }

    function testSwapExactInIsLockedDuringAFlashSwap() public {
        _assertRefused(3);
    }

    function testSkimIsLockedDuringAFlashSwap() public {
        _assertRefused(4);
    }

    function testSyncIsLockedDuringAFlashSwap() public {
        _assertRefused(5);
    }
}
