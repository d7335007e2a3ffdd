import { expect } from "chai";
import { planLayers, type PlanLayersInput } from "../../src/rules/planLayers.js";
import { isoWeekKey } from "../../src/rules/time.js";
import type { Action, LayerState, MonetiseLayer, RollLayer } from "../../src/types.js";
import { RULES_NOW, layer, layersInput, lvl, repoCalendar, ts, usd } from "../support/fixtures.js";

const NOW = RULES_NOW;
const input = layersInput;

const types = (a: Action[]) => a.map((x) => x.type);
const spread = (seriesId: bigint, expiry: string, lower = 23) => ({
  seriesId,
  lowerStrike: lvl(lower),
  upperStrike: lvl(lower * 1.2),
  expiry: ts(expiry),
  size: 10n ** 18n,
});

describe("rules/planLayers", () => {
  it("opens all three empty layers on staggered Wednesdays with OTM strikes and NAV-based size", () => {
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
    // 10 % of 1,000,000 USD at a 23.00 strike = 4347.826… units (18 decimals, rounded down)
    expect(rolls[0]!.size).to.equal((usd(100_000) * 10n ** 20n) / lvl(23));
    expect(rolls[0]!.closeSeriesId).to.equal(null);
    expect(rolls[0]!.maxPremium).to.equal(usd(1_000));
  });

  it("scales the size by the intensity multiplier", () => {
    const one = planLayers(input([layer(0)])).actions[0] as RollLayer;
    const twice = planLayers(input([layer(0)], { intensity: 2 })).actions[0] as RollLayer;
    const half = planLayers(input([layer(0)], { intensity: 0.5 })).actions[0] as RollLayer;
    expect(twice.size).to.equal((usd(200_000) * 10n ** 20n) / lvl(23));
    expect(half.size).to.equal((usd(50_000) * 10n ** 20n) / lvl(23));
    expect(one.size > half.size && one.size < twice.size).to.equal(true);
  });

  it("leaves a zero-notional (disabled) layer alone, but still settles its expired series", () => {
    const off = (i: number, position: LayerState["position"] = null): LayerState => {
      const base = layer(i, { position });
      return { ...base, policy: { ...base.policy, notionalShareBps: 0 } };
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

  it("skips a layer whose notional buys less than one unit, with a warning", () => {
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
      name: "monetises deep in the money (index ≥ lower × 1.3), keeping a still-valid expiry",
      layers: [layer(0, { position: spread(7n, "2026-04-01T08:00:00Z") })],
      over: { volIndex: lvl(30) },
      types: ["MonetiseLayer"],
      codes: [],
      reason: /deep in the money: index 30\.00 ≥ 29\.90/,
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
      name: "no valid expiry before the layer expires is a critical warning, not a silent skip",
      layers: [
        layer(0, { position: spread(7n, "2026-03-04T08:00:00Z") }),
        layer(1, { position: spread(8n, "2026-04-01T08:00:00Z") }),
      ],
      types: [],
      codes: ["NoValidExpiry"],
    },
    {
      name: "an empty layer with no valid expiry is critical at once",
      layers: [layer(0), layer(1, { position: spread(8n, "2026-04-01T08:00:00Z") })],
      types: [],
      codes: ["NoValidExpiry"],
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      const { actions, warnings } = planLayers(input(row.layers, row.over));
      expect(types(actions)).to.deep.equal(row.types);
      expect(warnings.map((w) => w.code)).to.deep.equal(row.codes);
      if (row.reason) expect(actions.at(-1)?.reason ?? warnings[0]?.message).to.match(row.reason);
    });
  }

  it("a monetised layer re-strikes above the new level and closes the old series", () => {
    const { actions } = planLayers(
      input([layer(0, { position: spread(7n, "2026-04-01T08:00:00Z") })], { volIndex: lvl(30) }),
    );
    const m = actions[0] as MonetiseLayer;
    expect(m.closeSeriesId).to.equal(7n);
    expect(m.newLowerStrike).to.equal(lvl(34.5));
    expect(m.newExpiry).to.equal(ts("2026-04-01T08:00:00Z"));
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
