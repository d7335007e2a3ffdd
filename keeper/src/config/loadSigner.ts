import { readFileSync } from "node:fs";
import { type BaseWallet, Wallet } from "ethers";
import { KeySourceError } from "./errors.js";
import type { KeySource } from "./schema.js";

const PRIVATE_KEY = /^0x[0-9a-fA-F]{64}$/;

function walletFromHex(hex: string, source: string): Wallet {
  const key = hex.trim();
  if (!PRIVATE_KEY.test(key))
    throw new KeySourceError(source, "value is not a 0x-prefixed 32-byte hex private key");
  return new Wallet(key);
}

/** Resolves a Hardhat configuration variable (env first, then Hardhat's encrypted keystore). */
async function fromHardhatKeystore(variable: string): Promise<string> {
  const { createHardhatRuntimeEnvironment, importUserConfig, resolveHardhatConfigPath } =
    await import("hardhat/hre");
  const { configVariable } = await import("hardhat/config");
  const userConfig = await importUserConfig(await resolveHardhatConfigPath());
  // A throw-away network whose only account is the variable: Hardhat resolves it through its
  // configuration-variable hooks (the keystore plugin prompts for the keystore password).
  const hre = await createHardhatRuntimeEnvironment({
    ...userConfig,
    networks: {
      ...userConfig.networks,
      keeperKey: { type: "http", url: "http://127.0.0.1:1", accounts: [configVariable(variable)] },
    },
  });
  const net = hre.config.networks.keeperKey;
  const accounts = net?.type === "http" ? net.accounts : undefined;
  const first = Array.isArray(accounts) ? accounts[0] : undefined;
  if (first === undefined)
    throw new KeySourceError("hardhat-keystore", `variable ${variable} did not resolve to an account`);
  return first.getHexString();
}

/**
 * Loads the keeper's signing key — never from the config file:
 * - `env`: a 0x private key in an env var;
 * - `keystore`: an encrypted JSON keystore file, password from an env var (`Wallet.fromEncryptedJson`);
 * - `hardhat-keystore`: a variable of Hardhat 3's keystore (`npx hardhat keystore set NAME`).
 */
export async function loadSigner(
  key: KeySource,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<BaseWallet> {
  switch (key.source) {
    case "env": {
      const value = env[key.envVar];
      if (value === undefined || value === "") throw new KeySourceError("env", `${key.envVar} is not set`);
      return walletFromHex(value, `env ${key.envVar}`);
    }
    case "keystore": {
      const password = env[key.passwordEnvVar];
      if (password === undefined) throw new KeySourceError("keystore", `${key.passwordEnvVar} is not set`);
      let json: string;
      try {
        json = readFileSync(key.path, "utf8");
      } catch (e) {
        throw new KeySourceError(
          "keystore",
          `cannot read ${key.path}: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      try {
        return await Wallet.fromEncryptedJson(json, password);
      } catch (e) {
        throw new KeySourceError(
          "keystore",
          `cannot decrypt ${key.path}: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    case "hardhat-keystore": {
      let value: string;
      try {
        value = await fromHardhatKeystore(key.variable);
      } catch (e) {
        if (e instanceof KeySourceError) throw e;
        throw new KeySourceError(
          "hardhat-keystore",
          `${key.variable}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
        );
      }
      return walletFromHex(value, `hardhat-keystore ${key.variable}`);
    }
  }
}
