// The keeper's step in the demo: the REAL keeper (keeper/src/createKeeper.ts) — the same rule functions, chain
// reader, action encoder and transaction manager as the live bot — driving both vaults (one signer, one nonce
// sequence) over the in-process chain's EIP-1193 provider. The demo calls `runCycle()` once per replayed day.
import { HDNodeWallet } from "ethers";
import {
  createKeeper,
  type ChainSnapshot,
  type Eip1193Provider,
  type KeeperStateOnChain,
  type MacroCalendar,
} from "../../keeper/src/index.js";

/** Hardhat's default accounts' mnemonic (the in-process network's signers). Test accounts, no value. */
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

/** One transaction the keeper sent. */
export interface DemoSentTx {
  vault: string;
  action: string;
  txHash: string;
  gasUsed: bigint;
}

/** One failed action or plan warning: `kind` groups them (a warning code, or "RollLayer failed: SizeZero"). */
export interface DemoKeeperWarning {
  vault: string;
  kind: string;
  message: string;
}

/** What one keeper cycle did (the real keeper's CycleReport, reduced to what the demo shows). */
export interface DemoCycleReport {
  sent: DemoSentTx[];
  /** Actions that failed, and warnings (level warn or critical) of the plans. */
  warnings: DemoKeeperWarning[];
  /**
   * Each managed vault's `keeperState()` as the keeper read it at the start of the cycle (keys: lower-case
   * addresses), and that block's number: still the chain's state while no block has been mined since.
   */
  read: { blockNumber: number; states: ReadonlyMap<string, KeeperStateOnChain> };
}

export interface DemoKeeper {
  runCycle(): Promise<DemoCycleReport>;
  close(): Promise<void>;
}

export interface DemoKeeperOptions {
  /** The vaults the keeper manages (its signer holds KEEPER_ROLE on each). */
  vaults: readonly string[];
  /** The keeper's address: Hardhat's default account with this index must be it. */
  keeperAddress: string;
  keeperAccountIndex: number;
  /** The in-process chain (the connection's EIP-1193 provider). */
  provider: Eip1193Provider;
  /** The macro calendar the keeper plans around (the demo's synthetic one). */
  calendar: MacroCalendar;
}

/**
 * Warning kinds that are signal warm-up notices, not refused or skipped actions: RSI/MACD (and the breadth
 * line) need a number of daily closes before they say anything, so the first weeks of every run have them.
 */
export const WARM_UP_KINDS: ReadonlySet<string> = new Set(["SignalUnavailable"]);

/** True when a warning of this kind is a signal warm-up notice (see {@link WARM_UP_KINDS}). */
export const isWarmUpNotice = (kind: string): boolean => WARM_UP_KINDS.has(kind);

/** Private key of Hardhat's default account `index` (the in-process network's signers). */
export function hardhatAccountKey(index: number): string {
  return HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`).privateKey;
}

/** The demo's keeper: the live bot's `createKeeper` over the in-process provider. */
export async function createDemoKeeper(options: DemoKeeperOptions): Promise<DemoKeeper> {
  const privateKey = hardhatAccountKey(options.keeperAccountIndex);
  let snapshot: ChainSnapshot | undefined;
  const keeper = await createKeeper({
    vaults: options.vaults,
    privateKey,
    transport: { kind: "eip1193", provider: options.provider },
    calendar: options.calendar,
    onSnapshot: (s) => {
      snapshot = s;
    },
  });
  if (keeper.address.toLowerCase() !== options.keeperAddress.toLowerCase()) {
    throw new Error(
      `demo keeper: account ${options.keeperAccountIndex} is ${keeper.address}, not ${options.keeperAddress}`,
    );
  }
  return {
    close: () => keeper.close(),
    async runCycle(): Promise<DemoCycleReport> {
      snapshot = undefined;
      const cycle = await keeper.runCycle();
      const read = snapshot as ChainSnapshot | undefined;
      if (read === undefined) throw new Error("demo keeper: the cycle read nothing");
      return {
        read: {
          blockNumber: read.blockNumber,
          states: new Map(read.vaults.map((v) => [v.addresses.vault.toLowerCase(), v.state])),
        },
        sent: cycle.sent.map((s) => ({
          vault: s.vault,
          action: s.label,
          txHash: s.txHash,
          gasUsed: s.gasUsed,
        })),
        warnings: [
          ...cycle.failed.map((f) => ({
            vault: f.vault,
            kind: `${f.action.type} failed: ${/([A-Za-z]+)\(/.exec(f.error.split("reverted: ")[1] ?? "")?.[1] ?? "error"}`,
            message: f.error,
          })),
          ...cycle.warnings
            .filter((w) => w.warning.level !== "info")
            .map((w) => ({ vault: w.vault, kind: w.warning.code, message: w.warning.message })),
        ],
      };
    },
  };
}
