// Who paid whom: the P&L of the hedged vault, the unhedged vault and the option pool's LPs (the counterparty of
// every option trade), line by line, from a ledger of realised cash flows read from on-chain events
// (scripts/demo/pnlChain.ts), with a reconciliation per party: realised lines + the change of the mark of what
// is still open = the change of the party's value, to the cent. Pure functions over micro-units (the
// stablecoin's 6 decimals, bigint); dollars (numbers) only at the JSON boundary. Signs: + is money to the party.

/** The parties of the P&L. `poolLps`: the option pool's LPs, the counterparty of every option trade. */
export const PNL_PARTIES = ["hedged", "unhedged", "poolLps"] as const;
export type PnlParty = (typeof PNL_PARTIES)[number];

/** The P&L lines, in the order the report shows them (`net` is their sum). */
export const PNL_LINES = [
  "condorPremium",
  "condorBuyBacks",
  "condorSettlement",
  "layerPremium",
  "layerProceeds",
  "layerSettlement",
  "flashFees",
] as const;
export type PnlLine = (typeof PNL_LINES)[number];

/** One party's lines in dollars, signed (+ money to the party), and their sum `net`. */
export type PnlLinesJson = Record<PnlLine | "net", number>;

/**
 * One realised cash flow of one party, in micro-units, signed (+ money to the party). `others`: a trader of
 * the pool that is neither vault (none in the demo; kept so the zero-sum check stays complete).
 */
export interface LedgerEntry {
  date: string;
  party: PnlParty | "others";
  line: PnlLine;
  amount: bigint;
}

/** A party's value at one moment, micro-units, and the mark of what it holds open in it. */
export interface PartySnapshot {
  /** Vaults: NAV (`totalAssets`); pool LPs: the pool's `totalAssets` (exit value). */
  value: bigint;
  /** Mark of open layer positions (vaults: the pool's bid; pool LPs: minus its ask for what it wrote). */
  openLayers: bigint;
  /** Mark of open condor legs (vaults: minus the ask to buy them back; pool LPs: its bid for what it holds). */
  openCondor: bigint;
}

/** What the chain reader hands over: the ledger and, per party, the snapshots around the replay. */
export interface PnlRecord {
  entries: LedgerEntry[];
  before: Record<PnlParty, PartySnapshot>;
  after: Record<PnlParty, PartySnapshot>;
  /** Deposits minus withdrawals during the replay (vaults: struck at epochs; pool LPs: ERC-4626). */
  netDeposits: Record<PnlParty, bigint>;
}

/** One party's reconciliation, dollars. */
export interface ReconciliationJson {
  /** Value before the first replayed day. */
  valueBefore: number;
  /** Value after the last replayed day. */
  valueAfter: number;
  /** Deposits minus withdrawals during the replay (not a gain: excluded from the change). */
  netDeposits: number;
  /** `valueAfter - valueBefore - netDeposits`. */
  valueChange: number;
  /** The realised lines' sum (the party's `net`). */
  realised: number;
  /** Mark of what was open before the first day (normally 0). */
  openMarkBefore: number;
  /** Mark of what is still open at the end: layers + condor legs. */
  openMarkAfter: number;
  openMarkAfterLayers: number;
  openMarkAfterCondor: number;
  /** `valueChange - realised - (openMarkAfter - openMarkBefore)`: 0 when nothing is missing. */
  residual: number;
}

/** The P&L of a run, as report.json holds it. */
export interface PnlJson {
  hedged: PnlLinesJson;
  unhedged: PnlLinesJson;
  poolLps: PnlLinesJson;
  reconciliation: Record<PnlParty, ReconciliationJson>;
  /**
   * Sum of every party's option lines (flash fees excluded: flash borrowers pay them, outside this table).
   * Every option dollar one party receives another pays, so this is 0 up to the pool's rounding dust (the
   * pool rounds in its LPs' favour; dust of a settled series reaches them once every position is redeemed).
   */
  zeroSum: number;
  /** The same lines per calendar year (`YYYY`), by the date of each cash flow. */
  yearly: ({ year: string } & Record<PnlParty, PnlLinesJson>)[];
}

/** Micro-units to dollars. */
export const microToDollars = (amount: bigint): number => Number(amount) / 1e6;

const emptyLines = (): Record<PnlLine, bigint> =>
  Object.fromEntries(PNL_LINES.map((l) => [l, 0n])) as Record<PnlLine, bigint>;

/** Sums the entries of `party` per line, in micro-units; `net` is the sum of the lines. */
export function sumLines(
  entries: readonly LedgerEntry[],
  party: PnlParty | "others",
): Record<PnlLine | "net", bigint> {
  const lines = emptyLines();
  for (const e of entries) if (e.party === party) lines[e.line] += e.amount;
  const net = PNL_LINES.reduce((n, l) => n + lines[l], 0n);
  return { ...lines, net };
}

/** A party's lines in dollars. */
export function linesJson(entries: readonly LedgerEntry[], party: PnlParty): PnlLinesJson {
  const lines = sumLines(entries, party);
  return Object.fromEntries(
    [...PNL_LINES, "net" as const].map((l) => [l, microToDollars(lines[l])]),
  ) as PnlLinesJson;
}

/** One party's reconciliation (see {@link ReconciliationJson}). */
export function reconcile(record: PnlRecord, party: PnlParty): ReconciliationJson {
  const before = record.before[party];
  const after = record.after[party];
  const realised = sumLines(record.entries, party).net;
  const markBefore = before.openLayers + before.openCondor;
  const markAfter = after.openLayers + after.openCondor;
  const change = after.value - before.value - record.netDeposits[party];
  return {
    valueBefore: microToDollars(before.value),
    valueAfter: microToDollars(after.value),
    netDeposits: microToDollars(record.netDeposits[party]),
    valueChange: microToDollars(change),
    realised: microToDollars(realised),
    openMarkBefore: microToDollars(markBefore),
    openMarkAfter: microToDollars(markAfter),
    openMarkAfterLayers: microToDollars(after.openLayers),
    openMarkAfterCondor: microToDollars(after.openCondor),
    residual: microToDollars(change - realised - (markAfter - markBefore)),
  };
}

/** The whole P&L of a run in dollars: lines per party, reconciliations, the zero-sum check, the years. */
export function pnlJson(record: PnlRecord): PnlJson {
  const { entries } = record;
  let zeroSum = 0n;
  for (const e of entries) if (e.line !== "flashFees") zeroSum += e.amount;
  const years = [...new Set(entries.map((e) => e.date.slice(0, 4)))].sort();
  return {
    hedged: linesJson(entries, "hedged"),
    unhedged: linesJson(entries, "unhedged"),
    poolLps: linesJson(entries, "poolLps"),
    reconciliation: {
      hedged: reconcile(record, "hedged"),
      unhedged: reconcile(record, "unhedged"),
      poolLps: reconcile(record, "poolLps"),
    },
    zeroSum: microToDollars(zeroSum),
    yearly: years.map((year) => {
      const inYear = entries.filter((e) => e.date.startsWith(year));
      return {
        year,
        hedged: linesJson(inYear, "hedged"),
        unhedged: linesJson(inYear, "unhedged"),
        poolLps: linesJson(inYear, "poolLps"),
      };
    }),
  };
}

/** What each line means and why it has its sign, for each kind of party (shown on the page and in docs). */
export const PNL_LINE_NOTES: Record<PnlLine | "net", { label: string; vault: string; poolLps: string }> = {
  condorPremium: {
    label: "Condor premium",
    vault: "+ received for selling the condor's put and call spreads to the pool",
    poolLps: "- paid by the LPs, who bought those spreads",
  },
  condorBuyBacks: {
    label: "Condor buy-backs",
    vault: "- paid to buy condor spreads back before expiry (a tested side rolled, a condor closed)",
    poolLps: "+ received by the LPs, who sold them back",
  },
  condorSettlement: {
    label: "Condor settlement",
    vault: "- payoff owed on condor spreads that expired in the money (kept out of the collateral)",
    poolLps: "+ received by the LPs, who held those spreads long",
  },
  layerPremium: {
    label: "Layer premium",
    vault: "- paid for layers (volatility-index call spreads bought from the pool)",
    poolLps: "+ received by the LPs, who wrote them",
  },
  layerProceeds: {
    label: "Layer close and monetisation proceeds",
    vault: "+ received for layers sold back before expiry (rolls, monetisations)",
    poolLps: "- paid by the LPs, who bought them back",
  },
  layerSettlement: {
    label: "Layer settlement",
    vault: "+ payoff of layers that expired in the money",
    poolLps: "- paid by the LPs, who had written them",
  },
  flashFees: {
    label: "Flash fees",
    vault: "+ the reserve's share of the flash-loan fees (paid by flash borrowers, outside this table)",
    poolLps: "0: the pool's LPs do not lend in the flash vault",
  },
  net: {
    label: "Net (realised)",
    vault: "the sum of the lines: cash the vault made (+) or lost (-) on closed positions",
    poolLps: "the sum of the lines: cash the LPs made (+) or lost (-) on closed positions",
  },
};
