import { expect } from "chai";
import { planCondor, type PlanCondorInput } from "../../src/rules/planCondor.js";
import type { CondorLeg, OpenCondor, RollCondorSide } from "../../src/types.js";
import { CONDOR, CONDOR_POLICY, condorInput, lvl, RULES_NOW, ts, usd } from "../support/fixtures.js";

const NOW = RULES_NOW;
const leg = (seriesId: bigint, short: number, long: number, expiry = "2026-03-25T08:00:00Z"): CondorLeg => ({
  seriesId,
  shortStrike: lvl(short),
  longStrike: lvl(long),
  expiry: ts(expiry),
  size: 10n ** 18n,
});

const input = condorInput;

describe("rules/planCondor", () => {
  it("opens a condor at the policy distances, sized so max loss = 5 % of NAV", () => {
    const { actions, warnings } = planCondor(input({ condor: null }));
    expect(warnings).to.deep.equal([]);
    const o = actions[0] as OpenCondor;
    expect(o.type).to.equal("OpenCondor");
    expect(o.sides).to.deep.equal(["put", "call"]);
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
      name: "holds each side to expiry: nothing is bought back in the last days",
      over: { now: ts("2026-03-24T12:00:00Z") },
      types: [],
      codes: [],
    },
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
      name: "rolls the tested put side out in time and strike (index within 1 % of the short put)",
      over: { equityIndex: lvl(5750) },
      types: ["RollCondorSide"],
      codes: [],
      reason:
        /put side \(short 5700\.00, expires 2026-03-25 08:00Z\): tested, index 5750\.00 within 1 % of 5700\.00 → roll out to 5460\.00\/5295\.00 exp 2026-04-15 08:00Z, or close it/,
    },
    {
      name: "rolls the tested call side",
      over: { equityIndex: lvl(6200) },
      types: ["RollCondorSide"],
      codes: [],
      reason: /call side .*tested/,
    },
    {
      name: "a tested side in its last days is rolled out too (it would expire in the money)",
      over: { now: ts("2026-03-24T12:00:00Z"), equityIndex: lvl(5690) },
      types: ["RollCondorSide"],
      codes: [],
    },
    {
      name: "a tested side is not rolled in the event blackout",
      over: { equityIndex: lvl(5750), events: cpiIn(2) },
      types: [],
      codes: ["CondorEventBlackout"],
    },
    {
      name: "settles an expired condor and reopens",
      over: { now: ts("2026-03-25T08:00:00Z") },
      types: ["SettleSeries", "OpenCondor"],
      codes: [],
    },
    {
      name: "a side closed by a defence is sold again while the other runs",
      over: { condor: { put: null, call: CONDOR.call } },
      types: ["OpenCondor"],
      codes: [],
      reason: /sell the condor's put 5525\.00\/5700\.00 exp 2026-04-15 08:00Z/,
    },
    {
      name: "a side that expired first (the other was rolled out) is settled and sold again",
      over: {
        now: ts("2026-03-25T12:00:00Z"),
        condor: { put: leg(43n, 5460, 5295, "2026-04-15T08:00:00Z"), call: CONDOR.call },
      },
      types: ["SettleSeries", "OpenCondor"],
      codes: [],
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      const { actions, warnings } = planCondor(input(row.over));
      expect(actions.map((a) => a.type)).to.deep.equal(row.types);
      expect(warnings.map((w) => w.code)).to.deep.equal(row.codes);
      if (row.reason) expect(actions.at(-1)?.reason).to.match(row.reason);
    });
  }

  it("reopens only the missing side", () => {
    const o = planCondor(
      input({
        now: ts("2026-03-25T12:00:00Z"),
        condor: { put: leg(43n, 5460, 5295, "2026-04-15T08:00:00Z"), call: CONDOR.call },
      }),
    ).actions[1] as OpenCondor;
    expect(o.sides).to.deep.equal(["call"]);
    expect(o.reason).to.match(/call 6240\.00\/6430\.00/);
  });

  it("the rolled put side gets a new expiry and the policy's roll premium cap", () => {
    const r = planCondor(input({ equityIndex: lvl(5750) })).actions[0] as RollCondorSide;
    expect(r).to.include({
      side: "put",
      newShortStrike: lvl(5460),
      newLongStrike: lvl(5295),
      newExpiry: ts("2026-04-15T08:00:00Z"),
      maxPremium: usd(500),
    });
  });

  it("a tested distance of 0 waits until the index reaches the short strike", () => {
    const at = (index: number) =>
      planCondor(input({ policy: { ...CONDOR_POLICY, testedDistanceBps: 0 }, equityIndex: lvl(index) }))
        .actions;
    expect(at(5701)).to.deep.equal([]);
    expect(at(5700).map((a) => a.type)).to.deep.equal(["RollCondorSide"]);
  });

  it("no new risk sold into a spike: in backwardation a tested side is held and a missing side waits", () => {
    const backwardation = (10n ** 18n * 9n) / 10n;
    const tested = planCondor(input({ equityIndex: lvl(5750), volTermFactor: backwardation }));
    expect(tested.actions).to.deep.equal([]);
    expect(tested.warnings.map((w) => w.code)).to.deep.equal(["CondorSpikeHold"]);
    expect(tested.warnings[0]!.message).to.match(/tested put side held: .*0\.900 < 1/);
    // The put side expired in the spike: settled, not sold again until contango returns.
    const expired = input({
      now: ts("2026-03-25T12:00:00Z"),
      condor: {
        put: leg(43n, 5460, 5295, "2026-03-25T08:00:00Z"),
        call: leg(42n, 6240, 6430, "2026-04-15T08:00:00Z"),
      },
      volTermFactor: backwardation,
    });
    expect(planCondor(expired).actions.map((a) => a.type)).to.deep.equal(["SettleSeries"]);
    expect(planCondor(expired).warnings.map((w) => w.code)).to.deep.equal(["CondorSpikeHold"]);
    // Back in contango (factor 1 or more): rolled and sold as usual.
    expect(planCondor({ ...expired, volTermFactor: 10n ** 18n }).actions.map((a) => a.type)).to.deep.equal([
      "SettleSeries",
      "OpenCondor",
    ]);
    expect(
      planCondor(input({ equityIndex: lvl(5750), volTermFactor: 10n ** 18n })).actions.map((a) => a.type),
    ).to.deep.equal(["RollCondorSide"]);
  });
});
