import { readFileSync } from "node:fs";
import { parseMacroCalendar } from "../rules/parseMacroCalendar.js";
import { parseBreadthCsv } from "../rules/signals/parseBreadthCsv.js";
import type { BreadthRow, MacroCalendar } from "../types.js";
import { ConfigFileError } from "./errors.js";

function read(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigFileError(path, e instanceof Error ? e.message : String(e));
  }
}

/** Reads the macro calendar and (optionally) the operator's breadth CSV named by the config. */
export function loadRulesInputs(
  calendarPath: string,
  breadthCsvPath?: string,
): { calendar: MacroCalendar; breadth: BreadthRow[] | undefined } {
  let json: unknown;
  try {
    json = JSON.parse(read(calendarPath));
  } catch (e) {
    if (e instanceof ConfigFileError) throw e;
    throw new ConfigFileError(calendarPath, `not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    calendar: parseMacroCalendar(json),
    breadth: breadthCsvPath === undefined ? undefined : parseBreadthCsv(read(breadthCsvPath)),
  };
}
