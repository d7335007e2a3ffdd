// One replay of a market on a fresh in-process chain, shared by the demo (scripts/demo/runDemo.ts) and the
// backtest (scripts/backtest): the chain's clock set just before the market's first day, the whole system
// deployed through the Ignition modules (the hedged vault with the given policies), the real keeper, and the
// day-by-day replay with its P&L. Each call is its own chain, so runs never share a pool.
import { network } from "hardhat";
import { usdc } from "../deploy/flashSide.js";
import {
  DEFAULT_DEMO_SEED,
  deployDemoSystem,
  KEEPER_ACCOUNT_INDEX,
  type DemoConnection,
  type DemoSystem,
  type HedgedVaultPolicy,
} from "./hedgeSide.js";
import { createDemoKeeper } from "./keeperStep.js";
import type { MarketDay } from "./marketDay.js";
import { surfacesOf } from "./marketSurfaces.js";
import { runReplay, unixAt, type ReplayResult } from "./replay.js";
import { syntheticMacroCalendar } from "./syntheticCalendar.js";

export interface SimulateOptions {
  market: readonly MarketDay[];
  /** The hedged vault's policies; absent: the deployment defaults. */
  hedgedPolicy?: HedgedVaultPolicy;
  /**
   * Which vaults the keeper manages: both (the demo's comparison) or the hedged one only (a backtest run,
   * where the unhedged reference is a run of its own). An unmanaged vault keeps its deposit idle.
   */
  keeperVaults?: "both" | "hedged";
  /** Runs after the deployment, before the replay (the demo's flash side). */
  beforeReplay?: (connection: DemoConnection, system: DemoSystem) => Promise<void>;
  /** Called after each replayed day (a progress bar). */
  onDay?: (day: MarketDay) => void;
  /** Where deployment messages go. */
  log?: (line: string) => void;
}

export interface Simulation {
  connection: DemoConnection;
  system: DemoSystem;
  replay: ReplayResult;
  /** Closes the chain (frees it; the demo keeps it open to the end of the process). */
  close(): Promise<void>;
}

/** Deploys a fresh system and replays `market` through the keeper. */
export async function simulateMarket(options: SimulateOptions): Promise<Simulation> {
  const { market } = options;
  const log = options.log ?? ((): void => {});
  const first = market[0];
  const last = market.at(-1);
  if (first === undefined || last === undefined) throw new Error("replay: the market has no day");

  // The chain's clock starts three days before the first replayed day, so on-chain dates are market dates.
  const connection = await network.create({
    override: { initialDate: new Date((unixAt(first.date, 0) - 3 * 86_400) * 1000) },
  });
  log("Deploying the whole system through the Ignition modules (Alvh + an unhedged comparison vault)...");
  const system = await deployDemoSystem(
    connection,
    { ...first, surfaces: surfacesOf(first).surfaces },
    DEFAULT_DEMO_SEED,
    options.hedgedPolicy,
  );
  log(
    `  hedge vault ${await system.hedged.getAddress()}, unhedged condor vault ${await system.unhedged.getAddress()}`,
  );
  log(`  option pool ${await system.pool.getAddress()}, timelock ${await system.timelock.getAddress()}`);
  await options.beforeReplay?.(connection, system);

  const calendar = syntheticMacroCalendar(Number(first.date.slice(0, 4)), Number(last.date.slice(0, 4)) + 1);
  const vaults = [await system.hedged.getAddress()];
  if ((options.keeperVaults ?? "both") === "both") vaults.push(await system.unhedged.getAddress());
  const keeper = await createDemoKeeper({
    vaults,
    keeperAddress: system.keeper.address,
    keeperAccountIndex: KEEPER_ACCOUNT_INDEX,
    provider: connection.provider,
    calendar,
  });
  try {
    const replay = await runReplay(
      connection,
      system,
      keeper,
      market,
      calendar,
      usdc(DEFAULT_DEMO_SEED.deposit),
      options.onDay,
    );
    return { connection, system, replay, close: () => connection.close() };
  } finally {
    await keeper.close();
  }
}
