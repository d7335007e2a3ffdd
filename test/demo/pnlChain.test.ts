// The P&L ledger read from a chain (scripts/demo/pnlChain.ts) through settlement: a layer and a condor held to
// expiry, settled in the money, redeemed and reclaimed. Each line equals what the pool's events say, the pool's
// rounding dust ends with its LPs, and every party reconciles to the micro-dollar.
import { expect } from "chai";
import { network } from "hardhat";
import { usdc } from "../../scripts/deploy/flashSide.js";
import {
  DEFAULT_CONDOR,
  DEFAULT_HEDGE_SIDE,
  DEFAULT_VAULT_POLICY,
  pts,
  WAD,
  wad,
} from "../../scripts/deploy/hedgeSide.js";
import { pnlJson } from "../../scripts/demo/pnl.js";
import { readPnlLedger, readPnlStart, type PnlChain, type PnlStart } from "../../scripts/demo/pnlChain.js";
import { makeHedgeFixture, type HedgeFixture } from "../hedge/hedge-fixture.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
// The layer is bought before the condor has earned anything: a 5 % reserve draw lets the cash press pay for it.
const base = makeHedgeFixture(connection, {
  ...DEFAULT_HEDGE_SIDE,
  vaultPolicy: { ...DEFAULT_VAULT_POLICY, reserveDraw: wad("0.05") },
});
const NAV = usdc(1_000_000n);
const CASH_SCALE = 10n ** 30n;

async function funded(): Promise<HedgeFixture> {
  const f = await base();
  await f.seed(NAV);
  return f;
}

/** The funded fixture, the ledger's chain (the hedged vault alone) and its start, read now. */
async function started(): Promise<{ f: HedgeFixture; chain: PnlChain; start: PnlStart }> {
  const f = await networkHelpers.loadFixture(funded);
  const chain: PnlChain = {
    pool: f.pool,
    vaults: { hedged: f.hedge },
    volFeed: await f.volFeed.getAddress(),
  };
  return { f, chain, start: await readPnlStart(chain, (await ethers.provider.getBlockNumber()) + 1) };
}

describe("demo P&L ledger on a chain: settlement", function () {
  it("books premiums, payoffs and settlement losses from the pool's events and reconciles exactly", async function () {
    const { f, chain, start } = await started();
    expect(start.snapshots.hedged.value).to.equal(NAV);

    // A layer (25/28 on a volatility index at 20) and a condor expiring with it, both held to expiry.
    const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
    await f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
    const spot = pts("5000");
    const shortPut = (spot * (WAD - DEFAULT_CONDOR.putDistance)) / WAD;
    const shortCall = (spot * (WAD + DEFAULT_CONDOR.callDistance)) / WAD;
    const width = (spot * DEFAULT_CONDOR.wingWidth) / WAD;
    await f.hedge
      .connect(f.keeper)
      .openCondor([shortPut - width, shortPut], [shortCall, shortCall + width], expiry, 0n);
    await networkHelpers.time.increaseTo(expiry + 60n);
    await f.push(f.indexFeed, pts("4700.123457")); // the put spread pays 49.876543 points
    await f.push(f.volFeed, pts("26.333333")); // the layer pays 1.333333 points
    await f.hedge.connect(f.alice).settleExpired();

    const ledger = await readPnlLedger(chain, start, [], () => "2025-01-02");
    const pnl = pnlJson({
      entries: ledger.entries,
      before: start.snapshots,
      after: ledger.after,
      netDeposits: ledger.netDeposits,
    });

    const from = start.block;
    const trades = await f.pool.queryFilter(f.pool.filters.Traded(), from);
    const [layerBuy, putSell, callSell] = trades.map((e) => e.args);
    const size = layerBuy!.size;
    const payout = (size * pts("1.333333")) / CASH_SCALE; // rounded down, as the pool pays a long
    const owed = (putSell!.size * pts("49.876543") + CASH_SCALE - 1n) / CASH_SCALE; // rounded up
    expect(pnl.hedged).to.deep.include({
      layerPremium: -Number(layerBuy!.premium) / 1e6,
      layerSettlement: Number(payout) / 1e6,
      condorPremium: Number(putSell!.premium + callSell!.premium) / 1e6,
      condorSettlement: -Number(owed) / 1e6,
      condorBuyBacks: 0,
      layerProceeds: 0,
    });
    // The LPs took the other side of each line (with these round sizes no rounding dust arises).
    for (const line of ["layerPremium", "layerSettlement", "condorPremium", "condorSettlement"] as const) {
      expect(pnl.poolLps[line], line).to.equal(-pnl.hedged[line]);
    }
    expect(pnl.zeroSum).to.equal(0);
    for (const party of ["hedged", "unhedged", "poolLps"] as const) {
      expect(pnl.reconciliation[party].residual, party).to.equal(0);
      expect(pnl.reconciliation[party].openMarkAfter, party).to.equal(0); // everything settled
    }
    expect(pnl.reconciliation.hedged.valueAfter).to.equal(Number(await f.hedge.totalAssets()) / 1e6);
    expect(pnl.reconciliation.poolLps.valueAfter).to.equal(Number(await f.pool.totalAssets()) / 1e6);
  });

  it("marks what is still open at the pool's quotes: bid for layers, minus the ask for condor legs", async function () {
    const { f, chain, start } = await started();
    const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
    await f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
    const ledger = await readPnlLedger(chain, start, [], () => "2025-01-02");
    const layer = (await f.hedge.keeperState()).layers[0]!;
    const [ask, bid] = await f.pool.quote(layer.seriesId, layer.size);
    expect(ledger.after.hedged.openLayers).to.equal(bid);
    expect(ledger.after.poolLps.openLayers).to.equal(-ask); // the LPs wrote it: their cost to close
    const pnl = pnlJson({
      entries: ledger.entries,
      before: start.snapshots,
      after: ledger.after,
      netDeposits: ledger.netDeposits,
    });
    expect(pnl.reconciliation.hedged.residual).to.equal(0);
    expect(pnl.reconciliation.poolLps.residual).to.equal(0);
    expect(pnl.reconciliation.hedged.valueChange).to.be.lessThan(0); // bought at the ask, marked at the bid
  });
});
