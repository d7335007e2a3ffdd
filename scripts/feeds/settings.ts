// Settings of the feed pusher, read from environment variables (`hardhat run` passes no arguments to a
// script). Every bad value is an error that names the variable.

/** The volatility oracle's optional market inputs (scripts/volatility): where absent, its model fills them in. */
export const OPTIONAL_INPUTS = ["vix3m", "vix6m", "vvix"] as const;
export type OptionalInput = (typeof OPTIONAL_INPUTS)[number];

/** Where the pushed values come from. */
export type PushSource =
  | {
      kind: "csv";
      vixFile: string;
      spxFile: string;
      /** Optional Cboe files (VIX3M_History.csv, VIX6M_History.csv, VVIX_History.csv). */
      optional: Partial<Record<OptionalInput, string>>;
    }
  | {
      kind: "url";
      vixUrl: string;
      spxUrl: string;
      jsonPath: string;
      /** Optional URLs of the oracle's other inputs (same JSON path). */
      optional: Partial<Record<OptionalInput, string>>;
    }
  | { kind: "json"; file: string };

export interface PushSettings {
  source: PushSource;
  /** Feed addresses; when absent they are read from Ignition's deployed_addresses.json for the chain. */
  vixFeed?: string;
  spxFeed?: string;
  /** The volatility-surface oracle; when absent it is read from Ignition's deployed_addresses.json. */
  volOracle?: string;
  /** Seconds between two pushes; 0 = push once and exit. */
  intervalSeconds: number;
  /** Stop after this many pushes (0 = no limit). */
  maxPushes: number;
  /** RPC endpoints in order of preference (failover); when absent, the Hardhat network's `url`. */
  rpcUrls?: string[];
  /** Signing key for a network without configured accounts (e.g. `localhost`); otherwise its first account. */
  privateKey?: string;
  /** The Hardhat keystore's password for unattended runs (a file only the pusher's user can read). */
  keystorePasswordFile?: string;
  /** Hard cap of maxFeePerGas, gwei. */
  maxFeeGwei: number;
  /** Longest back-off between two attempts after failures, seconds. */
  retryMaxSeconds: number;
}

export class PushSettingsError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = "PushSettingsError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === "") throw new PushSettingsError(name, "is required");
  return value.trim();
}

function wholeNumber(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  if (!/^\d+$/.test(raw.trim()))
    throw new PushSettingsError(name, `must be a whole number of 0 or more, got "${raw}"`);
  return Number(raw.trim());
}

function positiveNumber(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || Number(raw.trim()) <= 0)
    throw new PushSettingsError(name, `must be a number above 0, got "${raw}"`);
  return Number(raw.trim());
}

function optional(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === "" ? undefined : raw.trim();
}

function address(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  if (!/^0x[0-9a-fA-F]{40}$/.test(raw.trim()))
    throw new PushSettingsError(name, `is not an address: "${raw}"`);
  return raw.trim();
}

/**
 * Reads the pusher's settings:
 * - `ALVH_PUSH_SOURCE` = `csv` (with `ALVH_PUSH_VIX_CSV`, `ALVH_PUSH_SPX_CSV`: Cboe daily files replayed row by
 *   row, and optionally `ALVH_PUSH_VIX3M_CSV`, `ALVH_PUSH_VIX6M_CSV`, `ALVH_PUSH_VVIX_CSV`), `url` (with
 *   `ALVH_PUSH_VIX_URL`, `ALVH_PUSH_SPX_URL` returning JSON, and `ALVH_PUSH_JSON_PATH`, a dotted path to the
 *   number in it, e.g. `data.close`; optionally `ALVH_PUSH_VIX3M_URL`, `ALVH_PUSH_VIX6M_URL`,
 *   `ALVH_PUSH_VVIX_URL`) or `json` (with `ALVH_PUSH_INPUTS_JSON`: a file of market inputs, one entry per
 *   observation, see marketInputsFile.ts);
 * - `ALVH_PUSH_VIX_FEED`, `ALVH_PUSH_SPX_FEED`, `ALVH_PUSH_VOL_ORACLE` (optional addresses);
 * - `ALVH_PUSH_INTERVAL` seconds between pushes (default 0: once) and `ALVH_PUSH_MAX` pushes (default 0: no
 *   limit; the CSV source stops at its last row anyway);
 * - `ALVH_PUSH_RPC_URLS` (comma-separated failover list; default: the Hardhat network's url),
 *   `ALVH_PUSH_PRIVATE_KEY` (only for a network without configured accounts, e.g. the localhost rehearsal),
 *   `ALVH_PUSH_KEYSTORE_PASSWORD_FILE` (unattended runs with the Hardhat keystore), `ALVH_PUSH_MAX_FEE_GWEI`
 *   (default 200) and `ALVH_PUSH_RETRY_MAX_SECONDS` (longest back-off after failures, default 60).
 */
export function readPushSettings(env: Env): PushSettings {
  const kind = required(env, "ALVH_PUSH_SOURCE");
  // ALVH_PUSH_VIX3M_CSV, ALVH_PUSH_VVIX_URL, …: the optional inputs of the source's kind.
  const optionalInputs = (suffix: "CSV" | "URL"): Partial<Record<OptionalInput, string>> => {
    const found: Partial<Record<OptionalInput, string>> = {};
    for (const input of OPTIONAL_INPUTS) {
      const value = optional(env, `ALVH_PUSH_${input.toUpperCase()}_${suffix}`);
      if (value !== undefined) found[input] = value;
    }
    return found;
  };
  let source: PushSource;
  if (kind === "csv") {
    source = {
      kind,
      vixFile: required(env, "ALVH_PUSH_VIX_CSV"),
      spxFile: required(env, "ALVH_PUSH_SPX_CSV"),
      optional: optionalInputs("CSV"),
    };
  } else if (kind === "url") {
    source = {
      kind,
      vixUrl: required(env, "ALVH_PUSH_VIX_URL"),
      spxUrl: required(env, "ALVH_PUSH_SPX_URL"),
      jsonPath: required(env, "ALVH_PUSH_JSON_PATH"),
      optional: optionalInputs("URL"),
    };
  } else if (kind === "json") {
    source = { kind, file: required(env, "ALVH_PUSH_INPUTS_JSON") };
  } else {
    throw new PushSettingsError("ALVH_PUSH_SOURCE", `must be "csv", "url" or "json", got "${kind}"`);
  }
  const settings: PushSettings = {
    source,
    intervalSeconds: wholeNumber(env, "ALVH_PUSH_INTERVAL", 0),
    maxPushes: wholeNumber(env, "ALVH_PUSH_MAX", 0),
    maxFeeGwei: positiveNumber(env, "ALVH_PUSH_MAX_FEE_GWEI", 200),
    retryMaxSeconds: positiveNumber(env, "ALVH_PUSH_RETRY_MAX_SECONDS", 60),
  };
  const urls = optional(env, "ALVH_PUSH_RPC_URLS");
  if (urls !== undefined) {
    settings.rpcUrls = urls.split(",").map((u) => u.trim());
    for (const u of settings.rpcUrls)
      if (!/^https?:\/\/\S+$/.test(u))
        throw new PushSettingsError("ALVH_PUSH_RPC_URLS", `"${u}" is not an http(s) URL`);
  }
  const key = optional(env, "ALVH_PUSH_PRIVATE_KEY");
  if (key !== undefined) {
    if (!/^0x[0-9a-fA-F]{64}$/.test(key))
      throw new PushSettingsError("ALVH_PUSH_PRIVATE_KEY", "is not a 0x-prefixed 32-byte hex private key");
    settings.privateKey = key;
  }
  const passwordFile = optional(env, "ALVH_PUSH_KEYSTORE_PASSWORD_FILE");
  if (passwordFile !== undefined) settings.keystorePasswordFile = passwordFile;
  const vixFeed = address(env, "ALVH_PUSH_VIX_FEED");
  const spxFeed = address(env, "ALVH_PUSH_SPX_FEED");
  if (vixFeed !== undefined) settings.vixFeed = vixFeed;
  if (spxFeed !== undefined) settings.spxFeed = spxFeed;
  const volOracle = address(env, "ALVH_PUSH_VOL_ORACLE");
  if (volOracle !== undefined) settings.volOracle = volOracle;
  return settings;
}
