// The flash-loan side of the demo: one arbitrage that lands, one that reverts whole, and attacks that fail.
// Everything here is a one-transaction obligation: borrowed and repaid inside one transaction, or nothing
// happened at all.
import { formatUnits } from "ethers";
import {
  deployFlashSide,
  orderedReserves,
  DEFAULT_FLASH_SIDE,
  usdc,
  USDC_DECIMALS,
  weth,
  WETH_DECIMALS,
  type FlashSide,
  type FlashSideConnection,
} from "../deploy/flashSide.js";
import { optimalArbitrageInput, roundTrip } from "../deploy/arbitrage.js";

type Log = (line: string) => void;

/** `ConfigurableFlashBorrower.Mode.RepayByDeposit`. */
const REPAY_BY_DEPOSIT = 9;

interface Snapshot {
  ownerUsdc: bigint;
  vaultAssets: bigint;
  sharePrice: bigint;
  pairAUsdc: bigint;
  pairBUsdc: bigint;
}

const fmtUsdc = (v: bigint): string =>
  Number(formatUnits(v, USDC_DECIMALS)).toLocaleString("en-US", { maximumFractionDigits: 6 });

async function snapshot(side: FlashSide, owner: string): Promise<Snapshot> {
  const usdcAddress = await side.usdc.getAddress();
  return {
    ownerUsdc: await side.usdc.balanceOf(owner),
    vaultAssets: await side.vault.totalAssets(),
    sharePrice: await side.vault.convertToAssets(10n ** (await side.vault.decimals())),
    pairAUsdc: (await orderedReserves(side.pairA, usdcAddress)).loan,
    pairBUsdc: (await orderedReserves(side.pairB, usdcAddress)).loan,
  };
}

function printSnapshots(log: Log, before: Snapshot, after: Snapshot): void {
  const rows: Array<[string, bigint, bigint]> = [
    ["owner USDC", before.ownerUsdc, after.ownerUsdc],
    ["vault totalAssets", before.vaultAssets, after.vaultAssets],
    ["vault assets per share", before.sharePrice, after.sharePrice],
    ["DEX A USDC reserve", before.pairAUsdc, after.pairAUsdc],
    ["DEX B USDC reserve", before.pairBUsdc, after.pairBUsdc],
  ];
  log(`    ${"".padEnd(24)} ${"before".padStart(18)} ${"after".padStart(18)}`);
  for (const [label, b, a] of rows) {
    log(`    ${label.padEnd(24)} ${fmtUsdc(b).padStart(18)} ${fmtUsdc(a).padStart(18)}`);
  }
}

/** The demo's custom errors whose arguments are all USDC amounts, with each argument's meaning. */
const USDC_ERROR_ARGS: Readonly<Record<string, readonly string[]>> = {
  ProfitBelowMinimum: ["balance after both swaps", "owed (amount + fee)", "minimum profit"],
  LoanAboveCollateralValue: ["requested", "allowed"],
};

/** `Name(a, b)` with each USDC argument named and in dollars, when the error is one of USDC_ERROR_ARGS. */
function readableError(name: string, args: readonly string[]): string {
  const names = USDC_ERROR_ARGS[name];
  if (names === undefined || names.length !== args.length || !args.every((a) => /^\d+$/.test(a)))
    return `${name}(${args.join(", ")})`;
  return `${name}(${args.map((a, i) => `${names[i]} ${fmtUsdc(BigInt(a))} USDC`).join(", ")})`;
}

/** Error name and arguments of a reverted call, USDC amounts in dollars where the error is known. */
function revertReason(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const e = error as {
      revert?: { name: string; args: readonly unknown[] };
      shortMessage?: string;
      message?: string;
    };
    if (e.revert) return readableError(e.revert.name, e.revert.args.map(String));
    const message = e.shortMessage ?? e.message ?? String(error);
    const custom = /custom error '(\w+)\(([^)]*)\)'/.exec(message);
    if (custom === null) return message;
    const args = custom[2]!
      .split(",")
      .map((a) => a.trim())
      .filter((a) => a !== "");
    return readableError(custom[1]!, args);
  }
  return String(error);
}

/**
 * Runs the flash-loan side and returns the number of transactions it sent. `deployed`: the flash side of the
 * whole system (the demo's Alvh deployment, seeded as DEFAULT_FLASH_SIDE); without it, it is deployed here.
 */
export async function runFlashSide(
  connection: FlashSideConnection,
  log: Log,
  deployed?: FlashSide,
): Promise<{ transactions: number }> {
  const { ethers } = connection;
  const startNonce = await ethers.provider.getTransactionCount((await ethers.getSigners())[0]!.address);
  const side = deployed ?? (await deployFlashSide(connection, DEFAULT_FLASH_SIDE));
  const [owner] = await ethers.getSigners();
  const ownerAddress = owner!.address;
  const usdcAddress = await side.usdc.getAddress();
  log(
    `  FlashLoanVault ${await side.vault.getAddress()}: ${fmtUsdc(await side.vault.totalAssets())} USDC lent by LPs, fee ${DEFAULT_FLASH_SIDE.flashFeeBps} bps`,
  );
  log(`  DEX A: WETH at ${DEFAULT_FLASH_SIDE.priceA} USDC, DEX B: WETH at ${DEFAULT_FLASH_SIDE.priceB} USDC`);

  // 1. The arbitrage that lands: size it off-chain, borrow, buy on A, sell on B, repay, keep the rest.
  const cheap = await orderedReserves(side.pairA, usdcAddress);
  const dear = await orderedReserves(side.pairB, usdcAddress);
  const amount = optimalArbitrageInput(cheap, dear);
  const fee = await side.vault.flashFee(usdcAddress, amount);
  const expected = roundTrip(amount, cheap, dear) - amount - fee;
  log("");
  log(
    `  [1] profitable flash-loan arbitrage: borrow ${fmtUsdc(amount)} USDC (fee ${fmtUsdc(fee)}), expected profit ${fmtUsdc(expected)}`,
  );
  let before = await snapshot(side, ownerAddress);
  await (await side.arbitrageur.arbitrage(usdcAddress, side.pairA, side.pairB, amount, 1n)).wait();
  let after = await snapshot(side, ownerAddress);
  printSnapshots(log, before, after);
  log(
    `    -> landed: owner +${fmtUsdc(after.ownerUsdc - before.ownerUsdc)} USDC, lenders +${fmtUsdc(after.vaultAssets - before.vaultAssets)} USDC in fees`,
  );

  // 2. The same trade again, now that the gap is closed: it cannot pay the fee and the minimum profit,
  //    so the whole transaction reverts — the loan never happened.
  log("");
  log(
    "  [2] unprofitable arbitrage (gap already closed, owner asks for >= 100 USDC profit): reverts as a whole",
  );
  before = await snapshot(side, ownerAddress);
  try {
    await (
      await side.arbitrageur.arbitrage(usdcAddress, side.pairA, side.pairB, amount, 100n * 10n ** 6n)
    ).wait();
    throw new Error("demo: the unprofitable arbitrage did not revert");
  } catch (error) {
    log(`    -> reverted: ${revertReason(error)}`);
  }
  after = await snapshot(side, ownerAddress);
  printSnapshots(log, before, after);

  // 3. Attacks that fail. (a) Repay the loan with a deposit of the borrowed money into the vault itself:
  //    every vault entry point is locked while a loan is open.
  log("");
  log("  [3] attack: repay the flash loan by depositing the borrowed USDC back into the vault");
  const borrower = await ethers.deployContract("ConfigurableFlashBorrower", [side.vault]);
  await (await borrower.setMode(REPAY_BY_DEPOSIT)).wait();
  await (await side.usdc.mint(await borrower.getAddress(), usdc(1_000n))).wait(); // enough for the fee
  before = await snapshot(side, ownerAddress);
  try {
    await (await borrower.borrow(usdc(100_000n), "0x")).wait();
    throw new Error("demo: the repay-by-deposit attack did not revert");
  } catch (error) {
    log(
      `    -> reverted: ${revertReason(error)} (vault totalAssets unchanged: ${fmtUsdc(await side.vault.totalAssets())})`,
    );
  }

  // (b) Borrow the whole vault, push DEX A's WETH price and borrow against 100 WETH of collateral from a
  //     lender. Against a lender priced by the pair's TWAP the manipulation does not register and the
  //     whole transaction reverts; the same transaction against a spot-priced lender would succeed, which
  //     is why nothing in ALVH ever prices from an AMM spot price.
  log("");
  log("  [4] attack: flash-loan the whole vault to pump DEX A's WETH spot price, borrow against 100 WETH");
  const oracle = await ethers.deployContract("TwapOracle", [side.pairA, 3600, 7200]);
  await ethers.provider.send("evm_increaseTime", [3600]);
  await (await oracle.update()).wait();
  const collateral = weth(100n);
  const results: string[] = [];
  for (const [label, priceSource] of [
    ["TWAP-priced lender", await oracle.getAddress()],
    ["spot-priced lender", ethers.ZeroAddress],
  ] as const) {
    const lender = await ethers.deployContract("CollateralLender", [
      side.pairA,
      priceSource,
      side.usdc,
      side.weth,
    ]);
    await (await side.usdc.mint(await lender.getAddress(), usdc(500_000n))).wait();
    const attacker = await ethers.deployContract("SpotManipulationAttacker", [
      side.vault,
      side.pairA,
      lender,
    ]);
    await (await side.weth.mint(await attacker.getAddress(), collateral)).wait();
    const fair = await oracle.consult(await side.weth.getAddress(), collateral);
    const flashAmount = await side.vault.maxFlashLoan(usdcAddress);
    const usdcBefore = await side.usdc.balanceOf(ownerAddress);
    try {
      await (await attacker.attack(usdcAddress, flashAmount, collateral, usdc(330_000n))).wait();
      const gained = (await side.usdc.balanceOf(ownerAddress)) - usdcBefore;
      results.push(
        `    -> ${label}: attack LANDED, 100 WETH (worth ${fmtUsdc(fair)}) turned into ${fmtUsdc(gained)} USDC`,
      );
    } catch (error) {
      results.push(`    -> ${label}: attack FAILED and reverted whole: ${revertReason(error)}`);
    }
  }
  for (const line of results) log(line);

  log("");
  log(`  WETH has ${WETH_DECIMALS} decimals, USDC ${USDC_DECIMALS}; each step above was one transaction.`);
  const endNonce = await ethers.provider.getTransactionCount(ownerAddress);
  return { transactions: endNonce - startNonce };
}
