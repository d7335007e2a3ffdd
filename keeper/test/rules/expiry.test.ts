import { expect } from "chai";
import { chooseExpiry } from "../../src/rules/chooseExpiry.js";
import { eventConflict } from "../../src/rules/eventConflict.js";
import { expiryCandidates } from "../../src/rules/expiryCandidates.js";
import { formatTime } from "../../src/rules/format.js";
import { isoWeekKey } from "../../src/rules/time.js";
import { repoCalendar, ts } from "../support/fixtures.js";

describe("rules/expiry grid", () => {
  const table: { name: string; from: string; to: string; holidays: string[]; want: string[] }[] = [
    {
      name: "Wednesdays 08:00 UTC",
      from: "2026-03-02",
      to: "2026-03-19",
      holidays: [],
      want: ["2026-03-04 08:00Z", "2026-03-11 08:00Z", "2026-03-18 08:00Z"],
    },
    {
      name: "a holiday Wednesday moves to Tuesday",
      from: "2026-03-02",
      to: "2026-03-12",
      holidays: ["2026-03-04"],
      want: ["2026-03-03 08:00Z", "2026-03-11 08:00Z"],
    },
    {
      name: "holiday Wednesday and Tuesday: no expiry that week",
      from: "2026-03-02",
      to: "2026-03-12",
      holidays: ["2026-03-04", "2026-03-03"],
      want: ["2026-03-11 08:00Z"],
    },
    {
      name: "bounds are inclusive",
      from: "2026-03-04T08:00:00Z",
      to: "2026-03-11T08:00:00Z",
      holidays: [],
      want: ["2026-03-04 08:00Z", "2026-03-11 08:00Z"],
    },
    {
      name: "from after 08:00 on a Wednesday skips it",
      from: "2026-03-04T08:00:01Z",
      to: "2026-03-11T07:59:59Z",
      holidays: [],
      want: [],
    },
    {
      name: "weekend-only window is empty",
      from: "2026-03-07",
      to: "2026-03-08T23:00:00Z",
      holidays: [],
      want: [],
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      const out = expiryCandidates(ts(row.from), ts(row.to), new Set(row.holidays)).map(formatTime);
      expect(out).to.deep.equal(row.want);
    });
  }

  describe("event conflicts", () => {
    const events = repoCalendar().events;
    const conflicts: { name: string; expiry: string; postEventDays: number; want: string | undefined }[] = [
      // CPI 2026-06-10 12:30 UTC is a Wednesday: an 08:00 expiry that day ends before the release.
      {
        name: "expiry on the event's day, before the release",
        expiry: "2026-06-10T08:00:00Z",
        postEventDays: 2,
        want: "CPI",
      },
      {
        name: "expiry within N days after FOMC",
        expiry: "2026-06-19T08:00:00Z",
        postEventDays: 2,
        want: "FOMC",
      },
      {
        name: "expiry just beyond N days after FOMC",
        expiry: "2026-06-19T18:00:01Z",
        postEventDays: 2,
        want: undefined,
      },
      {
        name: "expiry 4.8 days after CPI, N = 5",
        expiry: "2026-06-15T08:00:00Z",
        postEventDays: 5,
        want: "CPI",
      },
      // The day before FOMC: not a conflict here; the roll window renews the layer before the event.
      // (N = 4 keeps it clear of PPI 2026-06-11 12:30 UTC, which N = 5 would reach.)
      {
        name: "expiry the day before FOMC, N = 4",
        expiry: "2026-06-16T08:00:00Z",
        postEventDays: 4,
        want: undefined,
      },
      {
        name: "expiry 4.8 days after PPI, N = 5",
        expiry: "2026-06-16T08:00:00Z",
        postEventDays: 5,
        want: "PPI",
      },
    ];
    for (const row of conflicts) {
      it(row.name, () =>
        expect(eventConflict(ts(row.expiry), events, row.postEventDays)?.kind).to.equal(row.want),
      );
    }
  });

  describe("chooseExpiry", () => {
    const events = repoCalendar().events;
    const base = {
      minTenorDays: 25,
      maxTenorDays: 35,
      holidays: new Set<string>(),
      events: [],
      postEventDays: 2,
      takenWeeks: new Set<string>(),
    };
    it("picks the grid date closest to the middle of the tenor window", () => {
      const r = chooseExpiry({ ...base, now: ts("2026-03-02T12:00:00Z") });
      expect(r).to.deep.equal({ ok: true, expiry: ts("2026-04-01T08:00:00Z"), relaxation: "strict" });
    });
    it("avoids an ISO week another layer uses", () => {
      const r = chooseExpiry({
        ...base,
        maxTenorDays: 42,
        now: ts("2026-03-02T12:00:00Z"),
        takenWeeks: new Set([isoWeekKey(ts("2026-04-01"))]),
      });
      expect(r).to.deep.equal({ ok: true, expiry: ts("2026-04-08T08:00:00Z"), relaxation: "strict" });
    });
    it("skips the CPI Wednesday and the FOMC week after it", () => {
      const r = chooseExpiry({ ...base, maxTenorDays: 45, events, now: ts("2026-05-11T12:00:00Z") });
      // window Jun 5 – Jun 25: Jun 10 is a CPI day, Jun 17 an FOMC day → Jun 24
      expect(r).to.deep.equal({ ok: true, expiry: ts("2026-06-24T08:00:00Z"), relaxation: "strict" });
    });
    it("reports when every candidate clashes (strict only)", () => {
      const r = chooseExpiry({ ...base, maxTenorDays: 40, events, now: ts("2026-05-11T12:00:00Z") });
      expect(r.ok).to.equal(false);
    });

    describe("the documented relaxation: the nearest acceptable expiry, never outside the tenor window", () => {
      const rows: {
        name: string;
        input: Partial<Parameters<typeof chooseExpiry>[0]>;
        want: string;
        step: string;
      }[] = [
        {
          name: "1. shared week: the only Wednesday is another layer's",
          input: {
            now: ts("2026-03-02T12:00:00Z"),
            takenWeeks: new Set([isoWeekKey(ts("2026-04-01"))]),
          },
          want: "2026-04-01T08:00:00Z",
          step: "shared week",
        },
        {
          name: "2. after an event: the only Wednesday is the day after an FOMC decision, not its day",
          input: {
            now: ts("2026-03-02T12:00:00Z"),
            events: [{ kind: "FOMC", at: ts("2026-03-31T18:00:00Z"), source: "test" }],
          },
          want: "2026-04-01T08:00:00Z",
          step: "after an event",
        },
        {
          name: "3. any business day: the Wednesdays are event days, a Friday is not",
          // window Jun 5 .. Jun 20: Jun 10 (CPI) and Jun 17 (FOMC) are the only Wednesdays
          input: { now: ts("2026-05-11T12:00:00Z"), maxTenorDays: 40, events },
          want: "2026-06-12T08:00:00Z",
          step: "any business day",
        },
        {
          name: "4. event day: a one-day window on a CPI Wednesday",
          input: { now: ts("2026-05-11T12:00:00Z"), minTenorDays: 29.5, maxTenorDays: 30, events },
          want: "2026-06-10T08:00:00Z",
          step: "event day",
        },
      ];
      for (const row of rows) {
        it(row.name, () => {
          const strict = chooseExpiry({ ...base, now: 0, ...row.input });
          expect(strict.ok, "no strict expiry").to.equal(false);
          const r = chooseExpiry({ ...base, now: 0, ...row.input }, "event day");
          expect(r).to.deep.equal({ ok: true, expiry: ts(row.want), relaxation: row.step });
          const from = (row.input.now as number) + (row.input.minTenorDays ?? base.minTenorDays) * 86_400;
          const to = (row.input.now as number) + (row.input.maxTenorDays ?? base.maxTenorDays) * 86_400;
          expect(r.ok && r.expiry >= from && r.expiry <= to, "inside the tenor window").to.equal(true);
        });
      }
      it("a window without a business day has nothing to relax to", () => {
        const r = chooseExpiry(
          { ...base, minTenorDays: 4.6, maxTenorDays: 5.4, now: ts("2026-03-02T12:00:00Z") },
          "event day",
        );
        expect(r).to.deep.equal({ ok: false, reason: "no business day between 4.6 and 5.4 days" });
      });
    });
    it("reports an empty window", () => {
      const r = chooseExpiry({
        ...base,
        minTenorDays: 5.5,
        maxTenorDays: 6,
        now: ts("2026-03-02T12:00:00Z"),
      });
      expect(r).to.deep.include({ ok: false });
    });
  });
});
