// Puts a mutant into a source file and always takes it out again: the original is kept in memory and in a
// backup file under out/mutation/.originals, restored after each mutant, on exit, on Ctrl-C (SIGINT), SIGTERM
// and SIGHUP, on an uncaught error, and at the next start if the process was killed (SIGKILL, power loss).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const BACKUP_DIR = "out/mutation/.originals";
const LOCK = "out/mutation/.lock";
const originals = new Map<string, string>();

interface Backup {
  file: string;
  content: string;
}

function backupPath(file: string): string {
  return join(BACKUP_DIR, `${file.replaceAll("/", "__")}.json`);
}

/** Writes `mutated` into `file`, after saving its current (original) content. */
export function writeMutant(file: string, mutated: string): void {
  if (!originals.has(file)) {
    const content = readFileSync(file, "utf8");
    mkdirSync(BACKUP_DIR, { recursive: true });
    writeFileSync(backupPath(file), JSON.stringify({ file, content } satisfies Backup));
    originals.set(file, content);
  }
  writeFileSync(file, mutated);
}

/** Puts every mutated file back as it was (synchronous: safe in exit and signal handlers). */
export function restoreAll(): void {
  for (const [file, content] of originals) {
    writeFileSync(file, content);
    rmSync(backupPath(file), { force: true });
    originals.delete(file);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes this process the only mutation run of the worktree (two runs would mutate each other's sources and
 * artifacts): throws when a live run holds the lock; takes over the lock of a run that died.
 */
export function acquireLock(): void {
  mkdirSync("out/mutation", { recursive: true });
  if (existsSync(LOCK)) {
    const pid = Number(readFileSync(LOCK, "utf8"));
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `another mutation run (pid ${pid}) is running in this worktree; wait for it or stop it`,
      );
    }
  }
  writeFileSync(LOCK, String(process.pid));
  process.on("exit", () => {
    if (existsSync(LOCK) && readFileSync(LOCK, "utf8") === String(process.pid)) rmSync(LOCK);
  });
}

/** A file's original text: from its backup while a run has it mutated, else from disk (for --list). */
export function readOriginal(file: string): string {
  const path = backupPath(file);
  return existsSync(path)
    ? (JSON.parse(readFileSync(path, "utf8")) as Backup).content
    : readFileSync(file, "utf8");
}

/** Restores files left mutated by a run that was killed before it could restore them; returns their paths. */
export function recoverLeftovers(): string[] {
  if (!existsSync(BACKUP_DIR)) return [];
  const restored: string[] = [];
  for (const name of readdirSync(BACKUP_DIR)) {
    const backup = JSON.parse(readFileSync(join(BACKUP_DIR, name), "utf8")) as Backup;
    writeFileSync(backup.file, backup.content);
    rmSync(join(BACKUP_DIR, name));
    restored.push(backup.file);
  }
  return restored;
}

/**
 * Restores the sources whatever ends the process. `stopChildren` is called first on a signal (it ends the
 * running build or test, whose process group the runner owns), then the files are restored and the process
 * exits with 128 + the signal's number.
 */
export function installRestoreHandlers(stopChildren: () => void): void {
  process.on("exit", restoreAll);
  const signals: Array<[NodeJS.Signals, number]> = [
    ["SIGINT", 2],
    ["SIGTERM", 15],
    ["SIGHUP", 1],
  ];
  for (const [signal, number] of signals) {
    process.on(signal, () => {
      stopChildren();
      restoreAll();
      console.error(`\nmutation: ${signal}: sources restored, stopping`);
      process.exit(128 + number);
    });
  }
  process.on("uncaughtException", (error) => {
    stopChildren();
    restoreAll();
    console.error(error);
    process.exit(1);
  });
}
