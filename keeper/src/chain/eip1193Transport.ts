import { RpcResponseError } from "../tx/errors.js";
import type { RpcCall, RpcTransport } from "../tx/rpcClient.js";

/** The EIP-1193 shape: Hardhat's `(await network.create()).provider`, a browser wallet, … */
export interface Eip1193Provider {
  request(args: { method: string; params?: readonly unknown[] | object }): Promise<unknown>;
}

/** Counts requests, for the "RPC requests per cycle" figure. */
export interface RequestCounter {
  requests: number;
}

function revertData(e: object): unknown {
  const data = (e as { data?: unknown }).data;
  if (typeof data === "string") return data;
  if (typeof data === "object" && data !== null) {
    const inner = (data as { data?: unknown }).data;
    if (typeof inner === "string") return inner;
  }
  return data;
}

/**
 * An `RpcTransport` over an injected EIP-1193 provider (no URL, no failover: the provider is the
 * chain). Provider errors become `RpcResponseError` with the revert data kept, so simulation,
 * "already done" classification and send-error handling work exactly as over HTTP. A batch is run
 * call by call (in process there is no round trip to save) and counted as one request.
 */
export class Eip1193Transport implements RpcTransport {
  readonly counter: RequestCounter = { requests: 0 };

  constructor(
    private readonly provider: Eip1193Provider,
    private readonly name = "eip1193",
  ) {}

  async request<T = unknown>(method: string, params: readonly unknown[] = []): Promise<T> {
    this.counter.requests++;
    return (await this.raw(method, params)) as T;
  }

  async batch(calls: readonly RpcCall[]): Promise<unknown[]> {
    this.counter.requests++;
    const out: unknown[] = [];
    for (const c of calls) {
      try {
        out.push(await this.raw(c.method, c.params));
      } catch (e) {
        if (!(e instanceof RpcResponseError)) throw e;
        out.push(e);
      }
    }
    return out;
  }

  private async raw(method: string, params: readonly unknown[]): Promise<unknown> {
    try {
      return await this.provider.request({ method, params: [...params] });
    } catch (e) {
      if (typeof e !== "object" || e === null) throw e;
      const code = (e as { code?: unknown }).code;
      const message = (e as { message?: unknown }).message;
      throw new RpcResponseError(
        this.name,
        method,
        typeof code === "number" ? code : 0,
        typeof message === "string" ? message : String(e),
        revertData(e),
      );
    }
  }
}
