// The documented equivalent mutants (scripts/mutation/equivalents.json): changes no test can notice because
// the program behaves the same, each with a one-line reason. The runner does not run them (unless asked with
// --recheck-equivalents) and reports them as equivalent, with their reason.
import { readFileSync } from "node:fs";
import { normalize, type Mutant } from "./mutants.js";

export interface Equivalent {
  file: string;
  function: string;
  operator: string;
  original: string;
  replacement: string;
  /** Which of several identical changes in the function (0-based); absent: all of them. */
  occurrence?: number;
  reason: string;
}

export const EQUIVALENTS_FILE = "scripts/mutation/equivalents.json";

export function loadEquivalents(path = EQUIVALENTS_FILE): Equivalent[] {
  const list = JSON.parse(readFileSync(path, "utf8")) as Equivalent[];
  list.forEach((entry, index) => {
    for (const field of ["file", "function", "operator", "original", "replacement", "reason"] as const) {
      if (typeof entry[field] !== "string" || entry[field] === "") {
        throw new Error(`${path}: entry ${index} has no "${field}" (a string is required)`);
      }
    }
  });
  return list;
}

/** The documented equivalent that names `mutant`, if any. */
export function equivalentOf(mutant: Mutant, list: Equivalent[]): Equivalent | undefined {
  return list.find(
    (e) =>
      e.file === mutant.file &&
      e.function === mutant.fn &&
      e.operator === mutant.operator &&
      normalize(e.original) === normalize(mutant.original) &&
      normalize(e.replacement) === normalize(mutant.replacement) &&
      (e.occurrence === undefined || e.occurrence === mutant.occurrence),
  );
}

/** The entry to paste into equivalents.json for a survivor judged equivalent (reason to be written). */
export function equivalentEntry(mutant: Mutant): Equivalent {
  return {
    file: mutant.file,
    function: mutant.fn,
    operator: mutant.operator,
    original: normalize(mutant.original),
    replacement: normalize(mutant.replacement),
    occurrence: mutant.occurrence,
    reason: "TODO: why no test can tell this mutant from the original",
  };
}
