// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice The subset of the Foundry-compatible cheatcodes that Hardhat 3's Solidity test runner
///         (EDR) serves at `address(uint160(uint256(keccak256("hevm cheat code"))))`.
///         forge-std is not available as an npm package, so the project declares what it uses.
// solhint-disable-next-line interface-starts-with-i
interface Vm {
    function assume(bool condition) external pure;
    function warp(uint256 newTimestamp) external;
    function roll(uint256 newHeight) external;
    function prank(address msgSender) external;
    function startPrank(address msgSender) external;
    function stopPrank() external;
    function deal(address account, uint256 newBalance) external;
    function getCode(string calldata artifact) external view returns (bytes memory creationBytecode);
    function expectRevert() external;
    function expectRevert(bytes4 revertData) external;
    function expectRevert(bytes calldata revertData) external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData) external;
    function expectEmit() external;
    function label(address account, string calldata newLabel) external;
    function addr(uint256 privateKey) external pure returns (address keyAddr);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function store(address target, bytes32 slot, bytes32 value) external;
    function load(address target, bytes32 slot) external view returns (bytes32 data);
    function snapshotState() external returns (uint256 snapshotId);
    function revertToState(uint256 snapshotId) external returns (bool success);
    function assertEq(uint256 left, uint256 right, string calldata error) external pure;
    function assertEq(int256 left, int256 right, string calldata error) external pure;
    function assertEq(address left, address right, string calldata error) external pure;
    function assertEq(bool left, bool right, string calldata error) external pure;
    function assertEq(bytes32 left, bytes32 right, string calldata error) external pure;
    function assertLe(uint256 left, uint256 right, string calldata error) external pure;
    function assertGe(uint256 left, uint256 right, string calldata error) external pure;
    function assertLt(uint256 left, uint256 right, string calldata error) external pure;
    function assertGt(uint256 left, uint256 right, string calldata error) external pure;
    function assertApproxEqAbs(
        uint256 left,
        uint256 right,
        uint256 maxDelta,
        string calldata error
    ) external pure;
    function assertApproxEqRel(
        uint256 left,
        uint256 right,
        uint256 maxPercentDelta,
        string calldata error
    ) external pure;
    function assertTrue(bool condition, string calldata error) external pure;
    function assertFalse(bool condition, string calldata error) external pure;
}

/// @notice Base for the project's Solidity tests: exposes `vm` and a few helpers.
abstract contract TestBase {
    // solhint-disable-next-line const-name-snakecase
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    address[] private _targetedContracts;

    /// @dev Invariant runs call only the contracts registered here (the handlers), as with
    ///      forge-std's StdInvariant. Without any, every contract deployed in setUp is fuzzed.
    function targetContract(address target) internal {
        _targetedContracts.push(target);
    }

    /// @notice Read by the invariant fuzzer (Foundry-compatible name).
    function targetContracts() public view returns (address[] memory) {
        return _targetedContracts;
    }

    /// @dev Bounds `x` to [min, max] without discarding fuzz runs (uniform enough for our needs).
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min + 1;
        if (size == 0) return x; // full range
        return min + (x % size);
    }
}
