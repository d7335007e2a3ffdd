import { expect } from "chai";
import { network } from "hardhat";
import type {
  FeedReaderHarness,
  IndexFeed,
  PhasedAggregatorProxyMock,
} from "../../types/ethers-contracts/index.js";

const { ethers, networkHelpers } = await network.create();

const ROUNDS = 1000n;
const HOUR = 3600n;

/** Gas figures for docs/oracle.md; printed with `npx hardhat test mocha test/oracle/FeedGas.test.ts`. */
describe("oracle gas (1,000 rounds)", function () {
  it("pushRound stays cheap and a settlement lookup stays logarithmic", async function () {
    const [admin] = await ethers.getSigners();
    const feed = (await ethers.deployContract("IndexFeed", [
      admin!.address,
      "VIX / USD-like index",
      1n,
      10n ** 12n,
    ])) as unknown as IndexFeed;
    await feed.grantRole(await feed.REPORTER_ROLE(), admin!.address);
    const harness = (await ethers.deployContract("FeedReaderHarness")) as unknown as FeedReaderHarness;
    const proxy = (await ethers.deployContract(
      "PhasedAggregatorProxyMock",
      [8],
    )) as unknown as PhasedAggregatorProxyMock;

    const base = BigInt(await networkHelpers.time.latest()) - 2n * ROUNDS * HOUR;
    const pushGas: bigint[] = [];
    for (let k = 1n; k <= ROUNDS; k++) {
      const tx = await feed.pushRound(1_500_000_000n + k, base + k * HOUR);
      const receipt = await tx.wait();
      pushGas.push(receipt!.gasUsed);
      await proxy.pushRound(1_500_000_000n + k, base + k * HOUR);
    }
    // The proxy gets a second phase so that lookups in phase 1 gallop over an unknown last round id.
    await proxy.startNewPhase();
    await proxy.pushRound(1_600_000_000n, base + (ROUNDS + 1n) * HOUR);

    const lookups = async (target: Parameters<typeof harness.settlement>[0]): Promise<bigint[]> => {
      const gas: bigint[] = [];
      for (const k of [1n, 2n, 333n, 500n, 501n, 777n, 999n, ROUNDS]) {
        const [price18, roundId] = await harness.settlement(target, base + k * HOUR - 1n, HOUR);
        expect(price18).to.equal((1_500_000_000n + k) * 10n ** 10n);
        expect(roundId & ((1n << 64n) - 1n)).to.equal(k);
        gas.push(await harness.settlement.estimateGas(target, base + k * HOUR - 1n, HOUR));
      }
      return gas;
    };
    const indexGas = await lookups(feed);
    const proxyGas = await lookups(proxy);
    const stats = (xs: bigint[]) => ({
      min: xs.reduce((a, b) => (a < b ? a : b)),
      max: xs.reduce((a, b) => (a > b ? a : b)),
    });

    const push = stats(pushGas.slice(1));
    console.log(`      pushRound: first ${pushGas[0]}, later min ${push.min} max ${push.max} (tx gas)`);
    const ig = stats(indexGas);
    console.log(`      settlement, IndexFeed 1,000 rounds: ${ig.min}..${ig.max} (estimateGas, incl. 21,000)`);
    const pg = stats(proxyGas);
    console.log(`      settlement, proxy phase 1 of 2 (1,000 rounds): ${pg.min}..${pg.max} (estimateGas)`);

    expect(push.max).to.be.lessThan(70_000n);
    expect(ig.max).to.be.lessThan(120_000n);
    expect(pg.max).to.be.lessThan(300_000n);
  });
});
