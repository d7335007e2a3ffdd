// Compiling Solidity from the bench with an npm `solc` package (solc's JavaScript API), for contracts that
// `hardhat build` must not compile: a peer pinned to another compiler (Morpho Blue) and the flash vault's
// measurement variants. Outputs are cached in cache/bench/, keyed by everything that decides them.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { InterfaceAbi } from "ethers";

/** The part of the npm `solc` wrapper used here. */
export interface Solc {
  version(): string;
  compile(
    input: string,
    callbacks: { import: (file: string) => { contents: string } | { error: string } },
  ): string;
}

/** A compiled contract: its ABI and creation bytecode (0x-prefixed). */
export interface CompiledContract {
  abi: InterfaceAbi;
  bytecode: string;
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: InterfaceAbi; evm: { bytecode: { object: string } } }>>;
}

/** What to compile: solc standard-JSON sources and settings, and the contracts wanted from them. */
export interface SolcJob {
  /** Names the cache file (cache/bench/<name>-<key>.json) and the errors. */
  name: string;
  solc: Solc;
  /** The compiler version the caller pinned; the package must be that version. */
  expectedVersion: string;
  /** Source unit name → content. */
  sources: Record<string, string>;
  /** solc settings (optimizer, evmVersion, viaIR, metadata); outputSelection is added here. */
  settings: Record<string, unknown>;
  /** Reads a file the compiler imports; throws if there is none. */
  read: (file: string) => string;
  /** Everything else the output depends on (e.g. a package's version), for the cache key. */
  keyParts: unknown;
  /** Contract name → the source unit that defines it. */
  contracts: Record<string, string>;
}

/** The compiled contracts of a job, and how they were obtained ("compiled … in 15.2 s" or "from cache/bench/…"). */
export interface SolcResult {
  contracts: Record<string, CompiledContract>;
  origin: string;
}

const CACHE_DIR = path.join("cache", "bench");

/** Compiles `job` with its npm solc, or reads the output from cache/bench/ when nothing that decides it changed. */
export function compileCached(job: SolcJob): SolcResult {
  if (!job.solc.version().startsWith(`${job.expectedVersion}+`))
    throw new Error(`bench: ${job.name}: npm solc is ${job.solc.version()}, expected ${job.expectedVersion}`);
  const key = createHash("sha256")
    .update(
      JSON.stringify({
        version: job.solc.version(),
        settings: job.settings,
        sources: job.sources,
        contracts: job.contracts,
        parts: job.keyParts,
      }),
    )
    .digest("hex")
    .slice(0, 16);
  const cached = path.join(CACHE_DIR, `${job.name}-${key}.json`);
  if (existsSync(cached)) {
    const contracts = JSON.parse(readFileSync(cached, "utf8")) as Record<string, CompiledContract>;
    return { contracts, origin: `from ${cached}` };
  }

  const outputSelection: Record<string, Record<string, string[]>> = {};
  for (const [contract, unit] of Object.entries(job.contracts)) {
    outputSelection[unit] = { ...outputSelection[unit], [contract]: ["abi", "evm.bytecode.object"] };
  }
  const input = {
    language: "Solidity",
    sources: Object.fromEntries(Object.entries(job.sources).map(([unit, content]) => [unit, { content }])),
    settings: { ...job.settings, outputSelection },
  };
  const importFile = (file: string): { contents: string } | { error: string } => {
    try {
      return { contents: job.read(file) };
    } catch (e) {
      return { error: `${file}: ${(e as Error).message}` };
    }
  };
  const started = performance.now();
  const output = JSON.parse(job.solc.compile(JSON.stringify(input), { import: importFile })) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0)
    throw new Error(
      `bench: ${job.name} does not compile:\n${errors.map((e) => e.formattedMessage).join("\n")}`,
    );
  const contracts: Record<string, CompiledContract> = {};
  for (const [contract, unit] of Object.entries(job.contracts)) {
    const compiled = output.contracts?.[unit]?.[contract];
    if (compiled === undefined) throw new Error(`bench: ${job.name}: the compiler returned no ${contract}`);
    contracts[contract] = { abi: compiled.abi, bytecode: `0x${compiled.evm.bytecode.object}` };
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cached, JSON.stringify(contracts));
  const seconds = (performance.now() - started) / 1000;
  return { contracts, origin: `compiled with solc ${job.solc.version()} in ${seconds.toFixed(1)} s` };
}
