import type { Logger } from "pino";
import { describeRevert } from "./tx/classifyRevert.js";
import { FeeCapExceededError } from "./tx/errors.js";
import type { TxOutcome, TxRequest } from "./tx/txManager.js";
import type { Action, Plan } from "./types.js";

export type ActionResult =
  | { action: Action; status: "confirmed"; hash: string; blockNumber: number }
  | { action: Action; status: "skipped"; reason: string }
  | { action: Action; status: "failed"; error: Error }
  /** Held back, not failed: fees are above the hard cap (nothing sent); the next cycle tries again. */
  | { action: Action; status: "deferred"; reason: string }
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
 * may depend on it, and the next tick re-plans from fresh chain state. Fees above the hard cap defer the
 * action (and the rest, which would meet the same fees) instead: waiting is the documented behaviour.
 */
export async function executePlan(plan: Plan, options: ExecutePlanOptions): Promise<ActionResult[]> {
  const results: ActionResult[] = [];
  let stopped = false;
  for (const action of plan.actions) {
    if (stopped) {
      results.push({ action, status: "not-attempted" });
      continue;
    }
    try {
      const outcome = await options.send(options.encode(action));
      if (outcome.status === "skipped") {
        const reason = describeRevert(outcome.reason);
        options.log?.info(
          { event: "action-skipped", type: action.type, reason },
          `${action.type} skipped: ${reason}`,
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
      if (e instanceof FeeCapExceededError) {
        options.log?.warn(
          { event: "action-deferred", type: action.type, needed: e.needed, cap: e.cap },
          `${action.type} deferred: ${e.message}`,
        );
        results.push({ action, status: "deferred", reason: e.message });
        stopped = true;
        continue;
      }
      const error = e instanceof Error ? e : new Error(String(e));
      options.log?.error(
        { event: "action-failed", type: action.type, error: error.message },
        `${action.type} failed: ${error.message}`,
      );
      results.push({ action, status: "failed", error });
      stopped = true;
    }
  }
  return results;
}
