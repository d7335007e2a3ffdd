// The worked example of docs/options.md: a 30-day VIX call spread 23/26 (15 % / 30 % out of the money with
// VIX at 20), 100 contracts, bought from the pool and settled in and out of the money.
import { expect } from "chai";
import { network } from "hardhat";
import { D60, black76 } from "./black76Reference.js";
import { flatSurface } from "../../scripts/deploy/hedgeSide.js";
import { BASE_VOL, CALL, DAY, USDC, WAD, makeOptionsFixture, nextExpiry, pts } from "./options-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = makeOptionsFixture(ethers, networkHelpers);
const SIZE = 100n * WAD;

// Figures asserted below and printed in docs/options.md.
const FAIR_PER_CONTRACT = 484_876_990_520_550_038n; // 0.484877 index points = 0.484877 USDC
const ASK_PER_CONTRACT = 504_725_760_425_755_539n; // fair + 1 % fee + 0.5 % of the 3-point width
const BID_PER_CONTRACT = 465_028_220_615_344_537n; // fair - 1 % fee - 0.5 % of the width
const PREMIUM = 50_472_577n; // 50.472577 USDC for 100 contracts (rounded up)

describe("OptionPool: worked example (docs/options.md)", function () {
  async function bought() {
    const f = await networkHelpers.loadFixture(fixture);
    const expiry = nextExpiry((await f.now()) + 31n * DAY);
    const t0 = expiry - 30n * DAY; // exactly 30 days before an 08:00 UTC expiry
    await networkHelpers.time.setNextBlockTimestamp(t0 - 3n);
    await f.pushSurface(flatSurface(BASE_VOL), t0 - 3n); // flat 80 %, forward = index
    await networkHelpers.time.setNextBlockTimestamp(t0 - 2n);
    await f.feed.pushRound(20n * 10n ** 8n, t0 - 2n); // VIX 20.00
    await networkHelpers.time.setNextBlockTimestamp(t0 - 1n);
    const id = await f.list(CALL, pts("23"), pts("26"), expiry);
    await networkHelpers.time.setNextBlockTimestamp(t0);
    const [fair, ask, bid] = await f.pricer.seriesUnitPrices(await f.pool.getAddress(), id, {
      blockTag: "pending",
    });
    const lpBefore = await f.pool.lpCash();
    await networkHelpers.time.setNextBlockTimestamp(t0);
    const tx = await f.pool.connect(f.alice).buy(id, SIZE, 2n ** 64n, t0);
    return { ...f, id, expiry, t0, fair, ask, bid, tx, lpBefore };
  }

  it("prices the spread with Black-76 (forward 20, 30/365 years, 80 % vol, 5 % rate) and charges the ask", async function () {
    const { fair, ask, bid, tx, pool, usdc, alice, id, lpBefore } = await bought();
    expect(fair).to.equal(FAIR_PER_CONTRACT);
    expect(ask).to.equal(ASK_PER_CONTRACT);
    expect(bid).to.equal(BID_PER_CONTRACT);
    // independent check against a 60-digit Black-76 (decimal.js): within 1e-12 points
    const years = new D60(30).div(365);
    const leg = (k: number) =>
      black76(new D60(20), new D60(k), years, new D60("0.8"), new D60("0.05")).callPrice;
    const reference = BigInt(leg(23).sub(leg(26)).mul("1e18").toFixed(0));
    expect(fair - reference).to.be.within(-(10n ** 6n), 10n ** 6n);
    await expect(tx).to.emit(pool, "Traded").withArgs(id, alice.address, 0n, SIZE, PREMIUM, 0n);
    await expect(tx).to.changeTokenBalances(ethers, usdc, [alice, pool], [-PREMIUM, PREMIUM]);
    expect(await pool.lpCash()).to.equal(lpBefore + PREMIUM);
    expect(await pool.totalLocked()).to.equal(300n * USDC); // 100 contracts x 3 points x 1 USDC
  });

  for (const [vix, payout] of [
    ["25", 200n * USDC], // in the money: 25 - 23 = 2 points x 100 contracts
    ["30", 300n * USDC], // above the upper strike: capped at the width, 3 x 100
    ["18", 0n], // out of the money
  ] as const) {
    it(`settles at VIX ${vix}: the buyer redeems ${payout / USDC} USDC, the LPs keep the rest`, async function () {
      const { pool, usdc, alice, id, expiry, push, lpBefore } = await bought();
      await networkHelpers.time.increaseTo(expiry + 60n);
      await push(pts(vix)); // first round after the 08:00 UTC expiry
      await pool.settle(id);
      expect(await pool.totalLocked()).to.equal(0n);
      const tx = await pool.connect(alice).redeemLong(id, SIZE);
      await expect(tx).to.emit(pool, "LongRedeemed").withArgs(id, alice.address, SIZE, payout);
      await expect(tx).to.changeTokenBalance(ethers, usdc, alice, payout);
      // LP result: premium in, payout out
      expect(await pool.lpCash()).to.equal(lpBefore + PREMIUM - payout);
      expect(await pool.totalAssets()).to.equal(lpBefore + PREMIUM - payout);
    });
  }
});
