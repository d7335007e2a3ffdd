import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

/** One machine-readable group in docs/gas.json, e.g. `{ "flashLoan": { "alvh": 61000, "balancerV2": 70634 } }`. */
export type GasRows = Record<string, Record<string, number>>;

/** What one benchmark module returns: its rows for docs/gas.json and its section of docs/gas.md. */
export interface BenchSection {
  /** Heading of the section in docs/gas.md. */
  title: string;
  /** Figures merged into docs/gas.json (keys of earlier runs that this section does not produce are kept). */
  rows: GasRows;
  /** Markdown body of the section: the table, the anchors and, where a target is missed, why. */
  markdown: string;
}

/** A benchmark module: deploys what it needs on the given in-process network and measures. The whole
 *  connection is passed too, for modules that deploy with Ignition. */
export type BenchModule = (ethers: HardhatEthers, connection: NetworkConnection) => Promise<BenchSection>;

/** Median of a non-empty list of gas figures (lower middle for even counts, so it is a real sample). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median: no samples");
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
