// Who paid whom (scripts/demo/pnl.ts), the volatility spikes (scripts/demo/spikes.ts) and their report sections,
// on hand-made ledgers and series. The same lines read from a real chain are checked in demo-run.test.ts.
import { expect } from "chai";
import { maxLossBelowStart } from "../../scripts/demo/drawdown.js";
import {
  PNL_LINE_NOTES,
  PNL_LINES,
  PNL_PARTIES,
  pnlJson,
  reconcile,
  sumLines,
  type PnlRecord,
} from "../../scripts/demo/pnl.js";
import { renderReportHtml } from "../../scripts/demo/reportHtml.js";
import { buildReportJson, spikeEvents } from "../../scripts/demo/reportJson.js";
import type { ReportDay } from "../../scripts/demo/reportTypes.js";
import { DEFAULT_SPIKE_RULE, eventLoss, findSpikes, spikeRuleText } from "../../scripts/demo/spikes.js";
import { syntheticPnlRecord, syntheticReport } from "./fixture.js";

const DATES = ["2022-12-29", "2022-12-30", "2023-01-03", "2023-01-04"];

describe("demo P&L: who paid whom", function () {
  const record = syntheticPnlRecord(DATES);
  const pnl = pnlJson(record);

  it("sums each party's lines, signed (+ money to the party), and their net", function () {
    expect(pnl.hedged).to.deep.equal({
      condorPremium: 9876.25,
      condorBuyBacks: 0,
      condorSettlement: -1500,
      layerPremium: -4321.5,
      layerProceeds: 5000,
      layerSettlement: 800,
      flashFees: 123.45,
      net: 9978.2,
    });
    expect(pnl.unhedged.condorBuyBacks).to.equal(-2000);
    expect(pnl.unhedged.layerPremium).to.equal(0); // a line that does not apply is zero
    expect(pnl.poolLps.layerPremium).to.equal(4321.5); // the LPs wrote the layers
    expect(pnl.poolLps.layerSettlement).to.equal(-800.000001); // the pool pays a net long's payoff rounded up
    expect(pnl.poolLps.flashFees).to.equal(0);
    for (const party of PNL_PARTIES) {
      expect(Object.keys(pnl[party])).to.deep.equal([...PNL_LINES, "net"]);
    }
  });

  it("adds the three parties' option lines up to the pool's rounding dust (flash fees excluded)", function () {
    expect(pnl.zeroSum).to.equal(-0.000001);
  });

  it("reconciles each party: change in value = realised + change of the open marks, residual 0", function () {
    for (const party of PNL_PARTIES) {
      const r = pnl.reconciliation[party];
      expect(r.residual, party).to.equal(0);
      expect(r.realised).to.equal(pnl[party].net);
      expect(r.openMarkAfter).to.equal(r.openMarkAfterLayers + r.openMarkAfterCondor);
    }
    expect(pnl.reconciliation.hedged).to.deep.include({
      valueBefore: 100_000,
      valueAfter: 109_928.2, // 100,000 + 9,978.20 realised + 250 layers - 300 condor
      valueChange: 9928.2,
      openMarkAfterLayers: 250,
      openMarkAfterCondor: -300,
    });
  });

  it("shows a missing cash flow or an unexplained deposit as a residual", function () {
    // Break it on purpose: drop the hedged vault's layer settlement from the ledger.
    const dropped: PnlRecord = {
      ...record,
      entries: record.entries.filter((e) => !(e.party === "hedged" && e.line === "layerSettlement")),
    };
    expect(reconcile(dropped, "hedged").residual).to.equal(800);
    // A deposit is not a gain: once it is counted, the residual is 0 again.
    const deposited = { ...record, after: { ...record.after } };
    deposited.after.hedged = { ...record.after.hedged, value: record.after.hedged.value + 50_000_000_000n };
    expect(reconcile(deposited, "hedged").residual).to.equal(50_000);
    deposited.netDeposits = { ...record.netDeposits, hedged: 50_000_000_000n };
    expect(reconcile(deposited, "hedged")).to.deep.include({ residual: 0, netDeposits: 50_000 });
  });

  it("splits the lines by calendar year of each cash flow", function () {
    expect(pnl.yearly.map((y) => y.year)).to.deep.equal(["2022", "2023"]);
    const [y2022, y2023] = pnl.yearly;
    expect(y2022!.hedged.condorPremium).to.equal(9876.25); // day 0
    expect(y2022!.hedged.layerPremium).to.equal(-4321.5); // day 1
    expect(y2023!.hedged.layerProceeds).to.equal(5000);
    for (const party of PNL_PARTIES) {
      const total = sumLines(record.entries, party).net;
      expect(Math.round((y2022![party].net + y2023![party].net) * 1e6)).to.equal(Number(total));
    }
  });

  it("explains every line's sign for the vaults and for the pool's LPs", function () {
    for (const line of [...PNL_LINES, "net" as const]) {
      expect(PNL_LINE_NOTES[line].label.length).to.be.greaterThan(3);
      expect(PNL_LINE_NOTES[line].vault.length).to.be.greaterThan(10);
      expect(PNL_LINE_NOTES[line].poolLps.length).to.be.greaterThan(10);
    }
    expect(PNL_LINE_NOTES.layerPremium.vault).to.match(/^- /);
    expect(PNL_LINE_NOTES.layerPremium.poolLps).to.match(/^\+ /);
    expect(PNL_LINE_NOTES.condorPremium.vault).to.match(/^\+ /);
    expect(PNL_LINE_NOTES.condorPremium.poolLps).to.match(/^- /);
  });
});

describe("demo volatility spikes", function () {
  it("finds a rise of at least 50 % over the lowest close of the 5 days before", function () {
    //            0   1   2   3   4   5   6   7   8   9
    const vix = [20, 19, 18, 20, 24, 27, 22, 20, 19, 19];
    expect(findSpikes(vix)).to.deep.equal([{ start: 2, peak: 5, end: 5 }]); // 27 >= 1.5 x 18
    expect(findSpikes(vix.map((v, i) => (i === 5 ? 26.9 : v)))).to.deep.equal([]); // 26.9 < 27
  });

  it("looks back exactly `withinDays` trading days", function () {
    // The base is 6 days before the high close: outside a 5-day look-back, inside a 6-day one.
    const vix = [10, 12, 12, 12, 12, 12, 15.5, 12];
    expect(findSpikes(vix)).to.deep.equal([]);
    expect(findSpikes(vix, { ...DEFAULT_SPIKE_RULE, withinDays: 6 })).to.deep.equal([
      { start: 0, peak: 6, end: 6 },
    ]);
  });

  it("merges overlapping spike windows into one event", function () {
    // A ramp: every day from 3 to 8 meets the rule against a base inside the previous window.
    const vix = [15, 15, 14, 18, 22, 26, 31, 37, 44, 40, 30, 25, 20, 18, 17, 30];
    const spikes = findSpikes(vix);
    expect(spikes[0]).to.deep.equal({ start: 2, peak: 8, end: 9 });
    expect(spikes[1]).to.deep.equal({ start: 14, peak: 15, end: 15 }); // a separate, later spike
    expect(spikes).to.have.length(2);
    expect(() => findSpikes(vix, { ...DEFAULT_SPIKE_RULE, withinDays: 0 })).to.throw(/withinDays/);
    // A rise longer than the look-back: two windows with no day between them are one event.
    const ramp = [10, 10, 10, 12, 14, 16, 15.5, 20, 24, 28];
    expect(findSpikes(ramp, { ...DEFAULT_SPIKE_RULE, withinDays: 3 })).to.deep.equal([
      { start: 2, peak: 9, end: 9 },
    ]);
  });

  it("measures an event loss from the close before the spike to the lowest value of the next days", function () {
    const spike = { start: 1, peak: 2, end: 2 };
    const nav = [100, 100, 96, 90, 95, 99, 80];
    const rule = { ...DEFAULT_SPIKE_RULE, lossWindowDays: 4 };
    expect(eventLoss(nav, spike, rule)).to.deep.equal({
      loss: -10,
      fraction: -0.1,
      lowest: 3,
      windowDays: 4,
    });
    // A replay that ends inside the window: the days it has.
    expect(eventLoss(nav.slice(0, 4), spike, rule)).to.deep.include({ loss: -10, windowDays: 2 });
    // A party that gains through the spike: its lowest value is still above the start.
    expect(eventLoss([100, 100, 104, 103], spike, rule)).to.deep.include({ loss: 3, lowest: 3 });
    expect(spikeRuleText()).to.contain("50 %");
  });

  it("reports each spike's dates and each party's event loss in report.json", function () {
    const days: ReportDay[] = [20, 19, 18, 30, 28, 22, 20].map((vix, i) => ({
      date: `2024-03-0${i + 1}`,
      vix,
      spx: 5000,
      nav: { hedged: 100 - (i === 4 ? 3 : 0), unhedged: 100 - (i === 3 ? 8 : 0), cash: 100 },
      poolLps: 1000 + i,
    }));
    const [e] = spikeEvents(days);
    expect(e).to.deep.include({
      start: "2024-03-03",
      peak: "2024-03-04",
      end: "2024-03-05", // 28 is still >= 1.5 x 18
      startVix: 18,
      peakVix: 30,
      lossWindowEnd: "2024-03-07",
      lossWindowDays: 4,
    });
    expect(e!.losses.hedged).to.deep.equal({ loss: -3, fraction: -0.03, lowestOn: "2024-03-05" });
    expect(e!.losses.unhedged).to.deep.equal({ loss: -8, fraction: -0.08, lowestOn: "2024-03-04" });
    expect(e!.losses.poolLps.loss).to.equal(1); // the LPs' share value only rose
  });
});

describe("demo report: P&L, reconciliation and spike sections", function () {
  const report = syntheticReport();
  const json = buildReportJson(report);
  const html = renderReportHtml(report);
  const section = (id: string): string => {
    const start = html.indexOf(`<section id="${id}">`);
    expect(start, id).to.be.greaterThan(-1);
    return html.slice(start, html.indexOf("</section>", start));
  };

  it("keeps every field of report.json and adds pnl, events, the rule and the pool LPs' path", function () {
    expect(json.version).to.equal(3);
    expect(json.pnl).to.deep.equal(report.pnl);
    expect(json.eventRule).to.deep.equal(DEFAULT_SPIKE_RULE);
    expect(json.events.length).to.be.greaterThan(0); // the scenario's 2018-style spike is in 160 days
    expect(json.poolLps.series).to.have.length(report.days.length);
    for (const key of ["premiums", "flashFeesEarned", "rolls", "eventsCovered", "market", "keeperActions"]) {
      expect(json).to.have.property(key);
    }
    for (const s of ["hedged", "unhedged", "cash"] as const) {
      expect(json[s].maxLossBelowStart).to.equal(maxLossBelowStart(json[s].series.map((p) => p.nav)).loss);
    }
  });

  it("shows every line for the three parties with its sign explained", function () {
    const pnl = section("pnl");
    for (const line of [...PNL_LINES, "net" as const]) {
      expect(pnl).to.contain(`<td>${PNL_LINE_NOTES[line].label}</td>`);
    }
    expect(pnl).to.contain('<th class="num">Pool LPs</th>');
    expect(pnl).to.contain('<td class="num">+$9,876.25</td>'); // the hedged vault's condor premium
    expect(pnl).to.contain('<td class="num">-$19,876.25</td>'); // the LPs paid both vaults' condor premiums
    expect(pnl).to.contain("+ received for selling the condor");
    expect(pnl).to.contain("Zero-sum check");
    expect(pnl).to.contain("Residual (change - realised - open marks)");
    expect(pnl).to.contain("<td>2022</td>");
  });

  it("lists the spikes with each party's event loss, and says so when there is none", function () {
    const events = section("events");
    expect(events).to.contain(`${json.events[0]!.start} .. peak ${json.events[0]!.peak}`);
    expect(events).to.contain("Hedged / unhedged");
    const calm = syntheticReport(40);
    calm.days.forEach((d) => (d.vix = 15));
    expect(renderReportHtml(calm)).to.contain("<p>No spike in this window");
  });

  it("refuses a P&L it could not write faithfully", function () {
    const r = syntheticReport(40);
    r.pnl.hedged.layerPremium = Number.NaN;
    expect(() => buildReportJson(r)).to.throw(/pnl\.hedged\.layerPremium is NaN/);
    const r2 = syntheticReport(40);
    r2.days[2]!.poolLps = Number.POSITIVE_INFINITY;
    expect(() => buildReportJson(r2)).to.throw(/days\[2\]\.poolLps/);
  });
});

describe("maxLossBelowStart", function () {
  it("counts only the capital lost below the start, not gains given back", function () {
    expect(maxLossBelowStart([100, 150, 101, 120])).to.deep.equal({ loss: 0, at: 0 }); // gave back 49 %
    expect(maxLossBelowStart([100, 150, 90, 95])).to.deep.equal({ loss: 1 - 90 / 100, at: 2 });
    expect(maxLossBelowStart([])).to.deep.equal({ loss: 0, at: 0 });
  });
});
