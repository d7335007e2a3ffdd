import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * Faults the proxy can inject:
 * - `drop`: destroy the connection without an answer;
 * - `timeout`: never answer (the socket stays open until the proxy closes);
 * - `http429` / `http500`: an HTTP error status;
 * - `garbage`: HTTP 200 with a body that is not JSON;
 * - `wrongChainId`: eth_chainId answers 0x5 (another chain);
 * - `stale`: eth_blockNumber answers 0x1 (a node stuck far behind).
 */
export type Fault = "drop" | "timeout" | "http429" | "http500" | "garbage" | "wrongChainId" | "stale";

export interface FaultProxy {
  url: string;
  /** Fault applied to every request until changed (null = pass through). */
  setFault(fault: Fault | null): void;
  /** Apply `fault` to the next `n` requests only, then the standing fault. */
  failNext(n: number, fault: Fault): void;
  /**
   * Apply `fault` to the next `n` requests whose body contains `text` (e.g. a function selector's hex, which
   * an eth_call, an eth_estimateGas and a signed raw transaction of that call all carry), before any other.
   */
  failMatching(text: string, n: number, fault: Fault): void;
  /** Requests seen, by method. */
  readonly seen: string[];
  close(): Promise<void>;
}

/** A JSON-RPC HTTP proxy on 127.0.0.1 that forwards to `upstream` and injects faults. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  let standing: Fault | null = null;
  const queued: Fault[] = [];
  const matching: Array<{ text: string; left: number; fault: Fault }> = [];
  const seen: string[] = [];
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString();
    let method = "?";
    let batchMethods: string[] | undefined;
    try {
      const parsed = JSON.parse(body) as { method?: unknown } | Array<{ method?: unknown }>;
      if (Array.isArray(parsed)) {
        batchMethods = parsed.map((p) => String(p.method));
        method = `batch:${batchMethods.join("+")}`;
      } else method = String(parsed.method);
    } catch {
      // not JSON: forwarded as is
    }
    seen.push(method);
    const match = matching.find((m) => m.left > 0 && body.toLowerCase().includes(m.text));
    if (match !== undefined) match.left--;
    const fault = match?.fault ?? queued.shift() ?? standing;
    switch (fault) {
      case "drop":
        req.socket.destroy();
        return;
      case "timeout":
        return; // never answer
      case "http429":
        res.writeHead(429, { "content-type": "text/plain" }).end("Too Many Requests");
        return;
      case "http500":
        res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
        return;
      case "garbage":
        res.writeHead(200, { "content-type": "text/html" }).end("<html>bad gateway</html>");
        return;
      default:
        break;
    }
    const upstreamRes = await fetch(upstream, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    let text = await upstreamRes.text();
    if (fault === "stale" && batchMethods !== undefined) {
      // A batch: the latest block (eth_getBlockByNumber "latest" or eth_blockNumber) reads as block 1.
      const parsed = JSON.parse(text) as Array<{ result?: unknown }>;
      parsed.forEach((r, i) => {
        if (batchMethods?.[i] === "eth_blockNumber") r.result = "0x1";
        if (batchMethods?.[i] === "eth_getBlockByNumber" && typeof r.result === "object" && r.result !== null)
          (r.result as { number?: string }).number = "0x1";
      });
      text = JSON.stringify(parsed);
    } else if (
      (fault === "wrongChainId" && method === "eth_chainId") ||
      (fault === "stale" && method === "eth_blockNumber")
    ) {
      const parsed = JSON.parse(text) as { result?: unknown };
      parsed.result = fault === "wrongChainId" ? "0x5" : "0x1";
      text = JSON.stringify(parsed);
    }
    res.writeHead(upstreamRes.status, { "content-type": "application/json" }).end(text);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    setFault: (f) => {
      standing = f;
    },
    failNext: (n, f) => {
      for (let i = 0; i < n; i++) queued.push(f);
    },
    failMatching: (text, n, f) => {
      matching.push({ text: text.toLowerCase().replace(/^0x/, ""), left: n, fault: f });
    },
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
