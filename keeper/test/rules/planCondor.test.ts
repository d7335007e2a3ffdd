import { expect } from "chai";
import { planCondor, type PlanCondorInput } from "../../src/rules/planCondor.js";
import type { OpenCondor, RollCondorSide } from "../../src/types.js";
import { RULES_NOW, condorInput, lvl, ts, usd } from "../support/fixtures.js";

const NOW = RULES_NOW;
const input = condorInput;

describe("rules/planCondor", () => {
  it("opens a condor at the policy distances, sized so max loss = 5 % of NAV", () => {
    const { actions, warnings } = planCondor(input({ condor: null }));
    expect(warnings).to.deep.equal([]);
    const o = actions[0] as OpenCondor;
    expect(o.type).to.equal("OpenCondor");
    // 6000 × 0.95 = 5700; × 0.97 = 5529 → 5525 (down on a 5-point grid); 6000 × 1.04 = 6240; × 1.03 = 6427.2 → 6430
    expect([o.longPutStrike, o.shortPutStrike, o.shortCallStrike, o.longCallStrike]).to.deep.equal([
      lvl(5525),
      lvl(5700),
      lvl(6240),
      lvl(6430),
    ]);
    expect(o.expiry).to.equal(ts("2026-04-15T08:00:00Z")); // latest Wednesday within 25–45 days
    // widest wing 190 points; 50,000 USD / 190 = 263.157… units
    expect(o.size).to.equal((usd(50_000) * 10n ** 20n) / lvl(190));
    expect(o.maxPremium).to.equal(0n);
  });

  const cpiIn = (hours: number) => [{ kind: "CPI" as const, at: NOW + hours * 3600, source: "t" }];
  const table: {
    name: string;
    over: Partial<PlanCondorInput>;
    types: string[];
    codes: string[];
    reason?: RegExp;
  }[] = [
    { name: "holds a condor nobody is testing", over: {}, types: [], codes: [] },
    {
      name: "no opening in the last 24 h before an event",
      over: { condor: null, events: cpiIn(23) },
      types: [],
      codes: ["CondorEventBlackout"],
    },
    {
      name: "opening 24 h + 1 s before an event is fine",
      over: { condor: null, events: cpiIn(24 + 1 / 3600) },
      types: ["OpenCondor"],
      codes: [],
    },
    {
      name: "opening just after an event is fine",
      over: { condor: null, events: cpiIn(-0.001) },
      types: ["OpenCondor"],
      codes: [],
    },
    {
      name: "rolls the tested put side (index within 1 % of the short put)",
      over: { equityIndex: lvl(5750) },
      types: ["RollCondorSide"],
      codes: [],
      reason:
        /short put\/call 5700\.00\/6240\.00.*put side tested, index 5750\.00 within 1 % of 5700\.00 → re-strike 5460\.00\/5295\.00/,
    },
    {
      name: "rolls the tested call side",
      over: { equityIndex: lvl(6200) },
      types: ["RollCondorSide"],
      codes: [],
      reason: /call side tested/,
    },
    {
      name: "a tested side is not rolled in the event blackout",
      over: { equityIndex: lvl(5750), events: cpiIn(2) },
      types: [],
      codes: ["CondorEventBlackout"],
    },
    {
      name: "closes inside its roll window and reopens",
      over: { now: ts("2026-03-21T12:00:00Z") },
      types: ["CloseCondor", "OpenCondor"],
      codes: [],
    },
    {
      name: "closes inside its roll window even in a blackout, but does not reopen",
      over: {
        now: ts("2026-03-21T12:00:00Z"),
        events: [{ kind: "FOMC", at: ts("2026-03-22T00:00:00Z"), source: "t" }],
      },
      types: ["CloseCondor"],
      codes: ["CondorEventBlackout"],
    },
    {
      name: "settles an expired condor and reopens",
      over: { now: ts("2026-03-25T08:00:00Z") },
      types: ["SettleSeries", "OpenCondor"],
      codes: [],
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      const { actions, warnings } = planCondor(input(row.over));
      expect(actions.map((a) => a.type)).to.deep.equal(row.types);
      expect(warnings.map((w) => w.code)).to.deep.equal(row.codes);
      if (row.reason) expect(actions[0]?.reason).to.match(row.reason);
    });
  }

  it("the rolled put side carries the policy's roll premium cap", () => {
    const r = planCondor(input({ equityIndex: lvl(5750) })).actions[0] as RollCondorSide;
    expect(r).to.include({
      side: "put",
      newShortStrike: lvl(5460),
      newLongStrike: lvl(5295),
      maxPremium: usd(500),
    });
  });
});
