// Test tokens for the demo and for testnets, which have no USDC/WETH we could mint: a 6-decimal USDC-like
// stablecoin and an 18-decimal WETH-like token. Anyone can mint them — never use this module where value is
// at stake; on such a network pass the real stablecoin's address to the other modules instead.
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

export default buildModule("TestTokens", (m) => {
  const usdc = m.contract("MockERC20", ["USD Coin (test)", "USDC", 6], { id: "USDC" });
  const weth = m.contract("MockERC20", ["Wrapped Ether (test)", "WETH", 18], { id: "WETH" });
  return { usdc, weth };
});
