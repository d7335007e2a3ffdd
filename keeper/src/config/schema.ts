import { z } from "zod";

/** "0.5" → 50_000_000n (8-decimal index level). */
const level8 = z
  .string()
  .regex(/^\d+(\.\d{1,8})?$/, 'expected a decimal index level like "0.5" (at most 8 decimals)')
  .transform((s) => {
    const [whole, frac = ""] = s.split(".");
    return BigInt(whole ?? "0") * 100_000_000n + BigInt(frac.padEnd(8, "0"));
  })
  .refine((v) => v > 0n, "must be > 0");

const keySource = z.discriminatedUnion("source", [
  z.strictObject({
    source: z.literal("env"),
    /** Env var holding the 0x-prefixed private key. */
    envVar: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/)
      .default("KEEPER_PRIVATE_KEY"),
  }),
  z.strictObject({
    source: z.literal("keystore"),
    /** Encrypted JSON keystore (Web3 Secret Storage, as ethers `Wallet.encrypt` writes). */
    path: z.string().min(1),
    passwordEnvVar: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/)
      .default("KEEPER_KEYSTORE_PASSWORD"),
  }),
  z
    .strictObject({
      source: z.literal("hardhat-keystore"),
      /** Name stored with `npx hardhat keystore set <NAME>`. */
      variable: z
        .string()
        .regex(/^[A-Z_][A-Z0-9_]*$/)
        .default("KEEPER_PRIVATE_KEY"),
      /**
       * Unattended runs (systemd, nohup): the keystore password from this file (owner-only permissions,
       * e.g. 0400) instead of the terminal prompt.
       */
      passwordFile: z.string().min(1).optional(),
      /** …or from this env var. */
      passwordEnvVar: z
        .string()
        .regex(/^[A-Z_][A-Z0-9_]*$/)
        .optional(),
    })
    .refine((k) => k.passwordFile === undefined || k.passwordEnvVar === undefined, {
      message: "give passwordFile or passwordEnvVar, not both",
      path: ["passwordFile"],
    }),
]);

const intensity = z
  .strictObject({
    min: z.number().positive().default(0.5),
    max: z.number().positive().default(2),
    rsiWeight: z.number().min(0).default(0.25),
    macdWeight: z.number().min(0).default(0.25),
    breadthWeight: z.number().min(0).default(0.25),
    levelWeight: z.number().min(0).default(0.25),
    calmLevel: z.number().positive().default(20),
  })
  .refine((v) => v.min <= v.max, { message: "min must be ≤ max", path: ["min"] });

export const keeperConfigSchema = z.strictObject({
  chainId: z.int().positive(),
  /** Must be true to run against a known mainnet (keeper/src/config/knownMainnets.ts). */
  allowMainnet: z.boolean().default(false),
  /** Tried in order; the manager fails over to the next one. */
  rpcUrls: z.array(z.url({ protocol: /^https?$/ })).min(1),
  /** The hedge vault (one vault; see also `vaults`). */
  vaultAddress: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/)
    .optional(),
  /** Several hedge vaults managed by one keeper (one signer, one nonce sequence). */
  vaults: z
    .array(z.string().regex(/^0x[0-9a-fA-F]{40}$/, "expected a 0x-prefixed 20-byte address"))
    .min(1)
    .optional(),
  /** Where the signing key comes from; only `--dry-run` runs without one. */
  key: keySource.optional(),
  /** Daemon cycle period; fractions allowed (0.2 = 200 ms) so the keeper can poll faster than blocks come. */
  pollIntervalSeconds: z.number().min(0.1).max(86_400).default(60),
  calendarPath: z.string().min(1).default("keeper/data/macro-calendar.json"),
  breadthCsvPath: z.string().min(1).optional(),
  tx: z
    .strictObject({
      confirmations: z.int().min(1).max(64).default(2),
      /** Replace a transaction still unmined after this many blocks. */
      replaceAfterBlocks: z.int().min(1).default(3),
      /** Fee bump of a replacement; nodes require ≥ 12.5 %. */
      feeBumpBps: z.int().min(1_250).max(10_000).default(1_250),
      /** Hard cap of maxFeePerGas, in gwei. */
      maxFeePerGasGwei: z.number().positive().default(200),
      /** Cap of the first send's tip, in gwei. */
      maxPriorityFeePerGasGwei: z.number().positive().default(3),
      /** Hard cap of the tip of any replacement, in gwei (≥ maxPriorityFeePerGasGwei, ≤ maxFeePerGasGwei). */
      maxReplacementPriorityFeePerGasGwei: z.number().positive().default(10),
      /** Give up waiting for a receipt after this long. */
      receiptTimeoutSeconds: z.int().min(1).default(600),
      rpcTimeoutMs: z.int().min(100).default(5_000),
      maxRpcAttempts: z.int().min(1).max(20).default(5),
      backoffMs: z.int().min(0).default(250),
    })
    .refine((t) => t.maxReplacementPriorityFeePerGasGwei >= t.maxPriorityFeePerGasGwei, {
      message: "must be ≥ tx.maxPriorityFeePerGasGwei",
      path: ["maxReplacementPriorityFeePerGasGwei"],
    })
    .refine((t) => t.maxReplacementPriorityFeePerGasGwei <= t.maxFeePerGasGwei, {
      message: "must be ≤ tx.maxFeePerGasGwei (a tip can never exceed the fee cap)",
      path: ["maxReplacementPriorityFeePerGasGwei"],
    })
    .prefault({}),
  metrics: z
    .strictObject({
      host: z.literal("127.0.0.1").default("127.0.0.1"),
      port: z.int().min(0).max(65_535).default(9464),
    })
    .prefault({}),
  log: z
    .strictObject({
      level: z.enum(["fatal", "error", "warn", "info", "debug", "trace"]).default("info"),
    })
    .prefault({}),
  rules: z
    .strictObject({
      strictCalendar: z.boolean().default(false),
      requiredEventKinds: z.array(z.enum(["FOMC", "CPI", "PPI"])).default(["FOMC", "CPI", "PPI"]),
      postEventDays: z.int().min(0).max(30).default(2),
      strikeTick: level8.prefault("0.5"),
      equityStrikeTick: level8.prefault("5"),
      /**
       * A tighter feed age limit than the contracts' own (the vault's and the pool's heartbeat, read from
       * the chain): absent, the contracts' heartbeat applies.
       */
      maxFeedAgeSeconds: z.int().min(60).optional(),
      /**
       * A missing or partial calendar year is critical only when a decision within this many days can
       * depend on it (a layer roll or open, a condor blackout); a warning otherwise.
       */
      calendarCriticalDays: z.int().min(0).max(365).default(7),
      maxMissingDays: z.int().min(0).default(3),
      breadthLookback: z.int().min(1).default(10),
      maxBreadthAgeDays: z.int().min(1).default(7),
      intensity: intensity.prefault({}),
    })
    .prefault({}),
});

/** The validated keeper configuration (defaults applied, levels as 8-decimal bigints). */
export type KeeperConfig = z.output<typeof keeperConfigSchema>;
/** Where the signing key comes from. */
export type KeySource = NonNullable<KeeperConfig["key"]>;
