// The rehearsal's market data: a local HTTP JSON source for the feed pusher (ALVH_PUSH_SOURCE=url), serving the
// demo's generated scenario (scripts/demo/scenario.ts: a calm stretch first, spikes and a crash later) day by
// day along the CHAIN's clock, so advancing chain time over RPC moves the market with it. Day 0 is the chain's
// date when the server starts; weekends and holidays keep the previous close. Besides the two indices it serves
// the volatility oracle's optional inputs, which the scenario generates consistently with them (VIX3M, VIX6M,
// VVIX: contango in calm markets, backwardation in spikes), so the pusher's surfaces model nothing.
//   GET /vix → {"date":"2026-12-04","close":13.02}     GET /spx → {"date":"2026-12-04","close":4766.18}
//   GET /vix3m, /vix6m, /vvix → the same shape
// Run alone for the manual rehearsal steps: npx tsx scripts/rehearsal/marketServer.ts [--port 8546] [--rpc URL]
import { createServer, type Server } from "node:http";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { generateScenario } from "../demo/scenario.js";
import { latestTime } from "./jsonRpc.js";

export interface MarketServer {
  url: string;
  close(): Promise<void>;
}

const DAY = 86_400;
/** What the server serves, one path each. */
export const SERIES = ["vix", "spx", "vix3m", "vix6m", "vvix"] as const;

/** Starts the server on 127.0.0.1:`port` (0: any free port). */
export async function startMarketServer(options: { rpcUrl: string; port: number }): Promise<MarketServer> {
  const start = Math.floor((await latestTime(options.rpcUrl)) / DAY) * DAY;
  const days = generateScenario({ start: new Date(start * 1000).toISOString().slice(0, 10) });
  const byDate = new Map(days.map((d) => [d.date, d]));
  const first = days[0];
  if (first === undefined) throw new Error("market server: empty scenario");
  const at = (t: number) => {
    // The last trading day on or before the chain's date (the scenario skips weekends).
    for (let day = Math.floor(t / DAY) * DAY; day >= start; day -= DAY) {
      const found = byDate.get(new Date(day * 1000).toISOString().slice(0, 10));
      if (found !== undefined) return found;
    }
    return first;
  };
  const server: Server = createServer((req, res) => {
    const which = SERIES.find((s) => req.url === `/${s}`);
    if (req.method !== "GET" || which === undefined) {
      res
        .writeHead(404, { "content-type": "text/plain" })
        .end(`GET ${SERIES.map((s) => `/${s}`).join(", ")}`);
      return;
    }
    latestTime(options.rpcUrl)
      .then((t) => {
        const day = at(t);
        const close = day[which];
        if (close === undefined) {
          res.writeHead(404, { "content-type": "text/plain" }).end(`no ${which} on ${day.date}`);
          return;
        }
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ date: day.date, close }));
      })
      .catch((e: unknown) => res.writeHead(502, { "content-type": "text/plain" }).end(String(e)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8546" },
      rpc: { type: "string", default: "http://127.0.0.1:8545" },
    },
  });
  const server = await startMarketServer({ rpcUrl: values.rpc, port: Number(values.port) });
  console.log(
    `market server: ${SERIES.map((s) => `${server.url}/${s}`).join(", ")} (chain ${values.rpc}); Ctrl-C stops it`,
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void server.close());
}
