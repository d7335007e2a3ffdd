import { classifyRevert, describeRevert, type RevertReason, revertDataOf } from "../tx/classifyRevert.js";
import { RpcResponseError, SimulationRevertedError, TxRevertedError } from "../tx/errors.js";
import type { RpcTransport } from "../tx/rpcClient.js";
import type { TxManager, TxOutcome, TxRequest } from "../tx/txManager.js";
import { keeperErrorsInterface, PRICE_DEPENDENT_ERRORS, vaultInterface } from "./contracts.js";
import { isAlreadyDone } from "./encodeAction.js";

const skipped = (label: string, message: string): TxOutcome => ({
  status: "skipped",
  label,
  reason: { kind: "note", message },
});

/** Says what moved since the plan was read (e.g. "the volatility feed moved: round 12 → 13"), or undefined. */
export type PlanOutdatedCheck = () => Promise<string | undefined>;

const priceDependent = (r: RevertReason | undefined): r is RevertReason & { kind: "custom" } =>
  r?.kind === "custom" && PRICE_DEPENDENT_ERRORS.has(r.name);

/**
 * Sends one vault call through the transaction manager, adding the vault-specific cases the simulation
 * alone cannot see:
 * - `settleExpired()` succeeds with 0 when someone else settled first: a static call returning 0 skips
 *   it instead of sending a no-op transaction;
 * - a transaction that simulated fine but was mined reverted is re-simulated on the new state; if the
 *   vault now says "not due / already done", another keeper (or the upkeep) won the race, possibly
 *   earlier in the same block: skipped (`lost the race`), our gas being the price;
 * - a strike-band or premium revert (simulated or mined) while a feed moved since the plan was read means
 *   the plan is outdated, not wrong: skipped (`outdated plan`), and the next cycle plans from the new level.
 *   The same revert with the feeds unchanged stays a failure (e.g. the config disagrees with the policy).
 */
export async function sendVaultAction(
  tx: TxManager,
  rpc: RpcTransport,
  from: string,
  req: TxRequest,
  planOutdated?: PlanOutdatedCheck,
): Promise<TxOutcome> {
  const call = { from, to: req.to, data: req.data };
  if (req.data === vaultInterface.encodeFunctionData("settleExpired")) {
    const count = await rpc
      .request<string>("eth_call", [call, "latest"])
      .then((r) => BigInt(r))
      .catch((e: unknown) => (e instanceof RpcResponseError ? 1n : Promise.reject(e)));
    if (count === 0n) return skipped(req.label, "nothing expired");
  }
  const outdated = async (reason: RevertReason, what: string): Promise<TxOutcome | undefined> => {
    if (!priceDependent(reason) || planOutdated === undefined) return undefined;
    const moved = await planOutdated();
    return moved === undefined
      ? undefined
      : skipped(
          req.label,
          `outdated plan: ${moved}; ${what} ${describeRevert(reason)}, re-planned next cycle`,
        );
  };
  try {
    return await tx.send(req);
  } catch (e) {
    if (e instanceof SimulationRevertedError && e.decoded !== undefined)
      return (await outdated(e.decoded, "the simulation reverted")) ?? Promise.reject(e);
    if (!(e instanceof TxRevertedError)) throw e;
    const again = await rpc.request("eth_call", [call, "latest"]).then(
      () => undefined,
      (err: unknown) =>
        err instanceof RpcResponseError
          ? classifyRevert(revertDataOf(err.data), keeperErrorsInterface)
          : undefined,
    );
    if (again === undefined) throw e;
    if (isAlreadyDone(again))
      return skipped(req.label, `lost the race: ${describeRevert(again)} (tx ${e.hash} reverted)`);
    return (await outdated(again, `tx ${e.hash} reverted`)) ?? Promise.reject(e);
  }
}
