import { expect } from "chai";
import { isoWeekKey, parseUtcDate, utcDateKey } from "../../src/rules/time.js";
import { ts } from "../support/fixtures.js";

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
    expect(utcDateKey(ts("2026-03-08T23:59:59Z"))).to.equal("2026-03-08");
  });
});
