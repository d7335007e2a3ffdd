import { expect } from "chai";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { network } from "hardhat";
import {
  advanceTo,
  hasEvent,
  layerDueAt,
  layerRolls,
  requestDeposit,
  writeKeeperConfig,
} from "../support/cliHarness.js";
import { type FaultProxy, startFaultProxy } from "../support/faultProxy.js";
import { type HardhatNode, rpc, startHardhatNode } from "../support/hardhatNode.js";
import { DAY, deployHedgeSystem, type HedgeSystem, KEEPER_KEY, KEEPER2_KEY } from "../support/hedgeSystem.js";
import { type KeeperProcess, runKeeper, startKeeper } from "../support/keeperProcess.js";

interface PlanJson {
  vault: string;
  plan: { actions: Array<{ type: string; layer?: number }> };
}

describe("keeper CLI as a separate process against hardhat node (1 s interval mining)", function () {
  this.timeout(240_000);
  let node: HardhatNode;
  let sys: HedgeSystem;
  let dir: string;
  const proxies: FaultProxy[] = [];
  const procs: KeeperProcess[] = [];

  const writeConfig = (name: string, rpcUrls: string[], extra: Record<string, unknown> = {}): string =>
    writeKeeperConfig(dir, name, { vaults: [sys.vaultAddress], rpcUrls, ...extra });
  const env1 = { KEEPER_PRIVATE_KEY: KEEPER_KEY };
  const env2 = { KEEPER_PRIVATE_KEY: KEEPER2_KEY };
  const advance = (t: bigint): Promise<void> => advanceTo(sys, node.url, t);
  const rolls = (layer: number): Promise<number> => layerRolls(sys, layer);
  const dueAt = (layer: number): Promise<bigint> => layerDueAt(sys, layer);
  const dryRun = async (config: string): Promise<PlanJson[]> => {
    const r = await runKeeper(["--config", config, "--dry-run", "--json"], env1);
    expect([0, 3], r.output).to.include(r.code);
    return JSON.parse(r.stdout) as PlanJson[];
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "keeper-it-"));
    node = await startHardhatNode();
    const conn = await network.create({ network: "localhost", override: { url: node.url } });
    sys = await deployHedgeSystem(conn);
    const [, , , , , second] = await conn.ethers.getSigners();
    if (second === undefined) throw new Error("need 6 signers");
    await (await sys.hedge.grantRole(await sys.hedge.KEEPER_ROLE(), second.address)).wait();
    await rpc(node.url, "evm_setAutomine", [false]);
    await rpc(node.url, "evm_setIntervalMining", [1_000]);
  });

  after(async () => {
    for (const p of procs) await p.kill();
    for (const p of proxies) await p.close();
    await node?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("opens the ladder, then rolls L1 only once it is due (not an hour before)", async () => {
    const config = writeConfig("direct", [node.url]);
    const first = await runKeeper(["--config", config, "--once"], env1);
    expect(first.code, first.output).to.equal(0);
    const s = await sys.hedge.keeperState();
    expect(s.layers.every((l) => l.size > 0n)).to.equal(true);
    expect(s.putLeg.size > 0n && s.callLeg.size > 0n).to.equal(true);

    const due = await dueAt(0);
    await advance(due - 3_600n);
    const early = await dryRun(config);
    expect(early[0]?.plan.actions.filter((a) => a.type === "RollLayer")).to.deep.equal([]);

    await advance(due + 60n);
    const late = await dryRun(config);
    expect(late[0]?.plan.actions.map((a) => [a.type, a.layer])).to.deep.equal([["RollLayer", 0]]);
    const before = await rolls(0);
    const run = await runKeeper(["--config", config, "--once"], env1);
    expect(run.code, run.output).to.equal(0);
    expect(await rolls(0)).to.equal(before + 1);
    const rolled = (await sys.hedge.queryFilter(sys.hedge.filters.LayerRolled(0))).at(-1);
    const block = await rpc<{ timestamp: string }>(node.url, "eth_getBlockByNumber", [
      `0x${rolled!.blockNumber.toString(16)}`,
      false,
    ]);
    expect(BigInt(block.timestamp) >= due).to.equal(true);
    const confirmed = run.lines.find((l) => l.event === "tx-confirmed");
    const sent = run.lines.find((l) => l.event === "tx-sent");
    expect(confirmed, run.output).to.not.equal(undefined);
    expect(sent).to.not.equal(undefined);
  });

  it("names a reverted action (simulation: AccessControlUnauthorizedAccount) and exits 3", async () => {
    const config = writeConfig("direct", [node.url]);
    await advance((await dueAt(1)) + 60n);
    const role = await sys.hedge.KEEPER_ROLE();
    const [, , , , , second] = await (
      await network.create({ network: "localhost", override: { url: node.url } })
    ).ethers.getSigners();
    await (await sys.hedge.revokeRole(role, second!.address)).wait();
    const r = await runKeeper(["--config", config, "--once"], env2);
    expect(r.code, r.output).to.equal(3);
    expect(r.output).to.match(/AccessControlUnauthorizedAccount\(/);
    await (await sys.hedge.grantRole(role, second!.address)).wait();
  });

  it("two keepers at once: L2 is rolled exactly once, the other keeper skips", async () => {
    const config = writeConfig("direct", [node.url]);
    const before = await rolls(1);
    const [a, b] = await Promise.all([
      runKeeper(["--config", config, "--once"], env1),
      runKeeper(["--config", config, "--once"], env2),
    ]);
    expect(a.code, a.output).to.equal(0);
    expect(b.code, b.output).to.equal(0);
    expect(await rolls(1)).to.equal(before + 1);
    const skipped = [...a.lines, ...b.lines].filter(
      (l) => l.event === "action-skipped" || l.event === "tx-skipped",
    );
    // The loser either skipped (simulation or lost race) or, started late, found nothing to do.
    const idle = [a, b].some((r) => r.lines.some((l) => l.event === "cycle" && l.planned === 0));
    expect(skipped.length > 0 || idle, a.output + b.output).to.equal(true);
  });

  it("killed right after sending, restarted with no local state: L3 is rolled once", async () => {
    const config = writeConfig("direct", [node.url]);
    await advance((await dueAt(2)) + 60n);
    const before = await rolls(2);
    const p = startKeeper(["--config", config, "--once"], env1);
    procs.push(p);
    await p.waitFor(hasEvent("tx-sent"), 30_000);
    await p.kill();
    const again = await runKeeper(["--config", config, "--once"], env1);
    expect(again.code, again.output).to.equal(0);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await rolls(2)).to.equal(before + 1);
  });

  it("replaces an underpriced transaction (base fee jump) with a ≥ 12.5 % bump and gets it mined", async () => {
    const config = writeConfig("direct", [node.url], {});
    await requestDeposit(sys, node.url);
    await sys.advance(DAY);
    const epoch = (await sys.hedge.currentEpoch())[0];
    // No block until the fee jump is in place (deterministic): mining resumes right after it.
    await rpc(node.url, "evm_setIntervalMining", [0]);
    const p = startKeeper(["--config", config, "--once"], env1);
    procs.push(p);
    try {
      await p.waitFor(hasEvent("tx-sent"), 30_000);
      await rpc(node.url, "hardhat_setNextBlockBaseFeePerGas", [`0x${(60n * 10n ** 9n).toString(16)}`]);
    } finally {
      await rpc(node.url, "evm_setIntervalMining", [1_000]);
    }
    const replaced = await p.waitFor(hasEvent("tx-replaced"), 30_000);
    await p.waitFor(hasEvent("tx-confirmed"), 30_000);
    expect(await p.exited, p.output()).to.equal(0);
    expect(replaced.label).to.match(/^ProcessEpoch/);
    expect((await sys.hedge.currentEpoch())[0]).to.equal(epoch + 1n);
  });

  it("daemon through two fault-injecting proxies: survives drops, timeouts, 429, wrong chain id, a stale node; finishes the tx in flight on SIGTERM", async () => {
    const a = await startFaultProxy(node.url);
    const b = await startFaultProxy(node.url);
    proxies.push(a, b);
    // Idle cycles log at debug: this test counts every cycle.
    const config = writeConfig("proxied", [a.url, b.url], { log: { level: "debug" } });
    const p = startKeeper(["--config", config], env1);
    procs.push(p);
    const cycles = (): number =>
      p.lines.filter((l) => l.event === "cycle" || l.event === "cycle-failed").length;
    const nextCycle = async (): Promise<void> => {
      const n = cycles();
      await p.waitFor(() => cycles() > n, 20_000);
    };
    const started = await p.waitFor(hasEvent("started"), 30_000);
    await p.waitFor(hasEvent("cycle"), 30_000);
    const metricsUrl = String(started.metrics);
    const metrics = await (await fetch(`${metricsUrl}/metrics`)).text();
    for (const name of [
      "alvh_keeper_cycle_seconds",
      "alvh_keeper_wallet_balance_wei",
      "alvh_keeper_feed_age_seconds",
    ])
      expect(metrics).to.include(name);
    expect((await fetch(`${metricsUrl}/health`)).status).to.equal(200);
    // Each fault hits the endpoint in use: A → B → A → B, then both bad (the cycle fails), then clear.
    for (const [fa, fb] of [
      ["drop", null],
      [null, "http429"],
      ["timeout", null],
      ["wrongChainId", "drop"],
      ["stale", "drop"],
    ] as const) {
      a.setFault(fa);
      b.setFault(fb);
      await nextCycle();
      await nextCycle();
    }
    a.setFault(null);
    b.setFault(null);
    await p.waitFor((l) => l.event === "cycle" && p.lines.indexOf(l) > p.lines.length - 3, 30_000);
    const failovers = p.lines.filter((l) => l.event === "rpc-failover").map((l) => String(l.reason));
    for (const why of ["network", "timeout", "rate-limited", "wrong-chain", "stale"])
      expect(
        failovers.some((r) => r.includes(why)),
        `${why} in ${failovers.join("\n")}`,
      ).to.equal(true);

    // Recovered: a new due action is still done by the daemon.
    await requestDeposit(sys, node.url);
    const epoch = (await sys.hedge.currentEpoch())[0];
    await sys.advance(DAY);
    // SIGTERM right after the send: the transaction in flight is confirmed, then the daemon stops.
    await p.waitFor((l) => l.event === "tx-sent" && String(l.label).startsWith("ProcessEpoch"), 30_000);
    p.signal("SIGTERM");
    expect(await p.exited, p.output()).to.equal(0);
    const confirmedAt = p.lines.findIndex(
      (l) => l.event === "tx-confirmed" && String(l.label).startsWith("ProcessEpoch"),
    );
    const stoppingAt = p.lines.findIndex(hasEvent("stopping"));
    const stoppedAt = p.lines.findIndex(hasEvent("stopped"));
    expect(confirmedAt, p.output()).to.be.greaterThan(-1);
    expect(stoppingAt).to.be.greaterThan(-1);
    expect(stoppedAt).to.be.greaterThan(confirmedAt);
    expect((await sys.hedge.currentEpoch())[0]).to.equal(epoch + 1n);
  });
});
