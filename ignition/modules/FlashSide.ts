// The flash-loan side: the FlashLoanVault over the stablecoin and two independent constant-product DEXes
// (factory + router each) with a stablecoin/WETH pair on each. Seeding liquidity is not deployment: the demo
// and the operator's scripts do it (scripts/deploy/flashSide.ts).
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import TestTokens from "./TestTokens.js";

export default buildModule("FlashSide", (m) => {
  const { usdc, weth } = m.useModule(TestTokens);
  const admin = m.getParameter("admin", m.getAccount(0));
  const flashFeeBps = m.getParameter("flashFeeBps", 5n);
  const decimalsOffset = m.getParameter("decimalsOffset", 6n);

  const vault = m.contract("FlashLoanVault", [
    usdc,
    "ALVH Flash Lender USDC",
    "flUSDC",
    admin,
    flashFeeBps,
    decimalsOffset,
  ]);

  const factoryA = m.contract("ConstantProductFactory", [admin], { id: "FactoryA" });
  const factoryB = m.contract("ConstantProductFactory", [admin], { id: "FactoryB" });
  const routerA = m.contract("ConstantProductRouter", [factoryA], { id: "RouterA" });
  const routerB = m.contract("ConstantProductRouter", [factoryB], { id: "RouterB" });
  const createA = m.call(factoryA, "createPair", [usdc, weth], { id: "CreatePairA" });
  const createB = m.call(factoryB, "createPair", [usdc, weth], { id: "CreatePairB" });
  const pairA = m.contractAt(
    "IUniswapV2Pair",
    m.readEventArgument(createA, "PairCreated", "pair", { id: "PairAddressA" }),
    {
      id: "PairA",
    },
  );
  const pairB = m.contractAt(
    "IUniswapV2Pair",
    m.readEventArgument(createB, "PairCreated", "pair", { id: "PairAddressB" }),
    {
      id: "PairB",
    },
  );

  return { usdc, weth, vault, factoryA, factoryB, routerA, routerB, pairA, pairB };
});
