// The keeper's public entry points (the demo and scripts import from here).
export { createKeeper, KeeperClosingError } from "./createKeeper.js";
export type {
  CycleReport,
  Keeper,
  KeeperOptions,
  KeeperTransport,
  KeeperTxOptions,
  SentAction,
} from "./createKeeper.js";
export type { Eip1193Provider } from "./chain/eip1193Transport.js";
export type { ChainSnapshot, KeeperStateOnChain } from "./chain/readVaults.js";
export type { OffChainCondorPolicy } from "./chain/toRulesState.js";
export { parseMacroCalendar } from "./rules/parseMacroCalendar.js";
export { parseBreadthCsv } from "./rules/signals/parseBreadthCsv.js";
export type * from "./types.js";
