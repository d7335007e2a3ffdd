// AMM benchmark: ALVH's constant-product pair and router against the real Uniswap V2 Factory, Pair and
// Router02 bytecode (deployed at bench time from the npm build JSONs; never committed). Same tokens,
// same amounts and the same state for both; steady state = median of repeated ops after a warm-up.
import { readFileSync } from "node:fs";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { Contract, ContractTransactionResponse } from "ethers";
import type { BenchModule, GasRows } from "./types.js";
import { median } from "./types.js";
import { amountOut } from "../deploy/arbitrage.js";

interface BuildJson {
  abi: unknown[];
  bytecode: string;
}

function build(path: string): BuildJson {
  return JSON.parse(readFileSync(path, "utf8")) as BuildJson;
}

const E18 = 10n ** 18n;
const WARMUP = 2;
const SAMPLES = 7;
const TARGET = 0.9;

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("bench: no receipt");
  return Number(receipt.gasUsed);
}

/** Runs `op(i)` WARMUP + SAMPLES times and returns the median gas of the samples. */
async function steady(op: (i: number) => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const gas = await op(i);
    if (i >= WARMUP) samples.push(gas);
  }
  return median(samples);
}

export const bench: BenchModule = async (ethers: HardhatEthers) => {
  const [deployer, user] = await ethers.getSigners();
  if (deployer === undefined || user === undefined) throw new Error("bench: need two signers");
  const tokenA = await ethers.deployContract("MockERC20", ["Token A", "TKA", 18]);
  const tokenB = await ethers.deployContract("MockERC20", ["Token B", "TKB", 18]);
  const a = await tokenA.getAddress();
  const b = await tokenB.getAddress();
  const [t0, t1] = a.toLowerCase() < b.toLowerCase() ? [tokenA, tokenB] : [tokenB, tokenA];
  await tokenA.mint(user.address, 1_000_000n * E18);
  await tokenB.mint(user.address, 1_000_000n * E18);

  // ALVH
  const factory = await ethers.deployContract("ConstantProductFactory", [deployer.address]);
  const router = await ethers.deployContract("ConstantProductRouter", [await factory.getAddress()]);

  // Uniswap V2 (real bytecode from node_modules)
  const v2FactoryJson = build("node_modules/@uniswap/v2-core/build/UniswapV2Factory.json");
  const v2PairJson = build("node_modules/@uniswap/v2-core/build/UniswapV2Pair.json");
  const v2RouterJson = build("node_modules/@uniswap/v2-periphery/build/UniswapV2Router02.json");
  const wethJson = build("node_modules/@uniswap/v2-periphery/build/WETH9.json");
  const deployJson = async (json: BuildJson, args: unknown[]): Promise<Contract> => {
    const cf = new ethers.ContractFactory(json.abi as never, json.bytecode, deployer);
    const c = await cf.deploy(...args);
    await c.waitForDeployment();
    return c as Contract;
  };
  const v2Factory = await deployJson(v2FactoryJson, [deployer.address]);
  const weth = await deployJson(wethJson, []);
  const v2Router = await deployJson(v2RouterJson, [await v2Factory.getAddress(), await weth.getAddress()]);

  const routers = { alvh: await router.getAddress(), uniswapV2: await v2Router.getAddress() };
  for (const r of Object.values(routers)) {
    await tokenA.connect(user).approve(r, ethers.MaxUint256);
    await tokenB.connect(user).approve(r, ethers.MaxUint256);
  }
  const deadline = 2n ** 40n;
  const seed = 1_000n * E18;
  await router.connect(user).addLiquidity(a, b, seed, seed, 0, 0, user.address, deadline);
  await (v2Router.connect(user) as Contract).getFunction("addLiquidity")(
    a,
    b,
    seed,
    seed,
    0,
    0,
    user.address,
    deadline,
  );
  const pairs = {
    alvh: new ethers.Contract(await factory.getPair(a, b), v2PairJson.abi as never, user),
    uniswapV2: new ethers.Contract(
      (await v2Factory.getFunction("getPair")(a, b)) as string,
      v2PairJson.abi as never,
      user,
    ),
  };
  for (const [name, pair] of Object.entries(pairs)) {
    await (pair.connect(user) as Contract).getFunction("approve")(
      routers[name as keyof typeof routers],
      ethers.MaxUint256,
    );
  }
  const routerContracts = {
    alvh: router.connect(user) as unknown as Contract,
    uniswapV2: v2Router.connect(user) as Contract,
  };

  const swapIn = 1n * E18;
  const rows: GasRows = { pairSwap: {}, routerSwap: {}, addLiquidity: {}, removeLiquidity: {} };
  for (const name of ["alvh", "uniswapV2"] as const) {
    const pair = pairs[name];
    const pairAddress = await pair.getAddress();
    const r = routerContracts[name];

    // Pair swap: the input is transferred in a separate transaction; only `swap` is measured.
    rows.pairSwap![name] = await steady(async (i) => {
      const zeroForOne = i % 2 === 0;
      const [tokenIn] = zeroForOne ? [t0, t1] : [t1, t0];
      await (await tokenIn.connect(user).transfer(pairAddress, swapIn)).wait();
      const [r0, r1] = (await pair.getFunction("getReserves")()) as [bigint, bigint, bigint];
      const out = zeroForOne ? amountOut(swapIn, r0, r1) : amountOut(swapIn, r1, r0);
      return gasOf(
        pair.getFunction("swap")(zeroForOne ? 0n : out, zeroForOne ? out : 0n, user.address, "0x"),
      );
    });

    rows.routerSwap![name] = await steady(async (i) => {
      const path = i % 2 === 0 ? [a, b] : [b, a];
      return gasOf(r.getFunction("swapExactTokensForTokens")(swapIn, 0n, path, user.address, deadline));
    });

    rows.addLiquidity![name] = await steady(async () =>
      gasOf(r.getFunction("addLiquidity")(a, b, 10n * E18, 10n * E18, 0n, 0n, user.address, deadline)),
    );

    rows.removeLiquidity![name] = await steady(async () =>
      gasOf(r.getFunction("removeLiquidity")(a, b, 5n * E18, 0n, 0n, user.address, deadline)),
    );
  }

  const lines = [
    "ALVH `ConstantProductPair` / `ConstantProductRouter` against the real Uniswap V2 Pair / Router02",
    "bytecode (deployed from `@uniswap/v2-core` and `@uniswap/v2-periphery` build JSONs), same OZ-ERC20",
    `mock tokens (18 decimals), pools seeded with 1,000 + 1,000 tokens, swaps of 1 token alternating`,
    `direction, liquidity adds of 10 + 10 and removes of 5 LP. Median of ${SAMPLES} after ${WARMUP} warm-up ops.`,
    "",
    "| operation | ALVH | Uniswap V2 | ratio | target |",
    "|---|---:|---:|---:|---|",
  ];
  for (const [op, target] of [
    ["pairSwap", `≤ ${TARGET.toFixed(2)}`],
    ["routerSwap", `≤ ${TARGET.toFixed(2)}`],
    ["addLiquidity", "measured"],
    ["removeLiquidity", "measured"],
  ] as const) {
    const row = rows[op]!;
    const ratio = row.alvh! / row.uniswapV2!;
    const verdict = target === "measured" ? target : `${target} ${ratio <= TARGET ? "(met)" : "(MISSED)"}`;
    lines.push(
      `| ${op} | ${row.alvh!.toLocaleString("en-US")} | ${row.uniswapV2!.toLocaleString("en-US")} | ${ratio.toFixed(3)} | ${verdict} |`,
    );
  }
  const why: Record<string, string> = {
    pairSwap:
      "what is left is what V2 compatibility requires: two token calls for the output and the two " +
      "balanceOf reads, the reserves slot and the two TWAP accumulator SSTOREs; closing more would mean " +
      "dropping an accumulator update per block (not V2-compatible) or cheaper tokens.",
    routerSwap:
      "the router already skips getReserves and one balanceOf via swapExactIn; a further cut would " +
      "need the pair to pull the input itself (an allowance to every pair) instead of transferFrom + balanceOf.",
  };
  for (const op of ["pairSwap", "routerSwap"] as const) {
    const row = rows[op]!;
    if (row.alvh! / row.uniswapV2! > TARGET) lines.push("", `**${op} missed the target**: ${why[op]!}`);
  }
  lines.push(
    "",
    '`pairSwap` is `swap(amount0Out, amount1Out, to, "")` alone (input sent beforehand). `routerSwap` is',
    "`swapExactTokensForTokens` over one hop: ALVH's router uses the pair's `swapExactIn` (no `getReserves`",
    "call, one `balanceOf`), Router02 reads the reserves first and then calls `swap`.",
  );
  return { title: "AMM (constant-product pair and router vs Uniswap V2)", rows, markdown: lines.join("\n") };
};
