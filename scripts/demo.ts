// `npm run demo`: the main job. Deploys the system on the in-process Hardhat network and runs it.
// Today: the flash-loan side (the one-transaction obligation). The layered hedge side (the multi-month
// obligation) joins it as it lands.
import { network } from "hardhat";
import { runFlashSide } from "./demo/flashSide.js";

const started = performance.now();
const connection = await network.create();
console.log("ALVH demo — in-process Hardhat network\n");
console.log("Flash-loan side: borrowed and repaid inside one transaction, or nothing happened");
const { transactions } = await runFlashSide(connection, (line) => console.log(line));
const seconds = (performance.now() - started) / 1000;
console.log(`\nDone in ${seconds.toFixed(1)} s, ${transactions} transactions sent.`);
