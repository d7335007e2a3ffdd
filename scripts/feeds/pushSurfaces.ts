// One push of both volatility surfaces (the VIX-like feed's and the SPX-like feed's) to the surface oracle,
// stamped with the observation time of the index values they were built from, through an ethers signer: the
// demo's day-by-day replay, right after `pushIndexValues`. The testnet pusher (feedPusher.ts) pushes the same
// surfaces through the keeper's transaction manager instead.
import type { IndexFeed, VolSurfaceOracle } from "../../types/ethers-contracts/index.js";
import type { NonPayableOverrides } from "../../types/ethers-contracts/common.js";
import type { VolPillar } from "../deploy/hedgeSide.js";

export interface SurfaceTargets {
  volOracle: VolSurfaceOracle;
  vixFeed: IndexFeed;
  spxFeed: IndexFeed;
}

/** The on-chain pillars of each feed's surface. */
export interface MarketSurfaces {
  vix: VolPillar[];
  spx: VolPillar[];
}

/**
 * Pushes both surfaces as of `observedAt` (unix seconds: not after the chain's time and after each feed's
 * previous surface, else the oracle refuses with `SurfaceTimeInvalid`) and waits for both transactions.
 * `overrides` go to both transactions (the demo's fixed gas limit).
 */
export async function pushSurfaces(
  targets: SurfaceTargets,
  surfaces: MarketSurfaces,
  observedAt: number,
  overrides: NonPayableOverrides = {},
): Promise<void> {
  const { volOracle, vixFeed, spxFeed } = targets;
  const vixTx = await volOracle.pushSurface(await vixFeed.getAddress(), observedAt, surfaces.vix, overrides);
  const spxTx = await volOracle.pushSurface(await spxFeed.getAddress(), observedAt, surfaces.spx, overrides);
  await Promise.all([vixTx.wait(), spxTx.wait()]);
}
