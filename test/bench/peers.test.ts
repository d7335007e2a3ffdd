// The flash-loan bench's peers: the Aave V3 market deployed from the npm package's artifacts and the one borrower
// (PeerFlashBorrower) that the bench uses for Aave, Morpho Blue and the borrower-started ERC-3156 loan. (Morpho
// Blue itself is compiled by the bench only, with solc 0.8.19: see scripts/bench/peers/morphoBlue.ts.)
import { expect } from "chai";
import { network } from "hardhat";
import { deployAaveV3Market, linkBytecode } from "../../scripts/bench/peers/aaveV3.js";
import type { FlashLoanVault, MockERC20, PeerFlashBorrower } from "../../types/ethers-contracts/index.js";

const { ethers, networkHelpers } = await network.create();
const UNIT = 10n ** 18n;
const LOAN = 1_000n * UNIT;

async function fixture() {
  const [admin] = await ethers.getSigners();
  const token = (await ethers.deployContract("MockERC20", ["Bench Token", "BT", 18])) as unknown as MockERC20;
  await token.mint(admin!.address, 200_000n * UNIT);
  const aave = await deployAaveV3Market(ethers, admin!, await token.getAddress(), 18, 100_000n * UNIT, 0n);
  const vault = (await ethers.deployContract("FlashLoanVault", [
    await token.getAddress(),
    "Flash",
    "fl",
    admin!.address,
    0,
    6,
  ])) as unknown as FlashLoanVault;
  await token.approve(await vault.getAddress(), ethers.MaxUint256);
  await vault.deposit(100_000n * UNIT, admin!.address);
  const peer = (await ethers.deployContract("PeerFlashBorrower", [
    await token.getAddress(),
    [await aave.pool.getAddress(), await vault.getAddress()],
  ])) as unknown as PeerFlashBorrower;
  await token.mint(await peer.getAddress(), 100n * UNIT);
  return { token, aave, vault, peer };
}

describe("bench peers", function () {
  it("an Aave V3 flashLoanSimple to the peer borrower lends and pulls back amount + premium", async function () {
    const { token, aave, peer } = await networkHelpers.loadFixture(fixture);
    const pool = aave.pool;
    const before = await token.balanceOf(await peer.getAddress());
    await expect(pool.getFunction("flashLoanSimple")(peer.getAddress(), token.getAddress(), LOAN, "0x", 0))
      .to.emit(pool, "FlashLoan")
      .withArgs(
        await peer.getAddress(),
        (await ethers.getSigners())[0]!.address,
        await token.getAddress(),
        LOAN,
        0,
        0n,
        0,
      );
    expect(await token.balanceOf(await peer.getAddress())).to.equal(before); // zero premium
    await (await aave.configurator.getFunction("updateFlashloanPremiumTotal")(5n)).wait();
    await pool.getFunction("flashLoanSimple")(peer.getAddress(), token.getAddress(), LOAN, "0x", 0);
    expect(await token.balanceOf(await peer.getAddress())).to.equal(before - (LOAN * 5n) / 10_000n); // 5 bps
  });

  it("the peer borrower starts an ERC-3156 loan itself and its Aave callback only says yes", async function () {
    const { token, vault, peer } = await networkHelpers.loadFixture(fixture);
    await expect(peer.borrowFromErc3156(vault.getAddress(), LOAN))
      .to.emit(vault, "FlashLoan")
      .withArgs(await peer.getAddress(), await peer.getAddress(), await token.getAddress(), LOAN, 0n);
    expect(await peer.executeOperation(token.getAddress(), LOAN, 0n, peer.getAddress(), "0x")).to.equal(true);
    expect(await peer.token()).to.equal(await token.getAddress());
  });

  it("linking names a library that is not deployed", function () {
    const artifact = {
      abi: [],
      bytecode: `0x60${"__$0123456789abcdef0123456789abcdef01$__"}00`,
      linkReferences: { "x.sol": { MissingLogic: [{ start: 1, length: 20 }] } },
    };
    expect(() => linkBytecode(artifact, new Map())).to.throw(/library MissingLogic is not deployed/);
    const linked = linkBytecode(artifact, new Map([["MissingLogic", `0x${"ab".repeat(20)}`]]));
    expect(linked).to.equal(`0x60${"ab".repeat(20)}00`);
  });
});
