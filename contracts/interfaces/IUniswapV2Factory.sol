// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IUniswapV2Factory
/// @notice The Uniswap V2 factory interface, re-declared for Solidity 0.8.
interface IUniswapV2Factory {
    /// @notice A pair was created; `pairCount` is the number of pairs including it.
    event PairCreated(address indexed token0, address indexed token1, address pair, uint256 pairCount);

    /// @notice Receiver of the protocol fee; zero when the fee is off.
    /// @return The receiver.
    function feeTo() external view returns (address);
    /// @notice Account allowed to change `feeTo` and itself.
    /// @return The setter.
    function feeToSetter() external view returns (address);
    /// @notice The pair of two tokens, in either order; zero if none.
    /// @param tokenA One token.
    /// @param tokenB The other token.
    /// @return pair The pair.
    function getPair(address tokenA, address tokenB) external view returns (address pair);
    /// @notice The `index`-th pair created.
    /// @param index Zero-based index.
    /// @return pair The pair.
    function allPairs(uint256 index) external view returns (address pair);
    /// @notice Number of pairs created.
    /// @return The count.
    function allPairsLength() external view returns (uint256);
    /// @notice Creates the pair of two distinct non-zero tokens.
    /// @param tokenA One token.
    /// @param tokenB The other token.
    /// @return pair The new pair.
    function createPair(address tokenA, address tokenB) external returns (address pair);
    /// @notice Sets the protocol-fee receiver (zero turns the fee off); `feeToSetter` only.
    /// @param feeTo The receiver.
    function setFeeTo(address feeTo) external;
    /// @notice Hands the fee settings to another account; `feeToSetter` only.
    /// @param feeToSetter The new setter.
    function setFeeToSetter(address feeToSetter) external;
}
