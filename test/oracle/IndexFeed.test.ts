import { expect } from "chai";
import { network } from "hardhat";
import type { IndexFeed } from "../../types/ethers-contracts/index.js";

const { ethers, networkHelpers } = await network.create();

const MIN = 1n * 10n ** 8n; // 1.00
const MAX = 200n * 10n ** 8n; // 200.00
const INT128_MAX = 2n ** 127n - 1n;

describe("IndexFeed", function () {
  async function deployFixture() {
    const [admin, reporter, stranger] = await ethers.getSigners();
    const feed = (await ethers.deployContract("IndexFeed", [
      admin!.address,
      "VIX / USD-like index",
      MIN,
      MAX,
    ])) as unknown as IndexFeed;
    await feed.grantRole(await feed.REPORTER_ROLE(), reporter!.address);
    return { feed, admin: admin!, reporter: reporter!, stranger: stranger! };
  }

  describe("constructor and metadata", function () {
    it("sets decimals, description, version, bounds, admin role and no rounds", async function () {
      const { feed, admin } = await networkHelpers.loadFixture(deployFixture);
      expect(await feed.decimals()).to.equal(8n);
      expect(await feed.description()).to.equal("VIX / USD-like index");
      expect(await feed.version()).to.equal(1n);
      expect(await feed.minAnswer()).to.equal(MIN);
      expect(await feed.maxAnswer()).to.equal(MAX);
      expect(await feed.latestRound()).to.equal(0n);
      expect(await feed.hasRole(await feed.DEFAULT_ADMIN_ROLE(), admin.address)).to.equal(true);
      expect(await feed.REPORTER_ROLE()).to.equal(ethers.id("REPORTER_ROLE"));
    });

    it("emits AnswerBoundsSet on deployment", async function () {
      const [admin] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("IndexFeed");
      const feed = await factory.deploy(admin!.address, "x", MIN, MAX);
      await expect(feed.deploymentTransaction()).to.emit(feed, "AnswerBoundsSet").withArgs(MIN, MAX);
    });

    it("reverts on a zero admin", async function () {
      const factory = await ethers.getContractFactory("IndexFeed");
      await expect(factory.deploy(ethers.ZeroAddress, "x", MIN, MAX)).to.be.revertedWithCustomError(
        factory,
        "IndexFeedAdminZero",
      );
    });

    it("reverts on invalid bounds", async function () {
      const [admin] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("IndexFeed");
      await expect(factory.deploy(admin!.address, "x", 0n, MAX))
        .to.be.revertedWithCustomError(factory, "IndexFeedInvalidBounds")
        .withArgs(0n, MAX);
    });
  });

  describe("pushRound", function () {
    it("stores the round, emits AnswerUpdated and returns ids from 1", async function () {
      const { feed, reporter } = await networkHelpers.loadFixture(deployFixture);
      const t1 = BigInt(await networkHelpers.time.latest());
      const answer = 1_523_000_000n; // 15.23
      expect(await feed.connect(reporter).pushRound.staticCall(answer, t1)).to.equal(1n);
      await expect(feed.connect(reporter).pushRound(answer, t1))
        .to.emit(feed, "AnswerUpdated")
        .withArgs(answer, 1n, t1);
      expect(await feed.latestRound()).to.equal(1n);
      expect(await feed.latestRoundData()).to.deep.equal([1n, answer, t1, t1, 1n]);
      expect(await feed.getRoundData(1n)).to.deep.equal([1n, answer, t1, t1, 1n]);

      await networkHelpers.time.increase(60);
      const t2 = BigInt(await networkHelpers.time.latest());
      await expect(feed.connect(reporter).pushRound(MAX, t2))
        .to.emit(feed, "AnswerUpdated")
        .withArgs(MAX, 2n, t2);
      expect(await feed.latestRoundData()).to.deep.equal([2n, MAX, t2, t2, 2n]);
      // The historic round is still readable.
      expect(await feed.getRoundData(1n)).to.deep.equal([1n, answer, t1, t1, 1n]);
    });

    it("accepts both bounds inclusive", async function () {
      const { feed, reporter } = await networkHelpers.loadFixture(deployFixture);
      const t = BigInt(await networkHelpers.time.latest());
      await feed.connect(reporter).pushRound(MIN, t - 1n);
      await feed.connect(reporter).pushRound(MAX, t);
      expect(await feed.latestRound()).to.equal(2n);
    });

    it("reverts for an account without REPORTER_ROLE (even the admin)", async function () {
      const { feed, admin, stranger } = await networkHelpers.loadFixture(deployFixture);
      const t = BigInt(await networkHelpers.time.latest());
      const role = await feed.REPORTER_ROLE();
      for (const who of [admin, stranger]) {
        await expect(feed.connect(who).pushRound(MIN, t))
          .to.be.revertedWithCustomError(feed, "AccessControlUnauthorizedAccount")
          .withArgs(who.address, role);
      }
    });

    it("reverts on a zero or negative answer", async function () {
      const { feed, reporter } = await networkHelpers.loadFixture(deployFixture);
      const t = BigInt(await networkHelpers.time.latest());
      for (const answer of [0n, -1n, -MAX]) {
        await expect(feed.connect(reporter).pushRound(answer, t))
          .to.be.revertedWithCustomError(feed, "IndexFeedAnswerNotPositive")
          .withArgs(answer);
      }
    });

    it("reverts on an answer outside the bounds", async function () {
      const { feed, reporter } = await networkHelpers.loadFixture(deployFixture);
      const t = BigInt(await networkHelpers.time.latest());
      for (const answer of [MIN - 1n, MAX + 1n, INT128_MAX + 1n]) {
        await expect(feed.connect(reporter).pushRound(answer, t))
          .to.be.revertedWithCustomError(feed, "IndexFeedAnswerOutOfBounds")
          .withArgs(answer, MIN, MAX);
      }
    });

    it("reverts on a timestamp in the future", async function () {
      const { feed, reporter } = await networkHelpers.loadFixture(deployFixture);
      const now = BigInt(await networkHelpers.time.latest());
      // The push is mined one second after `now`; `now + 100` is still ahead of it.
      await expect(feed.connect(reporter).pushRound(MIN, now + 100n))
        .to.be.revertedWithCustomError(feed, "IndexFeedTimestampInFuture")
        .withArgs(now + 100n, now + 1n);
    });

    it("reverts on a timestamp not after the previous round's, and on zero for round 1", async function () {
      const { feed, reporter } = await networkHelpers.loadFixture(deployFixture);
      await expect(feed.connect(reporter).pushRound(MIN, 0n))
        .to.be.revertedWithCustomError(feed, "IndexFeedTimestampNotAfterPrevious")
        .withArgs(0n, 0n);
      const t = BigInt(await networkHelpers.time.latest());
      await feed.connect(reporter).pushRound(MIN, t);
      for (const observedAt of [t, t - 1n]) {
        await expect(feed.connect(reporter).pushRound(MIN, observedAt))
          .to.be.revertedWithCustomError(feed, "IndexFeedTimestampNotAfterPrevious")
          .withArgs(observedAt, t);
      }
    });
  });

  describe("reads of missing rounds", function () {
    it("latestRoundData reverts with no rounds", async function () {
      const { feed } = await networkHelpers.loadFixture(deployFixture);
      await expect(feed.latestRoundData()).to.be.revertedWithCustomError(feed, "IndexFeedNoRounds");
    });

    it("getRoundData reverts for 0, for ids above the latest and for phased ids", async function () {
      const { feed, reporter } = await networkHelpers.loadFixture(deployFixture);
      await expect(feed.getRoundData(1n))
        .to.be.revertedWithCustomError(feed, "IndexFeedRoundNotFound")
        .withArgs(1n, 0n);
      const t = BigInt(await networkHelpers.time.latest());
      await feed.connect(reporter).pushRound(MIN, t);
      for (const id of [0n, 2n, (1n << 64n) | 1n]) {
        await expect(feed.getRoundData(id))
          .to.be.revertedWithCustomError(feed, "IndexFeedRoundNotFound")
          .withArgs(id, 1n);
      }
    });
  });

  describe("setAnswerBounds", function () {
    it("updates the bounds and emits AnswerBoundsSet; new bounds apply to pushes", async function () {
      const { feed, reporter } = await networkHelpers.loadFixture(deployFixture);
      await expect(feed.setAnswerBounds(5n, 10n)).to.emit(feed, "AnswerBoundsSet").withArgs(5n, 10n);
      expect(await feed.minAnswer()).to.equal(5n);
      expect(await feed.maxAnswer()).to.equal(10n);
      const t = BigInt(await networkHelpers.time.latest());
      await expect(feed.connect(reporter).pushRound(11n, t))
        .to.be.revertedWithCustomError(feed, "IndexFeedAnswerOutOfBounds")
        .withArgs(11n, 5n, 10n);
      await feed.connect(reporter).pushRound(10n, t);
      await expect(feed.setAnswerBounds(1n, INT128_MAX))
        .to.emit(feed, "AnswerBoundsSet")
        .withArgs(1n, INT128_MAX);
    });

    it("reverts unless 0 < min < max <= int128 max", async function () {
      const { feed } = await networkHelpers.loadFixture(deployFixture);
      const bad: Array<[bigint, bigint]> = [
        [0n, 10n],
        [-5n, 10n],
        [10n, 10n],
        [11n, 10n],
        [1n, INT128_MAX + 1n],
      ];
      for (const [lo, hi] of bad) {
        await expect(feed.setAnswerBounds(lo, hi))
          .to.be.revertedWithCustomError(feed, "IndexFeedInvalidBounds")
          .withArgs(lo, hi);
      }
    });

    it("reverts for an account without DEFAULT_ADMIN_ROLE (even a reporter)", async function () {
      const { feed, reporter, stranger } = await networkHelpers.loadFixture(deployFixture);
      const role = await feed.DEFAULT_ADMIN_ROLE();
      for (const who of [reporter, stranger]) {
        await expect(feed.connect(who).setAnswerBounds(5n, 10n))
          .to.be.revertedWithCustomError(feed, "AccessControlUnauthorizedAccount")
          .withArgs(who.address, role);
      }
    });
  });

  describe("roles", function () {
    it("the admin grants and revokes REPORTER_ROLE", async function () {
      const { feed, stranger } = await networkHelpers.loadFixture(deployFixture);
      const role = await feed.REPORTER_ROLE();
      await feed.grantRole(role, stranger.address);
      const t = BigInt(await networkHelpers.time.latest());
      await feed.connect(stranger).pushRound(MIN, t);
      await feed.revokeRole(role, stranger.address);
      await expect(feed.connect(stranger).pushRound(MIN, t + 1n)).to.be.revertedWithCustomError(
        feed,
        "AccessControlUnauthorizedAccount",
      );
    });
  });
});
