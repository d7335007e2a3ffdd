// The mutation operators of `npm run test:mutation:contracts` (docs/testing.md, "Mutation testing").
// Each operator looks at one node of a Solidity AST (@solidity-parser/parser, with ranges) and proposes
// edits: a character range of the original source and the text that replaces it. Every edit is one small,
// compilable-in-principle change to a money rule; a test suite that proves the rule must notice it.
import type { ASTNode } from "@solidity-parser/parser/dist/src/ast-types.js";

export const OPERATORS = [
  "rounding",
  "comparison-boundary",
  "off-by-one",
  "revert-removal",
  "modifier-removal",
  "min-max-swap",
  "emit-removal",
] as const;
export type OperatorName = (typeof OPERATORS)[number];

/** What each operator does, as docs/testing.md and the reports state it. */
export const OPERATOR_DESCRIPTIONS: Record<OperatorName, string> = {
  rounding:
    "rounding direction: `Rounding.Ceil` <-> `Rounding.Floor` (and `Expand` <-> `Trunc`); a 3-argument " +
    "`Math.mulDiv` (rounds down) gets `Math.Rounding.Ceil`; Solady `fullMulDiv`/`mulWad`/`divWad` <-> their `Up` form",
  "comparison-boundary": "comparison boundary: `<` <-> `<=`, `>` <-> `>=`",
  "off-by-one":
    "off-by-one: each comparison's bound moved by one in the direction the boundary mutant does not move it " +
    "(`a < b` -> `a + 1 < b`, `a <= b` -> `a <= b + 1`, `a > b` -> `a > b + 1`, `a >= b` -> `a + 1 >= b`); " +
    "an explicit `x + 1` or `x - 1` loses its `1`",
  "revert-removal":
    "removed check: `require(...)`, `if (cond) revert E(...)` (the whole `if`), a lone `revert E(...)`, and " +
    "a call of a check helper (`_require*`, `_check*`, `_ensure*`) become `{}`",
  "modifier-removal": "removed modifier: a modifier of a function (not of a constructor) is deleted",
  "min-max-swap": "`min` <-> `max` (`Math.min`, `FixedPointMathLib.min`, a local `min`/`_min`)",
  "emit-removal": "removed event: `emit E(...)` becomes `{}`",
};

/** One proposed change: replace source[start, end) by `replacement`. */
export interface Edit {
  operator: OperatorName;
  start: number;
  end: number;
  replacement: string;
}

type Range = [number, number];

/** The node's [start, end) offsets; the parser's ranges are inclusive. */
export function spanOf(node: ASTNode): Range {
  const range = node.range;
  if (range === undefined) throw new Error(`mutation: the parser gave no range for a ${node.type} node`);
  return [range[0], range[1] + 1];
}

const COMPARISONS = new Set(["<", "<=", ">", ">="]);
const BOUNDARY: Record<string, string> = { "<": "<=", "<=": "<", ">": ">=", ">=": ">" };
const ROUNDING_FLIP: Record<string, string> = {
  Ceil: "Floor",
  Floor: "Ceil",
  Expand: "Trunc",
  Trunc: "Expand",
};
const SOLADY_ROUNDING: Record<string, string> = {
  fullMulDiv: "fullMulDivUp",
  fullMulDivUp: "fullMulDiv",
  mulWad: "mulWadUp",
  mulWadUp: "mulWad",
  divWad: "divWadUp",
  divWadUp: "divWad",
  mulDivDown: "mulDivUp",
  mulDivUp: "mulDivDown",
};
const MIN_MAX: Record<string, string> = { min: "max", max: "min", _min: "_max", _max: "_min" };
const CHECK_HELPER = /^_(require|check|ensure)[A-Z]/;
// Operands that need no parentheses before `+ 1` (Solidity binds `+` tighter than shifts, bit operations and
// comparisons, so anything else is wrapped).
const ATOMIC = new Set([
  "Identifier",
  "NumberLiteral",
  "MemberAccess",
  "FunctionCall",
  "IndexAccess",
  "TupleExpression",
]);

/** The position of a binary operator's token between its operands (skipping spaces and comments). */
function operatorSpan(source: string, left: ASTNode, right: ASTNode, operator: string): Range {
  const from = spanOf(left)[1];
  const to = spanOf(right)[0];
  const between = source.slice(from, to);
  const index = between.indexOf(operator);
  if (index < 0) throw new Error(`mutation: operator ${operator} not found between its operands at ${from}`);
  return [from + index, from + index + operator.length];
}

function plusOne(source: string, operand: ASTNode): string {
  const [s, e] = spanOf(operand);
  const text = source.slice(s, e);
  return ATOMIC.has(operand.type) ? `${text} + 1` : `(${text}) + 1`;
}

function isRevertOnly(node: ASTNode | null | undefined): boolean {
  if (node === null || node === undefined) return false;
  if (node.type === "RevertStatement") return true;
  if (node.type === "Block")
    return node.statements.length === 1 && isRevertOnly(node.statements[0] as ASTNode | undefined);
  if (node.type === "ExpressionStatement") return isCallTo(node.expression, "revert");
  return false;
}

function isRemovedWithItsIf({ parent, grandparent }: NodeContext): boolean {
  const ifNode = parent?.type === "Block" ? grandparent : parent; // `if (c) revert E();` or `if (c) { revert E(); }`
  return ifNode?.type === "IfStatement" && ifNode.falseBody === null && isRevertOnly(ifNode.trueBody);
}

function calleeName(call: ASTNode | null): string | undefined {
  if (call === null || call.type !== "FunctionCall") return undefined;
  const callee = call.expression;
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberAccess") return callee.memberName;
  return undefined;
}

function isCallTo(expression: ASTNode | null, name: string): boolean {
  return expression !== null &&
    expression.type === "FunctionCall" &&
    expression.expression.type === "Identifier"
    ? expression.expression.name === name
    : false;
}

/** Where a node sits: modifier removal stays off constructors (their "modifiers" are mostly base-constructor
 *  arguments), and a revert that is the whole body of an `if` is removed with its `if`, not twice. */
export interface NodeContext {
  inConstructor: boolean;
  parent: ASTNode | undefined;
  grandparent: ASTNode | undefined;
}

/** The edits the operators propose for one node of a function or modifier (its header included). */
export function editsFor(source: string, node: ASTNode, context: NodeContext): Edit[] {
  const edits: Edit[] = [];
  const [start, end] = node.range === undefined ? [0, 0] : spanOf(node);
  switch (node.type) {
    case "MemberAccess": {
      const flip = ROUNDING_FLIP[node.memberName];
      const base = node.expression;
      const isRounding =
        (base.type === "MemberAccess" && base.memberName === "Rounding") ||
        (base.type === "Identifier" && base.name === "Rounding");
      if (flip !== undefined && isRounding) {
        edits.push({ operator: "rounding", start: end - node.memberName.length, end, replacement: flip });
      }
      break;
    }
    case "FunctionCall": {
      const callee = node.expression;
      const name = calleeName(node);
      if (callee.type === "MemberAccess" && name === "mulDiv" && node.arguments.length === 3) {
        const last = node.arguments[2];
        if (last !== undefined) {
          const at = spanOf(last)[1];
          edits.push({ operator: "rounding", start: at, end: at, replacement: ", Math.Rounding.Ceil" });
        }
      }
      // Renames the called function (the last `name.length` characters of the callee) from a table.
      const rename = (operator: OperatorName, table: Record<string, string>): void => {
        const to = name === undefined ? undefined : table[name];
        if (name === undefined || to === undefined) return;
        const calleeEnd = spanOf(callee)[1];
        edits.push({ operator, start: calleeEnd - name.length, end: calleeEnd, replacement: to });
      };
      if (callee.type === "MemberAccess") rename("rounding", SOLADY_ROUNDING);
      rename("min-max-swap", MIN_MAX);
      break;
    }
    case "BinaryOperation": {
      const { operator, left, right } = node;
      if (COMPARISONS.has(operator)) {
        const [os, oe] = operatorSpan(source, left, right, operator);
        edits.push({
          operator: "comparison-boundary",
          start: os,
          end: oe,
          replacement: BOUNDARY[operator] ?? operator,
        });
        if (operator === "<" || operator === ">=") {
          const [ls, le] = spanOf(left);
          edits.push({ operator: "off-by-one", start: ls, end: le, replacement: plusOne(source, left) });
        } else {
          const [rs, re] = spanOf(right);
          edits.push({ operator: "off-by-one", start: rs, end: re, replacement: plusOne(source, right) });
        }
      } else if (
        (operator === "+" || operator === "-") &&
        right.type === "NumberLiteral" &&
        right.number === "1"
      ) {
        const [ls, le] = spanOf(left);
        edits.push({ operator: "off-by-one", start, end, replacement: source.slice(ls, le) });
      } else if (operator === "+" && left.type === "NumberLiteral" && left.number === "1") {
        const [rs, re] = spanOf(right);
        edits.push({ operator: "off-by-one", start, end, replacement: source.slice(rs, re) });
      }
      break;
    }
    case "ExpressionStatement": {
      const expression = node.expression;
      const name = calleeName(expression);
      if (isCallTo(expression, "require") || (name !== undefined && CHECK_HELPER.test(name))) {
        edits.push({ operator: "revert-removal", start, end, replacement: "{}" });
      }
      break;
    }
    case "IfStatement":
      if (node.falseBody === null && isRevertOnly(node.trueBody)) {
        edits.push({ operator: "revert-removal", start, end, replacement: "{}" });
      }
      break;
    case "RevertStatement":
      if (!isRemovedWithItsIf(context))
        edits.push({ operator: "revert-removal", start, end, replacement: "{}" });
      break;
    case "EmitStatement":
      edits.push({ operator: "emit-removal", start, end, replacement: "{}" });
      break;
    case "ModifierInvocation":
      if (!context.inConstructor) edits.push({ operator: "modifier-removal", start, end, replacement: "" });
      break;
    default:
      break;
  }
  return edits;
}
