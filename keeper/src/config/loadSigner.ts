import { readFileSync, statSync } from "node:fs";
import { type BaseWallet, Wallet } from "ethers";
import type { UserInterruptionHooks } from "hardhat/types/hooks";
import { KeySourceError } from "./errors.js";
import type { KeySource } from "./schema.js";

const PRIVATE_KEY = /^0x[0-9a-fA-F]{64}$/;

function walletFromHex(hex: string, source: string): Wallet {
  const key = hex.trim();
  if (!PRIVATE_KEY.test(key))
    throw new KeySourceError(source, "value is not a 0x-prefixed 32-byte hex private key");
  return new Wallet(key);
}

type Env = Readonly<Record<string, string | undefined>>;
type HardhatKeystoreSource = Extract<KeySource, { source: "hardhat-keystore" }>;

/**
 * The hardhat-keystore password for an unattended run: from `passwordFile` (refused unless only its owner
 * can read it, like ssh keys) or `passwordEnvVar`; undefined when neither is configured (the terminal
 * prompt, if there is a terminal).
 */
export function keystorePassword(
  key: Pick<HardhatKeystoreSource, "passwordFile" | "passwordEnvVar">,
  env: Env,
): string | undefined {
  if (key.passwordFile !== undefined) {
    let mode: number;
    let text: string;
    try {
      mode = statSync(key.passwordFile).mode & 0o777;
      text = readFileSync(key.passwordFile, "utf8");
    } catch (e) {
      throw new KeySourceError(
        "hardhat-keystore",
        `key.passwordFile ${key.passwordFile}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    if ((mode & 0o077) !== 0)
      throw new KeySourceError(
        "hardhat-keystore",
        `key.passwordFile ${key.passwordFile} is readable by others (mode ${mode.toString(8).padStart(4, "0")}): chmod 600 it`,
      );
    return text.replace(/\r?\n$/, "");
  }
  if (key.passwordEnvVar !== undefined) {
    const value = env[key.passwordEnvVar];
    if (value === undefined || value === "")
      throw new KeySourceError("hardhat-keystore", `key.passwordEnvVar: ${key.passwordEnvVar} is not set`);
    return value;
  }
  return undefined;
}

/**
 * Handlers for Hardhat's `userInterruptions` hooks that answer the keystore plugin's password prompt: with
 * `password`, or — without one and without a terminal (systemd, nohup, CI) — with an error that says what to
 * configure, instead of a prompt waiting on a closed stdin. Register them on an HRE before a configuration
 * variable is resolved (`hre.hooks.registerHandlers("userInterruptions", …)`); the feed pusher does too.
 */
export function keystorePasswordHandlers(
  password: string | undefined,
  interactive: boolean,
  whatToSet = "set key.passwordFile (a file only the keeper's user can read) or key.passwordEnvVar",
): Partial<UserInterruptionHooks> {
  return {
    requestSecretInput: async (context, interruptor, description, next) => {
      if (interruptor !== "hardhat-keystore") return next(context, interruptor, description);
      if (password !== undefined) return password;
      if (!interactive)
        throw new KeySourceError(
          "hardhat-keystore",
          `the keystore asks for its password but there is no terminal: ${whatToSet}`,
        );
      return next(context, interruptor, description);
    },
  };
}

/** Resolves a Hardhat configuration variable (env first, then Hardhat's encrypted keystore). */
async function fromHardhatKeystore(key: HardhatKeystoreSource, env: Env): Promise<string> {
  const password = keystorePassword(key, env);
  const { createHardhatRuntimeEnvironment, importUserConfig, resolveHardhatConfigPath } =
    await import("hardhat/hre");
  const { configVariable } = await import("hardhat/config");
  const userConfig = await importUserConfig(await resolveHardhatConfigPath());
  // A throw-away network whose only account is the variable: Hardhat resolves it through its
  // configuration-variable hooks (the keystore plugin asks for the keystore password: answered above).
  const hre = await createHardhatRuntimeEnvironment({
    ...userConfig,
    networks: {
      ...userConfig.networks,
      keeperKey: { type: "http", url: "http://127.0.0.1:1", accounts: [configVariable(key.variable)] },
    },
  });
  hre.hooks.registerHandlers(
    "userInterruptions",
    keystorePasswordHandlers(password, process.stdin.isTTY === true),
  );
  const net = hre.config.networks.keeperKey;
  const accounts = net?.type === "http" ? net.accounts : undefined;
  const first = Array.isArray(accounts) ? accounts[0] : undefined;
  if (first === undefined)
    throw new KeySourceError("hardhat-keystore", `variable ${key.variable} did not resolve to an account`);
  return first.getHexString();
}

/**
 * Loads the keeper's signing key — never from the config file:
 * - `env`: a 0x private key in an env var;
 * - `keystore`: an encrypted JSON keystore file, password from an env var (`Wallet.fromEncryptedJson`);
 * - `hardhat-keystore`: a variable of Hardhat 3's keystore (`npx hardhat keystore set NAME`).
 */
export async function loadSigner(key: KeySource, env: Env = process.env): Promise<BaseWallet> {
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
        value = await fromHardhatKeystore(key, env);
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
