// `npm run bench`: measures gas of the hot paths on the in-process network and rewrites
// docs/gas.md (tables with their anchors) and docs/gas.json (the same figures, machine-readable), then the
// README's headline table from docs/gas.json (scripts/bench/readmeTable.ts).
// Every `scripts/bench/*.bench.ts` file is a module (exporting `bench: BenchModule`); they run in name
// order. `BENCH=amm,flash npm run bench` runs only the named modules (the other sections of docs/gas.json
// are kept; docs/gas.md then holds only the sections run).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { updateReadmeGasTable } from "./readmeTable.js";
import type { BenchModule, BenchSection, GasRows } from "./types.js";

const BENCH_DIR = new URL(".", import.meta.url);
const only = (process.env.BENCH ?? "")
  .split(",")
  .map((s) => s.trim())
  .filter((s) => s !== "");
const modules: Array<[string, () => Promise<{ bench: BenchModule }>]> = readdirSync(BENCH_DIR)
  .filter((file) => file.endsWith(".bench.ts"))
  .sort()
  .map((file): [string, () => Promise<{ bench: BenchModule }>] => [
    file.replace(/\.bench\.ts$/, ""),
    () => import(new URL(file, BENCH_DIR).href) as Promise<{ bench: BenchModule }>,
  ])
  .filter(([name]) => only.length === 0 || only.includes(name));

const GAS_JSON = "docs/gas.json";
const GAS_MD = "docs/gas.md";
const README = "README.md";

// Every module starts at the same time of day, 01:00 UTC (the next one after the chain's clock). Expiries sit on
// the 08:00 UTC grid, so the tenors the options and hedge modules price (and the surface pillars they fall
// between) would otherwise depend on the hour the bench is run, and so would their gas.
const START_SECOND_OF_DAY = 3_600;
const DAY = 86_400;

async function startAtFixedTimeOfDay(connection: NetworkConnection): Promise<void> {
  const latest = (await connection.ethers.provider.getBlock("latest"))!.timestamp;
  let start = latest - (latest % DAY) + START_SECOND_OF_DAY;
  if (start <= latest) start += DAY;
  await connection.networkHelpers.time.increaseTo(start);
}

async function main(): Promise<void> {
  const sections: BenchSection[] = [];
  for (const [name, load] of modules) {
    // A fresh chain per module: no module's warm storage or block gas affects another's figures.
    const connection = await network.create();
    await startAtFixedTimeOfDay(connection);
    const { bench } = await load();
    console.log(`bench: ${name} ...`);
    sections.push(await bench(connection.ethers, connection));
  }

  mkdirSync("docs", { recursive: true });
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
  writeFileSync(
    GAS_MD,
    header + "\n" + sections.map((s) => `## ${s.title}\n\n${s.markdown.trim()}\n`).join("\n"),
  );
  writeFileSync(README, updateReadmeGasTable(readFileSync(README, "utf8"), merged));
  console.log(`bench: wrote ${GAS_MD}, ${GAS_JSON} and the table in ${README}`);
}

await main();
