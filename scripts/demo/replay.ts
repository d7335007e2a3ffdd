// The day-by-day replay. Each market day:
//   08:00 UTC (the pool's expiry time): the feeds get the day's OPENING values — index options settle at a
//     morning quotation, so series expiring that day settle at the open — and expired positions are settled;
//   21:00 UTC (after the New York close in both daylight-saving regimes): the feeds get the CLOSING values and
//     the volatility oracle (scripts/volatility) pushes both surfaces built from the day's closes; anyone-actions
//     run (epochs), the keeper runs one cycle per vault, and the NAVs are read (marks use closes).
// Days with no trading (weekends) get a carried-forward round only when a position expires on them, so its
// series can settle. A simulated flash borrower takes a loan every few days, paying the flash vault's fee:
// that is what the hedge vault's reserve, parked in the flash vault, earns.
import type { KeeperStateOnChain } from "../../keeper/src/index.js";
import type { MacroCalendar } from "../../keeper/src/types.js";
import type { ConfigurableFlashBorrower, HedgeLayerVault } from "../../types/ethers-contracts/index.js";
import { pushIndexValues } from "../feeds/pushIndexValues.js";
import { pushSurfaces } from "../feeds/pushSurfaces.js";
import { surfacesOf } from "./marketSurfaces.js";
import { pnlJson, type PnlJson } from "./pnl.js";
import { readPnlLedger, readPnlStart, type PnlChain, type ReserveDay } from "./pnlChain.js";
import { feedUnits, type DemoConnection, type DemoSystem } from "./hedgeSide.js";
import type { DemoKeeper } from "./keeperStep.js";
import type { MarketDay } from "./marketDay.js";
import type { KeeperAction, LayerEpisode, ReportDay } from "./reportTypes.js";

const DAY = 86_400;
/** The opening round: the pool's expiry time (08:00 UTC), so it is the settlement round of that day's expiries. */
const OPEN_TIME_OF_DAY = 8 * 3600;
/** The closing round and the surfaces: after 16:00 in New York (20:00 or 21:00 UTC). */
const CLOSE_TIME_OF_DAY = 21 * 3600;

export interface ReplaySettings {
  /** Process both vaults' epochs every N trading days (anyone may). */
  epochEvery: number;
  /** A simulated flash borrower takes a loan every N trading days. */
  flashLoanEvery: number;
  /** Its size, as a share of the flash vault's lendable balance (percent). */
  flashLoanPercent: bigint;
}

/**
 * Gas limit of the replay's own transactions (feed rounds, surfaces, settlements, epochs, flash loans). Without
 * one, Hardhat runs an `eth_estimateGas` before each, which executes the transaction once more: about a quarter
 * of the demo's run time, most of it on the surface pushes (28 Black-76 evaluations each). A fixed limit gives
 * the same gas used, events and state: no contract here reads `gasleft()`, a revert returns the gas it did not
 * use, and the base fee follows the gas used, not the limit. 16,000,000 is under EIP-7825's cap (2^24) and far
 * above the largest of these transactions. The keeper signs its own transactions with its own estimate.
 */
export const DEMO_TX_GAS_LIMIT = 16_000_000n;

export const DEFAULT_REPLAY_SETTINGS: ReplaySettings = {
  epochEvery: 5,
  flashLoanEvery: 3,
  flashLoanPercent: 50n,
};

export interface ReplayResult {
  days: ReportDay[];
  layers: LayerEpisode[];
  actions: KeeperAction[];
  premiums: { layerPremiumPaid: number; condorPremiumEarned: number; unhedgedCondorPremiumEarned: number };
  flashFeesEarned: number;
  rolls: number;
  eventsCovered: number;
  eventsInWindow: number;
  keeperTransactions: number;
  keeperWarnings: number;
  /** Keeper warnings and failed actions by vault ("hedged"/"unhedged") and kind: count and first example. */
  warningKinds: { vault: string; kind: string; count: number; first: string }[];
  /** Layer premium net of what closing the old layers returned, dollars. */
  layerPremiumNet: number;
  /** Market inputs the volatility oracle modelled, and on how many replayed days (absent: given every day). */
  modelledInputs: { input: string; days: number }[];
  /** Who paid whom: both vaults' and the pool LPs' P&L lines from on-chain events, reconciled (./pnl.ts). */
  pnl: PnlJson;
}

/** The replayed day of each block: `dayOfBlock` lists each day's first block, in order. */
export function dateOfBlock(dayOfBlock: readonly { block: number; date: string }[], block: number): string {
  let lo = 0;
  let hi = dayOfBlock.length - 1;
  if (hi < 0) return "";
  // The last day whose first block is at or before `block` (the first day for earlier blocks).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (dayOfBlock[mid]!.block <= block) lo = mid;
    else hi = mid - 1;
  }
  return dayOfBlock[lo]!.date;
}

/** Unix seconds of `date` (YYYY-MM-DD) at `secondsOfDay` UTC. */
export const unixAt = (date: string, secondsOfDay: number): number =>
  Date.parse(`${date}T00:00:00Z`) / 1000 + secondsOfDay;
const isoDate = (unix: number | bigint): string => new Date(Number(unix) * 1000).toISOString().slice(0, 10);
const dollars = (amount: bigint): number => Number(amount) / 1e6;
const points = (wad: bigint): number => Number(wad / 10n ** 12n) / 1e6;

interface LayerSnapshot {
  seriesId: bigint;
  size: bigint;
  expiry: bigint;
  strikeLow: bigint;
  strikeHigh: bigint;
}

/** Replays `market` through the deployed system; `onDay` is called after each day (progress bar). */
export async function runReplay(
  connection: DemoConnection,
  system: DemoSystem,
  keeper: DemoKeeper,
  market: readonly MarketDay[],
  calendar: MacroCalendar,
  deposit: bigint,
  onDay: (day: MarketDay) => void = () => {},
  settings: ReplaySettings = DEFAULT_REPLAY_SETTINGS,
): Promise<ReplayResult> {
  const { ethers } = connection;
  const { hedged, unhedged, vixFeed, spxFeed, volOracle, flash } = system;
  const gas = { gasLimit: DEMO_TX_GAS_LIMIT };
  const feeds = { vixFeed, spxFeed };
  const surfaceTargets = { volOracle, vixFeed, spxFeed };
  const latest = async (): Promise<number> => (await ethers.provider.getBlock("latest"))!.timestamp;
  const moveTo = async (t: number): Promise<void> => {
    if (t > (await latest())) await ethers.provider.send("evm_setNextBlockTimestamp", [t]);
  };
  const borrower = (await ethers.deployContract("ConfigurableFlashBorrower", [
    await flash.vault.getAddress(),
  ])) as unknown as ConfigurableFlashBorrower;
  const usdcAddress = await flash.usdc.getAddress();
  const startBlock = await ethers.provider.getBlockNumber();
  // The P&L starts here: every party's value and open positions, then the ledger of what follows.
  const pnlChain: PnlChain = {
    pool: system.pool,
    vaults: { hedged, unhedged },
    volFeed: await vixFeed.getAddress(),
  };
  const pnlStart = await readPnlStart(pnlChain, startBlock + 1);
  const reserveDays: ReserveDay[] = [];
  // The pool LPs' value: what the LP shares outstanding now are worth at each close.
  const lpShares = await system.pool.totalSupply();

  const days: ReportDay[] = [];
  const liveLayers: { date: string; until: bigint }[] = [];
  const dayOfBlock: { block: number; date: string }[] = [];
  const episodes: LayerEpisode[] = [];
  const openEpisode = new Map<number, LayerEpisode>();
  const seriesOf = new Map<number, bigint>();
  const cash = dollars(deposit);
  let navs = { hedged: cash, unhedged: dollars(await unhedged.totalAssets()) };
  let keeperTransactions = 0;
  let keeperWarnings = 0;
  const warningKinds = new Map<string, { vault: string; kind: string; count: number; first: string }>();
  const vaultName = new Map([
    [(await hedged.getAddress()).toLowerCase(), "hedged"],
    [(await unhedged.getAddress()).toLowerCase(), "unhedged"],
  ]);
  let previous: MarketDay | undefined;
  /** Days on which the oracle modelled an input the market did not give (VIX3M, VIX6M, VVIX). */
  const modelledDays = new Map<string, number>();

  // Expiries of every open position of both vaults, as of the last close (for weekend settlement rounds).
  const expiries = new Set<number>();
  const epochLength = new Map<HedgeLayerVault, bigint>();
  for (const vault of [hedged, unhedged])
    epochLength.set(vault, (await vault.keeperState()).vaultPolicy.epochLength);

  for (const [index, day] of market.entries()) {
    // Weekend (or holiday) expiries: carry the last close forward so those series can settle.
    if (previous !== undefined) {
      for (let t = unixAt(previous.date, OPEN_TIME_OF_DAY) + DAY; t < unixAt(day.date, 0); t += DAY) {
        if (expiries.has(t)) {
          await moveTo(t + 60);
          await pushIndexValues(
            feeds,
            { vix: feedUnits(previous.vix), spx: feedUnits(previous.spx) },
            t,
            gas,
          );
        }
      }
    }
    dayOfBlock.push({ block: (await ethers.provider.getBlockNumber()) + 1, date: day.date });

    // The open: the settlement round of today's expiries; what expired settles now.
    const open = unixAt(day.date, OPEN_TIME_OF_DAY);
    await moveTo(open + 60);
    await pushIndexValues(feeds, { vix: feedUnits(day.vixOpen), spx: feedUnits(day.spxOpen) }, open, gas);
    for (const vault of [hedged, unhedged]) {
      if ((await vault.expiredPositions()) > 0n) await (await vault.settleExpired(gas)).wait();
    }

    // The close: marks, surfaces, then everyone acts on them.
    const close = unixAt(day.date, CLOSE_TIME_OF_DAY);
    await moveTo(close + 60);
    await pushIndexValues(feeds, { vix: feedUnits(day.vix), spx: feedUnits(day.spx) }, close, gas);
    const built = surfacesOf(day);
    for (const input of built.modelled) modelledDays.set(input, (modelledDays.get(input) ?? 0) + 1);
    await pushSurfaces(surfaceTargets, built.surfaces, close, gas);

    // Anyone-actions: process epochs (keeps lastNav, the base of sizes and caps, fresh).
    for (const vault of [hedged, unhedged]) {
      if (index % settings.epochEvery === settings.epochEvery - 1) {
        const [, startedAt] = await vault.currentEpoch();
        if (BigInt(await latest()) >= startedAt + epochLength.get(vault)!)
          await (await vault.processEpoch(gas)).wait();
      }
    }
    // Flash-loan demand: someone borrows and repays (plus the fee) inside one transaction. The borrower pays
    // the fee out of what its trade earned elsewhere: it is funded with each loan's fee, so a replay of any
    // length never runs it dry.
    if (index % settings.flashLoanEvery === 0) {
      const lendable = await flash.vault.maxFlashLoan(usdcAddress);
      if (lendable > 0n) {
        const amount = (lendable * settings.flashLoanPercent) / 100n;
        await (
          await flash.usdc.mint(
            await borrower.getAddress(),
            await flash.vault.flashFee(usdcAddress, amount),
            gas,
          )
        ).wait();
        await (await borrower.borrow(amount, "0x", gas)).wait();
      }
    }

    const cycle = await keeper.runCycle();
    keeperTransactions += cycle.sent.length;
    keeperWarnings += cycle.warnings.length;
    for (const w of cycle.warnings) {
      const vault = vaultName.get(w.vault.toLowerCase()) ?? w.vault;
      const key = `${vault} ${w.kind}`;
      const seen = warningKinds.get(key);
      if (seen === undefined)
        warningKinds.set(key, { vault, kind: w.kind, count: 1, first: `${day.date}: ${w.message}` });
      else seen.count++;
    }

    // Close of the day: NAVs and the hedged vault's layers. While no block was mined after the keeper's read
    // (most days: it had nothing to send), that read is the chain's state now: no second call.
    const unchanged = cycle.read.blockNumber === (await ethers.provider.getBlockNumber());
    const stateNow = async (vault: HedgeLayerVault): Promise<KeeperStateOnChain> =>
      (unchanged ? cycle.read.states.get((await vault.getAddress()).toLowerCase()) : undefined) ??
      (await vault.keeperState());
    const [hs, us] = [await stateNow(hedged), await stateNow(unhedged)];
    navs = {
      hedged: hs.navOk ? dollars(hs.nav) : navs.hedged,
      unhedged: us.navOk ? dollars(us.nav) : navs.unhedged,
    };
    days.push({
      date: day.date,
      vix: day.vix,
      spx: day.spx,
      nav: { ...navs, cash },
      poolLps: dollars(await system.pool.convertToAssets(lpShares)),
    });
    reserveDays.push({ date: day.date, reserves: { hedged: hs.reserveAssets, unhedged: us.reserveAssets } });
    expiries.clear();
    for (const st of [hs, us]) {
      for (const e of [...st.layers.map((l) => l.expiry), st.putLeg.expiry, st.callLeg.expiry]) {
        if (e > 0n) expiries.add(Number(e));
      }
    }
    let until = 0n;
    hs.layers.forEach((l: LayerSnapshot, i: number) => {
      const open = openEpisode.get(i);
      if (open !== undefined && (l.size === 0n || l.seriesId !== seriesOf.get(i))) {
        open.closedOn = day.date;
        open.reason = l.size === 0n ? "settled at expiry" : "rolled";
        openEpisode.delete(i);
      }
      if (l.size > 0n && !openEpisode.has(i)) {
        const episode: LayerEpisode = {
          layer: i + 1,
          lowerStrike: points(l.strikeLow),
          upperStrike: points(l.strikeHigh),
          openedOn: day.date,
          expiry: isoDate(l.expiry),
        };
        episodes.push(episode);
        openEpisode.set(i, episode);
        seriesOf.set(i, l.seriesId);
      }
      if (l.size > 0n && l.expiry > until) until = l.expiry;
    });
    liveLayers.push({ date: day.date, until });
    previous = day;
    onDay(day);
  }

  // What happened, from the hedged vault's events (independent of which keeper sent the transactions).
  const dateOf = (block: number): string => dateOfBlock(dayOfBlock, block);
  const actions: KeeperAction[] = [];
  let layerPremiumPaid = 0n;
  let layerProceeds = 0n;
  let condorPremiumEarned = 0n;
  let rolls = 0;
  const monetisedOn = new Map<string, true>();
  for (const e of await hedged.queryFilter(hedged.filters.LayerRolled(), startBlock)) {
    const { layer, oldSeriesId, size, premium, proceeds } = e.args;
    const date = dateOf(e.blockNumber);
    layerPremiumPaid += premium;
    layerProceeds += proceeds;
    if (oldSeriesId !== 0n) rolls++;
    actions.push({
      date,
      action: oldSeriesId === 0n ? "open-layer" : "roll-layer",
      layer: Number(layer) + 1,
      premium: dollars(premium),
      detail: `L${Number(layer) + 1}: bought ${(Number(size / 10n ** 12n) / 1e6).toFixed(0)} units for ${dollars(premium).toFixed(0)} USDC${proceeds > 0n ? `, old layer sold for ${dollars(proceeds).toFixed(0)}` : ""}`,
    });
  }
  // A monetisation only sells: the layer stays empty until re-entry is allowed (no buying at the top).
  for (const e of await hedged.queryFilter(hedged.filters.LayerMonetised(), startBlock)) {
    const { layer, size, proceeds, reentryLevel } = e.args;
    const date = dateOf(e.blockNumber);
    layerProceeds += proceeds;
    rolls++;
    monetisedOn.set(`${Number(layer)}:${date}`, true);
    actions.push({
      date,
      action: "monetise-layer",
      layer: Number(layer) + 1,
      premium: -dollars(proceeds),
      detail: `L${Number(layer) + 1}: sold ${(Number(size / 10n ** 12n) / 1e6).toFixed(0)} units for ${dollars(proceeds).toFixed(0)} USDC; empty until the index is back at ${points(reentryLevel).toFixed(2)} or the curve in contango`,
    });
  }
  for (const e of await hedged.queryFilter(hedged.filters.CondorLegOpened(), startBlock)) {
    const { isCall, premium, collateral } = e.args;
    condorPremiumEarned += premium;
    actions.push({
      date: dateOf(e.blockNumber),
      action: isCall ? "sell-condor-call" : "sell-condor-put",
      premium: -dollars(premium),
      detail: `sold the condor's ${isCall ? "call" : "put"} spread for ${dollars(premium).toFixed(0)} USDC, posting ${dollars(collateral).toFixed(0)}`,
    });
  }
  for (const e of await hedged.queryFilter(hedged.filters.PositionSettled(), startBlock)) {
    actions.push({
      date: dateOf(e.blockNumber),
      action: "settle",
      detail: `series ${e.args.seriesId} settled: ${dollars(e.args.cash).toFixed(0)} USDC back`,
    });
  }
  actions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const ep of episodes) {
    if (ep.closedOn !== undefined && monetisedOn.has(`${ep.layer - 1}:${ep.closedOn}`)) {
      ep.reason = "monetised (volatility reached the trigger)";
    }
  }
  let unhedgedCondorPremiumEarned = 0n;
  for (const e of await unhedged.queryFilter(unhedged.filters.CondorLegOpened(), startBlock)) {
    unhedgedCondorPremiumEarned += e.args.premium;
  }

  // Flash fees earned by the reserve: its value now minus the net cash moved into it.
  let netIntoReserve = 0n;
  for (const e of await hedged.queryFilter(hedged.filters.ReserveMoved(), 0)) {
    netIntoReserve += e.args.toReserve ? e.args.assets : -e.args.assets;
  }
  const reserveNow = (await hedged.keeperState()).reserveAssets;

  // Events covered: synthetic macro events in the window during which at least one layer was live past them.
  const first = market[0]?.date ?? "";
  const last = market.at(-1)?.date ?? "";
  let eventsCovered = 0;
  let eventsInWindow = 0;
  for (const ev of calendar.events) {
    const date = isoDate(ev.at);
    if (date < first || date > last) continue;
    eventsInWindow++;
    const live = [...liveLayers].reverse().find((l) => l.date <= date);
    if (live !== undefined && Number(live.until) > ev.at) eventsCovered++;
  }

  // Who paid whom: the ledger of the replay from the pool's and the vaults' events, and the closing state.
  const ledger = await readPnlLedger(pnlChain, pnlStart, reserveDays, dateOf);
  const pnl = pnlJson({
    entries: ledger.entries,
    before: pnlStart.snapshots,
    after: ledger.after,
    netDeposits: ledger.netDeposits,
  });

  return {
    days,
    layers: episodes,
    actions,
    premiums: {
      layerPremiumPaid: dollars(layerPremiumPaid),
      condorPremiumEarned: dollars(condorPremiumEarned),
      unhedgedCondorPremiumEarned: dollars(unhedgedCondorPremiumEarned),
    },
    flashFeesEarned: dollars(reserveNow - netIntoReserve),
    rolls,
    eventsCovered,
    eventsInWindow,
    keeperTransactions,
    keeperWarnings,
    warningKinds: [...warningKinds.values()],
    layerPremiumNet: dollars(layerPremiumPaid - layerProceeds),
    modelledInputs: [...modelledDays].map(([input, days]) => ({ input, days })),
    pnl,
  };
}
