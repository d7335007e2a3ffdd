import type { RpcTransport } from "./rpcClient.js";

/** The nonce a broadcast is attempting; `resync` re-reads the node's pending count into it. */
export interface NonceLease {
  nonce: number;
  resync(): Promise<number>;
}

/**
 * The one nonce source of a signer. A nonce counts as used only once the node accepted a transaction
 * with it: `withNextNonce` lends the next nonce to one broadcast at a time (two concurrent sends never
 * get the same one) and advances the counter only when that broadcast resolves. When it throws — an
 * unfunded key, a fee above the cap, a node error — the counter is forgotten, and the next send starts
 * again from the node's *pending* count (so a restart, or another process using the key, is picked up
 * too). `invalidate` does the same after a failure later on (a transaction that never confirmed).
 */
export class NonceSource {
  private next: number | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly rpc: RpcTransport,
    readonly address: string,
  ) {}

  /** Runs `broadcast` with the next nonce; the nonce is consumed only if it resolves. */
  withNextNonce<T>(broadcast: (lease: NonceLease) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      this.next ??= await this.pendingCount();
      const lease: NonceLease = {
        nonce: this.next,
        resync: async () => {
          lease.nonce = await this.pendingCount();
          return lease.nonce;
        },
      };
      try {
        const result = await broadcast(lease);
        this.next = lease.nonce + 1;
        return result;
      } catch (e) {
        this.next = undefined;
        throw e;
      }
    });
  }

  /** Forgets the local counter: the next send reads the node's pending count again. */
  invalidate(): void {
    this.next = undefined;
  }

  /** The nonce the next send would use (reads the pending count when none is known); reserves nothing. */
  peek(): Promise<number> {
    return this.serial(async () => (this.next ??= await this.pendingCount()));
  }

  /** The node's count of this address's transactions, mempool included. */
  pendingCount(): Promise<number> {
    return this.rpc
      .request<string>("eth_getTransactionCount", [this.address, "pending"])
      .then((n) => Number(BigInt(n)));
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
