import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./hardhatNode.js";

export interface KeeperLine {
  level?: string;
  event?: string;
  msg?: string;
  [k: string]: unknown;
}

export interface KeeperProcess {
  /** Parsed JSON log lines so far (stdout and stderr). */
  lines: KeeperLine[];
  /** Raw output (for failure messages and --dry-run output). */
  stdout(): string;
  output(): string;
  /** Resolves with the exit code (signal exits give 128 + n style codes as -1). */
  exited: Promise<number>;
  /** Waits (bounded) for a log line matching `pred`. */
  waitFor(pred: (l: KeeperLine) => boolean, timeoutMs: number): Promise<KeeperLine>;
  signal(sig: NodeJS.Signals): void;
  /** Kills the whole process group (also on failure paths; idempotent). */
  kill(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const c of running) {
    try {
      if (c.pid !== undefined) process.kill(-c.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/** The test process's environment with `env` on top; a variable set to undefined is removed. */
export function childEnv(env: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  const bin = join(REPO_ROOT, "node_modules", ".bin");
  const merged: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ""}`,
    FORCE_COLOR: "0",
    ...env,
  };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return merged;
}

/**
 * Starts the keeper CLI (`node --import tsx keeper/src/cli.ts ...args`) as a separate process in its own group,
 * stdin closed (as under systemd or nohup: no terminal). Node loads tsx in-process, so a signal reaches the keeper
 * itself: the `tsx` launcher would be a second process relaying it, and on a loaded machine it sometimes exits
 * 143 on SIGTERM before the keeper's own clean exit 0.
 */
export function startKeeper(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): KeeperProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "keeper/src/cli.ts", ...args], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: childEnv(env),
  });
  running.add(child);
  const lines: KeeperLine[] = [];
  let out = "";
  let all = "";
  const waiters: Array<{ pred: (l: KeeperLine) => boolean; resolve: (l: KeeperLine) => void }> = [];
  const feed = (isStdout: boolean) => {
    let buf = "";
    return (chunk: Buffer): void => {
      const text = chunk.toString();
      if (isStdout) out += text;
      all += text;
      buf += text;
      const parts = buf.split("\n");
      buf = parts.pop() ?? "";
      for (const p of parts) {
        if (!p.startsWith("{")) continue;
        try {
          const line = JSON.parse(p) as KeeperLine;
          lines.push(line);
          for (const w of [...waiters]) {
            if (w.pred(line)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(line);
            }
          }
        } catch {
          // not a log line
        }
      }
    };
  };
  child.stdout?.on("data", feed(true));
  child.stderr?.on("data", feed(false));
  let exitCode: number | undefined;
  const exited = new Promise<number>((resolve) =>
    child.once("exit", (code) => {
      running.delete(child);
      exitCode = code ?? -1;
      resolve(exitCode);
    }),
  );
  const signalGroup = (sig: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined && exitCode === undefined) process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  return {
    lines,
    stdout: () => out,
    output: () => all,
    exited,
    waitFor: (pred, timeoutMs) => {
      const found = lines.find(pred);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = waiters.findIndex((w) => w.resolve === done);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`keeper: no matching log line in ${timeoutMs} ms; output:\n${all.slice(-3000)}`));
        }, timeoutMs);
        const done = (l: KeeperLine): void => {
          clearTimeout(timer);
          resolve(l);
        };
        waiters.push({ pred, resolve: done });
        void exited.then(() => {
          if (waiters.some((w) => w.resolve === done)) {
            setTimeout(() => {
              const i = waiters.findIndex((w) => w.resolve === done);
              if (i < 0) return;
              waiters.splice(i, 1);
              clearTimeout(timer);
              reject(
                new Error(`keeper exited (${exitCode}) before the log line; output:\n${all.slice(-3000)}`),
              );
            }, 50);
          }
        });
      });
    },
    signal: signalGroup,
    kill: async () => {
      if (exitCode !== undefined) return;
      signalGroup("SIGKILL");
      await exited;
    },
  };
}

/** Runs the CLI to completion (bounded); returns exit code and output. */
export async function runKeeper(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  timeoutMs = 60_000,
): Promise<{ code: number; stdout: string; output: string; lines: KeeperLine[] }> {
  const p = startKeeper(args, env);
  const timer = setTimeout(() => void p.kill(), timeoutMs);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, stdout: p.stdout(), output: p.output(), lines: p.lines };
}
