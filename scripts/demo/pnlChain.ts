// Reads the P&L ledger (scripts/demo/pnl.ts) from the chain: every realised option cash flow from the option
// pool's own events (Traded, SeriesSettled, LongRedeemed, CollateralReclaimed, PotSwept), the counterparty's
// records of each trade, so the vaults' and the LPs' lines come from one source and whatever the keeper meant
// to do does not enter; flash fees from the growth of each vault's reserve net of its ReserveMoved events;
// deposits from EpochProcessed (vaults) and the pool's ERC-4626 Deposit/Withdraw; values and open marks from
// state (NAV, the pool's exit value, the pool's quotes of every open position).
import type { HedgeLayerVault, OptionPool } from "../../types/ethers-contracts/index.js";
import type { LedgerEntry, PartySnapshot, PnlLine, PnlParty } from "./pnl.js";

/** `IOptionPool.Side`. */
const SIDE = { BUY: 0n, SELL: 1n, CLOSE_LONG: 2n, CLOSE_SHORT: 3n } as const;
/** 10^(36 - 6): one contract (1e18) at one index point (1e18) pays one stablecoin unit (1e6). */
const CASH_SCALE = 10n ** 30n;
const cashUp = (size: bigint, points: bigint): bigint => (size * points + CASH_SCALE - 1n) / CASH_SCALE;
const cashDown = (size: bigint, points: bigint): bigint => (size * points) / CASH_SCALE;

export type VaultParty = Exclude<PnlParty, "poolLps">;

/** What the reader needs: the pool, the vaults by party, which feed the layers are written on. */
export interface PnlChain {
  pool: OptionPool;
  /** The vaults whose lines are read (a party without a vault has no lines and a zero value). */
  vaults: Partial<Record<VaultParty, HedgeLayerVault>>;
  /** Address of the volatility-index feed: series on it are layers, the others condor legs. */
  volFeed: string;
}

type Kind = "layer" | "condor";

const LINES: Record<Kind, { open: PnlLine; close: PnlLine; settle: PnlLine }> = {
  layer: { open: "layerPremium", close: "layerProceeds", settle: "layerSettlement" },
  condor: { open: "condorPremium", close: "condorBuyBacks", settle: "condorSettlement" },
};

async function kindOf(c: PnlChain, id: bigint, known: Map<bigint, Kind>): Promise<Kind> {
  let kind = known.get(id);
  if (kind === undefined) {
    const s = await c.pool.getSeries(id);
    kind = s.feed.toLowerCase() === c.volFeed.toLowerCase() ? "layer" : "condor";
    known.set(id, kind);
  }
  return kind;
}

/**
 * Mark of `size` contracts of series `id` now, from the holder's side: `long` at the pool's bid, else minus
 * the pool's ask (capped at `cap`, what the short can lose). A series the pool no longer quotes is marked at
 * its payoff when settled and at its worst case otherwise (as the vault's NAV and the pool's LP value do).
 */
async function markOf(
  pool: OptionPool,
  id: bigint,
  size: bigint,
  long: boolean,
  cap: bigint,
): Promise<bigint> {
  try {
    const [ask, bid] = await pool.quote(id, size);
    return long ? bid : -(ask < cap ? ask : cap);
  } catch {
    const s = await pool.getSeries(id);
    if (s.settled) return long ? cashDown(size, s.payoffPerUnit) : -cashUp(size, s.payoffPerUnit);
    return long ? 0n : -cap;
  }
}

/** Each vault's NAV and its open positions at the pool's quotes (the mark its NAV carries). */
export async function snapshotVault(
  pool: OptionPool,
  vault: HedgeLayerVault | undefined,
): Promise<PartySnapshot & { reserve: bigint }> {
  if (vault === undefined) return { value: 0n, openLayers: 0n, openCondor: 0n, reserve: 0n };
  const st = await vault.keeperState();
  let openLayers = 0n;
  for (const l of st.layers) if (l.size > 0n) openLayers += await markOf(pool, l.seriesId, l.size, true, 0n);
  let openCondor = 0n;
  for (const g of [st.putLeg, st.callLeg]) {
    if (g.size > 0n) openCondor += await markOf(pool, g.seriesId, g.size, false, g.collateral);
  }
  return { value: await vault.totalAssets(), openLayers, openCondor, reserve: st.reserveAssets };
}

/** The pool LPs' value (`totalAssets`, the exit value) and the pool's net position in every active series. */
export async function snapshotPool(
  c: PnlChain,
  known: Map<bigint, Kind> = new Map(),
): Promise<PartySnapshot> {
  let openLayers = 0n;
  let openCondor = 0n;
  for (const id of await c.pool.activeSeries()) {
    const s = await c.pool.getSeries(id);
    if (s.longSupply === s.shortSupply) continue;
    // Traders net long: the LPs wrote the difference (a liability, at the ask, at worst its width).
    const lpShort = s.longSupply > s.shortSupply;
    const net = lpShort ? s.longSupply - s.shortSupply : s.shortSupply - s.longSupply;
    const mark = await markOf(c.pool, id, net, !lpShort, cashUp(net, s.strikeHigh - s.strikeLow));
    if ((await kindOf(c, id, known)) === "layer") openLayers += mark;
    else openCondor += mark;
  }
  return { value: await c.pool.totalAssets(), openLayers, openCondor };
}

/** Before the replay: each party's snapshot, the pool's supplies and the vaults' posted collateral. */
export interface PnlStart {
  block: number;
  snapshots: Record<PnlParty, PartySnapshot>;
  reserves: Record<VaultParty, bigint>;
  supplies: Map<bigint, { long: bigint; short: bigint }>;
  collateral: Map<string, bigint>;
}

const collateralKey = (id: bigint, writer: string): string => `${id}:${writer.toLowerCase()}`;

const vaultsOf = (c: PnlChain): [VaultParty, HedgeLayerVault][] =>
  (Object.entries(c.vaults) as [VaultParty, HedgeLayerVault | undefined][]).filter(
    (e): e is [VaultParty, HedgeLayerVault] => e[1] !== undefined,
  );

/** Reads the state the ledger starts from (call it before the first replayed day). */
export async function readPnlStart(c: PnlChain, block: number): Promise<PnlStart> {
  const hedged = await snapshotVault(c.pool, c.vaults.hedged);
  const unhedged = await snapshotVault(c.pool, c.vaults.unhedged);
  const supplies = new Map<bigint, { long: bigint; short: bigint }>();
  for (const id of await c.pool.activeSeries()) {
    const s = await c.pool.getSeries(id);
    supplies.set(id, { long: s.longSupply, short: s.shortSupply });
  }
  const collateral = new Map<string, bigint>();
  for (const vault of vaultsOf(c).map(([, v]) => v)) {
    const st = await vault.keeperState();
    for (const g of [st.putLeg, st.callLeg]) {
      if (g.size > 0n) collateral.set(collateralKey(g.seriesId, await vault.getAddress()), g.collateral);
    }
  }
  return {
    block,
    snapshots: { hedged, unhedged, poolLps: await snapshotPool(c) },
    reserves: { hedged: hedged.reserve, unhedged: unhedged.reserve },
    supplies,
    collateral,
  };
}

/** One day's closing reserve of each vault (flash fees accrue in it). */
export interface ReserveDay {
  date: string;
  reserves: Record<VaultParty, bigint>;
}

/**
 * The ledger of the replay since `start`: option cash flows from the pool's events, flash fees per day from
 * `reserveDays`, deposits; and the snapshots after it. `dateOf` maps a block to its replayed day.
 */
export async function readPnlLedger(
  c: PnlChain,
  start: PnlStart,
  reserveDays: readonly ReserveDay[],
  dateOf: (block: number) => string,
): Promise<{
  entries: LedgerEntry[];
  after: Record<PnlParty, PartySnapshot>;
  netDeposits: Record<PnlParty, bigint>;
}> {
  const { pool } = c;
  const from = start.block;
  const partyOf = new Map<string, VaultParty>();
  for (const [party, vault] of vaultsOf(c)) partyOf.set((await vault.getAddress()).toLowerCase(), party);
  const who = (address: string): VaultParty | "others" => partyOf.get(address.toLowerCase()) ?? "others";
  const kinds = new Map<bigint, Kind>();
  for (const e of await pool.queryFilter(pool.filters.SeriesListed(), 0)) {
    kinds.set(e.args.seriesId, e.args.feed.toLowerCase() === c.volFeed.toLowerCase() ? "layer" : "condor");
  }

  type Ordered = { block: number; index: number; apply: () => Promise<void> };
  const events: Ordered[] = [];
  const entries: LedgerEntry[] = [];
  const supplies = new Map(start.supplies);
  const collateral = new Map(start.collateral);
  const supply = (id: bigint): { long: bigint; short: bigint } => {
    let s = supplies.get(id);
    if (s === undefined) supplies.set(id, (s = { long: 0n, short: 0n }));
    return s;
  };
  const book = (block: number, party: LedgerEntry["party"], line: PnlLine, amount: bigint): void => {
    if (amount !== 0n) entries.push({ date: dateOf(block), party, line, amount });
  };

  for (const e of await pool.queryFilter(pool.filters.Traded(), from)) {
    events.push({
      block: e.blockNumber,
      index: e.index,
      apply: async () => {
        const { seriesId: id, trader, side, size, premium, collateral: posted } = e.args;
        const lines = LINES[await kindOf(c, id, kinds)];
        const s = supply(id);
        const opening = side === SIDE.BUY || side === SIDE.SELL;
        const traderPays = side === SIDE.BUY || side === SIDE.CLOSE_SHORT;
        const line = opening ? lines.open : lines.close;
        book(e.blockNumber, who(trader), line, traderPays ? -premium : premium);
        book(e.blockNumber, "poolLps", line, traderPays ? premium : -premium);
        const key = collateralKey(id, trader);
        if (side === SIDE.BUY) s.long += size;
        else if (side === SIDE.CLOSE_LONG) s.long -= size;
        else if (side === SIDE.SELL) {
          s.short += size;
          collateral.set(key, (collateral.get(key) ?? 0n) + posted);
        } else {
          s.short -= size;
          collateral.set(key, (collateral.get(key) ?? 0n) - posted);
        }
      },
    });
  }
  for (const e of await pool.queryFilter(pool.filters.SeriesSettled(), from)) {
    events.push({
      block: e.blockNumber,
      index: e.index,
      apply: async () => {
        const { seriesId: id, payoffPerUnit } = e.args;
        const s = supply(id);
        // As the pool books it: LPs pay a net long's payoff rounded up, take a net short's rounded down.
        const lpAmount =
          s.long > s.short
            ? -cashUp(s.long - s.short, payoffPerUnit)
            : cashDown(s.short - s.long, payoffPerUnit);
        book(e.blockNumber, "poolLps", LINES[await kindOf(c, id, kinds)].settle, lpAmount);
      },
    });
  }
  for (const e of await pool.queryFilter(pool.filters.LongRedeemed(), from)) {
    events.push({
      block: e.blockNumber,
      index: e.index,
      apply: async () => {
        const line = LINES[await kindOf(c, e.args.seriesId, kinds)].settle;
        book(e.blockNumber, who(e.args.holder), line, e.args.payout);
      },
    });
  }
  for (const e of await pool.queryFilter(pool.filters.CollateralReclaimed(), from)) {
    events.push({
      block: e.blockNumber,
      index: e.index,
      apply: async () => {
        const { seriesId: id, writer, returned } = e.args;
        const key = collateralKey(id, writer);
        // The writer's settlement result: what came back minus the collateral it had posted.
        book(
          e.blockNumber,
          who(writer),
          LINES[await kindOf(c, id, kinds)].settle,
          returned - (collateral.get(key) ?? 0n),
        );
        collateral.delete(key);
      },
    });
  }
  for (const e of await pool.queryFilter(pool.filters.PotSwept(), from)) {
    events.push({
      block: e.blockNumber,
      index: e.index,
      apply: async () => {
        // Rounding dust of a fully redeemed series goes to the LPs.
        book(e.blockNumber, "poolLps", LINES[await kindOf(c, e.args.seriesId, kinds)].settle, e.args.amount);
      },
    });
  }
  events.sort((a, b) => a.block - b.block || a.index - b.index);
  for (const e of events) await e.apply();

  // Flash fees: each day's growth of the reserve that no ReserveMoved explains.
  const vaults = vaultsOf(c);
  const moved = new Map<string, bigint>(); // `${party}:${date}` -> net moved into the reserve
  for (const [party, vault] of vaults) {
    for (const e of await vault.queryFilter(vault.filters.ReserveMoved(), from)) {
      const key = `${party}:${dateOf(e.blockNumber)}`;
      moved.set(key, (moved.get(key) ?? 0n) + (e.args.toReserve ? e.args.assets : -e.args.assets));
    }
  }
  const last = { ...start.reserves };
  for (const day of reserveDays) {
    for (const [party] of vaults) {
      const fee = day.reserves[party] - last[party] - (moved.get(`${party}:${day.date}`) ?? 0n);
      if (fee !== 0n) entries.push({ date: day.date, party, line: "flashFees", amount: fee });
      last[party] = day.reserves[party];
    }
  }

  const netDeposits: Record<PnlParty, bigint> = { hedged: 0n, unhedged: 0n, poolLps: 0n };
  for (const [party, vault] of vaults) {
    for (const e of await vault.queryFilter(vault.filters.EpochProcessed(), from)) {
      netDeposits[party] += e.args.depositAssets - e.args.assetsPaid;
    }
  }
  for (const e of await pool.queryFilter(pool.filters.Deposit(), from)) netDeposits.poolLps += e.args.assets;
  for (const e of await pool.queryFilter(pool.filters.Withdraw(), from)) netDeposits.poolLps -= e.args.assets;

  const after: Record<PnlParty, PartySnapshot> = {
    hedged: await snapshotVault(pool, c.vaults.hedged),
    unhedged: await snapshotVault(pool, c.vaults.unhedged),
    poolLps: await snapshotPool(c, kinds),
  };
  return { entries, after, netDeposits };
}
