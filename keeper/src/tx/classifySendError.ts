export type SendErrorKind =
  "nonce-too-low" | "underpriced" | "already-known" | "insufficient-funds" | "other";

/**
 * Classifies a node's rejection of eth_sendRawTransaction across clients (geth, Nethermind, Erigon,
 * Hardhat/EDR, Anvil): "nonce too low", "replacement transaction underpriced", "already known".
 */
export function classifySendError(message: string): SendErrorKind {
  const m = message.toLowerCase();
  if (/nonce too low|nonce has already been used|nonce_expired|oldnonce|nonce is too low/.test(m))
    return "nonce-too-low";
  if (
    /replacement (transaction )?underpriced|replacement_underpriced|fee too low to replace|underpriced/.test(
      m,
    )
  ) {
    return "underpriced";
  }
  if (/already known|known transaction|already imported|already_exists|alreadyknown/.test(m))
    return "already-known";
  if (/insufficient funds/.test(m)) return "insufficient-funds";
  return "other";
}
