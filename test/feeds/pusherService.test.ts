import { expect } from "chai";
import { id, Wallet } from "ethers";
import { network } from "hardhat";
import { type Fault, type FaultProxy, startFaultProxy } from "../../keeper/test/support/faultProxy.js";
import { type HardhatNode, rpc, startHardhatNode } from "../../keeper/test/support/hardhatNode.js";
import { NotReporterError } from "../../scripts/feeds/feedPusher.js";
import { listSource, type ObservationSource } from "../../scripts/feeds/observations.js";
import type { IndexValues } from "../../scripts/feeds/pushIndexValues.js";
import { type IndexFeed, IndexFeed__factory } from "../../types/ethers-contracts/index.js";
import { createTestPusher, type TestPusher } from "./pusherHarness.js";

const level = (x: number): bigint => BigInt(Math.round(x * 1e8));

describe("feed pusher service against hardhat node, through fault-injecting proxies", function () {
  this.timeout(120_000);
  let node: HardhatNode;
  let vix: IndexFeed;
  let spx: IndexFeed;
  let reporter: Wallet;
  const proxies: FaultProxy[] = [];

  before(async () => {
    node = await startHardhatNode();
    const { ethers } = await network.create({ network: "localhost", override: { url: node.url } });
    const [admin] = await ethers.getSigners();
    if (admin === undefined) throw new Error("no signer");
    reporter = new Wallet(Wallet.createRandom().privateKey);
    await rpc(node.url, "hardhat_setBalance", [reporter.address, `0x${(10n ** 20n).toString(16)}`]);
    const deploy = async (what: string, max: bigint): Promise<IndexFeed> => {
      const feed = await new IndexFeed__factory(admin).deploy(admin.address, what, level(1), max);
      await feed.waitForDeployment();
      await (await feed.grantRole(id("REPORTER_ROLE"), reporter.address)).wait();
      return feed;
    };
    vix = await deploy("VIX-like", level(500));
    spx = await deploy("SPX-like", level(100_000));
  });

  after(async () => {
    for (const p of proxies) await p.close();
    await node?.stop();
  });

  const pusher = (urls: string[], signer: Wallet = reporter): TestPusher =>
    createTestPusher(urls, signer, { vix: vix.target as string, spx: spx.target as string });

  /** Hands out `values`; before observation i is handed out, `faults[i]` is set on the proxies. */
  function faultySource(
    values: IndexValues[],
    faults: Record<number, () => void>,
  ): ObservationSource & { handedOut: () => number } {
    let i = 0;
    return {
      handedOut: () => i,
      next: async () => {
        faults[i]?.();
        return values[i++] ?? null;
      },
    };
  }

  it("pushes every observation through drops, timeouts, HTTP 500s, both endpoints down and garbage; never gives up", async () => {
    const a = await startFaultProxy(node.url);
    const b = await startFaultProxy(node.url);
    proxies.push(a, b);
    const set = (fa: Fault | null, fb: Fault | null) => () => {
      a.setFault(fa);
      b.setFault(fb);
    };
    const values = Array.from({ length: 7 }, (_, k) => ({ vix: level(20 + k), spx: level(5_000 + 10 * k) }));
    const before = await vix.latestRound();
    const source = faultySource(values, {
      1: set("drop", null),
      2: set("timeout", null),
      3: () => {
        // Both endpoints fail for ~1.5 s: every attempt in that time ends in RpcUnavailableError.
        set("http500", "drop")();
        setTimeout(set(null, null), 1_500);
      },
      4: set(null, "garbage"),
      5: set("garbage", null),
      6: set(null, null),
    });
    const { pusher: p, lines } = pusher([a.url, b.url]);
    const pushes = await p.run(source, { intervalSeconds: 0.05, maxPushes: 0 });
    expect(pushes).to.equal(values.length);
    expect((await vix.latestRound()) - before).to.equal(BigInt(values.length));
    const [, vixNow] = await vix.latestRoundData();
    const [, spxNow] = await spx.latestRoundData();
    expect([vixNow, spxNow]).to.deep.equal([values.at(-1)?.vix, values.at(-1)?.spx]);
    const retries = lines.filter((l) => l.event === "push-retry");
    expect(retries.length, JSON.stringify(lines)).to.be.greaterThan(0);
    expect(retries.some((l) => l.errorType === "RpcUnavailableError")).to.equal(true);
    expect(lines.filter((l) => l.event === "pushed")).to.have.length(values.length);
  });

  it("a value the feed refuses is skipped, the next one pushed; an account without REPORTER_ROLE stops it at once", async () => {
    const { pusher: p, lines } = pusher([node.url]);
    const pushes = await p.run(
      listSource([
        { vix: level(900), spx: level(5_000) }, // above the VIX feed's bound (500)
        { vix: level(21), spx: level(5_010) },
      ]),
      { intervalSeconds: 0, maxPushes: 0 },
    );
    expect(pushes).to.equal(1); // interval 0: one push, then return
    const skipped = lines.find((l) => l.event === "value-skipped");
    expect(String(skipped?.error)).to.match(/^VIX 900\.00 refused by the feed: IndexFeedAnswerOutOfBounds\(/);
    expect((await vix.latestRoundData())[1]).to.equal(level(21));

    const stranger = new Wallet(Wallet.createRandom().privateKey);
    await rpc(node.url, "hardhat_setBalance", [stranger.address, `0x${(10n ** 20n).toString(16)}`]);
    const err = await pusher([node.url], stranger)
      .pusher.run(listSource([{ vix: level(22), spx: level(5_020) }]), { intervalSeconds: 0, maxPushes: 0 })
      .catch((e: unknown) => e);
    expect(err).to.be.instanceOf(NotReporterError);
    expect((err as Error).message).to.include(`account ${stranger.address} lacks REPORTER_ROLE on feed`);
  });
});
