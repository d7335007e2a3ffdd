// The rule errors reach the operator as their name and message (keeper logs, the CLI's exit text): each names
// itself and carries the values that failed.
import { expect } from "chai";
import {
  BreadthCsvError,
  FeedGapError,
  IntensityBoundsError,
  MacroCalendarInvalidError,
  MacroCalendarYearMissingError,
  NotEnoughDataError,
  StaleFeedError,
} from "../../src/rules/errors.js";

describe("rules/errors", () => {
  const table: { error: Error; name: string; message: string }[] = [
    {
      error: new MacroCalendarInvalidError("events.0.at", "expected an ISO time"),
      name: "MacroCalendarInvalidError",
      message: "macro calendar invalid at events.0.at: expected an ISO time",
    },
    {
      error: new MacroCalendarYearMissingError(2027, "CPI", "partial"),
      name: "MacroCalendarYearMissingError",
      message: "macro calendar: CPI 2027 is partial; refusing to plan as if there were no events",
    },
    {
      error: new BreadthCsvError(3, "bad date"),
      name: "BreadthCsvError",
      message: "breadth CSV line 3: bad date",
    },
    {
      error: new NotEnoughDataError("RSI(14)", 15, 3),
      name: "NotEnoughDataError",
      message: "RSI(14): not enough history yet (needs 15 values, has 3)",
    },
    {
      error: new StaleFeedError(1_000, 5_000, 3_600),
      name: "StaleFeedError",
      message: "feed stale: last round at 1000, now 5000, max age 3600s",
    },
    {
      error: new FeedGapError("2026-03-03", "2026-03-06", 4, 3),
      name: "FeedGapError",
      message: "feed gap: 4 trading days without a round between 2026-03-03 and 2026-03-06 (max 3)",
    },
    {
      error: new IntensityBoundsError(2, 1),
      name: "IntensityBoundsError",
      message: "intensity bounds invalid: min 2, max 1 (need 0 < min ≤ max)",
    },
  ];
  for (const row of table) {
    it(`${row.name} names itself and the values that failed`, () => {
      expect(row.error).to.be.instanceOf(Error);
      expect(row.error.name).to.equal(row.name);
      expect(row.error.message).to.equal(row.message);
      expect(String(row.error)).to.equal(`${row.name}: ${row.message}`);
    });
  }
});
