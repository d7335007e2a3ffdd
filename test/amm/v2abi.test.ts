// Drives an ALVH pair ONLY through the IUniswapV2Pair ABI that Uniswap ships in
// node_modules/@uniswap/v2-core/build/IUniswapV2Pair.json: tools and borrowers written against that ABI work.
import { readFileSync } from "node:fs";
import { expect } from "chai";
import { network } from "hardhat";
import type { Contract, InterfaceAbi } from "ethers";
import {
  type AmmFixture,
  E18,
  MINIMUM_LIQUIDITY,
  amountOut,
  deployAmm,
  signLpPermit,
  sqrt,
} from "./fixture.js";

const { ethers, networkHelpers } = await network.create();
const { abi } = JSON.parse(
  readFileSync("node_modules/@uniswap/v2-core/build/IUniswapV2Pair.json", "utf8"),
) as { abi: InterfaceAbi };

describe("ConstantProductPair through Uniswap's IUniswapV2Pair ABI", function () {
  async function fixture(): Promise<AmmFixture> {
    return deployAmm(ethers);
  }

  it("mint, swap, burn, skim, sync, getReserves, cumulative prices and permit all work", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const address = await f.pair.getAddress();
    const v2 = new ethers.Contract(address, abi, f.owner) as Contract;
    const call = (name: string, ...args: unknown[]): Promise<unknown> => v2.getFunction(name)(...args);

    expect(await call("MINIMUM_LIQUIDITY")).to.equal(MINIMUM_LIQUIDITY);
    expect(await call("token0")).to.equal(await f.token0.getAddress());
    expect(await call("factory")).to.equal(await f.factory.getAddress());
    expect(await call("decimals")).to.equal(18n);

    // mint
    await f.token0.transfer(address, 100n * E18);
    await f.token1.transfer(address, 400n * E18);
    await expect(call("mint", f.owner.address))
      .to.emit(v2, "Mint")
      .withArgs(f.owner.address, 100n * E18, 400n * E18);
    expect(await call("balanceOf", f.owner.address)).to.equal(
      sqrt(100n * E18 * 400n * E18) - MINIMUM_LIQUIDITY,
    );
    const [r0, r1, ts] = (await call("getReserves")) as [bigint, bigint, bigint];
    expect([r0, r1]).to.deep.equal([100n * E18, 400n * E18]);

    // swap (after some time: the accumulators move)
    await networkHelpers.time.setNextBlockTimestamp(ts + 60n);
    await f.token0.transfer(address, E18);
    const out = amountOut(E18, r0, r1);
    await expect(call("swap", 0n, out, f.bob.address, "0x"))
      .to.emit(v2, "Swap")
      .withArgs(f.owner.address, E18, 0n, 0n, out, f.bob.address);
    expect(await call("price0CumulativeLast")).to.equal(((400n * 2n ** 112n) / 100n) * 61n);
    expect(await call("price1CumulativeLast")).to.equal(((100n * 2n ** 112n) / 400n) * 61n);
    expect(await call("kLast")).to.equal(0n);

    // skim and sync
    await f.token1.transfer(address, 3n);
    await expect(call("skim", f.bob.address)).to.changeTokenBalances(ethers, f.token1, [f.bob], [3n]);
    await f.token1.transfer(address, 3n);
    await expect(call("sync")).to.emit(v2, "Sync");

    // permit, then transferFrom by the spender and burn
    const { v, r, s } = await signLpPermit(f.owner, {
      pair: { getAddress: async () => address },
      spender: f.alice.address,
      value: E18,
      nonce: 0n,
      deadline: 2n ** 40n,
      name: (await call("name")) as string,
    });
    await expect(call("permit", f.owner.address, f.alice.address, E18, 2n ** 40n, v, r, s))
      .to.emit(v2, "Approval")
      .withArgs(f.owner.address, f.alice.address, E18);
    expect(await call("nonces", f.owner.address)).to.equal(1n);
    expect(await call("DOMAIN_SEPARATOR")).to.equal(await f.pair.DOMAIN_SEPARATOR());
    expect(await call("PERMIT_TYPEHASH")).to.equal(await f.pair.PERMIT_TYPEHASH());
    await (v2.connect(f.alice) as Contract).getFunction("transferFrom")(f.owner.address, address, E18);
    await expect(call("burn", f.alice.address)).to.emit(v2, "Burn");
    expect(await call("totalSupply")).to.equal(sqrt(100n * E18 * 400n * E18) - E18);
  });
});
