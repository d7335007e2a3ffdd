// HedgeBook's shared rules at their exact edges (issue 17's mutation run): when the policy-default roll is due
// (from the roll window's first second, outside the pool's cutoff, from the expiry second, after the cooldown to
// the second), the layer index bound, and the reserve topped up to reserveMin x NAV rounded up, to the unit.
import { expect } from "chai";
import { network } from "hardhat";
import { makeHedgeFixture, type HedgeFixture, WITH_RESERVE_DRAW, buyDefaultLayer } from "./hedge-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import { DAY, DEFAULT_LAYERS, DEFAULT_VAULT_POLICY, pts, WAD } from "../../scripts/deploy/hedgeSide.js";

const connection = await network.create();
const { networkHelpers } = connection;
const base = makeHedgeFixture(connection, WITH_RESERVE_DRAW);
const NAV = usdc(1_000_000n);

async function withLayer(): Promise<HedgeFixture> {
  const f = await base();
  await f.seed(NAV);
  await buyDefaultLayer(f, 0n);
  return f;
}

/** Whether layer 0's default roll is due at second `t` (a view runs at the latest block's timestamp). */
async function dueAt(f: HedgeFixture, t: bigint): Promise<boolean> {
  await f.freshBefore(t);
  await networkHelpers.time.increaseTo(t);
  return (await f.hedge.defaultLayerTrade(0n))[0];
}

describe("HedgeBook: the default roll's due seconds, the layer bound and the reserve top-up", function () {
  describe("defaultLayerTrade: due", function () {
    it("from the roll window's first second (expiry - rollWindow), not one second before", async function () {
      const f = await networkHelpers.loadFixture(withLayer);
      const { expiry } = (await f.hedge.keeperState()).layers[0]!;
      const start = expiry - DEFAULT_LAYERS[0]!.rollWindow;
      const snap = await networkHelpers.takeSnapshot();
      expect(await dueAt(f, start - 1n)).to.equal(false);
      await snap.restore();
      expect(await dueAt(f, start)).to.equal(true);
    });

    it("until the second before the pool's cutoff, not inside it, and again from the expiry second", async function () {
      const f = await networkHelpers.loadFixture(withLayer);
      const { expiry } = (await f.hedge.keeperState()).layers[0]!;
      const cutoff = await f.pool.TRADING_CUTOFF();
      for (const [t, due] of [
        [expiry - cutoff - 1n, true],
        [expiry - cutoff, false],
        [expiry - 1n, false],
        [expiry, true],
      ] as const) {
        const snap = await networkHelpers.takeSnapshot();
        expect(await dueAt(f, t), `expiry - ${expiry - t}`).to.equal(due);
        await snap.restore();
      }
    });

    it("after a monetisation, from lastRoll + cooldown to the second (the re-entry delay shorter)", async function () {
      const f = await networkHelpers.loadFixture(withLayer);
      await f.hedge.setLayerPolicy(0n, { ...DEFAULT_LAYERS[0]!, cooldown: 2n * DAY });
      await f.hedge.setVaultPolicy({ ...WITH_RESERVE_DRAW.vaultPolicy, reentryDelay: DAY });
      await f.push(f.volFeed, pts("30"));
      await f.hedge.connect(f.keeper).monetiseLayer(0n);
      await f.push(f.volFeed, pts("25")); // back at the re-entry level
      const availableAt = (await f.hedge.keeperState()).layers[0]!.lastRoll + 2n * DAY;
      const snap = await networkHelpers.takeSnapshot();
      expect(await dueAt(f, availableAt - 1n)).to.equal(false);
      await snap.restore();
      expect(await dueAt(f, availableAt)).to.equal(true);
    });
  });

  it("a layer index equal to the layer count is out of range", async function () {
    const f = await networkHelpers.loadFixture(withLayer);
    const count = BigInt(DEFAULT_LAYERS.length);
    await expect(f.hedge.defaultLayerTrade(count))
      .to.be.revertedWithCustomError(f.hedge, "LayerIndexOutOfRange")
      .withArgs(count, count);
  });

  it("an epoch tops the reserve up to reserveMin x NAV rounded up: a gap of one unit is filled", async function () {
    const f = await base();
    await f.seed(NAV - 7n); // 999,999.999993 USDC: a fifth of it is not a whole unit
    const rm = DEFAULT_VAULT_POLICY.reserveMin;
    const ceil = (x: bigint): bigint => (x * rm + WAD - 1n) / WAD;
    const nav = await f.hedge.totalAssets();
    const { reserveAssets } = await f.hedge.keeperState();
    expect(reserveAssets).to.equal(ceil(nav));
    // The smallest deposit whose epoch raises the target by exactly one unit above the reserve.
    let deposit = 1n;
    while (ceil(nav + deposit) - reserveAssets < 1n) deposit++;
    expect(ceil(nav + deposit) - reserveAssets).to.equal(1n);
    expect(((nav + deposit) * rm) % WAD).to.not.equal(0n); // rounding up matters here
    await f.hedge.connect(f.bob).requestDeposit(deposit, f.bob.address, f.bob.address);
    await f.advance(DAY);
    await expect(f.hedge.processEpoch()).to.emit(f.hedge, "ReserveMoved").withArgs(true, 1n);
  });
});
