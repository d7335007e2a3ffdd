import { expect } from "chai";
import { network } from "hardhat";
import { makeHedgeFixture } from "./hedge-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import { DAY, WAD } from "../../scripts/deploy/hedgeSide.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = makeHedgeFixture(connection);
const VIRTUAL = 10n ** 6n;

describe("HedgeLayerVault: requests and epochs", function () {
  it("deploys with the policy, roles and a fresh epoch", async function () {
    const { hedge, usdc: token, keeper } = await networkHelpers.loadFixture(fixture);
    expect(await hedge.asset()).to.equal(await token.getAddress());
    expect(await hedge.decimals()).to.equal(12n);
    expect(await hedge.hasRole(await hedge.KEEPER_ROLE(), keeper.address)).to.equal(true);
    const s = await hedge.keeperState();
    expect(s.layers.length).to.equal(3);
    expect(s.epoch).to.equal(0n);
    expect(s.nav).to.equal(0n);
    expect(s.navOk).to.equal(true);
    expect(s.vaultPolicy.reserveMin).to.equal(WAD / 5n);
  });

  it("a deposit request is pending, then claimable at the epoch's price, then claimed", async function () {
    const { hedge, usdc: token, alice, advance } = await networkHelpers.loadFixture(fixture);
    const assets = usdc(100_000n);
    await expect(hedge.connect(alice).requestDeposit(assets, alice.address, alice.address))
      .to.emit(hedge, "DepositRequest")
      .withArgs(alice.address, alice.address, 0n, alice.address, assets);
    expect(await hedge.pendingDepositRequest(0n, alice.address)).to.equal(assets);
    expect(await hedge.claimableDepositRequest(0n, alice.address)).to.equal(0n);
    expect(await hedge.totalAssets()).to.equal(0n); // pending cash is not NAV

    await expect(hedge.processEpoch()).to.be.revertedWithCustomError(hedge, "EpochNotDue");
    await advance(DAY);
    const shares = assets * VIRTUAL; // first epoch: nav 0, supply 0 -> assets x 10^6 / 1
    await expect(hedge.processEpoch())
      .to.emit(hedge, "EpochProcessed")
      .withArgs(0n, 0n, 0n, assets, shares, 0n, 0n, 0n);
    expect(await hedge.pendingDepositRequest(0n, alice.address)).to.equal(0n);
    expect(await hedge.claimableDepositRequest(0n, alice.address)).to.equal(assets);
    expect(await hedge.maxMint(alice.address)).to.equal(shares);
    // The reserve got its minimum share of the NAV.
    const s = await hedge.keeperState();
    expect(s.reserveAssets).to.equal(assets / 5n);
    expect(s.idle).to.equal(assets - assets / 5n);
    expect(s.lastNav).to.equal(assets);

    await expect(
      hedge.connect(alice)["deposit(uint256,address,address)"](assets / 2n, alice.address, alice.address),
    )
      .to.emit(hedge, "Deposit")
      .withArgs(alice.address, alice.address, assets / 2n, shares / 2n);
    await expect(
      hedge.connect(alice)["mint(uint256,address,address)"](shares / 2n, alice.address, alice.address),
    )
      .to.emit(hedge, "Deposit")
      .withArgs(alice.address, alice.address, assets / 2n, shares / 2n);
    expect(await hedge.balanceOf(alice.address)).to.equal(shares);
    expect(await hedge.totalAssets()).to.equal(assets);
    expect(await token.balanceOf(await hedge.getAddress())).to.equal(assets - assets / 5n);
  });

  it("ERC-4626's two-argument deposit and mint claim the caller's own claimable deposit", async function () {
    const { hedge, alice, bob, advance } = await networkHelpers.loadFixture(fixture);
    const assets = usdc(100_000n);
    await hedge.connect(alice).requestDeposit(assets, alice.address, alice.address);
    await advance(DAY);
    await hedge.processEpoch();
    const shares = assets * VIRTUAL;
    // A stranger has nothing claimable: the overloads claim for msg.sender only.
    await expect(hedge.connect(bob)["deposit(uint256,address)"](assets, bob.address))
      .to.be.revertedWithCustomError(hedge, "ClaimAboveClaimable")
      .withArgs(assets, 0n);
    await expect(hedge.connect(alice)["deposit(uint256,address)"](assets / 2n, bob.address))
      .to.emit(hedge, "Deposit")
      .withArgs(alice.address, bob.address, assets / 2n, shares / 2n);
    await expect(hedge.connect(alice)["mint(uint256,address)"](shares / 2n, alice.address))
      .to.emit(hedge, "Deposit")
      .withArgs(alice.address, alice.address, assets / 2n, shares / 2n);
    expect(await hedge.balanceOf(bob.address)).to.equal(shares / 2n);
    expect(await hedge.balanceOf(alice.address)).to.equal(shares / 2n);
    expect(await hedge.claimableDepositRequest(0n, alice.address)).to.equal(0n);
  });

  it("a redemption request is struck at the next epoch and paid from idle and the reserve", async function () {
    const { hedge, usdc: token, alice, advance, seed } = await networkHelpers.loadFixture(fixture);
    await seed(usdc(100_000n));
    const shares = await hedge.balanceOf(alice.address);
    await expect(hedge.connect(alice).requestRedeem(shares, alice.address, alice.address))
      .to.emit(hedge, "RedeemRequest")
      .withArgs(alice.address, alice.address, 0n, alice.address, shares);
    expect(await hedge.pendingRedeemRequest(0n, alice.address)).to.equal(shares);
    await advance(DAY);
    await expect(hedge.processEpoch()).to.emit(hedge, "ReserveMoved");
    expect(await hedge.claimableRedeemRequest(0n, alice.address)).to.equal(shares);
    const assets = await hedge.maxWithdraw(alice.address);
    expect(assets).to.be.closeTo(usdc(100_000n), 1n);
    await expect(hedge.connect(alice).withdraw(assets / 2n, alice.address, alice.address)).to.emit(
      hedge,
      "Withdraw",
    );
    const rest = await hedge.maxRedeem(alice.address);
    await expect(hedge.connect(alice).redeem(rest, alice.address, alice.address)).to.changeTokenBalances(
      ethers,
      token,
      [alice],
      [assets - assets / 2n],
    );
    expect(await hedge.totalSupply()).to.equal(0n);
  });

  it("pending requests can be cancelled before the epoch settles, not after", async function () {
    const { hedge, alice, advance, seed } = await networkHelpers.loadFixture(fixture);
    await seed(usdc(1_000n));
    await hedge.connect(alice).requestDeposit(usdc(500n), alice.address, alice.address);
    await expect(hedge.connect(alice).cancelDepositRequest(alice.address))
      .to.emit(hedge, "DepositRequestCancelled")
      .withArgs(alice.address, 1n, usdc(500n));
    await expect(hedge.connect(alice).cancelDepositRequest(alice.address))
      .to.be.revertedWithCustomError(hedge, "NothingToCancel")
      .withArgs(alice.address);
    const shares = await hedge.balanceOf(alice.address);
    await hedge.connect(alice).requestRedeem(shares, alice.address, alice.address);
    await expect(hedge.connect(alice).cancelRedeemRequest(alice.address))
      .to.emit(hedge, "RedeemRequestCancelled")
      .withArgs(alice.address, 1n, shares);
    expect(await hedge.balanceOf(alice.address)).to.equal(shares);
    await hedge.connect(alice).requestRedeem(shares, alice.address, alice.address);
    await advance(DAY);
    await hedge.processEpoch();
    await expect(hedge.connect(alice).cancelRedeemRequest(alice.address)).to.be.revertedWithCustomError(
      hedge,
      "NothingToCancel",
    );
  });

  it("operators act for a controller; strangers cannot", async function () {
    const { hedge, alice, bob, advance } = await networkHelpers.loadFixture(fixture);
    await expect(hedge.connect(bob).requestDeposit(usdc(1n), alice.address, alice.address))
      .to.be.revertedWithCustomError(hedge, "NotControllerOrOperator")
      .withArgs(bob.address, alice.address);
    await expect(hedge.connect(alice).setOperator(bob.address, true))
      .to.emit(hedge, "OperatorSet")
      .withArgs(alice.address, bob.address, true);
    expect(await hedge.isOperator(alice.address, bob.address)).to.equal(true);
    await hedge.connect(bob).requestDeposit(usdc(10n), alice.address, alice.address);
    await advance(DAY);
    await hedge.processEpoch();
    await hedge.connect(bob)["deposit(uint256,address,address)"](usdc(10n), bob.address, alice.address);
    expect(await hedge.balanceOf(bob.address)).to.be.greaterThan(0n);
    await expect(hedge.connect(alice).cancelDepositRequest(bob.address)).to.be.revertedWithCustomError(
      hedge,
      "NotControllerOrOperator",
    );
  });

  it("names every bad request and claim", async function () {
    const { hedge, alice, seed } = await networkHelpers.loadFixture(fixture);
    await expect(
      hedge.connect(alice).requestDeposit(0n, alice.address, alice.address),
    ).to.be.revertedWithCustomError(hedge, "ZeroAmount");
    await expect(
      hedge.connect(alice).requestDeposit(1n, ethers.ZeroAddress, alice.address),
    ).to.be.revertedWithCustomError(hedge, "ZeroAddress");
    await expect(
      hedge.connect(alice).requestRedeem(0n, alice.address, alice.address),
    ).to.be.revertedWithCustomError(hedge, "ZeroAmount");
    await expect(
      hedge.connect(alice).requestRedeem(1n, ethers.ZeroAddress, alice.address),
    ).to.be.revertedWithCustomError(hedge, "ZeroAddress");
    await seed(usdc(1_000n));
    await expect(hedge.connect(alice)["deposit(uint256,address,address)"](1n, alice.address, alice.address))
      .to.be.revertedWithCustomError(hedge, "ClaimAboveClaimable")
      .withArgs(1n, 0n);
    await expect(
      hedge.connect(alice)["mint(uint256,address,address)"](1n, alice.address, alice.address),
    ).to.be.revertedWithCustomError(hedge, "ClaimAboveClaimable");
    await expect(hedge.connect(alice).redeem(1n, alice.address, alice.address)).to.be.revertedWithCustomError(
      hedge,
      "ClaimAboveClaimable",
    );
    await expect(
      hedge.connect(alice).withdraw(1n, alice.address, alice.address),
    ).to.be.revertedWithCustomError(hedge, "ClaimAboveClaimable");
    for (const claim of [
      "deposit(uint256,address,address)",
      "mint(uint256,address,address)",
      "redeem",
      "withdraw",
    ] as const) {
      await expect(
        hedge.connect(alice)[claim](0n, alice.address, alice.address),
      ).to.be.revertedWithCustomError(hedge, "ZeroAmount");
    }
  });

  it("one price per epoch: a late depositor and a leaver share it; donations do not move it", async function () {
    const { hedge, usdc: token, alice, bob, advance, seed } = await networkHelpers.loadFixture(fixture);
    await seed(usdc(100_000n));
    await token.connect(bob).transfer(await hedge.getAddress(), usdc(50_000n)); // donation: ignored
    expect(await hedge.totalAssets()).to.equal(usdc(100_000n));
    const half = (await hedge.balanceOf(alice.address)) / 2n;
    await hedge.connect(alice).requestRedeem(half, alice.address, alice.address);
    await hedge.connect(bob).requestDeposit(usdc(10_000n), bob.address, bob.address);
    await advance(DAY);
    await hedge.processEpoch();
    const bobShares = await hedge.maxMint(bob.address);
    // Same price: bob's shares / assets = alice's shares / assets.
    const aliceAssets = await hedge.maxWithdraw(alice.address);
    expect((bobShares * aliceAssets) / usdc(10_000n)).to.be.closeTo(half, VIRTUAL);
  });

  it("an epoch with deposits and redemptions moves the supply and the vault's escrow by minted - burned, exactly", async function () {
    const { hedge, alice, bob, advance, seed } = await networkHelpers.loadFixture(fixture);
    await seed(usdc(100_000n));
    const vault = await hedge.getAddress();
    for (const [deposit, redeemPart, mintsMore] of [
      [usdc(10_000n), 20n, true], // redeems ~5,000 USDC of shares: mints more than it burns
      [usdc(1_000n), 3n, false], // redeems ~30,000 USDC: burns more than it mints
    ] as const) {
      await hedge
        .connect(alice)
        .requestRedeem((await hedge.balanceOf(alice.address)) / redeemPart, alice.address, alice.address);
      await hedge.connect(bob).requestDeposit(deposit, bob.address, bob.address);
      const [supply, escrow] = [await hedge.totalSupply(), await hedge.balanceOf(vault)];
      await advance(DAY);
      const receipt = await (await hedge.processEpoch()).wait();
      const event = receipt!.logs
        .map((log) => hedge.interface.parseLog(log))
        .find((parsed) => parsed?.name === "EpochProcessed")!;
      const { sharesMinted, sharesBurned } = event.args;
      expect(sharesMinted > sharesBurned).to.equal(mintsMore);
      expect(sharesBurned).to.not.equal(0n);
      expect(await hedge.totalSupply()).to.equal(supply + sharesMinted - sharesBurned);
      expect(await hedge.balanceOf(vault)).to.equal(escrow + sharesMinted - sharesBurned);
      // Every share the vault holds is owed: bob's claimable deposit shares (alice claims nothing back).
      expect(await hedge.balanceOf(vault)).to.equal(await hedge.maxMint(bob.address));
      await hedge
        .connect(bob)
        ["mint(uint256,address,address)"](await hedge.maxMint(bob.address), bob.address, bob.address);
    }
  });

  it("views: currentEpoch, convertToShares/Assets, ERC-165, and redemption requests through an allowance", async function () {
    const { hedge, alice, bob, advance, seed } = await networkHelpers.loadFixture(fixture);
    await seed(usdc(1_000n));
    const [epoch, startedAt] = await hedge.currentEpoch();
    expect(epoch).to.equal(1n);
    expect(startedAt).to.be.greaterThan(0n);
    const shares = await hedge.convertToShares(usdc(100n));
    expect(await hedge.convertToAssets(shares)).to.be.closeTo(usdc(100n), 1n);
    expect(await hedge.supportsInterface("0x4e2312e0")).to.equal(true); // ERC-1155 receiver
    expect(await hedge.supportsInterface("0x7965db0b")).to.equal(true); // AccessControl
    expect(await hedge.supportsInterface("0xffffffff")).to.equal(false);
    // A spender with an allowance (not an operator) may request for the owner.
    const balance = await hedge.balanceOf(alice.address);
    await expect(
      hedge.connect(bob).requestRedeem(balance, bob.address, alice.address),
    ).to.be.revertedWithCustomError(hedge, "ERC20InsufficientAllowance");
    await hedge.connect(alice).approve(bob.address, balance);
    await hedge.connect(bob).requestRedeem(balance, bob.address, alice.address);
    expect(await hedge.pendingRedeemRequest(0n, bob.address)).to.equal(balance);
    await advance(DAY);
    await hedge.processEpoch();
    expect(await hedge.maxRedeem(bob.address)).to.equal(balance);
  });

  it("ERC-7540: the four previews revert for any input and caller; ERC-165 ids of the EIP", async function () {
    const { hedge, alice, seed } = await networkHelpers.loadFixture(fixture);
    await seed(usdc(1_000n)); // a live NAV and supply: still no preview
    for (const amount of [0n, 1n, usdc(100n), ethers.MaxUint256]) {
      for (const caller of [hedge, hedge.connect(alice)]) {
        await expect(caller.previewDeposit(amount)).to.be.revertedWithCustomError(
          hedge,
          "AsyncFlowNoPreview",
        );
        await expect(caller.previewMint(amount)).to.be.revertedWithCustomError(hedge, "AsyncFlowNoPreview");
        await expect(caller.previewRedeem(amount)).to.be.revertedWithCustomError(hedge, "AsyncFlowNoPreview");
        await expect(caller.previewWithdraw(amount)).to.be.revertedWithCustomError(
          hedge,
          "AsyncFlowNoPreview",
        );
      }
    }
    // The ids are the XOR of the selectors the EIP lists (recomputed here, so a typo cannot pass).
    const id = (...signatures: string[]): string => {
      let x = 0;
      for (const sig of signatures) x ^= Number.parseInt(ethers.id(sig).slice(2, 10), 16);
      return "0x" + (x >>> 0).toString(16).padStart(8, "0");
    };
    const operator = id("setOperator(address,bool)", "isOperator(address,address)");
    const asyncDeposit = id(
      "requestDeposit(uint256,address,address)",
      "pendingDepositRequest(uint256,address)",
      "claimableDepositRequest(uint256,address)",
      "deposit(uint256,address,address)",
      "mint(uint256,address,address)",
    );
    const asyncRedeem = id(
      "requestRedeem(uint256,address,address)",
      "pendingRedeemRequest(uint256,address)",
      "claimableRedeemRequest(uint256,address)",
    );
    expect([operator, asyncDeposit, asyncRedeem]).to.deep.equal(["0xe3bc4e65", "0xce3bbe50", "0x620ee8e4"]);
    for (const interfaceId of [operator, asyncDeposit, asyncRedeem, "0x01ffc9a7"]) {
      expect(await hedge.supportsInterface(interfaceId)).to.equal(true);
    }
  });
});
