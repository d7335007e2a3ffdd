import { expect } from "chai";
import { checkCalendarCoverage } from "../../src/rules/checkCalendarCoverage.js";
import { MacroCalendarInvalidError, MacroCalendarYearMissingError } from "../../src/rules/errors.js";
import { eventsBetween } from "../../src/rules/eventsBetween.js";
import { parseMacroCalendar } from "../../src/rules/parseMacroCalendar.js";
import { repoCalendar, ts } from "../support/fixtures.js";

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
  ];
  for (const row of bad) {
    it(`rejects a calendar with ${row.name}, naming ${row.path}`, () => {
      expect(() => parseMacroCalendar(row.json))
        .to.throw(MacroCalendarInvalidError)
        .with.property("path", row.path);
    });
  }
});
