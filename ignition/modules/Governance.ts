// Governance: a TimelockController (HedgeTimelock) whose only proposer is the multisig and whose executor is
// anyone once the delay has passed; it becomes the admin (policies, fees, feeds, pause) of the hedge vault,
// the option pool, both feeds and the volatility-surface oracle, and the deployer renounces those roles. After this module nothing can be
// changed without going through the timelock's delay.
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { ZeroAddress, ZeroHash } from "ethers";
import Feeds from "./Feeds.js";
import HedgeVault from "./HedgeVault.js";
import OptionPool from "./OptionPool.js";

/** AccessControl's DEFAULT_ADMIN_ROLE. */
const ADMIN_ROLE = ZeroHash;

export default buildModule("Governance", (m) => {
  const { vault } = m.useModule(HedgeVault);
  const { pool } = m.useModule(OptionPool);
  const { vixFeed, spxFeed, volOracle } = m.useModule(Feeds);
  const deployer = m.getAccount(0);
  const multisig = m.getParameter("multisig", m.getAccount(0));
  const minDelay = m.getParameter("minDelay", 2n * 86_400n);
  // Executors: the zero address means anyone may execute a proposal whose delay has passed.
  const timelock = m.contract("HedgeTimelock", [minDelay, [multisig], [ZeroAddress], ZeroAddress]);

  const handOver = [
    ["Vault", vault],
    ["Pool", pool],
    ["VixFeed", vixFeed],
    ["SpxFeed", spxFeed],
    ["VolOracle", volOracle],
  ] as const;
  for (const [name, contract] of handOver) {
    const grant = m.call(contract, "grantRole", [ADMIN_ROLE, timelock], { id: `GrantAdmin${name}` });
    m.call(contract, "renounceRole", [ADMIN_ROLE, deployer], { id: `RenounceAdmin${name}`, after: [grant] });
  }
  return { timelock };
});
