// The whole ALVH system in one deployment: test tokens, the flash side (FlashLoanVault, two DEXes with a
// stablecoin/WETH pair each), the two index feeds and the volatility-surface oracle, the option pool, the hedge vault (with its upkeep adapter)
// and governance (the timelock as admin of the vault, the pool and the feeds). Used as-is by `npm run demo`
// and by an operator on a testnet (docs/testnet.md):
//   npx hardhat ignition deploy ignition/modules/Alvh.ts --network sepolia --parameters params.json
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import Feeds from "./Feeds.js";
import FlashSide from "./FlashSide.js";
import Governance from "./Governance.js";
import HedgeVault from "./HedgeVault.js";
import OptionPool from "./OptionPool.js";

export default buildModule("Alvh", (m) => {
  const flash = m.useModule(FlashSide);
  const { vixFeed, spxFeed, volOracle } = m.useModule(Feeds);
  const { pool, pricer } = m.useModule(OptionPool);
  const { vault: hedgeVault, upkeep } = m.useModule(HedgeVault);
  const { timelock } = m.useModule(Governance);
  return { ...flash, vixFeed, spxFeed, volOracle, pool, pricer, hedgeVault, upkeep, timelock };
});
