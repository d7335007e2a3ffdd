// A synthetic demo run for the report tests: the generated market plus made-up but plausible portfolio paths.
import type { DemoReport, KeeperAction, LayerEpisode, ReportDay } from "../../scripts/demo/reportTypes.js";
import { generateScenario } from "../../scripts/demo/scenario.js";

/** A run of `days` days (default 160) with three layers rolled every 30 days. */
export function syntheticReport(days = 160): DemoReport {
  const market = generateScenario({ days, seed: 8 });
  let unhedged = 100_000;
  let hedged = 100_000;
  let cash = 100_000;
  const out: ReportDay[] = market.map((d, i) => {
    if (i > 0) {
      const prev = market[i - 1]!;
      const vixMove = d.vix - prev.vix;
      const bigMove = Math.max(0, Math.abs(d.spx / prev.spx - 1) - 0.012);
      // The condor earns its decay and loses on big index moves; the layers pay when volatility jumps.
      unhedged += 45 - 60_000 * bigMove - 25 * Math.max(0, vixMove);
      hedged += 36 - 60_000 * bigMove + 45 * Math.max(0, vixMove) - 20 * Math.max(0, -vixMove);
      cash *= 1 + 0.04 / 252;
    }
    return { date: d.date, vix: d.vix, spx: d.spx, nav: { hedged, unhedged, cash } };
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
    rolls: actions.filter((a) => a.action === "roll-layer").length,
    eventsCovered: 7,
    transactions: 812,
    elapsedSeconds: 95.3,
  };
}
