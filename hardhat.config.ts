import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

// The compiler comes from the npm package `solc` (WASM build): Hardhat cannot download
// compilers on machines without internet access. `version` must equal the package's version.
const SOLC_VERSION = "0.8.28";

// `npm run test:deep` sets ALVH_DEEP=1: the Solidity fuzz and invariant suites at the sizes docs/testing.md reports
// (section "Deep invariant runs"); `npm test` keeps the sizes CI affords.
const DEEP = process.env.ALVH_DEEP === "1";

/** The pinned solcjs with the project's settings and `runs` optimizer runs. */
function compiler(runs: number) {
  return {
    version: SOLC_VERSION,
    path: require.resolve("solc/soljson.js"),
    settings: { optimizer: { enabled: true, runs }, evmVersion: "cancun" },
  };
}

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    compilers: [compiler(1_000_000)],
    overrides: {
      // The vault's own code (requests, claims, roles) is not a hot path — the trading and valuation work
      // runs in its modules and the pool — and at 1,000,000 runs it would not fit the 24 KiB limit.
      // Its own job compiles its import tree once more at these settings. Nothing else imports the vault's
      // contract: code that deploys it takes this artifact's bytecode (the Solidity invariant test uses
      // `vm.getCode`), so no other file needs an override (each one would compile the tree again).
      "contracts/hedge/HedgeLayerVault.sol": compiler(200),
    },
  },
  test: {
    solidity: {
      fuzz: { runs: DEEP ? 1_024 : 256 },
      invariant: DEEP ? { runs: 1_024, depth: 32 } : { runs: 64, depth: 64 },
    },
    mocha: {
      timeout: 120_000,
    },
  },
  // hardhat-verify (part of the toolbox): `npx hardhat ignition verify chain-11155111` or `npx hardhat verify`.
  // The key is read only when a verification runs; store it with `npx hardhat keystore set ETHERSCAN_API_KEY`
  // (or set the ETHERSCAN_API_KEY environment variable). See docs/testnet.md, "Verifying contracts".
  verify: {
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
  },
  networks: {
    hardhatLocal: {
      type: "edr-simulated",
      chainType: "l1",
    },
    localhost: {
      type: "http",
      chainType: "l1",
      url: "http://127.0.0.1:8545",
    },
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_PRIVATE_KEY")],
    },
  },
});
