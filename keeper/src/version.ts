import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BuildInfo } from "./metrics.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * What is running: the package version and the git commit (`KEEPER_BUILD_COMMIT` when the deployment
 * sets it, else `git describe` of the checkout, "-dirty" when it has local changes; "unknown" without git).
 */
export function keeperBuildInfo(env: Readonly<Record<string, string | undefined>> = process.env): BuildInfo {
  let version = "unknown";
  try {
    const pkg = JSON.parse(readFileSync(`${REPO_ROOT}package.json`, "utf8")) as { version?: unknown };
    if (typeof pkg.version === "string") version = pkg.version;
  } catch {
    // no package.json next to the sources: leave "unknown"
  }
  let commit = env.KEEPER_BUILD_COMMIT?.trim() ?? "";
  if (commit === "") {
    try {
      commit = execFileSync("git", ["describe", "--always", "--dirty", "--abbrev=12", "--exclude=*"], {
        cwd: REPO_ROOT,
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 5_000,
      })
        .toString()
        .trim();
    } catch {
      commit = "unknown";
    }
  }
  return { version, commit };
}
