import { Writable } from "node:stream";
import { expect } from "chai";
import { createLogger, logPlan, logRpcEvent, logTxEvent } from "../../src/log.js";

function capture(level = "info") {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split("\n"))
        if (l.trim() !== "") lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { log: createLogger(level, stream), lines };
}

describe("structured logs", () => {
  it("writes JSON lines with level names, service and ISO time; bigints as strings", () => {
    const { log, lines } = capture();
    log.info({ amount: 1_000_000n, nested: { level: 2_050_000_000n }, list: [1n] }, "hello");
    expect(lines).to.have.length(1);
    const line = lines[0]!;
    expect(line).to.include({ level: "info", service: "alvh-keeper", msg: "hello", amount: "1000000" });
    expect(line.nested).to.deep.equal({ level: "2050000000" });
    expect(line.list).to.deep.equal(["1"]);
    expect(String(line.time)).to.match(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("redacts secrets", () => {
    const { log, lines } = capture();
    log.info({ privateKey: "0xabc", key: { privateKey: "0xdef" }, password: "pw" }, "oops");
    expect(lines[0]).to.include({ privateKey: "[redacted]", password: "[redacted]" });
    expect(lines[0]?.key).to.deep.equal({ privateKey: "[redacted]" });
  });

  it("logs tx and rpc events at sensible levels", () => {
    const { log, lines } = capture("trace");
    logTxEvent(log, {
      type: "tx-confirmed",
      label: "roll L1",
      nonce: 4,
      hash: "0x1",
      blockNumber: 10,
      gasUsed: 21_000n,
    });
    logTxEvent(log, { type: "tx-reverted", label: "roll L2", nonce: 5, hash: "0x2", reason: "Boom(1)" });
    logRpcEvent(log, {
      type: "rpc-failover",
      from: "http://a",
      to: "http://b",
      method: "eth_call",
      reason: "timeout",
    });
    logRpcEvent(log, { type: "rpc-request", url: "http://b", method: "eth_call", ok: true, ms: 3 });
    expect(lines.map((l) => [l.level, l.event])).to.deep.equal([
      ["info", "tx-confirmed"],
      ["warn", "tx-reverted"],
      ["warn", "rpc-failover"],
      ["trace", "rpc-request"],
    ]);
    expect(lines[0]).to.include({ gasUsed: "21000", label: "roll L1" });
  });

  it("logs a plan; critical warnings at error level", () => {
    const { log, lines } = capture();
    logPlan(log, {
      createdAt: 1,
      intensity: 1,
      actions: [{ type: "SettleSeries", seriesId: 9n, maxPremium: 0n, reason: "expired" }],
      warnings: [
        { level: "critical", code: "CalendarYearMissing", message: "MACRO CALENDAR PPI 2027 IS MISSING" },
        { level: "info", code: "BreadthUnavailable", message: "no breadth" },
      ],
    });
    expect(lines.map((l) => [l.level, l.event])).to.deep.equal([
      ["info", "plan"],
      ["info", "plan-action"],
      ["error", "plan-warning"],
      ["info", "plan-warning"],
    ]);
    expect(lines[2]).to.include({ code: "CalendarYearMissing", warningLevel: "critical" });
    expect((lines[1]?.action as { seriesId: string }).seriesId).to.equal("9");
  });
});
