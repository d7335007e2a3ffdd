// The two index feeds (Chainlink-compatible, 8 decimals): a VIX-like volatility index and an SPX-like equity
// index, and the volatility-surface oracle that holds one implied-volatility surface per feed (term structure
// of the forward and of the smile; docs/options.md). On a chain that has a real feed for an index, consumers
// take that one instead. The reporter (the feed pusher's account) is granted REPORTER_ROLE on the feeds and
// VOL_ORACLE_ROLE on the surface oracle by the deployer, their first admin (the Governance module hands the
// admin role to the timelock). The pool cannot price a feed until the pusher has pushed its first surface.
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";

const REPORTER_ROLE = id("REPORTER_ROLE");
const VOL_ORACLE_ROLE = id("VOL_ORACLE_ROLE");

export default buildModule("Feeds", (m) => {
  const admin = m.getAccount(0);
  const reporter = m.getParameter("reporter", m.getAccount(0));
  // Bounds in 8-decimal units: a value outside them is refused as a data error.
  const vixMin = m.getParameter("vixMin", 1_00000000n); // 1.00
  const vixMax = m.getParameter("vixMax", 500_00000000n); // 500.00
  const spxMin = m.getParameter("spxMin", 100_00000000n); // 100
  const spxMax = m.getParameter("spxMax", 100_000_00000000n); // 100,000

  const vixFeed = m.contract("IndexFeed", [admin, "VIX-like volatility index", vixMin, vixMax], {
    id: "VixFeed",
  });
  const spxFeed = m.contract("IndexFeed", [admin, "SPX-like equity index", spxMin, spxMax], {
    id: "SpxFeed",
  });
  m.call(vixFeed, "grantRole", [REPORTER_ROLE, reporter], { id: "GrantVixReporter" });
  m.call(spxFeed, "grantRole", [REPORTER_ROLE, reporter], { id: "GrantSpxReporter" });
  const volOracle = m.contract("VolSurfaceOracle", [admin]);
  m.call(volOracle, "grantRole", [VOL_ORACLE_ROLE, reporter], { id: "GrantSurfaceReporter" });
  return { vixFeed, spxFeed, volOracle };
});
