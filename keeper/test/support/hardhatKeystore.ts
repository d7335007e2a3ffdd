import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./hardhatNode.js";
import { childEnv } from "./keeperProcess.js";

/**
 * Environment variables that make Hardhat's keystore plugin stand aside (it skips the keystore "in CI",
 * and only reads the development keystore under `hardhat test`): unset for a process that must use the
 * real (production) keystore.
 */
export const NOT_CI: Readonly<Record<string, undefined>> = Object.fromEntries(
  [
    "CI",
    "GITHUB_ACTIONS",
    "CONTINUOUS_INTEGRATION",
    "BUILD_NUMBER",
    "RUN_ID",
    "NOW",
    "DEPLOYMENT_ID",
    "CODEBUILD_BUILD_NUMBER",
    "HH_TEST",
  ].map((k) => [k, undefined]),
);

/**
 * Stores `value` under `variable` in a fresh production keystore of Hardhat's keystore plugin, kept in
 * `configHome` (XDG_CONFIG_HOME: never the user's own keystore), exactly as an operator does with
 * `npx hardhat keystore set VARIABLE`: the three prompts (password, confirmation, value) are answered one
 * by one as they appear.
 */
export async function createHardhatKeystore(
  configHome: string,
  variable: string,
  value: string,
  password: string,
  timeoutMs = 60_000,
): Promise<void> {
  const child = spawn(join(REPO_ROOT, "node_modules", ".bin", "hardhat"), ["keystore", "set", variable], {
    cwd: REPO_ROOT,
    stdio: ["pipe", "pipe", "pipe"],
    env: childEnv({ ...NOT_CI, XDG_CONFIG_HOME: configHome, NO_COLOR: "1" }),
  });
  const answers = [password, password, value];
  let output = "";
  let prompts = 0;
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    const seen = output.split("[hardhat-keystore]").length - 1;
    while (prompts < seen && prompts < answers.length) child.stdin.write(`${answers[prompts++]}\n`);
    if (prompts === answers.length) child.stdin.end(); // the CLI exits once its stdin is closed
  });
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`hardhat keystore set timed out:\n${output}`));
    }, timeoutMs);
    child.once("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  if (code !== 0 || prompts !== answers.length)
    throw new Error(`hardhat keystore set exited ${code} after ${prompts} prompts:\n${output}`);
}
