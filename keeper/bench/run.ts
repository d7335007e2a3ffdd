// Keeper figures (a benchmark, not a test): `npx tsx keeper/bench/run.ts` (from the repo root, after
// `npx hardhat build`). Starts `hardhat node` on 127.0.0.1, deploys the hedge side, and measures:
//   reaction   blocks from the first block in which a layer roll is due to the block holding the keeper's
//              transaction (1-second interval mining; target: the next block);
//   requests   RPC requests (HTTP requests; a JSON-RPC batch counts once) per idle cycle, 1 vault × 3 layers
//              (target ≤ 2);
//   cycle50    idle cycle time managing 50 vaults on one node (target < 1 s);
//   soak       1,000 cycles; resident memory growth (target < 10 %).
// Set KEEPER_BENCH_VAULTS / KEEPER_BENCH_SOAK to change the sizes. Prints a JSON summary.
import { network } from "hardhat";
import { usdc } from "../../scripts/deploy/flashSide.js";
import { DEFAULT_HEDGE_SIDE } from "../../scripts/deploy/hedgeSide.js";
import { HedgeLayerVault__factory } from "../../types/ethers-contracts/index.js";
import { createKeeper, type Keeper } from "../src/createKeeper.js";
import { rpc, startHardhatNode } from "../test/support/hardhatNode.js";
import { DAY, deployHedgeSystem, KEEPER_KEY, quietCalendar } from "../test/support/hedgeSystem.js";

const VAULTS = Number(process.env.KEEPER_BENCH_VAULTS ?? 50);
const SOAK = Number(process.env.KEEPER_BENCH_SOAK ?? 1_000);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const gc = (globalThis as { gc?: () => void }).gc;

async function main(): Promise<void> {
  const node = await startHardhatNode();
  const results: Record<string, unknown> = {};
  const keepers: Keeper[] = [];
  try {
    const conn = await network.create({ network: "localhost", override: { url: node.url } });
    const sys = await deployHedgeSystem(conn);
    const keeperFor = async (vaults: string[]): Promise<Keeper> => {
      const k = await createKeeper({
        vaults,
        privateKey: KEEPER_KEY,
        transport: { kind: "urls", urls: [node.url], chainId: 31337, maxBlockLag: 1_000 },
        calendar: quietCalendar(),
        tx: { confirmations: 1, pollIntervalMs: 100 },
      });
      keepers.push(k);
      return k;
    };

    // ---------------------------------------------------------------- requests per idle cycle
    const one = await keeperFor([sys.vaultAddress]);
    const opened = await one.runCycle();
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) idle.push((await one.runCycle()).rpcRequests);
    results.openingCycle = { sent: opened.sent.map((s) => [s.label, s.gasUsed.toString()]) };
    results.requestsPerIdleCycle = { max: Math.max(...idle), min: Math.min(...idle), cycles: idle.length };

    // ---------------------------------------------------------------- reaction (1 s interval mining)
    await rpc(node.url, "evm_setAutomine", [false]);
    await rpc(node.url, "evm_setIntervalMining", [1_000]);
    const s = await sys.hedge.keeperState();
    const l1 = s.layers[0]!;
    const p1 = s.layerPolicies[0]!;
    const due = l1.expiry - p1.rollWindow;
    const latest = async (): Promise<{ number: number; timestamp: number }> => {
      const b = await rpc<{ number: string; timestamp: string }>(node.url, "eth_getBlockByNumber", [
        "latest",
        false,
      ]);
      return { number: Number(BigInt(b.number)), timestamp: Number(BigInt(b.timestamp)) };
    };
    // Jump to 4 s before the rule becomes due (feeds refreshed), then let blocks come every second.
    await sys.advance(due - 4n - BigInt((await latest()).timestamp));
    let txBlock: number | undefined;
    const deadline = Date.now() + 60_000;
    while (txBlock === undefined && Date.now() < deadline) {
      const r = await one.runCycle();
      const sent = r.sent.find((x) => x.label === "RollLayer L1");
      if (sent !== undefined) txBlock = sent.blockNumber;
      else await sleep(100);
    }
    if (txBlock === undefined) throw new Error("reaction: the roll was not sent within 60 s");
    let dueBlock = txBlock;
    for (let n = txBlock; n > 0; n--) {
      const b = await rpc<{ timestamp: string }>(node.url, "eth_getBlockByNumber", [
        `0x${n.toString(16)}`,
        false,
      ]);
      if (Number(BigInt(b.timestamp)) < Number(due)) break;
      dueBlock = n;
    }
    results.reaction = { dueBlock, txBlock, blocks: txBlock - dueBlock };
    await rpc(node.url, "evm_setIntervalMining", [0]);
    await rpc(node.url, "evm_setAutomine", [true]);

    // ---------------------------------------------------------------- 50 vaults
    const ethers = conn.ethers;
    const [admin, keeperSigner, , , alice] = await ethers.getSigners();
    const vaults = [sys.vaultAddress];
    const args = {
      asset: await sys.usdc.getAddress(),
      pool: await sys.pool.getAddress(),
      flashVault: await sys.vault.getAddress(),
      volFeed: await sys.volFeed.getAddress(),
      indexFeed: await sys.indexFeed.getAddress(),
      feedHeartbeat: DAY,
      tradingCutoff: await sys.pool.TRADING_CUTOFF(),
      governor: admin!.address,
      name: "ALVH hedge vault shares",
      symbol: "alvhUSDC",
    };
    const at = (addr: string) => HedgeLayerVault__factory.connect(addr, admin!);
    const modules = [await sys.hedge.keeperModule(), await sys.hedge.lensModule()];
    const extra = [];
    for (let i = 1; i < VAULTS; i++) {
      const v = await ethers.deployContract("HedgeLayerVault", [
        args,
        modules,
        DEFAULT_HEDGE_SIDE.vaultPolicy,
        DEFAULT_HEDGE_SIDE.condor,
        DEFAULT_HEDGE_SIDE.layers,
      ]);
      const addr = await v.getAddress();
      await (await at(addr).grantRole(await sys.hedge.KEEPER_ROLE(), keeperSigner!.address)).wait();
      await (await sys.usdc.mint(alice!.address, usdc(100_000n))).wait();
      await (await sys.usdc.connect(alice!).approve(addr, ethers.MaxUint256)).wait();
      await (
        await at(addr).connect(alice!).requestDeposit(usdc(100_000n), alice!.address, alice!.address)
      ).wait();
      extra.push(addr);
      vaults.push(addr);
    }
    await sys.advance(DAY);
    for (const addr of extra) {
      await (await at(addr).processEpoch()).wait();
      await (
        await at(addr)
          .connect(alice!)
          ["deposit(uint256,address,address)"](usdc(100_000n), alice!.address, alice!.address)
      ).wait();
    }
    const many = await keeperFor(vaults);
    const busy = await many.runCycle();
    const times: number[] = [];
    const reqs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await many.runCycle();
      times.push(r.durationMs);
      reqs.push(r.rpcRequests);
    }
    results.vaults = {
      count: vaults.length,
      firstCycle: {
        ms: busy.durationMs,
        sent: busy.sent.length,
        failed: busy.failed.length,
        skipped: busy.skipped.length,
      },
      idleCycleMs: {
        max: Math.max(...times),
        median: times.sort((a, b) => a - b)[Math.floor(times.length / 2)],
      },
      idleRequests: Math.max(...reqs),
    };

    // ---------------------------------------------------------------- soak
    const rss: number[] = [];
    const heap: number[] = [];
    const soakStart = Date.now();
    for (let i = 0; i < SOAK; i++) {
      if (i % 100 === 50) await sys.advance(60n); // new feed rounds: the round cache grows and prunes
      await one.runCycle();
      if (i === 50 || i === SOAK - 1) {
        gc?.();
        rss.push(process.memoryUsage().rss);
        heap.push(process.memoryUsage().heapUsed);
      }
    }
    results.soak = {
      cycles: SOAK,
      seconds: (Date.now() - soakStart) / 1000,
      rssAfter50MiB: (rss[0]! / 2 ** 20).toFixed(1),
      rssEndMiB: (rss[1]! / 2 ** 20).toFixed(1),
      growthPct: (((rss[1]! - rss[0]!) / rss[0]!) * 100).toFixed(2),
      heapAfter50MiB: (heap[0]! / 2 ** 20).toFixed(1),
      heapEndMiB: (heap[1]! / 2 ** 20).toFixed(1),
      heapGrowthPct: (((heap[1]! - heap[0]!) / heap[0]!) * 100).toFixed(2),
      gcExposed: gc !== undefined,
    };
  } finally {
    for (const k of keepers) await k.close();
    await node.stop();
  }
  console.log(JSON.stringify(results, null, 2));
}

await main();
