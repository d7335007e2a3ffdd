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

/** The plan's float intensity as the vault's WAD multiplier, clamped to the vault's bounds. */
export function intensityWad(intensity: number, state: KeeperStateOnChain): bigint {
  const raw = BigInt(Math.round(intensity * 1e6)) * 10n ** 12n;
  const { minIntensity, maxIntensity } = state.vaultPolicy;
  return raw < minIntensity ? minIntensity : raw > maxIntensity ? maxIntensity : raw;
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
 * positions itself from its policy notional × intensity, and checks every parameter against the
 * policy, so the keeper's limits here are only tighter bounds: `maxPremium` for rolls (the rules'
 * per-roll cap), 0 as the premium floor when selling (the vault's own floor is quote × (1 − slippage)),
 * and the posted collateral (the most a buy-back can cost) as the cap when closing the condor.
 */
export function encodeAction(
  action: Action,
  vault: string,
  state: KeeperStateOnChain,
  intensity: number,
): TxRequest {
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
    case "MonetiseLayer": {
      const args = [
        BigInt(action.layer),
        k(action.newLowerStrike),
        k(action.newUpperStrike),
        BigInt(action.newExpiry),
        intensityWad(intensity, state),
        action.maxPremium,
      ] as const;
      return req(
        action.type === "RollLayer"
          ? vaultInterface.encodeFunctionData("rollLayer", [...args])
          : vaultInterface.encodeFunctionData("monetiseLayer", [...args]),
      );
    }
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
