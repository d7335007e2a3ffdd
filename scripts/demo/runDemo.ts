// The whole demo as one function (scripts/demo.ts prints around it; test/demo/demo-run.test.ts runs it short):
// a fresh in-process chain dated just before the market's first day, the whole system deployed through the
// Ignition modules and seeded, the flash-loan side, the day-by-day replay with the keeper, the report.
import { network } from "hardhat";
import { runFlashSide } from "./flashSide.js";
import { usdc } from "../deploy/flashSide.js";
import { DEFAULT_DEMO_SEED, deployDemoSystem, KEEPER_ACCOUNT_INDEX, type DemoSystem } from "./hedgeSide.js";
import { createDemoKeeper } from "./keeperStep.js";
import type { MarketDay } from "./marketDay.js";
import { surfacesOf } from "./marketSurfaces.js";
import { createProgressBar, type ProgressStream } from "./progress.js";
import { writeReport } from "./report.js";
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
}

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
  log(`\nLayered hedge: ${market.length} days replayed through the keeper (macro calendar: SYNTHETIC dates)`);
  log(`  comparison: ${COMPARISON_NOTE}`);
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
  log(
    `  keeper: ${replay.keeperTransactions} transactions, ${replay.keeperWarnings} warnings (refused or skipped actions)`,
  );
  for (const w of replay.warningKinds) {
    log(`    ${w.vault} vault, ${w.kind}: ${w.count}x (first ${w.first.slice(0, 140)})`);
  }
  log(
    `  macro events (synthetic) covered by a live layer: ${replay.eventsCovered} of ${replay.eventsInWindow} in the window; layer rolls: ${replay.rolls}`,
  );
  log(
    `  layer premium ${replay.premiums.layerPremiumPaid.toFixed(0)} USDC paid, ${replay.layerPremiumNet.toFixed(0)} net of closing proceeds; unhedged condor premium ${replay.premiums.unhedgedCondorPremiumEarned.toFixed(0)} USDC`,
  );
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
      layerPremiumPaid: replay.premiums.layerPremiumPaid,
      condorPremiumEarned: replay.premiums.condorPremiumEarned,
    },
    flashFeesEarned: replay.flashFeesEarned,
    rolls: replay.rolls,
    eventsCovered: replay.eventsCovered,
    transactions,
    elapsedSeconds: (performance.now() - started) / 1000,
  };
  const { json, htmlPath, jsonPath } = writeReport(report, options.outDir);
  return { report, json, htmlPath, jsonPath, replay, system };
}
