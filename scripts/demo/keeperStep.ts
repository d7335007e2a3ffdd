// The keeper's step in the demo, behind ONE function: `createDemoKeeper`. Each replayed day the demo calls
// `runCycle()` once per vault.
//
// STAND-IN until the keeper's chain client (`createKeeper`, branch wip/keeper2) lands: this cycle sends the
// vault's policy-default trades from the KEEPER_ROLE account — the same on-chain checked entry points the live
// bot uses (`rollLayer`, `monetiseLayer`, `openCondor`): a layer is rolled when the vault says it is due
// (`defaultLayerTrade`), monetised when the volatility index reaches its trigger, and a condor is sold at the
// policy's target strikes whenever none is open. It does not read the macro calendar or the signals; the real
// keeper does. Swapping it for the real one is the one line marked below.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";
import type { MacroCalendar } from "../../keeper/src/types.js";
import type { HedgeLayerVault, IndexFeed } from "../../types/ethers-contracts/index.js";

const WAD = 10n ** 18n;
const DAY = 86_400n;
const EXPIRY_TIME_OF_DAY = 28_800n;

/** One transaction the keeper sent. */
export interface DemoSentTx {
  action: string;
  txHash: string;
  gasUsed: bigint;
  status: "success" | "reverted";
}

/** What one keeper cycle did (the shape of the real keeper's CycleReport, reduced to what the demo uses). */
export interface DemoCycleReport {
  sent: DemoSentTx[];
  warnings: string[];
}

export interface DemoKeeper {
  runCycle(): Promise<DemoCycleReport>;
  close(): Promise<void>;
}

export interface DemoKeeperOptions {
  vault: HedgeLayerVault;
  keeper: HardhatEthersSigner;
  volFeed: IndexFeed;
  indexFeed: IndexFeed;
  /** The macro calendar the keeper plans around (the demo's synthetic one). */
  calendar: MacroCalendar;
}

/** First expiry on the pool's 08:00 UTC grid at or after `t`. */
function gridExpiry(t: bigint): bigint {
  const candidate = t - (t % DAY) + EXPIRY_TIME_OF_DAY;
  return candidate >= t ? candidate : candidate + DAY;
}

function reason(error: unknown): string {
  const e = error as { revert?: { name: string; args: readonly unknown[] }; shortMessage?: string };
  if (e.revert !== undefined) return `${e.revert.name}(${e.revert.args.map(String).join(", ")})`;
  return e.shortMessage ?? String(error);
}

/** The demo's keeper for one vault. */
export async function createDemoKeeper(options: DemoKeeperOptions): Promise<DemoKeeper> {
  // return createKeeper({ ... }) — the real keeper (wip/keeper2) replaces the stand-in below.
  return createStandInKeeper(options);
}

function createStandInKeeper({ vault, keeper, volFeed, indexFeed }: DemoKeeperOptions): DemoKeeper {
  const asKeeper = vault.connect(keeper);
  return {
    async close(): Promise<void> {},
    async runCycle(): Promise<DemoCycleReport> {
      const report: DemoCycleReport = { sent: [], warnings: [] };
      const send = async (action: string, tx: () => Promise<ContractTransactionResponse>): Promise<void> => {
        try {
          const receipt = await (await tx()).wait();
          report.sent.push({
            action,
            txHash: receipt!.hash,
            gasUsed: receipt!.gasUsed,
            status: receipt!.status === 1 ? "success" : "reverted",
          });
        } catch (error) {
          report.warnings.push(`${action}: ${reason(error)}`);
        }
      };
      const state = await vault.keeperState();
      if (state.paused || !state.navOk) {
        report.warnings.push(state.paused ? "vault paused" : "NAV unreadable (stale feed?)");
        return report;
      }
      const block = await keeper.provider?.getBlock("latest");
      if (block == null) throw new Error("demo keeper: no latest block");
      const now = BigInt(block.timestamp);
      const vol = (await volFeed.latestRoundData())[1] * 10n ** 10n;

      for (let i = 0; i < state.layers.length; i++) {
        const policy = state.layerPolicies[i]!;
        const layer = state.layers[i]!;
        if (policy.notional === 0n) continue; // an unhedged vault: no layer to keep
        const cap = (policy.maxPremium * state.lastNav) / WAD;
        const [due, low, high, expiry] = await vault.defaultLayerTrade(i);
        const triggerLevel = layer.strikeLow + (policy.trigger * (layer.strikeHigh - layer.strikeLow)) / WAD;
        const cooled = now >= layer.lastRoll + policy.cooldown;
        if (layer.size > 0n && layer.expiry > now && vol >= triggerLevel && cooled) {
          await send(`monetise-layer-${i + 1}`, () => asKeeper.monetiseLayer(i, low, high, expiry, WAD, cap));
        } else if (due && cooled) {
          const name = layer.size > 0n ? `roll-layer-${i + 1}` : `open-layer-${i + 1}`;
          await send(name, () => asKeeper.rollLayer(i, low, high, expiry, WAD, cap));
        }
      }

      if (state.putLeg.size === 0n && state.callLeg.size === 0n) {
        const policy = state.condorPolicy;
        const spx = (await indexFeed.latestRoundData())[1] * 10n ** 10n;
        const point = WAD; // strikes on whole index points (inside the 2 % band)
        const round = (v: bigint): bigint => (v / point) * point;
        const shortPut = round((spx * (WAD - policy.putDistance)) / WAD);
        const shortCall = round((spx * (WAD + policy.callDistance)) / WAD);
        const width = round((spx * policy.wingWidth) / WAD);
        const expiry = gridExpiry(now + (policy.tenorMin + policy.tenorMax) / 2n);
        await send("sell-condor", () =>
          asKeeper.openCondor([shortPut - width, shortPut], [shortCall, shortCall + width], expiry, 0n),
        );
      }
      return report;
    },
  };
}
