import { expect } from "chai";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { id, Wallet } from "ethers";
import { network } from "hardhat";
import OptionPoolModule from "../../ignition/modules/OptionPool.js";
import { volOracleInterface } from "../../keeper/src/chain/contracts.js";
import { type FaultProxy, startFaultProxy } from "../../keeper/test/support/faultProxy.js";
import { type HardhatNode, REPO_ROOT, rpc, startHardhatNode } from "../../keeper/test/support/hardhatNode.js";
import { childEnv } from "../../keeper/test/support/keeperProcess.js";
import { gridExpiry } from "../../scripts/deploy/hedgeSide.js";
import { NotVolOracleError } from "../../scripts/feeds/feedPusher.js";
import { listSource, type Observation } from "../../scripts/feeds/observations.js";
import { observationSurfaces } from "../../scripts/feeds/observationSurfaces.js";
import { DEFAULT_SURFACE_LIMITS } from "../../scripts/volatility/index.js";
import type { IndexFeed, OptionPool, VolSurfaceOracle } from "../../types/ethers-contracts/index.js";
import { createTestPusher, type LogLine } from "./pusherHarness.js";

const DEPLOYMENT_ID = "pusher-surfaces-test";
const WAD = 10n ** 18n;
const DAY = 86_400;
const level = (x: number): bigint => BigInt(Math.round(x * 1e8));
const observation = (vix: number, spx: number, extra: Observation["extra"] = {}): Observation => ({
  vix: level(vix),
  spx: level(spx),
  extra,
});

describe("feed pusher: volatility surfaces beside the index rounds, against hardhat node", function () {
  this.timeout(180_000);
  let node: HardhatNode;
  let conn: Awaited<ReturnType<typeof network.create>>;
  let vixFeed: IndexFeed;
  let spxFeed: IndexFeed;
  let oracle: VolSurfaceOracle;
  let pool: OptionPool;
  let reporter: Wallet;
  let feeds: { vix: string; spx: string };
  const proxies: FaultProxy[] = [];

  const fund = (address: string) =>
    rpc(node.url, "hardhat_setBalance", [address, `0x${(10n ** 20n).toString(16)}`]);
  const surfacePusher = (urls = [node.url], signer = reporter, extra = {}) =>
    createTestPusher(urls, signer, feeds, { volOracle: oracle.target as string, ...extra });
  const surfaceTime = async (feed: IndexFeed): Promise<bigint> => (await oracle.surface(feed.target))[0];
  const roundTime = async (feed: IndexFeed): Promise<bigint> => (await feed.latestRoundData())[3];
  const now = async (): Promise<bigint> => BigInt((await conn.ethers.provider.getBlock("latest"))!.timestamp);
  const events = (lines: LogLine[], event: string) => lines.filter((l) => l.event === event);

  before(async () => {
    node = await startHardhatNode();
    conn = await network.create({ network: "localhost", override: { url: node.url } });
    reporter = new Wallet(Wallet.createRandom().privateKey);
    await fund(reporter.address);
    rmSync(join(REPO_ROOT, "ignition", "deployments", DEPLOYMENT_ID), { recursive: true, force: true });
    // The Feeds module grants REPORTER_ROLE and VOL_ORACLE_ROLE to its "reporter"; the OptionPool module
    // registers both feeds with a 1-day heartbeat and a 1-day surfaceMaxAge.
    const d = await conn.ignition.deploy(OptionPoolModule, {
      parameters: { Feeds: { reporter: reporter.address } },
      deploymentId: DEPLOYMENT_ID,
    });
    const at = async (c: { getAddress(): Promise<string> }) => c.getAddress();
    vixFeed = await conn.ethers.getContractAt("IndexFeed", await at(d.vixFeed));
    spxFeed = await conn.ethers.getContractAt("IndexFeed", await at(d.spxFeed));
    oracle = await conn.ethers.getContractAt("VolSurfaceOracle", await at(d.volOracle));
    pool = await conn.ethers.getContractAt("OptionPool", await at(d.pool));
    feeds = { vix: vixFeed.target as string, spx: spxFeed.target as string };
  });

  after(async () => {
    for (const p of proxies) await p.close();
    await node?.stop();
    rmSync(join(REPO_ROOT, "ignition", "deployments", DEPLOYMENT_ID), { recursive: true, force: true });
  });

  it("pushes both surfaces at the rounds' time; the pool can then quote both feeds, and cannot once they age out", async () => {
    expect(await surfaceTime(vixFeed)).to.equal(0n);
    const { pusher, lines } = surfacePusher();
    const first = observation(38.57, 5186.33, { vix3m: 28.63, vvix: 147.62 });
    expect(await pusher.run(listSource([first]), { intervalSeconds: 0, maxPushes: 0 })).to.equal(1);
    const t = await roundTime(vixFeed);
    expect([await roundTime(spxFeed), await surfaceTime(vixFeed), await surfaceTime(spxFeed)]).to.deep.equal([
      t,
      t,
      t,
    ]);
    // What is on-chain is what the oracle module built from the observation (VIX6M modelled).
    const built = observationSurfaces(first, Number(t));
    const pillars = async (feed: IndexFeed) =>
      (await oracle.surface(feed.target))[1].map((p) => [
        p.tenor,
        p.forwardFactor,
        p.atmVol,
        p.skew,
        p.curvature,
      ]);
    const expected = (s: typeof built.vix) =>
      s.pillars.map((p) => [BigInt(p.tenor), p.forwardFactor, p.atmVol, p.skew, p.curvature]);
    expect(await pillars(vixFeed)).to.deep.equal(expected(built.vix));
    expect(await pillars(spxFeed)).to.deep.equal(expected(built.spx));
    const pushed = events(lines, "pushed");
    expect(pushed).to.have.length(1);
    expect(pushed[0]).to.deep.include({
      modelled: ["vix6m"],
      surfaces: "SPX pushed, VIX pushed (VIX6M modelled)",
    });
    expect(String(pushed[0]!.msg)).to.match(/; surfaces SPX pushed, VIX pushed \(VIX6M modelled\)$/);

    // The pool quotes a 15 %/50 % out-of-the-money VIX call spread and a 10 %/5 % S&P put spread, 30 days out.
    const expiry = gridExpiry((await now()) + 30n * BigInt(DAY));
    const listed = async (feed: IndexFeed, kind: number, low: bigint, high: bigint): Promise<bigint> => {
      const seriesId = await pool.listSeries.staticCall(feed.target, kind, low, high, expiry);
      await (await pool.listSeries(feed.target, kind, low, high, expiry)).wait();
      return seriesId;
    };
    const vixCall = await listed(vixFeed, 0, (3857n * WAD * 115n) / 10_000n, (3857n * WAD * 150n) / 10_000n);
    const spxPut = await listed(spxFeed, 1, 4_660n * WAD, 4_920n * WAD);
    for (const series of [vixCall, spxPut]) {
      const [ask, bid] = await pool.quote(series, WAD);
      expect(ask > bid && bid > 0n, `ask ${ask} bid ${bid}`).to.equal(true);
    }

    // A day and an hour later, rounds without surfaces (an index-only pusher): the surfaces are stale.
    await rpc(node.url, "evm_increaseTime", [DAY + 3_600]);
    await rpc(node.url, "evm_mine");
    await createTestPusher([node.url], reporter, feeds).pusher.run(listSource([observation(39, 5180)]), {
      intervalSeconds: 0,
      maxPushes: 0,
    });
    await expect(pool.quote(vixCall, WAD))
      .to.be.revertedWithCustomError(pool, "SurfaceStale")
      .withArgs(vixFeed.target, t, DAY);
    await expect(pool.quote(spxPut, WAD)).to.be.revertedWithCustomError(pool, "SurfaceStale");
    // The next observation brings fresh surfaces: quotes again.
    await surfacePusher().pusher.run(listSource([observation(39.5, 5175)]), {
      intervalSeconds: 0,
      maxPushes: 0,
    });
    expect((await pool.quote(vixCall, WAD))[0] > 0n).to.equal(true);
    expect((await pool.quote(spxPut, WAD))[0] > 0n).to.equal(true);
  });

  it("a failed surface step is retried alone (through the fault proxy): the rounds are not pushed again", async () => {
    const proxy = await startFaultProxy(node.url);
    proxies.push(proxy);
    // Every request carrying pushSurface's selector (simulation, estimate, raw transaction) is dropped 8 times:
    // both surface pushes fail their 4 attempts once, then go through on the pusher's retry.
    proxy.failMatching(volOracleInterface.getFunction("pushSurface")!.selector, 8, "drop");
    const rounds = await vixFeed.latestRound();
    const { pusher, lines } = surfacePusher([proxy.url]);
    expect(
      await pusher.run(listSource([observation(21, 5_300)]), { intervalSeconds: 0, maxPushes: 0 }),
    ).to.equal(1);
    expect(await vixFeed.latestRound()).to.equal(rounds + 1n);
    const t = await roundTime(vixFeed);
    expect([await surfaceTime(vixFeed), await surfaceTime(spxFeed)]).to.deep.equal([t, t]);
    const retries = events(lines, "push-retry");
    expect(retries.length, JSON.stringify(lines)).to.be.greaterThan(0);
    expect(retries.every((r) => r.step === "surfaces")).to.equal(true);
    expect(retries[0]).to.deep.include({
      errorType: "RpcUnavailableError",
      modelled: ["vix3m", "vix6m", "vvix"],
    });
    expect(events(lines, "pushed")).to.have.length(1);
  });

  it("a surface the oracle module or the contract refuses is skipped with a logged error; rounds and the next surfaces go on", async () => {
    // The module run with looser bounds than the contract's: a forward factor above 5 passes off-chain and is
    // refused on-chain (SurfaceFieldOutOfBounds), which stands for any disagreement between the two.
    const { pusher, lines } = surfacePusher([node.url], reporter, {
      oracleSettings: { limits: { ...DEFAULT_SURFACE_LIMITS, maxForwardFactor: 50 } },
    });
    const rounds = await vixFeed.latestRound();
    const pushes = await pusher.run(
      listSource([
        observation(30, 5_000, { vix3m: 10 }), // VIX3M² · 93 < VIX² · 30: the module refuses the inputs
        observation(3, 5_100, { vix3m: 20 }), // VIX futures at 8-10 × spot: the contract refuses
        observation(20, 5_200),
      ]),
      { intervalSeconds: 0.05, maxPushes: 0 },
    );
    expect(pushes).to.equal(3);
    expect(await vixFeed.latestRound()).to.equal(rounds + 3n);
    const skipped = events(lines, "surface-skipped");
    expect(skipped.map((s) => s.feeds)).to.deep.equal(["VIX and SPX", "VIX"]);
    expect(String(skipped[0]!.error)).to.match(
      /^surfaces of \d{4}-\d\d-\d\d refused by the oracle module: market inputs .*: vix3m 10 after vix 30 implies a negative forward variance/,
    );
    expect(skipped[0]!.modelled).to.deep.equal(["vix6m", "vvix"]);
    expect(String(skipped[1]!.error)).to.match(/^refused by the oracle: SurfaceFieldOutOfBounds\(/);
    expect(events(lines, "pushed").map((l) => l.surfaces)).to.deep.equal([
      "skipped (VIX6M, VVIX modelled)",
      "SPX pushed, VIX refused (VIX6M, VVIX modelled)",
      "SPX pushed, VIX pushed (VIX3M, VIX6M, VVIX modelled)",
    ]);
    const t = await roundTime(vixFeed);
    expect([await surfaceTime(vixFeed), await surfaceTime(spxFeed)]).to.deep.equal([t, t]);
  });

  it("an account without VOL_ORACLE_ROLE stops it at once, naming the role and the account (the script: exit 2, one line)", async () => {
    const reporterOnly = new Wallet(Wallet.createRandom().privateKey);
    await fund(reporterOnly.address);
    const deployer = (await conn.ethers.getSigners())[0]!;
    for (const feed of [vixFeed, spxFeed])
      await (await feed.connect(deployer).grantRole(id("REPORTER_ROLE"), reporterOnly.address)).wait();
    const rounds = await vixFeed.latestRound();
    const surfaces = await surfaceTime(vixFeed);
    const message = `account ${reporterOnly.address} lacks VOL_ORACLE_ROLE on the volatility-surface oracle ${oracle.target as string}: grant it (the Feeds module's "reporter" parameter) or push with the role holder's key`;
    const err = await surfacePusher([node.url], reporterOnly)
      .pusher.run(listSource([observation(22, 5_020)]), { intervalSeconds: 0, maxPushes: 0 })
      .catch((e: unknown) => e);
    expect(err).to.be.instanceOf(NotVolOracleError);
    expect((err as Error).message).to.equal(message);
    // The rounds of that observation went through (REPORTER_ROLE); no surface did.
    expect(await vixFeed.latestRound()).to.equal(rounds + 1n);
    expect(await surfaceTime(vixFeed)).to.equal(surfaces);

    // The script itself, from a JSON file of market inputs: one line on stderr, exit 2.
    const dir = mkdtempSync(join(tmpdir(), "pusher-"));
    try {
      const inputs = join(dir, "inputs.json");
      writeFileSync(inputs, JSON.stringify([{ date: "2024-08-05", vix: 22.5, spx: 5030, vvix: 120 }]));
      const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
        execFile(
          join(REPO_ROOT, "node_modules", ".bin", "hardhat"),
          ["run", "--no-compile", "--network", "localhost", "scripts/pushFeeds.ts"],
          {
            cwd: REPO_ROOT,
            env: childEnv({
              ALVH_PUSH_SOURCE: "json",
              ALVH_PUSH_INPUTS_JSON: inputs,
              ALVH_PUSH_VIX_FEED: feeds.vix,
              ALVH_PUSH_SPX_FEED: feeds.spx,
              ALVH_PUSH_VOL_ORACLE: oracle.target as string,
              ALVH_PUSH_RPC_URLS: node.url,
              ALVH_PUSH_PRIVATE_KEY: reporterOnly.privateKey,
            }),
          },
          (e, stdout, stderr) => resolve({ code: e === null ? 0 : (e.code as number), stdout, stderr }),
        ),
      );
      expect(run.code, run.stdout + run.stderr).to.equal(2);
      expect(run.stderr).to.equal(`feed pusher: ${message}\n`);
      expect(await vixFeed.latestRound()).to.equal(rounds + 2n);
      expect(await surfaceTime(vixFeed)).to.equal(surfaces);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
