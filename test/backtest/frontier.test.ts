// The backtest's pure parts: the grid (scripts/backtest/grid.ts), its settings (cli.ts), the frontier's figures
// (frontier.ts) and its page (frontierHtml.ts), on hand-made runs.
import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DAY, DEFAULT_LAYERS, DEFAULT_VAULT_POLICY, wad } from "../../scripts/deploy/hedgeSide.js";
import { DemoArgsError } from "../../scripts/demo/cli.js";
import { pnlJson } from "../../scripts/demo/pnl.js";
import { generateScenario } from "../../scripts/demo/scenario.js";
import { findSpikes } from "../../scripts/demo/spikes.js";
import { BACKTEST_USAGE, DEFAULT_WORKERS, parseBacktestArgs } from "../../scripts/backtest/cli.js";
import { buildFrontierJson, efficientPoints, type FrontierPoint } from "../../scripts/backtest/frontier.js";
import { FRONTIER_CHART_ID, renderFrontierHtml } from "../../scripts/backtest/frontierHtml.js";
import {
  AXIS_NAMES,
  DEFAULT_GRID,
  expandGrid,
  GridError,
  parseGrid,
  jsonErrorLine,
  readGridFile,
  REFERENCE_POINT,
  type GridDefinition,
} from "../../scripts/backtest/grid.js";
import type { PolicyOutcome } from "../../scripts/backtest/workerPool.js";
import { syntheticPnlRecord } from "../demo/fixture.js";

describe("backtest grid", function () {
  it("expands the default grid into 12 policies, one axis at a time around the default", function () {
    const points = expandGrid(DEFAULT_GRID);
    expect(points).to.have.length(12);
    expect(points[0]!.name).to.equal("default");
    expect(points[0]!.policy).to.deep.equal({ layers: DEFAULT_LAYERS, vaultPolicy: DEFAULT_VAULT_POLICY });
    expect(new Set(points.map((p) => p.name)).size).to.equal(12);
    for (const p of points.slice(1)) {
      const changed = AXIS_NAMES.filter((a) => p.values[a] !== "default");
      expect(changed, p.name).to.have.length(1);
      expect(p.name).to.equal(`${changed[0]}=${p.values[changed[0]!]}`);
    }
  });

  it("applies each axis to its policy fields only", function () {
    const byName = new Map(expandGrid(DEFAULT_GRID).map((p) => [p.name, p.policy]));
    const far = byName.get("otm=far out")!;
    expect(far.layers!.map((l) => l.otm)).to.deep.equal([wad("0.35"), wad("0.6"), wad("1")]);
    expect(far.layers!.map((l) => ({ ...l, otm: 0n }))).to.deep.equal(
      DEFAULT_LAYERS.map((l) => ({ ...l, otm: 0n })),
    );
    const short = byName.get("tenors=short")!;
    expect(short.layers![0]).to.deep.include({
      tenorMin: 10n * DAY,
      tenorMax: 30n * DAY,
      rollWindow: 5n * DAY,
    });
    expect(byName.get("weights=front-loaded")!.layers!.map((l) => l.weight)).to.deep.equal([
      wad("0.7"),
      wad("0.2"),
      wad("0.1"),
    ]);
    expect(byName.get("coverage=half")!.vaultPolicy).to.deep.equal({
      ...DEFAULT_VAULT_POLICY,
      coverage: wad("0.5"),
    });
    expect(byName.get("coverage=half")!.layers).to.deep.equal(DEFAULT_LAYERS);
    expect(byName.get("budget=half press")!.vaultPolicy).to.deep.equal({
      ...DEFAULT_VAULT_POLICY,
      budgetMultiple: wad("0.5"),
      reserveDraw: 0n,
    });
    expect(byName.get("budget=quarterly window")!.vaultPolicy).to.deep.equal({
      ...DEFAULT_VAULT_POLICY,
      budgetMultiple: wad("1"),
      reserveDraw: 0n,
      budgetWindow: 90n * DAY,
    });
    expect(REFERENCE_POINT.policy.layers!.every((l) => l.weight === 0n)).to.equal(true);
  });

  it("keeps the default grid inside the bounds a grid file must meet", function () {
    const roundTrip = parseGrid(JSON.parse(JSON.stringify(DEFAULT_GRID)) as unknown, "DEFAULT_GRID");
    expect(roundTrip).to.deep.equal(DEFAULT_GRID);
  });

  it("crosses the axes in product mode, defaults included", function () {
    const grid: GridDefinition = {
      mode: "product",
      axes: {
        coverage: { half: 0.5, double: 2 },
        budget: { tight: { budgetMultiple: 0.5, reserveDraw: 0 } },
      },
    };
    const names = expandGrid(grid).map((p) => p.name);
    expect(names).to.have.length(6); // (default, half, double) x (default, tight)
    expect(names).to.include("coverage=double, budget=tight");
    expect(names[0]).to.equal("default");
  });

  it("reads a grid file and names the file, the field or the line of what is wrong", function () {
    const dir = mkdtempSync(path.join(tmpdir(), "alvh-grid-"));
    try {
      const file = (name: string, text: string): string => {
        const f = path.join(dir, name);
        writeFileSync(f, text);
        return f;
      };
      const good = file("good.json", '{ "axes": { "otm": { "near": [0.1, 0.2, 0.3] } } }');
      expect(expandGrid(readGridFile(good)).map((p) => p.name)).to.deep.equal(["default", "otm=near"]);
      const cases: [string, RegExp][] = [
        ['{\n  "axes": {\n    "otm": [0.1,\n  }\n}', /bad1\.json line 4: is not JSON/],
        [
          '{ "axes": { "notional": { "x": 1 } } }',
          /axes\.notional: unknown axis \(known: otm, tenors, coverage, weights, budget\)/,
        ],
        ['{ "axes": { "coverage": { "x": 3.5 } } }', /axes\.coverage\.x: 3\.5 is outside 0\.\.3/],
        [
          '{ "axes": { "weights": { "x": [0.5, 0.4, 0.2] } } }',
          /axes\.weights\.x: the weights sum to 1\.1, above 1/,
        ],
        [
          '{ "axes": { "budget": { "x": { "budgetMultiple": 2, "reserveDraw": 0 } } } }',
          /axes\.budget\.x\.budgetMultiple: 2 is outside 0\.\.1/,
        ],
        ['{ "axes": { "otm": { "x": [0.1, 0.2] } } }', /axes\.otm\.x: needs 3 values, one per layer/],
        ['{ "axes": { "otm": { "x": [0.1, 0.2, 3] } } }', /axes\.otm\.x\[2\]: 3 is outside 0\.05\.\.1\.5/],
        [
          '{ "axes": { "tenors": { "x": [{ "minDays": 10, "maxDays": 30, "rollDays": 10 }, {}, {}] } } }',
          /axes\.tenors\.x\[0\]\.rollDays: 10 is outside 1\.\.9/,
        ],
        [
          '{ "axes": { "budget": { "x": { "budgetMultiple": 1, "reserveDraw": 0, "k": 1 } } } }',
          /axes\.budget\.x\.k: unknown field/,
        ],
        ['{ "axes": { "weights": { "default": [0.1, 0.1, 0.1] } } }', /axes\.weights\.default: is implicit/],
        ['{ "mode": "random", "axes": {} }', /mode: "random" is neither/],
        ['{ "axes": {}, "extra": 1 }', /extra: unknown field/],
      ];
      cases.forEach(([text, error], i) => {
        expect(() => readGridFile(file(`bad${i + 1}.json`, text)), String(error)).to.throw(GridError, error);
      });
      expect(() => readGridFile(path.join(dir, "missing.json"))).to.throw(
        GridError,
        /missing\.json: cannot be read/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the line of a JSON error", function () {
  it("is found from the position or from the snippet V8 puts in its message", function () {
    const line = (text: string): number | undefined => {
      try {
        JSON.parse(text);
      } catch (e) {
        return jsonErrorLine(text, (e as Error).message);
      }
      return undefined;
    };
    expect(line('{\n "a": 1,\n "b" 2 }')).to.equal(3); // "... at position 16 (line 3 column 6)"
    expect(line('{\n"a":\n tru }')).to.equal(3); // the whole (short) text as the snippet
    expect(line(`{\n"${"a".repeat(30)}": [1,\n}, "${"b".repeat(30)}": 1}`)).to.equal(3); // cut on both sides
    expect(line(`{"x": 1,\n"y": [1,\n}`)).to.equal(3); // cut before
    expect(jsonErrorLine("{}", "something else")).to.equal(undefined);
  });
});

describe("backtest settings", function () {
  it("takes the demo's market settings and its own grid and workers, flags over variables", function () {
    const o = parseBacktestArgs([], {});
    expect(o).to.deep.include({ workers: DEFAULT_WORKERS, outDir: "out", help: false });
    expect(o.market).to.deep.equal({ kind: "scenario" });
    expect(o.gridFile).to.equal(undefined);
    const env = { ALVH_BACKTEST_WORKERS: "3", ALVH_DEMO_DAYS: "60", ALVH_BACKTEST_GRID: "g.json" };
    expect(parseBacktestArgs([], env)).to.deep.include({ workers: 3, gridFile: "g.json" });
    const flags = parseBacktestArgs(["--workers=1", "--grid", "h.json", "--days", "90", "--seed", "4"], env);
    expect(flags).to.deep.include({ workers: 1, gridFile: "h.json" });
    expect(flags.market).to.deep.equal({ kind: "scenario", days: 90, seed: 4 });
    expect(parseBacktestArgs(["--help"], {}).help).to.equal(true);
  });

  it("names the flag or variable at fault", function () {
    expect(() => parseBacktestArgs(["--workers", "0"], {})).to.throw(
      DemoArgsError,
      /--workers: 0 is outside 1\.\.16/,
    );
    expect(() => parseBacktestArgs([], { ALVH_BACKTEST_WORKERS: "two" })).to.throw(
      /ALVH_BACKTEST_WORKERS: "two" is not a whole number/,
    );
    expect(() => parseBacktestArgs(["--grid"], {})).to.throw(/--grid: needs a value/);
    expect(() => parseBacktestArgs(["--policy", "x"], {})).to.throw(/--policy: unknown flag/);
    expect(() => parseBacktestArgs(["--days", "10"], {})).to.throw(/--days: 10 is outside 30\.\./);
  });

  it("documents every flag and axis", function () {
    for (const text of ["--grid", "--workers", "--days", "--vix", "--out", "ALVH_DEMO_VIX", ...AXIS_NAMES]) {
      expect(BACKTEST_USAGE).to.contain(text);
    }
  });
});

describe("backtest frontier", function () {
  const market = generateScenario({ days: 160, seed: 8 });
  const dates = market.map((d) => d.date);
  const spikes = findSpikes(market.map((d) => d.vix));
  const grid: GridDefinition = {
    mode: "one-at-a-time",
    axes: { coverage: { half: 0.5, double: 2 } },
  };
  const points = expandGrid(grid);

  /** A run whose NAV falls by `dip` dollars on the day after each spike's start, with layer lines scaled. */
  function outcome(dip: number, layerScale: number): PolicyOutcome {
    const base = pnlJson(syntheticPnlRecord(dates));
    const navs = market.map(() => 100_000);
    for (const s of spikes) navs[s.start + 1] = 100_000 - dip;
    const scale = (v: number): number => v * layerScale;
    const hedged = {
      ...base.hedged,
      layerPremium: scale(base.hedged.layerPremium),
      layerProceeds: scale(base.hedged.layerProceeds),
      layerSettlement: scale(base.hedged.layerSettlement),
    };
    const yearly = base.yearly.map((y) => ({
      ...y,
      hedged: {
        ...y.hedged,
        layerPremium: scale(y.hedged.layerPremium),
        layerProceeds: scale(y.hedged.layerProceeds),
        layerSettlement: scale(y.hedged.layerSettlement),
      },
    }));
    return {
      ok: true,
      result: { navs, pnl: { ...base, hedged, yearly }, keeperTransactions: 10, elapsedSeconds: 1 },
    };
  }
  const run = {
    elapsedSeconds: 30,
    workers: 2,
    cpus: 2,
    loadAverageStart: [1, 1, 1],
    loadAverageEnd: [2, 2, 2],
  };
  const json = buildFrontierJson({
    source: "generated scenario, seed 8",
    syntheticMarket: true,
    gridMode: grid.mode,
    market,
    points,
    outcomes: [outcome(1000, 1), { ok: false, error: "worker died: out of memory" }, outcome(400, -10)],
    reference: { point: REFERENCE_POINT, outcome: outcome(3000, 0) },
    run,
  });

  it("has a point per policy and the reference, with the default marked and a failed run kept", function () {
    expect(spikes.length).to.be.greaterThan(0);
    expect(json.points.map((p) => p.name)).to.deep.equal([
      "default",
      "coverage=half",
      "coverage=double",
      "unhedged condor",
    ]);
    expect(json.points.map((p) => [p.isDefault, p.isReference])).to.deep.equal([
      [true, false],
      [false, false],
      [false, false],
      [false, true],
    ]);
    expect(json.points[1]!.error).to.equal("worker died: out of memory");
    expect(json.spikes).to.have.length(spikes.length);
    expect(json.run).to.deep.equal(run);
  });

  it("annualises the layers' net cost net of the open layers' bid, as a share of the starting NAV", function () {
    const d = json.points[0]!;
    // The fixture's layers: -4,321.50 premium + 5,000 proceeds + 800 payoff = +1,478.50; 250 still open.
    const years = market.length / 252;
    expect(Math.abs(d.annualNetHedgeCost - (-1478.5 - 250) / years)).to.be.lessThan(1e-6);
    expect(Math.abs(d.annualNetHedgeCostPct - d.annualNetHedgeCost / 100_000)).to.be.lessThan(1e-12);
    expect(d.years[0]).to.deep.include({ year: "2022" });
    expect(Math.abs(d.years[0]!.layerNetCost + 1478.5)).to.be.lessThan(1e-6);
    expect(json.points[3]!.annualNetHedgeCost).to.equal(-250 / years); // no layer lines, the fixture's open bid
  });

  it("measures each spike's event loss, its multiple of the unhedged condor's, and the targets", function () {
    const [d, , double, reference] = json.points;
    expect(d!.worstEventLoss).to.equal(-1000);
    expect(d!.worstEventLossPct).to.equal(-0.01);
    expect(d!.events[0]!.ratioToUnhedged).to.equal(1000 / 3000);
    expect(d!.targets.eventLossAtMostHalfUnhedged).to.equal(true); // 1,000 <= 0.5 x 3,000
    expect(double!.targets.eventLossAtMostHalfUnhedged).to.equal(true);
    expect(reference!.targets.eventLossAtMostHalfUnhedged).to.equal(false); // 3,000 > 1,500
    expect(reference!.targets.eventShortfall).to.equal(0.015);
    // The default's layers returned more than they cost: within any condor income.
    expect(d!.targets.layerCostWithinCondorIncome).to.equal(true);
    // Scaled by -10 the layers cost 14,785 in the year, more than the condor's net income (8,376.25).
    expect(double!.targets.layerCostWithinCondorIncome).to.equal(false);
    expect(double!.targets.cashPressShortfall).to.be.greaterThan(0);
    expect(json.closestToTargets).to.equal("default");
  });

  it("joins the efficient points: none both cheaper and with a smaller worst loss", function () {
    // The default is the cheapest; "double" costs more but loses less in the spikes; the reference is dominated.
    expect(json.efficient).to.deep.equal(["default", "coverage=double"]);
    const p = (name: string, cost: number, worst: number): FrontierPoint =>
      ({ ...json.points[0]!, name, annualNetHedgeCostPct: cost, worstEventLossPct: worst }) as FrontierPoint;
    expect(
      efficientPoints([p("a", 0, -0.05), p("b", 0.01, -0.02), p("c", 0.02, -0.03), p("d", 0.03, -0.01)]),
    ).to.deep.equal(["a", "b", "d"]);
  });

  it("draws the frontier page: a point per run that did not fail, the default and the reference apart", function () {
    const html = renderFrontierHtml(json);
    const start = html.indexOf(`id="${FRONTIER_CHART_ID}"`);
    const svg = html.slice(start, html.indexOf("</svg>", start));
    expect(svg.match(/<g class="point">/g)).to.have.length(3); // the failed policy is not drawn
    expect(svg).to.contain("<polygon"); // the default: a diamond
    expect(svg).to.contain("<rect x="); // the reference: a square
    expect(svg).to.contain("U (unhedged)");
    expect(svg).to.contain("1 (default)");
    expect(html).to.contain("FAILED: worker died: out of memory");
    expect(html).to.contain("Closest to the targets");
    expect(html).to.not.match(/<script|<link|<img|\bsrc=|\bhref=/i);
  });
});
