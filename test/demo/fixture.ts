// A synthetic demo run for the report tests: the generated market plus made-up but plausible portfolio paths.
import { pnlJson, type LedgerEntry, type PnlRecord } from "../../scripts/demo/pnl.js";
import type { DemoReport, KeeperAction, LayerEpisode, ReportDay } from "../../scripts/demo/reportTypes.js";
import { generateScenario } from "../../scripts/demo/scenario.js";

const usd = (dollars: number): bigint => BigInt(Math.round(dollars * 1e6));

/**
 * A hand-made P&L: the hedged vault sells a condor and buys, sells and settles layers; the unhedged vault sells
 * a condor and buys one side back; the pool's LPs take the other side of every trade (one settlement with the
 * pool's rounding dust of one micro-dollar). Values after = values before + the lines + the open marks.
 */
export function syntheticPnlRecord(dates: readonly string[]): PnlRecord {
  const on = (i: number): string => dates[Math.min(i, dates.length - 1)]!;
  const entries: LedgerEntry[] = [];
  const trade = (
    i: number,
    party: "hedged" | "unhedged",
    line: LedgerEntry["line"],
    amount: number,
  ): void => {
    entries.push({ date: on(i), party, line, amount: usd(amount) });
    entries.push({ date: on(i), party: "poolLps", line, amount: -usd(amount) });
  };
  trade(0, "hedged", "condorPremium", 9876.25);
  trade(1, "hedged", "layerPremium", -4321.5);
  trade(30, "hedged", "layerProceeds", 5000);
  trade(45, "hedged", "condorSettlement", -1500);
  entries.push({ date: on(50), party: "hedged", line: "layerSettlement", amount: usd(800) });
  entries.push({ date: on(50), party: "poolLps", line: "layerSettlement", amount: -usd(800) - 1n }); // rounded up
  entries.push({ date: on(60), party: "hedged", line: "flashFees", amount: usd(123.45) });
  trade(0, "unhedged", "condorPremium", 10_000);
  trade(20, "unhedged", "condorBuyBacks", -2000);
  const open = {
    hedged: { openLayers: usd(250), openCondor: -usd(300) },
    unhedged: { openLayers: 0n, openCondor: -usd(450) },
    poolLps: { openLayers: -usd(260), openCondor: usd(740) },
  };
  const before = { hedged: usd(100_000), unhedged: usd(100_000), poolLps: usd(10_000_000) };
  const after = Object.fromEntries(
    (["hedged", "unhedged", "poolLps"] as const).map((p) => {
      const net = entries.filter((e) => e.party === p).reduce((n, e) => n + e.amount, 0n);
      return [p, { value: before[p] + net + open[p].openLayers + open[p].openCondor, ...open[p] }];
    }),
  ) as PnlRecord["after"];
  return {
    entries,
    before: {
      hedged: { value: before.hedged, openLayers: 0n, openCondor: 0n },
      unhedged: { value: before.unhedged, openLayers: 0n, openCondor: 0n },
      poolLps: { value: before.poolLps, openLayers: 0n, openCondor: 0n },
    },
    after,
    netDeposits: { hedged: 0n, unhedged: 0n, poolLps: 0n },
  };
}

/** A run of `days` days (default 160) with three layers rolled every 30 days. */
export function syntheticReport(days = 160): DemoReport {
  const market = generateScenario({ days, seed: 8 });
  let unhedged = 100_000;
  let hedged = 100_000;
  let cash = 100_000;
  let poolLps = 10_000_000;
  const out: ReportDay[] = market.map((d, i) => {
    if (i > 0) {
      const prev = market[i - 1]!;
      const vixMove = d.vix - prev.vix;
      const bigMove = Math.max(0, Math.abs(d.spx / prev.spx - 1) - 0.012);
      // The condor earns its decay and loses on big index moves; the layers pay when volatility jumps.
      unhedged += 45 - 60_000 * bigMove - 25 * Math.max(0, vixMove);
      hedged += 36 - 60_000 * bigMove + 45 * Math.max(0, vixMove) - 20 * Math.max(0, -vixMove);
      cash *= 1 + 0.04 / 252;
      // The LPs are the other side: they earn the decay and pay what the vaults' layers make.
      poolLps += 20 - 40 * Math.max(0, vixMove) + 15 * Math.max(0, -vixMove);
    }
    return { date: d.date, vix: d.vix, spx: d.spx, nav: { hedged, unhedged, cash }, poolLps };
  });
  const layers: LayerEpisode[] = [];
  const actions: KeeperAction[] = [
    { date: market[0]!.date, action: "sell-condor", premium: -1200, detail: "SPX iron condor, 30 days" },
  ];
  for (let start = 0, roll = 0; start < days; start += 30, roll++) {
    const spot = market[start]!.vix;
    for (const [k, mult] of [1.15, 1.3, 1.5].entries()) {
      const layer = k + 1;
      const closeIdx = start + 30 < days ? start + 30 : undefined;
      const lowerStrike = Math.round(spot * mult * 2) / 2;
      layers.push({
        layer,
        lowerStrike,
        upperStrike: lowerStrike + 10,
        openedOn: market[start]!.date,
        expiry: market[Math.min(start + 45, days - 1)]!.date,
        ...(closeIdx === undefined
          ? {}
          : { closedOn: market[closeIdx]!.date, reason: "rolled: 15 days to expiry" }),
      });
      actions.push({
        date: market[start]!.date,
        action: roll === 0 ? "open-layer" : "roll-layer",
        layer,
        premium: 150 / layer,
        detail: `buy ${lowerStrike}/${lowerStrike + 10} call spread`,
      });
    }
  }
  // One layer deep in the money sold for its gain and re-struck: drawn apart from the ordinary rolls.
  actions.push({
    date: market[Math.min(75, days - 1)]!.date,
    action: "monetise-layer",
    layer: 1,
    premium: 80,
    detail: "L1: bought 10 units for 80 USDC, old layer sold for 900",
  });
  actions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    source: "synthetic scenario (generated, seed 8)",
    days: out,
    layers,
    actions,
    premiums: { layerPremiumPaid: 4321.5, layerCloseProceeds: 5000, condorPremiumEarned: 9876.25 },
    syntheticMarket: true,
    keeperWarnings: { actions: 3, warmUp: 30 },
    flashFeesEarned: 123.45,
    pnl: pnlJson(syntheticPnlRecord(market.map((d) => d.date))),
    rolls: actions.filter((a) => a.action === "roll-layer").length,
    eventsCovered: 7,
    transactions: 812,
    elapsedSeconds: 95.3,
  };
}
