import type { RevertReason } from "./classifyRevert.js";

/** The node answered with a JSON-RPC error: the node is healthy, the request failed. */
export class RpcResponseError extends Error {
  override readonly name = "RpcResponseError";
  constructor(
    readonly url: string,
    readonly method: string,
    readonly code: number,
    readonly rpcMessage: string,
    readonly data: unknown,
  ) {
    super(`${method} at ${url}: JSON-RPC error ${code}: ${rpcMessage}`);
  }
}

export type TransportFailure =
  "network" | "timeout" | "http" | "rate-limited" | "bad-response" | "wrong-chain" | "stale";

/** The endpoint could not serve the request (a reason to fail over to the next URL). */
export class RpcTransportError extends Error {
  override readonly name = "RpcTransportError";
  constructor(
    readonly url: string,
    readonly method: string,
    readonly failure: TransportFailure,
    readonly detail: string,
  ) {
    super(`${method} at ${url}: ${failure}: ${detail}`);
  }
}

/** Every endpoint failed for `attempts` tries. */
export class RpcUnavailableError extends Error {
  override readonly name = "RpcUnavailableError";
  constructor(
    readonly method: string,
    readonly attempts: number,
    readonly lastError: Error | undefined,
  ) {
    super(
      `${method}: no RPC endpoint answered after ${attempts} attempts (last: ${lastError?.message ?? "none"})`,
    );
  }
}

/**
 * The fee needed to get included is above the configured hard cap: nothing was sent (no nonce used).
 * Not a failure of the action — the keeper waits for fees to fall (the documented fee-capped path).
 */
export class FeeCapExceededError extends Error {
  override readonly name = "FeeCapExceededError";
  constructor(
    readonly needed: bigint,
    readonly cap: bigint,
    readonly label = "",
  ) {
    super(
      `${label === "" ? "" : `${label}: `}fee needed ${needed} wei/gas exceeds the hard cap ${cap} (tx.maxFeePerGasGwei): not sent, waiting for fees to fall`,
    );
  }
}

/** Simulation (eth_call / estimateGas) reverted and the caller did not classify it as "already done". */
export class SimulationRevertedError extends Error {
  override readonly name = "SimulationRevertedError";
  constructor(
    readonly label: string,
    readonly reason: string,
    readonly data: string | undefined,
    /** The decoded revert (when the caller passed an ABI). */
    readonly decoded?: RevertReason,
  ) {
    super(`${label}: simulation reverted: ${reason}`);
  }
}

/** The transaction was mined and reverted. */
export class TxRevertedError extends Error {
  override readonly name = "TxRevertedError";
  constructor(
    readonly label: string,
    readonly hash: string,
    readonly reason: string,
  ) {
    super(`${label}: transaction ${hash} reverted: ${reason}`);
  }
}

/** The node rejected a raw transaction for a reason the manager does not handle. */
export class TxSendError extends Error {
  override readonly name = "TxSendError";
  constructor(
    readonly label: string,
    readonly nonce: number,
    readonly detail: string,
  ) {
    super(`${label}: sending nonce ${nonce} failed: ${detail}`);
  }
}

/** No receipt within the time limit. */
export class TxTimeoutError extends Error {
  override readonly name = "TxTimeoutError";
  constructor(
    readonly label: string,
    readonly nonce: number,
    readonly hashes: readonly string[],
    readonly waitedMs: number,
  ) {
    super(`${label}: nonce ${nonce} not confirmed after ${waitedMs} ms (hashes ${hashes.join(", ")})`);
  }
}

/** Our nonce was used by a transaction that is not one of ours. */
export class NonceConsumedError extends Error {
  override readonly name = "NonceConsumedError";
  constructor(
    readonly label: string,
    readonly nonce: number,
  ) {
    super(`${label}: nonce ${nonce} was consumed by a transaction this manager did not send`);
  }
}

/**
 * Our transaction's nonce is above the node's pending count: an earlier nonce is missing, so the node
 * queues it and it can never be mined. Replacing it would only bid the fee up; the manager stops and
 * resynchronises with the pending count instead.
 */
export class NonceGapError extends Error {
  override readonly name = "NonceGapError";
  constructor(
    readonly label: string,
    readonly nonce: number,
    readonly pending: number,
  ) {
    super(
      `${label}: nonce ${nonce} is above the node's pending count ${pending} (a gap): not replaced; the next send uses nonce ${pending}`,
    );
  }
}
