import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";

export interface HealthStatus {
  healthy: boolean;
  /** Free-form details shown in the /health JSON body. */
  details: Record<string, string | number | boolean>;
}

/** The metrics port could not be bound (usually another keeper or exporter already listens there). */
export class MetricsPortError extends Error {
  override readonly name = "MetricsPortError";
  constructor(
    readonly port: number,
    readonly code: string,
  ) {
    super(
      code === "EADDRINUSE"
        ? `metrics.port ${port} on 127.0.0.1 is already in use (another keeper?): set metrics.port or KEEPER_METRICS_PORT to a free port (0 picks one)`
        : `metrics.port ${port} on 127.0.0.1 cannot be opened (${code}): set metrics.port or KEEPER_METRICS_PORT to another port`,
    );
  }
}

export interface MetricsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` (Prometheus text format) and `GET /health` (200 or 503 with a JSON body) on
 * 127.0.0.1 only — never a public interface. Port 0 picks a free port.
 */
export async function startMetricsServer(options: {
  port: number;
  registry: Registry;
  health: () => HealthStatus;
}): Promise<MetricsServer> {
  const host = "127.0.0.1";
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET") {
      res.writeHead(405, { allow: "GET" }).end();
      return;
    }
    if (path === "/metrics") {
      options.registry
        .metrics()
        .then((text) => res.writeHead(200, { "content-type": options.registry.contentType }).end(text))
        .catch((e: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(String(e)));
      return;
    }
    if (path === "/health") {
      let status: HealthStatus;
      try {
        status = options.health();
      } catch (e) {
        status = { healthy: false, details: { error: e instanceof Error ? e.message : String(e) } };
      }
      res
        .writeHead(status.healthy ? 200 : 503, { "content-type": "application/json" })
        .end(JSON.stringify({ status: status.healthy ? "ok" : "unhealthy", ...status.details }));
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(new MetricsPortError(options.port, e.code ?? e.message)),
    );
    server.listen(options.port, host, resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
