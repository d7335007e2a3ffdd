// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IUniswapV2Factory} from "./IUniswapV2Factory.sol";

/// @title IConstantProductFactory
/// @notice ALVH's pair factory: the Uniswap V2 factory interface, its named errors, and the CREATE2
///         facts a router needs to compute pair addresses without reading storage.
interface IConstantProductFactory is IUniswapV2Factory {
    /// @notice `createPair` was given the same token twice.
    error IdenticalAddresses(address token);
    /// @notice `createPair` was given the zero address as a token.
    error ZeroAddress();
    /// @notice A pair for these tokens exists already.
    error PairExists(address token0, address token1, address pair);
    /// @notice Only `feeToSetter` may change the fee settings.
    error Forbidden(address caller, address feeToSetter);

    /// @notice Emitted when the protocol-fee receiver changes (zero turns the protocol fee off).
    /// @param feeTo The new receiver.
    event FeeToSet(address indexed feeTo);
    /// @notice Emitted when the account allowed to change the fee settings changes.
    /// @param feeToSetter The new setter.
    event FeeToSetterSet(address indexed feeToSetter);

    /// @notice keccak256 of the pair's creation code: CREATE2 address = f(factory, salt, this hash).
    /// @return The init code hash.
    function PAIR_INIT_CODE_HASH() external view returns (bytes32);

    /// @notice The address the pair of `tokenA` and `tokenB` has (or will have), in either order.
    /// @param tokenA One token.
    /// @param tokenB The other token.
    /// @return pair The CREATE2 address (no code there until `createPair`).
    function pairFor(address tokenA, address tokenB) external view returns (address pair);

    /// @notice Tokens of the pair being deployed; read once by the pair's constructor.
    /// @dev Held in transient storage for the duration of `createPair` only; zero otherwise.
    /// @return token0 The lower token address.
    /// @return token1 The higher token address.
    function pairTokens() external view returns (address token0, address token1);
}
