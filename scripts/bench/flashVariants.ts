// What each defence of FlashLoanVault.flashLoan costs, measured rather than estimated: the bench builds variants
// of contracts/flash/FlashLoanVault.sol, each without one defence (or several), compiles them with the project's
// compiler and settings (npm `solc`, read from the Hardhat config) and measures each one's loan beside the vault's.
// The variants exist only in cache/bench/: in contracts/ they would add their compile to every `hardhat build`,
// and none of them is a contract anyone should deploy.
//
// Each edit names lines of the vault's source exactly. If the vault changes so that a line is no longer there
// (or is there twice), the bench stops and names the variant and the line: update the edits here.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { BaseContract, Signer } from "ethers";
import hre from "hardhat";
import { compileCached, type CompiledContract, type Solc } from "./solcjs.js";

const require = createRequire(import.meta.url);

export const VAULT_SOURCE = "contracts/flash/FlashLoanVault.sol";

/** One line of the vault's source (without its indentation) and what replaces it: nothing drops it. */
export interface LineEdit {
  line: string;
  becomes: string[];
  /** Where the line must occur exactly once: flashLoan's body (the default) or the whole file. */
  scope?: "flashLoan" | "file";
}

/** A variant of the vault: its key in docs/gas.json, what it leaves out, and the edits that leave it out. */
export interface VaultVariant {
  key: string;
  without: string;
  edits: LineEdit[];
}

const drop = (line: string): LineEdit => ({ line, becomes: [] });

const FEE_AND_PAUSE: LineEdit[] = [
  drop("_requireNotPaused();"),
  { line: "uint256 fee = _feeOf(amount, _flashFeeBps);", becomes: ["uint256 fee = 0;"] },
];
const LOCK: LineEdit[] = [
  drop("if (_lentPlusOne != 0) revert FlashLoanInProgress();"),
  drop("_lentPlusOne = amount + 1;"),
  drop("_lentPlusOne = 0;"),
];
const REPAYMENT_CHECK: LineEdit[] = [
  drop("uint256 balanceAfter = IERC20(token).balanceOf(address(this));"),
  drop("if (balanceAfter < balanceBefore + fee)"),
  drop("revert FlashLoanRepaymentShort(balanceBefore + fee, balanceAfter);"),
];
// Without the balance read before the loan, the liquidity error is raised only when the transfer out fails,
// so a loan above the idle balance still reverts with FlashLoanAmountAboveMax and its figures.
const BOTH_BALANCE_CHECKS: LineEdit[] = [
  ...REPAYMENT_CHECK,
  drop("uint256 balanceBefore = IERC20(token).balanceOf(address(this));"),
  drop("if (amount > balanceBefore) revert FlashLoanAmountAboveMax(token, amount, balanceBefore);"),
  {
    line: "IERC20(token).safeTransfer(address(receiver), amount);",
    becomes: [
      "if (!IERC20(token).trySafeTransfer(address(receiver), amount)) {",
      "    revert FlashLoanAmountAboveMax(token, amount, IERC20(token).balanceOf(address(this)));",
      "}",
    ],
  },
];
// A fee fixed at deployment (an immutable) instead of one the fee setter can change, and loans that no pause stops.
const FIXED_FEE_NO_LOAN_PAUSE: LineEdit[] = [
  drop("_requireNotPaused();"),
  {
    line: "uint256 fee = _feeOf(amount, _flashFeeBps);",
    becomes: ["uint256 fee = _feeOf(amount, _fixedFeeBps);"],
  },
  {
    line: "uint8 private immutable _offset;",
    becomes: ["uint8 private immutable _offset;", "uint256 private immutable _fixedFeeBps;"],
    scope: "file",
  },
  {
    line: "_setFlashFeeBps(feeBps_);",
    becomes: ["_setFlashFeeBps(feeBps_);", "_fixedFeeBps = feeBps_;"],
    scope: "file",
  },
];

/** The control (the vault's own source, compiled by this path) first, then the variants, cheapest defence last. */
export const VAULT_VARIANTS: readonly VaultVariant[] = [
  { key: "control", without: "nothing (the vault's own source, compiled by the bench)", edits: [] },
  { key: "withoutFeeAndPause", without: "the fee and pause read (fee 0, no pause)", edits: FEE_AND_PAUSE },
  {
    key: "withoutRepaymentCheck",
    without: "the repayment check (the balance read after the loan)",
    edits: REPAYMENT_CHECK,
  },
  {
    key: "withoutBalanceChecks",
    without: "both balance reads (the liquidity error raised only when the transfer out fails)",
    edits: BOTH_BALANCE_CHECKS,
  },
  { key: "withoutLock", without: "the loan lock (a transient slot written twice)", edits: LOCK },
  {
    key: "fixedFeeLockOnly",
    without: "fee changes, the loan pause and both balance reads (fee fixed at deployment, lock kept)",
    edits: [...FIXED_FEE_NO_LOAN_PAUSE, ...BOTH_BALANCE_CHECKS],
  },
  {
    key: "morphoFeatures",
    without: "all four: fee, pause, lock and balance reads (Morpho Blue's feature set)",
    edits: [...FEE_AND_PAUSE, ...BOTH_BALANCE_CHECKS, ...LOCK],
  },
];

/** The contract name a variant is compiled under. */
export const variantContract = (key: string): string =>
  `FlashLoanVault${key.charAt(0).toUpperCase()}${key.slice(1)}`;

/** The body of `function flashLoan(...)`, as [start, end) offsets into `source`. */
function flashLoanBody(source: string): [number, number] {
  const start = source.indexOf("    function flashLoan(");
  const end = start < 0 ? -1 : source.indexOf("\n    }\n", start);
  if (start < 0 || end < 0) throw new Error(`bench: ${VAULT_SOURCE} has no flashLoan function to edit`);
  return [start, end];
}

/** `source` with `variant`'s edits applied and the contract renamed; throws naming any line not found exactly once. */
export function applyVariant(source: string, variant: VaultVariant): string {
  let text = source.replace("contract FlashLoanVault is", `contract ${variantContract(variant.key)} is`);
  if (text === source)
    throw new Error(`bench: ${VAULT_SOURCE} no longer declares "contract FlashLoanVault is"`);
  for (const edit of variant.edits) {
    const [from, to] = edit.scope === "file" ? [0, text.length] : flashLoanBody(text);
    const region = text.slice(from, to);
    const lines = region.split("\n");
    const at = lines.flatMap((l, i) => (l.trim() === edit.line ? [i] : []));
    if (at.length !== 1)
      throw new Error(
        `bench: variant ${variant.key}: "${edit.line}" occurs ${at.length} times in ` +
          `${edit.scope === "file" ? VAULT_SOURCE : "flashLoan"} (expected once); update scripts/bench/flashVariants.ts`,
      );
    const i = at[0]!;
    const indent = lines[i]!.slice(0, lines[i]!.length - lines[i]!.trimStart().length);
    lines.splice(i, 1, ...edit.becomes.map((l) => indent + l));
    text = text.slice(0, from) + lines.join("\n") + text.slice(to);
  }
  return text;
}

/** Every variant compiled with the project's compiler (or read from cache/bench/), and how they were obtained. */
export function compileVaultVariants(): { contracts: Record<string, CompiledContract>; origin: string } {
  const compiler = hre.config.solidity.profiles["default"]?.compilers[0];
  if (compiler === undefined) throw new Error("bench: no default compiler in the Hardhat config");
  const source = readFileSync(VAULT_SOURCE, "utf8");
  const sources: Record<string, string> = {};
  const contracts: Record<string, string> = {};
  for (const variant of VAULT_VARIANTS) {
    // Beside the vault, so its relative imports (../interfaces/...) resolve to the same files.
    const unit = `contracts/flash/${variantContract(variant.key)}.sol`;
    sources[unit] = applyVariant(source, variant);
    contracts[variantContract(variant.key)] = unit;
  }
  const read = (file: string): string =>
    readFileSync(file.startsWith("@") ? require.resolve(file) : path.resolve(file), "utf8");
  const openZeppelin = JSON.parse(
    readFileSync(require.resolve("@openzeppelin/contracts/package.json"), "utf8"),
  ) as {
    version: string;
  };
  return compileCached({
    name: "flash-vault-variants",
    solc: require("solc") as Solc,
    expectedVersion: compiler.version,
    sources,
    settings: { optimizer: compiler.settings.optimizer, evmVersion: compiler.settings.evmVersion },
    read,
    // The imports' content decides the output too: the interface file and the OpenZeppelin release.
    keyParts: { openZeppelin: openZeppelin.version, iface: read("contracts/interfaces/IFlashLoanVault.sol") },
    contracts,
  });
}

/** Where the variants are deployed: the asset, who deploys (and administers) them, who supplies their liquidity. */
export interface VariantDeployment {
  asset: string;
  admin: Signer;
  lp: Signer;
  /** The flash fee each variant is deployed with (a fixed-fee variant keeps it). */
  feeBps: bigint;
  /** Assets the LP deposits into each variant (approved here). */
  liquidity: bigint;
}

/**
 * Every variant compiled (or read from the cache), deployed like the vault (decimals offset 6) and funded: the
 * contracts by variant key, in VAULT_VARIANTS' order, and how they were compiled.
 */
export async function deployVaultVariants(
  ethers: HardhatEthers,
  { asset, admin, lp, feeBps, liquidity }: VariantDeployment,
): Promise<{ vaults: Record<string, BaseContract>; origin: string }> {
  const { contracts, origin } = compileVaultVariants();
  const token = await ethers.getContractAt("MockERC20", asset, lp);
  const vaults: Record<string, BaseContract> = {};
  for (const variant of VAULT_VARIANTS) {
    const compiled = contracts[variantContract(variant.key)]!;
    const vault = await new ethers.ContractFactory(compiled.abi, compiled.bytecode, admin).deploy(
      asset,
      "Flash Vault Variant",
      "fvV",
      await admin.getAddress(),
      feeBps,
      6,
    );
    await vault.waitForDeployment();
    await (await token.approve(await vault.getAddress(), liquidity)).wait();
    await (await vault.connect(lp).getFunction("deposit")(liquidity, await lp.getAddress())).wait();
    vaults[variant.key] = vault;
  }
  return { vaults, origin };
}
