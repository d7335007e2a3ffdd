// `npm run demo` runs this first (the `predemo` script). Its `hardhat build --no-tests` compiles the contracts
// (not the Solidity tests, which the demo does not run) before the demo starts; on a terminal Hardhat shows a
// spinner, but in a log or a pipe it prints nothing until it has finished, which on a fresh clone is 40-50 s
// of silence. So say what is about to happen when nothing is built yet.
// Plain JavaScript on plain Node.js (whichever runs npm scripts): no Hardhat, no imports of the project.
import { existsSync } from "node:fs";

if (!existsSync("artifacts/build-info")) {
  console.log(
    "First run: Hardhat compiles the Solidity contracts with the WASM solc before the demo starts " +
      '(40-50 s on 2 cores; see README.md, "Commands"). Later runs reuse the build.',
  );
}
