import { expect } from "chai";
import { AbiCoder, id } from "ethers";
import { classifyRevert, describeRevert, revertDataOf } from "../../src/tx/classifyRevert.js";
import { classifySendError } from "../../src/tx/classifySendError.js";
import { FeeCapExceededError } from "../../src/tx/errors.js";
import { bumpFees, estimateFees } from "../../src/tx/fees.js";
import { BOOM_ABI } from "../support/boomContract.js";

const GWEI = 1_000_000_000n;
const caps = {
  maxFeePerGas: 100n * GWEI,
  maxPriorityFeePerGas: 2n * GWEI,
  maxReplacementPriorityFeePerGas: 5n * GWEI,
};

describe("tx/units", () => {
  describe("estimateFees", () => {
    const table: { name: string; base: bigint; tip: bigint; want: [bigint, bigint] | "cap" }[] = [
      { name: "2 × base + tip", base: 10n * GWEI, tip: 1n * GWEI, want: [21n * GWEI, 1n * GWEI] },
      { name: "tip capped", base: 10n * GWEI, tip: 5n * GWEI, want: [22n * GWEI, 2n * GWEI] },
      {
        name: "maxFee lowered to the cap when base + tip fits",
        base: 60n * GWEI,
        tip: 1n * GWEI,
        want: [100n * GWEI, 1n * GWEI],
      },
      { name: "base + tip above the cap refuses", base: 99n * GWEI, tip: 2n * GWEI, want: "cap" },
    ];
    for (const row of table) {
      it(row.name, () => {
        if (row.want === "cap") {
          expect(() => estimateFees(row.base, row.tip, caps))
            .to.throw(FeeCapExceededError)
            .with.property("cap", caps.maxFeePerGas);
        } else {
          expect(estimateFees(row.base, row.tip, caps)).to.deep.equal({
            maxFeePerGas: row.want[0],
            maxPriorityFeePerGas: row.want[1],
          });
        }
      });
    }
  });

  describe("bumpFees", () => {
    it("raises both fields by at least 12.5 % (rounded up)", () => {
      const old = { maxFeePerGas: 10n * GWEI + 1n, maxPriorityFeePerGas: 1n * GWEI };
      const out = bumpFees(old, { maxFeePerGas: 1n, maxPriorityFeePerGas: 1n }, 1_250, caps);
      expect(out).to.deep.equal({ maxFeePerGas: 11_250_000_002n, maxPriorityFeePerGas: 1_125_000_000n });
      expect(out!.maxFeePerGas * 10_000n >= old.maxFeePerGas * 11_250n).to.equal(true);
    });
    it("follows a fresh estimate when that is higher", () => {
      const out = bumpFees(
        { maxFeePerGas: 10n * GWEI, maxPriorityFeePerGas: GWEI },
        { maxFeePerGas: 50n * GWEI, maxPriorityFeePerGas: 2n * GWEI },
        1_250,
        caps,
      );
      expect(out).to.deep.equal({ maxFeePerGas: 50n * GWEI, maxPriorityFeePerGas: 2n * GWEI });
    });
    it("returns null rather than break the hard cap", () => {
      expect(
        bumpFees(
          { maxFeePerGas: 90n * GWEI, maxPriorityFeePerGas: GWEI },
          { maxFeePerGas: 1n, maxPriorityFeePerGas: 1n },
          1_250,
          caps,
        ),
      ).to.equal(null);
    });
    it("bounds the tip separately: null once the bumped tip passes its own cap, though maxFee fits", () => {
      const fresh = { maxFeePerGas: 1n, maxPriorityFeePerGas: 1n };
      const ok = bumpFees({ maxFeePerGas: 20n * GWEI, maxPriorityFeePerGas: 4n * GWEI }, fresh, 1_250, caps);
      expect(ok).to.deep.equal({ maxFeePerGas: 22_500_000_000n, maxPriorityFeePerGas: 4_500_000_000n });
      expect(bumpFees(ok!, fresh, 1_250, caps)).to.equal(null); // 4.5 × 1.125 = 5.06 gwei > 5 gwei
    });
  });

  describe("classifySendError", () => {
    const table: [string, string][] = [
      ["nonce too low", "nonce-too-low"],
      ["Nonce too low. Expected nonce to be 5 but got 3.", "nonce-too-low"],
      ["NONCE_EXPIRED", "nonce-too-low"],
      ["replacement transaction underpriced", "underpriced"],
      [
        "Replacement transaction underpriced. A gasPrice/maxFeePerGas of at least 3 is necessary",
        "underpriced",
      ],
      ["already known", "already-known"],
      ["Known transaction: 0xabc", "already-known"],
      ["insufficient funds for gas * price + value", "insufficient-funds"],
      ["execution reverted", "other"],
    ];
    for (const [msg, kind] of table)
      it(`"${msg}" → ${kind}`, () => expect(classifySendError(msg)).to.equal(kind));
  });

  describe("classifyRevert", () => {
    const coder = AbiCoder.defaultAbiCoder();
    it("decodes a custom error with the given interface", () => {
      const data = BOOM_ABI.encodeErrorResult("Boom", [7n]);
      const r = classifyRevert(data, BOOM_ABI);
      expect(r.kind).to.equal("custom");
      expect(describeRevert(r)).to.equal("Boom(7)");
      expect(classifyRevert(data).kind).to.equal("unknown"); // no interface given
    });
    it("decodes Error(string) and Panic(uint256)", () => {
      expect(
        describeRevert(classifyRevert(`0x08c379a0${coder.encode(["string"], ["nope"]).slice(2)}`)),
      ).to.equal('Error("nope")');
      expect(
        describeRevert(classifyRevert(`0x4e487b71${coder.encode(["uint256"], [0x11]).slice(2)}`)),
      ).to.equal("Panic(0x11)");
    });
    it("survives empty, malformed and truncated data", () => {
      expect(describeRevert(classifyRevert(undefined))).to.equal("revert without data");
      expect(classifyRevert("0x").kind).to.equal("unknown");
      expect(classifyRevert("nothex").kind).to.equal("unknown");
      expect(classifyRevert(`${id("Boom(uint256)").slice(0, 10)}00`, BOOM_ABI).kind).to.equal("unknown");
      expect(classifyRevert("0x08c379a0ff").kind).to.equal("unknown");
    });
    it("finds revert data in node error shapes", () => {
      expect(revertDataOf("0x1234")).to.equal("0x1234");
      expect(revertDataOf({ data: "0x1234" })).to.equal("0x1234");
      expect(revertDataOf({ data: { data: "0xab" } })).to.equal("0xab");
      expect(revertDataOf("execution reverted")).to.equal(undefined);
    });
  });
});
