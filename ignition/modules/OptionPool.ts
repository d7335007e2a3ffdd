// The option pool: the Black-76 OptionPricer (reading the surfaces of the Feeds module's VolSurfaceOracle) and
// the OptionPool that writes fully collateralised, cash-settled vertical spreads on the two index feeds, in the
// stablecoin (TestTokens module; on a network with a real stablecoin, replace that module's future by
// `m.contractAt`). The deployer is the pool's first admin (the Governance module hands the admin role to the
// timelock). Seeding the pool with LP liquidity is not deployment: the demo and the operator do it
// (docs/testnet.md).
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { DAY, DEFAULT_POOL_PARAMS } from "../../scripts/deploy/hedgeSide.js";
import Feeds from "./Feeds.js";
import TestTokens from "./TestTokens.js";

export default buildModule("OptionPool", (m) => {
  const { usdc } = m.useModule(TestTokens);
  const { vixFeed, spxFeed, volOracle } = m.useModule(Feeds);
  const admin = m.getAccount(0);
  // Pool parameters (see docs/options.md), each overridable by name; the defaults are the deployer's.
  const params = Object.fromEntries(
    Object.entries(DEFAULT_POOL_PARAMS).map(([name, value]) => [name, m.getParameter(name, value)]),
  );
  const feedHeartbeat = m.getParameter("feedHeartbeat", DAY);
  // A surface older than this is treated like a stale feed: no trading, worst-case exit marks.
  const surfaceMaxAge = m.getParameter("surfaceMaxAge", DAY);

  const pricer = m.contract("OptionPricer", [volOracle]);
  const pool = m.contract("OptionPool", [usdc, pricer, admin, params, "ALVH option pool LP", "aOPT"]);
  m.call(pool, "configureFeed", [vixFeed, feedHeartbeat, surfaceMaxAge], { id: "ConfigureVixFeed" });
  m.call(pool, "configureFeed", [spxFeed, feedHeartbeat, surfaceMaxAge], { id: "ConfigureSpxFeed" });
  return { pricer, pool, usdc, vixFeed, spxFeed, volOracle };
});
