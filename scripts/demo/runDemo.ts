// The whole demo as one function (scripts/demo.ts prints around it; test/demo/demo-run.test.ts runs it short):
// a fresh in-process chain dated just before the market's first day, the whole system deployed through the
// Ignition modules and seeded, the flash-loan side, the day-by-day replay with the keeper, the report.
import { runFlashSide } from "./flashSide.js";
import type { DemoSystem } from "./hedgeSide.js";
import { formatSignedUsd, formatUsd, wrapText } from "./format.js";
import { isWarmUpNotice } from "./keeperStep.js";
import type { MarketDay } from "./marketDay.js";
import { createProgressBar, type ProgressStream } from "./progress.js";
import { writeReport } from "./report.js";
import { premiumsJson } from "./reportJson.js";
import type { ReportJson } from "./reportJson.js";
import type { DemoReport } from "./reportTypes.js";
import type { ReplayResult } from "./replay.js";
import { simulateMarket } from "./simulate.js";

export interface DemoRunOptions {
  market: readonly MarketDay[];
  /** Where the market came from (shown in the report). */
  source: string;
  /** Where report.json and report.html go. */
  outDir: string;
  log: (line: string) => void;
  /** Where the progress bar goes (default stdout). */
  progress?: ProgressStream;
  /** The market was generated (placeholder dates, synthetic events): the output and the report say so. */
  synthetic?: boolean;
}

/** Width of the terminal lines the demo wraps its messages to (never cutting a word). */
const LINE_WIDTH = 110;

export interface DemoRunResult {
  report: DemoReport;
  json: ReportJson;
  htmlPath: string;
  jsonPath: string;
  replay: ReplayResult;
  /** The deployed contracts (the chain stays up while the process runs). */
  system: DemoSystem;
}

/** How the comparison is made (printed, and carried in the report's source line). */
export const COMPARISON_NOTE =
  "unhedged = a second HedgeLayerVault with the same condor policy and every layer's weight at zero (no hedge), " +
  "driven by the same keeper and anyone-actions; cash = the deposit left idle";

/** Which oracle inputs the market gave and which a model filled in (docs/volatility.md). */
export function modelledNote(replay: Pick<ReplayResult, "modelledInputs">, days: number): string {
  if (replay.modelledInputs.length === 0) return "built from VIX, VIX3M, VIX6M and VVIX on every day";
  const parts = replay.modelledInputs.map(
    (m) =>
      `${m.input.toUpperCase()} modelled on ${m.days === days ? "every day" : `${m.days} of ${days} days`}`,
  );
  return `built by the volatility oracle; ${parts.join(", ")}`;
}

/** The terminal's lines about who paid whom: each party's realised net and the reconciliation residuals. */
export function pnlLogLines(replay: Pick<ReplayResult, "pnl">): string[] {
  const { pnl } = replay;
  const parties = [
    ["hedged vault", pnl.hedged.net, pnl.reconciliation.hedged],
    ["unhedged vault", pnl.unhedged.net, pnl.reconciliation.unhedged],
    ["pool LPs", pnl.poolLps.net, pnl.reconciliation.poolLps],
  ] as const;
  const text =
    "who paid whom (realised, from on-chain events): " +
    parties
      .map(
        ([name, net, r]) =>
          `${name} ${formatSignedUsd(net)} + open ${formatSignedUsd(r.openMarkAfter - r.openMarkBefore)} = ` +
          `${formatSignedUsd(r.valueChange)} (residual ${formatSignedUsd(r.residual)})`,
      )
      .join("; ");
  return wrapText(text, LINE_WIDTH, "    ");
}

/** Runs the demo end to end and writes the report. */
export async function runDemo(options: DemoRunOptions): Promise<DemoRunResult> {
  const started = performance.now();
  const { market, log } = options;
  if (market.length === 0) throw new Error("demo: the market has no day");
  const bar = createProgressBar(market.length, {
    label: "Replay",
    ...(options.progress === undefined ? {} : { stream: options.progress }),
  });
  const { connection, system, replay } = await simulateMarket({
    market,
    log,
    onDay: (d) => bar.tick(d.date),
    beforeReplay: async (conn, sys) => {
      log("\nFlash-loan side: borrowed and repaid inside one transaction, or nothing happened");
      await runFlashSide(conn, log, sys.flash);
      log(
        options.synthetic === true
          ? `\nLayered hedge: ${market.length} days of a SYNTHETIC market replayed through the keeper`
          : `\nLayered hedge: ${market.length} days replayed through the keeper`,
      );
      if (options.synthetic === true) {
        for (const line of wrapText(
          "the dates are placeholders and the events are generated: a synthetic 2018-style spike, a synthetic " +
            "2020-style crash and a synthetic 2024-style spike, not market history",
          LINE_WIDTH,
          "    ",
        ))
          log(`  ${line}`);
      }
      log(
        "  macro calendar: SYNTHETIC (FOMC 14:00, CPI and PPI 08:30 New York time, on their usual weekdays)",
      );
      for (const line of wrapText(`comparison: ${COMPARISON_NOTE}`, LINE_WIDTH, "    ")) log(`  ${line}`);
    },
  });
  const { ethers } = connection;
  bar.finish();
  const warmUp = replay.warningKinds.filter((w) => isWarmUpNotice(w.kind));
  const actionWarnings = replay.warningKinds.filter((w) => !isWarmUpNotice(w.kind));
  const keeperWarnings = {
    actions: actionWarnings.reduce((n, w) => n + w.count, 0),
    warmUp: warmUp.reduce((n, w) => n + w.count, 0),
  };
  log(
    `  keeper: ${replay.keeperTransactions} transactions; ${keeperWarnings.actions} warnings about actions ` +
      `(refused, deferred, scaled or skipped) and ${keeperWarnings.warmUp} signal warm-up notices`,
  );
  for (const w of actionWarnings) {
    for (const line of wrapText(
      `${w.vault} vault, ${w.kind}: ${w.count}x, first ${w.first}`,
      LINE_WIDTH,
      "      ",
    ))
      log(`    ${line}`);
  }
  if (warmUp.length > 0) {
    const counts = warmUp.map((w) => `${w.vault} vault ${w.count}x`).join(", ");
    const text = `warm-up (RSI/MACD need more daily closes first, expected early in a run): ${counts}; first ${warmUp[0]!.first}`;
    for (const line of wrapText(text, LINE_WIDTH, "      ")) log(`    ${line}`);
  }
  log(
    `  macro events (synthetic) covered by a live layer: ${replay.eventsCovered} of ${replay.eventsInWindow} in the window; layer rolls: ${replay.rolls}`,
  );
  const premiums = premiumsJson({
    layerPremiumPaid: replay.premiums.layerPremiumPaid,
    layerCloseProceeds: replay.premiums.layerPremiumPaid - replay.layerPremiumNet,
    condorPremiumEarned: replay.premiums.condorPremiumEarned,
  });
  for (const line of wrapText(
    `layers: premium paid ${formatUsd(premiums.layerPremiumPaid)}, close proceeds (old layers sold) ` +
      `${formatUsd(premiums.layerCloseProceeds)}, net ${formatSignedUsd(premiums.layerNet)} ` +
      `(${premiums.layerNet >= 0 ? "the layers returned more than they cost" : "the layers cost more than they returned"}); ` +
      `condor premium received ${formatUsd(premiums.condorPremiumEarned)} (unhedged vault: ` +
      `${formatUsd(replay.premiums.unhedgedCondorPremiumEarned)})`,
    LINE_WIDTH,
    "    ",
  ))
    log(`  ${line}`);
  log(`  volatility surfaces: ${modelledNote(replay, market.length)}`);
  for (const line of pnlLogLines(replay)) log(`  ${line}`);

  // Every transaction of the run: the chain is fresh, so the senders' nonces count them all.
  let transactions = 0;
  for (const signer of await ethers.getSigners()) {
    transactions += await ethers.provider.getTransactionCount(signer.address);
  }
  const report: DemoReport = {
    source: `${options.source}, synthetic macro calendar; unhedged = same condor, layers switched off; surfaces: ${modelledNote(replay, market.length)}`,
    days: replay.days,
    layers: replay.layers,
    actions: replay.actions,
    premiums: {
      layerPremiumPaid: premiums.layerPremiumPaid,
      layerCloseProceeds: premiums.layerCloseProceeds,
      condorPremiumEarned: premiums.condorPremiumEarned,
    },
    syntheticMarket: options.synthetic === true,
    keeperWarnings,
    flashFeesEarned: replay.flashFeesEarned,
    pnl: replay.pnl,
    rolls: replay.rolls,
    eventsCovered: replay.eventsCovered,
    transactions,
    elapsedSeconds: (performance.now() - started) / 1000,
  };
  const { json, htmlPath, jsonPath } = writeReport(report, options.outDir);
  return { report, json, htmlPath, jsonPath, replay, system };
}
