import { expect } from "chai";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet } from "ethers";
import { network } from "hardhat";
import {
  advanceTo,
  chainTime,
  hasEvent,
  layerDueAt,
  layerRolls,
  requestDeposit,
  writeKeeperConfig,
} from "../support/cliHarness.js";
import { type HardhatNode, rpc, startHardhatNode } from "../support/hardhatNode.js";
import { createHardhatKeystore, NOT_CI } from "../support/hardhatKeystore.js";
import { DAY, deployHedgeSystem, type HedgeSystem, KEEPER_KEY } from "../support/hedgeSystem.js";
import { type KeeperProcess, runKeeper, startKeeper } from "../support/keeperProcess.js";

const GWEI = 10n ** 9n;
const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** The value of one Prometheus sample (0 when absent). */
function sample(text: string, name: string, labels: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? 0 : Number(line.split(" ").at(-1));
}

describe("the keeper as an operator meets it (separate processes, hardhat node with 1 s blocks)", function () {
  this.timeout(300_000);
  let node: HardhatNode;
  let sys: HedgeSystem;
  let dir: string;
  const procs: KeeperProcess[] = [];
  const config = (name: string, extra: Record<string, unknown> = {}): string =>
    writeKeeperConfig(dir, name, { vaults: [sys.vaultAddress], rpcUrls: [node.url], ...extra });
  const withKey = { KEEPER_PRIVATE_KEY: KEEPER_KEY };
  const pending = async (address: string): Promise<number> =>
    Number(BigInt(await rpc<string>(node.url, "eth_getTransactionCount", [address, "pending"])));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "keeper-operator-"));
    node = await startHardhatNode();
    sys = await deployHedgeSystem(
      await network.create({ network: "localhost", override: { url: node.url } }),
    );
    await rpc(node.url, "evm_setAutomine", [false]);
    await rpc(node.url, "evm_setIntervalMining", [1_000]);
  });

  after(async () => {
    for (const p of procs) await p.kill();
    await node?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  describe("set-up mistakes: one line naming what to fix, exit 2", () => {
    const rows: Array<[string, () => Record<string, unknown>, RegExp]> = [
      [
        "a vault address with no code",
        () => ({ vaults: [Wallet.createRandom().address] }),
        /^keeper: cannot start: vault 0x[0-9a-fA-F]{40}: eth_getCode failed: no contract at this address on this chain: check vaults/,
      ],
      [
        "a contract that is not a hedge vault",
        () => ({ vaults: [sys.volFeed.target as string] }),
        /^keeper: cannot start: vault 0x[0-9a-fA-F]{40}: volFeed\(\) failed: the contract there is not a HedgeLayerVault \(volFeed\(\) reverted\)/,
      ],
      [
        "a node on another chain (no retries)",
        () => ({ chainId: 11155111 }),
        /^keeper: cannot start: chain id mismatch at http:\/\/127\.0\.0\.1:\d+: config says 11155111, node says 31337/,
      ],
    ];
    for (const [name, fields, want] of rows) {
      it(name, async () => {
        const r = await runKeeper(["--config", config("setup", fields()), "--dry-run"], {});
        expect(r.code, r.output).to.equal(2);
        expect(r.output).to.match(want);
        expect(r.output).to.not.match(/\n\s+at /);
        expect(r.lines.filter((l) => l.event === "rpc-retry" || l.event === "rpc-failover")).to.deep.equal(
          [],
        );
      });
    }

    it("--dry-run needs no key: it plans the opening ladder with no KEEPER_PRIVATE_KEY set", async () => {
      const r = await runKeeper(["--config", config("dry"), "--dry-run", "--json"], {
        KEEPER_PRIVATE_KEY: undefined,
      });
      expect(r.code, r.output).to.equal(0);
      const plans = JSON.parse(r.stdout) as Array<{ plan: { actions: Array<{ type: string }> } }>;
      expect(plans[0]?.plan.actions.map((a) => a.type)).to.include.members(["RollLayer", "OpenCondor"]);
    });
  });

  describe("hardhat-keystore key source without a terminal (systemd, nohup)", () => {
    let configHome: string;
    const keystoreConfig = (key: Record<string, unknown>): string =>
      config("keystore", { key: { source: "hardhat-keystore", variable: "ALVH_TEST_KEEPER_KEY", ...key } });
    /** The keystore's password in `dir/name`, with file mode `mode`. */
    const passwordFile = (name: string, mode: number): string => {
      const file = join(dir, name);
      writeFileSync(file, "correct horse battery\n");
      chmodSync(file, mode);
      return file;
    };
    const keystoreEnv = (): Record<string, string | undefined> => ({
      ...NOT_CI,
      XDG_CONFIG_HOME: configHome,
      ALVH_TEST_KEEPER_KEY: undefined,
    });

    before(async () => {
      configHome = join(dir, "xdg");
      await createHardhatKeystore(configHome, "ALVH_TEST_KEEPER_KEY", KEEPER_KEY, "correct horse battery");
    });

    it("no password configured: exit 2 naming passwordFile / passwordEnvVar (instead of a prompt on a closed stdin)", async () => {
      const r = await runKeeper(["--config", keystoreConfig({}), "--once"], keystoreEnv());
      expect(r.code, r.output).to.equal(2);
      expect(r.output).to.match(
        /^keeper: cannot start: key source hardhat-keystore: the keystore asks for its password but there is no terminal: set key\.passwordFile/,
      );
    });

    it("a password file others can read is refused", async () => {
      const file = passwordFile("open-password", 0o644);
      const r = await runKeeper(
        ["--config", keystoreConfig({ passwordFile: file }), "--once"],
        keystoreEnv(),
      );
      expect(r.code, r.output).to.equal(2);
      expect(r.output).to.include(`key.passwordFile ${file} is readable by others (mode 0644): chmod 600 it`);
    });

    it("a wrong password is one line, exit 2", async () => {
      const r = await runKeeper(["--config", keystoreConfig({ passwordEnvVar: "PW" }), "--once"], {
        ...keystoreEnv(),
        PW: "wrong horse",
      });
      expect(r.code, r.output).to.equal(2);
      expect(r.output).to.match(
        /^keeper: cannot start: key source hardhat-keystore: ALVH_TEST_KEEPER_KEY: .*Invalid password/,
      );
    });

    it("with a 0600 password file an unattended --once signs: it opens the ladder", async () => {
      const file = passwordFile("password", 0o600);
      const r = await runKeeper(
        ["--config", keystoreConfig({ passwordFile: file }), "--once"],
        keystoreEnv(),
      );
      expect(r.code, r.output).to.equal(0);
      const s = await sys.hedge.keeperState();
      expect(s.layers.every((l) => l.size > 0n)).to.equal(true);
      expect(s.putLeg.size > 0n).to.equal(true);
    });
  });

  describe("sending", () => {
    it("an unfunded key burns no nonce: after funding, the daemon sends at the node's pending count, unreplaced", async () => {
      const key = Wallet.createRandom();
      await requestDeposit(sys, node.url);
      await sys.advance(DAY); // processEpoch is due (anyone may call it)
      const p = startKeeper(["--config", config("unfunded", { log: { level: "debug" } })], {
        KEEPER_PRIVATE_KEY: key.privateKey,
      });
      procs.push(p);
      const failures = (): number =>
        p.lines.filter((l) => l.event === "action-failed" && /funds/i.test(String(l.error))).length;
      await p.waitFor(() => failures() >= 3, 60_000);
      expect(await pending(key.address)).to.equal(0);
      await rpc(node.url, "hardhat_setBalance", [key.address, hex(10n ** 19n)]);
      const confirmed = await p.waitFor(hasEvent("tx-confirmed"), 60_000);
      expect(confirmed).to.include({ nonce: 0 });
      expect(String(confirmed.label)).to.match(/^ProcessEpoch/);
      expect(p.lines.filter(hasEvent("tx-replaced"))).to.deep.equal([]);
      p.signal("SIGTERM");
      expect(await p.exited, p.output()).to.equal(0);
    });

    it("fees above the cap defer the action (tx-fee-capped, actions_deferred_total) without a nonce; it is sent once fees fall", async () => {
      const keeper = new Wallet(KEEPER_KEY).address;
      await requestDeposit(sys, node.url);
      await sys.advance(DAY);
      const before = await pending(keeper);
      // No block while the base fee sits above the 200 gwei cap.
      await rpc(node.url, "evm_setIntervalMining", [0]);
      let p!: KeeperProcess;
      try {
        await rpc(node.url, "hardhat_setNextBlockBaseFeePerGas", [hex(500n * GWEI)]);
        await rpc(node.url, "evm_mine");
        p = startKeeper(["--config", config("capped", { tx: { maxFeePerGasGwei: 200 } })], withKey);
        procs.push(p);
        const started = await p.waitFor(hasEvent("started"), 30_000);
        const deferred = (): number => p.lines.filter(hasEvent("action-deferred")).length;
        await p.waitFor(() => deferred() >= 2, 30_000);
        const metrics = await (await fetch(`${String(started.metrics)}/metrics`)).text();
        expect(sample(metrics, "alvh_keeper_actions_deferred_total", 'type="ProcessEpoch"')).to.be.at.least(
          2,
        );
        expect(sample(metrics, "alvh_keeper_actions_failed_total", 'type="ProcessEpoch"')).to.equal(0);
        expect(sample(metrics, "alvh_keeper_tx_events_total", 'event="tx-fee-capped"')).to.be.at.least(2);
        expect(metrics).to.match(/alvh_keeper_build_info\{version="\d+\.\d+\.\d+",commit="[^"]+",node="v\d+/);
        expect(metrics).to.include("process_resident_memory_bytes");
        expect(await pending(keeper)).to.equal(before);
        await rpc(node.url, "hardhat_setNextBlockBaseFeePerGas", [hex(GWEI)]);
      } finally {
        await rpc(node.url, "evm_setIntervalMining", [1_000]);
      }
      const confirmed = await p.waitFor(hasEvent("tx-confirmed"), 60_000);
      expect(confirmed).to.include({ nonce: before });
      p.signal("SIGTERM");
      expect(await p.exited, p.output()).to.equal(0);
    });

    it("an idle daemon polling every second logs its plan once, not every cycle", async () => {
      const p = startKeeper(["--config", config("idle")], withKey);
      procs.push(p);
      await p.waitFor(hasEvent("started"), 30_000);
      await new Promise((r) => setTimeout(r, 6_000)); // about six cycles
      p.signal("SIGTERM");
      expect(await p.exited, p.output()).to.equal(0);
      expect(p.lines.filter(hasEvent("plan")), p.output()).to.have.length(1);
      expect(p.lines.filter(hasEvent("cycle"))).to.have.length(1); // the first: its plan was new
      expect(p.lines.filter((l) => l.event === "plan-warning").length).to.be.lessThan(10);
    });

    it("a roll meeting a feed push in the same block is an outdated plan (skipped), not a failure; the next cycle rolls", async () => {
      await advanceTo(sys, node.url, (await layerDueAt(sys, 0)) + 60n);
      const rolled = await layerRolls(sys, 0);
      await rpc(node.url, "evm_setIntervalMining", [0]);
      let p!: KeeperProcess;
      try {
        // The volatility index jumps 10 % in a push still in the mempool, paying a higher tip than the keeper: out
        // of the strike band, not up to L1's monetisation trigger (then the next cycle would sell, not roll).
        const [, vol] = await sys.volFeed.latestRoundData();
        await sys.volFeed.pushRound((vol * 11n) / 10n, (await chainTime(node.url)) + 1n, {
          maxFeePerGas: 200n * GWEI,
          maxPriorityFeePerGas: 50n * GWEI,
        });
        p = startKeeper(["--config", config("outdated"), "--once"], withKey);
        procs.push(p);
        await p.waitFor((l) => l.event === "tx-sent" && String(l.label).startsWith("RollLayer L1"), 60_000);
        await rpc(node.url, "evm_mine"); // the push and the roll, in that order (tip)
      } finally {
        await rpc(node.url, "evm_setIntervalMining", [1_000]);
      }
      const r = { code: await p.exited, output: p.output(), lines: p.lines };
      expect(r.code, r.output).to.equal(0);
      expect(r.lines.filter(hasEvent("action-failed"))).to.deep.equal([]);
      const skipped = r.lines.find(hasEvent("action-skipped"));
      expect(String(skipped?.reason)).to.match(
        /^outdated plan: the volatility feed moved from round \d+ \(\d+\.\d+\) to round \d+ \(\d+\.\d+\); tx 0x[0-9a-f]+ reverted StrikeOutsideBand\(/,
      );
      expect(await layerRolls(sys, 0)).to.equal(rolled);
      const again = await runKeeper(["--config", config("outdated"), "--once"], withKey);
      expect(again.code, again.output).to.equal(0);
      expect(await layerRolls(sys, 0)).to.equal(rolled + 1);
    });
  });
});
