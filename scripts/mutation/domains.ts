// The domains of `npm run test:mutation:contracts`: the money contracts whose functions are mutated, and the
// tests that must notice (each mutant runs only its own domain's tests). `compileScope` lists the folders whose
// Solidity files are rebuilt for a mutant when they import the mutated file (its domain's contracts, mocks
// and Solidity tests); a file outside it keeps its unmutated artifact, which no test of the domain deploys.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

export interface Domain {
  name: string;
  description: string;
  /** Solidity files whose functions and modifiers are mutated. */
  files: string[];
  /** Solidity tests (`*.t.sol`) run per mutant. */
  solidityTests: string[];
  /** Mocha tests run per mutant. */
  mochaTests: string[];
  compileScope: string[];
}

/** Every file under `dir` (recursively) whose name ends with `suffix`, sorted. */
export function filesUnder(dir: string, suffix: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...filesUnder(path, suffix));
    else if (name.endsWith(suffix)) found.push(path);
  }
  return found;
}

/** The domains, with their test lists read from disk (paths relative to the repository root, the cwd). */
export function domains(): Domain[] {
  return [
    {
      name: "flash",
      description: "ERC-3156 lender with ERC-4626 shares",
      files: ["contracts/flash/FlashLoanVault.sol"],
      solidityTests: filesUnder("test/flash", ".t.sol"),
      mochaTests: filesUnder("test/flash", ".test.ts"),
      compileScope: ["contracts/flash", "contracts/mocks/flash", "test/flash"],
    },
    {
      name: "pair",
      description: "constant-product pair and its math library",
      files: ["contracts/amm/ConstantProductPair.sol", "contracts/amm/libraries/ConstantProductMath.sol"],
      solidityTests: filesUnder("test/amm", ".t.sol"),
      mochaTests: filesUnder("test/amm", ".test.ts"),
      compileScope: ["contracts/amm", "contracts/mocks/amm", "test/amm"],
    },
    {
      name: "options",
      description: "option pool, its pricer and libraries",
      files: [
        "contracts/options/OptionPool.sol",
        "contracts/options/OptionPricer.sol",
        "contracts/options/SpreadPricing.sol",
        "contracts/options/lib/SeriesMath.sol",
        "contracts/options/Black76.sol",
      ],
      solidityTests: filesUnder("test/options", ".t.sol"),
      mochaTests: filesUnder("test/options", ".test.ts"),
      compileScope: ["contracts/options", "contracts/mocks/options", "test/options"],
    },
    {
      name: "oracle",
      description: "volatility surface oracle",
      files: ["contracts/oracle/VolSurfaceOracle.sol"],
      solidityTests: ["test/oracle/VolSurfaceOracle.t.sol"],
      mochaTests: ["test/oracle/VolSurfaceOracle.test.ts"],
      compileScope: ["contracts/oracle", "contracts/mocks/oracle", "test/oracle"],
    },
    {
      name: "hedge",
      description: "hedge vault and its modules",
      files: [
        "contracts/hedge/HedgeLayerVault.sol",
        "contracts/hedge/EpochRequests.sol",
        "contracts/hedge/HedgeBook.sol",
        "contracts/hedge/HedgeBudget.sol",
        "contracts/hedge/HedgeKeeperModule.sol",
        "contracts/hedge/HedgeLensModule.sol",
        "contracts/hedge/HedgeKeeperRules.sol",
        "contracts/hedge/HedgePolicy.sol",
      ],
      solidityTests: filesUnder("test/hedge", ".t.sol"),
      mochaTests: filesUnder("test/hedge", ".test.ts"),
      compileScope: ["contracts/hedge", "contracts/mocks/hedge", "test/hedge"],
    },
  ];
}

/**
 * A hash of what a domain's results depend on: every file of its compile scope (its contracts, mocks and
 * Solidity tests), of the folders of its tests, and of `scripts/deploy` (which the tests deploy with). `--resume`
 * keeps a domain's earlier results only while this is unchanged. A change elsewhere (another domain's contracts)
 * is not tracked: start a fresh run after one that could matter.
 */
export function inputsHash(domain: Domain): string {
  const hash = createHash("sha256");
  for (const file of inputFiles(domain)) hash.update(`${file}\0`).update(readFileSync(file)).update("\0");
  return hash.digest("hex").slice(0, 16);
}

/** The files `inputsHash` covers, sorted. */
function inputFiles(domain: Domain): string[] {
  const testDirs = [...domain.mochaTests, ...domain.solidityTests].map((t) => dirname(t));
  const dirs = [...new Set([...domain.compileScope, ...testDirs, "scripts/deploy"])];
  return [...new Set(dirs.flatMap((d) => filesUnder(d, "")))].sort();
}

/**
 * A digest of each input file of `domain` except the files it mutates (which a run rewrites on purpose): the
 * tests, mocks and deploy scripts every mutant is judged by. A run takes one before its first mutant and compares
 * it after each one, so that a test edited in the middle of a run cannot fake a kill (or a survival).
 */
export function judgeFiles(domain: Domain): Map<string, string> {
  const mutated = new Set(domain.files);
  return new Map(
    inputFiles(domain)
      .filter((file) => !mutated.has(file))
      .map((file) => [file, createHash("sha256").update(readFileSync(file)).digest("hex")]),
  );
}

/** The files added, removed or changed between two `judgeFiles` digests, sorted. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((file) => before.get(file) !== after.get(file)).sort();
}
