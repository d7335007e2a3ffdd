import { expect } from "chai";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_USAGE, DemoArgsError, demoArgv, parseDemoArgs } from "../../scripts/demo/cli.js";
import { loadMarket } from "../../scripts/demo/market.js";

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../scripts/demo/data");

function expectArgsError(fn: () => unknown, flag: string, reason: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected a DemoArgsError").to.be.instanceOf(DemoArgsError);
  expect((caught as DemoArgsError).flag).to.equal(flag);
  expect((caught as DemoArgsError).message).to.match(reason);
  expect((caught as DemoArgsError).message.startsWith(`${flag}: `)).to.equal(true);
}

describe("demo flags and environment", function () {
  it("defaults: generated scenario, out/", function () {
    expect(parseDemoArgs([], {})).to.deep.equal({ market: { kind: "scenario" }, outDir: "out", help: false });
  });

  it("scenario flags in both forms", function () {
    expect(parseDemoArgs(["--days", "60", "--seed=7", "--out", "/tmp/r"], {})).to.deep.equal({
      market: { kind: "scenario", days: 60, seed: 7 },
      outDir: "/tmp/r",
      help: false,
    });
  });

  it("history flags, both files, window", function () {
    const o = parseDemoArgs(
      ["--vix", "v.csv", "--spx=s.csv", "--from", "2018-01-01", "--to", "2018-12-31"],
      {},
    );
    expect(o.market).to.deep.equal({
      kind: "history",
      vixFile: "v.csv",
      spxFile: "s.csv",
      from: "2018-01-01",
      to: "2018-12-31",
    });
  });

  it("optional history files: flags and ALVH_DEMO_VIX3M / _VIX6M / _VVIX", function () {
    const o = parseDemoArgs(["--vix", "v", "--spx", "s", "--vix3m", "3m.csv", "--vvix=vv.csv"], {
      ALVH_DEMO_VIX6M: "6m.csv",
    });
    expect(o.market).to.deep.equal({
      kind: "history",
      vixFile: "v",
      spxFile: "s",
      vix3mFile: "3m.csv",
      vix6mFile: "6m.csv",
      vvixFile: "vv.csv",
    });
    expectArgsError(() => parseDemoArgs(["--vvix", "vv.csv"], {}), "--vvix", /only applies to history/);
    expectArgsError(
      () => parseDemoArgs([], { ALVH_DEMO_VIX3M: "3m.csv" }),
      "ALVH_DEMO_VIX3M",
      /only applies to history/,
    );
    expectArgsError(
      () => parseDemoArgs(["--vix", "v", "--spx", "s", "--vix6m"], {}),
      "--vix6m",
      /needs a value/,
    );
  });

  it("--help and -h", function () {
    expect(parseDemoArgs(["--help"], {}).help).to.equal(true);
    expect(parseDemoArgs(["-h"], {}).help).to.equal(true);
    for (const flag of [
      "--vix",
      "--spx",
      "--vix3m",
      "--vix6m",
      "--vvix",
      "--from",
      "--to",
      "--days",
      "--seed",
      "--out",
      "--help",
    ]) {
      expect(DEMO_USAGE).to.contain(flag);
    }
  });

  it("reads ALVH_DEMO_* variables, flags override them", function () {
    const env = { ALVH_DEMO_DAYS: "100", ALVH_DEMO_SEED: "3", ALVH_DEMO_OUT: "o2", ALVH_DEMO_VIX: "" };
    expect(parseDemoArgs([], env)).to.deep.equal({
      market: { kind: "scenario", days: 100, seed: 3 },
      outDir: "o2",
      help: false,
    });
    expect(parseDemoArgs(["--days", "40"], env).market).to.deep.equal({
      kind: "scenario",
      days: 40,
      seed: 3,
    });
    const h = parseDemoArgs([], { ALVH_DEMO_VIX: "v", ALVH_DEMO_SPX: "s", ALVH_DEMO_FROM: "2020-01-02" });
    expect(h.market).to.deep.equal({ kind: "history", vixFile: "v", spxFile: "s", from: "2020-01-02" });
  });

  it("errors name the flag", function () {
    expectArgsError(() => parseDemoArgs(["--dayz", "5"], {}), "--dayz", /unknown flag/);
    expectArgsError(() => parseDemoArgs(["--days=5", "extra"], {}), "extra", /unknown flag/);
    expectArgsError(() => parseDemoArgs(["--days"], {}), "--days", /needs a value/);
    expectArgsError(() => parseDemoArgs(["--days", "--seed", "1"], {}), "--days", /needs a value/);
    expectArgsError(() => parseDemoArgs(["--out="], {}), "--out", /needs a value/);
    expectArgsError(() => parseDemoArgs(["--days", "abc"], {}), "--days", /"abc" is not a whole number/);
    expectArgsError(() => parseDemoArgs(["--days", "-5"], {}), "--days", /not a whole number/);
    expectArgsError(() => parseDemoArgs(["--days", "10"], {}), "--days", /outside 30\.\.100000/);
    expectArgsError(() => parseDemoArgs(["--seed", "1.5"], {}), "--seed", /not a whole number/);
    expectArgsError(() => parseDemoArgs(["--seed", "4294967296"], {}), "--seed", /outside/);
    expectArgsError(() => parseDemoArgs(["--vix", "v.csv"], {}), "--spx", /both files or neither/);
    expectArgsError(() => parseDemoArgs(["--spx", "s.csv"], {}), "--vix", /both files or neither/);
    expectArgsError(() => parseDemoArgs(["--from", "2018-01-01"], {}), "--from", /only applies to history/);
    expectArgsError(
      () => parseDemoArgs(["--vix", "v", "--spx", "s", "--seed", "1"], {}),
      "--seed",
      /scenario/,
    );
    expectArgsError(
      () => parseDemoArgs(["--vix", "v", "--spx", "s", "--to", "01/02/2018"], {}),
      "--to",
      /YYYY-MM-DD/,
    );
    expectArgsError(
      () => parseDemoArgs(["--vix", "v", "--spx", "s", "--from", "2019-01-01", "--to", "2018-01-01"], {}),
      "--from",
      /after --to/,
    );
    expectArgsError(
      () => parseDemoArgs([], { ALVH_DEMO_DAYS: "many" }),
      "ALVH_DEMO_DAYS",
      /not a whole number/,
    );
  });

  it("finds the script's own arguments in process.argv", function () {
    expect(demoArgv(["/bin/node", "/p/node_modules/.bin/hardhat", "run", "scripts/demo.ts"])).to.deep.equal(
      [],
    );
    expect(demoArgv(["/bin/node", "/p/scripts/demo.ts", "--days", "5"])).to.deep.equal(["--days", "5"]);
    expect(demoArgv(["/bin/node", "/p/scripts/demo.ts", "--", "--days", "5"])).to.deep.equal(["--days", "5"]);
  });

  it("loads the market the settings describe", function () {
    expect(loadMarket({ kind: "scenario", days: 40, seed: 1 })).to.have.length(40);
    const h = loadMarket({
      kind: "history",
      vixFile: path.join(DATA, "vix-2018-02.csv"),
      spxFile: path.join(DATA, "spx-2018-02.csv"),
      from: "2018-02-02",
      days: 2,
    });
    expect(h.map((d) => d.date)).to.deep.equal(["2018-02-02", "2018-02-05"]);
    const withVvix = loadMarket({
      kind: "history",
      vixFile: path.join(DATA, "vix-2018-02.csv"),
      spxFile: path.join(DATA, "spx-2018-02.csv"),
      vvixFile: path.join(DATA, "vvix-2018-02.csv"),
    });
    expect(withVvix[0]!.vvix).to.equal(108.41);
  });
});
