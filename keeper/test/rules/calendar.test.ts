import { expect } from "chai";
import { calendarDecisionHorizon } from "../../src/rules/calendarDecisionHorizon.js";
import { checkCalendarCoverage } from "../../src/rules/checkCalendarCoverage.js";
import { MacroCalendarInvalidError, MacroCalendarYearMissingError } from "../../src/rules/errors.js";
import { eventsBetween } from "../../src/rules/eventsBetween.js";
import { parseMacroCalendar } from "../../src/rules/parseMacroCalendar.js";
import { DAY, HOUR } from "../../src/rules/time.js";
import type { LayerPolicy, LayerState } from "../../src/types.js";
import {
  CONDOR_POLICY,
  LAYER_POLICIES,
  RULES_NOW,
  emptyCalendar,
  layer,
  lvl,
  repoCalendar,
  ts,
  usd,
} from "../support/fixtures.js";

describe("rules/macro calendar", () => {
  const cal = repoCalendar();

  it("loads the repository calendar: 8 FOMC decisions in 2026 and in 2027, sorted, with sources", () => {
    const fomc = (y: number) =>
      cal.events.filter((e) => e.kind === "FOMC" && new Date(e.at * 1000).getUTCFullYear() === y);
    expect(fomc(2026)).to.have.length(8);
    expect(fomc(2027)).to.have.length(8);
    for (let i = 1; i < cal.events.length; i++) {
      expect(cal.events[i]!.at).to.be.at.least(cal.events[i - 1]!.at);
    }
    // 2 p.m. Eastern: 19:00 UTC in winter (EST), 18:00 UTC in summer (EDT)
    expect(cal.events.some((e) => e.kind === "FOMC" && e.at === ts("2026-01-28T19:00:00Z"))).to.equal(true);
    expect(cal.events.some((e) => e.kind === "FOMC" && e.at === ts("2027-06-09T18:00:00Z"))).to.equal(true);
  });

  it("holds every 2026 CPI and PPI release of the BLS calendar: 12 CPI, 13 PPI (two in January)", () => {
    const inYear = (kind: string, y: number) =>
      cal.events.filter((e) => e.kind === kind && new Date(e.at * 1000).getUTCFullYear() === y);
    expect(inYear("CPI", 2026)).to.have.length(12);
    expect(inYear("PPI", 2026)).to.have.length(13);
    const months = (kind: string) => inYear(kind, 2026).map((e) => new Date(e.at * 1000).getUTCMonth() + 1);
    expect(months("CPI")).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(months("PPI")).to.deep.equal([1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("puts every event at its New York time across DST changes, on a weekday", () => {
    const newYork = new Intl.DateTimeFormat("en-US", {
      timeZone: "America/New_York",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    for (const e of cal.events) {
      const parts = Object.fromEntries(
        newYork.formatToParts(new Date(e.at * 1000)).map((p) => [p.type, p.value]),
      );
      const expected = e.kind === "FOMC" ? "14:00" : "08:30";
      expect(`${parts.hour}:${parts.minute}`, `${e.kind} ${new Date(e.at * 1000).toISOString()}`).to.equal(
        expected,
      );
      expect(["Sat", "Sun"], `${e.kind} ${new Date(e.at * 1000).toISOString()}`).to.not.include(
        parts.weekday,
      );
    }
  });

  const table: {
    name: string;
    from: string;
    to: string;
    kinds: ("FOMC" | "CPI" | "PPI")[];
    codes: string[];
  }[] = [
    { name: "FOMC 2026 complete", from: "2026-02-01", to: "2026-10-01", kinds: ["FOMC"], codes: [] },
    { name: "FOMC 2026-2027 complete", from: "2026-11-24", to: "2027-03-01", kinds: ["FOMC"], codes: [] },
    {
      name: "CPI and PPI 2026 complete",
      from: "2026-01-01",
      to: "2026-12-31",
      kinds: ["CPI", "PPI"],
      codes: [],
    },
    {
      name: "CPI 2027 not yet published",
      from: "2026-11-24",
      to: "2027-03-01",
      kinds: ["CPI"],
      codes: ["CalendarYearMissing"],
    },
    {
      name: "FOMC 2028 partial, PPI 2028 missing",
      from: "2028-01-01",
      to: "2028-02-01",
      kinds: ["FOMC", "PPI"],
      codes: ["CalendarYearPartial", "CalendarYearMissing"],
    },
    {
      name: "2029 unknown year",
      from: "2029-01-01",
      to: "2029-02-01",
      kinds: ["FOMC"],
      codes: ["CalendarYearMissing"],
    },
  ];
  for (const row of table) {
    it(`coverage: ${row.name}`, () => {
      const w = checkCalendarCoverage(cal, ts(row.from), ts(row.to), row.kinds);
      expect(w.map((x) => x.code)).to.deep.equal(row.codes);
      for (const x of w) expect(x.level).to.equal("critical");
    });
  }

  it("strict mode throws with the year and kind", () => {
    expect(() => checkCalendarCoverage(cal, ts("2027-01-01"), ts("2027-02-01"), ["PPI"], true))
      .to.throw(MacroCalendarYearMissingError)
      .with.property("year", 2027);
  });

  it("a year starting exactly at the decision horizon is critical; one second after it, a warning", () => {
    const cal2026 = emptyCalendar([2026]);
    const jan1 = ts("2027-01-01");
    const check = (until: number) =>
      checkCalendarCoverage(cal2026, ts("2026-12-01"), ts("2027-02-01"), ["CPI"], false, {
        until,
        because: "L3's roll",
      });
    expect(check(jan1)).to.deep.equal([
      {
        level: "critical",
        code: "CalendarYearMissing",
        message:
          "MACRO CALENDAR CPI 2027 IS MISSING: event rules cannot see CPI releases in 2027, and L3's roll depends " +
          "on them; add the official dates to keeper/data/macro-calendar.json",
      },
    ]);
    expect(check(jan1 - 1)).to.deep.equal([
      {
        level: "warn",
        code: "CalendarYearMissing",
        message:
          "macro calendar CPI 2027 is missing: no decision before 2026-12-31 23:59Z depends on it yet (critical " +
          "once one does); add the official dates to keeper/data/macro-calendar.json when they are published",
      },
    ]);
    // Without a horizon the whole planning window is critical, and the warning says so.
    expect(checkCalendarCoverage(cal2026, jan1, ts("2027-02-01"), ["CPI"])[0]!.message).to.contain(
      "and the planning window depends on them",
    );
  });

  describe("calendarDecisionHorizon: how far the calendar must be complete for the next 7 days' decisions", () => {
    const NOW = RULES_NOW; // Monday 2 March 2026, 12:00
    const horizon = (layers: LayerState[], nav = usd(1_000_000)) =>
      calendarDecisionHorizon(NOW, layers, CONDOR_POLICY, 7, 2, nav);
    const CONDOR_ONLY = {
      until: NOW + 8 * DAY, // 7 days + the 24 h blackout
      because: "the condor's event blackout over the next 7 days",
    };
    const live = (expiry: number, lastRollAt = 0): LayerState =>
      layer(0, {
        position: { seriesId: 7n, lowerStrike: lvl(23), upperStrike: lvl(28), expiry, size: 1n },
        lastRollAt,
      });

    it("without layers (or capital, or weight), the condor's blackout over the critical days", () => {
      expect(horizon([])).to.deep.equal(CONDOR_ONLY);
      expect(horizon([layer(2)], 0n)).to.deep.equal(CONDOR_ONLY);
      const off = layer(2);
      expect(horizon([{ ...off, policy: { ...off.policy, weight: 0n } }])).to.deep.equal(CONDOR_ONLY);
    });

    it("an empty layer decides now: its maxTenor + postEventDays from now (L1: 35 + 2 days)", () => {
      expect(horizon([layer(0)])).to.deep.equal({
        until: NOW + 37 * DAY,
        because: "L1's opening (due now), which chooses an expiry up to 2026-04-06 12:00Z",
      });
    });

    it("a position expiring at this very second is reopened now, whatever its cooldown", () => {
      expect(horizon([live(NOW, NOW - HOUR)])).to.deep.equal({
        until: NOW + 37 * DAY,
        because: "L1's reopening (due now), which chooses an expiry up to 2026-04-06 12:00Z",
      });
    });

    it("a live position inside its roll window decides at the end of its cooldown", () => {
      // Expires in 3 days (roll window open since 4 days), rolled an hour ago: ready in 23 h.
      const ready = NOW + 23 * HOUR;
      expect(horizon([live(NOW + 3 * DAY, NOW - HOUR)])).to.deep.equal({
        until: ready + 37 * DAY,
        because: "L1's roll (due 2026-03-03 11:00Z), which chooses an expiry up to 2026-04-07 11:00Z",
      });
    });

    it("a roll window opening exactly at the end of the critical days counts; one second later, not yet", () => {
      expect(horizon([live(NOW + 14 * DAY)])).to.deep.equal({
        until: NOW + 44 * DAY,
        because: "L1's roll (due 2026-03-09 12:00Z), which chooses an expiry up to 2026-04-13 12:00Z",
      });
      expect(horizon([live(NOW + 14 * DAY + 1)])).to.deep.equal(CONDOR_ONLY);
    });

    it("the decision reaching furthest names the horizon; on a tie, the first layer", () => {
      expect(horizon([layer(2), layer(0)]).because).to.match(/^L3's opening/);
      const twin: LayerState = { ...layer(1), policy: LAYER_POLICIES[0] as LayerPolicy };
      expect(horizon([layer(0), twin]).because).to.match(/^L1's opening/);
    });
  });

  it("eventsBetween is inclusive", () => {
    const e = eventsBetween(cal, ts("2026-06-10T12:30:00Z"), ts("2026-06-17T18:00:00Z"));
    expect(e.map((x) => x.kind)).to.deep.equal(["CPI", "PPI", "FOMC"]);
  });

  const bad: { name: string; json: unknown; path: string }[] = [
    { name: "missing events", json: { sources: {}, coverage: {}, marketHolidays: [] }, path: "events" },
    {
      name: "bad kind",
      json: {
        sources: { s: "x" },
        coverage: {},
        marketHolidays: [],
        events: [{ kind: "NFP", at: "2026-01-01T00:00:00Z", source: "s" }],
      },
      path: "events.0.kind",
    },
    {
      name: "bad time",
      json: {
        sources: { s: "x" },
        coverage: {},
        marketHolidays: [],
        events: [{ kind: "CPI", at: "2026-01-01", source: "s" }],
      },
      path: "events.0.at",
    },
    {
      name: "unknown source",
      json: {
        sources: {},
        coverage: {},
        marketHolidays: [],
        events: [{ kind: "CPI", at: "2026-01-01T00:00:00Z", source: "s" }],
      },
      path: "events.0.source",
    },
    {
      name: "bad holiday",
      json: { sources: {}, coverage: {}, events: [], marketHolidays: ["2026-13-01"] },
      path: "marketHolidays.0",
    },
    {
      name: "a five-digit coverage year",
      json: { sources: {}, coverage: { "12026": {} }, marketHolidays: [], events: [] },
      path: "coverage.12026",
    },
    {
      name: "a coverage year with a trailing digit",
      json: { sources: {}, coverage: { "20261": {} }, marketHolidays: [], events: [] },
      path: "coverage.20261",
    },
    {
      name: "a time with an offset (UTC only)",
      json: {
        sources: { s: "x" },
        coverage: {},
        marketHolidays: [],
        events: [{ kind: "CPI", at: "2026-01-01T13:30:00+01:00", source: "s" }],
      },
      path: "events.0.at",
    },
    { name: "no object at all", json: null, path: "(root)" },
  ];
  for (const row of bad) {
    it(`rejects a calendar with ${row.name}, naming ${row.path}`, () => {
      expect(() => parseMacroCalendar(row.json))
        .to.throw(MacroCalendarInvalidError)
        .with.property("path", row.path);
    });
  }

  it("says what is wrong with a holiday or an event's source", () => {
    expect(() =>
      parseMacroCalendar({ sources: {}, coverage: {}, events: [], marketHolidays: ["2026-13-01"] }),
    )
      .to.throw(MacroCalendarInvalidError)
      .with.property("detail", "expected YYYY-MM-DD");
    expect(() =>
      parseMacroCalendar({
        sources: {},
        coverage: {},
        marketHolidays: [],
        events: [{ kind: "CPI", at: "2026-01-01T00:00:00Z", source: "bls" }],
      }),
    )
      .to.throw(MacroCalendarInvalidError)
      .with.property("detail", 'unknown source "bls"');
  });
});
