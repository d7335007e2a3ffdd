// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TestBase} from "../utils/Vm.sol";
import {FlashLoanVault} from "../../contracts/flash/FlashLoanVault.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {IFlashLoanVault} from "../../contracts/interfaces/IFlashLoanVault.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Fuzz tests of the flash fee: rounded up, never zero for a non-zero fee and amount, at most 1 wei
///         above the exact value.
contract FlashLoanVaultFeeFuzzTest is TestBase {
    MockERC20 private token;
    FlashLoanVault private vault;

    function setUp() public {
        token = new MockERC20("USD Coin", "USDC", 6);
        vault = new FlashLoanVault(IERC20(address(token)), "Flash Vault", "fv", address(this), 0, 6);
    }

    function testFuzz_feeIsRoundedUp(uint256 amount, uint256 bps) public {
        // The exact product, fee x 10_000 and exact + 10_000 below cannot overflow (the fee is at most 1 above
        // amount x bps / 10_000; 1,024-run deep fuzzing found amounts near max / 100 where they did).
        amount = bound(amount, 0, type(uint256).max / 100 - 10_000);
        bps = bound(bps, 0, 100);
        vault.setFlashFeeBps(bps);
        uint256 fee = vault.flashFee(address(token), amount);
        uint256 exact = amount * bps; // fee is compared with exact / 10_000
        vm.assertGe(fee * 10_000, exact, "fee below exact");
        vm.assertLt(fee * 10_000, exact + 10_000, "fee > exact + 1");
        if (amount != 0 && bps != 0) vm.assertGt(fee, 0, "zero fee");
        if (bps == 0) vm.assertEq(fee, 0, "fee without a fee rate");
    }

    function testFuzz_feeAnyAmountNoOverflow(uint256 amount) public {
        vault.setFlashFeeBps(100);
        uint256 fee = vault.flashFee(address(token), amount);
        vm.assertGe(fee, amount / 100, "fee below 1 %");
        vm.assertLe(fee, amount / 100 + 1, "fee above 1 % + 1");
    }

    function testFuzz_feeAboveCapReverts(uint256 bps) public {
        bps = bound(bps, 101, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IFlashLoanVault.FlashFeeAboveCap.selector, bps, 100));
        vault.setFlashFeeBps(bps);
    }
}
