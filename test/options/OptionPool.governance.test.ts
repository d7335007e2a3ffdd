import { expect } from "chai";
import { network } from "hardhat";
import { CALL, DEFAULT_PARAMS, WAD, makeOptionsFixture, pts } from "./options-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = makeOptionsFixture(ethers, networkHelpers);
const name = (s: string): string => ethers.encodeBytes32String(s);

describe("OptionPool: governance, roles, token", function () {
  it("constructor: rejects a zero admin, emits ParamsSet, deploys the option token", async function () {
    const { usdc, pricer, pool } = await networkHelpers.loadFixture(fixture);
    const factory = await ethers.getContractFactory("OptionPool");
    const args = [await usdc.getAddress(), await pricer.getAddress()] as const;
    await expect(
      factory.deploy(...args, ethers.ZeroAddress, DEFAULT_PARAMS, "x", "x"),
    ).to.be.revertedWithCustomError(pool, "AdminZero");
    const [admin] = await ethers.getSigners();
    const fresh = await factory.deploy(...args, admin!.address, DEFAULT_PARAMS, "x", "x");
    await expect(fresh.deploymentTransaction()).to.emit(fresh, "ParamsSet");
    expect(await pool.optionToken()).to.not.equal(ethers.ZeroAddress);
    expect(await pool.pricer()).to.equal(await pricer.getAddress());
  });

  describe("setParams", function () {
    it("sets parameters and emits ParamsSet; only the admin", async function () {
      const { pool, alice } = await networkHelpers.loadFixture(fixture);
      const next = { ...DEFAULT_PARAMS, fee: WAD / 50n, rate: 0n };
      await expect(pool.setParams(next)).to.emit(pool, "ParamsSet");
      expect((await pool.params()).fee).to.equal(WAD / 50n);
      await expect(pool.connect(alice).setParams(next))
        .to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, ethers.ZeroHash);
    });

    it("reverts with ParameterOutOfBounds naming each parameter", async function () {
      const { pool } = await networkHelpers.loadFixture(fixture);
      const cases: Array<[string, Partial<typeof DEFAULT_PARAMS>, bigint, bigint, bigint]> = [
        ["maxTenor", { maxTenor: 731n * 86_400n }, 731n * 86_400n, 3_600n, 730n * 86_400n],
        ["minTenor", { minTenor: 60n }, 60n, 3_600n, DEFAULT_PARAMS.maxTenor],
        ["expiryTimeOfDay", { expiryTimeOfDay: 86_400n }, 86_400n, 0n, 86_399n],
        ["settlementWindow", { settlementWindow: 0n }, 0n, 60n, 86_400n],
        ["gracePeriod", { gracePeriod: 86_400n }, 86_400n, 7n * 86_400n, 90n * 86_400n],
        ["strikeBandLow", { strikeBandLow: WAD + 1n }, WAD + 1n, WAD / 10n, WAD],
        ["strikeBandHigh", { strikeBandHigh: 11n * WAD }, 11n * WAD, WAD, 10n * WAD],
        ["halfSpread", { halfSpread: 0n }, 0n, WAD / 10_000n, WAD / 5n],
        ["fee", { fee: WAD }, WAD, 0n, WAD / 10n],
        ["maxUtilisation", { maxUtilisation: WAD + 1n }, WAD + 1n, WAD / 100n, WAD],
        ["rate", { rate: WAD }, WAD, 0n, WAD / 5n],
        ["maxVol", { maxVol: 6n * WAD }, 6n * WAD, WAD / 100n, 5n * WAD],
        ["minVol", { minVol: 4n * WAD }, 4n * WAD, WAD / 100n, DEFAULT_PARAMS.maxVol],
      ];
      for (const [param, change, value, min, max] of cases) {
        await expect(pool.setParams({ ...DEFAULT_PARAMS, ...change }))
          .to.be.revertedWithCustomError(pool, "ParameterOutOfBounds")
          .withArgs(name(param), value, min, max);
      }
    });
  });

  describe("configureFeed", function () {
    it("registers a feed (FeedConfigured) within bounds; only the admin", async function () {
      const { pool, alice } = await networkHelpers.loadFixture(fixture);
      const feed = alice.address;
      await expect(pool.configureFeed(feed, 3_600n, 7_200n))
        .to.emit(pool, "FeedConfigured")
        .withArgs(feed, 3_600n, 7_200n);
      const config = await pool.feedConfig(feed);
      expect([config.heartbeat, config.surfaceMaxAge]).to.deep.equal([3_600n, 7_200n]);
      await expect(pool.configureFeed(feed, 7n * 86_400n + 1n, 3_600n))
        .to.be.revertedWithCustomError(pool, "ParameterOutOfBounds")
        .withArgs(name("heartbeat"), 7n * 86_400n + 1n, 0n, 7n * 86_400n);
      await expect(pool.configureFeed(feed, 3_600n, 59n))
        .to.be.revertedWithCustomError(pool, "ParameterOutOfBounds")
        .withArgs(name("surfaceMaxAge"), 59n, 60n, 7n * 86_400n);
      await expect(pool.configureFeed(feed, 3_600n, 7n * 86_400n + 1n))
        .to.be.revertedWithCustomError(pool, "ParameterOutOfBounds")
        .withArgs(name("surfaceMaxAge"), 7n * 86_400n + 1n, 60n, 7n * 86_400n);
      await pool.configureFeed(feed, 7n * 86_400n, 60n); // both bounds are inclusive
      await pool.configureFeed(feed, 0n, 7n * 86_400n); // heartbeat 0 unregisters
      await expect(pool.connect(alice).configureFeed(feed, 3_600n, 3_600n)).to.be.revertedWithCustomError(
        pool,
        "AccessControlUnauthorizedAccount",
      );
    });
  });

  describe("pause and unpause", function () {
    it("only the guardian pauses, only the admin unpauses", async function () {
      const { pool, guardian, alice } = await networkHelpers.loadFixture(fixture);
      await expect(pool.connect(alice).pause()).to.be.revertedWithCustomError(
        pool,
        "AccessControlUnauthorizedAccount",
      );
      await expect(pool.connect(guardian).pause()).to.emit(pool, "Paused").withArgs(guardian.address);
      await expect(pool.connect(guardian).unpause()).to.be.revertedWithCustomError(
        pool,
        "AccessControlUnauthorizedAccount",
      );
      await expect(pool.unpause()).to.emit(pool, "Unpaused");
    });
  });

  describe("OptionToken", function () {
    it("only the pool mints and burns; holders transfer freely", async function () {
      const { pool, token, alice, bob, list } = await networkHelpers.loadFixture(fixture);
      const id = await list(CALL, pts("23"), pts("26"));
      await expect(token.connect(alice).mint(alice.address, id, WAD))
        .to.be.revertedWithCustomError(token, "OptionTokenOnlyPool")
        .withArgs(alice.address);
      await expect(token.connect(alice).burn(alice.address, id, WAD))
        .to.be.revertedWithCustomError(token, "OptionTokenOnlyPool")
        .withArgs(alice.address);
      expect(await token.pool()).to.equal(await pool.getAddress());
      await pool.connect(alice).buy(id, WAD, 2n ** 64n, 2n ** 64n);
      await token.connect(alice).safeTransferFrom(alice.address, bob.address, id, WAD, "0x");
      expect(await token.balanceOf(bob.address, id)).to.equal(WAD);
    });
  });
});
