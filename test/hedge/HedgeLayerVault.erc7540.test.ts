// The hedge vault against the text of ERC-7540 (asynchronous ERC-4626 vaults), ERC-7575 (which ERC-7540 requires)
// and ERC-4626, one clause at a time. The clauses are quoted in the test names; docs/hedge.md ("Standards") says
// how the vault meets each one.
import { expect } from "chai";
import { network } from "hardhat";
import { condorStrikes, makeHedgeFixture, WITH_RESERVE_DRAW, type HedgeFixture } from "./hedge-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import { DAY, gridExpiry, pts, WAD } from "../../scripts/deploy/hedgeSide.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = makeHedgeFixture(connection, WITH_RESERVE_DRAW);
const VIRTUAL = 10n ** 6n;
/** 10^(36 - 6): contracts (18 decimals) x index points (18 decimals) -> cash (6 decimals). */
const CASH_SCALE = 10n ** 30n;

async function funded(): Promise<HedgeFixture> {
  const f = await fixture();
  await f.seed(usdc(500_000n)); // Alice keeps half of her cash for more requests
  return f;
}

/** A funded vault holding layer 1 and a condor: its cash cannot pay a full redemption. */
async function invested(): Promise<HedgeFixture> {
  const f = await funded();
  const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
  await f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
  const k = condorStrikes(pts("5000"));
  await f.hedge.connect(f.keeper).openCondor(k.put, k.call, gridExpiry((await f.now()) + 30n * DAY), 0n);
  return f;
}

/** The ERC-165 id of a set of functions: the XOR of their selectors (computed here, not copied from the EIPs). */
function interfaceId(...signatures: string[]): string {
  let x = 0;
  for (const sig of signatures) x ^= Number.parseInt(ethers.id(sig).slice(2, 10), 16);
  return "0x" + (x >>> 0).toString(16).padStart(8, "0");
}

describe("HedgeLayerVault: ERC-7540 clause by clause", function () {
  describe("Request Ids", function () {
    it("'If a Vault returns 0 for the requestId of any request, it MUST return 0 for all requests'", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const { hedge, alice, bob } = f;
      const shares = (await hedge.balanceOf(alice.address)) / 10n;
      await hedge.connect(alice).setOperator(bob.address, true);
      // Every epoch (the first one was epoch 0 in the fixture), both kinds, on time and once the epoch is due
      // (queued for the next), directly and through an operator: the returned id and the logged id are 0.
      for (let round = 0; round < 3; round++) {
        for (const due of [false, true]) {
          if (due) await f.advance(DAY);
          const sender = due ? bob : alice;
          const requester = hedge.connect(sender);
          expect(await requester.requestDeposit.staticCall(usdc(10n), alice.address, alice.address)).to.equal(
            0n,
          );
          await expect(requester.requestDeposit(usdc(10n), alice.address, alice.address))
            .to.emit(hedge, "DepositRequest")
            .withArgs(alice.address, alice.address, 0n, sender.address, usdc(10n));
          expect(
            await requester.requestRedeem.staticCall(shares / 8n, alice.address, alice.address),
          ).to.equal(0n);
          await expect(requester.requestRedeem(shares / 8n, alice.address, alice.address))
            .to.emit(hedge, "RedeemRequest")
            .withArgs(alice.address, alice.address, 0n, sender.address, shares / 8n);
        }
        await hedge.processEpoch();
      }
    });

    it("'When requestId == 0, the Vault MUST use purely the controller to discriminate the request state'", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const { hedge, alice, bob } = f;
      // A claimable deposit and a claimable redemption (epoch 1), then a pending one of each (epoch 2), all of the
      // same controller.
      const shares = (await hedge.balanceOf(alice.address)) / 10n;
      await hedge.connect(alice).requestDeposit(usdc(100n), alice.address, alice.address);
      await hedge.connect(alice).requestRedeem(shares, alice.address, alice.address);
      await f.advance(DAY);
      await hedge.processEpoch();
      await hedge.connect(alice).requestDeposit(usdc(30n), alice.address, alice.address);
      await hedge.connect(alice).requestRedeem(shares / 2n, alice.address, alice.address);
      // Id 0 answers the controller's aggregate; no other id has a request (issue 16: id 999 answered id 0's).
      for (const view of [hedge, hedge.connect(bob), hedge.connect(alice)]) {
        // 'MUST NOT show any variations depending on the caller'
        expect(await view.pendingDepositRequest(0n, alice.address)).to.equal(usdc(30n));
        expect(await view.claimableDepositRequest(0n, alice.address)).to.equal(usdc(100n));
        expect(await view.pendingRedeemRequest(0n, alice.address)).to.equal(shares / 2n);
        expect(await view.claimableRedeemRequest(0n, alice.address)).to.equal(shares);
        for (const id of [1n, 2n, 3n, 999n, ethers.MaxUint256]) {
          expect(await view.pendingDepositRequest(id, alice.address)).to.equal(0n);
          expect(await view.claimableDepositRequest(id, alice.address)).to.equal(0n);
          expect(await view.pendingRedeemRequest(id, alice.address)).to.equal(0n);
          expect(await view.claimableRedeemRequest(id, alice.address)).to.equal(0n);
        }
      }
      // 'maxDeposit increases and decreases in sync with claimableDepositRequest' (and the redemption views).
      expect(await hedge.maxDeposit(alice.address)).to.equal(usdc(100n));
      expect(await hedge.maxRedeem(alice.address)).to.equal(shares);
      await hedge.connect(alice)["deposit(uint256,address,address)"](usdc(60n), alice.address, alice.address);
      expect(await hedge.claimableDepositRequest(0n, alice.address)).to.equal(usdc(40n));
      expect(await hedge.maxDeposit(alice.address)).to.equal(usdc(40n));
      expect(await hedge.pendingDepositRequest(0n, alice.address)).to.equal(usdc(30n)); // 'MUST NOT include' claimable
    });
  });

  describe("Request lifecycle", function () {
    it("'Vaults MUST NOT push tokens onto the user after a Request, users MUST pull the tokens'", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const { hedge, usdc: token, alice, bob } = f;
      const shares = (await hedge.balanceOf(alice.address)) / 4n;
      await hedge.connect(alice).requestRedeem(shares, alice.address, alice.address);
      await hedge.connect(bob).requestDeposit(usdc(1_000n), bob.address, bob.address);
      await f.advance(DAY);
      const before = [
        await hedge.balanceOf(alice.address),
        await token.balanceOf(alice.address),
        await hedge.balanceOf(bob.address),
      ];
      await hedge.processEpoch();
      // Strangers' requests for them (the controllers') move nothing to them either.
      const [, , , , , , carol] = await ethers.getSigners();
      await token.mint(carol!.address, usdc(2n));
      await token.connect(carol!).approve(await hedge.getAddress(), ethers.MaxUint256);
      await hedge.connect(carol!).requestDeposit(1n, alice.address, carol!.address);
      await hedge.connect(carol!).requestDeposit(1n, bob.address, carol!.address);
      expect([
        await hedge.balanceOf(alice.address),
        await token.balanceOf(alice.address),
        await hedge.balanceOf(bob.address),
      ]).to.deep.equal(before);
      // 'Requests MUST NOT skip or otherwise short-circuit the Claim state': both are claimable, and only claims
      // move them.
      expect(await hedge.maxRedeem(alice.address)).to.equal(shares);
      expect(await hedge.maxDeposit(bob.address)).to.equal(usdc(1_000n));
      await hedge.connect(alice).redeem(shares, alice.address, alice.address);
      await hedge.connect(bob)["deposit(uint256,address)"](usdc(1_000n), bob.address);
      expect(await token.balanceOf(alice.address)).to.be.greaterThan(before[1]!);
      expect(await hedge.balanceOf(bob.address)).to.be.greaterThan(0n);
    });
  });

  describe("partially filled redemptions (issue 16.5)", function () {
    it("the unfilled shares are visible at once, no one's action moves them, the controller claims them", async function () {
      const f = await networkHelpers.loadFixture(invested);
      const { hedge, alice, bob } = f;
      const [, , , , , , carol, dave] = await ethers.getSigners();
      // Alice (owner) asks to redeem everything for Bob (controller): more than idle + the reserve can pay.
      const shares = await hedge.balanceOf(alice.address);
      await hedge.connect(alice).requestRedeem(shares, bob.address, alice.address);
      await f.advance(DAY);
      await hedge.processEpoch();
      const filled = await hedge.claimableRedeemRequest(0n, bob.address);
      const unfilled = await hedge.unfilledRedeemShares(bob.address);
      expect(filled).to.be.greaterThan(0n);
      expect(unfilled).to.be.greaterThan(0n);
      expect(filled + unfilled).to.equal(shares);
      expect(await hedge.pendingRedeemRequest(0n, bob.address)).to.equal(0n);
      expect(await hedge.unfilledRedeemShares(alice.address)).to.equal(0n);
      // A stranger's request for Bob pushes nothing to him (issue 16: it used to push the unfilled shares).
      await f.usdc.mint(carol!.address, 1n);
      await f.usdc.connect(carol!).approve(await hedge.getAddress(), 1n);
      await hedge.connect(carol!).requestDeposit(1n, bob.address, carol!.address);
      expect(await hedge.balanceOf(bob.address)).to.equal(0n);
      expect(await hedge.unfilledRedeemShares(bob.address)).to.equal(unfilled);
      // The controller is the request's owner ("controller: owner of the Request, who can manage any actions
      // related to the Request including claiming the assets or shares"): the former share owner cannot claim.
      await expect(hedge.connect(alice).claimUnfilledShares(alice.address, bob.address))
        .to.be.revertedWithCustomError(hedge, "NotControllerOrOperator")
        .withArgs(alice.address, bob.address);
      await expect(hedge.connect(bob).claimUnfilledShares(ethers.ZeroAddress, bob.address))
        .to.be.revertedWithCustomError(hedge, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
      // Claiming the filled part leaves the unfilled part where it is; an operator may claim it for the controller.
      await hedge.connect(bob).redeem(filled, bob.address, bob.address);
      expect(await hedge.unfilledRedeemShares(bob.address)).to.equal(unfilled);
      await hedge.connect(bob).setOperator(dave!.address, true);
      await expect(hedge.connect(dave!).claimUnfilledShares(alice.address, bob.address))
        .to.emit(hedge, "UnfilledSharesClaimed")
        .withArgs(bob.address, alice.address, unfilled);
      expect(await hedge.balanceOf(alice.address)).to.equal(unfilled);
      expect(await hedge.unfilledRedeemShares(bob.address)).to.equal(0n);
      await expect(hedge.connect(bob).claimUnfilledShares(bob.address, bob.address))
        .to.be.revertedWithCustomError(hedge, "NoUnfilledShares")
        .withArgs(bob.address);
    });

    it("every redeemer of a pro-rata epoch gets the same fill ratio (rounded down), claims never exceed escrow", async function () {
      const f = await networkHelpers.loadFixture(invested);
      const { hedge, alice, bob } = f;
      const total = await hedge.balanceOf(alice.address);
      await hedge.connect(alice).transfer(bob.address, total / 3n);
      const a = await hedge.balanceOf(alice.address);
      const b = await hedge.balanceOf(bob.address);
      await hedge.connect(alice).requestRedeem(a, alice.address, alice.address);
      await hedge.connect(bob).requestRedeem(b, bob.address, bob.address);
      await f.advance(DAY);
      const tx = await hedge.processEpoch();
      const log = (await tx.wait())!.logs
        .map((l) => hedge.interface.parseLog(l))
        .find((p) => p?.name === "EpochProcessed")!;
      const [, , , , , redeemShares, burned, paid] = log.args as unknown as bigint[];
      expect(redeemShares).to.equal(a + b);
      expect(burned).to.be.lessThan(redeemShares);
      for (const [who, requested] of [
        [alice, a],
        [bob, b],
      ] as const) {
        const unfilled = await hedge.unfilledRedeemShares(who.address);
        expect(unfilled).to.equal((requested * (redeemShares! - burned!)) / redeemShares!);
        expect(await hedge.maxRedeem(who.address)).to.equal(requested - unfilled);
        expect(await hedge.maxWithdraw(who.address)).to.equal((requested * paid!) / redeemShares!);
      }
      const unfilledSum =
        (await hedge.unfilledRedeemShares(alice.address)) + (await hedge.unfilledRedeemShares(bob.address));
      expect(unfilledSum).to.be.lessThanOrEqual(redeemShares! - burned!);
      expect(await hedge.balanceOf(await hedge.getAddress())).to.be.greaterThanOrEqual(unfilledSum);
      expect(
        (await hedge.maxWithdraw(alice.address)) + (await hedge.maxWithdraw(bob.address)),
      ).to.be.lessThanOrEqual(paid!);
    });
  });

  describe("Methods", function () {
    it("requestRedeem: an operator is not subject to allowance; an infinite approval is not deducted, a finite one is", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const { hedge, alice, bob } = f;
      const [, , , , , , carol] = await ethers.getSigners();
      const balance = await hedge.balanceOf(alice.address);
      const unit = balance / 100n;
      await hedge.connect(alice).setOperator(bob.address, true);
      await hedge.connect(bob).requestRedeem(unit, bob.address, alice.address);
      expect(await hedge.allowance(alice.address, bob.address)).to.equal(0n);
      await hedge.connect(alice).approve(carol!.address, ethers.MaxUint256);
      await hedge.connect(carol!).requestRedeem(unit, carol!.address, alice.address);
      expect(await hedge.allowance(alice.address, carol!.address)).to.equal(ethers.MaxUint256);
      await hedge.connect(alice).approve(carol!.address, 3n * unit);
      await hedge.connect(carol!).requestRedeem(unit, carol!.address, alice.address);
      expect(await hedge.allowance(alice.address, carol!.address)).to.equal(2n * unit);
      // 'the shares MUST be removed from the custody of owner upon requestRedeem'
      expect(await hedge.balanceOf(alice.address)).to.equal(balance - 3n * unit);
      await expect(hedge.connect(carol!).requestRedeem(3n * unit, carol!.address, alice.address))
        .to.be.revertedWithCustomError(hedge, "ERC20InsufficientAllowance")
        .withArgs(carol!.address, 2n * unit, 3n * unit);
    });

    it("claims: 'the controller MUST be msg.sender unless the controller has approved the msg.sender as an operator'", async function () {
      const f = await networkHelpers.loadFixture(funded);
      const { hedge, alice, bob } = f;
      const shares = (await hedge.balanceOf(alice.address)) / 10n;
      await hedge.connect(alice).requestRedeem(shares, alice.address, alice.address);
      await hedge.connect(alice).requestDeposit(usdc(10n), alice.address, alice.address);
      await f.advance(DAY);
      await hedge.processEpoch();
      const calls = [
        () => hedge.connect(bob).redeem(1n, bob.address, alice.address),
        () => hedge.connect(bob).withdraw(1n, bob.address, alice.address),
        () => hedge.connect(bob)["deposit(uint256,address,address)"](1n, bob.address, alice.address),
        () => hedge.connect(bob)["mint(uint256,address,address)"](1n, bob.address, alice.address),
        () => hedge.connect(bob).cancelRedeemRequest(alice.address),
        () => hedge.connect(bob).claimUnfilledShares(bob.address, alice.address),
      ];
      for (const call of calls) {
        await expect(call())
          .to.be.revertedWithCustomError(hedge, "NotControllerOrOperator")
          .withArgs(bob.address, alice.address);
      }
      // 'When the Deposit event is emitted, the first parameter MUST be the controller, the second the receiver'.
      await hedge.connect(alice).setOperator(bob.address, true);
      await expect(
        hedge.connect(bob)["deposit(uint256,address,address)"](usdc(10n), bob.address, alice.address),
      )
        .to.emit(hedge, "Deposit")
        .withArgs(alice.address, bob.address, usdc(10n), anyShares);
      // ERC-4626's Withdraw(sender, receiver, owner = the controller, assets, shares).
      await expect(hedge.connect(bob).redeem(shares, bob.address, alice.address))
        .to.emit(hedge, "Withdraw")
        .withArgs(bob.address, bob.address, alice.address, anyShares, shares);
    });
  });
});

function anyShares(x: bigint): boolean {
  return x > 0n;
}

describe("HedgeLayerVault: ERC-7575", function () {
  it("'share: MUST return an address of an ERC-20 share representation of the Vault'; MUST NOT revert", async function () {
    const { hedge } = await networkHelpers.loadFixture(fixture);
    expect(await hedge.share()).to.equal(await hedge.getAddress());
  });

  it("ERC-165: 0x2f0a18c5 (ERC-7540 requires it) and each of its five parts", async function () {
    const { hedge } = await networkHelpers.loadFixture(fixture);
    const minimal = interfaceId(
      "asset()",
      "share()",
      "convertToAssets(uint256)",
      "convertToShares(uint256)",
      "totalAssets()",
    );
    const depositVault = interfaceId(
      "deposit(uint256,address)",
      "previewDeposit(uint256)",
      "maxDeposit(address)",
    );
    const mintVault = interfaceId("mint(uint256,address)", "previewMint(uint256)", "maxMint(address)");
    const redeemVault = interfaceId(
      "redeem(uint256,address,address)",
      "previewRedeem(uint256)",
      "maxRedeem(address)",
    );
    const withdrawVault = interfaceId(
      "withdraw(uint256,address,address)",
      "previewWithdraw(uint256)",
      "maxWithdraw(address)",
    );
    const all =
      Number.parseInt(minimal, 16) ^ Number.parseInt(depositVault, 16) ^ Number.parseInt(mintVault, 16);
    const complete =
      "0x" +
      ((all ^ Number.parseInt(redeemVault, 16) ^ Number.parseInt(withdrawVault, 16)) >>> 0)
        .toString(16)
        .padStart(8, "0");
    expect([minimal, depositVault, mintVault, redeemVault, withdrawVault, complete]).to.deep.equal([
      "0x50a526d6",
      "0xc1f329ef",
      "0xe1550342",
      "0x2fd7d42a",
      "0x70dec094",
      "0x2f0a18c5",
    ]);
    for (const id of [minimal, depositVault, mintVault, redeemVault, withdrawVault, complete]) {
      expect(await hedge.supportsInterface(id)).to.equal(true);
    }
    expect(await hedge.supportsInterface("0xffffffff")).to.equal(false);
  });
});

describe("HedgeLayerVault: ERC-4626 views never revert (issue 16.4)", function () {
  /** The NAV bounds by hand from the keeper state: unpriceable positions at their worst (low) and best (high). */
  async function bounds(f: HedgeFixture): Promise<{ low: bigint; high: bigint }> {
    const s = await f.hedge.keeperState();
    const low = s.idle + s.reserveAssets;
    let high = low;
    for (const ly of s.layers) high += (ly.size * (ly.strikeHigh - ly.strikeLow)) / CASH_SCALE;
    high += s.putLeg.collateral + s.callLeg.collateral;
    return { low, high };
  }

  it("a stale feed: totalAssets and convertToAssets at the worst case, convertToShares at the best; no epoch struck", async function () {
    const f = await networkHelpers.loadFixture(invested);
    const { hedge, pricer } = f;
    const priced = await hedge.totalAssets();
    await networkHelpers.time.increase(DAY + 1n); // both feeds older than their heartbeat
    await expect(hedge.epochNav()).to.be.revertedWithCustomError(pricer, "FeedStale");
    const { low, high } = await bounds(f);
    expect(low).to.be.lessThan(priced);
    expect(high).to.be.greaterThan(priced);
    expect(await hedge.totalAssets()).to.equal(low);
    const supply = await hedge.totalSupply();
    for (const x of [0n, 1n, usdc(1_000n), 10n ** 40n]) {
      expect(await hedge.convertToShares(x)).to.equal((x * (supply + VIRTUAL)) / (high + 1n));
      expect(await hedge.convertToAssets(x)).to.equal((x * (low + 1n)) / (supply + VIRTUAL));
    }
    // No money path takes that value: the epoch, the keeper's rolls and the state's NAV all refuse.
    await expect(hedge.processEpoch()).to.be.revertedWithCustomError(pricer, "FeedStale");
    expect((await hedge.keeperState()).navOk).to.equal(false);
    await expect(hedge.rollLayerDefault(1n)).to.be.revertedWithCustomError(pricer, "FeedStale");
    // Fresh rounds: the views are the marks again.
    await f.advance(1n);
    const [epochLow] = await hedge.epochNav();
    expect(await hedge.totalAssets()).to.equal(epochLow);
  });

  it("a stale surface (feed fresh): the same worst and best cases, and the epoch refuses with SurfaceStale", async function () {
    const f = await networkHelpers.loadFixture(invested);
    const { hedge, pricer } = f;
    await networkHelpers.time.increase(DAY + 1n);
    // Fresh index rounds, but no new surface.
    for (const feed of [f.volFeed, f.indexFeed]) {
      const [, answer] = await feed.latestRoundData();
      await feed.pushRound(answer, await f.now());
    }
    await expect(hedge.epochNav()).to.be.revertedWithCustomError(pricer, "SurfaceStale");
    const { low, high } = await bounds(f);
    expect(await hedge.totalAssets()).to.equal(low);
    expect(await hedge.convertToShares(usdc(1n))).to.equal(
      (usdc(1n) * ((await hedge.totalSupply()) + VIRTUAL)) / (high + 1n),
    );
    await expect(hedge.processEpoch()).to.be.revertedWithCustomError(pricer, "SurfaceStale");
  });
});
