// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {OptionPool} from "../../options/OptionPool.sol";

/// @title OptionPoolBoxFlashBorrowerMock
/// @notice TEST-ONLY flash borrower that tries to finance a box (call spread + put spread on the same strikes)
///         with a flash loan. The box pays its width only at expiry, so it cannot repay: either redeeming
///         reverts (not settled) or selling back brings the bid, less than the loan, and the repayment fails.
contract OptionPoolBoxFlashBorrowerMock is IERC3156FlashBorrower {
    using SafeERC20 for IERC20;

    OptionPool private immutable _pool;
    uint256 private immutable _callId;
    uint256 private immutable _putId;
    uint256 private immutable _size;

    /// @param pool_ The option pool.
    /// @param callId The call spread series.
    /// @param putId The put spread series (same strikes and expiry).
    /// @param size_ Contracts of each leg.
    constructor(OptionPool pool_, uint256 callId, uint256 putId, uint256 size_) {
        _pool = pool_;
        _callId = callId;
        _putId = putId;
        _size = size_;
    }

    /// @notice Takes a loan of `amount` and tries the box; `sellBack` chooses closing over redeeming.
    /// @param lender The ERC-3156 lender.
    /// @param amount The loan.
    /// @param sellBack True: close the legs for the bid; false: try to redeem them.
    function run(IERC3156FlashLender lender, uint256 amount, bool sellBack) external {
        lender.flashLoan(this, _pool.asset(), amount, abi.encode(sellBack));
    }

    /// @inheritdoc IERC3156FlashBorrower
    function onFlashLoan(
        address,
        address token,
        uint256 amount,
        uint256 fee,
        bytes calldata data
    ) external returns (bytes32) {
        bool sellBack = abi.decode(data, (bool));
        IERC20(token).forceApprove(address(_pool), amount);
        _pool.buy(_callId, _size, amount, block.timestamp);
        _pool.buy(_putId, _size, amount, block.timestamp);
        if (sellBack) {
            _pool.closeLong(_callId, _size, 0, block.timestamp);
            _pool.closeLong(_putId, _size, 0, block.timestamp);
        } else {
            _pool.redeemLong(_callId, _size);
            _pool.redeemLong(_putId, _size);
        }
        IERC20(token).forceApprove(msg.sender, amount + fee);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }

    /// @notice Accepts the long tokens.
    /// @return The ERC-1155 acceptance value.
    function onERC1155Received(
        address,
        address,
        uint256,
        uint256,
        bytes calldata
    ) external pure returns (bytes4) {
        return this.onERC1155Received.selector;
    }
}
