// The whole demo, short: the system deployed through the Ignition modules, 40 generated days replayed through
// the real keeper, the report written. Checks the report's shape and that the keeper acted.
import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runDemo, type DemoRunResult } from "../../scripts/demo/runDemo.js";
import { generateScenario } from "../../scripts/demo/scenario.js";
import { STRATEGIES } from "../../scripts/demo/reportTypes.js";

describe("demo: a short run end to end", function () {
  this.timeout(120_000);
  const days = 40;
  let outDir: string;
  let run: DemoRunResult;
  const lines: string[] = [];

  before(async function () {
    outDir = mkdtempSync(path.join(tmpdir(), "alvh-demo-"));
    run = await runDemo({
      market: generateScenario({ days, seed: 8 }),
      source: "generated scenario, seed 8",
      outDir,
      log: (line) => lines.push(line),
      progress: { isTTY: false, write: () => true },
    });
  });

  after(function () {
    rmSync(outDir, { recursive: true, force: true });
  });

  it("records every replayed day with the three portfolios' NAVs", function () {
    const { report } = run;
    expect(report.days).to.have.length(days);
    for (const d of report.days) {
      for (const s of STRATEGIES) expect(Number.isFinite(d.nav[s]) && d.nav[s] > 0).to.equal(true);
    }
    // Cash is the deposit left idle.
    expect(report.days.every((d) => d.nav.cash === 1_000_000)).to.equal(true);
  });

  it("shows the keeper acting: layers opened and rolled, a condor sold, premiums booked", function () {
    const { report } = run;
    expect(report.rolls).to.be.at.least(1);
    expect(report.layers.length).to.be.at.least(3);
    expect(report.actions.some((a) => a.action === "open-layer")).to.equal(true);
    expect(report.actions.some((a) => a.action.startsWith("sell-condor"))).to.equal(true);
    expect(report.premiums.layerPremiumPaid).to.be.greaterThan(0);
    expect(report.premiums.condorPremiumEarned).to.be.greaterThan(0);
    expect(run.replay.keeperTransactions).to.be.at.least(4);
  });

  it("counts covered events, flash fees and transactions", function () {
    const { report } = run;
    expect(report.eventsCovered).to.be.at.least(1);
    expect(report.eventsCovered).to.be.at.most(run.replay.eventsInWindow);
    expect(report.flashFeesEarned).to.be.greaterThan(0);
    expect(report.transactions).to.be.greaterThan(days * 2); // two feed pushes a day at least
    expect(report.elapsedSeconds).to.be.greaterThan(0);
  });

  it("writes report.json and report.html, and logs the flash side beside the hedge", function () {
    const json = JSON.parse(readFileSync(run.jsonPath, "utf8")) as { dayCount: number; rolls: number };
    expect(json.dayCount).to.equal(days);
    expect(json.rolls).to.equal(run.report.rolls);
    const html = readFileSync(run.htmlPath, "utf8");
    expect(html).to.contain("<svg");
    expect(html).to.contain("synthetic macro calendar");
    const log = lines.join("\n");
    expect(log).to.contain("attack FAILED");
    expect(log).to.contain("reverted");
  });
});
