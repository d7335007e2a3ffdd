// Audit regressions (issue 14, item 2, and the "last-second LP"): nobody enters or leaves the pool at a price
// that cannot be computed, and nobody books the spread of someone else's trade by standing in for a moment.
// LPs enter at the ENTRY value of the book (net shorts at the bid, net longs at the ask, unpriceable series at
// their best case for the LPs) and leave at the EXIT value (`totalAssets`: ask, bid, worst case). Each attack
// below used to take money from the LPs; now it gains nothing (rounding aside).
import { expect } from "chai";
import { network } from "hardhat";
import { CALL, DAY, USDC, WAD, makeOptionsFixture, pts } from "./options-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = makeOptionsFixture(ethers, networkHelpers);
const FAR = 2n ** 64n;
const ATTACK = 1_000_000n * USDC;

describe("OptionPool audit: entry and exit values of the LP shares", function () {
  /** The fixture with alice long `size` of the 23/26 call spread (the pool net short) and bob funded. */
  async function poolShort(size: bigint) {
    const f = await networkHelpers.loadFixture(fixture);
    const id = await f.list(CALL, pts("23"), pts("26"));
    await f.pool.connect(f.alice).buy(id, size, FAR, FAR);
    await f.usdc.mint(f.bob.address, ATTACK);
    return { ...f, id };
  }

  /**
   * Runs `send` (which sends transactions without waiting for them) so that all its transactions land in one
   * block at `now + 5 s`, as a sandwich would; returns what `prepare` computed at that block's time first.
   */
  async function oneBlock<T>(
    now: () => Promise<bigint>,
    prepare: () => Promise<T>,
    send: (prepared: T) => Promise<void>,
  ): Promise<void> {
    await networkHelpers.time.setNextBlockTimestamp((await now()) + 5n);
    const prepared = await prepare();
    await ethers.provider.send("evm_setAutomine", [false]);
    try {
      await send(prepared);
      await ethers.provider.send("evm_mine", []);
    } finally {
      await ethers.provider.send("evm_setAutomine", [true]);
    }
  }

  /** Bob deposits ATTACK now, `between` runs, bob redeems everything: returns bob's gain (negative: loss). */
  async function roundTrip(f: Awaited<ReturnType<typeof poolShort>>, between: () => Promise<void>) {
    const start = await f.usdc.balanceOf(f.bob.address);
    await f.pool.connect(f.bob).deposit(ATTACK, f.bob.address);
    await between();
    const shares = await f.pool.balanceOf(f.bob.address);
    expect(await f.pool.maxRedeem(f.bob.address)).to.equal(shares);
    await f.pool.connect(f.bob).redeem(shares, f.bob.address, f.bob.address);
    return (await f.usdc.balanceOf(f.bob.address)) - start;
  }

  it("a stale feed (a weekend): deposit in the gap, redeem after the next push: no gain", async function () {
    const f = await poolShort(150_000n * WAD);
    const lpValue = async () => f.pool.previewRedeem(await f.pool.balanceOf(f.lp.address));
    const lpBefore = await lpValue();
    await networkHelpers.time.increase(DAY + 1n); // the latest round is older than the heartbeat
    // Leaving now is at the worst case (the whole width owed), entering at the best case (nothing owed).
    expect(await f.pool.totalAssets()).to.equal((await f.pool.lpCash()) - 450_000n * USDC);
    const gain = await roundTrip(f, () => f.push(pts("20")));
    expect(gain).to.be.lessThanOrEqual(0n);
    expect(await lpValue()).to.be.greaterThanOrEqual(lpBefore);
  });

  it("a reporter 10 minutes late: no gain either", async function () {
    const f = await poolShort(150_000n * WAD);
    await networkHelpers.time.increase(DAY + 600n);
    expect(await roundTrip(f, () => f.push(pts("20")))).to.be.lessThanOrEqual(0n);
  });

  it("a stale surface is a stale feed: deposit while it is stale, redeem after the next surface: no gain", async function () {
    const f = await poolShort(150_000n * WAD);
    await f.pool.configureFeed(await f.feed.getAddress(), 7n * DAY, DAY); // the feed's heartbeat is long
    await networkHelpers.time.increase(DAY + 1n);
    await expect(f.pool.quote(f.id, WAD)).to.be.revertedWithCustomError(f.pricer, "SurfaceStale");
    expect(await f.pool.totalAssets()).to.equal((await f.pool.lpCash()) - 450_000n * USDC);
    expect(await roundTrip(f, () => f.push(pts("20")))).to.be.lessThanOrEqual(0n);
  });

  it("between expiry and the settlement round: deposit, settle, redeem: no gain", async function () {
    const f = await poolShort(100n * WAD);
    await networkHelpers.time.increaseTo(f.expiry + 10n); // expired, no round at or after expiry yet
    const gain = await roundTrip(f, async () => {
      await f.push(pts("20")); // expires worthless: the pool owes nothing
      await f.pool.settle(f.id);
    });
    expect(gain).to.be.lessThanOrEqual(0n);
  });

  it("governance's fallback settlement price: deposit before it, redeem after it: no gain", async function () {
    const f = await poolShort(100n * WAD);
    const { settlementWindow, gracePeriod } = await f.pool.params();
    await networkHelpers.time.increaseTo(f.expiry + settlementWindow + 1n);
    await f.push(pts("20")); // too late for settlement: only governance can settle now
    await networkHelpers.time.increaseTo(f.expiry + gracePeriod);
    const gain = await roundTrip(f, async () => {
      await f.pool.settleByGovernance(f.id, pts("20"));
    });
    expect(gain).to.be.lessThanOrEqual(0n);
  });

  it("the last-second LP: deposit before a trader closes, withdraw right after (one block): no gain", async function () {
    const f = await poolShort(100_000n * WAD);
    const start = await f.usdc.balanceOf(f.bob.address);
    // A sandwich: the three transactions in one block, so no time (and no time decay) passes between them.
    await oneBlock(
      f.now,
      () => f.pool.previewDeposit(ATTACK, { blockTag: "pending" }),
      async (shares) => {
        await f.pool.connect(f.bob).deposit(ATTACK, f.bob.address);
        // Alice closes her long: the pool pays the bid for a liability it marked at the ask.
        await f.pool.connect(f.alice).closeLong(f.id, 100_000n * WAD, 0n, FAR);
        await f.pool.connect(f.bob).redeem(shares, f.bob.address, f.bob.address);
      },
    );
    expect(await f.pool.balanceOf(f.bob.address)).to.equal(0n);
    expect(await f.pool.balanceOf(f.alice.address)).to.equal(0n);
    expect(await f.token.balanceOf(f.alice.address, f.id)).to.equal(0n); // the close went through
    expect((await f.usdc.balanceOf(f.bob.address)) - start).to.be.lessThanOrEqual(0n);
  });

  it("the last-second LP, pool net long: deposit before a writer buys back, withdraw after (one block): no gain", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const id = await f.list(CALL, pts("23"), pts("26"));
    await f.pool.connect(f.alice).sell(id, 20_000n * WAD, 0n, FAR);
    await f.usdc.mint(f.bob.address, ATTACK);
    const start = await f.usdc.balanceOf(f.bob.address);
    await oneBlock(
      f.now,
      () => f.pool.previewDeposit(ATTACK, { blockTag: "pending" }),
      async (shares) => {
        await f.pool.connect(f.bob).deposit(ATTACK, f.bob.address);
        await f.pool.connect(f.alice).closeShort(id, 20_000n * WAD, FAR, FAR);
        await f.pool.connect(f.bob).redeem(shares, f.bob.address, f.bob.address);
      },
    );
    expect(await f.pool.shortOf(id, f.alice.address)).to.equal(0n);
    expect(await f.pool.balanceOf(f.bob.address)).to.equal(0n);
    expect((await f.usdc.balanceOf(f.bob.address)) - start).to.be.lessThanOrEqual(0n);
  });

  it("previews: deposit and mint at the entry value, withdraw and redeem at the exit value", async function () {
    const f = await poolShort(10_000n * WAD);
    const [ask, bid] = await f.pool.quote(f.id, 10_000n * WAD);
    const cash = await f.pool.lpCash();
    const supply = await f.pool.totalSupply();
    const virtual = 10n ** 12n; // ERC-4626 virtual shares (decimals offset 12)
    expect(await f.pool.totalAssets()).to.equal(cash - ask);
    expect(await f.pool.previewDeposit(1_000n * USDC)).to.equal(
      (1_000n * USDC * (supply + virtual)) / (cash - bid + 1n),
    );
    expect(await f.pool.previewRedeem(WAD)).to.equal((WAD * (cash - ask + 1n)) / (supply + virtual));
    expect(await f.pool.previewMint(WAD)).to.equal(
      (WAD * (cash - bid + 1n) + supply + virtual - 1n) / (supply + virtual),
    );
    expect(await f.pool.previewWithdraw(1_000n * USDC)).to.equal(
      (1_000n * USDC * (supply + virtual) + cash - ask) / (cash - ask + 1n),
    );
  });
});
