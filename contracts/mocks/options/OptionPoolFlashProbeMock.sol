// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {OptionPool} from "../../options/OptionPool.sol";

/// @title OptionPoolFlashProbeMock
/// @notice TEST-ONLY flash borrower: inside the loan it records the pool's share price, total assets and a
///         quote, donates half the loan to the pool's token balance, records again, deposits the other half,
///         records again, redeems, and repays (topped up from its own prefunded balance).
contract OptionPoolFlashProbeMock is IERC3156FlashBorrower {
    using SafeERC20 for IERC20;

    /// @notice One observation of the pool.
    struct Observation {
        uint256 sharePrice; // assets per 1e18 shares
        uint256 totalAssets;
        uint256 ask;
        uint256 bid;
    }

    OptionPool private immutable _pool;
    uint256 private immutable _seriesId;
    uint256 private immutable _size;

    /// @notice Deposited minus redeemed assets of the borrowed deposit-and-redeem round trip.
    uint256 public roundTripLoss;

    /// @notice Observations: 0 before, 1 after the donation, 2 after the deposit, 3 after the redemption.
    Observation[4] public observations;

    /// @param pool_ The option pool.
    /// @param seriesId_ The series quoted.
    /// @param size_ The size quoted.
    constructor(OptionPool pool_, uint256 seriesId_, uint256 size_) {
        _pool = pool_;
        _seriesId = seriesId_;
        _size = size_;
    }

    /// @notice Asks `lender` for a loan of `amount` of the pool's asset.
    /// @param lender The ERC-3156 lender.
    /// @param amount The loan.
    function run(IERC3156FlashLender lender, uint256 amount) external {
        lender.flashLoan(this, _pool.asset(), amount, "");
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address,
        address token,
        uint256 amount,
        uint256 fee,
        bytes calldata
    ) external returns (bytes32) {
        _observe(0);
        uint256 half = amount / 2;
        IERC20(token).safeTransfer(address(_pool), half); // a donation
        _observe(1);
        IERC20(token).forceApprove(address(_pool), amount - half);
        uint256 shares = _pool.deposit(amount - half, address(this));
        _observe(2);
        uint256 back = _pool.redeem(shares, address(this), address(this));
        _observe(3);
        roundTripLoss = amount - half - back; // reverts (underflow) if the round trip made money
        IERC20(token).forceApprove(msg.sender, amount + fee);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }

    function _observe(uint256 i) private {
        (uint256 ask, uint256 bid) = _pool.quote(_seriesId, _size);
        observations[i] = Observation(_pool.convertToAssets(1e18), _pool.totalAssets(), ask, bid);
    }
}
