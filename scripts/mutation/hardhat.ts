// Runs Hardhat (builds and tests) in its own process group, with a time limit, and fingerprints the bytecode a
// build wrote (to recognise a mutant the compiler optimised away: trivial compiler equivalence).
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const HARDHAT_CLI = join(dirname(require.resolve("hardhat/package.json")), "dist/src/cli.js");

export interface CommandResult {
  /** Exit code; null when the process was ended by the time limit or a signal. */
  code: number | null;
  timedOut: boolean;
  ms: number;
  /** The last 4,000 characters of stdout and stderr. */
  output: string;
}

let running: ChildProcess | undefined;

/** Ends the running Hardhat process and its children (for the signal handlers). */
export function stopRunning(): void {
  const child = running;
  if (child?.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** `hardhat <args>` on this Node, in a new process group, ended (with its children) after `timeoutMs`. */
export function hardhat(args: string[], timeoutMs: number): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HARDHAT_CLI, ...args], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    running = child;
    let output = "";
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-4_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stopRunning();
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      running = undefined;
      resolve({ code, timedOut, ms: Date.now() - started, output });
    });
  });
}

// The CBOR metadata solc appends (ipfs hash and compiler version): it changes with any source text, comments
// included, so it is cut out wherever it appears (also inside the creation code of contracts a contract deploys).
const METADATA = /a264697066735822[0-9a-f]{68}64736f6c6343[0-9a-f]{6}0033/g;

/** A hash per artifact of the given Solidity files (their contracts' creation and runtime code, metadata cut). */
export function fingerprint(roots: string[]): Map<string, string> {
  const prints = new Map<string, string>();
  for (const root of roots) {
    const dir = join("artifacts", root);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!name.endsWith(".json")) continue;
      const artifact = JSON.parse(readFileSync(join(dir, name), "utf8")) as {
        bytecode?: string;
        deployedBytecode?: string;
      };
      const code = `${artifact.bytecode ?? ""}:${artifact.deployedBytecode ?? ""}`
        .toLowerCase()
        .replace(METADATA, "");
      prints.set(join(root, name), createHash("sha256").update(code).digest("hex"));
    }
  }
  return prints;
}

export function samePrints(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
