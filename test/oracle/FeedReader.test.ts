import { expect } from "chai";
import { network } from "hardhat";
import type {
  FeedReaderHarness,
  IndexFeed,
  PhasedAggregatorProxyMock,
} from "../../types/ethers-contracts/index.js";

const { ethers, networkHelpers } = await network.create();

const E10 = 10n ** 10n;
const HOUR = 3600n;
const phased = (phase: bigint, round: bigint): bigint => (phase << 64n) | round;

async function deployProxy(decimals: number): Promise<PhasedAggregatorProxyMock> {
  return (await ethers.deployContract("PhasedAggregatorProxyMock", [
    decimals,
  ])) as unknown as PhasedAggregatorProxyMock;
}

async function deployHarness(): Promise<FeedReaderHarness> {
  return (await ethers.deployContract("FeedReaderHarness")) as unknown as FeedReaderHarness;
}

async function deployIndexFeed(): Promise<IndexFeed> {
  const [admin] = await ethers.getSigners();
  const feed = (await ethers.deployContract("IndexFeed", [
    admin!.address,
    "VIX / USD-like index",
    1n,
    10n ** 30n,
  ])) as unknown as IndexFeed;
  await feed.grantRole(await feed.REPORTER_ROLE(), admin!.address);
  return feed;
}

async function now(): Promise<bigint> {
  return BigInt(await networkHelpers.time.latest());
}

describe("FeedReader", function () {
  async function fixture() {
    const harness = await deployHarness();
    const proxy = await deployProxy(8);
    const feed = await deployIndexFeed();
    return { harness, proxy, feed };
  }

  describe("latest", function () {
    it("returns the latest answer at 18 decimals with its time and (phased) round id", async function () {
      const { harness, proxy } = await networkHelpers.loadFixture(fixture);
      const t = await now();
      await proxy.pushRound(1_500_000_000n, t - 10n);
      await proxy.pushRound(1_600_000_000n, t);
      expect(await harness.latest(proxy, HOUR)).to.deep.equal([16n * 10n ** 18n, t, phased(1n, 2n)]);
    });

    it("reads an IndexFeed (plain round ids)", async function () {
      const { harness, feed } = await networkHelpers.loadFixture(fixture);
      const t = await now();
      await feed.pushRound(2_000_000_000n, t);
      expect(await harness.latest(feed, HOUR)).to.deep.equal([20n * 10n ** 18n, t, 1n]);
    });

    it("accepts an age equal to the heartbeat and reverts with FeedStale one second later", async function () {
      const { harness, proxy } = await networkHelpers.loadFixture(fixture);
      const t = await now();
      await proxy.pushRound(1n, t - HOUR + 1n); // mined at t + 1: age == HOUR in the next block's view
      await networkHelpers.mine(1);
      const age = (await now()) - (t - HOUR + 1n);
      expect((await harness.latest(proxy, age))[1]).to.equal(t - HOUR + 1n);
      await expect(harness.latest(proxy, age - 1n))
        .to.be.revertedWithCustomError(harness, "FeedStale")
        .withArgs(await proxy.getAddress(), t - HOUR + 1n, age - 1n);
    });

    it("reverts with FeedAnswerNotPositive on a zero or negative answer", async function () {
      const { harness, proxy } = await networkHelpers.loadFixture(fixture);
      for (const [i, answer] of [0n, -5n].entries()) {
        await proxy.pushRound(answer, await now());
        await expect(harness.latest(proxy, HOUR))
          .to.be.revertedWithCustomError(harness, "FeedAnswerNotPositive")
          .withArgs(await proxy.getAddress(), phased(1n, BigInt(i + 1)), answer);
      }
    });

    it("reverts with FeedRoundIncomplete when updatedAt is zero", async function () {
      const { harness, proxy } = await networkHelpers.loadFixture(fixture);
      await proxy.pushRoundWithStart(100n, await now(), 0n);
      await expect(harness.latest(proxy, HOUR))
        .to.be.revertedWithCustomError(harness, "FeedRoundIncomplete")
        .withArgs(await proxy.getAddress(), phased(1n, 1n));
    });

    it("reverts with FeedUpdatedInFuture when updatedAt is after the block", async function () {
      const { harness, proxy } = await networkHelpers.loadFixture(fixture);
      const future = (await now()) + 1000n;
      await proxy.pushRound(100n, future);
      await expect(harness.latest(proxy, HOUR))
        .to.be.revertedWithCustomError(harness, "FeedUpdatedInFuture")
        .withArgs(await proxy.getAddress(), phased(1n, 1n), future);
    });

    it("never turns a feed without rounds into a price", async function () {
      const { harness, proxy, feed } = await networkHelpers.loadFixture(fixture);
      await expect(harness.latest(proxy, HOUR)).to.be.revertedWith("No data present");
      await proxy.setMissingRoundReverts(false);
      await expect(harness.latest(proxy, HOUR))
        .to.be.revertedWithCustomError(harness, "FeedRoundIncomplete")
        .withArgs(await proxy.getAddress(), 0n);
      await expect(harness.latest(feed, HOUR)).to.be.revertedWithCustomError(feed, "IndexFeedNoRounds");
    });
  });

  describe("decimals normalisation", function () {
    const cases: Array<[number, bigint, bigint]> = [
      [6, 15_230_000n, 1523n * 10n ** 16n],
      [8, 1_523_000_000n, 1523n * 10n ** 16n],
      [18, 1523n * 10n ** 16n, 1523n * 10n ** 16n],
      [20, 1523n * 10n ** 18n + 99n, 1523n * 10n ** 16n], // rounded down
      [0, 15n, 15n * 10n ** 18n],
      [36, 10n ** 18n + 1n, 1n],
    ];
    for (const [decimals, answer, expected] of cases) {
      it(`scales a ${decimals}-decimal feed to 18 decimals`, async function () {
        const { harness } = await networkHelpers.loadFixture(fixture);
        const proxy = await deployProxy(decimals);
        const t = await now();
        await proxy.pushRound(answer, t);
        expect((await harness.latest(proxy, HOUR))[0]).to.equal(expected);
        expect(await harness.toPrice18(proxy, 1n, answer, decimals)).to.equal(expected);
      });
    }

    it("reverts when a >18-decimal answer rounds down to zero", async function () {
      const { harness } = await networkHelpers.loadFixture(fixture);
      const proxy = await deployProxy(20);
      await proxy.pushRound(99n, await now());
      await expect(harness.latest(proxy, HOUR))
        .to.be.revertedWithCustomError(harness, "FeedPriceZeroAfterScaling")
        .withArgs(await proxy.getAddress(), phased(1n, 1n), 99n, 20n);
    });

    it("reverts on more than 36 decimals and on an answer that overflows at 18 decimals", async function () {
      const { harness } = await networkHelpers.loadFixture(fixture);
      const proxy = await deployProxy(37);
      await proxy.pushRound(10n ** 30n, await now());
      await expect(harness.latest(proxy, HOUR))
        .to.be.revertedWithCustomError(harness, "FeedDecimalsUnsupported")
        .withArgs(await proxy.getAddress(), 37n);
      const huge = 2n ** 255n - 1n;
      await expect(harness.toPrice18(proxy, 7n, huge, 8))
        .to.be.revertedWithCustomError(harness, "FeedAnswerTooLarge")
        .withArgs(await proxy.getAddress(), 7n, huge, 8n);
      await expect(harness.toPrice18(proxy, 7n, -1n, 8))
        .to.be.revertedWithCustomError(harness, "FeedAnswerNotPositive")
        .withArgs(await proxy.getAddress(), 7n, -1n);
    });
  });

  describe("settlement on an IndexFeed (plain ids)", function () {
    // Rounds 1..5 at base + k*HOUR, answers k * 1e8.
    async function indexFixture() {
      const { harness, feed } = await fixture();
      const base = (await now()) - 100n * HOUR;
      for (let k = 1n; k <= 5n; k++) await feed.pushRound(k * 10n ** 8n, base + k * HOUR);
      return { harness, feed, base };
    }

    it("exact hit returns that round", async function () {
      const { harness, feed, base } = await networkHelpers.loadFixture(indexFixture);
      for (let k = 1n; k <= 5n; k++) {
        expect(await harness.settlement(feed, base + k * HOUR, 0n)).to.deep.equal([
          k * 10n ** 18n,
          k,
          base + k * HOUR,
        ]);
      }
    });

    it("between rounds returns the next round", async function () {
      const { harness, feed, base } = await networkHelpers.loadFixture(indexFixture);
      for (let k = 1n; k <= 4n; k++) {
        expect(await harness.settlement(feed, base + k * HOUR + 1n, HOUR)).to.deep.equal([
          (k + 1n) * 10n ** 18n,
          k + 1n,
          base + (k + 1n) * HOUR,
        ]);
      }
    });

    it("before the first round returns the first round (within maxDelay)", async function () {
      const { harness, feed, base } = await networkHelpers.loadFixture(indexFixture);
      expect(await harness.settlement(feed, base + 1n, HOUR)).to.deep.equal([10n ** 18n, 1n, base + HOUR]);
      await expect(harness.settlement(feed, base, HOUR - 1n))
        .to.be.revertedWithCustomError(harness, "FeedSettlementRoundTooLate")
        .withArgs(await feed.getAddress(), base, base + HOUR, HOUR - 1n);
    });

    it("after the last round reverts with FeedNoRoundAtOrAfter", async function () {
      const { harness, feed, base } = await networkHelpers.loadFixture(indexFixture);
      await expect(harness.settlement(feed, base + 5n * HOUR + 1n, HOUR))
        .to.be.revertedWithCustomError(harness, "FeedNoRoundAtOrAfter")
        .withArgs(await feed.getAddress(), base + 5n * HOUR + 1n);
    });

    it("accepts a delay equal to maxDelay and reverts one second beyond", async function () {
      const { harness, feed, base } = await networkHelpers.loadFixture(indexFixture);
      const t = base + 2n * HOUR + 600n; // next round at base + 3h, 3000 s later
      expect((await harness.settlement(feed, t, 3000n))[1]).to.equal(3n);
      await expect(harness.settlement(feed, t, 2999n))
        .to.be.revertedWithCustomError(harness, "FeedSettlementRoundTooLate")
        .withArgs(await feed.getAddress(), t, base + 3n * HOUR, 2999n);
    });

    it("reverts when the feed has no rounds", async function () {
      const { harness, feed } = await networkHelpers.loadFixture(fixture);
      await expect(harness.settlement(feed, 1n, HOUR)).to.be.revertedWithCustomError(
        feed,
        "IndexFeedNoRounds",
      );
    });

    it("finds every round among 300 in a bounded number of calls (gas stays logarithmic)", async function () {
      const { harness, feed } = await networkHelpers.loadFixture(fixture);
      const base = (await now()) - 1000n * HOUR;
      for (let k = 1n; k <= 300n; k++) await feed.pushRound(k * 10n ** 8n, base + k * HOUR);
      for (const k of [1n, 2n, 77n, 150n, 151n, 299n, 300n]) {
        expect(await harness.settlement(feed, base + k * HOUR - 1n, HOUR)).to.deep.equal([
          k * 10n ** 18n,
          k,
          base + k * HOUR,
        ]);
        // ~9 probes of ~3k gas each; a linear scan of 300 rounds would cost ~1M.
        expect(await harness.settlement.estimateGas(feed, base + k * HOUR - 1n, HOUR)).to.be.lessThan(
          100_000n,
        );
      }
    });
  });

  describe("settlement on a Chainlink-like proxy across phases", function () {
    // Phase 1: rounds at base + 1h..5h; phase 2: rounds at base + 10h..12h; phase 3: base + 20h, 21h.
    async function phasedFixture() {
      const { harness, proxy } = await fixture();
      const base = (await now()) - 100n * HOUR;
      for (let k = 1n; k <= 5n; k++) await proxy.pushRound(100n + k, base + k * HOUR);
      await proxy.startNewPhase();
      for (let k = 10n; k <= 12n; k++) await proxy.pushRound(100n + k, base + k * HOUR);
      await proxy.startNewPhase();
      for (let k = 20n; k <= 21n; k++) await proxy.pushRound(100n + k, base + k * HOUR);
      return { harness, proxy, base };
    }

    for (const reverts of [true, false]) {
      const mode = reverts ? "missing rounds revert" : "missing rounds return zeros";
      describe(mode, function () {
        async function modeFixture() {
          const f = await networkHelpers.loadFixture(phasedFixture);
          await f.proxy.setMissingRoundReverts(reverts);
          return f;
        }

        const expectations: Array<[string, bigint, bigint, bigint]> = [
          // [what, timestamp offset, expected phase, expected aggregator round]
          ["exact hit in the first phase", 3n * HOUR, 1n, 3n],
          ["between rounds of the first phase", 3n * HOUR + 1n, 1n, 4n],
          ["last round of the first phase", 5n * HOUR, 1n, 5n],
          ["first round of the middle phase (gap between phases)", 5n * HOUR + 1n, 2n, 1n],
          ["inside the middle phase", 11n * HOUR - 5n, 2n, 2n],
          ["first round of the latest phase", 12n * HOUR + 1n, 3n, 1n],
          ["latest round", 21n * HOUR, 3n, 2n],
          ["before the first round of all", 0n, 1n, 1n],
        ];
        for (const [what, offset, phase, round] of expectations) {
          it(what, async function () {
            const { harness, proxy, base } = await modeFixture();
            const [, , , updatedAt] = await proxy.getRoundData(phased(phase, round));
            const [price18, roundId, at] = await harness.settlement(proxy, base + offset, 100n * HOUR);
            expect(roundId).to.equal(phased(phase, round));
            expect(at).to.equal(updatedAt);
            const k = phase === 1n ? round : phase === 2n ? 9n + round : 19n + round;
            expect(price18).to.equal((100n + k) * E10);
          });
        }

        it("after the latest round reverts with FeedNoRoundAtOrAfter", async function () {
          const { harness, proxy, base } = await modeFixture();
          await expect(harness.settlement(proxy, base + 21n * HOUR + 1n, HOUR))
            .to.be.revertedWithCustomError(harness, "FeedNoRoundAtOrAfter")
            .withArgs(await proxy.getAddress(), base + 21n * HOUR + 1n);
        });

        it("first round of a new phase beyond maxDelay reverts with FeedSettlementRoundTooLate", async function () {
          const { harness, proxy, base } = await modeFixture();
          await expect(harness.settlement(proxy, base + 5n * HOUR + 1n, HOUR))
            .to.be.revertedWithCustomError(harness, "FeedSettlementRoundTooLate")
            .withArgs(await proxy.getAddress(), base + 5n * HOUR + 1n, base + 10n * HOUR, HOUR);
        });
      });
    }

    it("a single phase of one round", async function () {
      const { harness, proxy } = await networkHelpers.loadFixture(fixture);
      const t = await now();
      await proxy.pushRound(7n, t);
      expect(await harness.settlement(proxy, t - 5n, HOUR)).to.deep.equal([7n * E10, phased(1n, 1n), t]);
    });

    it("an incomplete round inside the latest phase reverts instead of being skipped", async function () {
      const { harness, proxy } = await networkHelpers.loadFixture(fixture);
      const base = (await now()) - 10n * HOUR;
      await proxy.pushRound(1n, base + HOUR);
      await proxy.pushRoundWithStart(2n, base + 2n * HOUR, 0n);
      await proxy.pushRound(3n, base + 3n * HOUR);
      await expect(harness.settlement(proxy, base + HOUR + 1n, 10n * HOUR))
        .to.be.revertedWithCustomError(harness, "FeedRoundIncomplete")
        .withArgs(await proxy.getAddress(), phased(1n, 2n));
    });

    it("an incomplete round inside an earlier phase reverts instead of jumping to the next phase", async function () {
      const { harness, proxy } = await networkHelpers.loadFixture(fixture);
      const base = (await now()) - 10n * HOUR;
      await proxy.pushRound(1n, base + HOUR);
      await proxy.pushRound(2n, base + 2n * HOUR);
      await proxy.pushRoundWithStart(3n, base + 3n * HOUR, 0n);
      await proxy.pushRound(4n, base + 4n * HOUR);
      await proxy.startNewPhase();
      await proxy.pushRound(5n, base + 5n * HOUR);
      await expect(harness.settlement(proxy, base + 2n * HOUR + 1n, 10n * HOUR))
        .to.be.revertedWithCustomError(harness, "FeedRoundIncomplete")
        .withArgs(await proxy.getAddress(), phased(1n, 3n));
    });

    it("bad settlement data reverts: non-positive answer, updatedAt in the future, incomplete latest", async function () {
      const { harness, proxy } = await networkHelpers.loadFixture(fixture);
      const t = await now();
      await proxy.pushRound(0n, t - 10n);
      await expect(harness.settlement(proxy, t - 20n, HOUR))
        .to.be.revertedWithCustomError(harness, "FeedAnswerNotPositive")
        .withArgs(await proxy.getAddress(), phased(1n, 1n), 0n);
      await proxy.pushRound(5n, t + 1000n);
      await expect(harness.settlement(proxy, t - 5n, 2000n))
        .to.be.revertedWithCustomError(harness, "FeedUpdatedInFuture")
        .withArgs(await proxy.getAddress(), phased(1n, 2n), t + 1000n);
      await proxy.pushRoundWithStart(5n, t, 0n);
      await expect(harness.settlement(proxy, t - 5n, HOUR))
        .to.be.revertedWithCustomError(harness, "FeedRoundIncomplete")
        .withArgs(await proxy.getAddress(), phased(1n, 3n));
    });

    it("a proxy with no rounds never yields a price", async function () {
      const { harness, proxy } = await networkHelpers.loadFixture(fixture);
      await expect(harness.settlement(proxy, 1n, HOUR)).to.be.revertedWith("No data present");
      await proxy.setMissingRoundReverts(false);
      await expect(harness.settlement(proxy, 1n, HOUR))
        .to.be.revertedWithCustomError(harness, "FeedRoundIncomplete")
        .withArgs(await proxy.getAddress(), 0n);
    });
  });
});
