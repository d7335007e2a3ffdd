// Measures buildSurfaces over the generated scenario: `npx tsx scripts/volatility/timeBuild.ts [days]`.
// The figure goes to docs/volatility.md ("Cost"); it is a measurement, not a test.
import { generateScenario } from "../demo/scenario.js";
import { buildSurfaces } from "./buildSurfaces.js";

const days = Number(process.argv[2] ?? 756);
const market = generateScenario({ days });
const started = performance.now();
for (const day of market) buildSurfaces(day);
const seconds = (performance.now() - started) / 1000;
console.log(
  `buildSurfaces: ${market.length} days in ${seconds.toFixed(1)} s (${((seconds * 1000) / market.length).toFixed(1)} ms a day)`,
);
