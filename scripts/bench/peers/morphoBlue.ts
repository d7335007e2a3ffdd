// Morpho Blue for the flash-loan benchmark. The npm package (@morpho-org/morpho-blue 1.0.0) ships only its
// Solidity source, pinned to solc 0.8.19; it is compiled here with the npm `solc` package of that version
// (devDependency `solc-0.8.19`) and Morpho's own release settings (via-IR, 999,999 optimizer runs, EVM paris, no
// metadata hash), by this bench step and not by `hardhat build`: as a second compiler entry it would add its
// via-IR compile to every fresh clone's first build and to `npm test` (measured in docs/gas.md). The output is
// cached in cache/bench/, keyed by the package's version and main file, the settings and the compiler version.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { InterfaceAbi } from "ethers";

const require = createRequire(import.meta.url);

/** The part of the npm `solc` wrapper used here. */
interface Solc {
  version(): string;
  compile(
    input: string,
    callbacks: { import: (file: string) => { contents: string } | { error: string } },
  ): string;
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: InterfaceAbi; evm: { bytecode: { object: string } } }>>;
}

/** A compiled contract: its ABI and creation bytecode (0x-prefixed). */
export interface CompiledContract {
  abi: InterfaceAbi;
  bytecode: string;
  /** How it was obtained, for the bench's log: "compiled in 15.2 s" or "from cache/bench/…". */
  origin: string;
}

export const MORPHO_SOLC_VERSION = "0.8.19";
/** Morpho Blue's release settings (its foundry.toml). */
export const MORPHO_SETTINGS = {
  viaIR: true,
  optimizer: { enabled: true, runs: 999_999 },
  evmVersion: "paris",
  metadata: { bytecodeHash: "none" },
} as const;

const CACHE_DIR = path.join("cache", "bench");

/** Morpho Blue's `Morpho` contract, compiled (or read from the cache). */
export function compileMorphoBlue(): CompiledContract {
  const root = path.dirname(require.resolve("@morpho-org/morpho-blue/package.json"));
  const entry = "src/Morpho.sol";
  // Every file the compiler asks for is read from the package (imports are relative: src/libraries/...).
  const read = (file: string): string => readFileSync(path.join(root, file), "utf8");
  const solc = require("solc-0.8.19") as Solc;
  if (!solc.version().startsWith(`${MORPHO_SOLC_VERSION}+`))
    throw new Error(`bench: solc-0.8.19 is solc ${solc.version()}, expected ${MORPHO_SOLC_VERSION}`);
  const input = {
    language: "Solidity",
    sources: { [entry]: { content: read(entry) } },
    settings: {
      ...MORPHO_SETTINGS,
      outputSelection: { [entry]: { Morpho: ["abi", "evm.bytecode.object"] } },
    },
  };
  const importFile = (file: string): { contents: string } | { error: string } => {
    try {
      return { contents: read(file) };
    } catch (e) {
      return { error: `${file}: ${(e as Error).message}` };
    }
  };
  // The package is pinned: its version, its main file, the settings and the compiler identify the output.
  const pkg = JSON.parse(read("package.json")) as { version: string };
  const key = createHash("sha256")
    .update(
      JSON.stringify({
        version: solc.version(),
        pkg: pkg.version,
        settings: input.settings,
        main: read(entry),
      }),
    )
    .digest("hex")
    .slice(0, 16);
  const cached = path.join(CACHE_DIR, `morpho-blue-${key}.json`);
  if (existsSync(cached)) {
    const c = JSON.parse(readFileSync(cached, "utf8")) as { abi: InterfaceAbi; bytecode: string };
    return { ...c, origin: `from ${cached}` };
  }
  const started = performance.now();
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: importFile })) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0)
    throw new Error(
      `bench: Morpho Blue does not compile:\n${errors.map((e) => e.formattedMessage).join("\n")}`,
    );
  const morpho = output.contracts?.[entry]?.["Morpho"];
  if (morpho === undefined) throw new Error("bench: the compiler returned no Morpho contract");
  const compiled = { abi: morpho.abi, bytecode: `0x${morpho.evm.bytecode.object}` };
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cached, JSON.stringify(compiled));
  const seconds = (performance.now() - started) / 1000;
  return { ...compiled, origin: `compiled with solc ${solc.version()} in ${seconds.toFixed(1)} s` };
}
