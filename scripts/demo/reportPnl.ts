// The report's "who paid whom" sections: the P&L lines of the hedged vault, the unhedged vault and the pool's
// LPs with each line's sign explained, their reconciliation with each party's value, the lines per calendar
// year, and the volatility-spike event table.
import { escapeHtml } from "./escapeHtml.js";
import { formatSignedPct, formatSignedUsd } from "./format.js";
import { PNL_LINE_NOTES, PNL_LINES, PNL_PARTIES, type PnlLinesJson, type PnlParty } from "./pnl.js";
import { htmlTable, type ReportContext, type ReportSection } from "./reportSection.js";
import { spikeRuleText } from "./spikes.js";

/** Column titles of the three parties. */
export const PARTY_NAMES: Record<PnlParty, string> = {
  hedged: "Hedged vault",
  unhedged: "Unhedged vault",
  poolLps: "Pool LPs",
};

/** Layer lines net: premium paid + what the layers returned (closes, monetisations, settlements). */
export const layerNet = (l: PnlLinesJson): number => l.layerPremium + l.layerProceeds + l.layerSettlement;
/** Condor lines net: premium received + buy-backs + settlement losses. */
export const condorNet = (l: PnlLinesJson): number => l.condorPremium + l.condorBuyBacks + l.condorSettlement;

/** The P&L lines of the three parties, their reconciliation, and the lines per calendar year. */
export function pnlSection({ json }: ReportContext): ReportSection {
  const { pnl } = json;
  const numeric = new Set([1, 2, 3]);
  const lines = htmlTable(
    ["Line", ...PNL_PARTIES.map((p) => PARTY_NAMES[p]), "Sign: vaults / pool LPs"],
    [...PNL_LINES, "net" as const].map((line) => [
      PNL_LINE_NOTES[line].label,
      ...PNL_PARTIES.map((p) => formatSignedUsd(pnl[p][line])),
      `${PNL_LINE_NOTES[line].vault}; ${PNL_LINE_NOTES[line].poolLps}`,
    ]),
    numeric,
    "Realised cash flows from the option pool's and the vaults' events, in USDC: + is money to that party, " +
      "- money it paid. The pool's LPs are the counterparty of every option trade, so the option lines of " +
      "the three columns add up to zero (flash fees come from flash borrowers, outside this table).",
    "pnl",
  );
  const r = pnl.reconciliation;
  const row = (label: string, pick: (p: PnlParty) => number): string[] => [
    label,
    ...PNL_PARTIES.map((p) => formatSignedUsd(pick(p))),
  ];
  const reconciliation = htmlTable(
    ["", ...PNL_PARTIES.map((p) => PARTY_NAMES[p])],
    [
      row("Value before the first replayed day", (p) => r[p].valueBefore),
      row("Value after the last replayed day", (p) => r[p].valueAfter),
      row("less deposits net of withdrawals during the replay", (p) => -r[p].netDeposits),
      row("= change in value", (p) => r[p].valueChange),
      row("Realised (net of the lines above)", (p) => r[p].realised),
      row("+ mark of open layers at the end", (p) => r[p].openMarkAfterLayers),
      row("+ mark of open condor legs at the end", (p) => r[p].openMarkAfterCondor),
      row("- mark of what was open before the first day", (p) => -r[p].openMarkBefore),
      row("Residual (change - realised - open marks)", (p) => r[p].residual),
    ],
    numeric,
    "Nothing is missing when the residual is $0.00: the change in each party's value is its realised lines " +
      "plus the mark of what it still holds. Vaults: value = NAV; open layers at the pool's bid, open condor " +
      "legs at minus the pool's ask to buy them back. Pool LPs: value = the pool's totalAssets (its exit " +
      "value); what it wrote at minus its ask, what it holds at its bid. Each side marks at the price it " +
      "would close at, so the open marks of the two sides do not cancel: the bid-ask spread lies between them.",
    "reconciliation",
  );
  const yearly = htmlTable(
    [
      "Year",
      "Hedged: condor net",
      "Hedged: layers net",
      "Hedged: flash fees",
      "Unhedged: condor net",
      "Pool LPs: net",
    ],
    pnl.yearly.map((y) => [
      y.year,
      formatSignedUsd(condorNet(y.hedged)),
      formatSignedUsd(layerNet(y.hedged)),
      formatSignedUsd(y.hedged.flashFees),
      formatSignedUsd(condorNet(y.unhedged)),
      formatSignedUsd(y.poolLps.net),
    ]),
    new Set([1, 2, 3, 4, 5]),
    "Realised lines per calendar year (by the date of each cash flow). Condor net = premium + buy-backs + " +
      "settlement; layers net = premium + close and monetisation proceeds + settlement payoffs (negative: " +
      "the layers cost more than they returned that year). Positions open at a year's end count in the year " +
      "they are closed.",
    "yearly",
  );
  return {
    id: "pnl",
    html:
      `<h2>Who paid whom</h2>\n${lines}\n` +
      `<p class="note">Zero-sum check: the three parties' option lines add up to ${escapeHtml(
        formatSignedUsd(pnl.zeroSum),
      )} (the pool rounds in its LPs' favour; a settled series' dust reaches them once every position in it ` +
      "is redeemed).</p>\n" +
      `<h2>Reconciliation</h2>\n${reconciliation}\n<h2>By calendar year</h2>\n${yearly}`,
  };
}

/** Every volatility spike of the window and each party's event loss in it. */
export function eventsSection({ json }: ReportContext): ReportSection {
  const loss = (l: { loss: number; fraction: number; lowestOn: string }): string =>
    `${formatSignedUsd(l.loss)} (${formatSignedPct(l.fraction)}) on ${l.lowestOn}`;
  const body =
    json.events.length === 0
      ? `<p>No spike in this window (${escapeHtml(spikeRuleText(json.eventRule))}).</p>`
      : htmlTable(
          [
            "Spike",
            "Volatility index",
            "Loss window",
            ...PNL_PARTIES.map((p) => PARTY_NAMES[p]),
            "Hedged / unhedged",
          ],
          json.events.map((e) => [
            `${e.start} .. peak ${e.peak}`,
            `${e.startVix.toFixed(2)} -> ${e.peakVix.toFixed(2)}`,
            `${e.lossWindowDays} days to ${e.lossWindowEnd}`,
            ...PNL_PARTIES.map((p) => loss(e.losses[p])),
            e.losses.unhedged.loss < 0
              ? (e.losses.hedged.loss / e.losses.unhedged.loss).toFixed(2)
              : "n/a (the unhedged vault did not lose)",
          ]),
          new Set([3, 4, 5, 6]),
          `Rule: ${spikeRuleText(json.eventRule)}. Event loss in USDC and as a share of the value at the ` +
            "close before the spike, with the day of the lowest value; negative is a loss. Pool LPs: the " +
            "value of their shares. Hedged / unhedged: the hedged vault's event loss as a multiple of the " +
            "unhedged condor's (below 1: the hedge cushioned the spike).",
          "events",
        );
  return { id: "events", html: `<h2>Volatility spikes</h2>\n${body}` };
}
