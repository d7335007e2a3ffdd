import { AbiCoder, type Interface, type Result } from "ethers";

export type RevertReason =
  | { kind: "custom"; name: string; signature: string; args: Result; data: string }
  | { kind: "error"; message: string; data: string }
  | { kind: "panic"; code: bigint; data: string }
  | { kind: "unknown"; data: string | undefined }
  /** Not a revert: why the caller skipped an action itself (e.g. "nothing expired", "lost the race"). */
  | { kind: "note"; message: string };

const ERROR_STRING = "0x08c379a0";
const PANIC = "0x4e487b71";

/** Human-readable one-liner of a revert reason, for logs and errors. */
export function describeRevert(r: RevertReason): string {
  switch (r.kind) {
    case "custom":
      return `${r.name}(${r.args.map((a: unknown) => String(a)).join(", ")})`;
    case "error":
      return `Error("${r.message}")`;
    case "panic":
      return `Panic(0x${r.code.toString(16)})`;
    case "note":
      return r.message;
    case "unknown":
      return r.data === undefined || r.data === "0x"
        ? "revert without data"
        : `unknown revert data ${r.data.slice(0, 74)}`;
  }
}

/**
 * Decodes revert data: `Error(string)`, `Panic(uint256)`, or a custom error of the given contract
 * interface (e.g. `LayerCooldownActive(uint8 layer, uint64 readyAt)`); anything else is "unknown".
 */
export function classifyRevert(data: string | undefined, iface?: Interface): RevertReason {
  if (data === undefined || !/^0x[0-9a-fA-F]*$/.test(data) || data.length < 10)
    return { kind: "unknown", data };
  const selector = data.slice(0, 10).toLowerCase();
  const coder = AbiCoder.defaultAbiCoder();
  try {
    if (selector === ERROR_STRING)
      return { kind: "error", message: String(coder.decode(["string"], `0x${data.slice(10)}`)[0]), data };
    if (selector === PANIC)
      return {
        kind: "panic",
        code: BigInt(coder.decode(["uint256"], `0x${data.slice(10)}`)[0] as bigint),
        data,
      };
    const parsed = iface?.parseError(data);
    if (parsed)
      return { kind: "custom", name: parsed.name, signature: parsed.signature, args: parsed.args, data };
  } catch {
    // malformed payload: fall through to unknown
  }
  return { kind: "unknown", data };
}

/** Revert data carried by a JSON-RPC error (`error.data` as hex, or `{ data: hex }` on some nodes). */
export function revertDataOf(data: unknown): string | undefined {
  if (typeof data === "string" && data.startsWith("0x")) return data;
  if (typeof data === "object" && data !== null && "data" in data)
    return revertDataOf((data as { data: unknown }).data);
  return undefined;
}
