// The option pool: the Black-76 OptionPricer and the OptionPool that writes fully collateralised, cash-settled
// vertical spreads on the two index feeds (Feeds module), in the stablecoin (TestTokens module; on a network
// with a real stablecoin, replace that module's future by `m.contractAt`). The deployer is the pool's first
// admin and its volatility oracle (the Governance module hands the admin role to the timelock). Seeding the
// pool with LP liquidity is not deployment: the demo and the operator do it (docs/testnet.md).
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";
import { DAY, DEFAULT_POOL_PARAMS, WAD } from "../../scripts/deploy/hedgeSide.js";
import Feeds from "./Feeds.js";
import TestTokens from "./TestTokens.js";

const VOL_ORACLE_ROLE = id("VOL_ORACLE_ROLE");

export default buildModule("OptionPool", (m) => {
  const { usdc } = m.useModule(TestTokens);
  const { vixFeed, spxFeed } = m.useModule(Feeds);
  const admin = m.getAccount(0);
  // Pool parameters (see docs/options.md), each overridable by name; the defaults are the deployer's.
  const params = Object.fromEntries(
    Object.entries(DEFAULT_POOL_PARAMS).map(([name, value]) => [name, m.getParameter(name, value)]),
  );
  const feedHeartbeat = m.getParameter("feedHeartbeat", DAY);
  const volOfVix = m.getParameter("volOfVix", (8n * WAD) / 10n);
  const volOfSpx = m.getParameter("volOfSpx", (18n * WAD) / 100n);

  const pricer = m.contract("OptionPricer");
  const pool = m.contract("OptionPool", [usdc, pricer, admin, params, "ALVH option pool LP", "aOPT"]);
  const grant = m.call(pool, "grantRole", [VOL_ORACLE_ROLE, admin], { id: "GrantVolOracle" });
  // The VIX-like feed is treated as the forward of its options (term factor 1, see docs/options.md).
  m.call(pool, "configureFeed", [vixFeed, feedHeartbeat, WAD], { id: "ConfigureVixFeed" });
  m.call(pool, "configureFeed", [spxFeed, feedHeartbeat, WAD], { id: "ConfigureSpxFeed" });
  m.call(pool, "setVolatility", [vixFeed, volOfVix, 0n], { id: "SetVixVolatility", after: [grant] });
  m.call(pool, "setVolatility", [spxFeed, volOfSpx, 0n], { id: "SetSpxVolatility", after: [grant] });
  return { pricer, pool, usdc, vixFeed, spxFeed };
});
