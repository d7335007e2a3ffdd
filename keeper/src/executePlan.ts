import type { Logger } from "pino";
import { describeRevert } from "./tx/classifyRevert.js";
import type { TxOutcome, TxRequest } from "./tx/txManager.js";
import type { Action, Plan } from "./types.js";

export type ActionResult =
  | { action: Action; status: "confirmed"; hash: string; blockNumber: number }
  | { action: Action; status: "skipped"; reason: string }
  | { action: Action; status: "failed"; error: Error }
  | { action: Action; status: "not-attempted" };

export interface ExecutePlanOptions {
  /** Turns an action into a transaction request (the vault's chain client; it also supplies the
   *  `errors` interface and the `isAlreadyDone` classifier that makes a second run skip). */
  encode: (action: Action) => TxRequest;
  /** Usually `txManager.send`. */
  send: (request: TxRequest) => Promise<TxOutcome>;
  log?: Logger | undefined;
}

/**
 * Executes a plan's actions one by one, in plan order (settlements before the rolls that reuse
 * their collateral). An action the chain reports as already done is skipped, so running the same
 * plan twice — or two keepers at once — is harmless. The first failure stops the run: later actions
 * may depend on it, and the next tick re-plans from fresh chain state.
 */
export async function executePlan(plan: Plan, options: ExecutePlanOptions): Promise<ActionResult[]> {
  const results: ActionResult[] = [];
  let failed = false;
  for (const action of plan.actions) {
    if (failed) {
      results.push({ action, status: "not-attempted" });
      continue;
    }
    try {
      const outcome = await options.send(options.encode(action));
      if (outcome.status === "skipped") {
        const reason = describeRevert(outcome.reason);
        options.log?.info(
          { event: "action-skipped", type: action.type, reason },
          `${action.type} already done: ${reason}`,
        );
        results.push({ action, status: "skipped", reason });
      } else {
        options.log?.info(
          { event: "action-confirmed", type: action.type, hash: outcome.hash },
          `${action.type} confirmed`,
        );
        results.push({
          action,
          status: "confirmed",
          hash: outcome.hash,
          blockNumber: outcome.receipt.blockNumber,
        });
      }
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      options.log?.error(
        { event: "action-failed", type: action.type, err: error },
        `${action.type} failed: ${error.message}`,
      );
      results.push({ action, status: "failed", error });
      failed = true;
    }
  }
  return results;
}
