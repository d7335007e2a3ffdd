// Which Solidity files import a given file (transitively), through relative imports: the roots a mutant of
// that file must rebuild. Package imports (`@openzeppelin/...`, `solady/...`) never reach the project's files.
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { filesUnder } from "./domains.js";

const IMPORT = /^\s*import\s+(?:[^"']*\s+from\s+)?["']([^"']+)["']/gm;

function relativeImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const target = match[1];
    if (target !== undefined && target.startsWith(".")) found.push(normalize(join(dirname(file), target)));
  }
  return found;
}

/** The Solidity files under `scope` (folders) that are `target` or import it, directly or not. */
export function rootsImporting(target: string, scope: string[]): string[] {
  const candidates = [...new Set(scope.flatMap((dir) => filesUnder(dir, ".sol")))];
  const imports = new Map<string, string[]>();
  const importsOf = (file: string): string[] => {
    let list = imports.get(file);
    if (list === undefined) {
      list = relativeImports(file);
      imports.set(file, list);
    }
    return list;
  };
  const reaches = new Map<string, boolean>();
  const reachesTarget = (file: string, visiting: Set<string>): boolean => {
    if (file === target) return true;
    const known = reaches.get(file);
    if (known !== undefined) return known;
    if (visiting.has(file)) return false;
    visiting.add(file);
    const result = importsOf(file).some((dep) => reachesTarget(dep, visiting));
    visiting.delete(file);
    reaches.set(file, result);
    return result;
  };
  const roots = candidates.filter((file) => reachesTarget(file, new Set()));
  return [target, ...roots.filter((file) => file !== target)];
}
