import { expect } from "chai";
import { network } from "hardhat";
import FeedsModule from "../../ignition/modules/Feeds.js";
import { pushIndexValues } from "../../scripts/feeds/pushIndexValues.js";
import { PushSettingsError, readPushSettings } from "../../scripts/feeds/settings.js";
import { IndexValueError, toFeedUnits, valueAtPath } from "../../scripts/feeds/values.js";

const { ethers, ignition, networkHelpers } = await network.create();

describe("feed pusher", () => {
  describe("settings", () => {
    it("reads a CSV source and a URL source", () => {
      expect(
        readPushSettings({ ALVH_PUSH_SOURCE: "csv", ALVH_PUSH_VIX_CSV: "v.csv", ALVH_PUSH_SPX_CSV: "s.csv" }),
      ).to.deep.equal({
        source: { kind: "csv", vixFile: "v.csv", spxFile: "s.csv", optional: {} },
        intervalSeconds: 0,
        maxPushes: 0,
        maxFeeGwei: 200,
        retryMaxSeconds: 60,
      });
      const url = readPushSettings({
        ALVH_PUSH_SOURCE: "url",
        ALVH_PUSH_VIX_URL: "http://127.0.0.1:1/vix",
        ALVH_PUSH_SPX_URL: "http://127.0.0.1:1/spx",
        ALVH_PUSH_JSON_PATH: "data.close",
        ALVH_PUSH_INTERVAL: "60",
        ALVH_PUSH_MAX: "3",
        ALVH_PUSH_VIX_FEED: "0x" + "11".repeat(20),
      });
      expect(url.intervalSeconds).to.equal(60);
      expect(url.maxPushes).to.equal(3);
      expect(url.vixFeed).to.equal("0x" + "11".repeat(20));
      expect(url.spxFeed).to.equal(undefined);
      const service = readPushSettings({
        ALVH_PUSH_SOURCE: "csv",
        ALVH_PUSH_VIX_CSV: "v.csv",
        ALVH_PUSH_SPX_CSV: "s.csv",
        ALVH_PUSH_RPC_URLS: "http://127.0.0.1:8545, https://rpc.example",
        ALVH_PUSH_PRIVATE_KEY: "0x" + "ab".repeat(32),
        ALVH_PUSH_KEYSTORE_PASSWORD_FILE: "/etc/alvh/pusher-password",
        ALVH_PUSH_MAX_FEE_GWEI: "50.5",
        ALVH_PUSH_RETRY_MAX_SECONDS: "30",
      });
      expect(service).to.deep.include({
        rpcUrls: ["http://127.0.0.1:8545", "https://rpc.example"],
        privateKey: "0x" + "ab".repeat(32),
        keystorePasswordFile: "/etc/alvh/pusher-password",
        maxFeeGwei: 50.5,
        retryMaxSeconds: 30,
      });
    });

    const bad: Array<[string, Record<string, string>, string]> = [
      ["missing source", {}, "ALVH_PUSH_SOURCE: is required"],
      [
        "unknown source",
        { ALVH_PUSH_SOURCE: "ftp" },
        'ALVH_PUSH_SOURCE: must be "csv", "url" or "json", got "ftp"',
      ],
      ["json without its file", { ALVH_PUSH_SOURCE: "json" }, "ALVH_PUSH_INPUTS_JSON: is required"],
      [
        "bad oracle address",
        { ALVH_PUSH_SOURCE: "json", ALVH_PUSH_INPUTS_JSON: "m.json", ALVH_PUSH_VOL_ORACLE: "oracle" },
        'ALVH_PUSH_VOL_ORACLE: is not an address: "oracle"',
      ],
      [
        "csv without files",
        { ALVH_PUSH_SOURCE: "csv", ALVH_PUSH_VIX_CSV: "v.csv" },
        "ALVH_PUSH_SPX_CSV: is required",
      ],
      [
        "bad interval",
        { ALVH_PUSH_SOURCE: "csv", ALVH_PUSH_VIX_CSV: "v", ALVH_PUSH_SPX_CSV: "s", ALVH_PUSH_INTERVAL: "-5" },
        'ALVH_PUSH_INTERVAL: must be a whole number of 0 or more, got "-5"',
      ],
      [
        "bad feed address",
        {
          ALVH_PUSH_SOURCE: "csv",
          ALVH_PUSH_VIX_CSV: "v",
          ALVH_PUSH_SPX_CSV: "s",
          ALVH_PUSH_SPX_FEED: "0x12",
        },
        'ALVH_PUSH_SPX_FEED: is not an address: "0x12"',
      ],
      [
        "bad RPC URL",
        {
          ALVH_PUSH_SOURCE: "csv",
          ALVH_PUSH_VIX_CSV: "v",
          ALVH_PUSH_SPX_CSV: "s",
          ALVH_PUSH_RPC_URLS: "ws://x",
        },
        'ALVH_PUSH_RPC_URLS: "ws://x" is not an http(s) URL',
      ],
      [
        "bad private key",
        {
          ALVH_PUSH_SOURCE: "csv",
          ALVH_PUSH_VIX_CSV: "v",
          ALVH_PUSH_SPX_CSV: "s",
          ALVH_PUSH_PRIVATE_KEY: "0x12",
        },
        "ALVH_PUSH_PRIVATE_KEY: is not a 0x-prefixed 32-byte hex private key",
      ],
      [
        "bad fee cap",
        {
          ALVH_PUSH_SOURCE: "csv",
          ALVH_PUSH_VIX_CSV: "v",
          ALVH_PUSH_SPX_CSV: "s",
          ALVH_PUSH_MAX_FEE_GWEI: "0",
        },
        'ALVH_PUSH_MAX_FEE_GWEI: must be a number above 0, got "0"',
      ],
    ];
    for (const [name, env, message] of bad) {
      it(`names the variable: ${name}`, () => {
        expect(() => readPushSettings(env))
          .to.throw(PushSettingsError)
          .with.property("message", message);
      });
    }
  });

  describe("values", () => {
    it("scales decimals to 8-decimal feed units exactly", () => {
      expect(toFeedUnits("19.45", "VIX")).to.equal(1_945_000_000n);
      expect(toFeedUnits("82.69", "VIX")).to.equal(8_269_000_000n);
      expect(toFeedUnits(5234.18, "SPX")).to.equal(523_418_000_000n);
      expect(toFeedUnits("17", "VIX")).to.equal(1_700_000_000n);
      expect(toFeedUnits("0.12345678", "X")).to.equal(12_345_678n);
    });

    for (const [input, message] of [
      ["-1", 'VIX: "-1" is not a positive decimal number'],
      ["abc", 'VIX: "abc" is not a positive decimal number'],
      ["0.000", "VIX: the value is zero"],
      ["1.123456789", 'VIX: "1.123456789" has more than 8 decimals'],
    ] as const) {
      it(`refuses ${input}`, () => {
        expect(() => toFeedUnits(input, "VIX"))
          .to.throw(IndexValueError)
          .with.property("message", message);
      });
    }

    it("finds a value by a dotted path and names what is missing", () => {
      expect(valueAtPath({ data: { close: 19.5 } }, "data.close", "VIX")).to.equal(19.5);
      expect(valueAtPath({ quotes: [{ last: "20.1" }] }, "quotes.0.last", "VIX")).to.equal("20.1");
      expect(() => valueAtPath({ data: {} }, "data.close", "VIX")).to.throw(
        IndexValueError,
        'VIX: the JSON answer has nothing at "data.close" (stopped at "close")',
      );
      expect(() => valueAtPath({ data: { close: null } }, "data.close", "VIX")).to.throw(
        IndexValueError,
        'VIX: the value at "data.close" is not a number or a string',
      );
    });
  });

  it("pushes both feeds deployed by the Feeds Ignition module, at one observation time", async () => {
    const deployed = await ignition.deploy(FeedsModule);
    const vixFeed = await ethers.getContractAt("IndexFeed", await deployed.vixFeed.getAddress());
    const spxFeed = await ethers.getContractAt("IndexFeed", await deployed.spxFeed.getAddress());
    const at = await networkHelpers.time.latest();
    const rounds = await pushIndexValues(
      { vixFeed, spxFeed },
      { vix: toFeedUnits("19.45", "VIX"), spx: toFeedUnits("5234.18", "SPX") },
      at,
    );
    expect(rounds).to.deep.equal({ vixRound: 1n, spxRound: 1n });
    const [, vix, , vixAt] = await vixFeed.latestRoundData();
    const [, spx, , spxAt] = await spxFeed.latestRoundData();
    expect([vix, spx, vixAt, spxAt]).to.deep.equal([
      1_945_000_000n,
      523_418_000_000n,
      BigInt(at),
      BigInt(at),
    ]);
    // The same time again is refused by the feed itself.
    await expect(vixFeed.pushRound(1_945_000_000n, at)).to.be.revertedWithCustomError(
      vixFeed,
      "IndexFeedTimestampNotAfterPrevious",
    );
  });
});
