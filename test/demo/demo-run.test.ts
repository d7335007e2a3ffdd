// The whole demo, short: the system deployed through the Ignition modules, 120 generated days replayed through
// the real keeper, the report written. Checks the report's shape and that the keeper acted. Under the cash press
// (the default: layers paid only by the condor's net income, no draw on NAV) and the surface pricing, the keeper
// first has budget for its ladder in this scenario's fifth month, so the run holds layer purchases but no roll yet;
// 40 days held neither. Rolls are tested by the keeper's and the hedge vault's own tests.
import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PNL_LINES, PNL_PARTIES } from "../../scripts/demo/pnl.js";
import { runDemo, type DemoRunResult } from "../../scripts/demo/runDemo.js";
import { generateScenario } from "../../scripts/demo/scenario.js";
import { STRATEGIES } from "../../scripts/demo/reportTypes.js";
import { SYNTHETIC_SOURCE, syntheticMacroCalendar } from "../../scripts/demo/syntheticCalendar.js";

const ADMIN_ROLE = `0x${"00".repeat(32)}`;

describe("demo: a short run end to end", function () {
  this.timeout(120_000);
  const days = 120;
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

  it("shows the keeper acting: layers opened, a condor sold, premiums booked", function () {
    const { report } = run;
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

  it("shows who paid whom: every party's lines reconcile with its value change to the cent", async function () {
    const { pnl } = run.report;
    for (const party of PNL_PARTIES) {
      const r = pnl.reconciliation[party];
      const sum = PNL_LINES.reduce((n, l) => n + pnl[party][l], 0);
      expect(Math.abs(sum - pnl[party].net), `${party} net`).to.be.lessThan(1e-6);
      expect(r.realised).to.equal(pnl[party].net);
      expect(Math.abs(r.residual), `${party} residual ${r.residual}`).to.be.lessThan(0.01);
      expect(Math.abs(r.valueChange - r.realised - (r.openMarkAfter - r.openMarkBefore))).to.be.lessThan(
        0.01,
      );
    }
    // The values are the chain's: the vaults' NAV and the pool's exit value at the end.
    expect(pnl.reconciliation.hedged.valueAfter).to.equal(
      Number(await run.system.hedged.totalAssets()) / 1e6,
    );
    expect(pnl.reconciliation.poolLps.valueAfter).to.equal(Number(await run.system.pool.totalAssets()) / 1e6);
    // Before the replay: the deposit, plus what the flash side's fees added to the reserve's share price.
    expect(pnl.reconciliation.hedged.valueBefore).to.be.within(1_000_000, 1_001_000);
    // The pool's events agree with the vault's own: premiums paid for layers and received for the condor.
    expect(Math.abs(-pnl.hedged.layerPremium - run.report.premiums.layerPremiumPaid)).to.be.lessThan(1e-6);
    expect(Math.abs(pnl.hedged.condorPremium - run.report.premiums.condorPremiumEarned)).to.be.lessThan(1e-6);
    expect(pnl.hedged.layerPremium).to.be.lessThan(0);
    expect(pnl.unhedged.layerPremium).to.equal(0); // its layers are off
    // The LPs are the other side of every trade: option lines sum to zero up to the pool's rounding dust.
    expect(Math.abs(pnl.zeroSum)).to.be.lessThan(0.01);
    expect(
      Math.abs(pnl.poolLps.condorPremium + pnl.hedged.condorPremium + pnl.unhedged.condorPremium),
    ).to.be.lessThan(1e-6);
    expect(pnl.poolLps.flashFees).to.equal(0);
    expect(pnl.hedged.flashFees).to.be.greaterThan(0);
    const json = JSON.parse(readFileSync(run.jsonPath, "utf8")) as { pnl: unknown; events: unknown[] };
    expect(json.pnl).to.deep.equal(pnl);
    expect(run.report.days.every((d) => d.poolLps > 9_000_000)).to.equal(true);
  });

  it("deployed through the Ignition modules: the timelock governs, the deployer renounced, roles granted", async function () {
    const { system } = run;
    const timelock = await system.timelock.getAddress();
    for (const c of [system.hedged, system.pool, system.vixFeed, system.spxFeed]) {
      expect(await c.hasRole(ADMIN_ROLE, timelock)).to.equal(true);
      expect(await c.hasRole(ADMIN_ROLE, system.admin.address)).to.equal(false);
    }
    expect(
      await system.timelock.hasRole(await system.timelock.PROPOSER_ROLE(), system.multisig.address),
    ).to.equal(true);
    for (const vault of [system.hedged, system.unhedged]) {
      expect(await vault.hasRole(await vault.KEEPER_ROLE(), system.keeper.address)).to.equal(true);
      expect(await vault.hasRole(await vault.GUARDIAN_ROLE(), system.guardian.address)).to.equal(true);
    }
    expect(await system.upkeep.getAddress()).to.match(/^0x[0-9a-fA-F]{40}$/);
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

describe("demo: synthetic macro calendar", function () {
  const calendar = syntheticMacroCalendar(2022, 2024);
  const weekday = (t: number): number => new Date(t * 1000).getUTCDay();

  it("holds 8 FOMC days (Wednesdays) and 12 CPI (Tuesdays) and PPI (Wednesdays) days a year, sorted", function () {
    for (const year of ["2022", "2023", "2024"]) {
      const inYear = calendar.events.filter((e) => new Date(e.at * 1000).getUTCFullYear() === Number(year));
      expect(inYear.filter((e) => e.kind === "FOMC")).to.have.length(8);
      expect(inYear.filter((e) => e.kind === "CPI")).to.have.length(12);
      expect(inYear.filter((e) => e.kind === "PPI")).to.have.length(12);
      expect(calendar.coverage[year]).to.deep.equal({ FOMC: "complete", CPI: "complete", PPI: "complete" });
    }
    for (const e of calendar.events) expect(weekday(e.at)).to.equal(e.kind === "CPI" ? 2 : 3);
    const times = calendar.events.map((e) => e.at);
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
  });

  it("labels every event synthetic", function () {
    expect(calendar.events.every((e) => e.source === SYNTHETIC_SOURCE)).to.equal(true);
    expect(SYNTHETIC_SOURCE).to.match(/synthetic/);
  });
});
