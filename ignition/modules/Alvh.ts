// The whole ALVH system in one deployment: the HedgeSide module (test tokens, the flash side, the two index feeds
// and the volatility-surface oracle, the option pool, the hedge vault with its upkeep adapter) and governance (the
// timelock as admin of the vault, the pool and the feeds). Used as-is by `npm run demo` and by an operator on a
// testnet (docs/testnet.md):
//   npx hardhat ignition deploy ignition/modules/Alvh.ts --network sepolia --parameters params.json
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import Governance from "./Governance.js";
import HedgeSide from "./HedgeSide.js";

export default buildModule("Alvh", (m) => {
  const side = m.useModule(HedgeSide);
  const { timelock } = m.useModule(Governance);
  return { ...side, timelock };
});
