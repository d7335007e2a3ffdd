import { expect } from "chai";
import {
  DEFAULT_OFF_CHAIN_CONDOR,
  TENOR_MARGIN_SECONDS,
  toRulesState,
} from "../../src/chain/toRulesState.js";
import { strikeTicksWithinBands } from "../../src/chain/strikeTicks.js";
import { formatPlanTable } from "../../src/formatPlanTable.js";
import type { CycleReport } from "../../src/createKeeper.js";
import { snapshot } from "../support/vaultSnapshot.js";

const DAY = 86_400n;

describe("toRulesState: keeperState() → rules input", () => {
  const now = Number(DAY) * 10;
  const r = toRulesState(snapshot(), { now, condor: DEFAULT_OFF_CHAIN_CONDOR });
  const l = r.layers[0]!;

  const rows: Array<[string, unknown, unknown]> = [
    [
      "strikes: 18-decimal points → 8-decimal levels",
      [l.position?.lowerStrike, l.position?.upperStrike],
      [2_300_000_000n, 2_600_000_000n],
    ],
    ["otm: WAD → bps", l.policy.otmBps, 1_500],
    ["width relative to the lower strike (0.15 / 1.15)", Math.round(l.policy.widthBps * 100) / 100, 1304.35],
    [
      "tenor days, min with the landing margin",
      [l.policy.minTenorDays, l.policy.maxTenorDays],
      [25 + TENOR_MARGIN_SECONDS / 86_400, 35],
    ],
    ["roll window, cooldown", [l.policy.rollWindowDays, l.policy.cooldownSeconds], [7, 86_400]],
    ["max premium = 2 % of lastNav (6 decimals)", l.policy.maxPremium, 20_000_000_000n],
    // On-chain trigger 23 + 0.8 × 3 = 25.4 = 23 × (1 + 10.43 %): rounded UP to 1044 bp.
    ["monetise trigger rounded up", l.policy.monetiseTriggerBps, 1_044],
    ["last roll", l.lastRollAt, 5 * 86_400],
    ["budget = remaining on-chain budget", r.hedgeBudget, 1_234_000_000n],
    ["nav = lastNav (what the vault sizes from)", r.nav, 1_000_000_000_000n],
    [
      "condor put side mapped; missing call side out of reach",
      [r.condor?.shortPutStrike, r.condor?.longPutStrike, r.condor?.shortCallStrike! > 10n ** 30n],
      [475_000_000_000n, 460_000_000_000n, true],
    ],
    [
      "condor distances",
      [
        r.condorPolicy.shortPutDistanceBps,
        r.condorPolicy.shortCallDistanceBps,
        r.condorPolicy.maxLossShareBps,
      ],
      [500, 400, 3_000],
    ],
    ["condor side rolls take no budget share", r.condorPolicy.maxRollPremium, 0n],
    ["no pending requests: no epoch due", r.epochDue, false],
  ];
  for (const [name, got, want] of rows) it(name, () => expect(got).to.deep.equal(want));

  it("an empty layer has no position; pending requests after the epoch length make the epoch due", () => {
    const s = snapshot({
      layers: [{ seriesId: 0n, size: 0n, expiry: 0n, lastRoll: 0n, strikeLow: 0n, strikeHigh: 0n }],
      pendingDepositAssets: 5n,
    });
    const m = toRulesState(s, { now, condor: DEFAULT_OFF_CHAIN_CONDOR });
    expect(m.layers[0]?.position).to.equal(null);
    expect(m.epochDue).to.equal(true);
    expect(toRulesState(s, { now: Number(DAY) - 1, condor: DEFAULT_OFF_CHAIN_CONDOR }).epochDue).to.equal(
      false,
    );
  });
});

describe("formatPlanTable", () => {
  it("lists actions with their reasons and marks critical warnings loudly", () => {
    const report = {
      blockNumber: 7,
      now: 0,
      planned: [
        { vault: "0xv", action: { type: "ProcessEpoch", maxPremium: 0n, reason: "pending requests" } },
      ],
      warnings: [
        {
          vault: "0xv",
          warning: { level: "critical", code: "CalendarYearMissing", message: "2028 missing" },
        },
      ],
    } as unknown as CycleReport;
    const text = formatPlanTable(report);
    expect(text).to.include("plan at block 7");
    expect(text).to.match(/0xv\s+ProcessEpoch\s+pending requests/);
    expect(text).to.include("!!! CRITICAL [CalendarYearMissing] 0xv: 2028 missing");
  });
});

describe("strikeTicksWithinBands: the vault's strike band bounds the keeper's rounding", () => {
  const state = snapshot().state;
  const level = (x: number): bigint => BigInt(Math.round(x * 1e8));
  const configured = { strikeTick: level(0.5), equityStrikeTick: level(5) };

  it("a 0.5-point tick against a 2 % band at VIX 12.28 is lowered to 0.1 (an info warning says why)", () => {
    const t = strikeTicksWithinBands(state, level(12.28), level(5_000), configured);
    expect(t.strikeTick).to.equal(level(0.1));
    expect(t.equityStrikeTick).to.equal(level(5)); // 2 % of 4750 / 2 = 47.5 points allow a 5-point tick
    expect(t.warnings.map((w) => [w.level, w.code, w.message])).to.deep.equal([
      [
        "info",
        "StrikeTickLowered",
        "strike tick 0.5 lowered to 0.1: the vault's strike band (2 %) at index 12.28 allows 0.22486569 of rounding",
      ],
    ]);
    // The rounded strikes stay inside the on-chain band: lower within 2 % of 12.28 × 1.15 = 14.122.
    const target = 12.28 * 1.15;
    const lower = Math.ceil(target / 0.1) * 0.1;
    expect(Math.abs(lower - target)).to.be.at.most(target * 0.02);
  });

  it("a tick within the band is kept as configured: 0.5 at VIX 30 (band 0.69 point)", () => {
    const t = strikeTicksWithinBands(state, level(30), level(5_000), configured);
    expect([t.strikeTick, t.warnings]).to.deep.equal([level(0.5), []]);
  });

  it("the equity tick is bounded by half the condor band: 100 points at 5000 becomes 25", () => {
    const t = strikeTicksWithinBands(state, level(30), level(5_000), {
      ...configured,
      equityStrikeTick: level(100),
    });
    expect(t.equityStrikeTick).to.equal(level(25));
  });
});
