// A small case of `npm run backtest`, end to end: two policies and the unhedged reference, 30 generated days,
// each replayed on its own fresh chain in two worker processes; then frontier.json and frontier.html as a
// reader sees it in headless Chromium (like the report).
import { expect } from "chai";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { findChromium, launchChromium } from "../../scripts/demo/chromium.js";
import { generateScenario } from "../../scripts/demo/scenario.js";
import type { FrontierJson } from "../../scripts/backtest/frontier.js";
import { FRONTIER_CHART_ID } from "../../scripts/backtest/frontierHtml.js";
import { runBacktest, type BacktestRunResult } from "../../scripts/backtest/runBacktest.js";
import { runPoliciesInWorkers } from "../../scripts/backtest/workerPool.js";
import { DEFAULT_LAYERS } from "../../scripts/deploy/hedgeSide.js";

describe("backtest: a small case end to end", function () {
  this.timeout(240_000);
  const days = 30;
  let dir: string;
  let run: BacktestRunResult;
  const progress: string[] = [];

  before(async function () {
    dir = mkdtempSync(path.join(tmpdir(), "alvh-backtest-"));
    run = await runBacktest({
      market: generateScenario({ days, seed: 8 }),
      source: "generated scenario, seed 8",
      synthetic: true,
      grid: { mode: "one-at-a-time", axes: { coverage: { half: 0.5 } } },
      workers: 2,
      outDir: dir,
      progress: { isTTY: false, write: (line: string) => progress.push(line) },
    });
  });

  after(function () {
    if (dir !== undefined && this.currentTest?.state !== "failed")
      rmSync(dir, { recursive: true, force: true });
  });

  it("replays every policy and the reference on its own chain, with a progress bar", function () {
    const { json } = run;
    expect(json.points.map((p) => p.name)).to.deep.equal(["default", "coverage=half", "unhedged condor"]);
    for (const p of json.points) {
      expect(p.error, p.name).to.equal(null);
      expect(p.startNav).to.be.within(1_000_000, 1_001_000);
      expect(p.pnl!.condorPremium, p.name).to.be.greaterThan(0);
    }
    // Layers: bought by the two policies, none by the reference.
    expect(json.points[0]!.pnl!.layerPremium).to.be.lessThan(0);
    expect(json.points[1]!.pnl!.layerPremium).to.be.lessThan(0);
    expect(json.points[2]!.pnl!.layerPremium).to.equal(0);
    // Half the coverage: less layer premium (about half, unless the cash press cut the default's layers).
    const ratio = json.points[1]!.pnl!.layerPremium / json.points[0]!.pnl!.layerPremium;
    expect(ratio).to.be.within(0.3, 0.9);
    expect(json.run.workers).to.equal(2);
    expect(progress.join("")).to.contain("Backtest 100 %");
  });

  it("writes frontier.json with the spikes, the figures of each point and the run", function () {
    const json = JSON.parse(readFileSync(run.jsonPath, "utf8")) as FrontierJson;
    expect(json).to.deep.equal(JSON.parse(JSON.stringify(run.json)));
    expect(json.dayCount).to.equal(days);
    expect(json.spikes.length).to.be.greaterThan(0); // the scenario's first spike is in its first 30 days
    for (const p of json.points) {
      expect(p.events).to.have.length(json.spikes.length);
      expect(Number.isFinite(p.annualNetHedgeCostPct)).to.equal(true);
      expect(p.worstEventLossPct).to.be.at.most(0.05);
    }
    expect(json.points[2]!.annualNetHedgeCost).to.equal(0); // no layers, nothing open
    expect(json.efficient.length).to.be.greaterThan(0);
    expect(json.closestToTargets).to.be.oneOf(["default", "coverage=half"]);
  });

  it("renders frontier.html in headless Chromium: the chart's points, legend and table", async function () {
    const executable = findChromium();
    if (executable === undefined) {
      console.log("    SKIPPED: no Chromium (/usr/bin/chromium missing and CHROMIUM_PATH not set)");
      this.skip();
    }
    expect(existsSync(run.htmlPath)).to.equal(true);
    const browser = await launchChromium(executable);
    try {
      const page = await browser.context.newPage();
      const requested: string[] = [];
      page.on("request", (r) => requested.push(r.url()));
      await page.goto(pathToFileURL(run.htmlPath).href, { waitUntil: "load" });
      const svg = page.locator(`svg#${FRONTIER_CHART_ID}`);
      const box = await svg.boundingBox();
      expect(box!.width).to.be.greaterThan(300);
      expect(box!.height).to.be.greaterThan(200);
      const points = svg.locator("g.point");
      expect(await points.count()).to.equal(3);
      for (let i = 0; i < 3; i++) {
        const p = await points.nth(i).boundingBox();
        // Inside the chart.
        expect(p!.x).to.be.within(box!.x, box!.x + box!.width);
        expect(p!.y).to.be.within(box!.y, box!.y + box!.height);
      }
      for (const text of ["Default policy", "Unhedged condor (reference)"]) {
        expect(await svg.locator("g.legend text", { hasText: text }).isVisible(), text).to.equal(true);
      }
      expect(await svg.locator("g.point text", { hasText: "(default)" }).isVisible()).to.equal(true);
      expect(await page.locator("table.frontier tbody tr").count()).to.equal(3);
      expect(await page.locator("p.synthetic").isVisible()).to.equal(true);
      expect(requested).to.deep.equal([pathToFileURL(run.htmlPath).href]);
    } finally {
      await browser.close();
    }
  });

  it("reports a policy whose run fails, naming why, without stopping the others", async function () {
    const market = generateScenario({ days, seed: 8 });
    // A layer 1 % out of the money is outside the contracts' bound (0.05 - 1.5): the deployment reverts.
    const bad = { layers: DEFAULT_LAYERS.map((l) => ({ ...l, otm: 10n ** 16n })) };
    const finished: number[] = [];
    const outcomes = await runPoliciesInWorkers(market, [bad], {
      workers: 2,
      onFinished: (id) => finished.push(id),
    });
    expect(finished).to.deep.equal([0]);
    expect(outcomes[0]!.ok).to.equal(false);
    expect(outcomes[0]!.ok ? "" : outcomes[0]!.error).to.match(/PolicyFieldOutOfBounds/);
  });
});
