import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  HistoryFileError,
  joinHistory,
  parseCboeCsv,
  parseVvixCsv,
  readHistory,
} from "../../scripts/demo/history.js";

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../scripts/demo/data");
const VIX = path.join(DATA, "vix-2018-02.csv");
const SPX = path.join(DATA, "spx-2018-02.csv");
const VIX3M = path.join(DATA, "vix3m-2018-02.csv");
const VIX6M = path.join(DATA, "vix6m-2018-02.csv");
const VVIX = path.join(DATA, "vvix-2018-02.csv");
const HEADER = "DATE,OPEN,HIGH,LOW,CLOSE";

/** Asserts that `fn` throws a HistoryFileError naming `file` and `line` with a message matching `reason`. */
function expectFileError(fn: () => unknown, file: string, line: number | undefined, reason: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected a HistoryFileError").to.be.instanceOf(HistoryFileError);
  const err = caught as HistoryFileError;
  expect(err.file).to.equal(file);
  expect(err.line).to.equal(line);
  expect(err.message).to.match(reason);
  expect(err.message.startsWith(line === undefined ? `${file}: ` : `${file}:${line}: `)).to.equal(true);
}

describe("demo history import (Cboe CSV)", function () {
  it("parses Cboe's format with CRLF and a trailing newline", function () {
    const rows = parseCboeCsv(
      `${HEADER}\r\n02/02/2018,14.65,17.70,14.51,17.31\r\n2/5/2018,18.44,38.80,16.80,37.32\r\n`,
      "v.csv",
    );
    expect(rows).to.deep.equal([
      { date: "2018-02-02", open: 14.65, high: 17.7, low: 14.51, close: 17.31 },
      { date: "2018-02-05", open: 18.44, high: 38.8, low: 16.8, close: 37.32 },
    ]);
    expect(parseCboeCsv(`\uFEFF${HEADER}\n01/02/1990,17.24,17.24,17.24,17.24`, "v.csv")).to.have.length(1);
  });

  it("reads the sample files and joins them on the dates present in both", function () {
    const days = readHistory({ vixFile: VIX, spxFile: SPX });
    expect(days[0]).to.deep.equal({
      date: "2018-01-31",
      vix: 13.54,
      spx: 2823.81,
      vixOpen: 13.87,
      spxOpen: 2832.41,
    });
    expect(days.map((d) => d.date)).to.not.include("2018-01-30"); // only in the SPX file
    const feb5 = days.find((d) => d.date === "2018-02-05");
    expect(feb5).to.deep.equal({
      date: "2018-02-05",
      vix: 37.32,
      spx: 2648.94,
      vixOpen: 18.44,
      spxOpen: 2741.06,
    });
    expect(days).to.have.length(8);
  });

  it("attaches the optional VIX3M, VIX6M and VVIX closes; a day a file lacks stays for the model", function () {
    const days = readHistory({
      vixFile: VIX,
      spxFile: SPX,
      vix3mFile: VIX3M,
      vix6mFile: VIX6M,
      vvixFile: VVIX,
    });
    expect(days.find((d) => d.date === "2018-02-05")).to.deep.equal({
      date: "2018-02-05",
      vix: 37.32,
      spx: 2648.94,
      vixOpen: 18.44,
      spxOpen: 2741.06,
      vix3m: 28.13,
      vix6m: 24.55,
      vvix: 177.34,
    });
    const feb7 = days.find((d) => d.date === "2018-02-07")!;
    expect(feb7.vix3m).to.equal(23.03);
    expect(feb7).to.not.have.property("vvix"); // not in the sample VVIX file: modelled that day
    const only3m = readHistory({ vixFile: VIX, spxFile: SPX, vix3mFile: VIX3M });
    expect(
      only3m.every((d) => d.vix3m !== undefined && d.vix6m === undefined && d.vvix === undefined),
    ).to.equal(true);
    expect(parseVvixCsv("DATE,VVIX\r\n01/31/2018,108.41\r\n", "v.csv")).to.deep.equal([
      { date: "2018-01-31", value: 108.41 },
    ]);
  });

  it("a bad optional file is an error naming that file and line", function () {
    const dir = mkdtempSync(path.join(tmpdir(), "alvh-history-"));
    try {
      const badVvix = path.join(dir, "VVIX_History.csv");
      writeFileSync(badVvix, "DATE,VVIX\n01/31/2018,108.41\n02/01/2018,-3\n");
      expectFileError(
        () => readHistory({ vixFile: VIX, spxFile: SPX, vvixFile: badVvix }),
        badVvix,
        3,
        /VVIX -3 is not positive/,
      );
      writeFileSync(badVvix, "Date,Close\n");
      expectFileError(() => parseVvixCsv("Date,Close\n", badVvix), badVvix, 1, /expected "DATE,VVIX"/);
      const bad3m = path.join(dir, "VIX3M_History.csv");
      writeFileSync(bad3m, `${HEADER}\n01/31/2018,1,1,1\n`);
      expectFileError(
        () => readHistory({ vixFile: VIX, spxFile: SPX, vix3mFile: bad3m }),
        bad3m,
        2,
        /expected 5 fields/,
      );
      expectFileError(
        () => readHistory({ vixFile: VIX, spxFile: SPX, vix6mFile: "/no/VIX6M.csv" }),
        "/no/VIX6M.csv",
        undefined,
        /cannot read/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps the --from/--to window (inclusive)", function () {
    const days = readHistory({ vixFile: VIX, spxFile: SPX, from: "2018-02-02", to: "2018-02-06" });
    expect(days.map((d) => d.date)).to.deep.equal(["2018-02-02", "2018-02-05", "2018-02-06"]);
  });

  describe("bad files name the file and the line", function () {
    const cases: [string, string, number | undefined, RegExp][] = [
      ["bad header", "Date,Close\n01/02/2018,1", 1, /bad header "Date,Close"/],
      ["empty file", "\n\n", undefined, /empty/],
      ["bad date form", `${HEADER}\n2018-01-02,1,1,1,1`, 2, /bad date "2018-01-02", expected MM\/DD\/YYYY/],
      ["impossible date", `${HEADER}\n01/02/2018,1,1,1,1\n02/30/2018,1,1,1,1`, 3, /bad date "02\/30\/2018"/],
      ["non-numeric value", `${HEADER}\n01/02/2018,1,1,1,abc`, 2, /CLOSE "abc" is not a number/],
      ["empty value", `${HEADER}\n01/02/2018,1,,1,1`, 2, /HIGH "" is not a number/],
      ["zero value", `${HEADER}\n01/02/2018,1,1,1,0`, 2, /CLOSE 0 is not positive/],
      ["negative value", `${HEADER}\n01/02/2018,-1,1,1,1`, 2, /OPEN -1 is not positive/],
      ["wrong field count", `${HEADER}\n01/02/2018,1,1,1`, 2, /expected 5 fields, found 4/],
      ["out of order", `${HEADER}\n01/03/2018,1,1,1,1\n01/02/2018,1,1,1,1`, 3, /comes before/],
      ["duplicate", `${HEADER}\r\n01/02/2018,1,1,1,1\r\n01/02/2018,1,1,1,1\r\n`, 3, /repeats/],
      ["empty line inside", `${HEADER}\n01/02/2018,1,1,1,1\n\n01/03/2018,1,1,1,1`, 3, /empty line/],
    ];
    for (const [name, text, line, reason] of cases) {
      it(name, function () {
        expectFileError(() => parseCboeCsv(text, "data/x.csv"), "data/x.csv", line, reason);
      });
    }

    it("a file that cannot be read", function () {
      expectFileError(
        () => readHistory({ vixFile: "/no/such.csv", spxFile: SPX }),
        "/no/such.csv",
        undefined,
        /cannot read/,
      );
    });

    it("reading real files reports the offending path and line", function () {
      const dir = mkdtempSync(path.join(tmpdir(), "alvh-history-"));
      try {
        const bad = path.join(dir, "spx.csv");
        writeFileSync(bad, `${HEADER}\n01/31/2018,1,1,1,1\n02/01/2018,1,1,1,x\n`);
        expectFileError(() => readHistory({ vixFile: VIX, spxFile: bad }), bad, 3, /CLOSE "x"/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it("empty after the join or the window names both files", function () {
    const vix = { file: "v.csv", rows: parseCboeCsv(`${HEADER}\n01/02/2018,1,1,1,1`, "v.csv") };
    const spx = { file: "s.csv", rows: parseCboeCsv(`${HEADER}\n01/03/2018,1,1,1,1`, "s.csv") };
    expectFileError(() => joinHistory(vix, spx), "v.csv + s.csv", undefined, /no day left/);
    expectFileError(
      () => readHistory({ vixFile: VIX, spxFile: SPX, from: "2019-01-01" }),
      `${VIX} + ${SPX}`,
      undefined,
      /no day left after joining on common dates within 2019-01-01 \.\. end/,
    );
  });

  it("rejects a bad window", function () {
    expect(() => readHistory({ vixFile: VIX, spxFile: SPX, from: "2018/02/01" })).to.throw(
      /--from "2018\/02\/01"/,
    );
    expect(() => readHistory({ vixFile: VIX, spxFile: SPX, to: "2018-02-31" })).to.throw(/--to/);
    expect(() => readHistory({ vixFile: VIX, spxFile: SPX, from: "2018-02-09", to: "2018-02-01" })).to.throw(
      /--from 2018-02-09 is after --to 2018-02-01/,
    );
  });
});
