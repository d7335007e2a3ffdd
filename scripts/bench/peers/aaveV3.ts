// Aave V3 for the flash-loan benchmark: the real bytecode of @aave/core-v3 1.19.3 (the Hardhat artifacts the npm
// package ships, never copied into this repository), deployed the way Aave's own deploy scripts do it: an
// addresses provider, an ACL manager, the Pool and the PoolConfigurator behind their proxies (the logic libraries
// linked in), one reserve for the benchmark token (AToken, debt tokens, a default interest-rate strategy) with
// flash loans enabled, and liquidity supplied through the Pool.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Contract, type InterfaceAbi } from "ethers";

const require = createRequire(import.meta.url);

interface LinkReferences {
  [file: string]: { [library: string]: { start: number; length: number }[] };
}

interface HardhatArtifact {
  abi: InterfaceAbi;
  bytecode: string;
  linkReferences: LinkReferences;
}

/** Reads `contracts/<path>/<Name>.sol/<Name>.json` from the package's artifacts. */
function artifact(dir: string, name: string): HardhatArtifact {
  const file = require.resolve(`@aave/core-v3/artifacts/contracts/${dir}/${name}.sol/${name}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as HardhatArtifact;
}

/** The bytecode with every library placeholder replaced by the library's deployed address. */
export function linkBytecode(a: HardhatArtifact, libraries: ReadonlyMap<string, string>): string {
  let code = a.bytecode.slice(2);
  for (const refs of Object.values(a.linkReferences)) {
    for (const [name, positions] of Object.entries(refs)) {
      const address = libraries.get(name);
      if (address === undefined) throw new Error(`bench: library ${name} is not deployed yet`);
      for (const { start, length } of positions) {
        code = code.slice(0, start * 2) + address.slice(2).toLowerCase() + code.slice((start + length) * 2);
      }
    }
  }
  return `0x${code}`;
}

/** An Aave V3 market with one reserve, ready for `flashLoanSimple`. */
export interface AaveV3Market {
  pool: Contract;
  configurator: Contract;
}

/**
 * Deploys an Aave V3 market whose one reserve is `token` (`decimals` decimals), supplies `liquidity` of it
 * from `admin` (who must hold it) and sets the flash-loan premium to `premiumBps`.
 */
export async function deployAaveV3Market(
  ethers: HardhatEthers,
  admin: HardhatEthersSigner,
  token: string,
  decimals: number,
  liquidity: bigint,
  premiumBps: bigint,
): Promise<AaveV3Market> {
  const deploy = async (
    a: HardhatArtifact,
    args: unknown[],
    libs = new Map<string, string>(),
  ): Promise<Contract> => {
    const factory = new ethers.ContractFactory(a.abi, linkBytecode(a, libs), admin);
    const c = await factory.deploy(...args);
    await c.waitForDeployment();
    return c as Contract;
  };
  const send = async (c: Contract, method: string, ...args: unknown[]): Promise<void> => {
    const tx = (await c.getFunction(method)(...args)) as { wait(): Promise<unknown> };
    await tx.wait();
  };

  const provider = await deploy(artifact("protocol/configuration", "PoolAddressesProvider"), [
    "ALVH bench",
    admin.address,
  ]);
  await send(provider, "setACLAdmin", admin.address);
  const acl = await deploy(artifact("protocol/configuration", "ACLManager"), [await provider.getAddress()]);
  await send(provider, "setACLManager", await acl.getAddress());
  await send(acl, "addPoolAdmin", admin.address);

  // The Pool's logic libraries (FlashLoanLogic itself links BorrowLogic).
  const libs = new Map<string, string>();
  for (const name of [
    "BorrowLogic",
    "BridgeLogic",
    "EModeLogic",
    "LiquidationLogic",
    "PoolLogic",
    "SupplyLogic",
    "FlashLoanLogic",
    "ConfiguratorLogic",
  ]) {
    libs.set(name, await (await deploy(artifact("protocol/libraries/logic", name), [], libs)).getAddress());
  }
  const providerAddress = await provider.getAddress();
  const poolImpl = await deploy(artifact("protocol/pool", "Pool"), [providerAddress], libs);
  await send(provider, "setPoolImpl", await poolImpl.getAddress());
  const configuratorImpl = await deploy(artifact("protocol/pool", "PoolConfigurator"), [], libs);
  await send(provider, "setPoolConfiguratorImpl", await configuratorImpl.getAddress());
  const poolArtifact = artifact("protocol/pool", "Pool");
  const pool = new Contract(await provider.getFunction("getPool")(), poolArtifact.abi, admin);
  const configurator = new Contract(
    await provider.getFunction("getPoolConfigurator")(),
    artifact("protocol/pool", "PoolConfigurator").abi,
    admin,
  );

  const poolAddress = await pool.getAddress();
  const aToken = await deploy(artifact("protocol/tokenization", "AToken"), [poolAddress]);
  const stableDebt = await deploy(artifact("protocol/tokenization", "StableDebtToken"), [poolAddress]);
  const variableDebt = await deploy(artifact("protocol/tokenization", "VariableDebtToken"), [poolAddress]);
  const ray = 10n ** 27n;
  // A typical stablecoin curve (90 % optimal usage, 4 % / 60 % slopes); it only matters for the index update.
  const strategy = await deploy(artifact("protocol/pool", "DefaultReserveInterestRateStrategy"), [
    providerAddress,
    (ray * 90n) / 100n,
    0n,
    (ray * 4n) / 100n,
    (ray * 60n) / 100n,
    (ray * 5n) / 1000n,
    (ray * 60n) / 100n,
    (ray * 1n) / 100n,
    (ray * 8n) / 100n,
    (ray * 20n) / 100n,
  ]);
  await send(configurator, "initReserves", [
    {
      aTokenImpl: await aToken.getAddress(),
      stableDebtTokenImpl: await stableDebt.getAddress(),
      variableDebtTokenImpl: await variableDebt.getAddress(),
      underlyingAssetDecimals: decimals,
      interestRateStrategyAddress: await strategy.getAddress(),
      underlyingAsset: token,
      treasury: admin.address,
      incentivesController: ethers.ZeroAddress,
      aTokenName: "Aave Bench Token",
      aTokenSymbol: "aBT",
      variableDebtTokenName: "Variable Debt Bench Token",
      variableDebtTokenSymbol: "variableDebtBT",
      stableDebtTokenName: "Stable Debt Bench Token",
      stableDebtTokenSymbol: "stableDebtBT",
      params: "0x",
    },
  ]);
  await send(configurator, "setReserveFlashLoaning", token, true);
  await send(configurator, "updateFlashloanPremiumTotal", premiumBps);

  const erc20 = new Contract(token, ["function approve(address,uint256) returns (bool)"], admin);
  await send(erc20, "approve", poolAddress, liquidity);
  await send(pool, "supply", token, liquidity, admin.address, 0);
  return { pool, configurator };
}
