import { ChainIdMismatchError, MainnetRefusedError } from "./errors.js";
import { KNOWN_MAINNETS } from "./knownMainnets.js";

/** Refuses a known mainnet (KNOWN_MAINNETS) unless allowed. */
export function checkNotMainnet(chainId: number, allowMainnet: boolean): void {
  const network = KNOWN_MAINNETS.get(chainId);
  if (network !== undefined && !allowMainnet) throw new MainnetRefusedError(chainId, network);
}

/**
 * Compares the chain id a node reports with the configured one; refuses a known mainnet unless allowed
 * even if the config was somehow built without `parseKeeperConfig`.
 */
export function checkChainId(expected: number, actual: number, url: string, allowMainnet: boolean): void {
  if (actual !== expected) throw new ChainIdMismatchError(expected, actual, url);
  checkNotMainnet(actual, allowMainnet);
}
