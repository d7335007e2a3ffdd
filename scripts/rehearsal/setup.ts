// The local rehearsal's deployment and seeding, shared by the one-command launcher (scripts/rehearsal/run.ts)
// and the manual steps (scripts/rehearsal/seed.ts, grantKeeperRole.ts): the Alvh Ignition module with
// ignition/parameters/localhost.json, then what the first users do — liquidity for the flash vault and both
// DEXes, the option pool's LP deposit, and a first hedge-vault deposit request (the keeper processes its epoch).
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { id, ZeroHash } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import AlvhModule from "../../ignition/modules/Alvh.js";
import {
  FlashLoanVault__factory,
  HedgeLayerVault__factory,
  HedgeTimelock__factory,
  MockERC20__factory,
  OptionPool__factory,
  ConstantProductRouter__factory,
} from "../../types/ethers-contracts/index.js";
import { DEFAULT_FLASH_SIDE, seedFlashSide, usdc } from "../deploy/flashSide.js";
import { REHEARSAL_ACCOUNTS, REHEARSAL_PARAMETERS, type RehearsalRole } from "./localhost.js";

export type RehearsalConnection = Pick<NetworkConnection, "ethers" | "ignition" | "provider">;

/** The deployed contracts the rehearsal uses (from Ignition's deployed_addresses.json). */
export interface RehearsalAddresses {
  usdc: string;
  weth: string;
  flashVault: string;
  routerA: string;
  routerB: string;
  vixFeed: string;
  spxFeed: string;
  volOracle: string;
  pool: string;
  hedgeVault: string;
  timelock: string;
}

const FUTURES: Record<keyof RehearsalAddresses, string> = {
  usdc: "TestTokens#USDC",
  weth: "TestTokens#WETH",
  flashVault: "FlashSide#FlashLoanVault",
  routerA: "FlashSide#RouterA",
  routerB: "FlashSide#RouterB",
  vixFeed: "Feeds#VixFeed",
  spxFeed: "Feeds#SpxFeed",
  volOracle: "Feeds#VolSurfaceOracle",
  pool: "OptionPool#OptionPool",
  hedgeVault: "HedgeVault#HedgeLayerVault",
  timelock: "Governance#HedgeTimelock",
};

/** Stablecoin the option pool's LP deposits, and the first hedge-vault deposit (whole units). */
export const REHEARSAL_SEED = { poolLiquidity: 10_000_000n, firstDeposit: 1_000_000n } as const;

/** The rehearsal's addresses as Ignition recorded them under `deploymentId`. */
export function readRehearsalAddresses(deploymentId: string): RehearsalAddresses {
  const file = join("ignition", "deployments", deploymentId, "deployed_addresses.json");
  if (!existsSync(file))
    throw new Error(
      `no ${file}: deploy first (npx hardhat ignition deploy … --deployment-id ${deploymentId})`,
    );
  const recorded = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(FUTURES).map(([key, future]) => {
      const address = recorded[future];
      if (address === undefined) throw new Error(`${file} has no "${future}"`);
      return [key, address];
    }),
  ) as unknown as RehearsalAddresses;
}

/**
 * Deploys the whole system (ignition/modules/Alvh.ts) with the localhost parameters file. On a fresh node an
 * old journal of the same id would not match the chain: `fresh` removes it first.
 */
export async function deployRehearsal(
  conn: RehearsalConnection,
  deploymentId: string,
  fresh: boolean,
): Promise<RehearsalAddresses> {
  if (fresh) rmSync(join("ignition", "deployments", deploymentId), { recursive: true, force: true });
  await conn.ignition.deploy(AlvhModule, { parameters: REHEARSAL_PARAMETERS, deploymentId });
  return readRehearsalAddresses(deploymentId);
}

async function signer(conn: RehearsalConnection, role: RehearsalRole) {
  const s = (await conn.ethers.getSigners())[REHEARSAL_ACCOUNTS[role].index];
  if (s === undefined) throw new Error(`no Hardhat account #${REHEARSAL_ACCOUNTS[role].index} (${role})`);
  return s;
}

/**
 * Seeds the deployment as its first users would: the deployer lends to the flash vault and adds liquidity to
 * both DEXes (scripts/deploy/flashSide.ts), deposits the option pool's LP capital, and the depositor requests
 * the first hedge-vault deposit. The request is processed by the keeper (processEpoch) once the epoch has
 * run (one day), which gives the vault the NAV it sizes positions from.
 */
export async function seedRehearsal(conn: RehearsalConnection, a: RehearsalAddresses): Promise<void> {
  const deployer = await signer(conn, "deployer");
  const depositor = await signer(conn, "depositor");
  const token = MockERC20__factory.connect(a.usdc, deployer);
  await seedFlashSide(
    conn.ethers,
    deployer,
    {
      usdc: token,
      weth: MockERC20__factory.connect(a.weth, deployer),
      vault: FlashLoanVault__factory.connect(a.flashVault, deployer),
      routerA: ConstantProductRouter__factory.connect(a.routerA, deployer),
      routerB: ConstantProductRouter__factory.connect(a.routerB, deployer),
    },
    DEFAULT_FLASH_SIDE,
  );
  const max = conn.ethers.MaxUint256;
  await (await token.mint(deployer.address, usdc(REHEARSAL_SEED.poolLiquidity))).wait();
  await (await token.approve(a.pool, max)).wait();
  await (
    await OptionPool__factory.connect(a.pool, deployer).deposit(
      usdc(REHEARSAL_SEED.poolLiquidity),
      deployer.address,
    )
  ).wait();
  const first = usdc(REHEARSAL_SEED.firstDeposit);
  await (await token.mint(depositor.address, first)).wait();
  await (await token.connect(depositor).approve(a.hedgeVault, max)).wait();
  await (
    await HedgeLayerVault__factory.connect(a.hedgeVault, depositor).requestDeposit(
      first,
      depositor.address,
      depositor.address,
    )
  ).wait();
}

/**
 * Grants KEEPER_ROLE on the hedge vault to `keeper` the way governance must after the Governance module:
 * the multisig schedules `grantRole` on the timelock, the delay passes, anyone executes. On localhost the
 * delay is skipped with evm_increaseTime; on a testnet the multisig (a Safe) schedules and someone executes
 * after `minDelay`. A keeper that already holds the role is left alone. Returns true when it granted.
 */
export async function grantKeeperRole(
  conn: RehearsalConnection,
  a: RehearsalAddresses,
  keeper: string,
): Promise<boolean> {
  const multisig = await signer(conn, "multisig");
  const vault = HedgeLayerVault__factory.connect(a.hedgeVault, multisig);
  const role = id("KEEPER_ROLE");
  if (await vault.hasRole(role, keeper)) return false;
  const timelock = HedgeTimelock__factory.connect(a.timelock, multisig);
  const data = vault.interface.encodeFunctionData("grantRole", [role, keeper]);
  const salt = id(`grant KEEPER_ROLE to ${keeper}`);
  const delay = await timelock.getMinDelay();
  await (await timelock.schedule(a.hedgeVault, 0n, data, ZeroHash, salt, delay)).wait();
  await conn.provider.request({ method: "evm_increaseTime", params: [Number(delay)] });
  await conn.provider.request({ method: "evm_mine", params: [] });
  await (await timelock.execute(a.hedgeVault, 0n, data, ZeroHash, salt)).wait();
  if (!(await vault.hasRole(role, keeper)))
    throw new Error(`KEEPER_ROLE grant to ${keeper} did not take effect`);
  return true;
}
