import type { RpcTransport } from "./rpcClient.js";

/**
 * The one nonce source of a signer. Starts from the node's pending count (so a restart with no local
 * state continues after transactions still in the mempool) and hands out consecutive nonces; calls
 * are serialised so two concurrent sends never get the same nonce. `resync` re-reads the chain after
 * "nonce too low".
 */
export class NonceSource {
  private next: number | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly rpc: RpcTransport,
    readonly address: string,
  ) {}

  /** Reserves the next nonce. */
  take(): Promise<number> {
    return this.serial(async () => {
      if (this.next === undefined) this.next = await this.pendingCount();
      return this.next++;
    });
  }

  /** Forgets the local counter and re-reads the pending count; returns the new next nonce. */
  resync(): Promise<number> {
    return this.serial(async () => {
      this.next = await this.pendingCount();
      return this.next;
    });
  }

  private async pendingCount(): Promise<number> {
    return Number(
      BigInt(await this.rpc.request<string>("eth_getTransactionCount", [this.address, "pending"])),
    );
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
