import { expect } from "chai";
import { strikeAbove, strikeBelow, unitsForAmount } from "../../src/rules/strikes.js";
import { isoWeekKey, parseUtcDate, utcDateKey } from "../../src/rules/time.js";
import { lvl, ts, usd } from "../support/fixtures.js";

describe("rules/time", () => {
  const weeks: [string, string][] = [
    ["2026-01-01T12:00:00Z", "2026-W01"], // Thursday: week 1 of 2026
    ["2025-12-29T00:00:00Z", "2026-W01"], // Monday before belongs to 2026-W01
    ["2026-12-31T23:59:59Z", "2026-W53"], // 2026 has 53 ISO weeks
    ["2027-01-01T00:00:00Z", "2026-W53"],
    ["2027-01-03T23:59:59Z", "2026-W53"], // Sunday ends the week
    ["2027-01-04T00:00:00Z", "2027-W01"],
    ["2026-06-10T08:00:00Z", "2026-W24"],
  ];
  for (const [iso, key] of weeks) {
    it(`isoWeekKey(${iso}) = ${key}`, () => expect(isoWeekKey(ts(iso))).to.equal(key));
  }

  it("parses and rejects calendar dates", () => {
    expect(parseUtcDate("2026-02-28")).to.equal(ts("2026-02-28"));
    expect(parseUtcDate("2026-02-29")).to.be.NaN;
    expect(parseUtcDate("2026-2-1")).to.be.NaN;
    // Date.parse takes an expanded year and a bare month, and they round-trip through toISOString: not a date here.
    expect(parseUtcDate("+010000-01")).to.be.NaN;
    expect(utcDateKey(ts("2026-03-08T23:59:59Z"))).to.equal("2026-03-08");
  });
});

describe("rules/strikes", () => {
  const table: { name: string; fn: () => bigint; want: bigint }[] = [
    {
      name: "20 × 1.15 on a 0.5 grid = 23.00",
      fn: () => strikeAbove(lvl(20), 1_500, lvl(0.5)),
      want: lvl(23),
    },
    { name: "23 × 1.2 = 27.6 → up to 28.00", fn: () => strikeAbove(lvl(23), 2_000, lvl(0.5)), want: lvl(28) },
    {
      name: "fractional bps are rounded, not a crash",
      fn: () => strikeAbove(lvl(20), 1_500.4, lvl(0.5)),
      want: lvl(23),
    },
    { name: "6000 × 0.95 = 5700 (down)", fn: () => strikeBelow(lvl(6000), 500, lvl(5)), want: lvl(5700) },
    {
      name: "5700 × 0.97 = 5529 → down to 5525",
      fn: () => strikeBelow(lvl(5700), 300, lvl(5)),
      want: lvl(5525),
    },
    {
      name: "units: 100,000 USD at 23.00 rounds down",
      fn: () => unitsForAmount(usd(100_000), lvl(23)),
      want: 4_347_826_086_956_521_739_130n,
    },
    { name: "units at a zero level are 0", fn: () => unitsForAmount(usd(1), 0n), want: 0n },
  ];
  for (const row of table) it(row.name, () => expect(row.fn()).to.equal(row.want));
});
