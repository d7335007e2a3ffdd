// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IUniswapV2Pair
/// @notice The Uniswap V2 pair interface (events, views and entry points), re-declared for Solidity 0.8
///         so that ALVH's `ConstantProductPair` is a drop-in for tools, routers and flash-swap borrowers
///         written against Uniswap V2. The ERC-20/EIP-2612 part of the LP token is declared here too.
///         V2's factory-only `initialize(token0, token1)` is left out: how a pair learns its tokens is an
///         implementation detail of its factory, not part of what callers use.
interface IUniswapV2Pair {
    // The LP token's ERC-20 events, `Transfer(address indexed from, address indexed to, uint256 value)` and
    // `Approval(address indexed owner, address indexed spender, uint256 value)`, are part of the pair's ABI
    // but are not declared here: Solidity rejects the same event declared twice in one inheritance tree,
    // so declaring them would make this interface unimplementable on top of any ERC-20 base (OZ, solady).

    /// @notice Liquidity was added: `amount0`/`amount1` are what arrived since the last reserves update.
    event Mint(address indexed sender, uint256 amount0, uint256 amount1);
    /// @notice Liquidity was removed and `amount0`/`amount1` sent to `to`.
    event Burn(address indexed sender, uint256 amount0, uint256 amount1, address indexed to);
    /// @notice A swap: what came in and what went out of each token.
    event Swap(
        address indexed sender,
        uint256 amount0In,
        uint256 amount1In,
        uint256 amount0Out,
        uint256 amount1Out,
        address indexed to
    );
    /// @notice New reserves, after every mint, burn, swap and sync.
    event Sync(uint112 reserve0, uint112 reserve1);

    /// @notice LP token name.
    /// @return The name.
    function name() external view returns (string memory);
    /// @notice LP token symbol.
    /// @return The symbol.
    function symbol() external view returns (string memory);
    /// @notice LP token decimals (18).
    /// @return The decimals.
    function decimals() external view returns (uint8);
    /// @notice Total LP shares, including the locked MINIMUM_LIQUIDITY.
    /// @return The supply.
    function totalSupply() external view returns (uint256);
    /// @notice LP shares held by `owner`.
    /// @param owner The holder.
    /// @return The balance.
    function balanceOf(address owner) external view returns (uint256);
    /// @notice LP shares `spender` may move for `owner`.
    /// @param owner The holder.
    /// @param spender The spender.
    /// @return The allowance.
    function allowance(address owner, address spender) external view returns (uint256);
    /// @notice Lets `spender` move `value` of the caller's LP shares.
    /// @param spender The spender.
    /// @param value The allowance.
    /// @return True.
    function approve(address spender, uint256 value) external returns (bool);
    /// @notice Moves `value` LP shares from the caller to `to`.
    /// @param to The receiver.
    /// @param value The amount.
    /// @return True.
    function transfer(address to, uint256 value) external returns (bool);
    /// @notice Moves `value` LP shares from `from` to `to` using the caller's allowance.
    /// @param from The holder.
    /// @param to The receiver.
    /// @param value The amount.
    /// @return True.
    function transferFrom(address from, address to, uint256 value) external returns (bool);

    /// @notice EIP-712 domain separator of the LP token's permits.
    /// @return The separator.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32);
    /// @notice EIP-2612 Permit type hash.
    /// @return The type hash.
    // solhint-disable-next-line func-name-mixedcase
    function PERMIT_TYPEHASH() external pure returns (bytes32);
    /// @notice Next permit nonce of `owner`.
    /// @param owner The signer.
    /// @return The nonce.
    function nonces(address owner) external view returns (uint256);
    /// @notice Sets an LP allowance from `owner`'s EIP-2612 signature.
    /// @param owner The signer and holder.
    /// @param spender The spender.
    /// @param value The allowance.
    /// @param deadline Last valid timestamp of the signature.
    /// @param v Signature v.
    /// @param r Signature r.
    /// @param s Signature s.
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice LP shares locked for ever at the first mint (1000).
    /// @return The locked amount.
    // solhint-disable-next-line func-name-mixedcase
    function MINIMUM_LIQUIDITY() external pure returns (uint256);
    /// @notice The factory that created the pair.
    /// @return The factory.
    function factory() external view returns (address);
    /// @notice The lower-address token.
    /// @return token0.
    function token0() external view returns (address);
    /// @notice The higher-address token.
    /// @return token1.
    function token1() external view returns (address);
    /// @notice Reserves as of the last update and that update's timestamp (mod 2^32).
    /// @return reserve0 Reserve of token0.
    /// @return reserve1 Reserve of token1.
    /// @return blockTimestampLast Timestamp of the last update, modulo 2^32.
    function getReserves()
        external
        view
        returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    /// @notice Sum of UQ112x112 reserve1/reserve0 × seconds, wrapping modulo 2^256.
    /// @return The accumulator as of the last update.
    function price0CumulativeLast() external view returns (uint256);
    /// @notice Sum of UQ112x112 reserve0/reserve1 × seconds, wrapping modulo 2^256.
    /// @return The accumulator as of the last update.
    function price1CumulativeLast() external view returns (uint256);
    /// @notice reserve0 × reserve1 after the last liquidity event while the protocol fee is on, else 0.
    /// @return kLast.
    function kLast() external view returns (uint256);

    /// @notice Mints LP shares to `to` for the tokens sent to the pair since the last update.
    /// @param to The receiver of the shares.
    /// @return liquidity Shares minted (rounded down).
    function mint(address to) external returns (uint256 liquidity);
    /// @notice Burns the LP shares sent to the pair and pays `to` its pro-rata tokens (rounded down).
    /// @param to The receiver of the tokens.
    /// @return amount0 token0 paid.
    /// @return amount1 token1 paid.
    function burn(address to) external returns (uint256 amount0, uint256 amount1);
    /// @notice Sends the outputs to `to`, calls `uniswapV2Call` on `to` if `data` is non-empty (flash
    ///         swap), then requires the fee-adjusted constant product to hold on the new balances.
    /// @param amount0Out token0 to send.
    /// @param amount1Out token1 to send.
    /// @param to The receiver (and flash-swap callee).
    /// @param data Passed to the callee; empty for a plain swap.
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
    /// @notice Sends the balances in excess of the reserves to `to`.
    /// @param to The receiver.
    function skim(address to) external;
    /// @notice Sets the reserves to the balances.
    function sync() external;
}
