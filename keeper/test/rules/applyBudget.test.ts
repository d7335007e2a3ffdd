import { expect } from "chai";
import { applyBudget } from "../../src/rules/applyBudget.js";
import type { Action, RollLayer } from "../../src/types.js";
import { usd } from "../support/fixtures.js";

const roll = (layer: number, closeSeriesId: bigint | null = null): RollLayer => ({
  type: "RollLayer",
  layer,
  closeSeriesId,
  newLowerStrike: 1n,
  newUpperStrike: 2n,
  newExpiry: 0,
  size: 1000n,
  intensity: 10n ** 18n,
  maxPremium: usd(20_000),
  reason: `roll L${layer + 1}`,
});
const sideRoll: Action = {
  type: "RollCondorSide",
  side: "put",
  newShortStrike: 1n,
  newLongStrike: 1n,
  newExpiry: 0,
  maxPremium: 0n,
  reason: "tested",
};
const open: Action = {
  type: "OpenCondor",
  sides: ["put", "call"],
  shortPutStrike: 1n,
  longPutStrike: 1n,
  shortCallStrike: 1n,
  longCallStrike: 1n,
  expiry: 0,
  size: 1n,
  maxPremium: 0n,
  reason: "open",
};
const monetise: Action = {
  type: "MonetiseLayer",
  layer: 2,
  closeSeriesId: 9n,
  maxPremium: 0n,
  reason: "trigger",
};
const settle: Action = { type: "SettleSeries", seriesId: 1n, maxPremium: 0n, reason: "expired" };
const label = (a: Action): string =>
  a.type === "RollLayer" || a.type === "MonetiseLayer" ? `${a.type} L${a.layer + 1}` : a.type;

describe("rules/applyBudget", () => {
  const table: { name: string; actions: Action[]; budget: number; kept: string[]; codes: string[] }[] = [
    {
      name: "orders: settle, condor defence, monetisation, condor sale (its premium funds the layers), L1, L2",
      actions: [roll(1), open, sideRoll, roll(0), monetise, settle],
      budget: 1_000,
      kept: [
        "SettleSeries",
        "RollCondorSide",
        "MonetiseLayer L3",
        "OpenCondor",
        "RollLayer L1",
        "RollLayer L2",
      ],
      codes: [],
    },
    {
      name: "any room at all: the purchases go to the vault, which fits them to it",
      actions: [roll(0), roll(1)],
      budget: 1,
      kept: ["RollLayer L1", "RollLayer L2"],
      codes: [],
    },
    {
      name: "no room and nothing to sell: an empty layer's purchase is dropped, with a warning",
      actions: [roll(0), roll(1, 7n)],
      budget: 0,
      kept: ["RollLayer L2"],
      codes: ["BudgetDropped"],
    },
    {
      name: "no room, but a condor sale comes first in the plan: kept",
      actions: [roll(0), open],
      budget: 0,
      kept: ["OpenCondor", "RollLayer L1"],
      codes: [],
    },
    {
      name: "no room, but a settlement or a monetisation may return cash first: kept",
      actions: [roll(0), settle, roll(1), monetise],
      budget: 0,
      kept: ["SettleSeries", "MonetiseLayer L3", "RollLayer L1", "RollLayer L2"],
      codes: [],
    },
  ];
  for (const row of table) {
    it(row.name, () => {
      const out = applyBudget(row.actions, usd(row.budget));
      expect(out.actions.map(label)).to.deep.equal(row.kept);
      expect(out.warnings.map((w) => w.code)).to.deep.equal(row.codes);
    });
  }

  it("never changes an action it keeps (the vault, not the keeper, cuts a size to the budget)", () => {
    const actions = [roll(0), roll(1, 3n)];
    expect(applyBudget(actions, usd(5)).actions).to.deep.equal(actions);
  });
});
