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
    event Mint(address indexed sender, uint256 amount0, uint256 amount1);
    event Burn(address indexed sender, uint256 amount0, uint256 amount1, address indexed to);
    event Swap(
        address indexed sender,
        uint256 amount0In,
        uint256 amount1In,
        uint256 amount0Out,
        uint256 amount1Out,
        address indexed to
    );
    event Sync(uint112 reserve0, uint112 reserve1);

    function name() external view returns (string memory);
    function symbol() external view returns (string memory);
    function decimals() external view returns (uint8);
    function totalSupply() external view returns (uint256);
    function balanceOf(address owner) external view returns (uint256);
    function allowance(address owner, address spender) external view returns (uint256);
    function approve(address spender, uint256 value) external returns (bool);
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);

    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32);
    // solhint-disable-next-line func-name-mixedcase
    function PERMIT_TYPEHASH() external pure returns (bytes32);
    function nonces(address owner) external view returns (uint256);
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    // solhint-disable-next-line func-name-mixedcase
    function MINIMUM_LIQUIDITY() external pure returns (uint256);
    function factory() external view returns (address);
    function token0() external view returns (address);
    function token1() external view returns (address);
    function getReserves()
        external
        view
        returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    function price0CumulativeLast() external view returns (uint256);
    function price1CumulativeLast() external view returns (uint256);
    function kLast() external view returns (uint256);

    function mint(address to) external returns (uint256 liquidity);
    function burn(address to) external returns (uint256 amount0, uint256 amount1);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
    function skim(address to) external;
    function sync() external;
}
