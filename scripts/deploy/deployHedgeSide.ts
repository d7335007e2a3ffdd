// Deploys the hedge side through the Ignition modules an operator deploys (ignition/modules/HedgeSide.ts, or
// Alvh.ts with governance), then seeds it like its first users would: the flash side's lender and pairs and the
// arbitrage borrowers (attachFlashSide), the option pool's LP, the feeds' first rounds and flat surfaces. Shared by
// the tests, the bench and the keeper's tests; the demo deploys the same modules (scripts/demo/hedgeSide.ts). One
// wiring for all of them: a change to a module is a change to every deployment.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";
import AlvhModule from "../../ignition/modules/Alvh.js";
import HedgeSideModule from "../../ignition/modules/HedgeSide.js";
import type {
  HedgeLayerVault,
  HedgeTimelock,
  HedgeUpkeep,
  IndexFeed,
  OptionPool,
  OptionPricer,
  VolSurfaceOracle,
} from "../../types/ethers-contracts/index.js";
import {
  attachFlashSide,
  DEFAULT_FLASH_SIDE,
  flashSideParameters,
  latestTimestamp,
  usdc,
  type FlashSide,
} from "./flashSide.js";
import { DEFAULT_HEDGE_SIDE, flatSurface, type HedgeSideOptions, type VolPillar } from "./hedgeSide.js";

/** What `deployHedgeSide` needs from a network connection (`await network.create()` has both). */
export type HedgeSideConnection = Pick<NetworkConnection, "ethers" | "ignition">;

export interface HedgeSide extends FlashSide {
  volFeed: IndexFeed;
  indexFeed: IndexFeed;
  volOracle: VolSurfaceOracle;
  pricer: OptionPricer;
  pool: OptionPool;
  hedge: HedgeLayerVault;
  upkeep: HedgeUpkeep;
  /** The governor when `timelockDelay` was given (it then administers the vault, the pool and the feeds). */
  timelock: HedgeTimelock | undefined;
  /** Signers: deployer/admin (also feed reporter and pool LP), keeper, guardian, multisig (timelock proposer). */
  admin: HardhatEthersSigner;
  keeper: HardhatEthersSigner;
  guardian: HardhatEthersSigner;
  multisig: HardhatEthersSigner;
  /** Pushes a round to a feed, observed at the latest block's time, and that feed's current surface again. */
  push: (feed: IndexFeed, points: bigint) => Promise<void>;
  /** Pushes a feed's volatility surface (it becomes its current one), stamped with the latest block's time. */
  pushSurface: (feed: IndexFeed, pillars: VolPillar[]) => Promise<void>;
}

/**
 * Deploys and seeds the hedge side. Signers 0..3 are admin, keeper, guardian and multisig (the HedgeVault module's
 * `keeper` and `guardian`, the Governance module's `multisig`). The admin governs everything unless `timelockDelay`
 * is given: then the whole Alvh module is deployed and its timelock governs.
 */
export async function deployHedgeSide(
  { ethers, ignition }: HedgeSideConnection,
  options: HedgeSideOptions = DEFAULT_HEDGE_SIDE,
): Promise<HedgeSide> {
  const [admin, keeper, guardian, multisig] = await ethers.getSigners();
  if (admin === undefined || keeper === undefined || guardian === undefined || multisig === undefined) {
    throw new Error("deployHedgeSide: four signers needed");
  }
  const parameters = {
    FlashSide: flashSideParameters(DEFAULT_FLASH_SIDE),
    // Ignition's parameters are plain objects: the policies are copied into object literals.
    HedgeVault: {
      keeper: keeper.address,
      guardian: guardian.address,
      layers: options.layers.map((l) => ({ ...l })),
      layerCount: BigInt(options.layers.length),
      condor: { ...options.condor },
      vaultPolicy: { ...options.vaultPolicy },
    },
  };
  const d =
    options.timelockDelay === undefined
      ? { ...(await ignition.deploy(HedgeSideModule, { parameters })), timelock: undefined }
      : await ignition.deploy(AlvhModule, {
          parameters: {
            ...parameters,
            Governance: { multisig: multisig.address, minDelay: options.timelockDelay },
          },
        });
  const at = async <T>(name: string, c: { getAddress(): Promise<string> }): Promise<T> =>
    (await ethers.getContractAt(name, await c.getAddress())) as unknown as T;

  const flash = await attachFlashSide(ethers, d, DEFAULT_FLASH_SIDE);
  const volFeed = await at<IndexFeed>("IndexFeed", d.vixFeed);
  const indexFeed = await at<IndexFeed>("IndexFeed", d.spxFeed);
  const volOracle = await at<VolSurfaceOracle>("VolSurfaceOracle", d.volOracle);
  const pool = await at<OptionPool>("OptionPool", d.pool);

  // The pusher's habit: a feed's surface is pushed with its index, so both are as fresh as each other.
  const currentSurface = new Map<IndexFeed, VolPillar[]>([
    [volFeed, flatSurface(options.volOfVol)],
    [indexFeed, flatSurface(options.volOfIndex)],
  ]);
  const pushSurface = async (feed: IndexFeed, pillars: VolPillar[]): Promise<void> => {
    currentSurface.set(feed, pillars);
    await (
      await volOracle.pushSurface(await feed.getAddress(), await latestTimestamp(ethers), pillars)
    ).wait();
  };
  const push = async (feed: IndexFeed, points: bigint): Promise<void> => {
    await (await feed.pushRound(points / 10n ** 10n, await latestTimestamp(ethers))).wait();
    await pushSurface(feed, currentSurface.get(feed)!);
  };
  await push(volFeed, options.vol);
  await push(indexFeed, options.index);
  await (await flash.usdc.mint(admin.address, usdc(options.poolLiquidity))).wait();
  await (await flash.usdc.approve(await pool.getAddress(), ethers.MaxUint256)).wait();
  await (await pool.deposit(usdc(options.poolLiquidity), admin.address)).wait();

  return {
    ...flash,
    volFeed,
    indexFeed,
    volOracle,
    pricer: await at<OptionPricer>("OptionPricer", d.pricer),
    pool,
    hedge: await at<HedgeLayerVault>("HedgeLayerVault", d.hedgeVault),
    upkeep: await at<HedgeUpkeep>("HedgeUpkeep", d.upkeep),
    timelock: d.timelock === undefined ? undefined : await at<HedgeTimelock>("HedgeTimelock", d.timelock),
    admin,
    keeper,
    guardian,
    multisig,
    push,
    pushSurface,
  };
}
