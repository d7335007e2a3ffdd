import { id, Interface } from "ethers";

/** ABI of the test contract: any call with calldata reverts with `Boom(x)`, x = first word. */
export const BOOM_ABI = new Interface(["error Boom(uint256 x)"]);

/**
 * Creation bytecode of a hand-assembled test contract (no compiler needed): an empty call succeeds;
 * a call with calldata reverts with the custom error `Boom(uint256)` carrying the first word.
 */
export function boomCreationCode(): string {
  const selector = id("Boom(uint256)").slice(2, 10);
  const runtime = [
    "36", // CALLDATASIZE
    "6005", // PUSH1 5 (revert branch)
    "57", // JUMPI
    "00", // STOP
    "5b", // JUMPDEST
    `63${selector}`, // PUSH4 selector
    "60e0", // PUSH1 224
    "1b", // SHL
    "6000", // PUSH1 0
    "52", // MSTORE
    "6000", // PUSH1 0
    "35", // CALLDATALOAD
    "6004", // PUSH1 4
    "52", // MSTORE
    "6024", // PUSH1 36
    "6000", // PUSH1 0
    "fd", // REVERT
  ].join("");
  const len = runtime.length / 2;
  // PUSH1 len, DUP1, PUSH1 offset, PUSH1 0, CODECOPY, PUSH1 0, RETURN — 11 bytes
  const init = `60${len.toString(16).padStart(2, "0")}80600b6000396000f3`;
  return `0x${init}${runtime}`;
}

/** ABI of the "done registry" test contract. */
export const DONE_REGISTRY_ABI = new Interface(["error AlreadyDone(uint256 id)"]);

/**
 * Creation bytecode of a hand-assembled test contract standing in for an idempotent vault action:
 * a call with `id` as its first calldata word marks `id` done (storage slot id = 1); a second call
 * with the same id reverts with `AlreadyDone(id)`.
 */
export function doneRegistryCreationCode(): string {
  const selector = id("AlreadyDone(uint256)").slice(2, 10);
  const runtime = [
    "6000", // PUSH1 0
    "35", // CALLDATALOAD            [id]
    "80", // DUP1                    [id, id]
    "54", // SLOAD                   [done, id]
    "600d", // PUSH1 13 (revert branch)
    "57", // JUMPI                   [id]
    "6001", // PUSH1 1               [1, id]
    "90", // SWAP1                   [id, 1]
    "55", // SSTORE                  storage[id] = 1
    "00", // STOP
    "5b", // JUMPDEST (13)           [id]
    `63${selector}`, // PUSH4 selector
    "60e0", // PUSH1 224
    "1b", // SHL
    "6000", // PUSH1 0
    "52", // MSTORE                  mem[0..4] = selector
    "6004", // PUSH1 4
    "52", // MSTORE                  mem[4..36] = id
    "6024", // PUSH1 36
    "6000", // PUSH1 0
    "fd", // REVERT
  ].join("");
  const len = runtime.length / 2;
  return `0x60${len.toString(16).padStart(2, "0")}80600b6000396000f3${runtime}`;
}
