// Morpho Blue for the flash-loan benchmark. The npm package (@morpho-org/morpho-blue 1.0.0) ships only its
// Solidity source, pinned to solc 0.8.19; it is compiled here with the npm `solc` package of that version
// (devDependency `solc-0.8.19`) and Morpho's own release settings (via-IR, 999,999 optimizer runs, EVM paris, no
// metadata hash), by this bench step and not by `hardhat build`: as a second compiler entry it would add its
// via-IR compile to every fresh clone's first build and to `npm test` (measured in docs/gas.md). The output is
// cached in cache/bench/, keyed by the package's version and main file, the settings and the compiler version.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { compileCached, type CompiledContract, type Solc } from "../solcjs.js";

const require = createRequire(import.meta.url);

export const MORPHO_SOLC_VERSION = "0.8.19";
/** Morpho Blue's release settings (its foundry.toml). */
export const MORPHO_SETTINGS = {
  viaIR: true,
  optimizer: { enabled: true, runs: 999_999 },
  evmVersion: "paris",
  metadata: { bytecodeHash: "none" },
} as const;

/** Morpho Blue's `Morpho` contract, compiled (or read from the cache), and how it was obtained. */
export function compileMorphoBlue(): CompiledContract & { origin: string } {
  const root = path.dirname(require.resolve("@morpho-org/morpho-blue/package.json"));
  const entry = "src/Morpho.sol";
  // Every file the compiler asks for is read from the package (imports are relative: src/libraries/...).
  const read = (file: string): string => readFileSync(path.join(root, file), "utf8");
  const pkg = JSON.parse(read("package.json")) as { version: string };
  const { contracts, origin } = compileCached({
    name: "morpho-blue",
    solc: require("solc-0.8.19") as Solc,
    expectedVersion: MORPHO_SOLC_VERSION,
    sources: { [entry]: read(entry) },
    settings: MORPHO_SETTINGS,
    read,
    // The package is pinned: its version, its main file, the settings and the compiler identify the output.
    keyParts: { pkg: pkg.version },
    contracts: { Morpho: entry },
  });
  return { ...contracts["Morpho"]!, origin };
}
