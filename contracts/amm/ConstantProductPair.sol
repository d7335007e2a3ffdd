// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ERC20} from "solady/src/tokens/ERC20.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {IUniswapV2Pair} from "../interfaces/IUniswapV2Pair.sol";
import {IUniswapV2Callee} from "../interfaces/IUniswapV2Callee.sol";
import {IConstantProductPair} from "../interfaces/IConstantProductPair.sol";
import {IConstantProductFactory} from "../interfaces/IConstantProductFactory.sol";

/// @title ConstantProductPair
/// @notice A two-token constant-product pool with a 0.3 % fee and the Uniswap V2 pair interface: LP
///         token with EIP-2612 permit, flash swaps, TWAP accumulators, protocol fee via the factory.
/// @dev Written from the V2 whitepaper's behaviour, not from its (GPL) code. Gas choices: tokens and
///      factory are immutables, the lock is transient, reserves and timestamp share one slot, the LP
///      token is solady's ERC20 (no sequential storage, so slot 0 is the reserves slot).
contract ConstantProductPair is IConstantProductPair, ERC20, ReentrancyGuardTransient {
    /// @inheritdoc IUniswapV2Pair
    uint256 public constant MINIMUM_LIQUIDITY = 1000;
    /// @inheritdoc IUniswapV2Pair
    /// @dev keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)").
    bytes32 public constant PERMIT_TYPEHASH =
        0x6e71edae12b1b97f4d1f60370fef10105fa2faae0126114a169c64845d6126c9;

    bytes32 private constant _NAME_HASH = keccak256("ALVH CP-LP");
    uint256 private constant _Q112 = 2 ** 112;

    /// @inheritdoc IUniswapV2Pair
    address public immutable factory;
    /// @inheritdoc IUniswapV2Pair
    address public immutable token0;
    /// @inheritdoc IUniswapV2Pair
    address public immutable token1;

    // Slot 0: reserve0 (bits 0-111), reserve1 (bits 112-223) and the timestamp of their last update
    // (bits 224-255), read and written as one word and passed around packed (fewer stack slots).
    uint256 private _slot0;

    /// @inheritdoc IUniswapV2Pair
    uint256 public price0CumulativeLast;
    /// @inheritdoc IUniswapV2Pair
    uint256 public price1CumulativeLast;
    /// @inheritdoc IUniswapV2Pair
    uint256 public kLast;

    /// @dev Deployed by the factory with CREATE2; the tokens come from the factory, not from
    ///      constructor arguments, so every pair has the same init code hash.
    constructor() {
        factory = msg.sender;
        (token0, token1) = IConstantProductFactory(msg.sender).pairTokens();
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IUniswapV2Pair
    function name() public pure override(ERC20, IUniswapV2Pair) returns (string memory) {
        return "ALVH CP-LP";
    }

    /// @inheritdoc IUniswapV2Pair
    function symbol() public pure override(ERC20, IUniswapV2Pair) returns (string memory) {
        return "ALVH-LP";
    }

    /// @inheritdoc IUniswapV2Pair
    function decimals() public pure override(ERC20, IUniswapV2Pair) returns (uint8) {
        return 18;
    }

    /// @inheritdoc IUniswapV2Pair
    function totalSupply() public view override(ERC20, IUniswapV2Pair) returns (uint256) {
        return super.totalSupply();
    }

    /// @inheritdoc IUniswapV2Pair
    function balanceOf(address owner) public view override(ERC20, IUniswapV2Pair) returns (uint256) {
        return super.balanceOf(owner);
    }

    /// @inheritdoc IUniswapV2Pair
    function allowance(
        address owner,
        address spender
    ) public view override(ERC20, IUniswapV2Pair) returns (uint256) {
        return super.allowance(owner, spender);
    }

    /// @inheritdoc IUniswapV2Pair
    function nonces(address owner) public view override(ERC20, IUniswapV2Pair) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc IUniswapV2Pair
    function DOMAIN_SEPARATOR() public view override(ERC20, IUniswapV2Pair) returns (bytes32) {
        return super.DOMAIN_SEPARATOR();
    }

    /// @inheritdoc IUniswapV2Pair
    function approve(address spender, uint256 value) public override(ERC20, IUniswapV2Pair) returns (bool) {
        return super.approve(spender, value);
    }

    /// @inheritdoc IUniswapV2Pair
    function transfer(address to, uint256 value) public override(ERC20, IUniswapV2Pair) returns (bool) {
        return super.transfer(to, value);
    }

    /// @inheritdoc IUniswapV2Pair
    function transferFrom(
        address from,
        address to,
        uint256 value
    ) public override(ERC20, IUniswapV2Pair) returns (bool) {
        return super.transferFrom(from, to, value);
    }

    /// @inheritdoc IUniswapV2Pair
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) public override(ERC20, IUniswapV2Pair) {
        super.permit(owner, spender, value, deadline, v, r, s);
    }

    /// @inheritdoc IUniswapV2Pair
    function getReserves()
        external
        view
        returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)
    {
        return _unpack(_slot0);
    }

    /*//////////////////////////////////////////////////////////////
                              LIQUIDITY
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IUniswapV2Pair
    function mint(address to) external nonReentrant returns (uint256 liquidity) {
        uint256 slot0 = _slot0;
        (uint112 reserve0, uint112 reserve1, ) = _unpack(slot0);
        uint256 balance0 = SafeTransferLib.balanceOf(token0, address(this));
        uint256 balance1 = SafeTransferLib.balanceOf(token1, address(this));
        // Checked here, before the share maths, so an oversized deposit fails with Overflow, not a panic.
        if (balance0 > type(uint112).max || balance1 > type(uint112).max) revert Overflow(balance0, balance1);
        uint256 amount0 = balance0 - reserve0;
        uint256 amount1 = balance1 - reserve1;

        bool feeOn = _mintProtocolFee(reserve0, reserve1);
        uint256 supply = totalSupply(); // read after the protocol fee, which may mint
        if (supply == 0) {
            // The first MINIMUM_LIQUIDITY shares are locked at address(0) forever, so the share price
            // can never be pushed to a point where one share is worth more than anyone can pay.
            liquidity = FixedPointMathLib.sqrt(amount0 * amount1);
            if (liquidity <= MINIMUM_LIQUIDITY) revert InsufficientLiquidityMinted(amount0, amount1);
            unchecked {
                liquidity -= MINIMUM_LIQUIDITY;
            }
            _mint(address(0), MINIMUM_LIQUIDITY);
        } else {
            // Rounded down and the smaller side taken: a lopsided deposit donates its excess to the pool.
            liquidity = FixedPointMathLib.min((amount0 * supply) / reserve0, (amount1 * supply) / reserve1);
            if (liquidity == 0) revert InsufficientLiquidityMinted(amount0, amount1);
        }
        _mint(to, liquidity);

        _update(balance0, balance1, slot0);
        if (feeOn) kLast = balance0 * balance1;
        emit Mint(msg.sender, amount0, amount1);
    }

    /// @inheritdoc IUniswapV2Pair
    function burn(address to) external nonReentrant returns (uint256 amount0, uint256 amount1) {
        uint256 slot0 = _slot0;
        (uint112 reserve0, uint112 reserve1, ) = _unpack(slot0);
        address token0_ = token0;
        address token1_ = token1;
        uint256 balance0 = SafeTransferLib.balanceOf(token0_, address(this));
        uint256 balance1 = SafeTransferLib.balanceOf(token1_, address(this));
        uint256 liquidity = balanceOf(address(this));

        bool feeOn = _mintProtocolFee(reserve0, reserve1);
        uint256 supply = totalSupply();
        // Pro rata of the balances, rounded down: the burner never takes more than its share.
        amount0 = (liquidity * balance0) / supply;
        amount1 = (liquidity * balance1) / supply;
        if (amount0 == 0 || amount1 == 0) revert InsufficientLiquidityBurned(amount0, amount1);
        _burn(address(this), liquidity);
        SafeTransferLib.safeTransfer(token0_, to, amount0);
        SafeTransferLib.safeTransfer(token1_, to, amount1);
        balance0 = SafeTransferLib.balanceOf(token0_, address(this));
        balance1 = SafeTransferLib.balanceOf(token1_, address(this));

        _update(balance0, balance1, slot0);
        if (feeOn) kLast = balance0 * balance1;
        emit Burn(msg.sender, amount0, amount1, to);
    }

    /*//////////////////////////////////////////////////////////////
                                 SWAPS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IUniswapV2Pair
    function swap(
        uint256 amount0Out,
        uint256 amount1Out,
        address to,
        bytes calldata data
    ) external nonReentrant {
        if (amount0Out == 0 && amount1Out == 0) revert InsufficientOutputAmount(amount0Out, amount1Out);
        uint256 amount0In;
        uint256 amount1In;
        {
            uint256 slot0 = _slot0;
            (uint112 reserve0, uint112 reserve1, ) = _unpack(slot0);
            if (amount0Out >= reserve0 || amount1Out >= reserve1) {
                revert InsufficientLiquidity(amount0Out, amount1Out, reserve0, reserve1);
            }
            if (to == token0 || to == token1) revert InvalidTo(to);

            // Optimistic transfer: output first, then (flash swap) the callback, then the K check.
            if (amount0Out > 0) SafeTransferLib.safeTransfer(token0, to, amount0Out);
            if (amount1Out > 0) SafeTransferLib.safeTransfer(token1, to, amount1Out);
            if (data.length > 0) IUniswapV2Callee(to).uniswapV2Call(msg.sender, amount0Out, amount1Out, data);
            uint256 balance0 = SafeTransferLib.balanceOf(token0, address(this));
            uint256 balance1 = SafeTransferLib.balanceOf(token1, address(this));
            (amount0In, amount1In) = _checkedInputs(balance0, balance1, slot0, amount0Out, amount1Out);
            _update(balance0, balance1, slot0);
        }
        emit Swap(msg.sender, amount0In, amount1In, amount0Out, amount1Out, to);
    }

    /// @inheritdoc IConstantProductPair
    function swapExactIn(bool zeroForOne, address to) external nonReentrant returns (uint256 amountOut) {
        if (to == token0 || to == token1) revert InvalidTo(to);
        uint256 slot0 = _slot0;
        uint256 amountIn;
        if (zeroForOne) {
            uint256 balance0 = SafeTransferLib.balanceOf(token0, address(this));
            uint256 reserve1;
            (amountIn, amountOut, reserve1) = _exactInput(
                balance0,
                uint112(slot0),
                uint112(slot0 >> 112),
                true
            );
            _update(balance0, reserve1, slot0);
            emit Swap(msg.sender, amountIn, 0, 0, amountOut, to);
            SafeTransferLib.safeTransfer(token1, to, amountOut);
        } else {
            uint256 balance1 = SafeTransferLib.balanceOf(token1, address(this));
            uint256 reserve0;
            (amountIn, amountOut, reserve0) = _exactInput(
                balance1,
                uint112(slot0 >> 112),
                uint112(slot0),
                false
            );
            _update(reserve0, balance1, slot0);
            emit Swap(msg.sender, 0, amountIn, amountOut, 0, to);
            SafeTransferLib.safeTransfer(token0, to, amountOut);
        }
    }

    /// @inheritdoc IUniswapV2Pair
    function skim(address to) external nonReentrant {
        (uint112 reserve0, uint112 reserve1, ) = _unpack(_slot0);
        SafeTransferLib.safeTransfer(token0, to, SafeTransferLib.balanceOf(token0, address(this)) - reserve0);
        SafeTransferLib.safeTransfer(token1, to, SafeTransferLib.balanceOf(token1, address(this)) - reserve1);
    }

    /// @inheritdoc IUniswapV2Pair
    function sync() external nonReentrant {
        _update(
            SafeTransferLib.balanceOf(token0, address(this)),
            SafeTransferLib.balanceOf(token1, address(this)),
            _slot0
        );
    }

    /*//////////////////////////////////////////////////////////////
                               INTERNALS
    //////////////////////////////////////////////////////////////*/

    /// @dev Writes new reserves and, once per block, accrues the TWAP accumulators with the reserves that
    ///      held since the last update. Time and accumulators wrap on purpose (as in V2): readers take
    ///      differences modulo 2^32 and 2^256, so the overflow is harmless and must not revert.
    function _update(uint256 balance0, uint256 balance1, uint256 slot0) private {
        if (balance0 > type(uint112).max || balance1 > type(uint112).max) revert Overflow(balance0, balance1);
        (uint112 reserve0, uint112 reserve1, uint32 timestampLast) = _unpack(slot0);
        uint32 timestamp = uint32(block.timestamp);
        unchecked {
            uint32 elapsed = timestamp - timestampLast;
            if (elapsed > 0 && reserve0 != 0 && reserve1 != 0) {
                // UQ112x112 prices (reserve1/reserve0 and reserve0/reserve1) times seconds.
                price0CumulativeLast += ((uint256(reserve1) * _Q112) / reserve0) * elapsed;
                price1CumulativeLast += ((uint256(reserve0) * _Q112) / reserve1) * elapsed;
            }
        }
        _slot0 = balance0 | (balance1 << 112) | (uint256(timestamp) << 224);
        emit Sync(uint112(balance0), uint112(balance1));
    }

    function _unpack(
        uint256 slot0
    ) private pure returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast) {
        reserve0 = uint112(slot0);
        reserve1 = uint112(slot0 >> 112);
        blockTimestampLast = uint32(slot0 >> 224);
    }

    /// @dev Inputs of a `swap` (balances beyond the reserves left after the output) and the fee-adjusted
    ///      K check: (b0×1000 − in0×3)(b1×1000 − in1×3) ≥ r0×r1×1000².
    function _checkedInputs(
        uint256 balance0,
        uint256 balance1,
        uint256 slot0,
        uint256 amount0Out,
        uint256 amount1Out
    ) private pure returns (uint256 amount0In, uint256 amount1In) {
        (uint112 reserve0, uint112 reserve1, ) = _unpack(slot0);
        if (balance0 > type(uint112).max || balance1 > type(uint112).max) revert Overflow(balance0, balance1);
        unchecked {
            // amountOut < reserve (checked by the caller), so the subtractions cannot underflow.
            uint256 left0 = reserve0 - amount0Out;
            uint256 left1 = reserve1 - amount1Out;
            amount0In = balance0 > left0 ? balance0 - left0 : 0;
            amount1In = balance1 > left1 ? balance1 - left1 : 0;
            if (amount0In == 0 && amount1In == 0) revert InsufficientInputAmount(balance0, balance1);
            // Balances < 2^112 and amountIn <= balance, so each adjusted balance < 2^122 and their
            // product < 2^244: no overflow.
            uint256 adjusted0 = balance0 * 1000 - amount0In * 3;
            uint256 adjusted1 = balance1 * 1000 - amount1In * 3;
            if (adjusted0 * adjusted1 < uint256(reserve0) * reserve1 * 1_000_000) {
                revert K(adjusted0, adjusted1, reserve0, reserve1);
            }
        }
    }

    /// @dev Input (balance beyond the reserve) and constant-product output of `swapExactIn`:
    ///      out = in×997×R_out / (R_in×1000 + in×997), rounded down, so the product never decreases.
    ///      Reserves are below 2^112 and the input balance is checked to be too, so nothing overflows.
    function _exactInput(
        uint256 balanceIn,
        uint256 reserveIn,
        uint256 reserveOut,
        bool zeroForOne
    ) private pure returns (uint256 amountIn, uint256 amountOut, uint256 reserveOutAfter) {
        if (balanceIn > type(uint112).max) {
            if (zeroForOne) revert Overflow(balanceIn, reserveOut);
            revert Overflow(reserveOut, balanceIn);
        }
        unchecked {
            amountIn = balanceIn > reserveIn ? balanceIn - reserveIn : 0;
            if (amountIn == 0) {
                if (zeroForOne) revert InsufficientInputAmount(balanceIn, reserveOut);
                revert InsufficientInputAmount(reserveOut, balanceIn);
            }
            uint256 amountInWithFee = amountIn * 997;
            amountOut = (amountInWithFee * reserveOut) / (reserveIn * 1000 + amountInWithFee);
            if (amountOut == 0) revert InsufficientOutputAmount(0, 0);
            reserveOutAfter = reserveOut - amountOut; // amountOut < reserveOut by the formula
        }
    }

    /// @dev Protocol fee: if the factory's `feeTo` is set, mints it 1/6 of the growth of sqrt(k) since
    ///      the last liquidity event, as LP shares (rounded down, in favour of the LPs).
    function _mintProtocolFee(uint112 reserve0, uint112 reserve1) private returns (bool feeOn) {
        address feeTo = IConstantProductFactory(factory).feeTo();
        feeOn = feeTo != address(0);
        uint256 kLast_ = kLast;
        if (feeOn) {
            if (kLast_ != 0) {
                uint256 rootK = FixedPointMathLib.sqrt(uint256(reserve0) * reserve1);
                uint256 rootKLast = FixedPointMathLib.sqrt(kLast_);
                if (rootK > rootKLast) {
                    uint256 liquidity = (totalSupply() * (rootK - rootKLast)) / (rootK * 5 + rootKLast);
                    if (liquidity > 0) _mint(feeTo, liquidity);
                }
            }
        } else if (kLast_ != 0) {
            kLast = 0;
        }
    }

    /// @dev The LP token's name never changes: hand solady the constant hash (cheaper permit).
    function _constantNameHash() internal pure override returns (bytes32) {
        return _NAME_HASH;
    }

    /// @dev No implicit infinite Permit2 allowance: LP allowances behave exactly as in V2.
    function _givePermit2InfiniteAllowance() internal pure override returns (bool) {
        return false;
    }
}
