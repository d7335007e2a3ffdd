import { expect } from "chai";
import { network } from "hardhat";
import type { OptionsGasBurningFeedMock } from "../../types/ethers-contracts/index.js";
import { CALL, DAY, DEFAULT_PARAMS, WAD, makeOptionsFixture, pts } from "./options-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = makeOptionsFixture(ethers, networkHelpers);
const FAR = 2n ** 64n;

describe("OptionPricer", function () {
  it("latestIndex reads the feed in 18 decimals and rejects a stale round", async function () {
    const { pricer, feed } = await networkHelpers.loadFixture(fixture);
    expect(await pricer.latestIndex(await feed.getAddress(), DAY)).to.equal(pts("20"));
    await networkHelpers.time.increase(DAY + 1n);
    await expect(pricer.latestIndex(await feed.getAddress(), DAY)).to.be.revertedWithCustomError(
      pricer,
      "FeedStale",
    );
  });

  it("unitPrices: forward = index x termFactor; ask >= fair >= bid; Black-76 bounds revert", async function () {
    const { pricer, feed } = await networkHelpers.loadFixture(fixture);
    const inputs = {
      isCall: true,
      forward: 0n,
      strikeLow: pts("23"),
      strikeHigh: pts("26"),
      timeSeconds: 30n * DAY,
      baseVol: (8n * WAD) / 10n,
      volSlope: 0n,
      minVol: WAD / 10n,
      maxVol: 3n * WAD,
      rate: WAD / 20n,
      halfSpread: WAD / 200n,
      fee: WAD / 100n,
    };
    const fa = await feed.getAddress();
    const [fair, ask, bid] = await pricer.unitPrices(fa, DAY, WAD, inputs);
    expect(fair).to.equal(484_876_990_520_550_038n); // the worked example of docs/options.md
    expect(ask).to.equal(504_725_760_425_755_539n);
    expect(bid).to.equal(465_028_220_615_344_537n);
    const [fairUp] = await pricer.unitPrices(fa, DAY, (11n * WAD) / 10n, inputs);
    expect(fairUp).to.be.greaterThan(fair);
    const [, , bidPut] = await pricer.unitPrices(fa, DAY, WAD, { ...inputs, isCall: false });
    expect(bidPut).to.be.lessThan(pts("3"));
    await expect(
      pricer.unitPrices(fa, DAY, WAD, { ...inputs, timeSeconds: 6n * 365n * DAY }),
    ).to.be.revertedWithCustomError(pricer, "TimeOutOfRange");
  });

  it("seriesUnitPrices rejects a series whose feed was unregistered", async function () {
    const { pool, pricer, feed, list } = await networkHelpers.loadFixture(fixture);
    const id = await list(CALL, pts("23"), pts("26"));
    await pool.configureFeed(await feed.getAddress(), 0n, WAD);
    await expect(pricer.seriesUnitPrices(await pool.getAddress(), id))
      .to.be.revertedWithCustomError(pricer, "FeedNotRegistered")
      .withArgs(await feed.getAddress());
  });

  it("settlementPrice returns the first round at or after the time", async function () {
    const { pricer, feed, push, now } = await networkHelpers.loadFixture(fixture);
    const t = (await now()) + 100n;
    await networkHelpers.time.increaseTo(t + 5n);
    await push(pts("21"));
    const [price, roundId] = await pricer.settlementPrice(await feed.getAddress(), t, 3_600n);
    expect(price).to.equal(pts("21"));
    expect(roundId).to.equal(2n);
    await expect(
      pricer.settlementPrice(await feed.getAddress(), t + 100n, 3_600n),
    ).to.be.revertedWithCustomError(pricer, "FeedNoRoundAtOrAfter");
  });

  it("checks parameters directly (the pool's bounds)", async function () {
    const { pricer, pool } = await networkHelpers.loadFixture(fixture);
    await pricer.checkParams(DEFAULT_PARAMS);
    await pricer.checkFeedConfig(DAY, WAD);
    await pricer.checkVolatility(WAD, 0n, WAD / 10n, 3n * WAD);
    await expect(pricer.checkParams({ ...DEFAULT_PARAMS, fee: WAD })).to.be.revertedWithCustomError(
      pool,
      "ParameterOutOfBounds",
    );
    await expect(pricer.checkFeedConfig(DAY, 0n)).to.be.revertedWithCustomError(pool, "ParameterOutOfBounds");
    await expect(pricer.checkVolatility(WAD, 6n * WAD, WAD / 10n, 3n * WAD)).to.be.revertedWithCustomError(
      pool,
      "VolSlopeOutOfBounds",
    );
  });

  it("poolMarks gives totalAssets = lpCash + credit - debit", async function () {
    const { pool, pricer, alice, list } = await networkHelpers.loadFixture(fixture);
    const id = await list(CALL, pts("23"), pts("26"));
    await pool.connect(alice).buy(id, 100n * WAD, FAR, FAR);
    const [credit, debit] = await pricer.poolMarks(await pool.getAddress(), 10n ** 30n);
    expect(credit).to.equal(0n);
    expect(await pool.totalAssets()).to.equal((await pool.lpCash()) + credit - debit);
  });

  it("a valuation that runs out of gas makes the mark revert (MarkWithoutReason), not fall back", async function () {
    const { pool, pricer, alice, volOracle, now } = await networkHelpers.loadFixture(fixture);
    const burner = (await ethers.deployContract(
      "OptionsGasBurningFeedMock",
    )) as unknown as OptionsGasBurningFeedMock;
    const fa = await burner.getAddress();
    await burner.setRound(20n * 10n ** 8n, await now());
    await pool.configureFeed(fa, DAY, WAD);
    await pool.connect(volOracle).setVolatility(fa, (8n * WAD) / 10n, 0n);
    const t = (await now()) + 30n * DAY;
    const exp = t - (t % DAY) + 28_800n;
    await pool.listSeries(fa, CALL, pts("23"), pts("26"), exp);
    const id = await pricer.seriesIdOf(fa, CALL, pts("23"), pts("26"), exp);
    await pool.connect(alice).buy(id, WAD, FAR, FAR);
    await burner.setBurn(true);
    await expect(pool.totalAssets({ gasLimit: 3_000_000n }))
      .to.be.revertedWithCustomError(pricer, "MarkWithoutReason")
      .withArgs(fa);
  });
});
