// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {IndexFeed} from "../../contracts/oracle/IndexFeed.sol";
import {IOptionPool} from "../../contracts/interfaces/IOptionPool.sol";
import {OptionPool} from "../../contracts/options/OptionPool.sol";
import {OptionPricer} from "../../contracts/options/OptionPricer.sol";
import {VolSurfaceOracle} from "../../contracts/oracle/VolSurfaceOracle.sol";
import {Surfaces} from "../utils/Surfaces.sol";
import {TestBase} from "../utils/Vm.sol";

/// @notice Shared deployment of the OptionPool Solidity tests: USDC (6 decimals), a VIX-like IndexFeed at 20,
///         a flat 80 % volatility surface, the pricer and the pool with
///         the default parameters of the mocha fixture (5 % rate).
abstract contract OptionPoolSetup is TestBase {
    uint256 internal constant START = 1_700_000_000; // 2023-11-14 22:13:20 UTC
    uint256 internal constant EIGHT_UTC = 8 hours;

    MockERC20 internal usdc;
    IndexFeed internal feed;
    VolSurfaceOracle internal volOracle;
    OptionPricer internal pricer;
    OptionPool internal pool;

    function _deploy() internal {
        vm.warp(START);
        usdc = new MockERC20("USD Coin", "USDC", 6);
        feed = new IndexFeed(address(this), "VIX / USD-like index", 1e8, 1_000e8);
        feed.grantRole(feed.REPORTER_ROLE(), address(this));
        feed.pushRound(20e8, uint64(block.timestamp));
        volOracle = new VolSurfaceOracle(address(this));
        volOracle.grantRole(volOracle.VOL_ORACLE_ROLE(), address(this));
        Surfaces.pushFlat(volOracle, address(feed), 0.8e18);
        pricer = new OptionPricer(volOracle);
        pool = new OptionPool(usdc, pricer, address(this), _params(), "ALVH option pool LP", "aOPT");
        pool.configureFeed(address(feed), 1 days, 7 days);
    }

    function _params() internal pure returns (IOptionPool.Params memory) {
        return
            IOptionPool.Params({
                minTenor: 1 days,
                maxTenor: 365 days,
                expiryTimeOfDay: uint32(EIGHT_UTC),
                settlementWindow: 1 hours,
                gracePeriod: 7 days,
                strikeBandLow: 0.5e18,
                strikeBandHigh: 3e18,
                halfSpread: 0.005e18,
                fee: 0.01e18,
                maxUtilisation: 0.8e18,
                rate: 0.05e18,
                minVol: 0.1e18,
                maxVol: 3e18
            });
    }

    /// @dev The first 08:00 UTC at or after `t`.
    function _nextExpiry(uint256 t) internal pure returns (uint256) {
        uint256 candidate = t - (t % 1 days) + EIGHT_UTC;
        return candidate >= t ? candidate : candidate + 1 days;
    }
}
