// The report as a reader sees it: rendered by headless Chromium (the system's, driven by playwright-core).
import { expect } from "chai";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { findChromium, launchChromium, type LaunchedChromium } from "../../scripts/demo/chromium.js";
import { writeReport } from "../../scripts/demo/report.js";
import { CHART_IDS } from "../../scripts/demo/reportHtml.js";
import { screenshotReport } from "../../scripts/demo/screenshot.js";
import { syntheticReport } from "./fixture.js";

describe("demo report in headless Chromium", function () {
  this.timeout(20_000);
  let dir: string | undefined;
  let browser: LaunchedChromium | undefined;
  let page: Page | undefined;
  let htmlPath = "";
  const requested: string[] = [];
  let failed = false;

  before(async function () {
    const executable = findChromium();
    if (executable === undefined) {
      console.log("    SKIPPED: no Chromium (/usr/bin/chromium missing and CHROMIUM_PATH not set)");
      this.skip();
    }
    dir = mkdtempSync(path.join(tmpdir(), "alvh-report-chromium-"));
    htmlPath = writeReport(syntheticReport(), dir).htmlPath;
    browser = await launchChromium(executable);
    page = await browser.context.newPage();
    page.on("request", (r) => requested.push(r.url()));
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load" });
  });

  afterEach(function () {
    if (this.currentTest?.state === "failed") failed = true;
  });

  after(async function () {
    await browser?.close();
    if (dir !== undefined) {
      if (failed) console.log(`    report and screenshots kept in ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [name, id] of Object.entries(CHART_IDS)) {
    it(`renders the ${name} chart with its lines`, async function () {
      const svg = page!.locator(`svg#${id}`);
      const box = await svg.boundingBox();
      expect(box, `${id} has a box`).to.not.equal(null);
      expect(box!.width).to.be.greaterThan(300);
      expect(box!.height).to.be.greaterThan(150);
      const lines = svg.locator("g.series polyline, g.series path");
      expect(await lines.count()).to.be.greaterThan(0);
      const lineBox = await lines.first().boundingBox();
      expect(lineBox!.width).to.be.greaterThan(100);
      expect(await svg.locator(".x-label").isVisible()).to.equal(true);
    });
  }

  it("shows the legends and the summary table", async function () {
    for (const [id, text] of [
      [CHART_IDS.vix, "Volatility index close"],
      [CHART_IDS.vix, "Roll"],
      [CHART_IDS.nav, "Hedged (condor + ALVH layers)"],
      [CHART_IDS.nav, "Unhedged condor"],
      [CHART_IDS.drawdown, "Cash"],
    ] as const) {
      const legend = page!.locator(`svg#${id} g.legend text`, { hasText: text }).first();
      expect(await legend.isVisible(), `${id}: ${text}`).to.equal(true);
    }
    expect(await page!.locator("#chart-vix-layers g.segments line").count()).to.be.greaterThan(0);
    expect(
      await page!.locator("table.summary").getByText("Flash fees earned by the reserve").isVisible(),
    ).to.equal(true);
  });

  for (const [name, id] of Object.entries(CHART_IDS)) {
    it(`keeps the ${name} chart's y-axis title clear of its tick labels`, async function () {
      const title = await page!.locator(`svg#${id} .y-label`).boundingBox();
      const ticks = await page!.locator(`svg#${id} g.y-ticks text`).all();
      expect(ticks.length).to.be.greaterThan(1);
      for (const tick of ticks) {
        const box = await tick.boundingBox();
        // The rotated title sits left of every tick label, with a gap.
        expect(title!.x + title!.width, `${id}: "${await tick.textContent()}"`).to.be.lessThan(box!.x - 2);
      }
    });
  }

  it("shows monetisations in their own legend entry, the synthetic banner and the action table's caption", async function () {
    const legend = page!.locator(`svg#${CHART_IDS.vix} g.legend text`, { hasText: "Monetisation" });
    expect(await legend.isVisible()).to.equal(true);
    expect(await page!.locator("p.synthetic").isVisible()).to.equal(true);
    expect(await page!.locator("#actions caption").isVisible()).to.equal(true);
    expect(await page!.locator("#actions caption").textContent()).to.contain("+ received");
  });

  it("loads nothing but the page itself", function () {
    expect(requested).to.deep.equal([pathToFileURL(htmlPath).href]);
  });

  it("takes screenshots (in the test, and with the exported helper)", async function () {
    const shot = path.join(dir!, "report-viewport.png");
    await page!.screenshot({ path: shot });
    const full = await screenshotReport(htmlPath, path.join(dir!, "report.png"));
    for (const file of [shot, full]) {
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString("ascii")).to.equal("PNG");
      expect(png.length).to.be.greaterThan(10_000);
    }
  });
});

describe("finding Chromium", function () {
  it("takes CHROMIUM_PATH first, else Debian's chromium when it is installed", function () {
    expect(findChromium({ CHROMIUM_PATH: "/opt/chrome/chrome" })).to.equal("/opt/chrome/chrome");
    expect(findChromium({})).to.equal(existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
    expect(findChromium({ CHROMIUM_PATH: "" })).to.equal(findChromium({}));
  });
});
