import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { ENV_OVERRIDES } from "../../src/config/envOverrides.js";
import { Eip1193Transport } from "../../src/chain/eip1193Transport.js";
import { actionLabel, isAlreadyDone } from "../../src/chain/encodeAction.js";
import { intensityWad } from "../../src/rules/ladderSize.js";
import { keeperErrorsInterface } from "../../src/chain/contracts.js";
import { CliUsageError, parseCliArgs, runCli, toJson, USAGE } from "../../src/runCli.js";
import { classifyRevert } from "../../src/tx/classifyRevert.js";
import { RpcResponseError } from "../../src/tx/errors.js";
import type { KeeperStateOnChain } from "../../src/chain/readVaults.js";

describe("keeper CLI flags", () => {
  const cases: Array<[string[], string | { mode: string; json: boolean }]> = [
    [["--config", "k.json"], { mode: "daemon", json: false }],
    [["--config", "k.json", "--once"], { mode: "once", json: false }],
    [["--config", "k.json", "--dry-run"], { mode: "dry-run", json: false }],
    [["--config", "k.json", "--dry-run", "--json"], { mode: "dry-run", json: true }],
    [["--once"], "--config"],
    [["--config"], "--config"],
    [["--config", "k.json", "--bogus"], "--bogus"],
    [["--config", "k.json", "--json"], "--json"],
    [["--config", "k.json", "--once", "--dry-run"], "--once"],
  ];
  for (const [argv, want] of cases) {
    it(`${argv.join(" ")} → ${typeof want === "string" ? `error naming ${want}` : want.mode}`, () => {
      if (typeof want === "string") {
        expect(() => parseCliArgs(argv))
          .to.throw(CliUsageError)
          .with.property("flag", want);
      } else {
        expect(parseCliArgs(argv)).to.deep.equal({ config: "k.json", ...want });
      }
    });
  }

  it("--help prints the usage and exits 0 without reading a config", async () => {
    let out = "";
    let err = "";
    const code = await runCli(["--help"], { out: (s) => (out += s), err: (s) => (err += s) });
    expect([code, out, err]).to.deep.equal([0, `${USAGE}\n`, ""]);
  });

  it("--help lists the exit codes and every KEEPER_* override; --version names the version and commit", async () => {
    let out = "";
    expect(await runCli(["--help"], { out: (s) => (out += s), err: () => undefined })).to.equal(0);
    for (const code of [
      "0  fine",
      "1  runtime error",
      "2  usage or configuration error",
      "3  --once / --dry-run",
    ])
      expect(out).to.include(code);
    for (const o of ENV_OVERRIDES) expect(out).to.include(o.env);
    out = "";
    expect(await runCli(["--version"], { out: (s) => (out += s), err: () => undefined })).to.equal(0);
    expect(out).to.match(
      /^alvh-keeper \d+\.\d+\.\d+ \(commit ([0-9a-f]{7,}(-dirty)?|unknown), node v\d+\.\d+\.\d+\)\n$/,
    );
  });

  describe("start-up errors: one line each, naming what to fix, exit 2, no stack", () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), "keeper-cli-"));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const run = async (
      config: Record<string, unknown>,
      flags: string[],
      env: Record<string, string> = {},
    ): Promise<{ code: number; err: string }> => {
      const path = join(dir, "k.json");
      writeFileSync(path, JSON.stringify(config));
      let err = "";
      const code = await runCli(
        ["--config", path, ...flags],
        { out: () => undefined, err: (s) => (err += s) },
        env,
      );
      return { code, err };
    };
    const base = {
      chainId: 31337,
      rpcUrls: ["http://127.0.0.1:1"],
      vaults: ["0x" + "11".repeat(20)],
      key: { source: "env" },
      log: { level: "fatal" },
    };
    const rows: Array<[string, Record<string, unknown>, string[], Record<string, string>, RegExp]> = [
      [
        "every config error at once",
        { ...base, chainId: "x", tx: { feeBumpBps: 1 }, metrics: { port: -1 } },
        ["--once"],
        {},
        /^keeper: 3 config errors:\n {2}- config field "chainId".*\n {2}- config field "tx\.feeBumpBps".*\n {2}- config field "metrics\.port"/,
      ],
      [
        "no vault",
        { ...base, vaults: undefined },
        ["--dry-run"],
        {},
        /^keeper: cannot start: the config names no vault: set "vaults"/,
      ],
      [
        "no key source when sending",
        { ...base, key: undefined },
        ["--once"],
        {},
        /^keeper: cannot start: config field "key" is missing: .*only --dry-run runs without one/,
      ],
      [
        "the key's env var unset",
        base,
        ["--once"],
        {},
        /^keeper: cannot start: key source env: KEEPER_PRIVATE_KEY is not set/,
      ],
      [
        "a malformed key",
        base,
        ["--once"],
        { KEEPER_PRIVATE_KEY: "0x1234" },
        /^keeper: cannot start: key source env KEEPER_PRIVATE_KEY: value is not a 0x-prefixed 32-byte hex private key/,
      ],
      [
        "a mainnet chain id",
        { ...base, chainId: 42161 },
        ["--once"],
        {},
        /^keeper: refusing chain id 42161 \(Arbitrum One\)/,
      ],
    ];
    for (const [name, config, flags, env, want] of rows) {
      it(name, async () => {
        const { code, err } = await run(config, flags, env);
        expect(code, err).to.equal(2);
        expect(err).to.match(want);
        expect(err).to.not.match(/\n\s+at /); // no stack trace
      });
    }

    it("the metrics port in use: exit 2 before any key is loaded", async () => {
      const blocker = createServer();
      await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
      const port = (blocker.address() as { port: number }).port;
      try {
        const { code, err } = await run({ ...base, metrics: { port } }, []);
        expect(code, err).to.equal(2);
        expect(err).to.equal(
          `keeper: cannot start: metrics.port ${port} on 127.0.0.1 is already in use (another keeper?): set metrics.port or KEEPER_METRICS_PORT to a free port (0 picks one)\n`,
        );
      } finally {
        await new Promise((r) => blocker.close(r));
      }
    });
  });

  it("prints bigints exactly in JSON", () => {
    expect(toJson({ a: 12345678901234567890123n })).to.equal('{\n  "a": "12345678901234567890123"\n}');
  });
});

describe("chain client units", () => {
  it("classifies the vault's not-due / already-done reverts, and only those", () => {
    const due = keeperErrorsInterface.encodeErrorResult("LayerRollNotDue", [1n, 2n]);
    const cool = keeperErrorsInterface.encodeErrorResult("LayerInCooldown", [1n, 2n]);
    const epoch = keeperErrorsInterface.encodeErrorResult("EpochNotDue", [1n, 2n]);
    const band = keeperErrorsInterface.encodeErrorResult("StrikeOutsideBand", [1n, 2n, 3n]);
    for (const d of [due, cool, epoch])
      expect(isAlreadyDone(classifyRevert(d, keeperErrorsInterface))).to.equal(true);
    expect(isAlreadyDone(classifyRevert(band, keeperErrorsInterface))).to.equal(false);
    expect(isAlreadyDone(classifyRevert("0x", keeperErrorsInterface))).to.equal(false);
  });

  it("decodes the pool's and feed reader's errors too (FeedSettlementRoundTooLate, PremiumAboveMax)", () => {
    for (const name of [
      "FeedSettlementRoundTooLate",
      "PremiumAboveMax",
      "AccessControlUnauthorizedAccount",
    ]) {
      expect(keeperErrorsInterface.getError(name), name).to.not.equal(null);
    }
  });

  it("clamps the intensity to the vault's bounds (WAD)", () => {
    const [min, max] = [5n * 10n ** 17n, 2n * 10n ** 18n];
    expect(intensityWad(1.25, min, max)).to.equal(125n * 10n ** 16n);
    expect(intensityWad(0.1, min, max)).to.equal(5n * 10n ** 17n);
    expect(intensityWad(9, min, max)).to.equal(2n * 10n ** 18n);
  });

  it("the new 'not now' reverts are skipped, not failed: re-entry blocked, budget short", () => {
    for (const [name, args] of [
      ["LayerReentryBlocked", [0n, 1n, 2n, 3n, 4n]],
      ["LayerBudgetShort", [0n, 1n, 8n]],
    ] as const) {
      const data = keeperErrorsInterface.encodeErrorResult(name, [...args]);
      expect(isAlreadyDone(classifyRevert(data, keeperErrorsInterface)), name).to.equal(true);
    }
  });

  it("labels actions", () => {
    expect(
      actionLabel({
        type: "RollLayer",
        layer: 1,
        closeSeriesId: null,
        newLowerStrike: 1n,
        newUpperStrike: 2n,
        newExpiry: 0,
        size: 1n,
        intensity: 10n ** 18n,
        maxPremium: 1n,
        reason: "",
      }),
    ).to.equal("RollLayer L2");
    expect(actionLabel({ type: "ProcessEpoch", maxPremium: 0n, reason: "" })).to.equal("ProcessEpoch");
  });

  it("EIP-1193 transport: provider errors become RpcResponseError with the revert data; a batch keeps per-call errors", async () => {
    const provider = {
      request: async ({ method }: { method: string }): Promise<unknown> => {
        if (method === "eth_call")
          throw Object.assign(new Error("execution reverted"), { code: 3, data: { data: "0xdeadbeef" } });
        return "0x1";
      },
    };
    const t = new Eip1193Transport(provider);
    try {
      await t.request("eth_call", []);
      expect.fail("should throw");
    } catch (e) {
      expect(e).to.be.instanceOf(RpcResponseError);
      expect((e as RpcResponseError).data).to.equal("0xdeadbeef");
      expect((e as RpcResponseError).code).to.equal(3);
    }
    const out = await t.batch([
      { method: "eth_blockNumber", params: [] },
      { method: "eth_call", params: [] },
    ]);
    expect(out[0]).to.equal("0x1");
    expect(out[1]).to.be.instanceOf(RpcResponseError);
    expect(t.counter.requests).to.equal(2);
  });
});
