/** A config field failed validation. `source` says where the value came from (file or env var). */
export class ConfigInvalidError extends Error {
  override readonly name = "ConfigInvalidError";
  constructor(
    readonly field: string,
    readonly detail: string,
    readonly source: string,
  ) {
    super(`config field "${field}" (${source}): ${detail}`);
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

/** Chain id 1 (Ethereum mainnet) without the explicit `allowMainnet` flag. */
export class MainnetRefusedError extends Error {
  override readonly name = "MainnetRefusedError";
  constructor(readonly chainId: number) {
    super(
      `refusing chain id ${chainId} (Ethereum mainnet) without allowMainnet: true (or KEEPER_ALLOW_MAINNET=true)`,
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
    super(`chain id mismatch at ${url}: config says ${expected}, node says ${actual}`);
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
