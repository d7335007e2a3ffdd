import { expect } from "chai";
import { network } from "hardhat";
import type {
  OptionPoolBoxFlashBorrowerMock,
  OptionPoolFlashProbeMock,
  OptionsFlashLenderMock,
} from "../../types/ethers-contracts/index.js";
import { CALL, PUT, USDC, WAD, makeOptionsFixture, pts } from "./options-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = makeOptionsFixture(ethers, networkHelpers);
const FAR = 2n ** 64n;

describe("OptionPool: flash loans cannot move prices or finance positions", function () {
  async function withLender() {
    const f = await networkHelpers.loadFixture(fixture);
    const callId = await f.list(CALL, pts("23"), pts("26"));
    const putId = await f.list(PUT, pts("23"), pts("26"));
    // open exposure both ways so that the share price depends on marks
    await f.pool.connect(f.alice).buy(callId, 1_000n * WAD, FAR, FAR);
    await f.pool.connect(f.bob).sell(putId, 500n * WAD, 0n, FAR);
    const lender = (await ethers.deployContract("OptionsFlashLenderMock", [
      await f.usdc.getAddress(),
    ])) as unknown as OptionsFlashLenderMock;
    return { ...f, callId, putId, lender };
  }

  for (const loan of [1_000n * USDC, 10_000_000n * USDC, 10n ** 15n * USDC]) {
    it(`a ${loan / USDC} USDC loan donated and deposited leaves share price and quotes unchanged`, async function () {
      const { pool, usdc, lender, callId } = await withLender();
      await usdc.mint(await lender.getAddress(), loan);
      const probe = (await ethers.deployContract("OptionPoolFlashProbeMock", [
        await pool.getAddress(),
        callId,
        100n * WAD,
      ])) as unknown as OptionPoolFlashProbeMock;
      // the donated half is lost: the probe tops the repayment up from its own funds
      await usdc.mint(await probe.getAddress(), loan);
      await probe.run(await lender.getAddress(), loan);
      const [before, donated, deposited, redeemed] = await Promise.all(
        [0, 1, 2, 3].map((i) => probe.observations(i)),
      );
      for (const o of [donated!, deposited!, redeemed!]) {
        expect(o.ask).to.equal(before!.ask);
        expect(o.bid).to.equal(before!.bid);
        // a depositor enters at the entry value (the book's spread the other way) and leaves at the exit
        // value: the share price can only rise, the borrowed round trip only lose
        expect(o.sharePrice).to.be.greaterThanOrEqual(before!.sharePrice);
      }
      expect(donated!.sharePrice).to.equal(before!.sharePrice);
      expect(donated!.totalAssets).to.equal(before!.totalAssets);
      expect(deposited!.totalAssets).to.equal(before!.totalAssets + (loan - loan / 2n));
      expect(redeemed!.totalAssets).to.be.greaterThanOrEqual(before!.totalAssets);
      expect(await probe.roundTripLoss()).to.be.greaterThan(0n);
    });
  }

  it("a flash loan cannot finance a box: the payoff only comes at expiry, everything reverts", async function () {
    const { pool, usdc, lender, list } = await withLender();
    const callId = await list(CALL, pts("20"), pts("25"));
    const putId = await list(PUT, pts("20"), pts("25"));
    const size = 100n * WAD;
    const box = (await ethers.deployContract("OptionPoolBoxFlashBorrowerMock", [
      await pool.getAddress(),
      callId,
      putId,
      size,
    ])) as unknown as OptionPoolBoxFlashBorrowerMock;
    await usdc.mint(await lender.getAddress(), 10_000n * USDC);
    await expect(box.run(await lender.getAddress(), 10_000n * USDC, false))
      .to.be.revertedWithCustomError(pool, "SeriesNotSettled")
      .withArgs(callId);
    // selling both legs back brings the bids, less than the asks paid: the loan cannot be repaid
    await expect(box.run(await lender.getAddress(), 10_000n * USDC, true)).to.be.revertedWithCustomError(
      usdc,
      "ERC20InsufficientBalance",
    );
    expect((await pool.getSeries(callId)).longSupply).to.equal(0n);
    expect(await usdc.balanceOf(await lender.getAddress())).to.equal(10_000n * USDC);
  });
});
