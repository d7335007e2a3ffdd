import { expect } from "chai";
import { DEFAULT_LADDER, defaultLayerPolicies } from "../../src/rules/defaultPolicies.js";
import { planLayers, type PlanLayersInput } from "../../src/rules/planLayers.js";
import { isoWeekKey } from "../../src/rules/time.js";
import type { Action, LayerState, MonetiseLayer, RollLayer } from "../../src/types.js";
import { layer, lvl, repoCalendar, ts, usd } from "../support/fixtures.js";

const NOW = ts("2026-03-02T12:00:00Z");
const WAD = 10n ** 18n;
/** Contracts (18 decimals) from a decimal count. */
const units = (x: number): bigint => BigInt(Math.round(x * 1e6)) * 10n ** 12n;

function input(layers: LayerState[], overrides: Partial<PlanLayersInput> = {}): PlanLayersInput {
  return {
    now: NOW,
    layers,
    volIndex: lvl(20),
    nav: usd(1_000_000),
    ladder: DEFAULT_LADDER,
    volTermFactor: (9n * WAD) / 10n, // backwardation
    intensity: 1,
    events: [],
    holidays: new Set(),
    postEventDays: 2,
    strikeTick: lvl(0.5),
    ...overrides,
  };
}

const types = (a: Action[]) => a.map((x) => x.type);
const spread = (seriesId: bigint, expiry: string, lower = 23) => ({
  seriesId,
  lowerStrike: lvl(lower),
  upperStrike: lvl(lower * 1.2),
  expiry: ts(expiry),
  size: 10n ** 18n,
});

describe("rules/planLayers", () => {
  it("opens all three empty layers on staggered Wednesdays, OTM, sized to the condor's stress loss", () => {
    const { actions, warnings } = planLayers(input([layer(0), layer(1), layer(2)]));
    expect(warnings).to.deep.equal([]);
    expect(types(actions)).to.deep.equal(["RollLayer", "RollLayer", "RollLayer"]);
    const rolls = actions as RollLayer[];
    expect(rolls.map((r) => r.newExpiry)).to.deep.equal([
      ts("2026-04-01T08:00:00Z"),
      ts("2026-04-29T08:00:00Z"),
      ts("2026-06-03T08:00:00Z"),
    ]);
    expect(new Set(rolls.map((r) => isoWeekKey(r.newExpiry))).size).to.equal(3);
    // 20 × 1.15 = 23.00; 23 × 1.2 = 27.6 → 28.00 on a 0.50 grid; 20 × 1.3 = 26, 26 × 1.25 = 32.5; 20 × 1.5 = 30, 30 × 1.3 = 39
    expect(rolls.map((r) => [r.newLowerStrike, r.newUpperStrike])).to.deep.equal([
      [lvl(23), lvl(28)],
      [lvl(26), lvl(32.5)],
      [lvl(30), lvl(39)],
    ]);
    // By hand: the condor's stress loss = 1,000,000 × notional 1 × min(10 % − 5 %, 3 %) = 30,000 USD; coverage 1.
    // With the index at 20 × (1 + 100 %) = 40, L1 23/28 pays its width 5 a contract: 50 % × 30,000 / 5 = 3,000
    // contracts; L2 26/32.5 pays 6.5: 30 % × 30,000 / 6.5 = 1,384.615384…; L3 30/39 pays 9: 20 % × 30,000 / 9.
    expect(rolls.map((r) => r.size)).to.deep.equal([
      units(3_000),
      (usd(9_000) * 10n ** 30n) / (lvl(6.5) * 10n ** 10n),
      (usd(6_000) * 10n ** 30n) / (lvl(9) * 10n ** 10n),
    ]);
    expect(rolls.map((r) => r.intensity)).to.deep.equal([WAD, WAD, WAD]);
    expect(rolls[0]!.closeSeriesId).to.equal(null);
    expect(rolls[0]!.maxPremium).to.equal(usd(1_000));
  });

  it("scales the size by the intensity multiplier, within the vault's bounds", () => {
    const size = (intensity: number): bigint =>
      (planLayers(input([layer(0)], { intensity })).actions[0] as RollLayer).size;
    expect(size(2)).to.equal(units(6_000));
    expect(size(0.5)).to.equal(units(1_500));
    expect(size(1.25)).to.equal(units(3_750));
    expect(size(9)).to.equal(units(6_000)); // clamped to the vault's maximum, 2
  });

  it("coverage, the stress scenario and the condor policy set the size; a spread the stress misses buys nothing", () => {
    const size = (over: Partial<PlanLayersInput["ladder"]>): bigint | undefined =>
      (planLayers(input([layer(0)], { ladder: { ...DEFAULT_LADDER, ...over } })).actions[0] as RollLayer)
        ?.size;
    expect(size({ coverage: WAD / 2n })).to.equal(units(1_500));
    // down 6 %: the put spread short at −5 % is 1 % in: 10,000 loss, L1 pays 5,000 / 5 = 1,000
    expect(size({ stressDrop: (6n * WAD) / 100n })).to.equal(units(1_000));
    // up 25 %: 25.00 − 23.00 = 2 points a contract: 15,000 / 2
    expect(size({ stressRise: WAD / 4n })).to.equal(units(7_500));
    const missed = planLayers(input([layer(0)], { ladder: { ...DEFAULT_LADDER, stressRise: WAD / 10n } }));
    expect(missed.actions).to.deep.equal([]);
    expect(missed.warnings.map((w) => [w.level, w.code])).to.deep.equal([["warn", "SizeZero"]]);
  });

  it("leaves a zero-weight (disabled) layer alone, but still settles its expired series", () => {
    const off = (i: number, position: LayerState["position"] = null): LayerState => {
      const base = layer(i, { position });
      return { ...base, policy: { ...base.policy, weight: 0n } };
    };
    const { actions, warnings } = planLayers(
      input([off(0), off(1, spread(7n, "2026-03-01T08:00:00Z")), layer(2)]),
    );
    expect(types(actions)).to.deep.equal(["SettleSeries", "RollLayer"]);
    expect((actions[1] as RollLayer).layer).to.equal(2);
    expect(warnings.map((w) => [w.level, w.code])).to.deep.equal([
      ["info", "LayerDisabled"],
      ["info", "LayerDisabled"],
    ]);
  });

  it("skips a layer whose stress payoff buys less than one unit, with a warning", () => {
    const { actions, warnings } = planLayers(input([layer(0)], { nav: 0n }));
    expect(actions).to.deep.equal([]);
    expect(warnings.map((w) => [w.level, w.code])).to.deep.equal([["warn", "SizeZero"]]);
  });

  const table: {
    name: string;
    layers: LayerState[];
    over?: Partial<PlanLayersInput>;
    types: string[];
    codes: string[];
    reason?: RegExp;
  }[] = [
    {
      name: "keeps a layer outside its roll window",
      layers: [layer(0, { position: spread(7n, "2026-03-25T08:00:00Z") })],
      types: [],
      codes: [],
    },
    {
      name: "rolls a layer inside its roll window (7 days)",
      layers: [layer(0, { position: spread(7n, "2026-03-09T08:00:00Z") })],
      types: ["RollLayer"],
      codes: [],
      reason: /expires in 6\.8 days ≤ roll window 7/,
    },
    {
      name: "settles an expired layer then reopens it",
      layers: [layer(0, { position: spread(7n, "2026-03-02T08:00:00Z") })],
      types: ["SettleSeries", "RollLayer"],
      codes: [],
      reason: /expired/,
    },
    {
      name: "a layer in cooldown waits, with a warning",
      layers: [layer(0, { position: spread(7n, "2026-03-05T08:00:00Z"), lastRollAt: NOW - 3_600 })],
      types: [],
      codes: ["LayerCooldown"],
    },
    {
      name: "monetises deep in the money (index ≥ lower × 1.3): sells, buys nothing",
      layers: [layer(0, { position: spread(7n, "2026-04-01T08:00:00Z") })],
      over: { volIndex: lvl(30) },
      types: ["MonetiseLayer"],
      codes: [],
      reason: /deep in the money: index 30\.00 ≥ 29\.90 .*stay empty until re-entry/,
    },
    {
      name: "monetises even inside the cooldown (taking profit buys nothing)",
      layers: [layer(0, { position: spread(7n, "2026-04-01T08:00:00Z"), lastRollAt: NOW - 3_600 })],
      over: { volIndex: lvl(30) },
      types: ["MonetiseLayer"],
      codes: [],
    },
    {
      name: "just below the monetisation trigger keeps the layer",
      layers: [layer(0, { position: spread(7n, "2026-04-01T08:00:00Z") })],
      over: { volIndex: lvl(29.89) },
      types: [],
      codes: [],
    },
    {
      name: "rolls early when its expiry falls within N days after an event",
      layers: [layer(0, { position: spread(7n, "2026-06-19T08:00:00Z") })],
      over: { now: ts("2026-06-10T12:00:00Z"), events: repoCalendar().events, postEventDays: 3 },
      types: ["RollLayer"],
      codes: [],
      reason: /within 3 days after FOMC 2026-06-17 18:00Z: roll before the event/,
    },
    {
      name: "the same layer waits while the event is further than its roll window",
      layers: [layer(0, { position: spread(7n, "2026-06-19T08:00:00Z") })],
      over: { now: ts("2026-06-09T12:00:00Z"), events: repoCalendar().events, postEventDays: 3 },
      types: [],
      codes: [],
    },
    // L1's 25–35-day window holds only 2026-04-01 until 2026-03-04 12:00Z, and L2 expires that week.
    {
      name: "no valid expiry today, but one before the layer expires: the roll is deferred, naming the day",
      layers: [
        layer(0, { position: spread(7n, "2026-03-09T08:00:00Z") }),
        layer(1, { position: spread(8n, "2026-04-01T08:00:00Z") }),
      ],
      types: [],
      codes: ["RollDeferred"],
      reason: /valid expiry \(2026-04-08 08:00Z\) opens up on 2026-03-04 12:00Z, before 2026-03-09 08:00Z/,
    },
    {
      name: "no valid expiry before the layer expires: relaxed (shares L2's week) instead of lapsing",
      layers: [
        layer(0, { position: spread(7n, "2026-03-04T08:00:00Z") }),
        layer(1, { position: spread(8n, "2026-04-01T08:00:00Z") }),
      ],
      types: ["RollLayer"],
      codes: ["ExpiryRelaxed"],
      reason: /clash with another layer's week or a macro event; relaxed to "shared week": 2026-04-01 08:00Z/,
    },
    {
      name: "an empty layer with no strict expiry takes the nearest relaxed one at once",
      layers: [layer(0), layer(1, { position: spread(8n, "2026-04-01T08:00:00Z") })],
      types: ["RollLayer"],
      codes: ["ExpiryRelaxed"],
    },
    {
      name: "a tenor window without a business day is critical: nothing the vault accepts exists",
      layers: [
        layer(0, {
          policy: { ...layer(0).policy, minTenorDays: 4.6, maxTenorDays: 5.4 }, // Sat 02:24 .. Sat 21:36
        }),
      ],
      types: [],
      codes: ["NoValidExpiry"],
      reason: /no business day between 4\.6 and 5\.4 days/,
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      const { actions, warnings } = planLayers(input(row.layers, row.over));
      expect(types(actions)).to.deep.equal(row.types);
      expect(warnings.map((w) => w.code)).to.deep.equal(row.codes);
      if (row.reason) expect(warnings[0]?.message ?? actions.at(-1)?.reason).to.match(row.reason);
    });
  }

  it("a monetisation only closes the old series", () => {
    const { actions } = planLayers(
      input([layer(0, { position: spread(7n, "2026-04-01T08:00:00Z") })], { volIndex: lvl(30) }),
    );
    expect(actions).to.have.length(1);
    const m = actions[0] as MonetiseLayer;
    expect([m.closeSeriesId, m.maxPremium]).to.deep.equal([7n, 0n]);
  });

  describe("re-entry after a monetisation (no buying at the top)", () => {
    // Monetised on 2026-02-25 12:00Z out of a 23/27.6 spread: re-entry once the index is back at or below 23.
    const monetised = (over: Partial<LayerState> = {}): LayerState =>
      layer(0, { lastRollAt: ts("2026-02-25T12:00:00Z"), reentryLevel: lvl(23), ...over });
    const series: { name: string; vol: number; at: string; termFactor: bigint; want: string }[] = [
      {
        name: "inside the re-entry delay",
        vol: 18,
        at: "2026-03-02T11:59:59Z",
        termFactor: 2n * WAD,
        want: "wait",
      },
      {
        name: "delay over, the index still high, backwardation",
        vol: 28,
        at: "2026-03-02T12:00:00Z",
        termFactor: (99n * WAD) / 100n,
        want: "wait",
      },
      {
        name: "delay over, the index back at the level",
        vol: 23,
        at: "2026-03-02T12:00:00Z",
        termFactor: WAD / 2n,
        want: "buy",
      },
      {
        name: "delay over, the index high but the curve in contango",
        vol: 28,
        at: "2026-03-02T12:00:00Z",
        termFactor: WAD,
        want: "buy",
      },
    ];
    for (const row of series) {
      it(`${row.name}: ${row.want}`, () => {
        const { actions, warnings } = planLayers(
          input([monetised()], { now: ts(row.at), volIndex: lvl(row.vol), volTermFactor: row.termFactor }),
        );
        if (row.want === "wait") {
          expect(actions).to.deep.equal([]);
          expect(warnings.map((w) => [w.level, w.code])).to.deep.equal([["info", "ReentryWaiting"]]);
          expect(warnings[0]!.message).to.match(/no buying at the top/);
        } else {
          expect(types(actions)).to.deep.equal(["RollLayer"]);
          expect(actions[0]!.reason).to.match(/re-entry after its monetisation/);
        }
      });
    }

    it("a day-by-day series: waits through the spike and the delay, re-enters once the index is back", () => {
      // A spike fading: the index, the curve's 30-day forward factor, day by day from the monetisation.
      const path: [number, bigint][] = [
        [34, (70n * WAD) / 100n],
        [31, (75n * WAD) / 100n],
        [27, (85n * WAD) / 100n],
        [26, (88n * WAD) / 100n],
        [25, (92n * WAD) / 100n],
        [24, (95n * WAD) / 100n],
        [23.5, (97n * WAD) / 100n],
        [22.5, (99n * WAD) / 100n],
      ];
      const start = ts("2026-03-02T21:00:00Z");
      const firstBuy = path.findIndex(([vol, termFactor], day) => {
        const plan = planLayers(
          input([monetised({ lastRollAt: start })], {
            now: start + (day + 1) * 86_400,
            volIndex: lvl(vol),
            volTermFactor: termFactor,
          }),
        );
        return plan.actions.length > 0;
      });
      expect(firstBuy).to.equal(7); // day 8: past the 5-day delay and back under 23
    });

    it("a re-entry is never boosted: the intensity is capped at 1", () => {
      const { actions } = planLayers(input([monetised()], { volIndex: lvl(22), intensity: 2 }));
      const r = actions[0] as RollLayer;
      expect(r.intensity).to.equal(WAD);
      // 22 × 1.15 = 25.3 → 25.50; 25.5 × 1.2 = 30.6 → 31.00; stressed 44: pays the width 5.5
      expect(r.size).to.equal((usd(15_000) * 10n ** 30n) / (lvl(5.5) * 10n ** 10n));
    });
  });

  it("the default ladder: L1–L3 carry 50 / 30 / 20 % of the condor's loss with the equity index down 10 %", () => {
    expect(DEFAULT_LADDER.stressDrop).to.equal(WAD / 10n);
    const layers = defaultLayerPolicies(usd(1_000)).map((policy, index) => ({ ...layer(index), policy }));
    const { actions } = planLayers(input(layers));
    // 1,000,000 × min(10 % − 5 %, 3 %) = 30,000 USD: 15,000, 9,000 and 6,000 USD.
    expect(actions.map((a) => /pays (.*) in the stress scenario/.exec(a.reason)?.[1])).to.deep.equal([
      "15,000.00 USD",
      "9,000.00 USD",
      "6,000.00 USD",
    ]);
  });

  it("a rolled layer stays out of the week of a layer that is kept", () => {
    const kept = layer(1, { position: spread(8n, "2026-04-01T08:00:00Z") });
    const roll = layer(0, {
      position: spread(7n, "2026-03-09T08:00:00Z"),
      policy: { ...layer(0).policy, maxTenorDays: 42 },
    });
    const r = planLayers(input([roll, kept])).actions[0] as RollLayer;
    expect(r.closeSeriesId).to.equal(7n);
    expect(r.newExpiry).to.equal(ts("2026-04-08T08:00:00Z"));
  });
});
