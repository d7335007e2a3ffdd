// Headless Chromium for the report: the system's browser (Debian's /usr/bin/chromium, or CHROMIUM_PATH) driven
// by playwright-core, which ships no browser of its own.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/** Flags for a quiet, offline, throw-away browser (the user-data dir is a fresh temporary one). */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The browser to use: `CHROMIUM_PATH` when set, else Debian's Chromium when installed, else undefined. */
export function findChromium(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const fromEnv = env["CHROMIUM_PATH"];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  return existsSync(DEFAULT_CHROMIUM_PATH) ? DEFAULT_CHROMIUM_PATH : undefined;
}

/** A running headless browser; `close()` also deletes its user-data dir. */
export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium with {@link CHROMIUM_ARGS} and a fresh user-data dir. Playwright refuses a
 * `--user-data-dir` flag, so the dir is passed through `launchPersistentContext`, which sets that flag.
 */
export async function launchChromium(executablePath: string, timeoutMs = 15_000): Promise<LaunchedChromium> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "alvh-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      timeout: timeoutMs,
      viewport: { width: 1040, height: 900 },
    });
  } catch (e) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    context,
    close: async (): Promise<void> => {
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}
