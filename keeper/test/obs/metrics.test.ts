import { expect } from "chai";
import { createKeeperMetrics, recordPlan, recordRpcEvent, recordTxEvent } from "../../src/metrics.js";
import { type MetricsServer, startMetricsServer } from "../../src/metricsServer.js";
import type { Plan } from "../../src/types.js";

const PLAN: Plan = {
  createdAt: 1_790_000_000,
  intensity: 1.25,
  actions: [
    { type: "ProcessEpoch", maxPremium: 0n, reason: "due" },
    { type: "SettleSeries", seriesId: 3n, maxPremium: 0n, reason: "expired" },
    { type: "SettleSeries", seriesId: 4n, maxPremium: 0n, reason: "expired" },
  ],
  warnings: [
    { level: "critical", code: "CalendarYearMissing", message: "PPI 2027" },
    { level: "critical", code: "CalendarYearMissing", message: "CPI 2027" },
    { level: "warn", code: "LayerCooldown", message: "L1" },
  ],
};

describe("metrics and health endpoints", () => {
  let server: MetricsServer | undefined;
  let healthy = true;
  const m = createKeeperMetrics();

  before(async () => {
    server = await startMetricsServer({
      port: 0,
      registry: m.registry,
      health: () => ({ healthy, details: { lastTickAgeSeconds: healthy ? 3 : 900 } }),
    });
  });
  after(async () => server?.close());

  it("listens on 127.0.0.1 only", () => {
    expect(server?.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("exposes the recorded tx, rpc and plan metrics in Prometheus format", async () => {
    recordTxEvent(m, {
      type: "tx-sent",
      label: "x",
      nonce: 1,
      hash: "0x1",
      fees: { maxFeePerGas: 1n, maxPriorityFeePerGas: 1n },
    });
    recordTxEvent(m, {
      type: "tx-replaced",
      label: "x",
      nonce: 1,
      hash: "0x2",
      fees: { maxFeePerGas: 2n, maxPriorityFeePerGas: 2n },
      replaces: "0x1",
    });
    recordRpcEvent(m, { type: "rpc-request", url: "http://a", method: "eth_call", ok: true, ms: 12 });
    recordRpcEvent(m, {
      type: "rpc-failover",
      from: "http://a",
      to: "http://b",
      method: "eth_call",
      reason: "timeout",
    });
    recordPlan(m, PLAN);
    const res = await fetch(`${server?.url}/metrics`);
    expect(res.status).to.equal(200);
    expect(res.headers.get("content-type")).to.match(/text\/plain/);
    const text = await res.text();
    const lines = [
      'alvh_keeper_tx_events_total{event="tx-sent"} 1',
      'alvh_keeper_tx_events_total{event="tx-replaced"} 1',
      'alvh_keeper_rpc_request_seconds_count{method="eth_call",ok="true"} 1',
      'alvh_keeper_rpc_failovers_total{from="http://a",to="http://b"} 1',
      'alvh_keeper_plan_actions{type="SettleSeries"} 2',
      'alvh_keeper_plan_actions{type="RollLayer"} 0',
      'alvh_keeper_plan_warnings{level="critical"} 2',
      'alvh_keeper_plan_critical_warnings{code="CalendarYearMissing"} 2',
      "alvh_keeper_intensity 1.25",
      "alvh_keeper_last_plan_timestamp_seconds 1790000000",
    ];
    for (const line of lines) expect(text).to.contain(line);
  });

  it("a new plan replaces the previous plan's gauges", async () => {
    recordPlan(m, { createdAt: 1, intensity: 1, actions: [], warnings: [] });
    const text = await (await fetch(`${server?.url}/metrics`)).text();
    expect(text).to.contain('alvh_keeper_plan_actions{type="SettleSeries"} 0');
    expect(text).to.not.contain('alvh_keeper_plan_critical_warnings{code="CalendarYearMissing"}');
  });

  it("/health answers 200 when healthy and 503 when not", async () => {
    healthy = true;
    let res = await fetch(`${server?.url}/health`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ status: "ok", lastTickAgeSeconds: 3 });
    healthy = false;
    res = await fetch(`${server?.url}/health`);
    expect(res.status).to.equal(503);
    expect(await res.json()).to.deep.equal({ status: "unhealthy", lastTickAgeSeconds: 900 });
  });

  it("unknown paths are 404 and other methods 405", async () => {
    expect((await fetch(`${server?.url}/nope`)).status).to.equal(404);
    expect((await fetch(`${server?.url}/metrics`, { method: "POST" })).status).to.equal(405);
  });

  it("separate registries do not collide", () => {
    expect(() => createKeeperMetrics()).to.not.throw();
  });
});
