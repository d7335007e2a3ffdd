import { type BaseWallet, type Interface, Transaction } from "ethers";
import { classifyRevert, describeRevert, type RevertReason, revertDataOf } from "./classifyRevert.js";
import { classifySendError } from "./classifySendError.js";
import {
  FeeCapExceededError,
  NonceConsumedError,
  NonceGapError,
  RpcResponseError,
  SimulationRevertedError,
  TxRevertedError,
  TxSendError,
  TxTimeoutError,
} from "./errors.js";
import { bumpFees, type Eip1559Fees, estimateFees, type FeeCaps } from "./fees.js";
import { NonceSource } from "./nonceSource.js";
import type { RpcTransport } from "./rpcClient.js";

export interface TxManagerOptions {
  rpc: RpcTransport;
  /** Signs locally; needs no provider. */
  signer: BaseWallet;
  chainId: number;
  /** Blocks on top of (and including) the receipt's block before a transaction counts as final. */
  confirmations: number;
  /** Replace a transaction still unmined this many blocks after it was (re)sent. */
  replaceAfterBlocks: number;
  /** Fee bump of a replacement, ≥ 1250 (12.5 %). */
  feeBumpBps: number;
  caps: FeeCaps;
  pollIntervalMs: number;
  /** Give up waiting for one transaction after this long. */
  receiptTimeoutMs: number;
  /** Gas limit = estimate × (1 + margin). */
  gasMarginBps?: number;
  onEvent?: ((e: TxEvent) => void) | undefined;
}

export interface TxRequest {
  /** Name used in logs, metrics and errors (e.g. "rollLayer L1"). */
  label: string;
  /** Omit to deploy a contract. */
  to?: string;
  data?: string;
  value?: bigint;
  /** Skip estimateGas and use this limit. */
  gasLimit?: bigint;
  /** Simulate with eth_call + estimateGas before sending (default true). */
  simulate?: boolean;
  /** Interface whose custom errors decode reverts. */
  errors?: Interface;
  /** A revert this returns true for means "the chain already did it": skip, do not send. */
  isAlreadyDone?: (reason: RevertReason) => boolean;
}

export interface TxReceiptLite {
  transactionHash: string;
  blockNumber: number;
  blockHash: string;
  status: number;
  gasUsed: bigint;
  effectiveGasPrice: bigint;
  contractAddress: string | null;
}

export type TxOutcome =
  | {
      status: "confirmed";
      label: string;
      nonce: number;
      hash: string;
      receipt: TxReceiptLite;
      replacements: number;
      reorgs: number;
    }
  | { status: "skipped"; label: string; reason: RevertReason };

export type TxEvent =
  | { type: "tx-skipped"; label: string; reason: string }
  | { type: "tx-sent"; label: string; nonce: number; hash: string; fees: Eip1559Fees }
  | { type: "tx-replaced"; label: string; nonce: number; hash: string; fees: Eip1559Fees; replaces: string }
  /** `nonce` null: the first send was held back (no nonce taken); else a replacement was. */
  | { type: "tx-fee-capped"; label: string; nonce: number | null; cap: bigint }
  | { type: "tx-mined"; label: string; nonce: number; hash: string; blockNumber: number }
  | { type: "tx-reorged"; label: string; nonce: number; hash: string; blockNumber: number }
  | { type: "tx-confirmed"; label: string; nonce: number; hash: string; blockNumber: number; gasUsed: bigint }
  | { type: "tx-reverted"; label: string; nonce: number; hash: string; reason: string }
  | { type: "nonce-resync"; label: string; nonce: number };

interface RawReceipt {
  transactionHash: string;
  blockNumber: string;
  blockHash: string;
  status: string;
  gasUsed: string;
  effectiveGasPrice?: string;
  contractAddress?: string | null;
}

interface Sent {
  hash: string;
  raw: string;
  fees: Eip1559Fees;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const hex = (v: bigint | number): string => `0x${v.toString(16)}`;
const MAX_SEND_TRIES = 5;

/**
 * Sends transactions safely: simulate, one nonce source, EIP-1559 fees under a hard cap, replacement
 * of a transaction stuck for N blocks with a ≥ 12.5 % bump, K confirmations with a re-check of the
 * receipt's block hash (a reorged transaction is re-broadcast and waited for again), and the
 * "nonce too low" / "replacement underpriced" / "already known" answers handled. Every loop is
 * bounded by `receiptTimeoutMs` or a try count.
 */
export class TxManager {
  readonly nonces: NonceSource;

  constructor(private readonly o: TxManagerOptions) {
    this.nonces = new NonceSource(o.rpc, o.signer.address);
  }

  private emit(e: TxEvent): void {
    this.o.onEvent?.(e);
  }

  async send(req: TxRequest): Promise<TxOutcome> {
    const call = {
      from: this.o.signer.address,
      to: req.to,
      data: req.data ?? "0x",
      value: hex(req.value ?? 0n),
    };
    let gasLimit = req.gasLimit;
    if (req.simulate !== false) {
      // One block for both: eth_estimateGas defaults to "pending" on some nodes (Hardhat), where an
      // unmined transaction (e.g. a feed push) could make the estimate revert while the call passed.
      const block = hex(await this.blockNumber());
      try {
        await this.o.rpc.request("eth_call", [call, block]);
        const estimate = BigInt(await this.o.rpc.request<string>("eth_estimateGas", [call, block]));
        gasLimit ??= (estimate * BigInt(10_000 + (this.o.gasMarginBps ?? 2_000))) / 10_000n;
      } catch (e) {
        if (!(e instanceof RpcResponseError)) throw e;
        const reason = classifyRevert(revertDataOf(e.data), req.errors);
        if (req.isAlreadyDone?.(reason) === true) {
          this.emit({ type: "tx-skipped", label: req.label, reason: describeRevert(reason) });
          return { status: "skipped", label: req.label, reason };
        }
        throw new SimulationRevertedError(
          req.label,
          reason.kind === "unknown" ? `${describeRevert(reason)} (${e.rpcMessage})` : describeRevert(reason),
          revertDataOf(e.data),
          reason,
        );
      }
    }
    if (gasLimit === undefined)
      throw new TxSendError(req.label, -1, "no gas limit: simulation disabled and none given");
    return this.sendAndConfirm(req, gasLimit);
  }

  private async currentFees(): Promise<Eip1559Fees> {
    const block = await this.o.rpc.request<{ baseFeePerGas?: string }>("eth_getBlockByNumber", [
      "latest",
      false,
    ]);
    const base = BigInt(block.baseFeePerGas ?? "0x0");
    let tip: bigint;
    try {
      tip = BigInt(await this.o.rpc.request<string>("eth_maxPriorityFeePerGas", []));
    } catch (e) {
      if (!(e instanceof RpcResponseError)) throw e;
      tip = this.o.caps.maxPriorityFeePerGas; // node without the method
    }
    return estimateFees(base, tip, this.o.caps);
  }

  private async sign(req: TxRequest, nonce: number, gasLimit: bigint, fees: Eip1559Fees): Promise<Sent> {
    const raw = await this.o.signer.signTransaction({
      type: 2,
      chainId: this.o.chainId,
      nonce,
      to: req.to ?? null,
      data: req.data ?? "0x",
      value: req.value ?? 0n,
      gasLimit,
      ...fees,
    });
    return { raw, hash: Transaction.from(raw).hash as string, fees };
  }

  /** Broadcasts; returns the send-error kind, or "ok". */
  private async broadcast(sent: Sent): Promise<ReturnType<typeof classifySendError> | "ok"> {
    try {
      await this.o.rpc.request("eth_sendRawTransaction", [sent.raw]);
      return "ok";
    } catch (e) {
      if (!(e instanceof RpcResponseError)) throw e;
      const kind = classifySendError(e.rpcMessage);
      if (kind === "other" || kind === "insufficient-funds")
        throw new TxSendError("broadcast", Transaction.from(sent.raw).nonce, e.rpcMessage);
      return kind;
    }
  }

  private async blockNumber(): Promise<number> {
    return Number(BigInt(await this.o.rpc.request<string>("eth_blockNumber", [])));
  }

  private async sendAndConfirm(req: TxRequest, gasLimit: bigint): Promise<TxOutcome> {
    let fees: Eip1559Fees;
    try {
      fees = await this.currentFees();
    } catch (e) {
      if (!(e instanceof FeeCapExceededError)) throw e;
      // Nothing is signed and no nonce is taken: the caller waits for fees to fall.
      this.emit({ type: "tx-fee-capped", label: req.label, nonce: null, cap: this.o.caps.maxFeePerGas });
      throw new FeeCapExceededError(e.needed, e.cap, req.label);
    }
    // The nonce is consumed only when the node accepts a broadcast; any throw here leaves it unused and
    // makes the next send re-read the node's pending count.
    const { nonce, first } = await this.nonces.withNextNonce(async (lease) => {
      for (let tries = 0; ; tries++) {
        if (tries >= MAX_SEND_TRIES)
          throw new TxSendError(req.label, lease.nonce, `gave up after ${tries} tries`);
        const s = await this.sign(req, lease.nonce, gasLimit, fees);
        const result = await this.broadcast(s).catch((e: unknown) => {
          throw e instanceof TxSendError ? new TxSendError(req.label, lease.nonce, e.detail) : e;
        });
        if (result === "ok" || result === "already-known") return { nonce: lease.nonce, first: s };
        if (result === "nonce-too-low") {
          await lease.resync();
          this.emit({ type: "nonce-resync", label: req.label, nonce: lease.nonce });
        } else {
          const bumped = bumpFees(fees, await this.currentFees(), this.o.feeBumpBps, this.o.caps);
          if (bumped === null)
            throw new TxSendError(
              req.label,
              lease.nonce,
              "a pending transaction holds this nonce and replacing it would exceed the fee cap",
            );
          fees = bumped;
        }
      }
    });
    this.emit({ type: "tx-sent", label: req.label, nonce, hash: first.hash, fees: first.fees });
    try {
      return await this.confirm(req, gasLimit, nonce, first);
    } catch (e) {
      // Whatever happened to the transaction (reverted, timed out, gap), the node knows best what the
      // next nonce is.
      this.nonces.invalidate();
      throw e;
    }
  }

  /** Waits for K confirmations of `first` (or a replacement), replacing it when it is stuck. */
  private async confirm(req: TxRequest, gasLimit: bigint, nonce: number, first: Sent): Promise<TxOutcome> {
    const sent: Sent[] = [first];
    const started = Date.now();
    let lastSendBlock = await this.blockNumber();
    let replacements = 0;
    let reorgs = 0;
    let seen: { hash: string; blockNumber: number; blockHash: string } | undefined;
    let consumedChecks = 0;
    while (Date.now() - started < this.o.receiptTimeoutMs) {
      await sleep(this.o.pollIntervalMs);
      const receipt = await this.findReceipt(sent);
      const head = await this.blockNumber();
      if (receipt !== undefined) {
        consumedChecks = 0;
        if (
          seen === undefined ||
          seen.hash !== receipt.transactionHash ||
          seen.blockHash !== receipt.blockHash
        ) {
          seen = {
            hash: receipt.transactionHash,
            blockNumber: receipt.blockNumber,
            blockHash: receipt.blockHash,
          };
          this.emit({
            type: "tx-mined",
            label: req.label,
            nonce,
            hash: receipt.transactionHash,
            blockNumber: receipt.blockNumber,
          });
        }
        if (head - receipt.blockNumber + 1 < this.o.confirmations) continue;
        // Final check: the block at that height must still be the receipt's block.
        const block = await this.o.rpc.request<{ hash: string } | null>("eth_getBlockByNumber", [
          hex(receipt.blockNumber),
          false,
        ]);
        if (block?.hash !== receipt.blockHash) {
          reorgs++;
          this.emit({
            type: "tx-reorged",
            label: req.label,
            nonce,
            hash: receipt.transactionHash,
            blockNumber: receipt.blockNumber,
          });
          seen = undefined;
          continue;
        }
        if (receipt.status !== 1) {
          const reason = await this.replayRevert(req, receipt.blockNumber);
          this.emit({
            type: "tx-reverted",
            label: req.label,
            nonce,
            hash: receipt.transactionHash,
            reason: describeRevert(reason),
          });
          throw new TxRevertedError(req.label, receipt.transactionHash, describeRevert(reason));
        }
        this.emit({
          type: "tx-confirmed",
          label: req.label,
          nonce,
          hash: receipt.transactionHash,
          blockNumber: receipt.blockNumber,
          gasUsed: receipt.gasUsed,
        });
        return {
          status: "confirmed",
          label: req.label,
          nonce,
          hash: receipt.transactionHash,
          receipt,
          replacements,
          reorgs,
        };
      }
      if (seen !== undefined) {
        // We saw a receipt and it vanished: the block was reorged out. Put the transaction back.
        reorgs++;
        this.emit({
          type: "tx-reorged",
          label: req.label,
          nonce,
          hash: seen.hash,
          blockNumber: seen.blockNumber,
        });
        seen = undefined;
        await this.broadcast(sent[sent.length - 1] as Sent);
        lastSendBlock = head;
        continue;
      }
      const mined = Number(
        BigInt(
          await this.o.rpc.request<string>("eth_getTransactionCount", [this.o.signer.address, "latest"]),
        ),
      );
      if (mined > nonce) {
        // Our nonce is used but none of our hashes has a receipt (yet): give the node a few polls.
        if (++consumedChecks >= 5) throw new NonceConsumedError(req.label, nonce);
        continue;
      }
      if (head - lastSendBlock >= this.o.replaceAfterBlocks) {
        const pending = await this.nonces.pendingCount();
        if (pending < nonce) throw new NonceGapError(req.label, nonce, pending);
        const last = sent[sent.length - 1] as Sent;
        let fresh: Eip1559Fees;
        try {
          fresh = await this.currentFees();
        } catch (e) {
          if (!(e instanceof FeeCapExceededError)) throw e;
          fresh = last.fees; // base fee above the cap: the bump below decides
        }
        const bumped = bumpFees(last.fees, fresh, this.o.feeBumpBps, this.o.caps);
        if (bumped === null) {
          this.emit({ type: "tx-fee-capped", label: req.label, nonce, cap: this.o.caps.maxFeePerGas });
          lastSendBlock = head;
          continue;
        }
        const s = await this.sign(req, nonce, gasLimit, bumped);
        const result = await this.broadcast(s);
        lastSendBlock = head;
        if (result === "ok" || result === "already-known") {
          sent.push(s);
          replacements++;
          this.emit({
            type: "tx-replaced",
            label: req.label,
            nonce,
            hash: s.hash,
            fees: bumped,
            replaces: last.hash,
          });
        }
        // "nonce-too-low": an earlier version got mined; the next poll finds its receipt.
        // "underpriced": the node wants more; the next round bumps again from the last accepted fees.
      }
    }
    throw new TxTimeoutError(
      req.label,
      nonce,
      sent.map((s) => s.hash),
      Date.now() - started,
    );
  }

  private async findReceipt(sent: readonly Sent[]): Promise<TxReceiptLite | undefined> {
    for (let i = sent.length - 1; i >= 0; i--) {
      const r = await this.o.rpc.request<RawReceipt | null>("eth_getTransactionReceipt", [
        (sent[i] as Sent).hash,
      ]);
      if (r !== null && r.blockHash !== undefined && r.blockNumber !== undefined) {
        return {
          transactionHash: r.transactionHash,
          blockNumber: Number(BigInt(r.blockNumber)),
          blockHash: r.blockHash,
          status: Number(BigInt(r.status)),
          gasUsed: BigInt(r.gasUsed),
          effectiveGasPrice: BigInt(r.effectiveGasPrice ?? "0x0"),
          contractAddress: r.contractAddress ?? null,
        };
      }
    }
    return undefined;
  }

  /** Re-runs the call on the parent block's state to recover the revert data of a mined revert. */
  private async replayRevert(req: TxRequest, blockNumber: number): Promise<RevertReason> {
    const call = {
      from: this.o.signer.address,
      to: req.to,
      data: req.data ?? "0x",
      value: hex(req.value ?? 0n),
    };
    try {
      await this.o.rpc.request("eth_call", [call, hex(Math.max(0, blockNumber - 1))]);
      return { kind: "unknown", data: undefined };
    } catch (e) {
      if (!(e instanceof RpcResponseError)) throw e;
      return classifyRevert(revertDataOf(e.data), req.errors);
    }
  }
}
