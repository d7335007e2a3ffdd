import { expect } from "chai";
import { network } from "hardhat";
import { type AmmFixture, deployAmm } from "./fixture.js";

const { ethers, networkHelpers } = await network.create();

describe("ConstantProductFactory", function () {
  async function fixture(): Promise<AmmFixture> {
    return deployAmm(ethers);
  }

  it("emits FeeToSetterSet on deployment and starts with the fee off", async function () {
    const [owner] = await ethers.getSigners();
    const factory = await ethers.deployContract("ConstantProductFactory", [owner!.address]);
    await expect(factory.deploymentTransaction()).to.emit(factory, "FeeToSetterSet").withArgs(owner!.address);
    expect(await factory.feeTo()).to.equal(ethers.ZeroAddress);
    expect(await factory.feeToSetter()).to.equal(owner!.address);
    expect(await factory.allPairsLength()).to.equal(0n);
  });

  it("createPair deploys with CREATE2 at pairFor, registers both orders and emits PairCreated", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const t1 = await f.token1.getAddress();
    const t2 = await f.token2.getAddress();
    const predicted = await f.factory.pairFor(t2, t1);
    expect(await f.factory.pairFor(t1, t2)).to.equal(predicted);
    await expect(f.factory.createPair(t2, t1))
      .to.emit(f.factory, "PairCreated")
      .withArgs(t1, t2, predicted, 2n);
    expect(await f.factory.getPair(t1, t2)).to.equal(predicted);
    expect(await f.factory.getPair(t2, t1)).to.equal(predicted);
    expect(await f.factory.allPairs(1n)).to.equal(predicted);
    expect(await f.factory.allPairsLength()).to.equal(2n);
    const pair = await ethers.getContractAt("ConstantProductPair", predicted);
    expect(await pair.token0()).to.equal(t1);
    expect(await pair.token1()).to.equal(t2);
    expect(await f.factory.pairTokens()).to.deep.equal([ethers.ZeroAddress, ethers.ZeroAddress]);
  });

  it("publishes the init code hash of the pair's creation code", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const pairFactory = await ethers.getContractFactory("ConstantProductPair");
    expect(await f.factory.PAIR_INIT_CODE_HASH()).to.equal(ethers.keccak256(pairFactory.bytecode));
    const t0 = await f.token0.getAddress();
    const t1 = await f.token1.getAddress();
    const salt = ethers.solidityPackedKeccak256(["address", "address"], [t0, t1]);
    expect(
      ethers.getCreate2Address(await f.factory.getAddress(), salt, ethers.keccak256(pairFactory.bytecode)),
    ).to.equal(await f.pair.getAddress());
  });

  it("createPair reverts IdenticalAddresses, ZeroAddress and PairExists", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const t0 = await f.token0.getAddress();
    const t1 = await f.token1.getAddress();
    await expect(f.factory.createPair(t0, t0))
      .to.be.revertedWithCustomError(f.factory, "IdenticalAddresses")
      .withArgs(t0);
    await expect(f.factory.createPair(ethers.ZeroAddress, t0)).to.be.revertedWithCustomError(
      f.factory,
      "ZeroAddress",
    );
    await expect(f.factory.createPair(t1, t0))
      .to.be.revertedWithCustomError(f.factory, "PairExists")
      .withArgs(t0, t1, await f.pair.getAddress());
  });

  it("setFeeTo and setFeeToSetter are restricted to feeToSetter and emit", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    await expect(f.factory.connect(f.alice).setFeeTo(f.alice.address))
      .to.be.revertedWithCustomError(f.factory, "Forbidden")
      .withArgs(f.alice.address, f.owner.address);
    await expect(f.factory.connect(f.alice).setFeeToSetter(f.alice.address))
      .to.be.revertedWithCustomError(f.factory, "Forbidden")
      .withArgs(f.alice.address, f.owner.address);
    await expect(f.factory.setFeeTo(f.bob.address)).to.emit(f.factory, "FeeToSet").withArgs(f.bob.address);
    expect(await f.factory.feeTo()).to.equal(f.bob.address);
    await expect(f.factory.setFeeToSetter(f.alice.address))
      .to.emit(f.factory, "FeeToSetterSet")
      .withArgs(f.alice.address);
    expect(await f.factory.feeToSetter()).to.equal(f.alice.address);
    await expect(f.factory.setFeeTo(f.owner.address)).to.be.revertedWithCustomError(f.factory, "Forbidden");
  });
});
