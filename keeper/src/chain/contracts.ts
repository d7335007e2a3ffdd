import { type ErrorFragment, Interface } from "ethers";
import {
  FeedReader__factory,
  FlashLoanVault__factory,
  HedgeKeeperModule__factory,
  HedgeLayerVault__factory,
  HedgeLensModule__factory,
  IndexFeed__factory,
  IOptionPool__factory,
  OptionPool__factory,
  OptionPoolState__factory,
  OptionPricer__factory,
  VolSurfaceOracle__factory,
} from "../../../types/ethers-contracts/index.js";

/** The vault's ABI (TypeChain): keeper actions, `keeperState`, custom errors. */
export const vaultInterface = HedgeLayerVault__factory.createInterface();
/** The Chainlink-compatible feed's ABI. */
export const feedInterface = IndexFeed__factory.createInterface();
/** The option pool's ABI (its per-feed configuration: the heartbeat it trades under). */
export const poolInterface = IOptionPool__factory.createInterface();
/** The pool's wiring to its surfaces: `OptionPool.pricer()`, then `OptionPricer.volOracle()`. */
export const poolPricerInterface = OptionPool__factory.createInterface();
export const pricerInterface = OptionPricer__factory.createInterface();
/** The volatility-surface oracle's ABI (`slice`, `pushSurface`, its custom errors and AccessControl's). */
export const volOracleInterface = VolSurfaceOracle__factory.createInterface();
/** `decimals()` of the vault's stablecoin. */
export const erc20Interface = new Interface(["function decimals() view returns (uint8)"]);

/**
 * Every custom error a keeper transaction can revert with: the vault's (and its modules', declared in
 * IHedgeTypes), the option pool's and its pricer's (e.g. PremiumAboveMax, FeedSettlementRoundTooLate), the
 * flash vault's (the reserve) and the feed's. Used to decode reverts.
 */
export const keeperErrorsInterface = (() => {
  const seen = new Set<string>();
  const errors: ErrorFragment[] = [];
  for (const iface of [
    vaultInterface,
    HedgeKeeperModule__factory.createInterface(),
    HedgeLensModule__factory.createInterface(),
    OptionPool__factory.createInterface(),
    IOptionPool__factory.createInterface(),
    OptionPoolState__factory.createInterface(),
    OptionPricer__factory.createInterface(),
    FeedReader__factory.createInterface(),
    FlashLoanVault__factory.createInterface(),
    feedInterface,
  ]) {
    iface.forEachError((e) => {
      if (!seen.has(e.selector)) {
        seen.add(e.selector);
        errors.push(e);
      }
    });
  }
  return new Interface(errors);
})();

/**
 * Reverts that mean "nothing to do right now / someone already did it" (another keeper, the
 * automation upkeep, or our own earlier transaction): the action is skipped and logged, not failed.
 */
export const ALREADY_DONE_ERRORS: ReadonlySet<string> = new Set([
  "LayerRollNotDue",
  "LayerInCooldown",
  "LayerNotTriggered",
  "EpochNotDue",
  "CondorAlreadyOpen",
  "NoCondorOpen",
  "PositionInCutoff",
]);

/**
 * Reverts whose outcome depends on the feeds' latest values (strike bands and premiums follow the index):
 * when a feed moved between the block the plan read and the transaction, the plan is outdated — the next
 * cycle re-plans from the new level — rather than wrong. Anywhere else they are real failures (e.g. a
 * config vs policy mismatch).
 */
export const PRICE_DEPENDENT_ERRORS: ReadonlySet<string> = new Set([
  "StrikeOutsideBand",
  "StrikeOutOfBand",
  "PremiumAboveMax",
  "PremiumBelowMin",
  "PremiumBelowFloor",
  "CondorLossAboveMax",
  "HedgeBudgetExceeded",
]);
