// Mutants of a Solidity file: every edit the operators propose inside its functions and modifiers, with a key
// that names the change without a line number (so a documented equivalent stays matched when code moves).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "@solidity-parser/parser";
import type { ASTNode } from "@solidity-parser/parser/dist/src/ast-types.js";
import { editsFor, type NodeContext, type OperatorName } from "./operators.js";

export interface Mutant {
  /** 8 hex digits of `key`: what `--mutant` takes. */
  id: string;
  /** file | function | operator | original | replacement | occurrence (whitespace collapsed). */
  key: string;
  file: string;
  contract: string;
  /** The function or modifier the change is in: `name`, `constructor`, `modifier name`, `receive`, `fallback`. */
  fn: string;
  operator: OperatorName;
  /** 1-based line of the first changed character. */
  line: number;
  start: number;
  end: number;
  original: string;
  replacement: string;
  /** The nth mutant with the same file, function, operator, original and replacement (0-based). */
  occurrence: number;
}

/** Collapses whitespace so a reformatted line keeps its key. */
export function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function functionName(node: ASTNode): string {
  if (node.type === "ModifierDefinition") return `modifier ${node.name}`;
  if (node.type !== "FunctionDefinition") return node.type;
  if (node.isConstructor) return "constructor";
  if (node.isReceiveEther) return "receive";
  if (node.isFallback) return "fallback";
  return node.name ?? "(unnamed)";
}

function isNode(value: unknown): value is ASTNode {
  return (
    typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string"
  );
}

/** Calls `visit` for `node` and every node below it, with its parent and grandparent. */
function walk(
  node: ASTNode,
  context: Omit<NodeContext, "parent" | "grandparent">,
  visit: (n: ASTNode, c: NodeContext) => void,
) {
  const recurse = (n: ASTNode, parent: ASTNode | undefined, grandparent: ASTNode | undefined): void => {
    visit(n, { ...context, parent, grandparent });
    for (const [field, value] of Object.entries(n)) {
      if (field === "range" || field === "loc") continue;
      const children: unknown[] = Array.isArray(value) ? value : [value];
      for (const child of children) if (isNode(child)) recurse(child, n, parent);
    }
  };
  recurse(node, undefined, undefined);
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** Every mutant of `file` (a path relative to the repository root), in source order. */
export function mutantsOf(file: string, source = readFileSync(file, "utf8")): Mutant[] {
  const ast = parse(source, { range: true, loc: true });
  const mutants: Mutant[] = [];
  const seen = new Map<string, number>();
  for (const unit of ast.children) {
    if (unit.type !== "ContractDefinition") continue;
    for (const sub of unit.subNodes) {
      const member = sub as ASTNode;
      if (member.type !== "FunctionDefinition" && member.type !== "ModifierDefinition") continue;
      const fn = functionName(member);
      const inConstructor = member.type === "FunctionDefinition" && member.isConstructor;
      const edits: ReturnType<typeof editsFor> = [];
      // The header's modifiers and the body; parameters and return declarations have nothing to mutate.
      if (member.type === "FunctionDefinition") {
        for (const modifier of member.modifiers)
          edits.push(...editsFor(source, modifier, { inConstructor, parent: member, grandparent: unit }));
      }
      if (member.body !== null)
        walk(member.body, { inConstructor }, (n, c) => edits.push(...editsFor(source, n, c)));
      edits.sort((a, b) => a.start - b.start || a.end - b.end);
      for (const edit of edits) {
        const original = source.slice(edit.start, edit.end);
        const base = [file, fn, edit.operator, normalize(original), normalize(edit.replacement)].join(" | ");
        const occurrence = seen.get(base) ?? 0;
        seen.set(base, occurrence + 1);
        const key = `${base} | ${occurrence}`;
        mutants.push({
          id: createHash("sha256").update(key).digest("hex").slice(0, 8),
          key,
          file,
          contract: unit.name,
          fn,
          operator: edit.operator,
          line: lineOf(source, edit.start),
          start: edit.start,
          end: edit.end,
          original,
          replacement: edit.replacement,
          occurrence,
        });
      }
    }
  }
  return mutants;
}

/** The source with one mutant applied. */
export function applyMutant(source: string, mutant: Mutant): string {
  return source.slice(0, mutant.start) + mutant.replacement + source.slice(mutant.end);
}

/** The changed lines, as a unified-diff-like text (`-` original lines, `+` mutated lines). */
export function diffOf(source: string, mutant: Mutant): string {
  const lineStart = source.lastIndexOf("\n", mutant.start - 1) + 1;
  const nextBreak = source.indexOf("\n", Math.max(mutant.end, mutant.start));
  const lineEnd = nextBreak < 0 ? source.length : nextBreak;
  const before = source.slice(lineStart, lineEnd);
  const after =
    before.slice(0, mutant.start - lineStart) + mutant.replacement + before.slice(mutant.end - lineStart);
  const minus = before.split("\n").map((l) => `- ${l}`);
  const plus = after.split("\n").map((l) => `+ ${l}`);
  return [`@@ ${mutant.file}:${mutant.line} (${mutant.fn}) @@`, ...minus, ...plus].join("\n");
}
