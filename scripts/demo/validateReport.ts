// Checks a DemoReport before anything is written: a NaN or a date out of order would otherwise turn into
// `null` in the JSON or a broken chart, far from its cause.
import { isIsoDate } from "./history.js";
import { PNL_LINES, PNL_PARTIES } from "./pnl.js";
import { STRATEGIES, type DemoReport } from "./reportTypes.js";

function finite(where: string, v: number): void {
  if (!Number.isFinite(v)) throw new Error(`report: ${where} is ${v}, not a finite number`);
}
function date(where: string, v: string): void {
  if (!isIsoDate(v)) throw new Error(`report: ${where} "${v}" is not a YYYY-MM-DD date`);
}

/** Throws an Error naming the field at fault when `report` cannot be rendered faithfully. */
export function validateReport(report: DemoReport): void {
  if (report.days.length === 0) throw new Error("report: no days");
  report.days.forEach((d, i) => {
    date(`days[${i}].date`, d.date);
    if (i > 0 && d.date <= report.days[i - 1]!.date) {
      throw new Error(`report: days[${i}].date ${d.date} is not after ${report.days[i - 1]!.date}`);
    }
    finite(`days[${i}].vix`, d.vix);
    finite(`days[${i}].spx`, d.spx);
    for (const s of STRATEGIES) finite(`days[${i}].nav.${s}`, d.nav[s]);
    finite(`days[${i}].poolLps`, d.poolLps);
  });
  report.layers.forEach((l, i) => {
    finite(`layers[${i}].layer`, l.layer);
    finite(`layers[${i}].lowerStrike`, l.lowerStrike);
    finite(`layers[${i}].upperStrike`, l.upperStrike);
    date(`layers[${i}].openedOn`, l.openedOn);
    date(`layers[${i}].expiry`, l.expiry);
    if (l.closedOn !== undefined) date(`layers[${i}].closedOn`, l.closedOn);
  });
  report.actions.forEach((a, i) => {
    date(`actions[${i}].date`, a.date);
    if (a.premium !== undefined) finite(`actions[${i}].premium`, a.premium);
    if (a.layer !== undefined) finite(`actions[${i}].layer`, a.layer);
  });
  finite("premiums.layerPremiumPaid", report.premiums.layerPremiumPaid);
  finite("premiums.layerCloseProceeds", report.premiums.layerCloseProceeds);
  finite("premiums.condorPremiumEarned", report.premiums.condorPremiumEarned);
  if (report.keeperWarnings !== undefined) {
    finite("keeperWarnings.actions", report.keeperWarnings.actions);
    finite("keeperWarnings.warmUp", report.keeperWarnings.warmUp);
  }
  finite("flashFeesEarned", report.flashFeesEarned);
  for (const party of PNL_PARTIES) {
    for (const line of [...PNL_LINES, "net" as const])
      finite(`pnl.${party}.${line}`, report.pnl[party][line]);
    for (const [k, v] of Object.entries(report.pnl.reconciliation[party])) {
      finite(`pnl.reconciliation.${party}.${k}`, v);
    }
  }
  finite("pnl.zeroSum", report.pnl.zeroSum);
  finite("rolls", report.rolls);
  finite("eventsCovered", report.eventsCovered);
  finite("transactions", report.transactions);
  finite("elapsedSeconds", report.elapsedSeconds);
}
