import { expect } from "chai";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { id, Wallet } from "ethers";
import { network } from "hardhat";
import { advanceChain, latestTime } from "../../../scripts/rehearsal/advanceChain.js";
import { rehearsalKey } from "../../../scripts/rehearsal/localhost.js";
import type { RehearsalInfo } from "../../../scripts/rehearsal/run.js";
import { grantKeeperRole } from "../../../scripts/rehearsal/setup.js";
import { HedgeLayerVault__factory } from "../../../types/ethers-contracts/index.js";
import { freePort, REPO_ROOT, rpc } from "../support/hardhatNode.js";
import { childEnv } from "../support/keeperProcess.js";

const DEPLOYMENT_ID = "localhost-rehearsal-test";

describe("the local rehearsal (npm run rehearsal): node, Ignition deployment, seed, pusher, keeper", function () {
  this.timeout(300_000);
  let dir: string;
  let launcher: ChildProcess;
  let exited: Promise<number | null>;
  let output = "";
  let info: RehearsalInfo;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "rehearsal-"));
    const [port, market, metrics] = [await freePort(), await freePort(), await freePort()];
    launcher = spawn(
      join(REPO_ROOT, "node_modules", ".bin", "tsx"),
      [
        "scripts/rehearsal/run.ts",
        ...["--port", String(port), "--market-port", String(market), "--metrics-port", String(metrics)],
        ...["--push-interval", "1", "--dir", dir, "--deployment-id", DEPLOYMENT_ID],
      ],
      { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"], env: childEnv({}) },
    );
    exited = new Promise((r) => launcher.once("exit", r));
    launcher.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    launcher.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    const deadline = Date.now() + 180_000;
    while (!output.includes("rehearsal: ready")) {
      if (Date.now() > deadline || launcher.exitCode !== null)
        throw new Error(`rehearsal not ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    info = JSON.parse(readFileSync(join(dir, "rehearsal.json"), "utf8")) as RehearsalInfo;
  });

  after(async () => {
    if (launcher !== undefined && launcher.exitCode === null) {
      launcher.kill("SIGTERM");
      await exited;
    }
    rmSync(join(REPO_ROOT, "ignition", "deployments", DEPLOYMENT_ID), { recursive: true, force: true });
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const keeperLog = (): Array<Record<string, unknown>> =>
    readFileSync(info.logs.keeper, "utf8")
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const vault = () => HedgeLayerVault__factory.connect(info.addresses.hedgeVault);
  const state = async () =>
    vault().interface.decodeFunctionResult(
      "keeperState",
      await rpc<string>(info.rpcUrl, "eth_call", [
        { to: info.addresses.hedgeVault, data: vault().interface.encodeFunctionData("keeperState") },
        "latest",
      ]),
    )[0] as Awaited<ReturnType<ReturnType<typeof vault>["keeperState"]>>;
  const advance = (seconds: number) =>
    advanceChain({
      rpcUrl: info.rpcUrl,
      vault: info.addresses.hedgeVault,
      feeds: { vix: info.addresses.vixFeed, spx: info.addresses.spxFeed },
      volOracle: info.addresses.volOracle,
      seconds,
    });
  const until = async (what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline)
        throw new Error(
          `${what}: not within ${timeoutMs} ms; keeper log tail:\n${readFileSync(info.logs.keeper, "utf8").slice(-3000)}`,
        );
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  it("leaves a chain with one block a second, the pusher pushing and the keeper up (metrics, health)", async () => {
    const a = Number(BigInt(await rpc<string>(info.rpcUrl, "eth_blockNumber")));
    await new Promise((r) => setTimeout(r, 2_500));
    expect(Number(BigInt(await rpc<string>(info.rpcUrl, "eth_blockNumber")))).to.be.greaterThan(a);
    expect(readFileSync(info.logs.pusher, "utf8")).to.include('"event":"pushed"');
    expect((await fetch(`${info.metricsUrl}/health`)).status).to.equal(200);
    expect(output).to.include(`#1 keeper    ${new Wallet(rehearsalKey("keeper")).address}`);
  });

  it("a day later the keeper processes the first epoch and opens the ladder and the condor", async () => {
    await advance(86_400);
    await until("the ladder opened", async () => {
      const s = await state();
      return s.layers.every((l) => l.size > 0n) && s.putLeg.size > 0n;
    });
    expect((await state()).lastNav > 0n).to.equal(true);
  });

  it("weeks later, once L1's roll is due, the keeper rolls it — with no failed action all along", async () => {
    const s = await state();
    const l1 = s.layers[0]!;
    const due = Number(l1.expiry - s.layerPolicies[0]!.rollWindow);
    const weeks = (due - (await latestTime(info.rpcUrl))) / 604_800;
    expect(weeks).to.be.greaterThan(2); // "a few simulated weeks"
    await advance(due - (await latestTime(info.rpcUrl)) + 120);
    await until("L1 rolled", async () => (await state()).layers[0]!.seriesId !== l1.seriesId);
    const rolled = (await state()).layers[0]!;
    expect(rolled.expiry > l1.expiry).to.equal(true);
    const lines = keeperLog();
    expect(lines.filter((l) => l.event === "action-failed")).to.deep.equal([]);
    expect(
      lines.some((l) => l.event === "tx-confirmed" && String(l.label).startsWith("RollLayer L1")),
    ).to.equal(true);
  });

  it("KEEPER_ROLE for another key goes through the timelock (the multisig schedules, anyone executes)", async () => {
    const conn = await network.create({ network: "localhost", override: { url: info.rpcUrl } });
    const second = Wallet.createRandom().address;
    expect(await grantKeeperRole(conn, info.addresses, second)).to.equal(true);
    const role = id("KEEPER_ROLE");
    expect(await vault().connect(conn.ethers.provider).hasRole(role, second)).to.equal(true);
    expect(await grantKeeperRole(conn, info.addresses, second)).to.equal(false);
  });

  it("SIGTERM stops the keeper, the pusher and the node cleanly (exit 0, nothing left listening)", async () => {
    launcher.kill("SIGTERM");
    expect(await exited, output).to.equal(0);
    expect(output).to.include("rehearsal: stopped");
    expect(readFileSync(info.logs.keeper, "utf8")).to.include('"event":"stopped"');
    expect(
      await rpc(info.rpcUrl, "eth_chainId").then(
        () => "up",
        () => "down",
      ),
    ).to.equal("down");
    for (const pid of [info.pids.node, info.pids.pusher, info.pids.keeper]) {
      expect(() => process.kill(pid, 0), `process ${pid}`).to.throw();
    }
  });
});
