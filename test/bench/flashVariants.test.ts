// The flash bench's vault variants (scripts/bench/flashVariants.ts): each is the vault's own source with exact line
// edits, the bench stops naming the line when the source no longer has it, and each compiled variant does what its
// row in docs/gas.md says it does. The control must stay the vault itself, so that the table's "saved" column is
// what each defence costs.
import { readFileSync } from "node:fs";
import { expect } from "chai";
import { network } from "hardhat";
import type { BaseContract } from "ethers";
import {
  applyVariant,
  deployVaultVariants,
  VAULT_SOURCE,
  VAULT_VARIANTS,
  variantContract,
  type VaultVariant,
} from "../../scripts/bench/flashVariants.js";
import type { MockERC20, PeerFlashBorrower } from "../../types/ethers-contracts/index.js";

const { ethers, networkHelpers } = await network.create();
const UNIT = 10n ** 18n;
const LIQUIDITY = 100_000n * UNIT;
const LOAN = 1_000n * UNIT;
const FEE_5BPS = (LOAN * 5n) / 10_000n; // every variant is deployed at 5 bps
const source = readFileSync(VAULT_SOURCE, "utf8");
const variant = (key: string): VaultVariant => VAULT_VARIANTS.find((v) => v.key === key)!;
const flashLoanOf = (text: string): string => {
  const start = text.indexOf("    function flashLoan(");
  return text.slice(start, text.indexOf("\n    }\n", start));
};

describe("bench: FlashLoanVault variants", function () {
  describe("edits", function () {
    it("the control is the vault's source, only renamed", function () {
      const control = applyVariant(source, variant("control"));
      expect(control).to.equal(
        source.replace("contract FlashLoanVault is", `contract ${variantContract("control")} is`),
      );
    });

    it("every variant applies to today's vault and drops exactly what it names from flashLoan", function () {
      for (const v of VAULT_VARIANTS) {
        const body = flashLoanOf(applyVariant(source, v));
        for (const edit of v.edits.filter((e) => e.scope !== "file" && e.becomes.length === 0)) {
          expect(body, `${v.key}: ${edit.line}`).not.to.contain(edit.line);
        }
      }
      const morpho = flashLoanOf(applyVariant(source, variant("morphoFeatures")));
      for (const gone of [
        "_requireNotPaused",
        "_lentPlusOne",
        "balanceBefore",
        "balanceAfter",
        "_flashFeeBps",
      ]) {
        expect(morpho).not.to.contain(gone);
      }
      expect(morpho).to.contain("uint256 fee = 0;");
      const fixedFee = applyVariant(source, variant("fixedFeeLockOnly"));
      expect(flashLoanOf(fixedFee)).to.contain("_feeOf(amount, _fixedFeeBps)");
      expect(flashLoanOf(fixedFee)).to.contain("_lentPlusOne = amount + 1;");
      expect(fixedFee).to.contain("uint256 private immutable _fixedFeeBps;");
    });

    it("stops naming the variant and the line when the vault no longer has it", function () {
      const changed = source.replace("_lentPlusOne = 0;", "delete _lentPlusOne;");
      expect(() => applyVariant(changed, variant("withoutLock"))).to.throw(
        'variant withoutLock: "_lentPlusOne = 0;" occurs 0 times in flashLoan',
      );
    });

    it("stops when a line it edits occurs twice", function () {
      const twice = source.replace("_requireNotPaused();\n        uint256 balanceBefore", (m) =>
        m.replace("_requireNotPaused();", "_requireNotPaused();\n        _requireNotPaused();"),
      );
      expect(twice).not.to.equal(source);
      expect(() => applyVariant(twice, variant("withoutFeeAndPause"))).to.throw(
        'variant withoutFeeAndPause: "_requireNotPaused();" occurs 2 times in flashLoan',
      );
    });

    it("stops when the contract is no longer FlashLoanVault", function () {
      const renamed = source.replace("contract FlashLoanVault is", "contract FlashVault is");
      expect(() => applyVariant(renamed, variant("control"))).to.throw(
        'no longer declares "contract FlashLoanVault is"',
      );
    });
  });

  describe("compiled (the project's compiler and settings)", function () {
    async function deployed() {
      const [admin] = await ethers.getSigners();
      const token = (await ethers.deployContract("MockERC20", [
        "Bench Token",
        "BT",
        18,
      ])) as unknown as MockERC20;
      await token.mint(admin!.address, 10n * LIQUIDITY);
      const { vaults } = await deployVaultVariants(ethers, {
        asset: await token.getAddress(),
        admin: admin!,
        lp: admin!,
        feeBps: 5n,
        liquidity: LIQUIDITY,
      });
      const peer = (await ethers.deployContract("PeerFlashBorrower", [
        await token.getAddress(),
        await Promise.all(Object.values(vaults).map((v) => v.getAddress())),
      ])) as unknown as PeerFlashBorrower;
      await token.mint(await peer.getAddress(), 100n * UNIT);
      return { token, vaults, peer };
    }

    /** The peer borrows LOAN from `vault` (started by the peer, repaid with `fee`): the FlashLoan event says so. */
    async function expectLoan(
      token: MockERC20,
      vault: BaseContract,
      peer: PeerFlashBorrower,
      fee: bigint,
      label: string,
    ): Promise<void> {
      const borrower = await peer.getAddress();
      await expect(peer.borrowFromErc3156(vault.getAddress(), LOAN), label)
        .to.emit(vault, "FlashLoan")
        .withArgs(borrower, borrower, await token.getAddress(), LOAN, fee);
    }

    it("each variant lends and is repaid; the fee is 0 only where the variant drops it", async function () {
      const { token, vaults, peer } = await networkHelpers.loadFixture(deployed);
      for (const v of VAULT_VARIANTS) {
        const vault = vaults[v.key]!;
        const charged = v.key === "withoutFeeAndPause" || v.key === "morphoFeatures" ? 0n : FEE_5BPS;
        const before = await token.balanceOf(vault.getAddress());
        await expectLoan(token, vault, peer, charged, v.key);
        expect(await token.balanceOf(vault.getAddress()), v.key).to.equal(before + charged);
      }
    });

    it("without the balance reads, a loan above the idle balance still gets FlashLoanAmountAboveMax", async function () {
      const { token, vaults, peer } = await networkHelpers.loadFixture(deployed);
      for (const key of ["withoutBalanceChecks", "fixedFeeLockOnly", "morphoFeatures"]) {
        const vault = vaults[key]!;
        const idle = await token.balanceOf(vault.getAddress());
        await expect(peer.borrowFromErc3156(vault.getAddress(), idle + 1n), key)
          .to.be.revertedWithCustomError(vault, "FlashLoanAmountAboveMax")
          .withArgs(await token.getAddress(), idle + 1n, idle);
      }
    });

    it("the pause stops the control's loans, not those of the variants without the loan pause", async function () {
      const { vaults, peer } = await networkHelpers.loadFixture(deployed);
      for (const v of VAULT_VARIANTS) await (await vaults[v.key]!.getFunction("pause")()).wait();
      await expect(
        peer.borrowFromErc3156(vaults["control"]!.getAddress(), LOAN),
      ).to.be.revertedWithCustomError(vaults["control"]!, "EnforcedPause");
      for (const key of ["withoutFeeAndPause", "fixedFeeLockOnly", "morphoFeatures"]) {
        await expect(peer.borrowFromErc3156(vaults[key]!.getAddress(), LOAN), key).to.emit(
          vaults[key]!,
          "FlashLoan",
        );
      }
    });

    it("a fixed fee does not follow setFlashFeeBps", async function () {
      const { token, vaults, peer } = await networkHelpers.loadFixture(deployed);
      const vault = vaults["fixedFeeLockOnly"]!;
      await (await vault.getFunction("setFlashFeeBps")(100)).wait();
      await expectLoan(token, vault, peer, FEE_5BPS, "fixedFeeLockOnly");
    });
  });
});
