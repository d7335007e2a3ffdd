// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IOptionPool} from "../../contracts/interfaces/IOptionPool.sol";
import {SeriesMath} from "../../contracts/options/lib/SeriesMath.sol";
import {TestBase} from "../utils/Vm.sol";

/// @notice The payoff of a spread at the unit of its strikes: nothing at the strike that starts it, one unit of
///         index points one unit inside it.
contract SeriesMathTest is TestBase {
    IOptionPool.Kind private constant CALL = IOptionPool.Kind.CALL_SPREAD;
    IOptionPool.Kind private constant PUT = IOptionPool.Kind.PUT_SPREAD;

    /// @notice A call spread pays from one unit above its lower strike, a put spread from one unit under its upper.
    function test_payoffOneUnitInTheMoney() public pure {
        vm.assertEq(SeriesMath.payoff(CALL, 23e18, 26e18, 23e18), 0, "call at the lower strike");
        vm.assertEq(SeriesMath.payoff(CALL, 23e18, 26e18, 23e18 + 1), 1, "call one unit above it");
        vm.assertEq(SeriesMath.payoff(PUT, 16e18, 19e18, 19e18), 0, "put at the upper strike");
        vm.assertEq(SeriesMath.payoff(PUT, 16e18, 19e18, 19e18 - 1), 1, "put one unit under it");
    }
}
