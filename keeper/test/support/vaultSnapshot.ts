// A vault snapshot as VaultReader.read() returns it (one layer held, a put leg open, fresh feeds and surfaces
// at t = 100), with any field of keeperState() replaced: the pure chain-mapping tests' input.
import type { KeeperStateOnChain, VaultSnapshot } from "../../src/chain/readVaults.js";

const WAD = 10n ** 18n;
const PTS = 10n ** 18n; // on-chain points
const DAY = 86_400n;
const leg = (over: Partial<Record<string, bigint>> = {}) => ({
  seriesId: 0n,
  size: 0n,
  expiry: 0n,
  strikeLow: 0n,
  strikeHigh: 0n,
  collateral: 0n,
  ...over,
});

/** The snapshot, `over` replacing fields of its keeperState(). */
export function snapshot(over: Partial<Record<string, unknown>> = {}): VaultSnapshot {
  const state = {
    layers: [
      {
        seriesId: 7n,
        size: 10n * WAD,
        expiry: 40n * DAY,
        lastRoll: 5n * DAY,
        strikeLow: 23n * PTS,
        strikeHigh: 26n * PTS,
      },
    ],
    layerPolicies: [
      {
        otm: (15n * WAD) / 100n,
        width: (15n * WAD) / 100n,
        strikeBand: (2n * WAD) / 100n,
        tenorMin: 25n * DAY,
        tenorMax: 35n * DAY,
        rollWindow: 7n * DAY,
        cooldown: DAY,
        notional: (3n * WAD) / 10n,
        maxPremium: (2n * WAD) / 100n,
        trigger: (8n * WAD) / 10n,
      },
    ],
    putLeg: leg({
      seriesId: 11n,
      size: WAD,
      expiry: 30n * DAY,
      strikeLow: 4_600n * PTS,
      strikeHigh: 4_750n * PTS,
    }),
    callLeg: leg(),
    condorPolicy: {
      putDistance: (5n * WAD) / 100n,
      callDistance: (4n * WAD) / 100n,
      wingWidth: (3n * WAD) / 100n,
      strikeBand: (2n * WAD) / 100n,
      tenorMin: 20n * DAY,
      tenorMax: 40n * DAY,
      maxLoss: (3n * WAD) / 10n,
      notional: WAD,
    },
    vaultPolicy: { epochLength: DAY, minIntensity: WAD / 2n, maxIntensity: 2n * WAD },
    budget: 1_234_000_000n,
    epochStart: 0n,
    pendingDepositAssets: 0n,
    pendingRedeemShares: 0n,
    lastNav: 1_000_000_000_000n,
    nav: 999_000_000_000n,
    paused: false,
    ...over,
  } as unknown as KeeperStateOnChain;
  return {
    addresses: {
      vault: "0xv",
      volFeed: "0xf",
      indexFeed: "0xi",
      pool: "0xp",
      volOracle: "0xo",
      feedHeartbeat: 86_400,
      assetDecimals: 6,
    },
    state,
    volLatest: { roundId: 3n, answer: 2_000_000_000n, updatedAt: 100 },
    indexLatest: { roundId: 3n, answer: 500_000_000_000n, updatedAt: 100 },
    volHistory: [{ answer: 2_000_000_000n, updatedAt: 100 }],
    feedHeartbeat: 86_400,
    surfaces: { vol: { updatedAt: 100, maxAge: 86_400 }, index: { updatedAt: 100, maxAge: 86_400 } },
  };
}
