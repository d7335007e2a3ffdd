import type { RevertReason } from "../tx/classifyRevert.js";
import type { TxRequest } from "../tx/txManager.js";
import type { Action } from "../types.js";
import { ALREADY_DONE_ERRORS, keeperErrorsInterface, vaultInterface } from "./contracts.js";
import type { KeeperStateOnChain } from "./readVaults.js";
import { POINTS_TO_LEVEL } from "./toRulesState.js";

/** True for a revert that means "already done / not due" (see ALREADY_DONE_ERRORS). */
export function isAlreadyDone(reason: RevertReason): boolean {
  return reason.kind === "custom" && ALREADY_DONE_ERRORS.has(reason.name);
}

/** Short label of an action for logs, metrics and reports (e.g. "RollLayer L2"). */
export function actionLabel(action: Action): string {
  switch (action.type) {
    case "RollLayer":
    case "MonetiseLayer":
      return `${action.type} L${action.layer + 1}`;
    case "RollCondorSide":
      return `RollCondorSide ${action.side}`;
    default:
      return action.type;
  }
}

/**
 * Maps one planned action to its vault call. Strikes go from 8 to 18 decimals (exact); the vault sizes
 * positions itself (a layer from the plan's WAD intensity, exactly as the plan sized it) and checks every
 * parameter against the policy, so the keeper's limits here are only tighter bounds: `maxPremium` for layer
 * purchases (the rules' per-roll cap; the vault cuts the size to fit it and the cash press), 0 as the premium
 * floor when selling (the vault's own floors: the condor policy's minimum credit), and the posted collateral
 * (the most a buy-back can cost) as the cap when closing the condor.
 */
export function encodeAction(action: Action, vault: string, state: KeeperStateOnChain): TxRequest {
  const req = (data: string): TxRequest => ({
    label: `${actionLabel(action)} @${vault.slice(0, 10)}`,
    to: vault,
    data,
    errors: keeperErrorsInterface,
    isAlreadyDone,
  });
  const k = (level: bigint): bigint => level * POINTS_TO_LEVEL;
  switch (action.type) {
    case "RollLayer":
      return req(
        vaultInterface.encodeFunctionData("rollLayer", [
          BigInt(action.layer),
          k(action.newLowerStrike),
          k(action.newUpperStrike),
          BigInt(action.newExpiry),
          action.intensity,
          action.maxPremium,
        ]),
      );
    case "MonetiseLayer":
      return req(vaultInterface.encodeFunctionData("monetiseLayer", [BigInt(action.layer)]));
    case "OpenCondor":
      return req(
        vaultInterface.encodeFunctionData("openCondor", [
          [k(action.longPutStrike), k(action.shortPutStrike)],
          [k(action.shortCallStrike), k(action.longCallStrike)],
          BigInt(action.expiry),
          0n,
        ]),
      );
    case "RollCondorSide":
      return req(
        vaultInterface.encodeFunctionData("rollCondorSide", [
          action.side === "call",
          action.side === "call"
            ? [k(action.newShortStrike), k(action.newLongStrike)]
            : [k(action.newLongStrike), k(action.newShortStrike)],
          BigInt(action.newExpiry),
          0n,
        ]),
      );
    case "CloseCondor":
      return req(
        vaultInterface.encodeFunctionData("closeCondor", [
          state.putLeg.collateral + state.callLeg.collateral,
        ]),
      );
    case "SettleSeries":
      return req(vaultInterface.encodeFunctionData("settleExpired"));
    case "ProcessEpoch":
      return req(vaultInterface.encodeFunctionData("processEpoch"));
  }
}
