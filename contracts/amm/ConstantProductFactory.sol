// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IUniswapV2Factory} from "../interfaces/IUniswapV2Factory.sol";
import {IConstantProductFactory} from "../interfaces/IConstantProductFactory.sol";
import {ConstantProductPair} from "./ConstantProductPair.sol";
import {PairAddress} from "./libraries/PairAddress.sol";

/// @title ConstantProductFactory
/// @notice Creates one `ConstantProductPair` per token pair with CREATE2 and holds the protocol-fee switch.
contract ConstantProductFactory is IConstantProductFactory {
    /// @inheritdoc IConstantProductFactory
    bytes32 public immutable PAIR_INIT_CODE_HASH = keccak256(type(ConstantProductPair).creationCode);

    /// @inheritdoc IUniswapV2Factory
    address public feeTo;
    /// @inheritdoc IUniswapV2Factory
    address public feeToSetter;
    /// @inheritdoc IUniswapV2Factory
    mapping(address tokenA => mapping(address tokenB => address pair)) public getPair;
    /// @inheritdoc IUniswapV2Factory
    address[] public allPairs;

    // Tokens of the pair under construction, for its constructor (transient: gone after the tx).
    address private transient _pendingToken0;
    address private transient _pendingToken1;

    /// @param feeToSetter_ Account allowed to switch the protocol fee on and off (e.g. the timelock).
    constructor(address feeToSetter_) {
        feeToSetter = feeToSetter_;
        emit FeeToSetterSet(feeToSetter_);
    }

    /// @inheritdoc IUniswapV2Factory
    function allPairsLength() external view returns (uint256) {
        return allPairs.length;
    }

    /// @inheritdoc IConstantProductFactory
    function pairFor(address tokenA, address tokenB) external view returns (address pair) {
        (address token0, address token1) = PairAddress.sortTokens(tokenA, tokenB);
        pair = PairAddress.compute(address(this), PAIR_INIT_CODE_HASH, token0, token1);
    }

    /// @inheritdoc IConstantProductFactory
    function pairTokens() external view returns (address token0, address token1) {
        return (_pendingToken0, _pendingToken1);
    }

    /// @inheritdoc IUniswapV2Factory
    function createPair(address tokenA, address tokenB) external returns (address pair) {
        if (tokenA == tokenB) revert IdenticalAddresses(tokenA);
        (address token0, address token1) = PairAddress.sortTokens(tokenA, tokenB);
        if (token0 == address(0)) revert ZeroAddress();
        address existing = getPair[token0][token1];
        if (existing != address(0)) revert PairExists(token0, token1, existing);

        _pendingToken0 = token0;
        _pendingToken1 = token1;
        pair = address(new ConstantProductPair{salt: PairAddress.salt(token0, token1)}());
        _pendingToken0 = address(0);
        _pendingToken1 = address(0);

        getPair[token0][token1] = pair;
        getPair[token1][token0] = pair;
        allPairs.push(pair);
        emit PairCreated(token0, token1, pair, allPairs.length);
    }

    /// @inheritdoc IUniswapV2Factory
    function setFeeTo(address feeTo_) external {
        if (msg.sender != feeToSetter) revert Forbidden(msg.sender, feeToSetter);
        feeTo = feeTo_;
        emit FeeToSet(feeTo_);
    }

    /// @inheritdoc IUniswapV2Factory
    function setFeeToSetter(address feeToSetter_) external {
        if (msg.sender != feeToSetter) revert Forbidden(msg.sender, feeToSetter);
        feeToSetter = feeToSetter_;
        emit FeeToSetterSet(feeToSetter_);
    }
}
