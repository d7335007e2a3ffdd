import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { drawdownSeries, maxDrawdown } from "../../scripts/demo/drawdown.js";
import { escapeHtml } from "../../scripts/demo/escapeHtml.js";
import { writeReport } from "../../scripts/demo/report.js";
import { formatDrawdown, formatSignedPct, formatSignedUsd, wrapText } from "../../scripts/demo/format.js";
import { CHART_IDS, REPORT_SECTIONS, renderReportHtml } from "../../scripts/demo/reportHtml.js";
import { buildReportJson } from "../../scripts/demo/reportJson.js";
import { STRATEGIES } from "../../scripts/demo/reportTypes.js";
import { formatSummaryTable, summaryRows } from "../../scripts/demo/summary.js";
import { niceTicks, renderLineChart } from "../../scripts/demo/svg.js";
import { syntheticReport } from "./fixture.js";

/** The markup of one `<svg id=...>` element. */
function svgById(html: string, id: string): string {
  const start = html.indexOf(`<svg xmlns="http://www.w3.org/2000/svg" id="${id}"`);
  expect(start, `chart ${id}`).to.be.greaterThan(-1);
  return html.slice(start, html.indexOf("</svg>", start) + 6);
}

describe("demo report", function () {
  describe("maxDrawdown", function () {
    it("is the worst peak-to-trough fall as a fraction of the peak", function () {
      expect(maxDrawdown([100, 120, 90, 110, 60, 130, 125])).to.deep.equal({
        maxDrawdown: 0.5,
        peak: 1,
        trough: 4,
      });
      expect(maxDrawdown([100, 80, 200, 150]).maxDrawdown).to.equal(0.25); // a later, larger peak
    });
    it("is 0 for rising, flat, one-point and empty series", function () {
      expect(maxDrawdown([1, 2, 3]).maxDrawdown).to.equal(0);
      expect(maxDrawdown([5, 5, 5]).maxDrawdown).to.equal(0);
      expect(maxDrawdown([7]).maxDrawdown).to.equal(0);
      expect(maxDrawdown([]).maxDrawdown).to.equal(0);
    });
    it("daily drawdowns follow the running peak; bad values are refused", function () {
      const dd = drawdownSeries([100, 50, 75, 100, 90]);
      // (plain comparison: the chai-matchers plugin makes closeTo integer-only in a full run)
      [0, 0.5, 0.25, 0, 0.1].forEach((v, i) => expect(Math.abs(dd[i]! - v)).to.be.lessThan(1e-12));
      expect(drawdownSeries([100, -20])).to.deep.equal([0, 1.2]); // a loss beyond the whole peak
      expect(() => drawdownSeries([1, Number.NaN])).to.throw(/not a finite number/);
    });
  });

  describe("report.json", function () {
    const report = syntheticReport();
    const json = buildReportJson(report);

    it("has each portfolio's daily NAV series and its maxDrawdown", function () {
      for (const s of STRATEGIES) {
        expect(json[s].series).to.have.length(report.days.length);
        expect(json[s].series[0]).to.deep.equal({ date: report.days[0]!.date, nav: report.days[0]!.nav[s] });
        expect(Object.keys(json[s].series[0]!)).to.deep.equal(["date", "nav"]);
        expect(json[s].maxDrawdown).to.equal(maxDrawdown(report.days.map((d) => d.nav[s])).maxDrawdown);
        expect(json[s].maxDrawdown).to.be.within(0, 1);
        expect(json[s].maxDrawdownPeakDate <= json[s].maxDrawdownTroughDate).to.equal(true);
      }
      expect(json.unhedged.maxDrawdown).to.be.greaterThan(json.hedged.maxDrawdown);
    });

    it("has the keeper actions with dates, the layers, the premium totals and the run figures", function () {
      expect(json.keeperActions).to.have.length(report.actions.length);
      expect(json.keeperActions[0]).to.deep.equal({
        date: report.actions[0]!.date,
        action: "sell-condor",
        layer: null,
        premium: -1200,
        detail: "SPX iron condor, 30 days",
      });
      expect(json.layers.at(-1)!.closedOn).to.equal(null);
      expect(json.premiums).to.deep.equal({
        layerPremiumPaid: 4321.5,
        layerCloseProceeds: 5000,
        layerNet: 678.5, // proceeds - premium: the layers returned more than they cost
        condorPremiumEarned: 9876.25,
        net: 10554.75, // condor premium + layers' net, the same figures the terminal prints
      });
      expect(json.syntheticMarket).to.equal(true);
      expect(json.keeperWarnings).to.deep.equal({ actions: 3, warmUp: 30 });
      expect(json).to.include({
        flashFeesEarned: 123.45,
        eventsCovered: 7,
        transactions: 812,
        elapsedSeconds: 95.3,
      });
      expect(json.rolls).to.equal(report.rolls);
      expect(json.market[0]).to.deep.equal({
        date: report.days[0]!.date,
        vix: report.days[0]!.vix,
        spx: report.days[0]!.spx,
      });
    });

    it("refuses what it could not write faithfully", function () {
      const r = syntheticReport(40);
      r.days[3]!.nav.hedged = Number.NaN;
      expect(() => buildReportJson(r)).to.throw(/days\[3\]\.nav\.hedged is NaN/);
      const r2 = syntheticReport(40);
      r2.days[5]!.date = r2.days[4]!.date;
      expect(() => buildReportJson(r2)).to.throw(/days\[5\]\.date .* is not after/);
      const r3 = syntheticReport(40);
      r3.actions[0]!.date = "05/02/2018";
      expect(() => buildReportJson(r3)).to.throw(/actions\[0\]\.date/);
      expect(() => buildReportJson({ ...r3, days: [] })).to.throw(/no days/);
    });
  });

  describe("report.html", function () {
    const report = syntheticReport();
    const html = renderReportHtml(report);

    it("holds the three charts with their lines, axes and legends", function () {
      const vix = svgById(html, CHART_IDS.vix);
      expect(vix).to.contain("<polyline");
      expect(vix.match(/<line [^>]*stroke-dasharray="5 3"/g)?.length).to.equal(report.layers.length); // upper strikes
      expect(vix).to.contain('class="markers"'); // roll dates
      expect(vix).to.contain("Layer 1 strikes");
      expect(vix).to.contain("Roll");
      const nav = svgById(html, CHART_IDS.nav);
      expect(nav.match(/<polyline/g)).to.have.length(3);
      for (const name of ["Hedged (condor + ALVH layers)", "Unhedged condor", "Cash"])
        expect(nav).to.contain(name);
      const dd = svgById(html, CHART_IDS.drawdown);
      expect(dd.match(/<path /g)).to.have.length(2);
      expect(dd.match(/<polyline/g)).to.have.length(1);
      for (const svg of [vix, nav, dd]) {
        expect(svg).to.match(/class="x-label"[^>]*>Date</);
        expect(svg).to.contain('class="y-label"');
        expect(svg).to.contain('class="legend"');
        expect(svg).to.contain(report.days[0]!.date);
      }
    });

    it("draws monetisations apart from ordinary rolls", function () {
      const vix = svgById(html, CHART_IDS.vix);
      const group = (kind: string): string => {
        const start = vix.indexOf(`<g class="markers" data-kind="${kind}"`);
        expect(start, kind).to.be.greaterThan(-1);
        return vix.slice(start, vix.indexOf("</g>", start));
      };
      const rolls = group("Roll");
      const monetisations = group("Monetisation (the hedge paid)");
      expect(rolls).to.contain('stroke-dasharray="3 3"');
      expect(monetisations).to.not.contain("stroke-dasharray");
      expect(monetisations.match(/<line /g)).to.have.length(1);
      expect(monetisations).to.contain("monetise-layer");
      expect(rolls).to.not.contain("monetise-layer");
      expect(rolls.match(/<line /g)).to.have.length(
        report.actions.filter((a) => a.action === "roll-layer").length,
      );
      expect(vix).to.contain(">Monetisation (the hedge paid)</text>"); // its own legend entry
    });

    it("labels a synthetic market as synthetic", function () {
      expect(html).to.contain('<p class="synthetic">');
      expect(html).to.contain("synthetic 2020-style crash");
      expect(svgById(html, CHART_IDS.vix)).to.contain(
        "Volatility index (synthetic scenario) and hedge layers",
      );
      const history = renderReportHtml({ ...report, syntheticMarket: false });
      expect(history).to.not.contain('<p class="synthetic">');
    });

    it("captions the keeper-action table and shows premiums as signed cash flows", function () {
      const actions = html.slice(html.indexOf('<section id="actions">'));
      expect(actions).to.match(/<caption>\d+ actions on the hedged vault/);
      expect(actions).to.contain("+ received (a condor spread sold), - paid (a layer bought)");
      expect(actions).to.contain("&quot;posting&quot; is the collateral");
      expect(actions).to.contain('<td class="num">+$1,200.00</td>'); // the condor sold for 1,200
      expect(actions).to.contain('<td class="num">-$150.00</td>'); // layer 1 bought for 150
    });

    it("is a list of sections, one per concern, that a new builder extends", function () {
      const ids = [...html.matchAll(/<section id="([^"]+)">/g)].map((m) => m[1]);
      expect(ids).to.deep.equal([
        "summary",
        "vix-layers",
        "nav",
        "drawdown",
        "pnl",
        "events",
        "layers",
        "actions",
      ]);
      const extra = renderReportHtml(report, [
        ...REPORT_SECTIONS,
        ({ json }) => ({ id: "extra", html: `<h2>Premiums</h2><p>${json.premiums.net}</p>` }),
      ]);
      expect(extra).to.contain('<section id="extra">\n<h2>Premiums</h2><p>10554.75</p>');
    });

    it("is self-contained: no script, no external asset", function () {
      expect(html.startsWith("<!doctype html>")).to.equal(true);
      expect(html).to.not.match(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import/i);
      expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, "")).to.not.match(/https?:/);
    });

    it("shows the summary table", function () {
      for (const [label, value] of summaryRows(report)) {
        expect(html).to.contain(`<td>${escapeHtml(label)}</td><td>${escapeHtml(value)}</td>`);
      }
    });

    it("escapes every text it shows", function () {
      const evil = syntheticReport(40);
      evil.title = `R&D <b>"report"</b>`;
      evil.source = "<script>alert('source')</script>";
      evil.actions.push({
        date: evil.days[10]!.date,
        action: "roll<x>",
        detail: `a & b <img src=x onerror="y">`,
      });
      evil.layers[0]!.reason = "</td><script>";
      const out = renderReportHtml(evil);
      expect(out).to.not.match(/<script|<img|<b>|<x>|<\/td><script/);
      expect(out).to.contain("<title>R&amp;D &lt;b&gt;&quot;report&quot;&lt;/b&gt;</title>");
      expect(out).to.contain("&lt;script&gt;alert(&#39;source&#39;)&lt;/script&gt;");
      expect(out).to.contain("a &amp; b &lt;img src=x onerror=&quot;y&quot;&gt;");
      expect(escapeHtml(`<a href='x'>&"`)).to.equal("&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
    });
  });

  it("writes report.json and report.html into the output directory", function () {
    const dir = mkdtempSync(path.join(tmpdir(), "alvh-report-"));
    try {
      const out = path.join(dir, "nested", "out");
      const { jsonPath, htmlPath } = writeReport(syntheticReport(60), out);
      expect(jsonPath).to.equal(path.join(out, "report.json"));
      const parsed = JSON.parse(readFileSync(jsonPath, "utf8")) as {
        version: number;
        hedged: { series: unknown[] };
      };
      expect(parsed.version).to.equal(3);
      expect(parsed.hedged.series).to.have.length(60);
      expect(readFileSync(htmlPath, "utf8")).to.contain(CHART_IDS.drawdown);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("prints a terminal summary table", function () {
    const table = formatSummaryTable(syntheticReport(60));
    const lines = table.split("\n");
    expect(new Set(lines.map((l) => l.length)).size).to.equal(1); // a rectangle
    for (const label of [
      "Layer rolls",
      "Macro events covered",
      "Layer premium paid (gross)",
      "Layer close proceeds",
      "Layers, net (proceeds - premium)",
      "Condor premium received",
      "Keeper warnings",
      "Flash fees earned by the reserve",
      "Worst drawdown from a peak, hedged",
      "Worst drawdown from a peak, unhedged condor",
      "Worst fall below the start hedged / unhedged",
      "Net realised P&L hedged / unhedged / pool LPs",
      "Volatility spikes",
      "Transactions sent",
      "Time",
    ]) {
      expect(table).to.contain(label);
    }
    expect(table).to.contain("$123.45");
    expect(table).to.contain("95.3 s");
    expect(table).to.contain("+$678.50"); // the layers' net, signed
    // Long values wrap onto continuation lines at spaces: read the cells back as one text.
    const text = lines
      .map((l) =>
        l
          .replace(/^\|[^|]*\|/, "")
          .replace(/\|$/, "")
          .trim(),
      )
      .join(" ");
    expect(text).to.contain("3 about actions");
    expect(text).to.contain("30 signal warm-up notices");
    expect(lines.every((l) => l.length <= 140)).to.equal(true);
    expect(table).to.not.match(/\d{10,}/); // no raw fixed-point integers
  });

  it("states each worst drawdown with its peak and trough dates", function () {
    const report = syntheticReport();
    const json = buildReportJson(report);
    const rows = new Map(summaryRows(report));
    const hedged = rows.get("Worst drawdown from a peak, hedged")!;
    expect(hedged).to.equal(
      `${formatDrawdown(json.hedged.maxDrawdown)} (peak ${json.hedged.maxDrawdownPeakDate}, trough ${json.hedged.maxDrawdownTroughDate})`,
    );
    expect(hedged).to.match(/^-\d+\.\d %/);
    expect(rows.get("Worst drawdown from a peak, cash")).to.match(/^none/); // cash only rises
    const nav = svgById(renderReportHtml(report), CHART_IDS.nav);
    expect(nav).to.contain(`hedged peak ${json.hedged.maxDrawdownPeakDate}`);
    expect(nav).to.contain(`unhedged trough ${json.unhedged.maxDrawdownTroughDate}`);
  });

  it("formats cash flows, returns and drawdowns with their signs, and wraps text without cutting words", function () {
    expect(formatSignedUsd(1234.561)).to.equal("+$1,234.56");
    expect(formatSignedUsd(-3)).to.equal("-$3.00");
    expect(formatSignedUsd(0.001)).to.equal("$0.00");
    expect(formatSignedPct(0.298)).to.equal("+29.8 %");
    expect(formatSignedPct(-0.05)).to.equal("-5.0 %");
    expect(formatSignedPct(-0.00001)).to.equal("0.0 %"); // not "-0.0 %"
    expect(formatSignedPct(-0.00001, 3)).to.equal("-0.001 %");
    expect(formatDrawdown(0.08)).to.equal("-8.0 %");
    const text =
      "RollDeferred: L1: all 4 grid expiries between 17.04 and 45 days clash with another layer's week";
    const lines = wrapText(text, 30, "  ");
    expect(lines.every((l) => l.length <= 30)).to.equal(true);
    expect(lines.map((l) => l.trim()).join(" ")).to.equal(text);
    expect(wrapText("a-very-long-word-that-cannot-fit", 10)).to.deep.equal([
      "a-very-long-word-that-cannot-fit",
    ]);
  });

  it("chooses round axis ticks", function () {
    expect(niceTicks(0, 82.69)).to.deep.equal([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(-27.6, 0)).to.deep.equal([-30, -20, -10, 0]);
    expect(niceTicks(5, 5).length).to.be.greaterThan(1);
  });
});

describe("demo report charts (svg)", function () {
  it("draws an empty frame when there is nothing to draw, and refuses a non-finite axis", function () {
    const svg = renderLineChart({ id: "c", title: "t", dates: [], yLabel: "y", series: [] });
    expect(svg).to.match(/^<svg [^]*<\/svg>$/);
    expect(() => niceTicks(0, Infinity)).to.throw(/not finite/);
  });
});
