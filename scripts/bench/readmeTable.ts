// The README's headline gas table, generated from docs/gas.json so that the two cannot drift: `npm run bench`
// rewrites the lines between the markers below, and test/bench/readmeTable.test.ts fails when the README holds
// anything else than what docs/gas.json gives.
import type { GasRows } from "./types.js";

export const README_TABLE_START = "<!-- gas-table:start (written by npm run bench from docs/gas.json) -->";
export const README_TABLE_END = "<!-- gas-table:end -->";

const n = (v: number): string => v.toLocaleString("en-US");
const r = (ours: number, anchor: number): string => (ours / anchor).toFixed(2);

/** A figure of docs/gas.json, or an error naming the missing key (a bench section that never ran). */
function fig(gas: GasRows, group: string, key: string): number {
  const v = gas[group]?.[key];
  if (v === undefined || !Number.isFinite(v))
    throw new Error(`docs/gas.json has no ${group}.${key}: run npm run bench`);
  return v;
}

/** The table and the sentence on missed targets, as Markdown. */
export function renderReadmeGasTable(gas: GasRows): string {
  const f = (group: string, key: string): number => fig(gas, group, key);
  const flash = f("flashLoan", "alvh");
  const byBorrower = f("flashLoan", "alvhStartedByBorrower");
  const rows: [string, string, string, string][] = [
    [
      "flash loan, minimal borrower",
      n(flash),
      `Balancer V2 Vault ${n(f("flashLoan", "balancerV2"))} / Aave V3 Pool ${n(f("flashLoan", "aaveV3"))}`,
      `${r(flash, f("flashLoan", "balancerV2"))} / ${r(flash, f("flashLoan", "aaveV3"))}`,
    ],
    [
      "flash loan started by the borrower",
      n(byBorrower),
      `Morpho Blue ${n(f("flashLoan", "morphoBlue"))}`,
      r(byBorrower, f("flashLoan", "morphoBlue")),
    ],
    [
      "flash loan (reference: a flash-mint, not like-for-like)",
      n(flash),
      `OZ ERC20FlashMint ${n(f("flashLoan", "erc20FlashMint"))}`,
      r(flash, f("flashLoan", "erc20FlashMint")),
    ],
    [
      "pair swap",
      n(f("pairSwap", "alvh")),
      `Uniswap V2 pair ${n(f("pairSwap", "uniswapV2"))}`,
      r(f("pairSwap", "alvh"), f("pairSwap", "uniswapV2")),
    ],
    [
      "router swap",
      n(f("routerSwap", "alvh")),
      `Uniswap V2 Router02 ${n(f("routerSwap", "uniswapV2"))}`,
      r(f("routerSwap", "alvh"), f("routerSwap", "uniswapV2")),
    ],
    [
      "Black-76 call + put + deltas + vega (execution gas)",
      `${n(f("black76", "callPutDelta_median"))} median`,
      `Lyra v1 call ~${n(f("black76", "lyraV1Call"))}`,
      r(f("black76", "callPutDelta_median"), f("black76", "lyraV1Call")),
    ],
    [
      "hedge vault: full roll of one layer (close + list + buy)",
      n(f("hedge", "rollLayer")),
      `target ${n(f("hedge", "rollLayerTarget"))}; before the volatility surface ${n(f("hedge", "rollLayerBeforeSurface"))}; Ribbon \`rollToNextOption\` cap ${n(f("hedge", "ribbonRollToNextOption"))}`,
      `${r(f("hedge", "rollLayer"), f("hedge", "rollLayerTarget"))} / ${r(f("hedge", "rollLayer"), f("hedge", "ribbonRollToNextOption"))}`,
    ],
    [
      "hedge vault: processEpoch (5 live positions marked)",
      n(f("hedge", "processEpoch")),
      `target ${n(f("hedge", "processEpochTarget"))}; before the volatility surface ${n(f("hedge", "processEpochBeforeSurface"))}`,
      r(f("hedge", "processEpoch"), f("hedge", "processEpochTarget")),
    ],
  ];
  const head: [string, string, string, string] = ["what", "ALVH", "anchor", "ratio"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 || i === 2 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`;

  const missed: string[] = [];
  const peers: [string, number, number][] = [
    ["Balancer V2", flash, f("flashLoan", "balancerV2")],
    ["Aave V3", flash, f("flashLoan", "aaveV3")],
    ["Morpho Blue", byBorrower, f("flashLoan", "morphoBlue")],
  ];
  const above = peers.filter(([, ours, peer]) => ours > peer).map(([name]) => name);
  if (above.length > 0) missed.push(`the flash loan against ${above.join(" and ")}`);
  if (
    f("hedge", "rollLayer") > f("hedge", "rollLayerTarget") ||
    f("hedge", "processEpoch") > f("hedge", "processEpochTarget")
  )
    missed.push(
      "the hedge vault's roll and epoch (each live position is valued with two on-chain Black-76 evaluations, and a " +
        "roll lists and buys a new series)",
    );
  const sentence =
    missed.length === 0
      ? "Every target above is met (details in `docs/gas.md`)."
      : `Missed targets, explained in \`docs/gas.md\`: ${missed.join("; ")}.`;
  return [
    line(head),
    rule,
    ...rows.map(line),
    "",
    sentence,
    "ERC20FlashMint is a reference line, not a peer: it lends a token it mints itself and makes no external token call.",
  ].join("\n");
}

/** `readme` with the text between the markers replaced by the table generated from `gas`. */
export function updateReadmeGasTable(readme: string, gas: GasRows): string {
  const start = readme.indexOf(README_TABLE_START);
  const end = readme.indexOf(README_TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md: markers ${README_TABLE_START} ... ${README_TABLE_END} not found`);
  return `${readme.slice(0, start + README_TABLE_START.length)}\n\n${renderReadmeGasTable(gas)}\n\n${readme.slice(end)}`;
}
