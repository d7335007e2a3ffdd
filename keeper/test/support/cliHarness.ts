// Helpers shared by the tests that run the keeper CLI as a separate process against `hardhat node`: a test
// config, chain time, moving time across expiries with feed rounds, when a layer's roll is due.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { network } from "hardhat";
import { usdc } from "../../../scripts/deploy/flashSide.js";
import { rpc } from "./hardhatNode.js";
import type { HedgeSystem } from "./hedgeSystem.js";
import type { KeeperLine } from "./keeperProcess.js";

/** A calendar that knows 2024–2033 and holds no event: these tests are about acting, not the calendar. */
export const QUIET_CALENDAR = {
  sources: { test: "synthetic test calendar: no events" },
  coverage: Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [
      String(2024 + i),
      { FOMC: "complete", CPI: "complete", PPI: "complete" },
    ]),
  ),
  events: [],
  marketHolidays: [],
};

/**
 * Writes `dir/name.json`: a keeper config for the local node (key from KEEPER_PRIVATE_KEY, 1-second polling,
 * metrics on a free port, the quiet calendar written next to it), with `extra` fields on top.
 */
export function writeKeeperConfig(
  dir: string,
  name: string,
  fields: { vaults: string[]; rpcUrls: string[] } & Record<string, unknown>,
): string {
  const calendarPath = join(dir, "calendar.json");
  writeFileSync(calendarPath, JSON.stringify(QUIET_CALENDAR));
  const path = join(dir, `${name}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      chainId: 31337,
      key: { source: "env", envVar: "KEEPER_PRIVATE_KEY" },
      pollIntervalSeconds: 1,
      calendarPath,
      tx: {
        confirmations: 1,
        replaceAfterBlocks: 2,
        receiptTimeoutSeconds: 60,
        rpcTimeoutMs: 800,
        maxRpcAttempts: 8,
        backoffMs: 100,
      },
      metrics: { port: 0 },
      log: { level: "info" },
      ...fields,
    }),
  );
  return path;
}

/** The latest block's time. */
export async function chainTime(url: string): Promise<bigint> {
  return BigInt((await rpc<{ timestamp: string }>(url, "eth_getBlockByNumber", ["latest", false])).timestamp);
}

/**
 * Moves chain time to `t` and refreshes both feeds, stopping a minute after each position's expiry on
 * the way to push a round there (as a live feed would): settlement needs a round right after expiry.
 */
export async function advanceTo(sys: HedgeSystem, url: string, t: bigint): Promise<void> {
  const s = await sys.hedge.keeperState();
  const start = await chainTime(url);
  const expiries = [...s.layers.map((l) => l.expiry), s.putLeg.expiry, s.callLeg.expiry]
    .filter((e) => e > start && e + 60n < t)
    .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  for (const e of [...new Set(expiries), t]) {
    const target = e === t ? t : e + 60n;
    const delta = target - (await chainTime(url));
    if (delta > 0n) await sys.advance(delta);
  }
}

/** When the vault accepts the next roll of `layer`: its roll window's start or its cooldown's end. */
export async function layerDueAt(sys: HedgeSystem, layer: number): Promise<bigint> {
  const s = await sys.hedge.keeperState();
  const ly = s.layers[layer];
  const p = s.layerPolicies[layer];
  if (ly === undefined || p === undefined) throw new Error("no layer");
  const cooldownEnd = ly.lastRoll + p.cooldown;
  const windowStart = ly.expiry - p.rollWindow;
  return windowStart > cooldownEnd ? windowStart : cooldownEnd;
}

/** How many times `layer` was rolled (LayerRolled events). */
export async function layerRolls(sys: HedgeSystem, layer: number): Promise<number> {
  return (await sys.hedge.queryFilter(sys.hedge.filters.LayerRolled(layer))).length;
}

/** A 1,000 USDC deposit request from a fifth account, so that the next epoch has work to process. */
export async function requestDeposit(sys: HedgeSystem, url: string): Promise<void> {
  const [, , , , alice] = await (
    await network.create({ network: "localhost", override: { url } })
  ).ethers.getSigners();
  if (alice === undefined) throw new Error("need 5 signers");
  await (await sys.usdc.mint(alice.address, usdc(1_000n))).wait();
  await (await sys.usdc.connect(alice).approve(sys.vaultAddress, usdc(1_000n))).wait();
  await (await sys.hedge.connect(alice).requestDeposit(usdc(1_000n), alice.address, alice.address)).wait();
}

/** A log-line predicate on the `event` field. */
export const hasEvent =
  (event: string) =>
  (l: KeeperLine): boolean =>
    l.event === event;
