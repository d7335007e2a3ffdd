// The exact edges of the option pool's money rules that the mutation run (issue 17, docs/testing.md) showed
// untested: each test sits on the unit where moving a bound or flipping a rounding changes the outcome.
import { expect } from "chai";
import { network } from "hardhat";
import { CALL, DEFAULT_PARAMS, WAD, makeOptionsFixture, pts } from "./options-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = makeOptionsFixture(ethers, networkHelpers);
const FAR = 2n ** 64n;
const MAX_SIZE = 10n ** 30n;

describe("OptionPool: exact boundaries of money rules", function () {
  it("rounds the strike band's floor up: a strike one unit under index x strikeBandLow is refused", async function () {
    const { pool, feed, expiry, push } = await networkHelpers.loadFixture(fixture);
    const third = WAD / 3n;
    await pool.setParams({ ...DEFAULT_PARAMS, strikeBandLow: third });
    await push(pts("20.5"));
    // 20.5 x 0.333… = 6.8333…3326.5 (18 decimals): the floor is ...326, the band starts at ...327.
    const exact = pts("20.5") * third;
    const floor = exact / WAD;
    expect(exact % WAD).to.not.equal(0n);
    const maxStrike = (pts("20.5") * DEFAULT_PARAMS.strikeBandHigh) / WAD;
    const fa = await feed.getAddress();
    await expect(pool.listSeries(fa, CALL, floor, pts("26"), expiry))
      .to.be.revertedWithCustomError(pool, "StrikeOutOfBand")
      .withArgs(floor, floor + 1n, maxStrike);
    await expect(pool.listSeries(fa, CALL, floor + 1n, pts("26"), expiry)).to.emit(pool, "SeriesListed");
  });

  it("refuses to redeem MAX_SIZE + 1 units with SizeOutOfBounds, before touching any balance", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const id = await f.list(CALL, pts("23"), pts("26"));
    await f.pool.connect(f.alice).buy(id, 100n * WAD, FAR, FAR);
    await networkHelpers.time.increaseTo(f.expiry + 10n);
    await f.push(pts("25"));
    await f.pool.settle(id);
    await expect(f.pool.connect(f.alice).redeemLong(id, MAX_SIZE + 1n))
      .to.be.revertedWithCustomError(f.pool, "SizeOutOfBounds")
      .withArgs(MAX_SIZE + 1n, MAX_SIZE);
  });
});
