import { classifyRevert, describeRevert, revertDataOf } from "../tx/classifyRevert.js";
import { RpcResponseError, TxRevertedError } from "../tx/errors.js";
import type { RpcTransport } from "../tx/rpcClient.js";
import type { TxManager, TxOutcome, TxRequest } from "../tx/txManager.js";
import { keeperErrorsInterface, vaultInterface } from "./contracts.js";
import { isAlreadyDone } from "./encodeAction.js";

const skipped = (label: string, message: string): TxOutcome => ({
  status: "skipped",
  label,
  reason: { kind: "error", message, data: "0x" },
});

/**
 * Sends one vault call through the transaction manager, adding the two vault-specific "done once"
 * cases the simulation alone cannot see:
 * - `settleExpired()` succeeds with 0 when someone else settled first: a static call returning 0 skips
 *   it instead of sending a no-op transaction;
 * - a transaction that simulated fine but was mined reverted is re-simulated on the new state; if the
 *   vault now says "not due / already done", another keeper (or the upkeep) won the race, possibly
 *   earlier in the same block: skipped (`lost the race`), our gas being the price. Other reverts throw.
 */
export async function sendVaultAction(
  tx: TxManager,
  rpc: RpcTransport,
  from: string,
  req: TxRequest,
): Promise<TxOutcome> {
  const call = { from, to: req.to, data: req.data };
  if (req.data === vaultInterface.encodeFunctionData("settleExpired")) {
    const count = await rpc
      .request<string>("eth_call", [call, "latest"])
      .then((r) => BigInt(r))
      .catch((e: unknown) => (e instanceof RpcResponseError ? 1n : Promise.reject(e)));
    if (count === 0n) return skipped(req.label, "nothing expired");
  }
  try {
    return await tx.send(req);
  } catch (e) {
    if (!(e instanceof TxRevertedError)) throw e;
    const again = await rpc.request("eth_call", [call, "latest"]).then(
      () => undefined,
      (err: unknown) =>
        err instanceof RpcResponseError
          ? classifyRevert(revertDataOf(err.data), keeperErrorsInterface)
          : undefined,
    );
    if (again !== undefined && isAlreadyDone(again))
      return skipped(req.label, `lost the race: ${describeRevert(again)} (tx ${e.hash} reverted)`);
    throw e;
  }
}
