import { expect } from "chai";
import {
  DEFAULT_INTENSITY_POLICY,
  DEFAULT_LADDER,
  defaultCondorPolicy,
  defaultLayerPolicies,
} from "../../src/rules/defaultPolicies.js";
import { MacroCalendarYearMissingError } from "../../src/rules/errors.js";
import { type KeeperState, planKeeperActions, type RulesConfig } from "../../src/rules/planKeeperActions.js";
import { eventConflict } from "../../src/rules/eventConflict.js";
import { isoWeekKey } from "../../src/rules/time.js";
import type { FeedRound, LayerState } from "../../src/types.js";
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
    ladder: DEFAULT_LADDER,
    volTermFactor: 10n ** 18n,
    condor: null,
    condorPolicy: CONDOR_POLICY,
    volRounds: rounds(80, () => 20),
    equityRound: { updatedAt: NOW - 60, answer: lvl(6000) },
    equityRounds: rounds(80, () => 6000),
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
    intensity: DEFAULT_INTENSITY_POLICY,
    maxFeedAgeSeconds: 3 * 86_400,
    maxMissingDays: 3,
    breadthLookback: 10,
    maxBreadthAgeDays: 7,
    ...over,
  };
}

const codes = (p: ReturnType<typeof planKeeperActions>) => p.warnings.map((w) => w.code);

describe("rules/planKeeperActions", () => {
  it("the default ladder (15/30/50 % OTM, ~30/60/90 days) plans three staggered layers all year round", () => {
    const policies = defaultLayerPolicies(usd(1_000));
    for (let day = 0; day < 365; day += 5) {
      const now = ts("2026-01-01T09:00:00Z") + day * 86_400;
      const plan = planKeeperActions(
        state({
          now,
          hedgeBudget: usd(3_000),
          layers: policies.map((policy, index) => ({
            index,
            policy,
            position: null,
            lastRollAt: 0,
            reentryLevel: null,
          })),
          condorPolicy: defaultCondorPolicy(usd(500)),
          volRounds: rounds(80, () => 20, now),
          equityRound: { updatedAt: now - 60, answer: lvl(6000) },
          equityRounds: rounds(80, () => 6000, now),
        }),
        config({
          calendar: repoCalendar(),
          requiredEventKinds: ["FOMC"],
          intensity: DEFAULT_INTENSITY_POLICY,
        }),
      );
      const rolls = plan.actions.filter((a) => a.type === "RollLayer");
      expect(rolls, `day ${day}`).to.have.length(3);
      const weeks = new Set(rolls.map((r) => (r.type === "RollLayer" ? isoWeekKey(r.newExpiry) : "")));
      expect(weeks.size, `day ${day}`).to.equal(3);
    }
  });

  it("plans the epoch, the condor (its premium funds the layers), then the three layers", () => {
    const plan = planKeeperActions(state({ epochDue: true }), config());
    expect(plan.actions.map((a) => a.type)).to.deep.equal([
      "ProcessEpoch",
      "OpenCondor",
      "RollLayer",
      "RollLayer",
      "RollLayer",
    ]);
    expect(plan.intensity).to.equal(1); // flat series: RSI 50, MACD 0, the volatility index at the calm level 20
    expect(codes(plan)).to.deep.equal(["BreadthUnavailable"]);
  });

  /**
   * Replays 2026 day by day, applying planned rolls, monetisations and re-entries to the state; returns action
   * counts. The volatility curve is in contango below 22 and in backwardation above.
   */
  function replayYear(level: (day: number) => number): Record<string, number> {
    const policies = defaultLayerPolicies(usd(1_000));
    const cal = repoCalendar();
    const start = ts("2026-01-01T09:00:00Z");
    const history: FeedRound[] = Array.from({ length: 445 }, (_, k) => ({
      updatedAt: start - 80 * 86_400 + k * 86_400 + 39_600,
      answer: lvl(level(k - 80)),
    }));
    let layers: LayerState[] = policies.map((policy, index) => ({
      index,
      policy,
      position: null,
      lastRollAt: 0,
      reentryLevel: null,
    }));
    let series = 1n;
    const counts: Record<string, number> = {};
    for (let day = 0; day < 365; day++) {
      const now = start + day * 86_400;
      const volRounds = history.filter((r) => r.updatedAt <= now && r.updatedAt > now - 80 * 86_400);
      const vol = volRounds.at(-1)!.answer;
      const plan = planKeeperActions(
        state({
          now,
          hedgeBudget: usd(3_000),
          layers,
          volTermFactor: vol < lvl(22) ? (105n * 10n ** 18n) / 100n : (90n * 10n ** 18n) / 100n,
          volRounds,
          equityRound: { updatedAt: now - 60, answer: lvl(6000) },
          equityRounds: rounds(80, () => 6000, now),
        }),
        config({ calendar: cal, requiredEventKinds: ["FOMC"], postEventDays: 2 }),
      );
      expect(
        plan.warnings.filter((w) => w.level === "critical"),
        `day ${day}`,
      ).to.deep.equal([]);
      for (const a of plan.actions) counts[a.type] = (counts[a.type] ?? 0) + 1;
      layers = layers.map((l) => {
        const act = plan.actions.find(
          (a) => (a.type === "RollLayer" || a.type === "MonetiseLayer") && a.layer === l.index,
        );
        if (act?.type === "MonetiseLayer") {
          return { ...l, position: null, lastRollAt: now, reentryLevel: l.position!.lowerStrike };
        }
        if (act?.type !== "RollLayer") return l;
        const position = {
          seriesId: series++,
          lowerStrike: act.newLowerStrike,
          upperStrike: act.newUpperStrike,
          expiry: act.newExpiry,
          size: act.size,
        };
        return { ...l, position, lastRollAt: now, reentryLevel: null };
      });
      const live = layers.filter((l) => l.reentryLevel === null);
      const expiries = live.map((l) => l.position?.expiry ?? 0);
      for (const e of expiries) {
        expect(e, `day ${day}: every layer live unless monetised`).to.be.greaterThan(now);
        expect(eventConflict(e, cal.events, 2), `day ${day}: expiry clear of events`).to.equal(undefined);
      }
      expect(new Set(expiries.map(isoWeekKey)).size, `day ${day}: staggered`).to.equal(live.length);
      for (const l of layers)
        if (l.reentryLevel !== null) counts.emptyAfterMonetisation = (counts.emptyAfterMonetisation ?? 0) + 1;
    }
    return counts;
  }

  it("a calm year replayed day by day keeps the ladder staggered, clear of events, and always hedged", () => {
    const counts = replayYear(() => 20);
    expect(counts.RollLayer).to.be.at.least(20);
    expect(counts.MonetiseLayer ?? 0).to.equal(0);
  });

  it("a year with volatility spikes monetises layers, waits to re-enter, and keeps the same invariants", () => {
    // Two spikes: 20 → 45 in March, 18 → 60 in October, each decaying back.
    const counts = replayYear(
      (d) => 20 + 25 * Math.exp(-(((d - 70) / 6) ** 2)) + 40 * Math.exp(-(((d - 280) / 8) ** 2)),
    );
    expect(counts.MonetiseLayer).to.be.at.least(2);
    // Each monetised layer stays empty at least the 5-day re-entry delay, and until the spike fades.
    expect(counts.emptyAfterMonetisation).to.be.at.least(5 * counts.MonetiseLayer!);
    expect(counts.RollLayer).to.be.at.least(20);
  });

  it("reports the repository calendar's missing years LOUDLY (critical), never as an empty year", () => {
    const plan = planKeeperActions(state(), config({ calendar: repoCalendar() }));
    const critical = plan.warnings.filter((w) => w.level === "critical").map((w) => w.message);
    expect(critical.some((m) => /CPI 2027 IS MISSING/.test(m))).to.equal(true);
    expect(critical.some((m) => /PPI 2027 IS MISSING/.test(m))).to.equal(true);
    expect(critical.some((m) => /2026/.test(m))).to.equal(false);
    expect(critical.some((m) => /FOMC/.test(m))).to.equal(false);
  });

  describe("a missing calendar year is critical only when a decision soon depends on it", () => {
    const held = (index: number, expiry: string): LayerState =>
      layer(index, {
        lastRollAt: NOW - 20 * 86_400,
        position: {
          seriesId: BigInt(index + 1),
          lowerStrike: lvl(23),
          upperStrike: lvl(27),
          expiry: ts(expiry),
          size: 10n ** 18n,
        },
      });
    const calendarWarnings = (layers: LayerState[], over: Partial<RulesConfig> = {}) =>
      planKeeperActions(state({ layers }), config({ calendar: repoCalendar(), ...over })).warnings.filter(
        (w) => w.code === "CalendarYearMissing",
      );

    it("every roll weeks away: CPI/PPI 2027 missing is a warning (the planning window reaches 2027)", () => {
      const w = calendarWarnings([
        held(0, "2026-12-23T08:00:00Z"), // roll window opens Dec 16: 22 days away
        held(1, "2027-01-20T08:00:00Z"),
        held(2, "2027-02-24T08:00:00Z"),
      ]);
      expect(w.map((x) => [x.level, x.message.slice(0, 30)])).to.deep.equal([
        ["warn", "macro calendar CPI 2027 is mis"],
        ["warn", "macro calendar PPI 2027 is mis"],
      ]);
      expect(w[0]?.message).to.match(/no decision before 2026-12-02 12:00Z depends on it yet/);
    });

    it("L1's roll due within 7 days chooses an expiry in 2027: critical, naming the decision", () => {
      const w = calendarWarnings([
        held(0, "2026-12-05T08:00:00Z"), // roll window opens Nov 28: 4 days away
        held(1, "2027-01-20T08:00:00Z"),
        held(2, "2027-02-24T08:00:00Z"),
      ]);
      expect(w.map((x) => x.level)).to.deep.equal(["critical", "critical"]);
      expect(w[0]?.message).to.match(
        /CPI 2027 IS MISSING.*L1's roll \(due 2026-11-28 08:00Z\), which chooses an expiry up to 2027-01-02/,
      );
    });

    it("a vault without capital (NAV 0) opens nothing: empty layers make no year critical", () => {
      const plan = planKeeperActions(state({ nav: 0n }), config({ calendar: repoCalendar() }));
      const w = plan.warnings.filter((x) => x.code === "CalendarYearMissing");
      expect(w.map((x) => x.level)).to.deep.equal(["warn", "warn"]);
    });

    it("calendarCriticalDays moves the horizon: 3 days leave that roll a warning", () => {
      const w = calendarWarnings(
        [held(0, "2026-12-05T08:00:00Z"), held(1, "2027-01-20T08:00:00Z"), held(2, "2027-02-24T08:00:00Z")],
        { calendarCriticalDays: 3 },
      );
      expect(w.map((x) => x.level)).to.deep.equal(["warn", "warn"]);
    });
  });

  it("strict calendar mode refuses to plan", () => {
    expect(() =>
      planKeeperActions(state(), config({ calendar: repoCalendar(), strictCalendar: true })),
    ).to.throw(MacroCalendarYearMissingError);
  });

  it("a stale volatility feed skips every layer action, loudly", () => {
    // (the equity signals still read their own feed)
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

  it("a calm rally with falling breadth raises the intensity (clamped) and the sizes; a sell-off cuts them", () => {
    const breadth = Array.from({ length: 20 }, (_, k) => ({
      date: new Date((NOW - (20 - k) * 86_400) * 1000).toISOString().slice(0, 10),
      advances: 1000,
      declines: 2000,
    }));
    const neutral = planKeeperActions(state(), config());
    const intensity = { ...DEFAULT_INTENSITY_POLICY, rsiWeight: 1 };
    const calm = planKeeperActions(
      state({ volRounds: rounds(80, () => 12), equityRounds: rounds(80, (k) => 6000 + 5 * k), breadth }),
      config({ intensity }),
    );
    const selloff = planKeeperActions(
      state({ volRounds: rounds(80, (k) => 15 + k * 0.3), equityRounds: rounds(80, (k) => 6000 - 8 * k) }),
      config({ intensity }),
    );
    expect(calm.intensity).to.equal(2);
    expect(codes(calm)).to.include("IntensityClamped");
    expect(selloff.intensity).to.equal(0.5);
    // The WAD intensity sent to the vault, which sizes the layers from it (×2, ×1, ×0.5 the stress payoff).
    const sent = (p: typeof calm) => p.actions.flatMap((a) => (a.type === "RollLayer" ? [a.intensity] : []));
    expect(sent(calm)).to.deep.equal([2n, 2n, 2n].map((x) => x * 10n ** 18n));
    expect(sent(neutral)).to.deep.equal([1n, 1n, 1n].map((x) => x * 10n ** 18n));
    expect(sent(selloff)).to.deep.equal([5n, 5n, 5n].map((x) => x * 10n ** 17n));
  });

  it("no budget room and nothing that refills it: the empty layers are dropped, and the plan says why", () => {
    const condor = {
      put: {
        seriesId: 1n,
        shortStrike: lvl(5700),
        longStrike: lvl(5520),
        expiry: NOW + 20 * 86_400,
        size: 1n,
      },
      call: {
        seriesId: 2n,
        shortStrike: lvl(6240),
        longStrike: lvl(6420),
        expiry: NOW + 20 * 86_400,
        size: 1n,
      },
    };
    const plan = planKeeperActions(state({ hedgeBudget: 0n, condor }), config());
    expect(plan.actions.map((a) => a.type)).to.deep.equal([]);
    expect(codes(plan).filter((c) => c.startsWith("Budget"))).to.deep.equal([
      "BudgetDropped",
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
