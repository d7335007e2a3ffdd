import { expect } from "chai";
import { network } from "hardhat";
import { DEFAULT_HEDGE_SIDE } from "../../../scripts/deploy/hedgeSide.js";
import { deployHedgeSide } from "../../../scripts/deploy/deployHedgeSide.js";
import type { ChainSnapshot } from "../../src/chain/readVaults.js";
import { createKeeper } from "../../src/createKeeper.js";
import {
  DAY,
  deployHedgeSystem,
  type HedgeSystem,
  KEEPER_KEY,
  quietCalendar,
} from "../support/hedgeSystem.js";

/** The keeper over the in-process network's provider, with a calendar that holds no event. */
const inProcessKeeper = (
  conn: Awaited<ReturnType<typeof network.create>>,
  vault: string,
): ReturnType<typeof createKeeper> =>
  createKeeper({
    vaults: [vault],
    privateKey: KEEPER_KEY,
    transport: { kind: "eip1193", provider: conn.provider },
    calendar: quietCalendar(),
  });

describe("createKeeper over Hardhat's in-process network (EIP-1193)", function () {
  this.timeout(120_000);
  let conn: Awaited<ReturnType<typeof network.create>>;
  let sys: HedgeSystem;

  before(async () => {
    conn = await network.create();
    sys = await deployHedgeSystem(conn);
  });

  it("opens the three layers and the condor, then idles (one request per idle cycle)", async () => {
    const keeper = await inProcessKeeper(conn, sys.vaultAddress);
    const first = await keeper.runCycle();
    expect(first.failed, JSON.stringify(first.failed)).to.deep.equal([]);
    expect(first.sent.map((s) => s.label)).to.include.members([
      "RollLayer L1",
      "RollLayer L2",
      "RollLayer L3",
      "OpenCondor",
    ]);
    for (const s of first.sent) expect(s.gasUsed > 0n).to.equal(true);
    const state = await sys.hedge.keeperState();
    expect(state.layers.every((l) => l.size > 0n)).to.equal(true);
    expect(state.putLeg.size > 0n && state.callLeg.size > 0n).to.equal(true);
    // The plan's layer sizes are the vault's, to the unit (the ladder sized to the condor's stress loss).
    const planned = first.planned.flatMap((p) => (p.action.type === "RollLayer" ? [p.action] : []));
    const rolled = await sys.hedge.queryFilter(sys.hedge.filters.LayerRolled());
    expect(planned).to.have.length(3);
    for (const a of planned) {
      const event = rolled.find((e) => Number(e.args.layer) === a.layer)!;
      expect(event.args.size, `L${a.layer + 1}`).to.equal(a.size);
      expect(state.layers[a.layer]!.size).to.equal(a.size);
    }
    const idle = await keeper.runCycle();
    expect(idle.planned).to.deep.equal([]);
    expect(idle.rpcRequests).to.be.at.most(2);
    await keeper.close();
  });

  it("hands each cycle's read to onSnapshot: the block it planned from and the vault's keeperState there", async () => {
    const snapshots: ChainSnapshot[] = [];
    const keeper = await createKeeper({
      vaults: [sys.vaultAddress],
      privateKey: KEEPER_KEY,
      transport: { kind: "eip1193", provider: conn.provider },
      calendar: quietCalendar(),
      onSnapshot: (s) => snapshots.push(s),
    });
    const idle = await keeper.runCycle(); // the layers and the condor are open: nothing to send
    expect(idle.sent).to.deep.equal([]);
    expect(snapshots).to.have.length(1);
    const [read] = snapshots as [ChainSnapshot];
    expect(read.blockNumber).to.equal(idle.blockNumber);
    expect(read.blockNumber).to.equal(await conn.ethers.provider.getBlockNumber());
    expect(read.vaults.map((v) => v.addresses.vault)).to.deep.equal([sys.vaultAddress]);
    const now = await sys.hedge.keeperState();
    expect(read.vaults[0]!.state.nav).to.equal(now.nav);
    expect(read.vaults[0]!.state.layers.map((l) => l.seriesId)).to.deep.equal(
      now.layers.map((l) => l.seriesId),
    );
    await keeper.runCycle();
    expect(snapshots).to.have.length(2);
    await keeper.close();
  });
});

describe("createKeeper: dry run and monetisation (in-process)", function () {
  this.timeout(120_000);

  it("dry run plans without sending; a volatility spike monetises the layers it pushed deep in the money", async () => {
    const conn = await network.create();
    const sys = await deployHedgeSystem(conn);
    const options = {
      vaults: [sys.vaultAddress],
      privateKey: KEEPER_KEY,
      transport: { kind: "eip1193" as const, provider: conn.provider },
      calendar: quietCalendar(),
    };
    const dry = await createKeeper({ ...options, dryRun: true });
    const planned = await dry.runCycle();
    expect(planned.planned.length).to.equal(4);
    expect(planned.sent).to.deep.equal([]);
    expect((await sys.hedge.keeperState()).layers.every((l) => l.size === 0n)).to.equal(true);
    await dry.close();

    const keeper = await createKeeper(options);
    await keeper.runCycle();
    const before = await sys.hedge.keeperState();
    const l1 = before.layers[0]!;
    const trigger =
      l1.strikeLow + ((l1.strikeHigh - l1.strikeLow) * before.layerPolicies[0]!.trigger) / 10n ** 18n;
    // Just below L1's on-chain trigger: nothing to do. The keeper's trigger is the on-chain one rounded up
    // to a whole basis point of the lower strike (never early): 2 bp above it, L1 is monetised.
    await sys.advance(DAY + 60n, { vol: trigger - 10n ** 16n });
    expect((await keeper.runCycle()).planned.filter((p) => p.action.type === "MonetiseLayer")).to.deep.equal(
      [],
    );
    await sys.advance(60n, { vol: trigger + trigger / 5_000n });
    const r = await keeper.runCycle();
    expect(r.failed, JSON.stringify(r.failed)).to.deep.equal([]);
    expect(r.sent.map((s) => s.label)).to.include("MonetiseLayer L1");
    expect(r.sent.map((s) => s.label)).to.not.include("RollLayer L1"); // no buying at the top
    const after = await sys.hedge.keeperState();
    expect(after.layers[0]!.size).to.equal(0n);
    expect(after.layers[0]!.reentryLevel).to.equal(l1.strikeLow);
    const events = await sys.hedge.queryFilter(sys.hedge.filters.LayerMonetised(0n));
    expect(events.at(-1)?.args.seriesId).to.equal(l1.seriesId);
    // The next cycles wait (the re-entry delay; the flat test surface is in contango, so then it re-enters).
    const waiting = await keeper.runCycle();
    expect(waiting.planned.filter((p) => p.action.type === "RollLayer")).to.deep.equal([]);
    expect(waiting.warnings.map((w) => w.warning.code)).to.include("ReentryWaiting");
    await sys.advance(5n * DAY);
    const back = await keeper.runCycle();
    expect(back.failed, JSON.stringify(back.failed)).to.deep.equal([]);
    expect(back.sent.map((s) => s.label)).to.include("RollLayer L1");
    await keeper.close();
  });
});

describe("createKeeper: condor management (in-process)", function () {
  this.timeout(120_000);

  it("rolls the tested put side out in time once the equity index reaches the short put; the short put moves down", async () => {
    const conn = await network.create();
    const sys = await deployHedgeSystem(conn);
    const keeper = await inProcessKeeper(conn, sys.vaultAddress);
    await keeper.runCycle();
    const before = await sys.hedge.keeperState();
    const shortPut = before.putLeg.strikeHigh;
    // Just above the short put: held (the default defends at the strike).
    await sys.advance(DAY, { index: (shortPut * 1_005n) / 1_000n });
    expect((await keeper.runCycle()).planned).to.deep.equal([]);
    // A week on, the tenor window's latest grid expiry lies beyond the leg's: the roll goes out in time.
    await sys.advance(7n * DAY, { index: shortPut });
    const r = await keeper.runCycle();
    expect(r.failed, JSON.stringify(r.failed)).to.deep.equal([]);
    expect(
      r.sent.map((s) => s.label),
      JSON.stringify(r.warnings),
    ).to.include("RollCondorSide put");
    const after = await sys.hedge.keeperState();
    expect(after.putLeg.strikeHigh < shortPut).to.equal(true);
    expect(after.putLeg.expiry > before.putLeg.expiry).to.equal(true); // rolled out in time
    expect(after.callLeg.strikeLow).to.equal(before.callLeg.strikeLow);
    await keeper.close();
  });
});

describe("createKeeper: 'due' and 'valid' as the contracts see them (in-process)", function () {
  this.timeout(120_000);

  it("a fresh vault (NAV 0) gets no OpenCondor or roll planned: one info warning, nothing fails", async () => {
    const conn = await network.create();
    const side = await deployHedgeSide(conn, DEFAULT_HEDGE_SIDE);
    const keeper = await inProcessKeeper(conn, await side.hedge.getAddress());
    for (let i = 0; i < 3; i++) {
      const r = await keeper.runCycle();
      expect(r.planned, JSON.stringify(r.planned)).to.deep.equal([]);
      expect(r.failed).to.deep.equal([]);
      expect(r.warnings.map((w) => [w.warning.level, w.warning.code])).to.deep.include([
        "info",
        "VaultEmpty",
      ]);
      expect(r.warnings.map((w) => w.warning.code)).to.not.include("SizeZero");
      // The plan is the same every cycle: only the first one counts as a change (and is logged).
      expect(r.planChanged).to.equal(i === 0);
    }
    await keeper.close();
  });

  /** A seeded vault whose keeper has opened the ladder and the condor; L1's roll is due at `due`. */
  async function openedLadder() {
    const conn = await network.create();
    const sys = await deployHedgeSystem(conn);
    const keeper = await inProcessKeeper(conn, sys.vaultAddress);
    await keeper.runCycle();
    const s = await sys.hedge.keeperState();
    const latest = async (): Promise<bigint> =>
      BigInt((await conn.ethers.provider.getBlock("latest"))!.timestamp);
    /** Moves the clock without pushing anything. */
    const increaseTime = async (seconds: bigint): Promise<void> => {
      await conn.provider.request({ method: "evm_increaseTime", params: [Number(seconds)] });
      await conn.provider.request({ method: "evm_mine", params: [] });
    };
    return {
      conn,
      sys,
      keeper,
      due: s.layers[0]!.expiry - s.layerPolicies[0]!.rollWindow,
      latest,
      increaseTime,
    };
  }

  it("a feed older than the vault's heartbeat (1 day) is stale for the keeper too: no roll planned, no FeedStale failure", async () => {
    const { sys, keeper, due, latest, increaseTime } = await openedLadder();
    // The last rounds 25 hours before L1's roll is due, then no push.
    await sys.advance(due - (await latest()) - 25n * 3_600n);
    await increaseTime(25n * 3_600n);
    const r = await keeper.runCycle();
    expect(r.failed, JSON.stringify(r.failed)).to.deep.equal([]);
    expect(r.planned.filter((p) => p.action.type === "RollLayer")).to.deep.equal([]);
    const critical = r.warnings.filter((w) => w.warning.level === "critical").map((w) => w.warning.code);
    expect(critical).to.include.members(["VolFeedStale", "LayersSkipped", "EquityFeedStale"]);
    // Fresh rounds: the roll is planned and goes through.
    await sys.advance(60n);
    const again = await keeper.runCycle();
    expect(again.failed, JSON.stringify(again.failed)).to.deep.equal([]);
    expect(again.sent.map((x) => x.label)).to.include("RollLayer L1");
    await keeper.close();
  });

  it("a volatility surface older than the pool's surfaceMaxAge (1 day) holds back what would revert SurfaceStale; fresh surfaces let it through", async () => {
    const { conn, sys, keeper, due, latest, increaseTime } = await openedLadder();
    // Up to L1's roll with fresh rounds but no surface since the first cycle (a pusher that pushes only
    // rounds), and a deposit request whose epoch is due: the roll and the epoch would revert SurfaceStale.
    await increaseTime(due - (await latest()) + 60n);
    for (const feed of [sys.volFeed, sys.indexFeed])
      await (await feed.pushRound((await feed.latestRoundData())[1], await latest())).wait();
    const [, , , , alice] = await conn.ethers.getSigners();
    await (await sys.usdc.mint(alice!.address, 1_000_000n)).wait();
    await (await sys.usdc.connect(alice!).approve(sys.vaultAddress, 1_000_000n)).wait();
    await (await sys.hedge.connect(alice!).requestDeposit(1_000_000n, alice!.address, alice!.address)).wait();
    await increaseTime(60n);
    const r = await keeper.runCycle();
    expect(r.failed.map((f) => f.error)).to.deep.equal([]);
    const planned = r.planned.map((p) => p.action.type);
    expect(planned).to.not.include("RollLayer");
    expect(planned).to.not.include("ProcessEpoch");
    const critical = r.warnings.filter((w) => w.warning.level === "critical");
    expect(critical.map((w) => w.warning.code)).to.include.members(["VolSurfaceStale", "EquitySurfaceStale"]);
    expect(critical.find((w) => w.warning.code === "VolSurfaceStale")?.warning.message).to.match(
      /RollLayer L1.* not sent/,
    );
    // The next push brings rounds and surfaces: the roll and the epoch go through.
    await sys.advance(60n);
    const again = await keeper.runCycle();
    expect(again.failed.map((f) => f.error)).to.deep.equal([]);
    expect(again.sent.map((x) => x.label)).to.include.members(["RollLayer L1", "ProcessEpoch"]);
    expect(again.warnings.map((w) => w.warning.code)).to.not.include("VolSurfaceStale");
    await keeper.close();
  });
});
