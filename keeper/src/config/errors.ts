/** One config field that failed validation; `source` says where the value came from (file or env var). */
export interface ConfigIssue {
  field: string;
  detail: string;
  source: string;
}

/**
 * The config failed validation. Every problem is reported at once (`issues`); `field`, `detail` and
 * `source` are the first one's.
 */
export class ConfigInvalidError extends Error {
  override readonly name = "ConfigInvalidError";
  readonly issues: readonly ConfigIssue[];
  readonly field: string;
  readonly detail: string;
  readonly source: string;
  constructor(field: string, detail: string, source: string, more: readonly ConfigIssue[] = []) {
    const issues = [{ field, detail, source }, ...more];
    const line = (i: ConfigIssue): string => `config field "${i.field}" (${i.source}): ${i.detail}`;
    super(
      issues.length === 1
        ? line(issues[0] as ConfigIssue)
        : `${issues.length} config errors:\n${issues.map((i) => `  - ${line(i)}`).join("\n")}`,
    );
    this.issues = issues;
    this.field = field;
    this.detail = detail;
    this.source = source;
  }
}

/** The config file could not be read or is not JSON. */
export class ConfigFileError extends Error {
  override readonly name = "ConfigFileError";
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`config file ${path}: ${detail}`);
  }
}

/** The config file holds a secret; keys come only from env, a keystore file or Hardhat's keystore. */
export class SecretInConfigError extends Error {
  override readonly name = "SecretInConfigError";
  constructor(readonly field: string) {
    super(`config field "${field}" looks like a secret: keys never go in the config file (use key.source)`);
  }
}

/** A known mainnet (see KNOWN_MAINNETS) without the explicit `allowMainnet` flag. */
export class MainnetRefusedError extends Error {
  override readonly name = "MainnetRefusedError";
  constructor(
    readonly chainId: number,
    readonly network = "a mainnet",
  ) {
    super(
      `refusing chain id ${chainId} (${network}): real money; set allowMainnet: true (or KEEPER_ALLOW_MAINNET=true) if that is intended`,
    );
  }
}

/** The RPC endpoint serves another chain than the config names. */
export class ChainIdMismatchError extends Error {
  override readonly name = "ChainIdMismatchError";
  constructor(
    readonly expected: number,
    readonly actual: number,
    readonly url: string,
  ) {
    super(
      `chain id mismatch at ${url}: config says ${expected}, node says ${actual} (fix chainId or point rpcUrls at a chain-${expected} node)`,
    );
  }
}

/** The signing key could not be loaded from its source. */
export class KeySourceError extends Error {
  override readonly name = "KeySourceError";
  constructor(
    readonly source: string,
    readonly detail: string,
  ) {
    super(`key source ${source}: ${detail}`);
  }
}
