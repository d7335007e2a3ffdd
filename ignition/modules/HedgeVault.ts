// The hedge vault (the tokenized ALVH): its three delegate-call modules (layer trades, lens, condor), the HedgeLayerVault
// itself and the Chainlink Automation adapter HedgeUpkeep, wired to the stablecoin, the option pool, the
// flash vault (its reserve) and the two index feeds. Policies are module parameters (defaults: three layers at
// ~25/45/75 % above the volatility index, see scripts/deploy/hedgeSide.ts and docs/hedge.md). The deployer is
// the first governor; the Governance module hands that role to the timelock.
//
// `hedgeVaultModule(id)` builds the same wiring under another module id, so one deployment can hold two vaults
// with different policies (the demo's unhedged comparison vault: the same condor, layer weights zero).
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";
import { DAY, DEFAULT_CONDOR, DEFAULT_LAYERS, DEFAULT_VAULT_POLICY } from "../../scripts/deploy/hedgeSide.js";
import FlashSide from "./FlashSide.js";
import OptionPool from "./OptionPool.js";

const KEEPER_ROLE = id("KEEPER_ROLE");
const GUARDIAN_ROLE = id("GUARDIAN_ROLE");

/** The hedge-vault module under module id `moduleId` (default export: "HedgeVault"). */
export function hedgeVaultModule(moduleId: string) {
  return buildModule(moduleId, (m) => {
    const { usdc, vault: flashVault } = m.useModule(FlashSide);
    const { pool, vixFeed, spxFeed } = m.useModule(OptionPool);
    const admin = m.getAccount(0);
    const keeper = m.getParameter("keeper", m.getAccount(0));
    const guardian = m.getParameter("guardian", m.getAccount(0));
    const name = m.getParameter("name", "ALVH hedge vault shares");
    const symbol = m.getParameter("symbol", "alvhUSDC");
    const feedHeartbeat = m.getParameter("feedHeartbeat", DAY);
    // The modules are wired for a layer count that must equal the number of layer policies (a parameter's
    // length is not known while the module is built): the vault refuses modules wired for another one
    // (ModuleMismatch). Set both together.
    const layerCount = m.getParameter("layerCount", BigInt(DEFAULT_LAYERS.length));
    const layers = m.getParameter(
      "layers",
      DEFAULT_LAYERS.map((l) => ({ ...l })),
    );
    const condor = m.getParameter("condor", { ...DEFAULT_CONDOR });
    // Default: the cash press with no draw on NAV (reserveDraw 0); a draw is a bounded governance option.
    const vaultPolicy = m.getParameter("vaultPolicy", { ...DEFAULT_VAULT_POLICY });

    const tradingCutoff = m.staticCall(pool, "TRADING_CUTOFF", [], 0, { id: "TradingCutoff" });
    const assetDecimals = m.staticCall(usdc, "decimals", [], 0, { id: "AssetDecimals" });
    const wiring = {
      asset: usdc,
      pool,
      flashVault,
      volFeed: vixFeed,
      indexFeed: spxFeed,
      feedHeartbeat,
      layerCount,
      tradingCutoff,
      assetDecimals,
    };
    const keeperModule = m.contract("HedgeKeeperModule", [wiring]);
    const lensModule = m.contract("HedgeLensModule", [wiring]);
    const condorModule = m.contract("HedgeCondorModule", [wiring]);
    const vault = m.contract("HedgeLayerVault", [
      {
        asset: usdc,
        pool,
        flashVault,
        volFeed: vixFeed,
        indexFeed: spxFeed,
        feedHeartbeat,
        tradingCutoff,
        governor: admin,
        name,
        symbol,
      },
      [keeperModule, lensModule, condorModule],
      vaultPolicy,
      condor,
      layers,
    ]);
    m.call(vault, "grantRole", [KEEPER_ROLE, keeper], { id: "GrantKeeper" });
    m.call(vault, "grantRole", [GUARDIAN_ROLE, guardian], { id: "GrantGuardian" });
    const upkeep = m.contract("HedgeUpkeep", [vault]);
    return { vault, upkeep, keeperModule, lensModule, condorModule };
  });
}

export default hedgeVaultModule("HedgeVault");
