import { readFileSync } from "node:fs";
import { applyEnvOverrides } from "./envOverrides.js";
import { checkNotMainnet } from "./checkChainId.js";
import { ConfigFileError, type ConfigIssue, ConfigInvalidError, SecretInConfigError } from "./errors.js";
import { type KeeperConfig, keeperConfigSchema } from "./schema.js";

const SECRET_KEYS = /^(private_?key|mnemonic|seed|password|secret|api_?key)$/i;

function findSecret(value: unknown, path: string): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const p = path === "" ? k : `${path}.${k}`;
    if (SECRET_KEYS.test(k)) return p;
    const inner = findSecret(v, p);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/**
 * Validates a raw config object (from the file) with KEEPER_* env overrides applied. Errors name the
 * field and whether it came from the file or an env var, all of them at once. Refuses secrets in the file
 * and a known mainnet (KNOWN_MAINNETS) without `allowMainnet`.
 */
export function parseKeeperConfig(
  raw: unknown,
  env: Readonly<Record<string, string | undefined>> = {},
  origin = "config file",
): KeeperConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ConfigInvalidError("(root)", "expected a JSON object", origin);
  }
  const secret = findSecret(raw, "");
  if (secret !== undefined) throw new SecretInConfigError(secret);
  const { merged, origins } = applyEnvOverrides(raw as Record<string, unknown>, env);
  const parsed = keeperConfigSchema.safeParse(merged);
  if (!parsed.success) {
    // Every problem at once: an operator fixes the file in one go, not one error per restart.
    const issues = parsed.error.issues.map((issue): ConfigIssue => {
      const field = issue.path.join(".") || "(root)";
      const env = [...origins.entries()].find(([p]) => field === p || field.startsWith(`${p}.`))?.[1];
      return { field, detail: issue.message, source: env === undefined ? origin : `env ${env}` };
    });
    const [first, ...more] = issues;
    if (first === undefined) throw new ConfigInvalidError("(root)", "invalid", origin);
    throw new ConfigInvalidError(first.field, first.detail, first.source, more);
  }
  checkNotMainnet(parsed.data.chainId, parsed.data.allowMainnet);
  return parsed.data;
}

/** Reads the JSON config file at `path` and validates it with env overrides (see `parseKeeperConfig`). */
export function loadConfig(
  path: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): KeeperConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigFileError(path, e instanceof Error ? e.message : String(e));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigFileError(path, `not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseKeeperConfig(raw, env, `config file ${path}`);
}
