import { rmSync } from "node:fs";
import { join } from "node:path";
import type { NetworkConnection } from "hardhat/types/network";
import { usdc } from "../../../scripts/deploy/flashSide.js";
import {
  DEFAULT_HEDGE_SIDE,
  DEFAULT_VAULT_POLICY,
  wad,
  type HedgeSideOptions,
} from "../../../scripts/deploy/hedgeSide.js";
import { deployHedgeSide, type HedgeSide } from "../../../scripts/deploy/deployHedgeSide.js";
import type { MacroCalendar } from "../../src/types.js";
import { REPO_ROOT } from "./hardhatNode.js";

/** Private key of Hardhat's default account #1 (the `keeper` signer of deployHedgeSide). Test-only. */
export const KEEPER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
/** Default account #5, granted KEEPER_ROLE as a second keeper in the "two keepers" test. Test-only. */
export const KEEPER2_KEY = "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba";

export const DAY = 86_400n;

export interface HedgeSystem extends HedgeSide {
  /** The hedge vault's address. */
  vaultAddress: string;
  /** Moves chain time by `seconds` (next block) and refreshes both feeds at their levels (or new ones). */
  advance: (seconds: bigint, levels?: { vol?: bigint; index?: bigint }) => Promise<void>;
}

/**
 * The default hedge side with governance's optional reserve draw at 5 % of NAV per budget window: the keeper's
 * chain tests buy the whole ladder in the first cycle, before the condor has earned anything (the default vault
 * draws nothing: only the condor's net income pays for the layers).
 */
export const KEEPER_TEST_SIDE: HedgeSideOptions = {
  ...DEFAULT_HEDGE_SIDE,
  vaultPolicy: { ...DEFAULT_VAULT_POLICY, reserveDraw: wad("0.05") },
};

/**
 * Deploys the hedge side (scripts/deploy/hedgeSide.ts) and seeds the vault with 1,000,000 USDC of
 * deposits (one processed epoch), so that the keeper has a NAV to size positions from.
 */
export async function deployHedgeSystem(
  conn: Pick<NetworkConnection, "ethers" | "ignition" | "provider">,
  options: HedgeSideOptions = KEEPER_TEST_SIDE,
): Promise<HedgeSystem> {
  // Ignition journals deployments to HTTP networks by chain id: a fresh node must not reuse the last
  // node's journal (generated, git-ignored state).
  rmSync(join(REPO_ROOT, "ignition", "deployments", "chain-31337"), { recursive: true, force: true });
  const side = await deployHedgeSide(conn, options);
  const ethers = conn.ethers;
  const vaultAddress = await side.hedge.getAddress();
  const vault = vaultAddress;
  const advance = async (seconds: bigint, levels: { vol?: bigint; index?: bigint } = {}): Promise<void> => {
    await conn.provider.request({ method: "evm_increaseTime", params: [Number(seconds)] });
    await conn.provider.request({ method: "evm_mine", params: [] });
    const [, vol] = await side.volFeed.latestRoundData();
    const [, index] = await side.indexFeed.latestRoundData();
    await side.push(side.volFeed, levels.vol ?? vol * 10n ** 10n);
    await side.push(side.indexFeed, levels.index ?? index * 10n ** 10n);
  };
  const [, , , , alice] = await ethers.getSigners();
  if (alice === undefined) throw new Error("need 5 signers");
  const assets = usdc(1_000_000n);
  await (await side.usdc.mint(alice.address, assets)).wait();
  await (await side.usdc.connect(alice).approve(vault, ethers.MaxUint256)).wait();
  await (await side.hedge.connect(alice).requestDeposit(assets, alice.address, alice.address)).wait();
  await advance(DAY);
  await (await side.hedge.processEpoch()).wait();
  await (
    await side.hedge.connect(alice)["deposit(uint256,address,address)"](assets, alice.address, alice.address)
  ).wait();
  return { ...side, vaultAddress, advance };
}

/** A calendar that knows every year and holds no event: the chain tests are about acting, not the calendar. */
export function quietCalendar(): MacroCalendar {
  const all = { FOMC: "complete", CPI: "complete", PPI: "complete" } as const;
  const years = Array.from({ length: 20 }, (_, i) => String(2020 + i));
  return { events: [], coverage: Object.fromEntries(years.map((y) => [y, all])), marketHolidays: [] };
}
