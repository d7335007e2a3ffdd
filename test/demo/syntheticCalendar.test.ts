import { expect } from "chai";
import { isNewYorkDst, syntheticMacroCalendar } from "../../scripts/demo/syntheticCalendar.js";

const utc = (t: number): string => new Date(t * 1000).toISOString().slice(0, 16);
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

describe("demo: synthetic macro calendar in New York time", function () {
  const events = syntheticMacroCalendar(2005, 2024).events;
  const at = (kind: string, date: string): string | undefined =>
    events.filter((e) => e.kind === kind && utc(e.at).startsWith(date)).map((e) => utc(e.at))[0];

  it("puts FOMC at 14:00 and CPI/PPI at 08:30 New York time, summer and winter", function () {
    expect(at("FOMC", "2024-01-31")).to.equal("2024-01-31T19:00"); // EST, UTC-5
    expect(at("FOMC", "2024-03-20")).to.equal("2024-03-20T18:00"); // EDT since 10 March
    expect(at("FOMC", "2024-07-31")).to.equal("2024-07-31T18:00");
    expect(at("FOMC", "2024-12-11")).to.equal("2024-12-11T19:00");
    expect(at("CPI", "2024-03-12")).to.equal("2024-03-12T12:30");
    expect(at("CPI", "2024-11-12")).to.equal("2024-11-12T13:30"); // EST again since 3 November
    expect(at("PPI", "2024-06-12")).to.equal("2024-06-12T12:30");
    expect(at("PPI", "2024-02-14")).to.equal("2024-02-14T13:30");
  });

  it("follows the US daylight-saving rules of each era, switching on the right Sundays", function () {
    expect(isNewYorkDst(day("2024-03-09"))).to.equal(false);
    expect(isNewYorkDst(day("2024-03-10"))).to.equal(true); // second Sunday of March
    expect(isNewYorkDst(day("2024-11-02"))).to.equal(true);
    expect(isNewYorkDst(day("2024-11-03"))).to.equal(false); // first Sunday of November
    expect(isNewYorkDst(day("2007-03-11"))).to.equal(true); // first year of the 2007 rule
    expect(isNewYorkDst(day("2006-03-14"))).to.equal(false); // 1987-2006: from the first Sunday of April
    expect(isNewYorkDst(day("2006-04-02"))).to.equal(true);
    expect(isNewYorkDst(day("2006-10-29"))).to.equal(false); // last Sunday of October
    expect(at("CPI", "2005-03-08")).to.equal("2005-03-08T13:30");
    expect(at("CPI", "2005-04-12")).to.equal("2005-04-12T12:30");
  });
});
