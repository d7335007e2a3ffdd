// The ladder's size, two implementations: the vault's (HedgeKeeperRules.ladderCash / ladderSize, through the test
// harness) and the keeper's plan (keeper/src/rules/ladderSize.ts). They must agree to the unit, or the keeper would
// plan one size and the vault buy another.
import { expect } from "chai";
import { network } from "hardhat";
import { ladderCash, ladderSize } from "../../keeper/src/rules/ladderSize.js";
import { DEFAULT_CONDOR, DEFAULT_VAULT_POLICY } from "../../scripts/deploy/hedgeSide.js";
import type { LadderPolicy } from "../../keeper/src/types.js";

const { ethers } = await network.create();
const WAD = 10n ** 18n;

/** A deterministic generator of bigints in [min, max] (a linear congruential sequence). */
function sequence(seed: number): (min: bigint, max: bigint) => bigint {
  let x = BigInt(seed);
  return (min, max) => {
    x = (x * 6_364_136_223_846_793_005n + 1_442_695_040_888_963_407n) % 2n ** 64n;
    return min + (x % (max - min + 1n));
  };
}

describe("the ladder's size: keeper plan = vault, to the unit", function () {
  it("500 random policies, NAVs, levels, strikes and intensities give the same cash and the same size", async function () {
    const h = await ethers.deployContract("HedgeRulesHarness");
    const rnd = sequence(13);
    for (let i = 0; i < 500; i++) {
      const condor = {
        ...DEFAULT_CONDOR,
        putDistance: rnd(WAD / 100n, WAD / 2n),
        wingWidth: rnd(WAD / 200n, (3n * WAD) / 10n),
        notional: rnd(0n, 5n * WAD),
      };
      const vault = {
        ...DEFAULT_VAULT_POLICY,
        coverage: rnd(0n, 3n * WAD),
        stressDrop: rnd(WAD / 100n, WAD / 2n),
        stressRise: rnd(WAD / 10n, 5n * WAD),
      };
      const ladder: LadderPolicy = {
        coverage: vault.coverage,
        stressDrop: vault.stressDrop,
        stressRise: vault.stressRise,
        condorNotional: condor.notional,
        putDistance: condor.putDistance,
        wingWidth: condor.wingWidth,
        minIntensity: WAD / 10n,
        maxIntensity: 3n * WAD,
        reentryDelaySeconds: 0,
        cashScale: 10n ** 30n,
      };
      const nav = rnd(0n, 10n ** 15n);
      const weight = rnd(0n, WAD);
      const intensity = rnd(WAD / 10n, 3n * WAD);
      // 8-decimal levels and strikes, as the keeper plans them (the vault gets them x 1e10, exactly).
      const vol = rnd(10n ** 8n, 1_000n * 10n ** 8n);
      const lower = vol + rnd(0n, 2n * vol);
      const upper = lower + rnd(1n, 2n * vol);
      const cash = ladderCash(nav, ladder, weight, intensity);
      expect(await h.ladderCash(nav, condor, vault, weight, intensity), `cash #${i}`).to.equal(cash);
      const size = ladderSize(cash, vol, ladder.stressRise, lower, upper, ladder.cashScale);
      const points = 10n ** 10n;
      expect(
        await h.ladderSize(cash, vol * points, vault.stressRise, lower * points, upper * points, 10n ** 30n),
        `size #${i}`,
      ).to.equal(size);
    }
  });
});
