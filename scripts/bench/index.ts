// `npm run bench`: measures gas of the hot paths on the in-process network and rewrites
// docs/gas.md (tables with their anchors) and docs/gas.json (the same figures, machine-readable).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { network } from "hardhat";
import type { BenchModule, BenchSection, GasRows } from "./types.js";

const modules: Array<[string, () => Promise<{ bench: BenchModule }>]> = [];

const GAS_JSON = "docs/gas.json";
const GAS_MD = "docs/gas.md";

async function main(): Promise<void> {
  const sections: BenchSection[] = [];
  for (const [name, load] of modules) {
    // A fresh chain per module: no module's warm storage or block gas affects another's figures.
    const { ethers } = await network.create();
    const { bench } = await load();
    console.log(`bench: ${name} ...`);
    sections.push(await bench(ethers));
  }

  const previous: GasRows = existsSync(GAS_JSON)
    ? (JSON.parse(readFileSync(GAS_JSON, "utf8")) as GasRows)
    : {};
  const merged: GasRows = { ...previous };
  for (const section of sections) Object.assign(merged, section.rows);
  writeFileSync(GAS_JSON, JSON.stringify(merged, null, 2) + "\n");

  const header = [
    "# Gas",
    "",
    "Written by `npm run bench` (do not edit by hand: the next run rewrites it).",
    "All figures are total transaction gas on Hardhat 3's in-process network unless a table says otherwise,",
    "measured in one run, steady state (median of repeated operations after a warm-up).",
    "The same figures, machine-readable, are in `docs/gas.json`.",
    "",
  ].join("\n");
  writeFileSync(GAS_MD, header + sections.map((s) => `## ${s.title}\n\n${s.markdown.trim()}\n`).join("\n"));
  console.log(`bench: wrote ${GAS_MD} and ${GAS_JSON}`);
}

await main();
