import { expect } from "chai";
import { AbiCoder, Wallet } from "ethers";
import { executePlan } from "../../src/executePlan.js";
import { RpcClient } from "../../src/tx/rpcClient.js";
import { type TxRequest, TxManager } from "../../src/tx/txManager.js";
import type { Action, Plan } from "../../src/types.js";
import {
  BOOM_ABI,
  boomCreationCode,
  DONE_REGISTRY_ABI,
  doneRegistryCreationCode,
} from "../support/boomContract.js";
import { type HardhatNode, rpc, startHardhatNode } from "../support/hardhatNode.js";

const GWEI = 1_000_000_000n;
const word = (x: bigint) => AbiCoder.defaultAbiCoder().encode(["uint256"], [x]);
const settle = (seriesId: bigint): Action => ({
  type: "SettleSeries",
  seriesId,
  maxPremium: 0n,
  reason: `settle ${seriesId}`,
});

describe("executePlan against a real hardhat node", function () {
  this.timeout(60_000);
  let node: HardhatNode;
  let tx: TxManager;
  let registry: string;
  let boom: string;

  before(async () => {
    node = await startHardhatNode();
    await rpc(node.url, "evm_setAutomine", [false]);
    await rpc(node.url, "evm_setIntervalMining", [200]);
    const w = Wallet.createRandom();
    await rpc(node.url, "hardhat_setBalance", [w.address, `0x${(10n ** 20n).toString(16)}`]);
    tx = new TxManager({
      rpc: new RpcClient({
        urls: [node.url],
        chainId: 31337,
        allowMainnet: false,
        timeoutMs: 2_000,
        maxAttempts: 3,
        backoffMs: 50,
        maxBlockLag: 5,
      }),
      signer: new Wallet(w.privateKey),
      chainId: 31337,
      confirmations: 1,
      replaceAfterBlocks: 3,
      feeBumpBps: 1_250,
      caps: {
        maxFeePerGas: 500n * GWEI,
        maxPriorityFeePerGas: 2n * GWEI,
        maxReplacementPriorityFeePerGas: 10n * GWEI,
      },
      pollIntervalMs: 50,
      receiptTimeoutMs: 20_000,
    });
    const deploy = async (data: string): Promise<string> => {
      const out = await tx.send({ label: "deploy", data });
      if (out.status !== "confirmed" || out.receipt.contractAddress === null)
        throw new Error("deploy failed");
      return out.receipt.contractAddress;
    };
    registry = await deploy(doneRegistryCreationCode());
    boom = await deploy(boomCreationCode());
  });
  after(async () => node?.stop());

  // Stand-in for the vault's chain client: SettleSeries(id) → registry.call(id); RollLayer → Boom.
  const encode = (a: Action): TxRequest =>
    a.type === "SettleSeries"
      ? {
          label: `settle ${a.seriesId}`,
          to: registry,
          data: word(a.seriesId),
          errors: DONE_REGISTRY_ABI,
          isAlreadyDone: (r) => r.kind === "custom" && r.name === "AlreadyDone",
        }
      : { label: a.type, to: boom, data: word(1n), errors: BOOM_ABI };

  const plan = (actions: Action[]): Plan => ({ createdAt: 0, intensity: 1, actions, warnings: [] });

  it("executes in order, and a second run of the same plan skips what the chain already did", async () => {
    const p = plan([settle(11n), settle(12n), settle(13n)]);
    const first = await executePlan(p, { encode, send: (r) => tx.send(r) });
    expect(first.map((r) => r.status)).to.deep.equal(["confirmed", "confirmed", "confirmed"]);
    const second = await executePlan(p, { encode, send: (r) => tx.send(r) });
    expect(second.map((r) => r.status)).to.deep.equal(["skipped", "skipped", "skipped"]);
    expect(second[0]?.status === "skipped" && second[0].reason).to.equal("AlreadyDone(11)");
  });

  it("stops at the first failure and reports the rest as not attempted", async () => {
    const roll: Action = { type: "ProcessEpoch", maxPremium: 0n, reason: "epoch" };
    const results = await executePlan(plan([settle(21n), roll, settle(22n)]), {
      encode,
      send: (r) => tx.send(r),
    });
    expect(results.map((r) => r.status)).to.deep.equal(["confirmed", "failed", "not-attempted"]);
    expect(results[1]?.status === "failed" && results[1].error.message).to.match(/Boom\(1\)/);
  });
});
