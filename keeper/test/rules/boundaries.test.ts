// The exact edges of the keeper's money rules that the mutation run (npm run test:mutation:rules, issue 17,
// docs/testing.md) showed untested: each test sits on the boundary (the second, the unit, the basis point)
// where moving a bound by one changes the plan, or checks a reason an operator reads to know why.
// Ported from the pre-wip/econ rules to the current ones (ladder sized to the condor, monetisation without re-buy,
// condor sides held to expiry and rolled out in time, CondorSpikeHold, relaxed expiries, intensity from the equity
// index, the breadth and the volatility level).
import { expect } from "chai";
import { applyBudget } from "../../src/rules/applyBudget.js";
import { chooseExpiry } from "../../src/rules/chooseExpiry.js";
import { DEFAULT_LADDER } from "../../src/rules/defaultPolicies.js";
import { IntensityBoundsError, NotEnoughDataError, StaleFeedError } from "../../src/rules/errors.js";
import { eventConflict } from "../../src/rules/eventConflict.js";
import { expiryCandidates } from "../../src/rules/expiryCandidates.js";
import { intensityWad, ladderCash, ladderSize } from "../../src/rules/ladderSize.js";
import { planCondor } from "../../src/rules/planCondor.js";
import { type KeeperState, planKeeperActions, type RulesConfig } from "../../src/rules/planKeeperActions.js";
import { planLayers } from "../../src/rules/planLayers.js";
import { computeIntensity, type SignalOptions } from "../../src/rules/signals/computeIntensity.js";
import { dailyCloses } from "../../src/rules/signals/dailyCloses.js";
import { ema } from "../../src/rules/signals/ema.js";
import { intensityMultiplier } from "../../src/rules/signals/intensityMultiplier.js";
import { macd } from "../../src/rules/signals/macd.js";
import { rsi } from "../../src/rules/signals/rsi.js";
import { strikeAbove } from "../../src/rules/strikes.js";
import { DAY, HOUR } from "../../src/rules/time.js";
import type {
  Action,
  BreadthRow,
  FeedRound,
  LayerPolicy,
  LayerState,
  OpenCondor,
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
const WAD = 10n ** 18n;
const types = (a: readonly Action[]) => a.map((x) => x.type);

describe("rules at their exact boundaries", () => {
  describe("applyBudget", () => {
    const roll = (
      index: number,
      type: "RollLayer" | "MonetiseLayer" = "RollLayer",
      closeSeriesId: bigint | null = null,
    ): Action =>
      type === "RollLayer"
        ? {
            type,
            layer: index,
            closeSeriesId,
            newLowerStrike: 1n,
            newUpperStrike: 2n,
            newExpiry: 0,
            size: 1_000n,
            intensity: WAD,
            maxPremium: usd(600),
            reason: `L${index + 1}`,
          }
        : { type, layer: index, closeSeriesId: 1n, maxPremium: 0n, reason: `L${index + 1}` };
    const settle: Action = { type: "SettleSeries", seriesId: 1n, maxPremium: 0n, reason: "expired" };
    const epoch: Action = { type: "ProcessEpoch", maxPremium: 0n, reason: "due" };
    const sideRoll = SIDE_ROLL;

    for (const type of ["RollLayer", "MonetiseLayer"] as const) {
      it(`orders ${type} actions from L1 outwards, whatever their order in the plan`, () => {
        const out = applyBudget([roll(2, type), roll(1, type), roll(0, type)], usd(600));
        expect(out.actions.map((a) => (a as RollLayer).layer)).to.deep.equal([0, 1, 2]);
        expect(out.warnings).to.deep.equal([]);
      });
    }

    it("drops an empty layer's purchase at a remaining budget of 0 (or below), keeps it at 1 unit", () => {
      const zero = applyBudget([epoch, roll(0)], 0n);
      expect(types(zero.actions)).to.deep.equal(["ProcessEpoch"]);
      expect(zero.warnings.map((w) => w.code)).to.deep.equal(["BudgetDropped"]);
      // A negative remaining budget still lets free actions through.
      expect(types(applyBudget([epoch, roll(0)], -1n).actions)).to.deep.equal(["ProcessEpoch"]);
      expect(types(applyBudget([epoch, roll(0)], 1n).actions)).to.deep.equal(["ProcessEpoch", "RollLayer"]);
      // A roll that sells the old spread (closeSeriesId set) and a plan with a refill (a settlement) are kept.
      expect(types(applyBudget([roll(0, "RollLayer", 7n)], -1n).actions)).to.deep.equal(["RollLayer"]);
      expect(types(applyBudget([settle, roll(0)], -1n).actions)).to.deep.equal(["SettleSeries", "RollLayer"]);
    });

    it("a monetisation earlier in the plan refills the window: an empty layer's purchase at 0 is kept", () => {
      const out = applyBudget([roll(0), roll(1, "MonetiseLayer")], 0n);
      expect(types(out.actions)).to.deep.equal(["MonetiseLayer", "RollLayer"]);
      expect(out.warnings).to.deep.equal([]);
    });

    it("names the dropped layer and the window's room in the warning (a condor side roll is never dropped)", () => {
      const out = applyBudget([roll(1), sideRoll], 0n);
      expect(types(out.actions)).to.deep.equal(["RollCondorSide"]);
      expect(out.warnings.map((w) => w.message)).to.deep.equal([
        "RollLayer L2 dropped: the cash press has no room left this window (0.00 USD) and the layer holds nothing to sell (L2)",
      ]);
    });
  });

  describe("strikeAbove", () => {
    it("rounds level × (1 + bps) up before the tick: 10,001 × 1.0001 = 10,002.0001 → 10,003", () => {
      expect(strikeAbove(10_001n, 1, 1n)).to.equal(10_003n);
    });
  });

  describe("ladderSize", () => {
    const ladder = DEFAULT_LADDER; // stress: equity −10 %, puts short 5 % down, 3 % wings; volatility +100 %
    const nav = usd(1_000_000);

    it("the condor loses nothing (no ladder cash) with the stress drop at or below the put distance", () => {
      const at = { ...ladder, stressDrop: ladder.putDistance };
      expect(ladderCash(nav, at, WAD, WAD)).to.equal(0n);
      // A drop short of the put (4 %) is no negative loss: still 0.
      expect(ladderCash(nav, { ...ladder, stressDrop: ladder.putDistance - WAD / 100n }, WAD, WAD)).to.equal(
        0n,
      );
      // 1 bp past the short put: 1,000,000 USD × 0.01 % = 100 USD.
      expect(
        ladderCash(nav, { ...ladder, stressDrop: ladder.putDistance + WAD / 10_000n }, WAD, WAD),
      ).to.equal(usd(100));
    });

    it("the loss stops at the wing: a drop past putDistance + wingWidth pays the wing's width, not more", () => {
      const wing = ladder.putDistance + ladder.wingWidth; // 8 %
      expect(ladderCash(nav, { ...ladder, stressDrop: wing - WAD / 100n }, WAD, WAD)).to.equal(usd(20_000));
      expect(ladderCash(nav, { ...ladder, stressDrop: wing }, WAD, WAD)).to.equal(usd(30_000));
      expect(ladderCash(nav, { ...ladder, stressDrop: wing + WAD / 100n }, WAD, WAD)).to.equal(usd(30_000));
    });

    it("a spread whose lower strike is exactly the stressed level buys nothing; one unit below, its payoff", () => {
      // Index 20 up 100 %: 40.00 in the stress scenario.
      const cash = usd(1_000);
      expect(ladderSize(cash, lvl(20), WAD, lvl(40), lvl(45), ladder.cashScale)).to.equal(0n);
      expect(ladderSize(cash, lvl(20), WAD, lvl(41), lvl(45), ladder.cashScale)).to.equal(0n);
      // 1e-8 points below: pays 1e-8 a contract, capped by nothing (the width is 5): 1,000 / 1e-8 contracts.
      expect(ladderSize(cash, lvl(20), WAD, lvl(40) - 1n, lvl(45), ladder.cashScale)).to.equal(
        (cash * ladder.cashScale) / 10n ** 10n,
      );
      // Stressed past the upper strike: pays the width.
      expect(ladderSize(cash, lvl(20), WAD, lvl(30), lvl(35), ladder.cashScale)).to.equal(
        (cash * ladder.cashScale) / (lvl(5) * 10n ** 10n),
      );
    });

    it("the intensity is clamped to [min, max] in 1e-6 steps: below, at and above each bound", () => {
      const [lo, hi] = [ladder.minIntensity, ladder.maxIntensity]; // 0.5, 2
      expect(intensityWad(0.25, lo, hi)).to.equal(lo);
      expect(intensityWad(0.499999, lo, hi)).to.equal(lo);
      expect(intensityWad(0.5, lo, hi)).to.equal(lo);
      expect(intensityWad(0.500001, lo, hi)).to.equal(lo + 10n ** 12n);
      expect(intensityWad(1.2345674, lo, hi)).to.equal(1_234_567n * 10n ** 12n);
      expect(intensityWad(1.999999, lo, hi)).to.equal(hi - 10n ** 12n);
      expect(intensityWad(2, lo, hi)).to.equal(hi);
      expect(intensityWad(2.000001, lo, hi)).to.equal(hi);
    });
  });

  describe("planCondor", () => {
    const input = condorInput;
    const cpiAt = (at: number) => [{ kind: "CPI" as const, at, source: "t" }];
    const EXPIRY = CONDOR.put!.expiry; // both sides expire 25 March 2026, 08:00

    it("the event blackout covers exactly [event − 24 h, event): opening at the event's second is allowed", () => {
      const atEvent = planCondor(input({ condor: null, events: cpiAt(NOW) }));
      expect(types(atEvent.actions)).to.deep.equal(["OpenCondor"]);
      expect(atEvent.warnings).to.deep.equal([]);
      const first = planCondor(input({ condor: null, events: cpiAt(NOW + 24 * HOUR) }));
      expect(first.actions).to.deep.equal([]);
      expect(first.warnings.map((w) => w.message)).to.deep.equal([
        "opening the condor's put and call side blocked: CPI at 2026-03-03 12:00Z is within 24 h",
      ]);
      const after = planCondor(input({ condor: null, events: cpiAt(NOW + 24 * HOUR + 1) }));
      expect(types(after.actions)).to.deep.equal(["OpenCondor"]);
    });

    it("a tested side's roll in the blackout is blocked, with the side named", () => {
      const out = planCondor(input({ equityIndex: lvl(5757), events: cpiAt(NOW + HOUR) }));
      expect(out.actions).to.deep.equal([]);
      expect(out.warnings.map((w) => w.message)).to.deep.equal([
        "rolling the tested put side blocked: CPI at 2026-03-02 13:00Z is within 24 h",
      ]);
    });

    it("holds each side to its expiry's second, then settles it with a reason saying so", () => {
      expect(planCondor(input({ now: EXPIRY - 1 })).actions).to.deep.equal([]);
      const out = planCondor(input({ now: EXPIRY }));
      expect(out.actions[0]!.type).to.equal("SettleSeries");
      expect(out.actions[0]!.reason).to.equal(
        "condor put side (short 5700.00, expires 2026-03-25 08:00Z) expired: settle",
      );
    });

    it("a side is tested exactly at testedDistanceBps (1 %) from its short strike", () => {
      // 5700 × 1.01 = 5757: the put side; 6240 × 0.99 = 6177.6: the call side.
      const put = planCondor(input({ equityIndex: lvl(5757) })).actions as RollCondorSide[];
      expect(put.map((a) => a.side)).to.deep.equal(["put"]);
      expect(planCondor(input({ equityIndex: lvl(5757) + 1n })).actions).to.deep.equal([]);
      const call = planCondor(input({ equityIndex: lvl(6177.6) })).actions as RollCondorSide[];
      expect(call.map((a) => a.side)).to.deep.equal(["call"]);
      // The call side re-strikes above the index: 6177.6 × 1.04 = 6424.7 → 6425; × 1.03 = 6617.75 → 6620, and is
      // rolled out in time to the latest grid expiry of 25–45 days (15 April).
      expect([call[0]!.newShortStrike, call[0]!.newLongStrike]).to.deep.equal([lvl(6425), lvl(6620)]);
      expect(call[0]!.newExpiry).to.equal(ts("2026-04-15T08:00:00Z"));
      expect(planCondor(input({ equityIndex: lvl(6177.6) - 1n })).actions).to.deep.equal([]);
    });

    it("holds a tested side while the 30-day forward factor is 1 − 1 wei, rolls it at exactly 1", () => {
      const spike = planCondor(input({ equityIndex: lvl(5757), volTermFactor: WAD - 1n }));
      expect(spike.actions).to.deep.equal([]);
      expect(spike.warnings.map((w) => w.code)).to.deep.equal(["CondorSpikeHold"]);
      const flat = planCondor(input({ equityIndex: lvl(5757), volTermFactor: WAD }));
      expect(types(flat.actions)).to.deep.equal(["RollCondorSide"]);
    });

    it("in a spike (forward factor 1 − 1 wei: backwardation) it says which missing sides it does not sell", () => {
      const out = planCondor(input({ condor: null, volTermFactor: WAD - 1n }));
      expect(out.actions).to.deep.equal([]);
      expect(out.warnings).to.deep.equal([
        {
          level: "info",
          code: "CondorSpikeHold",
          message:
            "selling the condor's put and call side held: the volatility curve is in backwardation " +
            "(30-day forward factor 1.000 < 1), no new condor risk in a spike",
        },
      ]);
    });

    it("says what it opens: sides, strikes, expiry and the max loss in % of NAV", () => {
      const [o] = planCondor(input({ condor: null })).actions as OpenCondor[];
      expect(o!.sides).to.deep.equal(["put", "call"]);
      expect(o!.reason).to.equal(
        "sell the condor's put 5525.00/5700.00 and call 6240.00/6430.00 exp 2026-04-15 08:00Z, max loss 5 % of NAV",
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

    it("opens an empty layer with a reason naming it, its strikes, its size and its stress payoff", () => {
      // The condor's stress loss: 1,000,000 × min(10 % − 5 %, 3 %) = 30,000 USD; L2 carries 30 %: 9,000 USD, and
      // 26/32.5 pays its width 6.5 a contract with the index at 40: 9,000 / 6.5 = 1,384.615… contracts.
      const [a] = planLayers(input([layer(1)])).actions as RollLayer[];
      expect(a!.reason).to.equal(
        "L2 holds no spread → 26.00/32.50 exp 2026-04-29 08:00Z, 1,384.62 units (pays 9,000.00 USD in the stress scenario)",
      );
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

    it("a layer in cooldown still holds its expiry's week: another layer takes it only as a relaxation", () => {
      // A 30-day roll window: the layer wants to roll its 1 April spread now but rolled at this very second.
      const cooling = withPolicy(layer(0, { position: spread(7n, APRIL_1), lastRollAt: NOW }), {
        rollWindowDays: 30,
      });
      const twin: LayerState = { ...layer(1), policy: LAYER_POLICIES[0] as LayerPolicy };
      const { actions, warnings } = planLayers(input([cooling, twin]));
      expect((actions as RollLayer[]).map((a) => [a.layer, a.newExpiry])).to.deep.equal([[1, APRIL_1]]);
      expect(warnings.map((w) => w.code)).to.deep.equal(["LayerCooldown", "ExpiryRelaxed"]);
      expect(warnings[1]!.message).to.equal(
        "L2: all 1 grid expiries between 25 and 35 days clash with another layer's week or a macro event; " +
          'relaxed to "shared week": 2026-04-01 08:00Z (L2 holds no spread)',
      );
      // One second after its cooldown the layer rolls itself, and the twin's week is again only a relaxation.
      const ready = planLayers(input([{ ...cooling, lastRollAt: NOW - 86_400 }, twin]));
      expect((ready.actions as RollLayer[]).map((a) => [a.layer, a.newExpiry])).to.deep.equal([
        [0, APRIL_1],
        [1, APRIL_1],
      ]);
      expect(ready.warnings.map((w) => w.code)).to.deep.equal(["ExpiryRelaxed"]);
    });

    it('two layers opened in one plan share an ISO week only as a reported relaxation ("shared week")', () => {
      const twin: LayerState = { ...layer(1), policy: LAYER_POLICIES[0] as LayerPolicy };
      const { actions, warnings } = planLayers(input([layer(0), twin]));
      expect((actions as RollLayer[]).map((a) => [a.layer, a.newExpiry])).to.deep.equal([
        [0, APRIL_1],
        [1, APRIL_1],
      ]);
      expect(warnings.map((w) => [w.level, w.code])).to.deep.equal([["warn", "ExpiryRelaxed"]]);
      expect(warnings[0]!.message).to.match(/^L2: .*; relaxed to "shared week": 2026-04-01 08:00Z/);
    });

    describe("re-entry after a monetisation: which rule let it in, or why it waits", () => {
      // Monetised out of a 23/27.6 spread at NOW − 5 days: the 5-day delay ends at NOW exactly.
      const monetised = layer(0, { lastRollAt: NOW - 5 * DAY, reentryLevel: lvl(23) });
      const BACKWARDATION = (99n * WAD) / 100n;
      const plan = (over: Parameters<typeof input>[1]) => planLayers(input([monetised], over));
      const reasonOf = (p: ReturnType<typeof planLayers>) =>
        (p.actions[0] as RollLayer).reason.split(" → ")[0];

      it("re-enters at the delay's second with the index exactly at the sold lower strike (curve inverted)", () => {
        const out = plan({ volIndex: lvl(23), volTermFactor: BACKWARDATION });
        expect(types(out.actions)).to.deep.equal(["RollLayer"]);
        expect(reasonOf(out)).to.equal("L1 re-entry after its monetisation: index 23.00 ≤ 23.00");
        expect(out.warnings).to.deep.equal([]);
      });

      it("re-enters with the index one unit above that strike only because the curve is back in contango", () => {
        const out = plan({ volIndex: lvl(23) + 1n, volTermFactor: WAD });
        expect(reasonOf(out)).to.equal(
          "L1 re-entry after its monetisation: the volatility curve is back in contango (30-day forward factor 1.000)",
        );
        const steep = plan({ volIndex: lvl(25), volTermFactor: (1_125n * WAD) / 1_000n });
        expect(reasonOf(steep)).to.equal(
          "L1 re-entry after its monetisation: the volatility curve is back in contango (30-day forward factor 1.125)",
        );
      });

      it("one second before the delay ends it waits for the delay, however calm the index", () => {
        const out = plan({ now: NOW - 1, volIndex: lvl(18) });
        expect(out.actions).to.deep.equal([]);
        expect(out.warnings).to.deep.equal([
          {
            level: "info",
            code: "ReentryWaiting",
            message:
              "L1 monetised, stays empty: re-entry delay until 2026-03-02 12:00Z (no buying at the top)",
          },
        ]);
      });

      it("at the delay's second, with the index one unit above the strike and the curve inverted, it waits for both", () => {
        const out = plan({ volIndex: lvl(23) + 1n, volTermFactor: BACKWARDATION });
        expect(out.actions).to.deep.equal([]);
        expect(out.warnings.map((w) => w.message)).to.deep.equal([
          "L1 monetised, stays empty: index 23.00 > 23.00 and the curve in backwardation (30-day forward factor 0.990) " +
            "(no buying at the top)",
        ]);
      });

      it("a re-entry is capped at 1 only from above: a vault maximum below 1 still applies", () => {
        const ladder = { ...DEFAULT_LADDER, maxIntensity: (8n * WAD) / 10n };
        const [r] = plan({ volIndex: lvl(22), intensity: 1, ladder }).actions as RollLayer[];
        expect(r!.intensity).to.equal((8n * WAD) / 10n);
      });

      it("an expired position's replacement is not a re-entry: its intensity is not capped at 1", () => {
        const { actions } = planLayers(input([layer(0, { position: spread(7n, NOW) })], { intensity: 2 }));
        expect((actions[1] as RollLayer).intensity).to.equal(2n * WAD);
      });
    });

    it("a layer being monetised still holds its expiry's week: another layer takes it only as a relaxation", () => {
      // The index at 30 ≥ 23 × 1.3: L1 sells its 1 April spread; the twin's only grid expiry is 1 April.
      const selling = layer(0, { position: spread(7n, APRIL_1) });
      const twin: LayerState = { ...layer(1), policy: LAYER_POLICIES[0] as LayerPolicy };
      const { actions, warnings } = planLayers(input([selling, twin], { volIndex: lvl(30) }));
      expect(types(actions)).to.deep.equal(["MonetiseLayer", "RollLayer"]);
      expect((actions[1] as RollLayer).newExpiry).to.equal(APRIL_1);
      expect(warnings.map((w) => w.code)).to.deep.equal(["ExpiryRelaxed"]);
      expect(warnings[0]!.message).to.match(/^L2: .*; relaxed to "shared week": 2026-04-01 08:00Z/);
    });

    describe("a layer that finds no valid expiry today", () => {
      // Sunday 1 March 2026, 00:00: L1's window (25–35 days) holds only Wednesday 1 April, which a CPI on
      // 31 March blocks; yesterday's window still held Wednesday 25 March; Wednesday 8 April enters on 5 March.
      const SUNDAY = ts("2026-03-01");
      const cpi = [{ kind: "CPI" as const, at: ts("2026-03-31T12:30:00Z"), source: "t" }];
      const rollBy = (deadline: number) =>
        planLayers(input([layer(0, { position: spread(7n, deadline) })], { now: SUNDAY, events: cpi }));

      it("is relaxed when no later day before the deadline offers one (yesterday's does not count)", () => {
        const { actions, warnings } = rollBy(SUNDAY + DAY + 1);
        expect((actions as RollLayer[]).map((a) => [a.type, a.closeSeriesId, a.newExpiry])).to.deep.equal([
          ["RollLayer", 7n, APRIL_1],
        ]);
        expect(warnings.map((w) => [w.code, w.message])).to.deep.equal([
          [
            "ExpiryRelaxed",
            "L1: all 1 grid expiries between 25 and 35 days clash with another layer's week or a macro event; " +
              'relaxed to "after an event": 2026-04-01 08:00Z (L1 expires in 1.0 days ≤ roll window 7)',
          ],
        ]);
      });

      it("is deferred when a valid expiry opens up strictly before the deadline, not on it", () => {
        expect(rollBy(SUNDAY + 4 * DAY).warnings.map((w) => w.code)).to.deep.equal(["ExpiryRelaxed"]);
        const deferred = rollBy(SUNDAY + 4 * DAY + 1);
        expect(deferred.actions).to.deep.equal([]);
        expect(deferred.warnings.map((w) => w.message)).to.deep.equal([
          "L1: all 1 grid expiries between 25 and 35 days clash with another layer's week or a macro event today; " +
            "a valid expiry (2026-04-08 08:00Z) opens up on 2026-03-05 00:00Z, before 2026-03-05 00:00Z " +
            "(L1 expires in 4.0 days ≤ roll window 7)",
        ]);
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
        const { actions, warnings } = planLayers(input([cooling, short(1)], { now: TUESDAY }));
        expect((actions as RollLayer[]).map((a) => [a.type, a.newExpiry ?? null])).to.deep.equal([
          ["SettleSeries", null],
          ["RollLayer", WEDNESDAY],
        ]);
        // The strict choice: no "shared week" relaxation.
        expect(warnings.map((w) => w.code)).to.deep.equal(["LayerCooldown"]);
      });

      it("... nor when its own layer finds no expiry (a tenor window of a weekend: 102–103 days)", () => {
        // Tuesday 3 March 08:00 + 102 days = Saturday 13 June 08:00; + 103 = Sunday 14 June: no business day.
        const stuck = withPolicy(layer(0, { position: expiredNow }), {
          minTenorDays: 102,
          maxTenorDays: 103,
        });
        const { actions, warnings } = planLayers(input([stuck, short(1)], { now: TUESDAY }));
        expect((actions as RollLayer[]).map((a) => [a.type, a.newExpiry ?? null])).to.deep.equal([
          ["SettleSeries", null],
          ["RollLayer", WEDNESDAY],
        ]);
        expect(warnings.map((w) => [w.level, w.code, w.message])).to.deep.equal([
          [
            "critical",
            "NoValidExpiry",
            "L1: no business day between 102 and 103 days (L1 expired at 2026-03-03 08:00Z)",
          ],
        ]);
      });
    });

    it("a zero-width policy still buys a spread one tick wide", () => {
      const [a] = planLayers(input([withPolicy(layer(0), { widthBps: 0 })])).actions as RollLayer[];
      expect([a!.newLowerStrike, a!.newUpperStrike]).to.deep.equal([lvl(23), lvl(23.5)]);
    });

    it("names the layer in the zero-weight and zero-size warnings; 67 micro-USD of NAV buys L1's first contracts", () => {
      const off = planLayers(input([withPolicy(layer(2), { weight: 0n })]));
      expect(off.actions).to.deep.equal([]);
      expect(off.warnings.map((w) => w.message)).to.deep.equal(["L3 has zero weight: not opened"]);
      // NAV 66e-6 USD: stress loss 66 × min(10 % − 5 %, 3 % wing) = 1.98 → 1 micro-USD, × 50 % → 0: no contract.
      const tiny = planLayers(input([layer(0)], { nav: 66n }));
      expect(tiny.actions).to.deep.equal([]);
      expect(tiny.warnings.map((w) => w.message)).to.deep.equal([
        "L1: the ladder's stress payoff for it (0.00 USD) buys no contract of 23.00/28.00 (L1 holds no spread)",
      ]);
      // NAV 67e-6 USD: 2.01 → 2 → 1 micro-USD, on a 5-point spread: 1e-6 × 1e18 / 5 = 2e11 contracts (18 decimals).
      const [one] = planLayers(input([layer(0)], { nav: 67n })).actions as RollLayer[];
      expect(one!.size).to.equal(200_000_000_000n);
    });
  });

  describe("planKeeperActions", () => {
    /** A flat index at `level` (the volatility index by default), one round a day at 20:00 UTC for the 80 days before `now`. */
    const flatVol = (now: number, level = 20): FeedRound[] => {
      const first = Math.floor(now / DAY) * DAY - 80 * DAY + 20 * HOUR;
      return Array.from({ length: 80 }, (_, k) => ({ updatedAt: first + k * DAY, answer: lvl(level) }));
    };
    const keeper = (over: Partial<KeeperState> = {}): KeeperState => ({
      now: NOW,
      nav: usd(1_000_000),
      hedgeBudget: usd(10_000),
      layers: [layer(0)],
      ladder: DEFAULT_LADDER,
      volTermFactor: WAD,
      condor: null,
      condorPolicy: CONDOR_POLICY,
      volRounds: flatVol(over.now ?? NOW),
      equityRound: { updatedAt: (over.now ?? NOW) - 60, answer: lvl(6000) },
      equityRounds: flatVol(over.now ?? NOW, 6000),
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
      intensity: {
        min: 1,
        max: 1,
        rsiWeight: 0.25,
        macdWeight: 0.25,
        breadthWeight: 0.25,
        levelWeight: 0.25,
        calmLevel: 20,
      },
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
        relaxation: "strict",
      });
      // One second later, 11 March is the nearer one.
      expect(chooseExpiry({ ...base, now: now + 1, takenWeeks: new Set() })).to.deep.equal({
        ok: true,
        expiry: ts("2026-03-11T08:00:00Z"),
        relaxation: "strict",
      });
    });

    describe("relaxed to any business day: 08:00 UTC inside [now + minTenor, now + maxTenor], both ends included", () => {
      const MONDAY = ts("2026-03-02"); // no Wednesday before 4 March: the grid is empty in these windows
      const pick = (now: number, maxTenorDays: number) =>
        chooseExpiry(
          {
            now,
            minTenorDays: 0,
            maxTenorDays,
            holidays: new Set<string>(),
            events: [],
            postEventDays: 2,
            takenWeeks: new Set(),
          },
          "event day",
        );
      const monday8 = MONDAY + 8 * HOUR;

      it("a window opening exactly at Monday 08:00 takes it; one opening a second later does not", () => {
        expect(pick(monday8, 0.5)).to.deep.equal({
          ok: true,
          expiry: monday8,
          relaxation: "any business day",
        });
        expect(pick(monday8 + 1, 0.5)).to.deep.equal({
          ok: false,
          reason: "no business day between 0 and 0.5 days",
        });
      });

      it("a window closing exactly at Monday 08:00 takes it; one closing a second earlier does not", () => {
        expect(pick(MONDAY, 8 / 24)).to.deep.equal({
          ok: true,
          expiry: monday8,
          relaxation: "any business day",
        });
        expect(pick(MONDAY - 1, 8 / 24)).to.deep.equal({
          ok: false,
          reason: "no business day between 0 and 0.33 days",
        });
      });

      it("Monday 12:00 to Tuesday 00:00 holds neither Monday's nor Tuesday's 08:00", () => {
        expect(pick(RULES_NOW, 0.5)).to.deep.equal({
          ok: false,
          reason: "no business day between 0 and 0.5 days",
        });
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
    const policy = {
      min: 0.5,
      max: 2,
      rsiWeight: 0.25,
      macdWeight: 0.25,
      breadthWeight: 0.25,
      levelWeight: 0.25,
      calmLevel: 20,
    };
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
    const noFeeds = { volRounds: [], equityRounds: [] };
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

    it("the intensity reads the latest RSI and MACD line (EMA12 − EMA26) of the EQUITY index's daily closes", () => {
      // 60 days up, then 20 days down: the first RSI (after 14 changes) is 100, the latest is low.
      const first = ts("2026-01-01T20:00:00Z");
      const level = (k: number) => (k < 60 ? 6000 + k * 60 : 9540 - (k - 60) * 120);
      const rounds = Array.from({ length: 80 }, (_, k) => ({
        updatedAt: first + k * DAY,
        answer: lvl(level(k)),
      }));
      const now = first + 80 * DAY;
      const opts = options({ now, maxFeedAgeSeconds: 3 * DAY, maxMissingDays: 10 });
      const out = computeIntensity({ volRounds: [], equityRounds: rounds }, undefined, policy, opts);
      const closes = dailyCloses(rounds, {
        now,
        maxAgeSeconds: 3 * DAY,
        maxMissingDays: 10,
        holidays: new Set(),
      });
      const series = closes.map((c) => c.close);
      expect(out.inputs.rsi).to.equal(rsi(series).at(-1));
      expect(out.inputs.rsi! < 50).to.equal(true);
      expect(out.inputs.macd).to.equal(ema(series, 12).at(-1)! - ema(series, 26).at(-1)!);
      // The same rounds as the volatility index only give its level, never its momentum.
      const vol = computeIntensity({ volRounds: rounds, equityRounds: [] }, undefined, policy, opts);
      expect([vol.inputs.rsi, vol.inputs.macd]).to.deep.equal([undefined, undefined]);
    });

    it("the volatility level scores 0 at exactly calmLevel and ±1 at calmLevel ∓ calmLevel / 2", () => {
      const at = (level: number) => intensityMultiplier({ volLevel: level }, policy).value;
      expect(at(20)).to.equal(1);
      expect(at(10)).to.equal(1.25);
      expect(at(5)).to.equal(1.25); // clamped at +1
      expect(at(30)).to.equal(0.75);
      expect(at(40)).to.equal(0.75); // clamped at −1
      // computeIntensity reads the latest fresh volatility round at or before now, not a later one.
      const now = NOW;
      const rounds = [
        { updatedAt: now - 60, answer: lvl(10) },
        { updatedAt: now + 60, answer: lvl(40) },
      ];
      const out = computeIntensity(
        { volRounds: rounds, equityRounds: [] },
        undefined,
        policy,
        options({ now }),
      );
      expect(out.inputs.volLevel).to.equal(10);
    });

    it("the volatility level is the latest round at or before now with a positive answer", () => {
      const level = (rounds: FeedRound[]) =>
        computeIntensity({ volRounds: rounds, equityRounds: [] }, undefined, policy, options({ now: NOW }))
          .inputs.volLevel;
      const before = { updatedAt: NOW - 60, answer: lvl(10) };
      expect(level([before, { updatedAt: NOW, answer: lvl(30) }])).to.equal(30);
      expect(level([before, { updatedAt: NOW - 30, answer: 0n }])).to.equal(10);
    });

    it("a stale or gapped equity feed scores 0 with a warning (the condor rules report the stale feed)", () => {
      const day = (k: number, level = 6000): FeedRound => ({
        updatedAt: ts("2026-02-02T20:00:00Z") + k * DAY,
        answer: lvl(level),
      });
      const run = (equityRounds: FeedRound[], now: number) =>
        computeIntensity({ volRounds: [], equityRounds }, undefined, policy, options({ now }));
      const stale = run([day(0)], ts("2026-02-02T20:00:00Z") + 3 * DAY + 1);
      expect(stale.inputs).to.deep.equal({});
      expect(stale.warnings.find((w) => w.code === "EquitySignalsUnavailable")).to.deep.equal({
        level: "warn",
        code: "EquitySignalsUnavailable",
        message: `feed stale: last round at ${ts("2026-02-02T20:00:00Z")}, now ${ts("2026-02-02T20:00:00Z") + 3 * DAY + 1}, max age 259200s`,
      });
      // Monday 2 Feb, then nothing until Monday 9 Feb: Tuesday to Friday missing, one more than maxMissingDays.
      const gap = run([day(0), day(7)], ts("2026-02-10T00:00:00Z"));
      expect(gap.inputs).to.deep.equal({});
      expect(gap.warnings.map((w) => [w.level, w.code, w.message])).to.deep.include([
        "warn",
        "EquitySignalsUnavailable",
        "feed gap: 4 trading days without a round between 2026-02-03 and 2026-02-06 (max 3)",
      ]);
    });

    it("a signal still warming up names the index and the indicator in its warning", () => {
      const rounds = Array.from({ length: 10 }, (_, k) => ({
        updatedAt: ts("2026-02-02T20:00:00Z") + k * DAY,
        answer: lvl(6000),
      }));
      const out = computeIntensity(
        { volRounds: [], equityRounds: rounds },
        undefined,
        policy,
        options({ now: ts("2026-02-12T00:00:00Z") }),
      );
      expect(out.warnings.filter((w) => w.code === "SignalUnavailable")).to.deep.equal([
        {
          level: "warn",
          code: "SignalUnavailable",
          message: "equity index: RSI(14): not enough history yet (needs 15 values, has 8)",
        },
        {
          level: "warn",
          code: "SignalUnavailable",
          message: "equity index: EMA(26): not enough history yet (needs 26 values, has 8)",
        },
      ]);
    });

    it("a clamped intensity says its raw value and the bounds", () => {
      // RSI 0 (−0.25), downtrend (−0.25), index 40 (−0.25): 0.25 → 0.5.
      const out = intensityMultiplier({ rsi: 0, macd: -1, volLevel: 40 }, policy);
      expect([out.raw, out.value, out.clamped]).to.deep.equal([0.25, 0.5, true]);
      const vol = Array.from({ length: 5 }, (_, k) => ({ updatedAt: NOW - (5 - k) * HOUR, answer: lvl(40) }));
      const warned = computeIntensity(
        { volRounds: vol, equityRounds: [] },
        undefined,
        { ...policy, levelWeight: 3 },
        options({ now: NOW }),
      );
      expect(warned.warnings.find((w) => w.code === "IntensityClamped")).to.deep.equal({
        level: "info",
        code: "IntensityClamped",
        message: "intensity -2.000 clamped to 0.5 [0.5, 2]",
      });
    });

    it("a calm level of 0 (or below) turns the level score off instead of dividing by it", () => {
      expect(intensityMultiplier({ volLevel: 10 }, { ...policy, calmLevel: 0 })).to.deep.equal({
        value: 1,
        raw: 1,
        clamped: false,
      });
      expect(intensityMultiplier({ volLevel: 10 }, { ...policy, calmLevel: -20 }).value).to.equal(1);
    });

    it("a round at exactly 00:00 UTC closes the day it starts, not the day before", () => {
      const opts = {
        now: ts("2026-03-04T12:00:00Z"),
        maxAgeSeconds: 3 * DAY,
        maxMissingDays: 3,
        holidays: new Set<string>(),
      };
      const out = dailyCloses(
        [
          { updatedAt: ts("2026-03-02T20:00:00Z"), answer: lvl(20) },
          { updatedAt: ts("2026-03-03"), answer: lvl(25) },
        ],
        opts,
      );
      expect(out).to.deep.equal([
        { date: "2026-03-02", close: 20, carried: false },
        { date: "2026-03-03", close: 25, carried: false },
      ]);
    });

    it("the indicators name themselves when they lack history", () => {
      const opts = { now: NOW, maxAgeSeconds: DAY, maxMissingDays: 3, holidays: new Set<string>() };
      expect(() => dailyCloses([], opts)).to.throw(
        NotEnoughDataError,
        /^dailyCloses: not enough history yet \(needs 1 values, has 0\)$/,
      );
      expect(() => ema([1, 2], 3)).to.throw(/^EMA\(3\): not enough history yet \(needs 3 values, has 2\)$/);
      expect(() => rsi(Array(14).fill(1))).to.throw(
        /^RSI\(14\): not enough history yet \(needs 15 values, has 14\)$/,
      );
      expect(() => macd(Array(33).fill(1))).to.throw(
        /^MACD\(12,26,9\): not enough history yet \(needs 34 values, has 33\)$/,
      );
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
      const out = computeIntensity(noFeeds, rows, policy, options());
      expect(out.inputs.adChange).to.equal(-900);
      expect(out.intensity.value).to.equal(1.25);
      expect(codes(out)).not.to.include("BreadthStale");
    });

    it("a breadth file one second older than maxBreadthAgeDays scores 0, with its age in the warning", () => {
      const out = computeIntensity(noFeeds, rows, policy, options({ now: ts(NEWEST) + 7 * DAY + 1 }));
      expect(out.inputs.adChange).to.equal(undefined);
      expect(out.warnings.find((w) => w.code === "BreadthStale")?.message).to.equal(
        "breadth file ends 2026-03-02 (7 days ago > 7): A/D score 0",
      );
    });

    it("needs more than breadthLookback rows; none (or an empty file) scores 0 with an info", () => {
      const short = computeIntensity(noFeeds, rows.slice(1), policy, options());
      expect(short.inputs.adChange).to.equal(undefined);
      expect(short.warnings.find((w) => w.message.startsWith("A/D line"))).to.deep.equal({
        level: "warn",
        code: "SignalUnavailable",
        message: "A/D line: needs more than 3 rows, got 3",
      });
      for (const none of [undefined, []]) {
        const out = computeIntensity(noFeeds, none, policy, options());
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
