import { expect } from "chai";
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  MarketInputsFileError,
  parseMarketInputs,
  readMarketInputs,
} from "../../scripts/feeds/marketInputsFile.js";
import { type Observation, observationSource } from "../../scripts/feeds/observations.js";
import { marketInputsOf, modelledInputs } from "../../scripts/feeds/observationSurfaces.js";
import { readPushSettings } from "../../scripts/feeds/settings.js";

const DATA = "scripts/demo/data";
const level = (x: number): bigint => BigInt(Math.round(x * 1e8));

async function all(source: ReturnType<typeof observationSource>): Promise<Observation[]> {
  const out: Observation[] = [];
  for (let o = await source.next(); o !== null; o = await source.next()) out.push(o);
  return out;
}

describe("feed pusher: market inputs of the volatility surfaces", () => {
  it("reads the optional CSV files and URLs, the JSON source and the oracle's address", () => {
    expect(
      readPushSettings({
        ALVH_PUSH_SOURCE: "csv",
        ALVH_PUSH_VIX_CSV: "v.csv",
        ALVH_PUSH_SPX_CSV: "s.csv",
        ALVH_PUSH_VIX3M_CSV: "v3.csv",
        ALVH_PUSH_VVIX_CSV: "vv.csv",
        ALVH_PUSH_VOL_ORACLE: "0x" + "22".repeat(20),
      }),
    ).to.deep.include({
      source: {
        kind: "csv",
        vixFile: "v.csv",
        spxFile: "s.csv",
        optional: { vix3m: "v3.csv", vvix: "vv.csv" },
      },
      volOracle: "0x" + "22".repeat(20),
    });
    expect(
      readPushSettings({
        ALVH_PUSH_SOURCE: "url",
        ALVH_PUSH_VIX_URL: "http://h/vix",
        ALVH_PUSH_SPX_URL: "http://h/spx",
        ALVH_PUSH_JSON_PATH: "close",
        ALVH_PUSH_VIX6M_URL: "http://h/vix6m",
      }).source,
    ).to.deep.equal({
      kind: "url",
      vixUrl: "http://h/vix",
      spxUrl: "http://h/spx",
      jsonPath: "close",
      optional: { vix6m: "http://h/vix6m" },
    });
    expect(
      readPushSettings({ ALVH_PUSH_SOURCE: "json", ALVH_PUSH_INPUTS_JSON: "m.json" }).source,
    ).to.deep.equal({
      kind: "json",
      file: "m.json",
    });
  });

  it("the CSV source attaches VIX3M, VIX6M and VVIX closes to the days they cover (Cboe formats)", async () => {
    const days = await all(
      observationSource({
        kind: "csv",
        vixFile: `${DATA}/vix-2018-02.csv`,
        spxFile: `${DATA}/spx-2018-02.csv`,
        optional: {
          vix3m: `${DATA}/vix3m-2018-02.csv`,
          vix6m: `${DATA}/vix6m-2018-02.csv`,
          vvix: `${DATA}/vvix-2018-02.csv`,
        },
      }),
    );
    const feb5 = days.find((d) => d.date === "2018-02-05");
    expect(feb5).to.deep.equal({
      date: "2018-02-05",
      vix: level(37.32),
      spx: level(2648.94),
      extra: { vix3m: 28.13, vix6m: 24.55, vvix: 177.34 },
    });
    // The VVIX file has one day less than the VIX file: that day's VVIX is modelled.
    const lacking = days.filter((d) => d.extra?.vvix === undefined);
    expect(lacking.length).to.equal(1);
    expect(modelledInputs(lacking[0]!)).to.deep.equal(["vvix"]);
    expect(marketInputsOf(feb5!, 0)).to.deep.equal({
      date: "2018-02-05",
      vix: 37.32,
      spx: 2648.94,
      vix3m: 28.13,
      vix6m: 24.55,
      vvix: 177.34,
    });
    // Without a source date, the inputs are dated by the observation time (UTC).
    expect(marketInputsOf({ vix: level(20), spx: level(5000) }, 1_722_816_000).date).to.equal("2024-08-05");
  });

  it("a JSON file of market inputs: entries replayed in order, every error naming the file and the entry", async () => {
    const dir = mkdtempSync(join(tmpdir(), "inputs-"));
    try {
      const file = join(dir, "inputs.json");
      writeFileSync(
        file,
        JSON.stringify([
          { date: "2024-08-02", vix: 23.39, spx: "5346.56", vix3m: 20.95 },
          { date: "2024-08-05", vix: 38.57, spx: 5186.33, vix3m: "28.63", vix6m: 25.4, vvix: 147.62 },
        ]),
      );
      expect(await all(observationSource({ kind: "json", file }))).to.deep.equal([
        { date: "2024-08-02", vix: level(23.39), spx: level(5346.56), extra: { vix3m: 20.95 } },
        {
          date: "2024-08-05",
          vix: level(38.57),
          spx: level(5186.33),
          extra: { vix3m: 28.63, vix6m: 25.4, vvix: 147.62 },
        },
      ]);
      expect(() => readMarketInputs(join(dir, "missing.json")))
        .to.throw(MarketInputsFileError)
        .with.property("message")
        .that.matches(/missing\.json: cannot read: ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const ok = { date: "2024-08-05", vix: 38.57, spx: 5186.33 };
    const bad: Array<[string, string, string]> = [
      ["not JSON", "[{", "f.json: not JSON: "],
      ["not an array", JSON.stringify(ok), "f.json: expected a non-empty JSON array of entries"],
      ["empty", "[]", "f.json: expected a non-empty JSON array of entries"],
      ["not an object", JSON.stringify([ok, 3]), "f.json entry 1: is not an object"],
      [
        "a bad date",
        JSON.stringify([{ ...ok, date: "08/05/2024" }]),
        'f.json entry 0: date "08/05/2024" is not YYYY-MM-DD',
      ],
      [
        "dates out of order",
        JSON.stringify([ok, { ...ok, date: "2024-08-02" }]),
        "f.json entry 1: date 2024-08-02 is not after the previous entry's 2024-08-05",
      ],
      [
        "a missing index",
        JSON.stringify([{ date: "2024-08-05", vix: 20 }]),
        "f.json entry 0: spx is missing or not a number",
      ],
      [
        "a bad index value",
        JSON.stringify([{ ...ok, vix: -3 }]),
        'f.json entry 0: vix 2024-08-05: "-3.00000000" is not a positive decimal number',
      ],
      [
        "a bad optional input",
        JSON.stringify([{ ...ok, vvix: 0 }]),
        "f.json entry 0: vvix 0 is not a positive number",
      ],
      [
        "an unknown field",
        JSON.stringify([{ ...ok, vix3M: 20 }]),
        'f.json entry 0: unknown field "vix3M" (expected date, vix, spx, vix3m, vix6m, vvix)',
      ],
    ];
    for (const [what, text, message] of bad)
      expect(() => parseMarketInputs(text, "f.json"), what)
        .to.throw(MarketInputsFileError)
        .with.property("message")
        .that.satisfies((m: string) => m.startsWith(message));
  });

  it("the URL source reads the optional URLs; one that fails is modelled for that observation, named", async () => {
    const answers: Record<string, unknown> = {
      "/vix": { close: 18.5 },
      "/spx": { close: 5400 },
      "/vix3m": { close: 20.1 },
    };
    const server: Server = createServer((req, res) => {
      const body = answers[req.url ?? ""];
      if (body === undefined) res.writeHead(503).end();
      else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
    try {
      const source = observationSource({
        kind: "url",
        vixUrl: `${url}/vix`,
        spxUrl: `${url}/spx`,
        jsonPath: "close",
        optional: { vix3m: `${url}/vix3m`, vvix: `${url}/vvix` },
      });
      const o = await source.next();
      expect(o).to.deep.equal({
        vix: level(18.5),
        spx: level(5400),
        extra: { vix3m: 20.1 },
        unavailable: [{ input: "vvix", reason: `VVIX source: ${url}/vvix: answered HTTP 503` }],
      });
      expect(modelledInputs(o!)).to.deep.equal(["vix6m", "vvix"]);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
