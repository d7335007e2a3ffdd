// Settings of the feed pusher, read from environment variables (`hardhat run` passes no arguments to a
// script). Every bad value is an error that names the variable.

/** Where the pushed values come from. */
export type PushSource =
  | { kind: "csv"; vixFile: string; spxFile: string }
  | { kind: "url"; vixUrl: string; spxUrl: string; jsonPath: string };

export interface PushSettings {
  source: PushSource;
  /** Feed addresses; when absent they are read from Ignition's deployed_addresses.json for the chain. */
  vixFeed?: string;
  spxFeed?: string;
  /** Seconds between two pushes; 0 = push once and exit. */
  intervalSeconds: number;
  /** Stop after this many pushes (0 = no limit). */
  maxPushes: number;
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
 *   row) or `url` (with `ALVH_PUSH_VIX_URL`, `ALVH_PUSH_SPX_URL` returning JSON, and `ALVH_PUSH_JSON_PATH`,
 *   a dotted path to the number in it, e.g. `data.close`);
 * - `ALVH_PUSH_VIX_FEED`, `ALVH_PUSH_SPX_FEED` (optional feed addresses);
 * - `ALVH_PUSH_INTERVAL` seconds between pushes (default 0: once) and `ALVH_PUSH_MAX` pushes (default 0: no
 *   limit; the CSV source stops at its last row anyway).
 */
export function readPushSettings(env: Env): PushSettings {
  const kind = required(env, "ALVH_PUSH_SOURCE");
  let source: PushSource;
  if (kind === "csv") {
    source = {
      kind,
      vixFile: required(env, "ALVH_PUSH_VIX_CSV"),
      spxFile: required(env, "ALVH_PUSH_SPX_CSV"),
    };
  } else if (kind === "url") {
    source = {
      kind,
      vixUrl: required(env, "ALVH_PUSH_VIX_URL"),
      spxUrl: required(env, "ALVH_PUSH_SPX_URL"),
      jsonPath: required(env, "ALVH_PUSH_JSON_PATH"),
    };
  } else {
    throw new PushSettingsError("ALVH_PUSH_SOURCE", `must be "csv" or "url", got "${kind}"`);
  }
  const settings: PushSettings = {
    source,
    intervalSeconds: wholeNumber(env, "ALVH_PUSH_INTERVAL", 0),
    maxPushes: wholeNumber(env, "ALVH_PUSH_MAX", 0),
  };
  const vixFeed = address(env, "ALVH_PUSH_VIX_FEED");
  const spxFeed = address(env, "ALVH_PUSH_SPX_FEED");
  if (vixFeed !== undefined) settings.vixFeed = vixFeed;
  if (spxFeed !== undefined) settings.spxFeed = spxFeed;
  return settings;
}
