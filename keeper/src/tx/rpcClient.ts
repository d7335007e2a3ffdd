import { checkChainId } from "../config/checkChainId.js";
import { ChainIdMismatchError, MainnetRefusedError } from "../config/errors.js";
import { RpcResponseError, RpcTransportError, RpcUnavailableError } from "./errors.js";

export interface RpcClientOptions {
  /** Endpoints in order of preference. */
  urls: readonly string[];
  chainId: number;
  allowMainnet: boolean;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Total tries of one request across all endpoints. */
  maxAttempts: number;
  /** First backoff after a full round of failures; doubles each round, capped at 5 s. */
  backoffMs: number;
  /** An endpoint whose block number lags the highest seen by more than this is stale. */
  maxBlockLag: number;
  onEvent?: ((e: RpcEvent) => void) | undefined;
}

export type RpcEvent =
  | { type: "rpc-failover"; from: string; to: string; method: string; reason: string }
  /** With a single URL a failure is retried on the same endpoint (after the backoff): not a failover. */
  | { type: "rpc-retry"; url: string; method: string; reason: string }
  | { type: "rpc-request"; url: string; method: string; ok: boolean; ms: number };

/** One call of a JSON-RPC batch. */
export interface RpcCall {
  method: string;
  params: readonly unknown[];
}

/** What the transaction manager and the chain client need from an RPC connection. */
export interface RpcTransport {
  request<T = unknown>(method: string, params?: readonly unknown[]): Promise<T>;
  /** Several calls at once; each entry is a result or an `RpcResponseError`. */
  batch(calls: readonly RpcCall[]): Promise<Array<unknown>>;
}

interface JsonRpcResponse {
  jsonrpc?: string;
  id?: unknown;
  result?: unknown;
  error?: { code?: unknown; message?: unknown; data?: unknown };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * JSON-RPC over HTTP with failover. Transport failures (refused/dropped connections, timeouts,
 * HTTP errors and 429, non-JSON answers, a node on another chain, a node whose head lags) move to
 * the next URL, with exponential backoff after each full round; JSON-RPC errors from a healthy node
 * (reverts, "nonce too low", …) are returned to the caller as `RpcResponseError`. Every endpoint's
 * chain id is checked before its first use and after each failover; when every endpoint serves another
 * chain the config is wrong, not the providers: `ChainIdMismatchError` at once, no retries.
 */
export class RpcClient implements RpcTransport {
  private active = 0;
  private readonly verified = new Set<number>();
  private highestBlock = 0n;
  private nextId = 1;

  constructor(private readonly options: RpcClientOptions) {
    if (options.urls.length === 0)
      throw new RpcUnavailableError("(none)", 0, new Error("no RPC URL configured"));
  }

  /** URL currently in use. */
  get activeUrl(): string {
    return this.options.urls[this.active] as string;
  }

  async request<T = unknown>(method: string, params: readonly unknown[] = []): Promise<T> {
    return this.withFailover(method, async (url) => {
      const result = await this.call<T>(url, method, params);
      if (method === "eth_blockNumber" && typeof result === "string") this.checkHead(url, BigInt(result));
      return result;
    });
  }

  /**
   * Several calls in ONE HTTP request (a JSON-RPC batch), with the same failover as `request`. Each
   * entry is the call's result or its `RpcResponseError` (a revert in one call does not fail the others).
   */
  async batch(calls: readonly RpcCall[]): Promise<Array<unknown>> {
    const label = calls.map((c) => c.method).join("+");
    return this.withFailover(label, (url) => this.callBatch(url, calls));
  }

  private async withFailover<T>(method: string, run: (url: string) => Promise<T>): Promise<T> {
    const { urls, maxAttempts } = this.options;
    let lastError: Error | undefined;
    const wrongChain = new Set<number>();
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const index = this.active;
      const url = urls[index] as string;
      try {
        if (!this.verified.has(index)) {
          let id: number;
          try {
            id = Number(BigInt(await this.call<string>(url, "eth_chainId", [])));
          } catch (e) {
            // A node that cannot say which chain it serves is not usable.
            if (e instanceof RpcResponseError || e instanceof SyntaxError || e instanceof TypeError) {
              throw new RpcTransportError(url, method, "bad-response", `eth_chainId: ${e.message}`);
            }
            throw e;
          }
          try {
            checkChainId(this.options.chainId, id, url, this.options.allowMainnet);
          } catch (e) {
            if (e instanceof ChainIdMismatchError || e instanceof MainnetRefusedError) {
              wrongChain.add(index);
              if (wrongChain.size === urls.length) throw e; // every endpoint: a config error
              throw new RpcTransportError(url, method, "wrong-chain", e.message);
            }
            throw e;
          }
          this.verified.add(index);
        }
        return await run(url);
      } catch (e) {
        if (!(e instanceof RpcTransportError)) throw e;
        lastError = e;
        this.verified.delete(index);
        this.active = (index + 1) % urls.length;
        this.options.onEvent?.(
          urls.length === 1
            ? { type: "rpc-retry", url, method, reason: e.message }
            : { type: "rpc-failover", from: url, to: this.activeUrl, method, reason: e.message },
        );
        const round = Math.floor(attempt / urls.length);
        if (attempt + 1 < maxAttempts && this.active === 0) {
          await sleep(Math.min(5_000, this.options.backoffMs * 2 ** round));
        }
      }
    }
    throw new RpcUnavailableError(method, maxAttempts, lastError);
  }

  private checkHead(url: string, head: bigint): void {
    if (head > this.highestBlock) this.highestBlock = head;
    else if (this.highestBlock - head > BigInt(this.options.maxBlockLag)) {
      throw new RpcTransportError(
        url,
        "eth_blockNumber",
        "stale",
        `head ${head} lags the highest seen ${this.highestBlock}`,
      );
    }
  }

  private async callBatch(url: string, calls: readonly RpcCall[]): Promise<unknown[]> {
    const first = this.nextId;
    this.nextId += calls.length;
    const body = calls.map((c, i) => ({ jsonrpc: "2.0", id: first + i, method: c.method, params: c.params }));
    const label = calls.map((c) => c.method).join("+");
    const parsed = await this.post(url, label, body);
    if (!Array.isArray(parsed) || parsed.length !== calls.length)
      throw new RpcTransportError(
        url,
        label,
        "bad-response",
        "batch answer is not an array of the same length",
      );
    const byId = new Map<unknown, JsonRpcResponse>();
    for (const r of parsed as JsonRpcResponse[]) byId.set(r?.id, r);
    return calls.map((c, i) => {
      const r = byId.get(first + i);
      if (r === undefined)
        throw new RpcTransportError(url, label, "bad-response", `no answer for ${c.method}`);
      if (r.error !== undefined) return this.responseError(url, c.method, r.error);
      if (!("result" in r))
        throw new RpcTransportError(url, c.method, "bad-response", "no result and no error");
      if (c.method === "eth_blockNumber" && typeof r.result === "string")
        this.checkHead(url, BigInt(r.result));
      if (c.method === "eth_getBlockByNumber" && c.params[0] === "latest") {
        const n = (r.result as { number?: unknown } | null)?.number;
        if (typeof n === "string") this.checkHead(url, BigInt(n));
      }
      return r.result;
    });
  }

  /** A JSON-RPC error object → RpcResponseError, or a transport failure when it is a rate limit. */
  private responseError(
    url: string,
    method: string,
    error: NonNullable<JsonRpcResponse["error"]>,
  ): RpcResponseError {
    const code = typeof error.code === "number" ? error.code : 0;
    const message = typeof error.message === "string" ? error.message : JSON.stringify(error);
    // -32005: "limit exceeded" — a rate limit reported inside JSON-RPC.
    if (code === -32005 || /rate limit|too many requests/i.test(message)) {
      throw new RpcTransportError(url, method, "rate-limited", message);
    }
    return new RpcResponseError(url, method, code, message, error.data);
  }

  /** POSTs a JSON body; returns the parsed JSON answer (transport failures as RpcTransportError). */
  private async post(url: string, method: string, payload: unknown): Promise<unknown> {
    const started = Date.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let ok = false;
    try {
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(payload),
          signal: controller.signal,
        });
      } catch (e) {
        const aborted = controller.signal.aborted;
        throw new RpcTransportError(
          url,
          method,
          aborted ? "timeout" : "network",
          aborted ? `no answer in ${this.options.timeoutMs} ms` : causeOf(e),
        );
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        const aborted = controller.signal.aborted;
        throw new RpcTransportError(url, method, aborted ? "timeout" : "network", causeOf(e));
      }
      if (res.status === 429) throw new RpcTransportError(url, method, "rate-limited", "HTTP 429");
      if (!res.ok) throw new RpcTransportError(url, method, "http", `HTTP ${res.status}`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new RpcTransportError(url, method, "bad-response", `not JSON: ${text.slice(0, 80)}`);
      }
      ok = true;
      return parsed;
    } finally {
      clearTimeout(timer);
      this.options.onEvent?.({ type: "rpc-request", url, method, ok, ms: Date.now() - started });
    }
  }

  private async call<T>(url: string, method: string, params: readonly unknown[]): Promise<T> {
    const body = await this.post(url, method, { jsonrpc: "2.0", id: this.nextId++, method, params });
    if (typeof body !== "object" || body === null)
      throw new RpcTransportError(url, method, "bad-response", "not an object");
    const response = body as JsonRpcResponse;
    if (response.error !== undefined) throw this.responseError(url, method, response.error);
    if (!("result" in response))
      throw new RpcTransportError(url, method, "bad-response", "no result and no error");
    return response.result as T;
  }
}

function causeOf(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${e.message}: ${cause.message}` : e.message;
  }
  return String(e);
}
