// The exact edges of the keeper's money rules that the mutation run (npm run test:mutation:rules, issue 17,
// docs/testing.md) showed untested: each test sits on the boundary (the second, the unit, the basis point)
// where moving a bound by one changes the plan, or checks a reason an operator reads to know why.
import { expect } from "chai";
import { applyBudget } from "../../src/rules/applyBudget.js";
import { chooseExpiry } from "../../src/rules/chooseExpiry.js";
import { IntensityBoundsError, NotEnoughDataError, StaleFeedError } from "../../src/rules/errors.js";
import { eventConflict } from "../../src/rules/eventConflict.js";
import { expiryCandidates } from "../../src/rules/expiryCandidates.js";
import { planCondor } from "../../src/rules/planCondor.js";
import { type KeeperState, planKeeperActions, type RulesConfig } from "../../src/rules/planKeeperActions.js";
import { planLayers, type PlanLayersInput } from "../../src/rules/planLayers.js";
import { computeIntensity, type SignalOptions } from "../../src/rules/signals/computeIntensity.js";
import { dailyCloses } from "../../src/rules/signals/dailyCloses.js";
import { ema } from "../../src/rules/signals/ema.js";
import { macd } from "../../src/rules/signals/macd.js";
import { intensityMultiplier } from "../../src/rules/signals/intensityMultiplier.js";
import { rsi } from "../../src/rules/signals/rsi.js";
import { strikeAbove } from "../../src/rules/strikes.js";
import { DAY, HOUR } from "../../src/rules/time.js";
import type {
  Action,
  BreadthRow,
  CloseCondor,
  FeedRound,
  LayerPolicy,
  LayerState,
  MonetiseLayer,
  RollCondorSide,
  RollLayer,
} from "../../src/types.js";
import {
  CONDOR,
  CONDOR_POLICY,
  LAYER_POLICIES,
  RULES_NOW,
  SIDE_ROLL,
  condorInput,
  emptyCalendar,
  layer,
  layersInput,
  lvl,
  ts,
  usd,
} from "../support/fixtures.js";

const NOW = RULES_NOW;
const types = (a: readonly Action[]) => a.map((x) => x.type);

describe("rules at their exact boundaries", () => {
  describe("applyBudget", () => {
    const roll = (
      index: number,
      premium: number,
      type: "RollLayer" | "MonetiseLayer" = "RollLayer",
    ): Action =>
      ({
        type,
        layer: index,
        closeSeriesId: type === "RollLayer" ? null : 1n,
        newLowerStrike: 1n,
        newUpperStrike: 2n,
        newExpiry: 0,
        size: 1_000n,
        maxPremium: usd(premium),
        reason: `L${index + 1}`,
      }) as Action;
    const settle: Action = { type: "SettleSeries", seriesId: 1n, maxPremium: 0n, reason: "expired" };
    const sideRoll = SIDE_ROLL;

    for (const type of ["RollLayer", "MonetiseLayer"] as const) {
      it(`funds ${type} actions from L1 outwards, whatever their order in the plan`, () => {
        const out = applyBudget(
          [roll(2, 600, type), roll(1, 600, type), roll(0, 600, type)],
          usd(600),
          10_000,
        );
        expect(out.actions.map((a) => (a as RollLayer).layer)).to.deep.equal([0]);
      });
    }

    it("a negative remaining budget still lets free actions through (it counts as zero)", () => {
      const out = applyBudget([settle, roll(0, 1)], -1n);
      expect(types(out.actions)).to.deep.equal(["SettleSeries"]);
    });

    it("scales a layer when exactly minScaleBps of its premium fits (25 %: 100 of 400)", () => {
      const out = applyBudget([roll(0, 400)], usd(100));
      expect(out.actions).to.have.length(1);
      expect(out.actions[0]!.maxPremium).to.equal(usd(100));
      expect((out.actions[0] as RollLayer).size).to.equal(250n);
      expect(out.actions[0]!.reason).to.equal("L1 (scaled to the remaining budget)");
      expect(out.warnings.map((w) => w.code)).to.deep.equal(["BudgetScaled"]);
    });

    it("never scales a layer to zero size, even with minScaleBps 0: it is dropped", () => {
      const out = applyBudget([roll(0, 100)], 0n, 0);
      expect(out.actions).to.deep.equal([]);
      expect(out.warnings.map((w) => w.code)).to.deep.equal(["BudgetDropped"]);
    });

    it("names the dropped action (and its layer) in the warning", () => {
      const out = applyBudget([sideRoll, roll(1, 900)], usd(100));
      expect(out.warnings.map((w) => w.message)).to.deep.equal([
        "RollCondorSide dropped: max premium 500.00 USD > remaining budget 100.00 USD (tested)",
        "RollLayer L2 dropped: max premium 900.00 USD > remaining budget 100.00 USD (L2)",
      ]);
    });
  });

  describe("strikeAbove", () => {
    it("rounds level × (1 + bps) up before the tick: 10,001 × 1.0001 = 10,002.0001 → 10,003", () => {
      expect(strikeAbove(10_001n, 1, 1n)).to.equal(10_003n);
    });
  });

  describe("planCondor", () => {
    const input = condorInput;
    const cpiAt = (at: number) => [{ kind: "CPI" as const, at, source: "t" }];

    it("the event blackout covers exactly [event − 24 h, event): opening at the event's second is allowed", () => {
      const atEvent = planCondor(input({ condor: null, events: cpiAt(NOW) }));
      expect(types(atEvent.actions)).to.deep.equal(["OpenCondor"]);
      expect(atEvent.warnings).to.deep.equal([]);
      const first = planCondor(input({ condor: null, events: cpiAt(NOW + 24 * HOUR) }));
      expect(first.actions).to.deep.equal([]);
      expect(first.warnings.map((w) => w.message)).to.deep.equal([
        "opening the condor blocked: CPI at 2026-03-03 12:00Z is within 24 h",
      ]);
    });

    it("a tested side's roll in the blackout is blocked, with the side named", () => {
      const out = planCondor(input({ equityIndex: lvl(5757), events: cpiAt(NOW + HOUR) }));
      expect(out.actions).to.deep.equal([]);
      expect(out.warnings.map((w) => w.message)).to.deep.equal([
        "rolling the tested put side blocked: CPI at 2026-03-02 13:00Z is within 24 h",
      ]);
    });

    it("settles an expired condor with a reason saying so", () => {
      const out = planCondor(input({ now: CONDOR.expiry }));
      expect(out.actions[0]!.type).to.equal("SettleSeries");
      expect(out.actions[0]!.reason).to.equal("condor (short put/call 5700.00/6240.00) expired: settle");
    });

    it("closes the condor exactly rollWindowDays (5) before its expiry", () => {
      const out = planCondor(input({ now: CONDOR.expiry - 5 * DAY }));
      expect(types(out.actions)).to.deep.equal(["CloseCondor", "OpenCondor"]);
      expect((out.actions[0] as CloseCondor).reason).to.equal(
        "condor (short put/call 5700.00/6240.00) expires in 5.0 days ≤ roll window 5: close",
      );
      const before = planCondor(input({ now: CONDOR.expiry - 5 * DAY - 1 }));
      expect(types(before.actions)).to.deep.equal([]);
    });

    it("a side is tested exactly at testedDistanceBps (1 %) from its short strike", () => {
      // 5700 × 1.01 = 5757: the put side; 6240 × 0.99 = 6177.6: the call side.
      const put = planCondor(input({ equityIndex: lvl(5757) })).actions as RollCondorSide[];
      expect(put.map((a) => a.side)).to.deep.equal(["put"]);
      expect(planCondor(input({ equityIndex: lvl(5757) + 1n })).actions).to.deep.equal([]);
      const call = planCondor(input({ equityIndex: lvl(6177.6) })).actions as RollCondorSide[];
      expect(call.map((a) => a.side)).to.deep.equal(["call"]);
      // The call side re-strikes above the index: 6177.6 × 1.04 = 6424.7 → 6425; × 1.03 = 6617.75 → 6620.
      expect([call[0]!.newShortStrike, call[0]!.newLongStrike]).to.deep.equal([lvl(6425), lvl(6620)]);
      expect(planCondor(input({ equityIndex: lvl(6177.6) - 1n })).actions).to.deep.equal([]);
    });

    it("says what it opens: strikes, expiry and the max loss in % of NAV", () => {
      const [o] = planCondor(input({ condor: null })).actions;
      expect(o!.reason).to.equal(
        "open condor 5525.00/5700.00–6240.00/6430.00 exp 2026-04-15 08:00Z, max loss 5 % of NAV",
      );
    });

    it("opens no condor when every grid Wednesday (and its Tuesday) in 25–45 days is a holiday", () => {
      const holidays = new Set([
        "2026-03-31",
        "2026-04-01",
        "2026-04-07",
        "2026-04-08",
        "2026-04-14",
        "2026-04-15",
      ]);
      const out = planCondor(input({ condor: null, holidays }));
      expect(out.actions).to.deep.equal([]);
      expect(out.warnings).to.deep.equal([
        { level: "critical", code: "NoValidExpiry", message: "condor: no grid expiry in 25–45 days" },
      ]);
    });
  });

  describe("planLayers", () => {
    const input = layersInput;
    const spread = (seriesId: bigint, expiry: number, lower = 23) => ({
      seriesId,
      lowerStrike: lvl(lower),
      upperStrike: lvl(lower * 1.2),
      expiry,
      size: 10n ** 18n,
    });
    const withPolicy = (l: LayerState, over: Partial<LayerPolicy>): LayerState => ({
      ...l,
      policy: { ...l.policy, ...over },
    });
    const APRIL_1 = ts("2026-04-01T08:00:00Z"); // the only grid Wednesday in L1's 25–35 days from NOW

    it("opens an empty layer with a reason naming it and its strikes", () => {
      const [a] = planLayers(input([layer(1)])).actions as RollLayer[];
      expect(a!.reason).to.equal("L2 holds no spread → 26.00/32.50 exp 2026-04-29 08:00Z");
    });

    it("a position expiring at this very second is settled and replaced (not rolled: nothing to close)", () => {
      const { actions } = planLayers(input([layer(0, { position: spread(7n, NOW) })]));
      expect(types(actions)).to.deep.equal(["SettleSeries", "RollLayer"]);
      expect(actions[0]!.reason).to.equal("L1 expired at 2026-03-02 12:00Z: settle series 7");
      expect((actions[1] as RollLayer).closeSeriesId).to.equal(null);
    });

    it("monetises exactly at the trigger (lower strike × 1.30), not one unit below", () => {
      const pos = spread(7n, ts("2026-03-31T08:00:00Z"));
      const at = planLayers(input([layer(0, { position: pos })], { volIndex: lvl(29.9) })).actions;
      expect(types(at)).to.deep.equal(["MonetiseLayer"]);
      expect(at[0]!.reason).to.match(
        /^L1 deep in the money: index 29\.90 ≥ 29\.90 \(lower strike 23\.00 \+ 30 %\)/,
      );
      const below = planLayers(input([layer(0, { position: pos })], { volIndex: lvl(29.9) - 1n })).actions;
      expect(below).to.deep.equal([]);
    });

    it("a monetised layer keeps its expiry while it is valid, and leaves it when it is not", () => {
      const pos = (expiry: number) => spread(7n, expiry);
      const plan = (expiry: number, over: Partial<PlanLayersInput> = {}) =>
        planLayers(input([layer(0, { position: pos(expiry) })], { volIndex: lvl(40), ...over }))
          .actions[0] as MonetiseLayer;
      // 28.8 days out (≥ 25), no event, week free: kept, although the grid would pick 1 April.
      expect(plan(ts("2026-03-31T08:00:00Z")).newExpiry).to.equal(ts("2026-03-31T08:00:00Z"));
      // exactly minTenorDays (25) out: kept; one second less: a new grid expiry.
      expect(plan(NOW + 25 * DAY).newExpiry).to.equal(NOW + 25 * DAY);
      expect(plan(NOW + 25 * DAY - 1).newExpiry).to.equal(APRIL_1);
      // within postEventDays after a CPI: moved to the grid.
      const cpi = [{ kind: "CPI" as const, at: ts("2026-03-29T12:30:00Z"), source: "t" }];
      expect(plan(ts("2026-03-31T08:00:00Z"), { events: cpi }).newExpiry).to.equal(APRIL_1);
    });

    it("rolls exactly rollWindowDays (7) before expiry", () => {
      const at = planLayers(input([layer(0, { position: spread(7n, NOW + 7 * DAY) })])).actions;
      expect(types(at)).to.deep.equal(["RollLayer"]);
      expect((at[0] as RollLayer).closeSeriesId).to.equal(7n);
      expect(
        planLayers(input([layer(0, { position: spread(7n, NOW + 7 * DAY + 1) })])).actions,
      ).to.deep.equal([]);
    });

    it("rolls ahead of an event exactly rollWindowDays before the event's UTC day starts", () => {
      const midnight = ts("2026-03-02");
      const cpi = [{ kind: "CPI" as const, at: ts("2026-03-09T12:30:00Z"), source: "t" }];
      const pos = spread(7n, ts("2026-03-10T08:00:00Z")); // 8.3 days out: outside the 7-day window
      const at = planLayers(input([layer(0, { position: pos })], { now: midnight, events: cpi })).actions;
      expect(types(at)).to.deep.equal(["RollLayer"]);
      const before = planLayers(input([layer(0, { position: pos })], { now: midnight - 1, events: cpi }));
      expect(before.actions).to.deep.equal([]);
    });

    it("the cooldown ends at lastRollAt + cooldownSeconds exactly", () => {
      const ready = planLayers(input([layer(0, { lastRollAt: NOW - 86_400 })]));
      expect(types(ready.actions)).to.deep.equal(["RollLayer"]);
      const cooling = planLayers(input([layer(0, { lastRollAt: NOW - 86_399 })]));
      expect(cooling.actions).to.deep.equal([]);
      expect(cooling.warnings.map((w) => w.message)).to.deep.equal([
        "L1 wants to act (L1 holds no spread) but is in cooldown until 2026-03-02 12:00Z",
      ]);
    });

    it("a layer in cooldown still holds its expiry's week: another layer does not take it", () => {
      const cooling = layer(0, { position: spread(7n, APRIL_1), lastRollAt: NOW });
      const twin: LayerState = { ...layer(1), policy: LAYER_POLICIES[0] as LayerPolicy };
      const { actions, warnings } = planLayers(input([cooling, twin], { volIndex: lvl(40) }));
      expect(actions).to.deep.equal([]);
      expect(warnings.map((w) => w.code)).to.deep.equal(["LayerCooldown", "NoValidExpiry"]);
    });

    it("two layers opened in one plan never share an ISO week", () => {
      const twin: LayerState = { ...layer(1), policy: LAYER_POLICIES[0] as LayerPolicy };
      const { actions, warnings } = planLayers(input([layer(0), twin]));
      expect((actions as RollLayer[]).map((a) => [a.layer, a.newExpiry])).to.deep.equal([[0, APRIL_1]]);
      expect(warnings.map((w) => w.code)).to.deep.equal(["NoValidExpiry"]);
    });

    describe("a layer that finds no valid expiry today", () => {
      // Sunday 1 March 2026, 00:00: L1's window (25–35 days) holds only Wednesday 1 April, which a CPI on
      // 31 March blocks; yesterday's window still held Wednesday 25 March; Wednesday 8 April enters on 5 March.
      const SUNDAY = ts("2026-03-01");
      const cpi = [{ kind: "CPI" as const, at: ts("2026-03-31T12:30:00Z"), source: "t" }];
      const rollBy = (deadline: number) =>
        planLayers(input([layer(0, { position: spread(7n, deadline) })], { now: SUNDAY, events: cpi }));

      it("is critical when no later day before the deadline offers one (yesterday's does not count)", () => {
        const { actions, warnings } = rollBy(SUNDAY + DAY + 1);
        expect(actions).to.deep.equal([]);
        expect(warnings.map((w) => [w.code, w.message])).to.deep.equal([
          [
            "NoValidExpiry",
            "L1: all 1 grid expiries between 25 and 35 days clash with another layer's week or a macro event " +
              "(L1 expires in 1.0 days ≤ roll window 7)",
          ],
        ]);
      });

      it("is deferred when a valid expiry opens up strictly before the deadline, not on it", () => {
        expect(rollBy(SUNDAY + 4 * DAY).warnings.map((w) => w.code)).to.deep.equal(["NoValidExpiry"]);
        expect(rollBy(SUNDAY + 4 * DAY + 1).warnings.map((w) => w.code)).to.deep.equal(["RollDeferred"]);
      });
    });

    describe("short-tenor policies (weeks of an expired position)", () => {
      // Tuesday 3 March 2026, 08:00 (ISO week 10); a 0–6 day layer's only grid expiry is Wednesday 4 March.
      const TUESDAY = ts("2026-03-03T08:00:00Z");
      const WEDNESDAY = ts("2026-03-04T08:00:00Z");
      const short = (index: number, over: Partial<LayerState> = {}): LayerState =>
        withPolicy(layer(index, over), { minTenorDays: 0, maxTenorDays: 6, rollWindowDays: 0 });
      const expiredNow = spread(7n, TUESDAY);

      it("an expired position is replaced on the grid, never kept at its own (past) expiry", () => {
        const { actions } = planLayers(input([short(0, { position: expiredNow })], { now: TUESDAY }));
        expect(types(actions)).to.deep.equal(["SettleSeries", "RollLayer"]);
        expect((actions[1] as RollLayer).newExpiry).to.equal(WEDNESDAY);
      });

      it("a position that expired (at this second) holds no week for the other layers: in cooldown", () => {
        const cooling = layer(0, { position: expiredNow, lastRollAt: TUESDAY });
        const { actions } = planLayers(input([cooling, short(1)], { now: TUESDAY }));
        expect((actions as RollLayer[]).map((a) => [a.type, a.newExpiry ?? null])).to.deep.equal([
          ["SettleSeries", null],
          ["RollLayer", WEDNESDAY],
        ]);
      });

      it("... nor when its own layer finds no expiry", () => {
        const stuck = withPolicy(layer(0, { position: expiredNow }), {
          minTenorDays: 100,
          maxTenorDays: 101,
        });
        const { actions, warnings } = planLayers(input([stuck, short(1)], { now: TUESDAY }));
        expect((actions as RollLayer[]).map((a) => [a.type, a.newExpiry ?? null])).to.deep.equal([
          ["SettleSeries", null],
          ["RollLayer", WEDNESDAY],
        ]);
        expect(warnings.map((w) => w.code)).to.deep.equal(["NoValidExpiry"]);
      });
    });

    it("a zero-width policy still buys a spread one tick wide", () => {
      const [a] = planLayers(input([withPolicy(layer(0), { widthBps: 0 })])).actions as RollLayer[];
      expect([a!.newLowerStrike, a!.newUpperStrike]).to.deep.equal([lvl(23), lvl(23.5)]);
    });

    it("names the layer in the zero-notional and zero-size warnings", () => {
      const off = planLayers(input([withPolicy(layer(2), { notionalShareBps: 0 })]));
      expect(off.warnings.map((w) => w.message)).to.deep.equal(["L3 has zero notional: not opened"]);
      const tiny = planLayers(input([layer(0)], { nav: 1n }));
      expect(tiny.warnings.map((w) => w.message)).to.deep.equal([
        "L1: notional 0.00 USD is too small for one unit at strike 23.00 (L1 holds no spread)",
      ]);
    });
  });

  describe("planKeeperActions", () => {
    /** A flat volatility index at `level`, one round a day at 20:00 UTC for the 80 days before `now`. */
    const flatVol = (now: number, level = 20): FeedRound[] => {
      const first = Math.floor(now / DAY) * DAY - 80 * DAY + 20 * HOUR;
      return Array.from({ length: 80 }, (_, k) => ({ updatedAt: first + k * DAY, answer: lvl(level) }));
    };
    const keeper = (over: Partial<KeeperState> = {}): KeeperState => ({
      now: NOW,
      nav: usd(1_000_000),
      hedgeBudget: usd(10_000),
      layers: [layer(0)],
      condor: null,
      condorPolicy: CONDOR_POLICY,
      volRounds: flatVol(over.now ?? NOW),
      equityRound: { updatedAt: (over.now ?? NOW) - 60, answer: lvl(6000) },
      epochDue: false,
      ...over,
    });
    const rules = (over: Partial<RulesConfig> = {}): RulesConfig => ({
      calendar: emptyCalendar([2026, 2027]),
      requiredEventKinds: ["CPI"],
      strictCalendar: false,
      postEventDays: 2,
      strikeTick: lvl(0.5),
      equityStrikeTick: lvl(5),
      intensity: { min: 1, max: 1, rsiWeight: 0.5, macdWeight: 0.25, breadthWeight: 0.25 },
      maxFeedAgeSeconds: 3 * DAY,
      maxMissingDays: 3,
      breadthLookback: 10,
      maxBreadthAgeDays: 7,
      ...over,
    });
    const lowerStrikes = (plan: ReturnType<typeof planKeeperActions>) =>
      plan.actions.filter((a): a is RollLayer => a.type === "RollLayer").map((a) => a.newLowerStrike);

    it("strikes layers off the latest volatility round at or before now, never a later one", () => {
      const rounds = flatVol(NOW);
      const last = { updatedAt: NOW, answer: lvl(30) }; // exactly now: used (30 × 1.15 = 34.5)
      const future = { updatedAt: NOW + 60, answer: lvl(90) }; // after now: ignored
      expect(
        lowerStrikes(planKeeperActions(keeper({ volRounds: [...rounds, last, future] }), rules())),
      ).to.deep.equal([lvl(34.5)]);
      expect(
        lowerStrikes(planKeeperActions(keeper({ volRounds: [future, last, ...rounds] }), rules())),
      ).to.deep.equal([lvl(34.5)]);
    });

    it("says why it processes the epoch, and why no layer is planned on a stale volatility feed", () => {
      const due = planKeeperActions(keeper({ epochDue: true }), rules());
      expect(due.actions.find((a) => a.type === "ProcessEpoch")?.reason).to.equal(
        "vault has pending requests for this epoch",
      );
      const stale = planKeeperActions(keeper({ volRounds: [] }), rules());
      expect(stale.warnings.find((w) => w.code === "LayersSkipped")?.message).to.equal(
        "volatility feed stale or empty: no layer action planned",
      );
    });

    it("passes the layer rules' warnings on (a layer in cooldown)", () => {
      const plan = planKeeperActions(keeper({ layers: [layer(0, { lastRollAt: NOW })] }), rules());
      expect(plan.warnings.map((w) => w.code)).to.include("LayerCooldown");
    });

    it("passes the condor rules' warnings on (an event blackout from the calendar)", () => {
      const calendar = {
        ...emptyCalendar([2026, 2027]),
        events: [{ kind: "CPI" as const, at: NOW + HOUR, source: "t" }],
      };
      const plan = planKeeperActions(keeper(), rules({ calendar }));
      expect(plan.warnings.map((w) => w.code)).to.include("CondorEventBlackout");
    });

    it("an equity round exactly maxFeedAgeSeconds old is fresh; a zero answer is stale, with the age in days", () => {
      const fresh = planKeeperActions(
        keeper({ equityRound: { updatedAt: NOW - 3 * DAY, answer: lvl(6000) } }),
        rules(),
      );
      expect(types(fresh.actions)).to.include("OpenCondor");
      const zero = planKeeperActions(keeper({ equityRound: { updatedAt: NOW - 60, answer: 0n } }), rules());
      expect(types(zero.actions)).not.to.include("OpenCondor");
      expect(zero.warnings.find((w) => w.code === "EquityFeedStale")?.message).to.equal(
        "equity feed last updated 2026-03-02 11:59Z (now 2026-03-02 12:00Z, max age 3 days): no condor action planned",
      );
    });

    it("sees events of the last postEventDays: a layer expiring just after yesterday's CPI is rolled", () => {
      const position = {
        seriesId: 7n,
        lowerStrike: lvl(23),
        upperStrike: lvl(28),
        expiry: NOW + DAY,
        size: 1n,
      };
      const noWindow: LayerState = {
        ...layer(0, { position }),
        policy: { ...LAYER_POLICIES[0]!, rollWindowDays: 0 },
      };
      const calendar = {
        ...emptyCalendar([2026, 2027]),
        events: [{ kind: "CPI" as const, at: NOW - 12 * HOUR, source: "t" }],
      };
      const plan = planKeeperActions(keeper({ layers: [noWindow] }), rules({ calendar }));
      expect(types(plan.actions)).to.include("RollLayer");
    });

    it("checks the calendar up to horizon + postEventDays: 97 + 2 days from 26 Sep 2026 reaches 2027", () => {
      const now = ts("2026-09-26T12:00:00Z");
      const layers = [layer(0), layer(1), layer(2)];
      const plan = planKeeperActions(keeper({ now, layers }), rules({ calendar: emptyCalendar([2026]) }));
      expect(plan.warnings.map((w) => w.code)).to.include("CalendarYearMissing");
    });
  });

  describe("expiries", () => {
    const cpi = { kind: "CPI" as const, at: ts("2026-03-10T12:30:00Z"), source: "t" };

    it("an expiry conflicts with an event from the start of its UTC day to postEventDays after it, both ends included", () => {
      expect(eventConflict(ts("2026-03-10"), [cpi], 2)).to.equal(cpi);
      expect(eventConflict(ts("2026-03-10") - 1, [cpi], 2)).to.equal(undefined);
      expect(eventConflict(cpi.at + 2 * DAY, [cpi], 2)).to.equal(cpi);
      expect(eventConflict(cpi.at + 2 * DAY + 1, [cpi], 2)).to.equal(undefined);
    });

    it("a Wednesday holiday moves the expiry to Tuesday 08:00, inside a window ending at Wednesday 00:00", () => {
      const out = expiryCandidates(ts("2026-03-09"), ts("2026-03-11"), new Set(["2026-03-11"]));
      expect(out).to.deep.equal([ts("2026-03-10T08:00:00Z")]);
    });

    it("chooses the expiry nearest the window's middle; on a tie, the earlier one", () => {
      // Saturday 28 Feb 20:00 + 7 days: the Wednesdays of 4 and 11 March are 3.5 days either side.
      const now = ts("2026-02-28T20:00:00Z");
      const base = {
        now,
        minTenorDays: 0,
        maxTenorDays: 14,
        holidays: new Set<string>(),
        events: [],
        postEventDays: 2,
      };
      expect(chooseExpiry({ ...base, takenWeeks: new Set() })).to.deep.equal({
        ok: true,
        expiry: ts("2026-03-04T08:00:00Z"),
      });
    });

    it("says when the window holds no grid expiry at all (not that they all clash)", () => {
      const now = ts("2026-03-05T12:00:00Z"); // Thursday: the next six days hold no Wednesday 08:00
      const base = {
        now,
        minTenorDays: 0,
        maxTenorDays: 5,
        holidays: new Set<string>(),
        events: [],
        postEventDays: 2,
      };
      expect(chooseExpiry({ ...base, takenWeeks: new Set() })).to.deep.equal({
        ok: false,
        reason: "no grid expiry between 0 and 5 days",
      });
    });
  });

  describe("intensity", () => {
    const policy = { min: 0.5, max: 2, rsiWeight: 0.5, macdWeight: 0.25, breadthWeight: 0.25 };
    const NEWEST = "2026-03-02";
    const options = (over: Partial<SignalOptions> = {}): SignalOptions => ({
      now: ts(NEWEST) + 7 * DAY,
      maxFeedAgeSeconds: 3 * DAY,
      maxMissingDays: 3,
      holidays: new Set(),
      breadthLookback: 3,
      maxBreadthAgeDays: 7,
      ...over,
    });
    // A/D line 100, -200, -500, -800: over 3 rows it fell by 900 (deteriorating breadth adds hedge).
    const rows: BreadthRow[] = [
      { date: "2026-02-26", advances: 1_100, declines: 1_000 },
      { date: "2026-02-27", advances: 1_000, declines: 1_300 },
      { date: "2026-03-01", advances: 1_000, declines: 1_300 },
      { date: NEWEST, advances: 1_000, declines: 1_300 },
    ];
    const codes = (r: ReturnType<typeof computeIntensity>) => r.warnings.map((w) => w.code);

    it("a feed's last round exactly maxAgeSeconds old (or at this second) is fresh; zero answers do not count", () => {
      const at = (updatedAt: number, answer = lvl(20)) => ({ updatedAt, answer });
      const opts = { now: NOW, maxAgeSeconds: DAY, maxMissingDays: 3, holidays: new Set<string>() };
      expect(() => dailyCloses([at(NOW - DAY)], opts)).not.to.throw();
      expect(() => dailyCloses([at(NOW)], opts)).not.to.throw();
      expect(() => dailyCloses([at(NOW - DAY - 1)], opts)).to.throw(StaleFeedError);
      expect(() => dailyCloses([at(NOW - 2 * DAY), at(NOW - 60, 0n)], opts)).to.throw(StaleFeedError);
    });

    it("a round from the future does not make a stale feed fresh", () => {
      const opts = { now: NOW, maxAgeSeconds: DAY, maxMissingDays: 3, holidays: new Set<string>() };
      const rounds = [
        { updatedAt: NOW - 2 * DAY, answer: lvl(20) },
        { updatedAt: NOW + 60, answer: lvl(20) },
      ];
      expect(() => dailyCloses(rounds, opts)).to.throw(StaleFeedError);
    });

    it("the intensity reads the latest RSI and MACD histogram of the daily closes", () => {
      // 60 days up, then 20 days down: the first RSI (after 14 changes) is 100, the latest is low.
      const first = ts("2026-01-01T20:00:00Z");
      const level = (k: number) => (k < 60 ? 20 + k * 0.2 : 32 - (k - 60) * 0.4);
      const rounds = Array.from({ length: 80 }, (_, k) => ({
        updatedAt: first + k * DAY,
        answer: lvl(level(k)),
      }));
      const now = first + 80 * DAY;
      const opts = options({ now, maxFeedAgeSeconds: 3 * DAY, maxMissingDays: 10 });
      const out = computeIntensity(rounds, undefined, policy, opts);
      const closes = dailyCloses(rounds, {
        now,
        maxAgeSeconds: 3 * DAY,
        maxMissingDays: 10,
        holidays: new Set(),
      });
      const series = closes.map((c) => c.close);
      expect(out.inputs.rsi).to.equal(rsi(series).at(-1));
      expect(out.inputs.rsi! < 50).to.equal(true);
      expect(out.inputs.macdHistogram).to.equal(macd(series).histogram.at(-1));
    });

    it("RSI of a flat series is 50; an EMA needs `period` values", () => {
      expect(rsi(Array.from({ length: 15 }, () => 20))).to.deep.equal([50]);
      expect(() => ema([1, 2], 3)).to.throw(NotEnoughDataError);
    });

    it("bounds: min must be above 0 and at most max (min = max is a fixed multiplier)", () => {
      expect(() => intensityMultiplier({}, { ...policy, min: 0 })).to.throw(IntensityBoundsError);
      expect(intensityMultiplier({ rsi: 100 }, { ...policy, min: 1.5, max: 1.5 }).value).to.equal(1.5);
    });

    it("the A/D change is the line's fall over breadthLookback rows, read from a file exactly maxBreadthAgeDays old", () => {
      const out = computeIntensity([], rows, policy, options());
      expect(out.inputs.adChange).to.equal(-900);
      expect(out.intensity.value).to.equal(1.25);
      expect(codes(out)).not.to.include("BreadthStale");
    });

    it("a breadth file one second older than maxBreadthAgeDays scores 0, with its age in the warning", () => {
      const out = computeIntensity([], rows, policy, options({ now: ts(NEWEST) + 7 * DAY + 1 }));
      expect(out.inputs.adChange).to.equal(undefined);
      expect(out.warnings.find((w) => w.code === "BreadthStale")?.message).to.equal(
        "breadth file ends 2026-03-02 (7 days ago > 7): A/D score 0",
      );
    });

    it("needs more than breadthLookback rows; none (or an empty file) scores 0 with an info", () => {
      const short = computeIntensity([], rows.slice(1), policy, options());
      expect(short.inputs.adChange).to.equal(undefined);
      expect(short.warnings.find((w) => w.message.startsWith("A/D line"))?.message).to.equal(
        "A/D line: needs more than 3 rows, got 3",
      );
      for (const none of [undefined, []]) {
        const out = computeIntensity([], none, policy, options());
        expect(out.inputs.adChange).to.equal(undefined);
        expect(out.warnings.find((w) => w.code === "BreadthUnavailable")).to.deep.equal({
          level: "info",
          code: "BreadthUnavailable",
          message: "no breadth file: A/D score 0",
        });
      }
    });
  });
});
