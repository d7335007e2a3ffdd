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
  /** The original text. */
  content: string;
  /** The mutant last written into the file (so a later start knows whether the file is still that mutant). */
  mutated: string;
}

function backupPath(file: string): string {
  return join(BACKUP_DIR, `${file.replaceAll("/", "__")}.json`);
}

/** Writes `mutated` into `file`, after saving its current (original) content. */
export function writeMutant(file: string, mutated: string): void {
  let content = originals.get(file);
  if (content === undefined) {
    content = readFileSync(file, "utf8");
    mkdirSync(BACKUP_DIR, { recursive: true });
    originals.set(file, content);
  }
  // The backup is written before the mutant, so a file on disk is always either the original or the mutant
  // its backup names.
  writeFileSync(backupPath(file), JSON.stringify({ file, content, mutated } satisfies Backup));
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

/**
 * Cleans up after a run that was killed before it could restore its files (SIGKILL, power loss): a file that
 * still holds the mutant its backup names is restored; a file that already holds its original (restored by
 * hand) only loses its stale backup. A file that holds neither was changed since (an edit, a merge): it is
 * left alone and the run stops, naming it, rather than overwrite newer work with an old original.
 * Returns the restored paths.
 */
export function recoverLeftovers(): string[] {
  if (!existsSync(BACKUP_DIR)) return [];
  const restored: string[] = [];
  for (const name of readdirSync(BACKUP_DIR)) {
    const path = join(BACKUP_DIR, name);
    const backup = JSON.parse(readFileSync(path, "utf8")) as Partial<Backup>;
    if (typeof backup.file !== "string" || typeof backup.content !== "string") {
      throw new Error(`${path}: not a backup of this tool (no "file" and "content"); remove it by hand`);
    }
    const current = existsSync(backup.file) ? readFileSync(backup.file, "utf8") : undefined;
    if (current === backup.content) {
      rmSync(path);
    } else if (current !== undefined && current === backup.mutated) {
      writeFileSync(backup.file, backup.content);
      rmSync(path);
      restored.push(backup.file);
    } else {
      throw new Error(
        `${backup.file} holds neither its original nor the mutant a killed run left in it (${path}): ` +
          `it was changed since. Check it (git diff), then remove ${path}`,
      );
    }
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
