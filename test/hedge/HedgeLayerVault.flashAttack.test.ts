import { expect } from "chai";
import { network } from "hardhat";
import { makeHedgeFixture, WITH_RESERVE_DRAW } from "./hedge-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import { WAD } from "../../scripts/deploy/hedgeSide.js";
import type { NavFlashAttacker } from "../../types/ethers-contracts/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = makeHedgeFixture(connection, WITH_RESERVE_DRAW);

describe("HedgeLayerVault: flash-loan attacker", function () {
  it("cannot move the NAV, the share price or a mark with the whole flash vault, both AMM pairs and the pool", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    await f.seed(usdc(1_000_000n));
    const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
    await f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
    const seriesId = (await f.hedge.keeperState()).layers[0]!.seriesId;

    const attacker = (await ethers.deployContract("NavFlashAttacker", [
      await f.hedge.getAddress(),
      await f.vault.getAddress(),
      await f.usdc.getAddress(),
      await f.weth.getAddress(),
      await f.pool.getAddress(),
      await f.routerA.getAddress(),
      await f.routerB.getAddress(),
    ])) as unknown as NavFlashAttacker;
    const loan = await f.vault.maxFlashLoan(await f.usdc.getAddress());
    expect(loan).to.be.greaterThan(usdc(1_000_000n)); // the LPs' million and the hedge vault's reserve
    await f.usdc.mint(await attacker.getAddress(), loan); // pays the donation, AMM fees and the flash fee

    const reserveBefore = (await f.hedge.keeperState()).reserveAssets;
    await attacker.attack(loan, seriesId);
    const before = await attacker.beforeDump();
    const after = await attacker.afterDump();
    expect(after.nav).to.equal(before.nav);
    expect(after.sharePrice).to.equal(before.sharePrice);
    expect(after.ask).to.equal(before.ask);
    expect(after.bid).to.equal(before.bid);
    // The donation stays ignored afterwards too (it is not the depositors' money to strike a price on)...
    expect(await f.usdc.balanceOf(await f.hedge.getAddress())).to.be.greaterThan(
      (await f.hedge.keeperState()).idle,
    );
    // ...while the flash fee the reserve earned is real income.
    expect((await f.hedge.keeperState()).reserveAssets).to.be.greaterThan(reserveBefore);
  });
});
