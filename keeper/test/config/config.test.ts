import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { encryptKeystoreJson, Wallet } from "ethers";
import { checkChainId } from "../../src/config/checkChainId.js";
import {
  ChainIdMismatchError,
  ConfigFileError,
  ConfigInvalidError,
  KeySourceError,
  MainnetRefusedError,
  SecretInConfigError,
} from "../../src/config/errors.js";
import { loadConfig, parseKeeperConfig } from "../../src/config/loadConfig.js";
import { loadRulesInputs } from "../../src/config/loadRulesInputs.js";
import { loadSigner } from "../../src/config/loadSigner.js";
import { BreadthCsvError } from "../../src/rules/errors.js";
import { DEFAULT_INTENSITY_POLICY } from "../../src/rules/defaultPolicies.js";

const MINIMAL = { chainId: 31337, rpcUrls: ["http://127.0.0.1:8545"], key: { source: "env" } };
// Hardhat's well-known first dev account: public test key, never funded on a real chain.
const DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const DEV_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

describe("config", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "keeper-config-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("applies defaults to a minimal file", () => {
    const c = parseKeeperConfig(MINIMAL);
    expect(c.key).to.deep.equal({ source: "env", envVar: "KEEPER_PRIVATE_KEY" });
    expect(c.tx).to.include({ confirmations: 2, feeBumpBps: 1_250, replaceAfterBlocks: 3 });
    expect(c.metrics).to.deep.equal({ host: "127.0.0.1", port: 9464 });
    expect(c.rules.strikeTick).to.equal(50_000_000n);
    expect(c.rules.equityStrikeTick).to.equal(500_000_000n);
    expect(c.rules.intensity).to.deep.equal(DEFAULT_INTENSITY_POLICY); // the rules' own defaults
    expect(c.allowMainnet).to.equal(false);
  });

  const invalid: { name: string; raw: Record<string, unknown>; field: string; detail?: RegExp }[] = [
    { name: "chain id not a number", raw: { ...MINIMAL, chainId: "x" }, field: "chainId" },
    { name: "no RPC URL", raw: { ...MINIMAL, rpcUrls: [] }, field: "rpcUrls" },
    { name: "non-http RPC URL", raw: { ...MINIMAL, rpcUrls: ["ftp://127.0.0.1"] }, field: "rpcUrls.0" },
    { name: "fee bump below 12.5 %", raw: { ...MINIMAL, tx: { feeBumpBps: 1_000 } }, field: "tx.feeBumpBps" },
    {
      name: "metrics on a public interface",
      raw: { ...MINIMAL, metrics: { host: "0.0.0.0" } },
      field: "metrics.host",
    },
    {
      name: "inverted intensity bounds",
      raw: { ...MINIMAL, rules: { intensity: { min: 3, max: 2 } } },
      field: "rules.intensity.min",
      detail: /min must be ≤ max/,
    },
    {
      name: "bad strike tick",
      raw: { ...MINIMAL, rules: { strikeTick: "0.123456789" } },
      field: "rules.strikeTick",
    },
    { name: "unknown key source", raw: { ...MINIMAL, key: { source: "ledger" } }, field: "key.source" },
    { name: "a typo (unknown key)", raw: { ...MINIMAL, chainID: 5 }, field: "(root)", detail: /chainID/ },
    { name: "bad vault address", raw: { ...MINIMAL, vaultAddress: "0x1234" }, field: "vaultAddress" },
    {
      name: "a poll interval under 100 ms",
      raw: { ...MINIMAL, pollIntervalSeconds: 0.05 },
      field: "pollIntervalSeconds",
    },
  ];
  for (const row of invalid) {
    it(`rejects ${row.name}, naming ${row.field}`, () => {
      let err: unknown;
      try {
        parseKeeperConfig(row.raw);
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(ConfigInvalidError);
      const e = err as ConfigInvalidError;
      expect(e.field).to.equal(row.field);
      expect(e.source).to.equal("config file");
      expect(e.message).to.contain(`"${row.field}"`);
      if (row.detail) expect(e.message).to.match(row.detail);
    });
  }

  it("reports every error of a file at once, each naming its field and source", () => {
    const err = (() => {
      try {
        parseKeeperConfig(
          { ...MINIMAL, chainId: "x", rpcUrls: [], tx: { feeBumpBps: 1 }, pollIntervalSeconds: 0 },
          { KEEPER_METRICS_PORT: "abc" },
        );
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).to.be.instanceOf(ConfigInvalidError);
    const e = err as ConfigInvalidError;
    expect(e.issues.map((i) => i.field)).to.have.members([
      "chainId",
      "rpcUrls",
      "tx.feeBumpBps",
      "pollIntervalSeconds",
      "metrics.port",
    ]);
    expect(e.issues.find((i) => i.field === "metrics.port")?.source).to.equal("env KEEPER_METRICS_PORT");
    expect(e.message).to.match(/^5 config errors:\n {2}- config field "chainId" \(config file\)/);
    expect(e.field).to.equal(e.issues[0]?.field);
  });

  it("the replacement tip cap lies between the first tip's cap and the fee cap", () => {
    expect(parseKeeperConfig(MINIMAL).tx.maxReplacementPriorityFeePerGasGwei).to.equal(10);
    for (const tx of [
      { maxPriorityFeePerGasGwei: 5, maxReplacementPriorityFeePerGasGwei: 4 },
      { maxFeePerGasGwei: 8, maxReplacementPriorityFeePerGasGwei: 9 },
    ]) {
      expect(() => parseKeeperConfig({ ...MINIMAL, tx }))
        .to.throw(ConfigInvalidError)
        .with.property("field", "tx.maxReplacementPriorityFeePerGasGwei");
    }
  });

  it("a config without a key source is valid (a dry run needs none)", () => {
    const { key: _key, ...keyless } = MINIMAL;
    expect(parseKeeperConfig(keyless).key).to.equal(undefined);
  });

  it("env overrides win over the file and are named in errors", () => {
    const c = parseKeeperConfig(MINIMAL, {
      KEEPER_CHAIN_ID: "11155111",
      KEEPER_RPC_URLS: "http://a.example:8545, http://b.example:8545",
      KEEPER_METRICS_PORT: "9100",
      KEEPER_LOG_LEVEL: "debug",
      KEEPER_STRICT_CALENDAR: "true",
      KEEPER_POLL_INTERVAL_SECONDS: "0.2",
    });
    expect(c.chainId).to.equal(11155111);
    expect(c.rpcUrls).to.deep.equal(["http://a.example:8545", "http://b.example:8545"]);
    expect(c.metrics.port).to.equal(9100);
    expect(c.log.level).to.equal("debug");
    expect(c.rules.strictCalendar).to.equal(true);
    expect(c.pollIntervalSeconds).to.equal(0.2); // sub-second polling, to react in the next block
    expect(() => parseKeeperConfig(MINIMAL, { KEEPER_CHAIN_ID: "abc" }))
      .to.throw(ConfigInvalidError)
      .that.includes({ field: "chainId", source: "env KEEPER_CHAIN_ID" });
    expect(() => parseKeeperConfig(MINIMAL, { KEEPER_RPC_URLS: "not a url" }))
      .to.throw(ConfigInvalidError)
      .that.includes({ field: "rpcUrls.0", source: "env KEEPER_RPC_URLS" });
  });

  const secrets: { name: string; raw: Record<string, unknown>; field: string }[] = [
    { name: "privateKey at the root", raw: { ...MINIMAL, privateKey: DEV_KEY }, field: "privateKey" },
    {
      name: "a key inside key",
      raw: { ...MINIMAL, key: { source: "env", private_key: DEV_KEY } },
      field: "key.private_key",
    },
    { name: "a mnemonic", raw: { ...MINIMAL, mnemonic: "test test" }, field: "mnemonic" },
    {
      name: "a keystore password",
      raw: { ...MINIMAL, key: { source: "keystore", path: "k.json", password: "x" } },
      field: "key.password",
    },
  ];
  for (const row of secrets) {
    it(`refuses a secret in the file: ${row.name}`, () => {
      expect(() => parseKeeperConfig(row.raw))
        .to.throw(SecretInConfigError)
        .with.property("field", row.field);
    });
  }

  it("refuses every known mainnet unless explicitly allowed", () => {
    for (const [id, name] of [
      [1, "Ethereum mainnet"],
      [10, "OP Mainnet"],
      [137, "Polygon PoS"],
      [8453, "Base"],
      [42161, "Arbitrum One"],
    ] as const) {
      expect(() => parseKeeperConfig({ ...MINIMAL, chainId: id }))
        .to.throw(MainnetRefusedError)
        .with.property("message")
        .that.includes(name);
      expect(parseKeeperConfig({ ...MINIMAL, chainId: id, allowMainnet: true }).chainId).to.equal(id);
    }
    expect(parseKeeperConfig({ ...MINIMAL, chainId: 11155111 }).chainId).to.equal(11155111); // Sepolia
    expect(() => checkChainId(8453, 8453, "http://x", false)).to.throw(MainnetRefusedError);
    expect(() => parseKeeperConfig(MINIMAL, { KEEPER_CHAIN_ID: "1" })).to.throw(MainnetRefusedError);
    expect(parseKeeperConfig({ ...MINIMAL, chainId: 1, allowMainnet: true }).chainId).to.equal(1);
    expect(
      parseKeeperConfig({ ...MINIMAL, chainId: 1 }, { KEEPER_ALLOW_MAINNET: "true" }).allowMainnet,
    ).to.equal(true);
  });

  it("checks the node's chain id", () => {
    expect(() => checkChainId(31337, 31337, "http://x", false)).to.not.throw();
    expect(() => checkChainId(31337, 5, "http://x", false))
      .to.throw(ChainIdMismatchError)
      .that.includes({ expected: 31337, actual: 5, url: "http://x" });
    expect(() => checkChainId(1, 1, "http://x", false)).to.throw(MainnetRefusedError);
  });

  it("loads a file and reports unreadable or non-JSON files", () => {
    const good = join(dir, "keeper.json");
    writeFileSync(good, JSON.stringify(MINIMAL));
    expect(loadConfig(good, {}).chainId).to.equal(31337);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ chainId: ");
    expect(() => loadConfig(bad, {})).to.throw(ConfigFileError, /not JSON/);
    expect(() => loadConfig(join(dir, "missing.json"), {})).to.throw(ConfigFileError, /missing\.json/);
    writeFileSync(bad, JSON.stringify({ ...MINIMAL, chainId: 0 }));
    expect(() => loadConfig(bad, {}))
      .to.throw(ConfigInvalidError)
      .with.property("source", `config file ${bad}`);
  });

  it("the example config in the repository is valid", () => {
    const c = loadConfig("keeper/config.example.json", {});
    expect(c.key?.source).to.equal("keystore");
    expect(c.rpcUrls).to.have.length(2);
  });

  it("loads the repository calendar and a breadth CSV; CSV errors name the line", () => {
    const csv = join(dir, "breadth.csv");
    writeFileSync(csv, "date,advances,declines\n2026-11-20,1500,1400\n2026-11-23,1400,x\n");
    expect(() => loadRulesInputs("keeper/data/macro-calendar.json", csv))
      .to.throw(BreadthCsvError)
      .with.property("line", 3);
    writeFileSync(csv, "date,advances,declines\n2026-11-20,1500,1400\n");
    const { calendar, breadth } = loadRulesInputs("keeper/data/macro-calendar.json", csv);
    expect(calendar.events.length).to.be.greaterThan(16);
    expect(breadth).to.have.length(1);
  });

  describe("signing key sources", () => {
    it("env: a 0x private key", async () => {
      const w = await loadSigner({ source: "env", envVar: "K" }, { K: DEV_KEY });
      expect(w.address).to.equal(DEV_ADDRESS);
    });
    const envErrors: { name: string; env: Record<string, string>; detail: RegExp }[] = [
      { name: "unset", env: {}, detail: /K is not set/ },
      { name: "malformed", env: { K: "0x1234" }, detail: /not a 0x-prefixed 32-byte hex/ },
    ];
    for (const row of envErrors) {
      it(`env: ${row.name} key is an error`, async () => {
        const err = await loadSigner({ source: "env", envVar: "K" }, row.env).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).to.be.instanceOf(KeySourceError);
        expect((err as Error).message).to.match(row.detail);
      });
    }

    it("keystore: an encrypted JSON keystore with the password from env", async () => {
      const path = join(dir, "keystore.json");
      // Low scrypt cost to keep the test fast; operators use ethers' default (N = 2^17).
      writeFileSync(path, await encryptKeystoreJson(new Wallet(DEV_KEY), "pw", { scrypt: { N: 1 << 10 } }));
      const w = await loadSigner({ source: "keystore", path, passwordEnvVar: "PW" }, { PW: "pw" });
      expect(w.address).to.equal(DEV_ADDRESS);
      const wrong = await loadSigner(
        { source: "keystore", path, passwordEnvVar: "PW" },
        { PW: "nope" },
      ).catch((e: unknown) => e);
      expect(wrong).to.be.instanceOf(KeySourceError);
      expect((wrong as Error).message).to.match(/cannot decrypt/);
      const missing = await loadSigner(
        { source: "keystore", path: join(dir, "none.json"), passwordEnvVar: "PW" },
        { PW: "pw" },
      ).catch((e: unknown) => e);
      expect(missing).to.be.instanceOf(KeySourceError);
      const noPw = await loadSigner({ source: "keystore", path, passwordEnvVar: "PW" }, {}).catch(
        (e: unknown) => e,
      );
      expect((noPw as Error).message).to.match(/PW is not set/);
    });

    it("hardhat-keystore: resolved through Hardhat's configuration variables (env takes precedence there)", async () => {
      process.env.KEEPER_TEST_HH_KEY = DEV_KEY;
      try {
        const w = await loadSigner({ source: "hardhat-keystore", variable: "KEEPER_TEST_HH_KEY" });
        expect(w.address).to.equal(DEV_ADDRESS);
      } finally {
        delete process.env.KEEPER_TEST_HH_KEY;
      }
    });

    it("hardhat-keystore: an unknown variable is a KeySourceError naming it", async () => {
      const ci = process.env.CI;
      process.env.CI = "true"; // never reach the interactive production-keystore prompt in tests
      try {
        const err = await loadSigner({ source: "hardhat-keystore", variable: "KEEPER_TEST_UNSET_KEY" }).catch(
          (e: unknown) => e,
        );
        expect(err).to.be.instanceOf(KeySourceError);
        expect((err as Error).message).to.match(/KEEPER_TEST_UNSET_KEY.*not found/);
      } finally {
        if (ci === undefined) delete process.env.CI;
        else process.env.CI = ci;
      }
    });
  });
});
