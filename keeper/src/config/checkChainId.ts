import { ChainIdMismatchError, MainnetRefusedError } from "./errors.js";

/**
 * Compares the chain id a node reports with the configured one; refuses mainnet (1) unless allowed
 * even if the config was somehow built without `parseKeeperConfig`.
 */
export function checkChainId(expected: number, actual: number, url: string, allowMainnet: boolean): void {
  if (actual !== expected) throw new ChainIdMismatchError(expected, actual, url);
  if (actual === 1 && !allowMainnet) throw new MainnetRefusedError(actual);
}
