// Flash-loan vault benchmark: one 1000-token flash loan with a minimal borrower (total transaction gas,
// steady state) against the lenders users pick — Balancer V2's real Vault bytecode, Aave V3's Pool
// (`flashLoanSimple`, the npm package's artifacts) and Morpho Blue (`flashLoan`, compiled from the npm package's
// source with its own compiler, scripts/bench/peers/morphoBlue.ts) — and OpenZeppelin's ERC20FlashMint as a
// reference line, and the vault's deposit/redeem against a plain OpenZeppelin ERC-4626.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ContractTransactionResponse, InterfaceAbi } from "ethers";
import { deployVaultVariants, VAULT_VARIANTS } from "./flashVariants.js";
import { deployAaveV3Market } from "./peers/aaveV3.js";
import { compileMorphoBlue } from "./peers/morphoBlue.js";
import type { BenchModule } from "./types.js";
import { median } from "./types.js";
import type {
  FlashLoanVault,
  MinimalFlashBorrower,
  MockBalancerFlashRecipient,
  MockERC20,
  MockERC20FlashMint,
  MockERC4626,
  PeerFlashBorrower,
} from "../../types/ethers-contracts/index.js";

const require = createRequire(import.meta.url);
const WARM_UP = 2;
const SAMPLES = 7;
const FEE_BPS = 5n;

interface Artifact {
  abi: InterfaceAbi;
  bytecode: string;
}

/** Loads a Balancer V2 deployment artifact from node_modules (never committed to this repository). */
function balancerArtifact(name: string): Artifact {
  const path = require.resolve(`@balancer-labs/v2-deployments/deployed/mainnet/${name}.json`);
  return JSON.parse(readFileSync(path, "utf8")) as Artifact;
}

async function gasOf(send: () => Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await send()).wait();
  if (receipt === null) throw new Error("bench: no receipt");
  return Number(receipt.gasUsed);
}

/** Median gas of `SAMPLES` runs of `send` after `WARM_UP` unmeasured runs. */
async function steady(send: () => Promise<ContractTransactionResponse>): Promise<number> {
  for (let i = 0; i < WARM_UP; i++) await gasOf(send);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await gasOf(send));
  return median(samples);
}

const ratio = (ours: number, anchor: number): string => (ours / anchor).toFixed(3);

export const bench: BenchModule = async (ethers) => {
  const [admin, lp] = await ethers.getSigners();
  if (admin === undefined || lp === undefined) throw new Error("bench: need two signers");
  const unit = 10n ** 18n;
  const loan = 1_000n * unit;

  // --- ours: vault over an 18-decimals OpenZeppelin ERC-20; zero fee like the anchors, then 5 bps.
  const token = (await ethers.deployContract("MockERC20", ["Bench Token", "BT", 18])) as unknown as MockERC20;
  const vault = (await ethers.deployContract("FlashLoanVault", [
    await token.getAddress(),
    "Flash Vault Share",
    "fvBT",
    admin.address,
    0,
    6,
  ])) as unknown as FlashLoanVault;
  const vaultAddress = await vault.getAddress();
  await token.mint(lp.address, 1_000_000n * unit);
  await token.connect(lp).approve(vaultAddress, ethers.MaxUint256);
  await vault.connect(lp).deposit(100_000n * unit, lp.address);
  const borrower = (await ethers.deployContract("MinimalFlashBorrower", [
    await token.getAddress(),
    vaultAddress,
  ])) as unknown as MinimalFlashBorrower;
  await token.mint(await borrower.getAddress(), 100n * unit); // pre-funded for the fees
  const ours = await steady(() => vault.flashLoan(borrower.getAddress(), token.getAddress(), loan, "0x"));
  // Same loan, borrower holding no tokens (its balance goes 0 -> amount -> 0): Balancer's cheapest case.
  const emptyBorrower = (await ethers.deployContract("MinimalFlashBorrower", [
    await token.getAddress(),
    vaultAddress,
  ])) as unknown as MinimalFlashBorrower;
  const oursEmpty = await steady(() =>
    vault.flashLoan(emptyBorrower.getAddress(), token.getAddress(), loan, "0x"),
  );

  // --- Aave V3 and Morpho Blue, one borrower for both (pre-funded, pre-approved, callbacks only return).
  // Aave: zero premium like the others (Pool.initialize sets 9 bps; the configurator sets it to 0).
  await token.mint(admin.address, 100_000n * unit);
  const aave = await deployAaveV3Market(ethers, admin, await token.getAddress(), 18, 100_000n * unit, 0n);
  const morphoBlue = compileMorphoBlue();
  console.log(`bench: Morpho Blue ${morphoBlue.origin}`);
  const morpho = await new ethers.ContractFactory(morphoBlue.abi, morphoBlue.bytecode, admin).deploy(
    admin.address,
  );
  await morpho.waitForDeployment();
  await token.mint(await morpho.getAddress(), 100_000n * unit); // Morpho lends whatever it holds
  const peer = (await ethers.deployContract("PeerFlashBorrower", [
    await token.getAddress(),
    [await aave.pool.getAddress(), await morpho.getAddress(), vaultAddress],
  ])) as unknown as PeerFlashBorrower;
  await token.mint(await peer.getAddress(), 100n * unit); // pre-funded for the fees
  const aaveFlashLoanSimple = aave.pool.getFunction("flashLoanSimple");
  const aaveLoan = (): Promise<ContractTransactionResponse> =>
    aaveFlashLoanSimple(
      peer.getAddress(),
      token.getAddress(),
      loan,
      "0x",
      0,
    ) as Promise<ContractTransactionResponse>;
  const aaveV3 = await steady(aaveLoan);
  // Morpho lends only to the account that calls it: the transaction goes to the borrower, which starts the
  // loan. ALVH's figure for that comparison is the same path (PeerFlashBorrower.borrowFromErc3156).
  const morphoBlueGas = await steady(() => peer.borrowFromMorpho(morpho.getAddress(), loan));
  const oursStartedByBorrower = await steady(() => peer.borrowFromErc3156(vaultAddress, loan));

  // --- What each defence costs: the vault's variants (scripts/bench/flashVariants.ts), same path, zero fee,
  // each holding the same liquidity, with a borrower of their own (the vault itself measured again beside them).
  const variantBuild = await deployVaultVariants(ethers, {
    asset: await token.getAddress(),
    admin,
    lp,
    feeBps: 0n,
    liquidity: 100_000n * unit,
  });
  console.log(`bench: FlashLoanVault variants ${variantBuild.origin}`);
  const variantAddresses = await Promise.all(
    VAULT_VARIANTS.map((v) => variantBuild.vaults[v.key]!.getAddress()),
  );
  const variantPeer = (await ethers.deployContract("PeerFlashBorrower", [
    await token.getAddress(),
    [vaultAddress, ...variantAddresses],
  ])) as unknown as PeerFlashBorrower;
  await token.mint(await variantPeer.getAddress(), 100n * unit);
  const oursBesideVariants = await steady(() => variantPeer.borrowFromErc3156(vaultAddress, loan));
  const variantGas: Record<string, number> = {};
  for (const [i, variant] of VAULT_VARIANTS.entries()) {
    variantGas[variant.key] = await steady(() => variantPeer.borrowFromErc3156(variantAddresses[i]!, loan));
  }

  await vault.setFlashFeeBps(FEE_BPS);
  const oursWithFee = await steady(() =>
    vault.flashLoan(borrower.getAddress(), token.getAddress(), loan, "0x"),
  );
  await (await aave.configurator.getFunction("updateFlashloanPremiumTotal")(FEE_BPS)).wait();
  const aaveWithFee = await steady(aaveLoan);

  // --- OpenZeppelin ERC20FlashMint (zero fee, its default), borrower pre-funded and pre-approved.
  const fm = (await ethers.deployContract("MockERC20FlashMint", [])) as unknown as MockERC20FlashMint;
  const fmBorrower = (await ethers.deployContract("MinimalFlashBorrower", [
    await fm.getAddress(),
    await fm.getAddress(),
  ])) as unknown as MinimalFlashBorrower;
  await fm.mint(await fmBorrower.getAddress(), 100n * unit);
  const flashMint = await steady(() => fm.flashLoan(fmBorrower.getAddress(), fm.getAddress(), loan, "0x"));

  // --- Balancer V2 Vault (real mainnet bytecode from node_modules), liquidity sent to it directly.
  const authorizerArtifact = balancerArtifact("Authorizer");
  const vaultArtifact = balancerArtifact("Vault");
  const authorizer = await new ethers.ContractFactory(
    authorizerArtifact.abi,
    authorizerArtifact.bytecode,
    admin,
  ).deploy(admin.address);
  // Any deployed contract serves as WETH (no ETH is wrapped here).
  const balancer = await new ethers.ContractFactory(vaultArtifact.abi, vaultArtifact.bytecode, admin).deploy(
    await authorizer.getAddress(),
    await token.getAddress(),
    7_776_000,
    2_592_000,
  );
  const balancerAddress = await balancer.getAddress();
  await token.mint(balancerAddress, 100_000n * unit);
  const recipient = (await ethers.deployContract(
    "MockBalancerFlashRecipient",
    [],
  )) as unknown as MockBalancerFlashRecipient;
  const balancerFlashLoan = balancer.getFunction("flashLoan");
  const emptyRecipient = (await ethers.deployContract(
    "MockBalancerFlashRecipient",
    [],
  )) as unknown as MockBalancerFlashRecipient;
  const balancerEmpty = await steady(
    () =>
      balancerFlashLoan(
        emptyRecipient.getAddress(),
        [token.getAddress()],
        [loan],
        "0x",
      ) as Promise<ContractTransactionResponse>,
  );
  await token.mint(await recipient.getAddress(), 100n * unit);
  const balancerV2 = await steady(
    () =>
      balancerFlashLoan(
        recipient.getAddress(),
        [token.getAddress()],
        [loan],
        "0x",
      ) as Promise<ContractTransactionResponse>,
  );

  // --- deposit / redeem: ours vs a plain OpenZeppelin ERC-4626, same token, same amounts.
  const plain = (await ethers.deployContract("MockERC4626", [
    await token.getAddress(),
  ])) as unknown as MockERC4626;
  await token.connect(lp).approve(await plain.getAddress(), ethers.MaxUint256);
  const deposit = 1_000n * unit;
  const oursDeposit = await steady(() => vault.connect(lp).deposit(deposit, lp.address));
  const plainDeposit = await steady(() => plain.connect(lp).deposit(deposit, lp.address));
  const oursShares = (await vault.balanceOf(lp.address)) / 100n;
  const plainShares = (await plain.balanceOf(lp.address)) / 100n;
  const oursRedeem = await steady(() => vault.connect(lp).redeem(oursShares, lp.address, lp.address));
  const plainRedeem = await steady(() => plain.connect(lp).redeem(plainShares, lp.address, lp.address));

  const peers: [string, number, number][] = [
    ["Balancer V2", ours, balancerV2],
    ["Aave V3", ours, aaveV3],
    ["Morpho Blue", oursStartedByBorrower, morphoBlueGas],
  ];
  const above = peers.filter(([, o, a]) => o > a).map(([name]) => name);
  const markdown = [
    "One flash loan of 1000 tokens (18-decimals OpenZeppelin ERC-20) with a minimal borrower, total",
    `transaction gas, median of ${SAMPLES} after ${WARM_UP} warm-up loans, all in the same run; every borrower`,
    "is pre-funded for the fee and pre-approved (max allowance) where the lender pulls, so its callback only",
    "returns. Every lender charges a zero fee here (Aave's premium set to 0 by its configurator, Morpho Blue has",
    "none); with a 5 bps fee our loan costs " +
      `${oursWithFee} gas and Aave's ${aaveWithFee} (balances no longer return to their original values, so`,
    "the EIP-3529 refunds for restored storage slots are lost).",
    "",
    "Peers: Balancer V2's Vault from its mainnet deployment artifact (`@balancer-labs/v2-deployments` 1.1.1); Aave",
    "V3's Pool from the artifacts of `@aave/core-v3` 1.19.3 (behind its proxy, logic libraries linked, one reserve",
    "supplied with 100,000 tokens, `flashLoanSimple`); Morpho Blue from the source of `@morpho-org/morpho-blue`",
    "1.0.0, compiled by the bench with solc 0.8.19 (npm `solc-0.8.19`) at Morpho's release settings (via-IR,",
    "999,999 runs, EVM paris), holding 100,000 tokens. Morpho lends only to the contract that calls it, so its",
    "loan is started by the borrower contract (the transaction goes to the borrower); ALVH is measured on that",
    "same path for that line (`PeerFlashBorrower.borrowFromErc3156`). None of their code is in this repository.",
    "",
    "Why Morpho Blue is compiled by the bench and not by `hardhat build`: tried as a second compiler entry",
    "(solc 0.8.19 from npm, Morpho's settings, `npmFilesToBuild`), its via-IR compile made a fresh clone's",
    "`npx hardhat build` 78 s instead of 62 s (means of two alternating runs each on 2 cores, load average 3.7-4.2),",
    "a cost every fresh clone's first `npm run demo` and `npm test` would pay. The bench compiles it with the same",
    "compiler and settings through solc's JavaScript API (about 15 s once), then reads it from `cache/bench/`.",
    "",
    "| operation | ALVH FlashLoanVault | peer | ratio |",
    "|---|---:|---|---:|",
    `| flashLoan | ${ours} | Balancer V2 Vault \`flashLoan\`: ${balancerV2} | ${ratio(ours, balancerV2)} |`,
    `| flashLoan | ${ours} | Aave V3 Pool \`flashLoanSimple\`: ${aaveV3} | ${ratio(ours, aaveV3)} |`,
    `| flashLoan started by the borrower | ${oursStartedByBorrower} | Morpho Blue \`flashLoan\`: ${morphoBlueGas} | ${ratio(oursStartedByBorrower, morphoBlueGas)} |`,
    `| flashLoan (reference, not like-for-like) | ${ours} | OpenZeppelin ERC20FlashMint: ${flashMint} | ${ratio(ours, flashMint)} |`,
    `| deposit | ${oursDeposit} | OpenZeppelin ERC4626: ${plainDeposit} | ${ratio(oursDeposit, plainDeposit)} |`,
    `| redeem | ${oursRedeem} | OpenZeppelin ERC4626: ${plainRedeem} | ${ratio(oursRedeem, plainRedeem)} |`,
    "",
    "Target: flashLoan ≤ 1.0 × each peer lender. A borrower that holds no tokens (its balance goes 0 -> amount",
    "-> 0, zero fee) is the case where Balancer costs the most: " +
      `${balancerEmpty} here, our vault ${oursEmpty} (ratio ${ratio(oursEmpty, balancerEmpty)}).`,
    above.length === 0
      ? "Our loan is at or below every peer lender."
      : `MISSED: our loan costs more than ${above.join(" and ")} (ratios above).`,
    ...(above.includes("Morpho Blue")
      ? [
          "Morpho Blue's loan is the leanest possible: one event, a transfer out, the callback, a transferFrom back; " +
            "it reads no storage of its own and trusts the token's transferFrom to enforce the repayment. ALVH's " +
            `loan costs ${oursStartedByBorrower - morphoBlueGas} gas more on this path. What each of its defences ` +
            "costs is measured below.",
        ]
      : []),
    "",
    "### What each defence of the loan costs",
    "",
    "Variants of `contracts/flash/FlashLoanVault.sol`, each without one defence of `flashLoan` (or several), built",
    "by the bench from the vault's source by exact line edits and compiled with the project's compiler and",
    "settings from the Hardhat config (`scripts/bench/flashVariants.ts`; they live only in `cache/bench/`). Each",
    "holds the same 100,000 tokens and lends 1000 at zero fee on the borrower-started path, to a borrower of their",
    "own (`PeerFlashBorrower`), in the same run as Morpho Blue. The control is the vault's own source compiled the",
    `same way: ${variantGas["control"]} gas, against ${oursBesideVariants} for the vault's Hardhat artifact on that`,
    "borrower" +
      (variantGas["control"] === oursBesideVariants
        ? " (the same figure: the variants' compile path changes nothing by itself)."
        : ` (${variantGas["control"]! - oursBesideVariants} apart: the figures below are read against the control).`),
    "",
    "| the vault without | gas | saved | ratio to Morpho Blue |",
    "|---|---:|---:|---:|",
    ...VAULT_VARIANTS.map(
      (v) =>
        `| ${v.without} | ${variantGas[v.key]} | ${variantGas["control"]! - variantGas[v.key]!} | ` +
        `${ratio(variantGas[v.key]!, morphoBlueGas)} |`,
    ),
    "",
    "Reaching Morpho Blue's cost takes " +
      (() => {
        const reaching = VAULT_VARIANTS.filter((v) => variantGas[v.key]! <= morphoBlueGas);
        return reaching.length === 0
          ? "more than any variant here removes."
          : `what the rows at or below 1.000 remove: ${reaching.map((v) => v.without).join("; ")}.`;
      })(),
    "Every such row gives up the fee setter's control of the fee and the guardian's pause of loans, and the",
    "repayment check. The fee is the LPs' income: a fee fixed at deployment keeps it, but it cannot follow the",
    "market. The pause is the guardian's stop in an incident. The repayment check is what stops a token that",
    "turns on a transfer tax later (USDT's contract has such a switch) from draining the vault: without it, a",
    "repayment arrives short by the tax, and while the tax exceeds the fee anyone could repeat such loans, at",
    "no cost but gas, until the vault is empty. Those are product decisions, not optimisations, and the vault",
    "keeps all three. The loan lock stays in every case: it keeps `totalAssets` and the share price exact while",
    "the money is out, and refuses deposits of borrowed money. ERC-3156's five-argument callback, its return",
    "value and the FlashLoan event's three data words are in every row, control included.",
    "",
    "ERC20FlashMint is a reference line, not a peer: it lends a token it mints itself, so it makes no external " +
      "token call (no transfer, no balance check), stores no fee and emits no loan event of its own. A vault that " +
      "lends a separate ERC-20 pays for a cold token account (2,600), a cold SLOAD of its own token balance and of " +
      "its fee/pause slot (2 x 2,100), four external calls into the token (transfer, transferFrom, two balanceOf) " +
      "and the ERC-3156 FlashLoan event (~2,000); only a flash-mint of the vault's own token would avoid them.",
    "Deposit and redeem cost a little more than the plain vault: the pause flag (one cold SLOAD) and the " +
      "transient loan lock (one TLOAD).",
  ].join("\n");

  return {
    title: "Flash loans (FlashLoanVault)",
    rows: {
      flashLoan: {
        alvh: ours,
        balancerV2,
        aaveV3,
        alvhStartedByBorrower: oursStartedByBorrower,
        morphoBlue: morphoBlueGas,
        erc20FlashMint: flashMint,
        alvhFee5bps: oursWithFee,
        aaveV3Fee5bps: aaveWithFee,
      },
      flashLoanVariants: { alvhBesideVariants: oursBesideVariants, ...variantGas },
      vaultDeposit: { alvh: oursDeposit, ozErc4626: plainDeposit },
      vaultRedeem: { alvh: oursRedeem, ozErc4626: plainRedeem },
    },
    markdown,
  };
};
