/** Env var → config path. Values are parsed as numbers/booleans/lists as the path needs. */
export const ENV_OVERRIDES: readonly {
  env: string;
  path: readonly string[];
  kind: "int" | "number" | "bool" | "list" | "string";
}[] = [
  { env: "KEEPER_CHAIN_ID", path: ["chainId"], kind: "int" },
  { env: "KEEPER_ALLOW_MAINNET", path: ["allowMainnet"], kind: "bool" },
  { env: "KEEPER_RPC_URLS", path: ["rpcUrls"], kind: "list" },
  { env: "KEEPER_VAULT_ADDRESS", path: ["vaultAddress"], kind: "string" },
  { env: "KEEPER_VAULTS", path: ["vaults"], kind: "list" },
  { env: "KEEPER_POLL_INTERVAL_SECONDS", path: ["pollIntervalSeconds"], kind: "number" },
  { env: "KEEPER_CALENDAR_PATH", path: ["calendarPath"], kind: "string" },
  { env: "KEEPER_BREADTH_CSV_PATH", path: ["breadthCsvPath"], kind: "string" },
  { env: "KEEPER_CONFIRMATIONS", path: ["tx", "confirmations"], kind: "int" },
  { env: "KEEPER_MAX_FEE_GWEI", path: ["tx", "maxFeePerGasGwei"], kind: "number" },
  { env: "KEEPER_MAX_PRIORITY_FEE_GWEI", path: ["tx", "maxPriorityFeePerGasGwei"], kind: "number" },
  {
    env: "KEEPER_MAX_REPLACEMENT_PRIORITY_FEE_GWEI",
    path: ["tx", "maxReplacementPriorityFeePerGasGwei"],
    kind: "number",
  },
  { env: "KEEPER_METRICS_PORT", path: ["metrics", "port"], kind: "int" },
  { env: "KEEPER_LOG_LEVEL", path: ["log", "level"], kind: "string" },
  { env: "KEEPER_STRICT_CALENDAR", path: ["rules", "strictCalendar"], kind: "bool" },
];

function parseValue(raw: string, kind: (typeof ENV_OVERRIDES)[number]["kind"]): unknown {
  const s = raw.trim();
  switch (kind) {
    case "int":
    case "number":
      // Leave garbage as a string so validation reports "expected number" with the env var's name.
      return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
    case "bool":
      return s === "true" || s === "1" ? true : s === "false" || s === "0" ? false : s;
    case "list":
      return s
        .split(",")
        .map((x) => x.trim())
        .filter((x) => x !== "");
    case "string":
      return s;
  }
}

type Json = { [k: string]: unknown };

/**
 * Applies KEEPER_* env vars over the raw (unvalidated) config object. Returns the merged object and,
 * for error messages, which env var set which dotted path.
 */
export function applyEnvOverrides(
  raw: Json,
  env: Readonly<Record<string, string | undefined>>,
): { merged: Json; origins: Map<string, string> } {
  const merged: Json = structuredClone(raw);
  const origins = new Map<string, string>();
  for (const o of ENV_OVERRIDES) {
    const value = env[o.env];
    if (value === undefined || value === "") continue;
    let node: Json = merged;
    for (const key of o.path.slice(0, -1)) {
      const next = node[key];
      if (typeof next !== "object" || next === null || Array.isArray(next)) node[key] = {};
      node = node[key] as Json;
    }
    node[o.path[o.path.length - 1] as string] = parseValue(value, o.kind);
    origins.set(o.path.join("."), o.env);
  }
  return { merged, origins };
}
