import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** A free TCP port on 127.0.0.1 (closed again before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Raw JSON-RPC call for test setup (no failover, no retries). */
export async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

export interface HardhatNode {
  url: string;
  port: number;
  /** Last lines of the node's output, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `hardhat node` on 127.0.0.1 and a free port, from the repository root, in its own process
 * group so `stop()` ends it and its children. Waits (bounded) until it answers eth_chainId.
 */
export async function startHardhatNode(timeoutMs = 60_000): Promise<HardhatNode> {
  const port = await freePort();
  const bin = join(REPO_ROOT, "node_modules", ".bin");
  const child: ChildProcess = spawn(
    join(bin, "hardhat"),
    ["node", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      // Hardhat needs Node ≥ 22: the project's pinned `node` package is first on PATH.
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`, FORCE_COLOR: "0" },
    },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString().split("\n"));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited = false;
  const exitPromise = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  // Last resort if the test process exits without running after(): never leave a node behind.
  const killOnExit = (): void => {
    try {
      if (!exited && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", killOnExit);
  const stop = async (): Promise<void> => {
    process.removeListener("exit", killOnExit);
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const killTimer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5_000);
    await exitPromise;
    clearTimeout(killTimer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`hardhat node exited early:\n${lines.join("\n")}`);
    try {
      await rpc(url, "eth_chainId");
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`hardhat node did not start in ${timeoutMs} ms:\n${lines.join("\n")}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return { url, port, output: () => lines.join("\n"), stop };
}
