/** One raw JSON-RPC call (no retries: the rehearsal's own tooling against its local node). */
export async function jsonRpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { result?: T; error?: { message?: string } };
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message ?? "error"}`);
  return body.result as T;
}

/** The latest block's time. */
export async function latestTime(url: string): Promise<number> {
  const block = await jsonRpc<{ timestamp: string }>(url, "eth_getBlockByNumber", ["latest", false]);
  return Number(BigInt(block.timestamp));
}
