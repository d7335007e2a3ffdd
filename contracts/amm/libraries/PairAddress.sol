// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title PairAddress
/// @notice Token sorting and CREATE2 address of a constant-product pair, computed without any SLOAD.
library PairAddress {
    /// @notice Thrown when a pair is asked for the same token twice.
    error IdenticalTokens(address token);

    /// @notice Orders two tokens the way pairs store them (lower address first).
    /// @param tokenA One token.
    /// @param tokenB The other token.
    /// @return token0 The lower address.
    /// @return token1 The higher address.
    function sortTokens(
        address tokenA,
        address tokenB
    ) internal pure returns (address token0, address token1) {
        if (tokenA == tokenB) revert IdenticalTokens(tokenA);
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
    }

    /// @notice CREATE2 salt of the pair of two sorted tokens: keccak256(token0 ‖ token1), 20 bytes each.
    /// @param token0 The lower address.
    /// @param token1 The higher address.
    /// @return result The salt.
    function salt(address token0, address token1) internal pure returns (bytes32 result) {
        assembly ("memory-safe") {
            mstore(0x00, shl(96, token0))
            mstore(0x14, shl(96, token1))
            result := keccak256(0x00, 0x28)
        }
    }

    /// @notice CREATE2 address of the pair of two sorted tokens deployed by `factory`.
    /// @param factory The deploying factory.
    /// @param initCodeHash keccak256 of the pair's creation code.
    /// @param token0 The lower address.
    /// @param token1 The higher address.
    /// @return pair The pair address.
    function compute(
        address factory,
        bytes32 initCodeHash,
        address token0,
        address token1
    ) internal pure returns (address pair) {
        bytes32 pairSalt = salt(token0, token1);
        assembly ("memory-safe") {
            // keccak256(0xff ‖ factory ‖ salt ‖ initCodeHash), built in scratch space + free memory.
            let m := mload(0x40)
            mstore(m, or(shl(160, 0xff), factory))
            mstore(add(m, 0x20), pairSalt)
            mstore(add(m, 0x40), initCodeHash)
            pair := and(keccak256(add(m, 0x0b), 0x55), 0xffffffffffffffffffffffffffffffffffffffff)
        }
    }
}
