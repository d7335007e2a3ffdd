// Shared fixture of the hedge vault tests: the whole hedge side (deployHedgeSide: the Ignition modules), two depositors with
// 1,000,000 USDC each who approved the vault, and helpers for time and epochs.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import {
  DAY,
  DEFAULT_CONDOR,
  DEFAULT_HEDGE_SIDE,
  DEFAULT_VAULT_POLICY,
  gridExpiry,
  WAD,
  wad,
  type HedgeSideOptions,
} from "../../scripts/deploy/hedgeSide.js";
import {
  deployHedgeSide,
  type HedgeSide,
  type HedgeSideConnection,
} from "../../scripts/deploy/deployHedgeSide.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import { MaxUint256 } from "ethers";

export const FUNDS = usdc(1_000_000n);
/** Send a transaction in the block whose timestamp the test set (see the options fixture). */
export { AT_SET_TIME } from "../options/options-fixture.js";

/**
 * The default deployment with governance's optional reserve draw set to 5 % of lastNav per budget window, so that
 * tests about layers can buy them before any condor income exists. The default draws nothing (the cash press:
 * only the condor's net income pays for the layers); the budget tests use the default.
 */
export const WITH_RESERVE_DRAW: HedgeSideOptions = {
  ...DEFAULT_HEDGE_SIDE,
  vaultPolicy: { ...DEFAULT_VAULT_POLICY, reserveDraw: wad("0.05") },
};

export interface HedgeFixture extends HedgeSide {
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  /** Moves time by `seconds`, then refreshes both feeds at their current levels (so they are not stale). */
  advance: (seconds: bigint) => Promise<void>;
  /**
   * Fresh feed rounds and surfaces 29 seconds before second `t` (time moved to `t` - 30, then refreshed), so that a
   * transaction sent at `t` (setNextBlockTimestamp, then AT_SET_TIME) prices from data no later than that.
   */
  freshBefore: (t: bigint) => Promise<void>;
  /** Latest block timestamp. */
  now: () => Promise<bigint>;
  /** Alice deposits `assets`, the epoch is processed, and she claims her shares. */
  seed: (assets: bigint) => Promise<void>;
}

export function makeHedgeFixture(
  {
    ethers,
    networkHelpers,
    ignition,
  }: { ethers: HardhatEthers; networkHelpers: NetworkHelpers; ignition: HedgeSideConnection["ignition"] },
  options: HedgeSideOptions = DEFAULT_HEDGE_SIDE,
): () => Promise<HedgeFixture> {
  return async function hedgeFixture(): Promise<HedgeFixture> {
    const side = await deployHedgeSide({ ethers, ignition }, options);
    const signers = await ethers.getSigners();
    const alice = signers[4]!;
    const bob = signers[5]!;
    for (const who of [alice, bob]) {
      await side.usdc.mint(who.address, FUNDS);
      await side.usdc.connect(who).approve(await side.hedge.getAddress(), ethers.MaxUint256);
    }
    const now = async (): Promise<bigint> => BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    const advance = async (seconds: bigint): Promise<void> => {
      await networkHelpers.time.increase(seconds);
      const [, vol] = await side.volFeed.latestRoundData();
      const [, index] = await side.indexFeed.latestRoundData();
      await side.push(side.volFeed, vol * 10n ** 10n);
      await side.push(side.indexFeed, index * 10n ** 10n);
    };
    const seed = async (assets: bigint): Promise<void> => {
      await side.hedge.connect(alice).requestDeposit(assets, alice.address, alice.address);
      await advance(DAY);
      await side.hedge.processEpoch();
      await side.hedge
        .connect(alice)
        ["deposit(uint256,address,address)"](assets, alice.address, alice.address);
    };
    const freshBefore = async (t: bigint): Promise<void> => {
      await networkHelpers.time.increaseTo(t - 30n);
      await advance(1n);
    };
    return { ...side, alice, bob, advance, freshBefore, now, seed };
  };
}

/** Condor strikes at the default policy's targets for an equity index at `spot` points. */
export function condorStrikes(spot: bigint): { put: [bigint, bigint]; call: [bigint, bigint] } {
  const shortPut = (spot * (WAD - DEFAULT_CONDOR.putDistance)) / WAD;
  const shortCall = (spot * (WAD + DEFAULT_CONDOR.callDistance)) / WAD;
  const width = (spot * DEFAULT_CONDOR.wingWidth) / WAD;
  return { put: [shortPut - width, shortPut], call: [shortCall, shortCall + width] };
}

/** A condor expiry inside the default tenor window: the first grid time 30 days from now. */
export async function condorExpiry(f: Pick<HedgeFixture, "now">): Promise<bigint> {
  return gridExpiry((await f.now()) + 30n * DAY);
}

/** Buys `layer` at its policy-default trade (intensity 1, no premium limit of the keeper's own). */
export async function buyDefaultLayer(f: HedgeFixture, layer: bigint): Promise<void> {
  const [, low, high, expiry] = await f.hedge.defaultLayerTrade(layer);
  await f.hedge.connect(f.keeper).rollLayer(layer, low, high, expiry, WAD, MaxUint256);
}

/** Sells the condor at the default policy's strikes for an index at 5,000, expiring 30 days out (condorExpiry). */
export async function sellDefaultCondor(f: HedgeFixture): Promise<void> {
  const k = condorStrikes(5_000n * WAD);
  await f.hedge.connect(f.keeper).openCondor(k.put, k.call, await condorExpiry(f), 0n);
}
