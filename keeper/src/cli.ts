// Entry point: `npm run keeper -- --config FILE [--once | --dry-run [--json]]` (see runCli.ts).
import { runCli } from "./runCli.js";

process.exitCode = await runCli(process.argv.slice(2));
