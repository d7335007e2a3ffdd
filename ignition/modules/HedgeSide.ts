// Everything but governance: test tokens, the flash side (FlashLoanVault, two DEXes with a stablecoin/WETH pair
// each), the two index feeds and the volatility-surface oracle, the option pool, the hedge vault and its upkeep
// adapter, with the deployer as the admin of all of them. `Alvh` is this module plus `Governance` (the timelock
// takes the admin roles over); the tests, the bench and the keeper's tests deploy this one through
// `deployHedgeSide` (scripts/deploy/deployHedgeSide.ts), so that they exercise the operator's wiring.
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import Feeds from "./Feeds.js";
import FlashSide from "./FlashSide.js";
import HedgeVault from "./HedgeVault.js";
import OptionPool from "./OptionPool.js";

export default buildModule("HedgeSide", (m) => {
  const flash = m.useModule(FlashSide);
  const { vixFeed, spxFeed, volOracle } = m.useModule(Feeds);
  const { pool, pricer } = m.useModule(OptionPool);
  const { vault: hedgeVault, upkeep } = m.useModule(HedgeVault);
  return { ...flash, vixFeed, spxFeed, volOracle, pool, pricer, hedgeVault, upkeep };
});
