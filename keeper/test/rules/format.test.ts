import { expect } from "chai";
import { applyBudget } from "../../src/rules/applyBudget.js";
import { formatAmount, formatDays, formatLevel, formatTime, formatUnits } from "../../src/rules/format.js";
import type { RollLayer } from "../../src/types.js";

describe("rule message formats (readable numbers)", function () {
  it("amounts in dollars and cents, sizes in units, levels in points, days without float noise", function () {
    expect(formatAmount(20_000_000_000n)).to.equal("20,000.00 USD");
    expect(formatAmount(-1_234_567n)).to.equal("-1.23 USD");
    expect(formatAmount(5n)).to.equal("0.00 USD");
    expect(formatUnits(5_941_770_647_653_000_594_177n)).to.equal("5,941.77 units");
    expect(formatUnits(256_410_256_410_256_410_256n)).to.equal("256.41 units");
    expect(formatUnits(5_000_000_000_000_000n)).to.equal("0.01 units"); // 0.005 rounds half up
    expect(formatLevel(2_050_000_000n)).to.equal("20.50");
    expect(formatTime(1_773_856_800)).to.equal("2026-03-18 18:00Z");
    expect(formatDays(17.041666666666668)).to.equal("17.04");
    expect(formatDays(45)).to.equal("45");
  });

  it("groups every three digits, and signs only what is below zero", function () {
    expect(formatAmount(1_234_567_890_123n)).to.equal("1,234,567.89 USD");
    expect(formatUnits(10n ** 27n)).to.equal("1,000,000,000.00 units");
    expect(formatAmount(0n)).to.equal("0.00 USD");
    expect(formatLevel(0n)).to.equal("0.00");
    expect(formatLevel(-150_000_000n)).to.equal("-1.50");
    expect(formatLevel(-1n)).to.equal("-0.00");
  });

  it("the budget warning names dollars, not raw integers", function () {
    const roll: RollLayer = {
      type: "RollLayer",
      layer: 2,
      closeSeriesId: null,
      newLowerStrike: 1n,
      newUpperStrike: 2n,
      newExpiry: 0,
      size: 5_128_205_128_205_128_205_128n,
      intensity: 10n ** 18n,
      maxPremium: 20_000_000_000n,
      reason: "open",
    };
    const { warnings } = applyBudget([roll], 0n);
    expect(warnings[0]?.message).to.equal(
      "RollLayer L3 dropped: the cash press has no room left this window (0.00 USD) and the layer holds nothing to sell (open)",
    );
  });
});
