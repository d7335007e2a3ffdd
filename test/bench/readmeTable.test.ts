// The README's gas table is generated from docs/gas.json (scripts/bench/readmeTable.ts): this test fails when
// someone edits one without the other, so the two cannot drift.
import { expect } from "chai";
import { readFileSync } from "node:fs";
import {
  README_TABLE_END,
  README_TABLE_START,
  renderReadmeGasTable,
  updateReadmeGasTable,
} from "../../scripts/bench/readmeTable.js";
import type { GasRows } from "../../scripts/bench/types.js";

const gas = JSON.parse(readFileSync("docs/gas.json", "utf8")) as GasRows;

describe("README gas table", function () {
  it("is exactly what docs/gas.json gives", function () {
    const readme = readFileSync("README.md", "utf8");
    expect(readme).to.contain(README_TABLE_START);
    expect(updateReadmeGasTable(readme, gas)).to.equal(readme);
  });

  it("shows each figure of the flash-loan peers and the hedge vault with its ratio", function () {
    const table = renderReadmeGasTable(gas);
    const f = (group: string, key: string): string => gas[group]![key]!.toLocaleString("en-US");
    for (const [group, key] of [
      ["flashLoan", "alvh"],
      ["flashLoan", "aaveV3"],
      ["flashLoan", "morphoBlue"],
      ["flashLoan", "alvhStartedByBorrower"],
      ["flashLoan", "balancerV2"],
      ["hedge", "rollLayer"],
    ] as const)
      expect(table).to.contain(f(group, key));
    const morpho = (gas["flashLoan"]!["alvhStartedByBorrower"]! / gas["flashLoan"]!["morphoBlue"]!).toFixed(
      2,
    );
    expect(table).to.match(new RegExp(`Morpho Blue [0-9,]+ +\\| +${morpho.replace(".", "\\.")} \\|`));
  });

  it("names a missing figure and refuses a README without its markers", function () {
    const partial: GasRows = { ...gas, flashLoan: { alvh: 1 } };
    expect(() => renderReadmeGasTable(partial)).to.throw(
      /docs\/gas\.json has no flashLoan\.alvhStartedByBorrower/,
    );
    expect(() => updateReadmeGasTable("# no table here", gas)).to.throw(/markers/);
    const edited = `a\n${README_TABLE_START}\nold\n${README_TABLE_END}\nb`;
    expect(updateReadmeGasTable(edited, gas)).to.equal(
      `a\n${README_TABLE_START}\n\n${renderReadmeGasTable(gas)}\n\n${README_TABLE_END}\nb`,
    );
  });
});
