import { expect } from "chai";
import { MacroCalendarYearMissingError } from "../../src/rules/errors.js";
import { type KeeperState, planKeeperActions, type RulesConfig } from "../../src/rules/planKeeperActions.js";
import type { FeedRound } from "../../src/types.js";
import { CONDOR_POLICY, emptyCalendar, layer, lvl, repoCalendar, ts, usd } from "../support/fixtures.js";

const NOW = ts("2026-11-24T12:00:00Z");

/** One round per day at 20:00 UTC for `days` days before `now`, level from `f(k)`. */
function rounds(days: number, f: (k: number) => number, end = NOW): FeedRound[] {
  const start = Math.floor(end / 86_400) * 86_400 - days * 86_400;
  return Array.from({ length: days }, (_, k) => ({
    updatedAt: start + k * 86_400 + 72_000,
    answer: lvl(f(k)),
  }));
}

function state(over: Partial<KeeperState> = {}): KeeperState {
  return {
    now: NOW,
    nav: usd(1_000_000),
    hedgeBudget: usd(10_000),
    layers: [layer(0), layer(1), layer(2)],
    condor: null,
    condorPolicy: CONDOR_POLICY,
    volRounds: rounds(80, () => 20),
    equityRound: { updatedAt: NOW - 60, answer: lvl(6000) },
    epochDue: false,
    ...over,
  };
}

function config(over: Partial<RulesConfig> = {}): RulesConfig {
  return {
    calendar: emptyCalendar([2026, 2027]),
    requiredEventKinds: ["FOMC", "CPI", "PPI"],
    strictCalendar: false,
    postEventDays: 2,
    strikeTick: lvl(0.5),
    equityStrikeTick: lvl(5),
    intensity: { min: 0.5, max: 2, rsiWeight: 0.5, macdWeight: 0.25, breadthWeight: 0.25 },
    maxFeedAgeSeconds: 3 * 86_400,
    maxMissingDays: 3,
    breadthLookback: 10,
    maxBreadthAgeDays: 7,
    ...over,
  };
}

const codes = (p: ReturnType<typeof planKeeperActions>) => p.warnings.map((w) => w.code);

describe("rules/planKeeperActions", () => {
  it("plans the three layers, the condor and the epoch within the budget", () => {
    const plan = planKeeperActions(state({ epochDue: true }), config());
    expect(plan.actions.map((a) => a.type)).to.deep.equal([
      "ProcessEpoch",
      "RollLayer",
      "RollLayer",
      "RollLayer",
      "OpenCondor",
    ]);
    expect(plan.intensity).to.equal(1); // flat series: RSI 50, MACD 0
    expect(codes(plan)).to.deep.equal(["BreadthUnavailable"]);
  });

  it("reports the repository calendar's missing years LOUDLY (critical), never as an empty year", () => {
    const plan = planKeeperActions(state(), config({ calendar: repoCalendar() }));
    const critical = plan.warnings.filter((w) => w.level === "critical").map((w) => w.message);
    expect(critical.some((m) => /CPI 2026 IS PARTIAL/.test(m))).to.equal(true);
    expect(critical.some((m) => /PPI 2027 IS MISSING/.test(m))).to.equal(true);
    expect(critical.some((m) => /FOMC/.test(m))).to.equal(false);
  });

  it("strict calendar mode refuses to plan", () => {
    expect(() =>
      planKeeperActions(state(), config({ calendar: repoCalendar(), strictCalendar: true })),
    ).to.throw(MacroCalendarYearMissingError);
  });

  it("a stale volatility feed skips every layer action, loudly", () => {
    const plan = planKeeperActions(state({ volRounds: rounds(80, () => 20, NOW - 5 * 86_400) }), config());
    expect(plan.actions.map((a) => a.type)).to.deep.equal(["OpenCondor"]);
    expect(codes(plan)).to.include.members(["VolFeedStale", "LayersSkipped"]);
  });

  it("a stale equity feed skips the condor", () => {
    const plan = planKeeperActions(
      state({ equityRound: { updatedAt: NOW - 4 * 86_400, answer: lvl(6000) } }),
      config(),
    );
    expect(plan.actions.map((a) => a.type)).to.deep.equal(["RollLayer", "RollLayer", "RollLayer"]);
    expect(codes(plan)).to.include("EquityFeedStale");
  });

  it("a rising volatility index and falling breadth raise the intensity (clamped) and the sizes", () => {
    const breadth = Array.from({ length: 20 }, (_, k) => ({
      date: new Date((NOW - (20 - k) * 86_400) * 1000).toISOString().slice(0, 10),
      advances: 1000,
      declines: 2000,
    }));
    const calm = planKeeperActions(state(), config());
    const intensity = { min: 0.5, max: 2, rsiWeight: 1, macdWeight: 0.25, breadthWeight: 0.25 };
    const storm = planKeeperActions(
      state({ volRounds: rounds(80, (k) => 15 + k * 0.2), breadth }),
      config({ intensity }),
    );
    expect(storm.intensity).to.equal(2);
    expect(codes(storm)).to.include("IntensityClamped");
    const size = (p: typeof calm) => (p.actions[0]?.type === "RollLayer" ? p.actions[0].size : 0n);
    expect(size(storm) > size(calm)).to.equal(true);
  });

  it("a tight budget drops the outer layers and says why", () => {
    const plan = planKeeperActions(state({ hedgeBudget: usd(1_100) }), config());
    expect(plan.actions.map((a) => a.type)).to.deep.equal(["RollLayer", "OpenCondor"]);
    expect(codes(plan).filter((c) => c.startsWith("Budget"))).to.deep.equal([
      "BudgetDropped",
      "BudgetDropped",
    ]);
  });

  it("missing feed days within the limit still give signals; a longer gap only warns", () => {
    const gappy = rounds(80, () => 20).filter((_, k) => k % 7 !== 3);
    expect(codes(planKeeperActions(state({ volRounds: gappy }), config()))).to.not.include("VolFeedGap");
    const holed = rounds(80, () => 20).filter((_, k) => k < 40 || k > 50);
    const plan = planKeeperActions(state({ volRounds: holed }), config());
    expect(codes(plan)).to.include("VolFeedGap");
    expect(plan.actions.filter((a) => a.type === "RollLayer")).to.have.length(3);
  });
});
