// The whole demo as one function (scripts/demo.ts prints around it; test/demo/demo-run.test.ts runs it short):
// a fresh in-process chain dated just before the market's first day, the whole system deployed through the
// Ignition modules and seeded, the flash-loan side, the day-by-day replay with the keeper, the report.
import { network } from "hardhat";
import { runFlashSide } from "./flashSide.js";
import { usdc } from "../deploy/flashSide.js";
import { DEFAULT_DEMO_SEED, deployDemoSystem, KEEPER_ACCOUNT_INDEX, type DemoSystem } from "./hedgeSide.js";
import { formatSignedUsd, formatUsd, wrapText } from "./format.js";
import { createDemoKeeper, isWarmUpNotice } from "./keeperStep.js";
import type { MarketDay } from "./marketDay.js";
import { surfacesOf } from "./marketSurfaces.js";
import { createProgressBar, type ProgressStream } from "./progress.js";
import { writeReport } from "./report.js";
import { premiumsJson } from "./reportJson.js";
import type { ReportJson } from "./reportJson.js";
import type { DemoReport } from "./reportTypes.js";
import { runReplay, unixAt, type ReplayResult } from "./replay.js";
import { syntheticMacroCalendar } from "./syntheticCalendar.js";

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
  "unhedged = a second HedgeLayerVault with the same condor policy and every layer's notional at zero (no hedge), " +
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

/** Runs the demo end to end and writes the report. */
export async function runDemo(options: DemoRunOptions): Promise<DemoRunResult> {
  const started = performance.now();
  const { market, log } = options;
  const first = market[0];
  const last = market.at(-1);
  if (first === undefined || last === undefined) throw new Error("demo: the market has no day");

  // The chain's clock starts three days before the first replayed day, so on-chain dates are market dates.
  const connection = await network.create({
    override: { initialDate: new Date((unixAt(first.date, 0) - 3 * 86_400) * 1000) },
  });
  const { ethers } = connection;
  log("Deploying the whole system through the Ignition modules (Alvh + an unhedged comparison vault)...");
  const system = await deployDemoSystem(connection, { ...first, surfaces: surfacesOf(first).surfaces });
  log(
    `  hedge vault ${await system.hedged.getAddress()}, unhedged condor vault ${await system.unhedged.getAddress()}`,
  );
  log(`  option pool ${await system.pool.getAddress()}, timelock ${await system.timelock.getAddress()}`);

  log("\nFlash-loan side: borrowed and repaid inside one transaction, or nothing happened");
  await runFlashSide(connection, log, system.flash);

  const calendar = syntheticMacroCalendar(Number(first.date.slice(0, 4)), Number(last.date.slice(0, 4)) + 1);
  const keeper = await createDemoKeeper({
    vaults: [await system.hedged.getAddress(), await system.unhedged.getAddress()],
    keeperAddress: system.keeper.address,
    keeperAccountIndex: KEEPER_ACCOUNT_INDEX,
    provider: connection.provider,
    calendar,
  });
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
  log("  macro calendar: SYNTHETIC (FOMC 14:00, CPI and PPI 08:30 New York time, on their usual weekdays)");
  for (const line of wrapText(`comparison: ${COMPARISON_NOTE}`, LINE_WIDTH, "    ")) log(`  ${line}`);
  const bar = createProgressBar(market.length, {
    label: "Replay",
    ...(options.progress === undefined ? {} : { stream: options.progress }),
  });
  const replay = await runReplay(
    connection,
    system,
    keeper,
    market,
    calendar,
    usdc(DEFAULT_DEMO_SEED.deposit),
    (d) => bar.tick(d.date),
  );
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
  await keeper.close();

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
    rolls: replay.rolls,
    eventsCovered: replay.eventsCovered,
    transactions,
    elapsedSeconds: (performance.now() - started) / 1000,
  };
  const { json, htmlPath, jsonPath } = writeReport(report, options.outDir);
  return { report, json, htmlPath, jsonPath, replay, system };
}
