// The demo's deployment: the whole system (ignition/modules/Alvh.ts, exactly what an operator deploys) plus a
// second hedge vault for the comparison, built by the same HedgeVault module under another id. That vault
// holds the same condor policy with every layer's weight at zero: the unhedged condor
// (UNHEDGED_LAYER_WEIGHT in ./hedgeSide.ts).
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import Alvh from "../../ignition/modules/Alvh.js";
import { hedgeVaultModule } from "../../ignition/modules/HedgeVault.js";

export const UnhedgedVault = hedgeVaultModule("UnhedgedVault");

export default buildModule("AlvhDemo", (m) => {
  const alvh = m.useModule(Alvh);
  const { vault: unhedgedVault } = m.useModule(UnhedgedVault);
  return { ...alvh, unhedgedVault };
});
