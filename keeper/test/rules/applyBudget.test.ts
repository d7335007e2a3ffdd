import { expect } from "chai";
import { applyBudget } from "../../src/rules/applyBudget.js";
import type { Action, RollLayer } from "../../src/types.js";
import { SIDE_ROLL, usd } from "../support/fixtures.js";

const roll = (layer: number, premium: number, size = 1000n): RollLayer => ({
  type: "RollLayer",
  layer,
  closeSeriesId: null,
  newLowerStrike: 1n,
  newUpperStrike: 2n,
  newExpiry: 0,
  size,
  maxPremium: usd(premium),
  reason: `roll L${layer + 1}`,
});
const sideRoll = SIDE_ROLL;
const settle: Action = { type: "SettleSeries", seriesId: 1n, maxPremium: 0n, reason: "expired" };
const sum = (a: Action[]) => a.reduce((s, x) => s + x.maxPremium, 0n);

describe("rules/applyBudget", () => {
  const table: { name: string; actions: Action[]; budget: number; kept: string[]; codes: string[] }[] = [
    {
      name: "everything fits",
      actions: [roll(0, 100), roll(1, 100)],
      budget: 200,
      kept: ["RollLayer:100", "RollLayer:100"],
      codes: [],
    },
    {
      name: "orders by priority: settle, condor defence, L1, L2",
      actions: [roll(1, 10), sideRoll, roll(0, 10), settle],
      budget: 1_000,
      kept: ["SettleSeries:0", "RollCondorSide:500", "RollLayer:10", "RollLayer:10"],
      codes: [],
    },
    {
      name: "scales the last layer that half fits",
      actions: [roll(0, 600), roll(1, 800)],
      budget: 1_000,
      kept: ["RollLayer:600", "RollLayer:400"],
      codes: ["BudgetScaled"],
    },
    {
      name: "drops a layer when less than 25 % fits",
      actions: [roll(0, 900), roll(1, 800)],
      budget: 1_000,
      kept: ["RollLayer:900"],
      codes: ["BudgetDropped"],
    },
    {
      name: "a condor side roll is never scaled, only dropped",
      actions: [sideRoll, roll(0, 100)],
      budget: 400,
      kept: ["RollLayer:100"],
      codes: ["BudgetDropped"],
    },
    {
      name: "zero budget keeps only free actions",
      actions: [roll(0, 1), settle],
      budget: 0,
      kept: ["SettleSeries:0"],
      codes: ["BudgetDropped"],
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      const out = applyBudget(row.actions, usd(row.budget));
      expect(out.actions.map((a) => `${a.type}:${Number(a.maxPremium) / 1e6}`)).to.deep.equal(row.kept);
      expect(out.warnings.map((w) => w.code)).to.deep.equal(row.codes);
      expect(sum(out.actions) <= usd(row.budget)).to.equal(true);
    });
  }

  it("scales size with premium", () => {
    const out = applyBudget([roll(0, 800, 8_000n)], usd(400));
    expect((out.actions[0] as RollLayer).size).to.equal(4_000n);
  });

  it("never exceeds the budget (deterministic random plans)", () => {
    let seed = 12345;
    const rnd = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    for (let k = 0; k < 500; k++) {
      const actions: Action[] = Array.from({ length: rnd(6) }, () =>
        rnd(4) === 0 ? sideRoll : roll(rnd(3), rnd(2_000)),
      );
      const budget = usd(rnd(3_000));
      expect(sum(applyBudget(actions, budget).actions) <= budget).to.equal(true);
    }
  });
});
