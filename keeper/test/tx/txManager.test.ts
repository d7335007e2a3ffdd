import { expect } from "chai";
import { AbiCoder, Wallet } from "ethers";
import { ChainIdMismatchError } from "../../src/config/errors.js";
import { describeRevert } from "../../src/tx/classifyRevert.js";
import { classifySendError } from "../../src/tx/classifySendError.js";
import {
  FeeCapExceededError,
  NonceGapError,
  RpcResponseError,
  RpcUnavailableError,
  SimulationRevertedError,
  TxRevertedError,
  TxSendError,
} from "../../src/tx/errors.js";
import { type RpcEvent, RpcClient, type RpcClientOptions } from "../../src/tx/rpcClient.js";
import { type TxEvent, TxManager, type TxManagerOptions } from "../../src/tx/txManager.js";
import { BOOM_ABI, boomCreationCode } from "../support/boomContract.js";
import { type Fault, type FaultProxy, startFaultProxy } from "../support/faultProxy.js";
import { freePort, type HardhatNode, rpc, startHardhatNode } from "../support/hardhatNode.js";

const GWEI = 1_000_000_000n;
const CHAIN_ID = 31337;
const hex = (v: bigint | number): string => `0x${v.toString(16)}`;

describe("tx manager against a real hardhat node", function () {
  this.timeout(60_000);
  let node: HardhatNode;
  const proxies: FaultProxy[] = [];
  const miners: NodeJS.Timeout[] = [];

  before(async () => {
    node = await startHardhatNode();
    await rpc(node.url, "hardhat_mine", ["0x10"]);
    await rpc(node.url, "evm_setAutomine", [false]);
    await rpc(node.url, "evm_setIntervalMining", [250]);
  });

  after(async () => {
    for (const m of miners) clearInterval(m);
    await Promise.all(proxies.map((p) => p.close()));
    await node?.stop();
  });

  afterEach(async () => {
    for (const m of miners.splice(0)) clearInterval(m);
    // Undo a test's base-fee spike so later transactions are not stuck behind it.
    await rpc(node.url, "hardhat_setNextBlockBaseFeePerGas", [hex(GWEI)]).catch(() => undefined);
    await rpc(node.url, "evm_mine").catch(() => undefined);
    await rpc(node.url, "evm_setIntervalMining", [250]).catch(() => undefined);
  });

  function client(urls: string[], events: RpcEvent[] = [], over: Partial<RpcClientOptions> = {}): RpcClient {
    return new RpcClient({
      urls,
      chainId: CHAIN_ID,
      allowMainnet: false,
      timeoutMs: 1_000,
      maxAttempts: 6,
      backoffMs: 20,
      maxBlockLag: 2,
      onEvent: (e) => events.push(e),
      ...over,
    });
  }

  async function funded(): Promise<Wallet> {
    const w = Wallet.createRandom();
    await rpc(node.url, "hardhat_setBalance", [w.address, hex(10n ** 20n)]);
    return new Wallet(w.privateKey);
  }

  const pendingCount = async (w: Wallet): Promise<number> =>
    Number(BigInt(await rpc<string>(node.url, "eth_getTransactionCount", [w.address, "pending"])));

  function manager(
    signer: Wallet,
    events: TxEvent[] = [],
    over: Partial<TxManagerOptions> = {},
    urls = [node.url],
  ): TxManager {
    return new TxManager({
      rpc: client(urls),
      signer,
      chainId: CHAIN_ID,
      confirmations: 2,
      replaceAfterBlocks: 2,
      feeBumpBps: 1_250,
      caps: {
        maxFeePerGas: 1_000n * GWEI,
        maxPriorityFeePerGas: 2n * GWEI,
        maxReplacementPriorityFeePerGas: 20n * GWEI,
      },
      pollIntervalMs: 100,
      receiptTimeoutMs: 30_000,
      onEvent: (e) => events.push(e),
      ...over,
    });
  }

  const transfer = (label: string) => ({
    label,
    to: "0x000000000000000000000000000000000000dEaD",
    value: 1_000n,
  });

  describe("RPC failover", () => {
    it("fails over from a dead URL to a good one", async () => {
      const dead = `http://127.0.0.1:${await freePort()}`;
      const events: RpcEvent[] = [];
      const c = client([dead, node.url], events);
      expect(Number(BigInt(await c.request<string>("eth_blockNumber")))).to.be.greaterThan(0);
      const failovers = events.filter((e) => e.type === "rpc-failover");
      expect(failovers).to.have.length(1);
      expect(failovers[0]).to.include({ from: dead, to: node.url });
      expect(c.activeUrl).to.equal(node.url);
    });

    const faults: { fault: Fault; reason: RegExp; from: "start" | "later" }[] = [
      { fault: "drop", reason: /network/, from: "later" },
      { fault: "timeout", reason: /timeout/, from: "later" },
      { fault: "http429", reason: /rate-limited/, from: "later" },
      { fault: "http500", reason: /HTTP 500/, from: "later" },
      { fault: "garbage", reason: /bad-response/, from: "later" },
      { fault: "wrongChainId", reason: /wrong-chain.*node says 5/, from: "start" },
      { fault: "stale", reason: /stale/, from: "later" },
    ];
    for (const row of faults) {
      it(`survives a proxy that injects "${row.fault}"`, async () => {
        const proxy = await startFaultProxy(node.url);
        proxies.push(proxy);
        const events: RpcEvent[] = [];
        const c = client([proxy.url, node.url], events, { timeoutMs: 400 });
        if (row.from === "start") proxy.setFault(row.fault);
        else {
          await c.request("eth_blockNumber");
          await rpc(node.url, "hardhat_mine", ["0x5"]);
          await c.request("eth_blockNumber");
          proxy.setFault(row.fault);
        }
        const head = await c.request<string>("eth_blockNumber");
        expect(BigInt(head) > 1n).to.equal(true);
        const failover = events.find((e) => e.type === "rpc-failover");
        expect(failover, "a failover event").to.not.equal(undefined);
        expect(failover?.type === "rpc-failover" ? failover.reason : "").to.match(row.reason);
        expect(c.activeUrl).to.equal(node.url);
      });
    }

    it("rides out transient faults on a single URL with backoff: retries, not failovers to itself", async () => {
      const proxy = await startFaultProxy(node.url);
      proxies.push(proxy);
      const events: RpcEvent[] = [];
      const c = client([proxy.url], events);
      await c.request("eth_chainId");
      proxy.failNext(2, "drop");
      proxy.failNext(1, "http429");
      expect(await c.request<string>("eth_chainId")).to.equal(hex(CHAIN_ID));
      expect(events.filter((e) => e.type === "rpc-failover")).to.deep.equal([]);
      expect(
        events.filter((e) => e.type === "rpc-retry").map((e) => e.type === "rpc-retry" && e.url),
      ).to.deep.equal([proxy.url, proxy.url, proxy.url]);
    });

    it("every URL on another chain is a config error at once (ChainIdMismatchError), not retried", async () => {
      const proxy = await startFaultProxy(node.url);
      proxies.push(proxy);
      proxy.setFault("wrongChainId");
      const events: RpcEvent[] = [];
      const err = await client([proxy.url], events)
        .request("eth_blockNumber")
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ChainIdMismatchError);
      expect(err).to.include({ expected: CHAIN_ID, actual: 5 });
      expect(events.filter((e) => e.type !== "rpc-request")).to.deep.equal([]);
      expect(proxy.seen).to.deep.equal(["eth_chainId"]);
    });

    it("gives up with RpcUnavailableError when every URL keeps failing", async () => {
      const proxy = await startFaultProxy(node.url);
      proxies.push(proxy);
      proxy.setFault("http500");
      const dead = `http://127.0.0.1:${await freePort()}`;
      const err = await client([dead, proxy.url], [], { maxAttempts: 4 })
        .request("eth_blockNumber")
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(RpcUnavailableError);
      expect((err as RpcUnavailableError).attempts).to.equal(4);
    });

    it("returns node errors (not a failover) and they classify as the node words them", async () => {
      const w = await funded();
      const c = client([node.url]);
      await rpc(node.url, "evm_setIntervalMining", [0]);
      const base = {
        type: 2,
        chainId: CHAIN_ID,
        to: w.address,
        gasLimit: 21_000n,
        maxFeePerGas: 10n * GWEI,
        maxPriorityFeePerGas: GWEI,
      };
      const a = await w.signTransaction({ ...base, nonce: 0, value: 1n });
      await c.request("eth_sendRawTransaction", [a]);
      const message = async (raw: string): Promise<string> => {
        const e = await c.request("eth_sendRawTransaction", [raw]).catch((x: unknown) => x);
        expect(e).to.be.instanceOf(RpcResponseError);
        return (e as RpcResponseError).rpcMessage;
      };
      expect(classifySendError(await message(a))).to.equal("already-known");
      expect(
        classifySendError(await message(await w.signTransaction({ ...base, nonce: 0, value: 2n }))),
      ).to.equal("underpriced");
      await rpc(node.url, "evm_mine");
      expect(
        classifySendError(await message(await w.signTransaction({ ...base, nonce: 0, value: 3n }))),
      ).to.equal("nonce-too-low");
    });
  });

  describe("sending", () => {
    it("sends a transfer and waits for K confirmations", async () => {
      const events: TxEvent[] = [];
      const out = await manager(await funded(), events).send(transfer("transfer"));
      expect(out.status).to.equal("confirmed");
      if (out.status !== "confirmed") return;
      const head = Number(BigInt(await rpc<string>(node.url, "eth_blockNumber")));
      expect(head - out.receipt.blockNumber + 1).to.be.at.least(2);
      expect(events.map((e) => e.type)).to.include.members(["tx-sent", "tx-mined", "tx-confirmed"]);
    });

    it("replaces an underpriced transaction with a ≥ 12.5 % bump and gets it mined", async () => {
      await rpc(node.url, "evm_setIntervalMining", [0]);
      const events: TxEvent[] = [];
      let mining: Promise<void> | undefined;
      const m = manager(await funded(), events, {
        onEvent: (e) => {
          events.push(e);
          if (e.type === "tx-sent") {
            // The base fee jumps right after our broadcast: the transaction is now underpriced.
            mining = (async () => {
              await rpc(node.url, "hardhat_setNextBlockBaseFeePerGas", [hex(200n * GWEI)]);
              miners.push(setInterval(() => void rpc(node.url, "evm_mine").catch(() => undefined), 150));
            })();
          }
        },
      });
      const out = await m.send(transfer("underpriced"));
      await mining;
      expect(out.status).to.equal("confirmed");
      if (out.status !== "confirmed") return;
      expect(out.replacements).to.be.at.least(1);
      const sent = events.find((e) => e.type === "tx-sent");
      const replaced = events.filter((e) => e.type === "tx-replaced");
      expect(out.hash).to.not.equal(sent?.type === "tx-sent" ? sent.hash : "");
      for (const r of replaced) {
        if (r.type !== "tx-replaced") continue;
        const prev = [sent, ...replaced].find(
          (x) => (x?.type === "tx-sent" || x?.type === "tx-replaced") && x.hash === r.replaces,
        );
        const prevFees = prev?.type === "tx-sent" || prev?.type === "tx-replaced" ? prev.fees : undefined;
        expect(r.fees.maxFeePerGas * 10_000n >= (prevFees?.maxFeePerGas ?? 0n) * 11_250n).to.equal(true);
        expect(
          r.fees.maxPriorityFeePerGas * 10_000n >= (prevFees?.maxPriorityFeePerGas ?? 0n) * 11_250n,
        ).to.equal(true);
      }
      expect(out.receipt.effectiveGasPrice > 100n * GWEI).to.equal(true);
    });

    it("refuses to send while the base fee is above the hard cap", async () => {
      await rpc(node.url, "evm_setIntervalMining", [0]);
      await rpc(node.url, "hardhat_setNextBlockBaseFeePerGas", [hex(2_000n * GWEI)]);
      await rpc(node.url, "evm_mine");
      const err = await manager(await funded())
        .send(transfer("capped"))
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(FeeCapExceededError);
      expect((err as FeeCapExceededError).cap).to.equal(1_000n * GWEI);
    });

    it("during a fee spike above the cap it never offers more than the cap, and confirms once fees fall", async () => {
      await rpc(node.url, "evm_setIntervalMining", [0]);
      const events: TxEvent[] = [];
      const cap = 300n * GWEI;
      const m = manager(await funded(), events, {
        caps: {
          maxFeePerGas: cap,
          maxPriorityFeePerGas: 2n * GWEI,
          maxReplacementPriorityFeePerGas: 20n * GWEI,
        },
        onEvent: (e) => {
          events.push(e);
          if (e.type === "tx-sent") {
            void rpc(node.url, "hardhat_setNextBlockBaseFeePerGas", [hex(600n * GWEI)]).then(() =>
              miners.push(setInterval(() => void rpc(node.url, "evm_mine").catch(() => undefined), 100)),
            );
          }
        },
      });
      const out = await m.send(transfer("spike"));
      expect(out.status).to.equal("confirmed");
      for (const e of events) {
        if (e.type === "tx-sent" || e.type === "tx-replaced")
          expect(e.fees.maxFeePerGas <= cap).to.equal(true);
      }
      if (out.status === "confirmed") expect(out.receipt.effectiveGasPrice <= cap).to.equal(true);
    });

    it("continues after a restart with no local state: nonce from the pending count", async () => {
      await rpc(node.url, "evm_setIntervalMining", [0]);
      const w = await funded();
      // "Before the restart" a transaction was broadcast and is still in the mempool.
      const raw = await w.signTransaction({
        type: 2,
        chainId: CHAIN_ID,
        nonce: 0,
        to: w.address,
        value: 1n,
        gasLimit: 21_000n,
        maxFeePerGas: 100n * GWEI,
        maxPriorityFeePerGas: GWEI,
      });
      await rpc(node.url, "eth_sendRawTransaction", [raw]);
      const m = manager(w, [], {
        onEvent: (e) => {
          if (e.type === "tx-sent") void rpc(node.url, "evm_setIntervalMining", [250]);
        },
      });
      const out = await m.send(transfer("after restart"));
      expect(out.status === "confirmed" && out.nonce).to.equal(1);
      expect(await rpc<string>(node.url, "eth_getTransactionCount", [w.address, "latest"])).to.equal("0x2");
    });

    it("an unfunded key burns no nonce: after funding, the first send uses the node's pending count", async () => {
      const w = new Wallet(Wallet.createRandom().privateKey);
      const events: TxEvent[] = [];
      const m = manager(w, events);
      const free = { label: "unfunded", to: "0x000000000000000000000000000000000000dEaD", value: 0n };
      for (let i = 0; i < 3; i++) {
        const err = await m.send(free).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(TxSendError);
        expect((err as TxSendError).nonce).to.equal(0);
        expect((err as TxSendError).detail).to.match(/funds/i);
      }
      expect(await m.nonces.peek()).to.equal(0);
      expect(await pendingCount(w)).to.equal(0);
      await rpc(node.url, "hardhat_setBalance", [w.address, hex(10n ** 20n)]);
      const out = await m.send(free);
      expect(out.status === "confirmed" && out.nonce).to.equal(0);
      expect(events.filter((e) => e.type === "tx-sent")).to.have.length(1);
      expect(events.some((e) => e.type === "tx-replaced")).to.equal(false);
    });

    it("a fee above the cap holds the send back without a nonce (tx-fee-capped), then sends at the pending count", async () => {
      await rpc(node.url, "evm_setIntervalMining", [0]);
      await rpc(node.url, "hardhat_setNextBlockBaseFeePerGas", [hex(2_000n * GWEI)]);
      await rpc(node.url, "evm_mine");
      const w = await funded();
      const events: TxEvent[] = [];
      const m = manager(w, events);
      for (let i = 0; i < 3; i++) {
        const err = await m.send(transfer("capped")).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(FeeCapExceededError);
        expect((err as FeeCapExceededError).label).to.equal("capped");
      }
      const capped = events.filter((e) => e.type === "tx-fee-capped");
      expect(capped).to.have.length(3);
      expect(capped.every((e) => e.type === "tx-fee-capped" && e.nonce === null)).to.equal(true);
      expect(await m.nonces.peek()).to.equal(0);
      await rpc(node.url, "hardhat_setNextBlockBaseFeePerGas", [hex(GWEI)]);
      await rpc(node.url, "evm_mine");
      await rpc(node.url, "evm_setIntervalMining", [250]);
      const out = await m.send(transfer("after the spike"));
      expect(out.status === "confirmed" && out.nonce).to.equal(0);
    });

    it("a nonce gap (an accepted transaction vanished) is not bid up: NonceGapError, then the pending count", async () => {
      const w = await funded();
      const events: TxEvent[] = [];
      const m = manager(w, events);
      // As if nonce 0 had been accepted and then dropped from the mempool: the counter is one ahead.
      await m.nonces.withNextNonce(async () => undefined);
      const err = await m.send(transfer("gap")).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(NonceGapError);
      expect(err).to.include({ nonce: 1, pending: 0 });
      expect(events.some((e) => e.type === "tx-replaced")).to.equal(false);
      const out = await m.send(transfer("after the gap"));
      expect(out.status).to.equal("confirmed");
      // Nonce 0 filled the gap, so the queued nonce-1 transaction could be mined right after it.
      expect(out.status === "confirmed" && out.nonce).to.equal(0);
    });

    it("recovers from 'nonce too low' when another process used the nonces", async () => {
      const w = await funded();
      const events: TxEvent[] = [];
      const m = manager(w, events);
      expect(await m.nonces.peek()).to.equal(0); // the manager's counter now says 0
      for (let n = 0; n < 3; n++) {
        const raw = await w.signTransaction({
          type: 2,
          chainId: CHAIN_ID,
          nonce: n,
          to: w.address,
          value: 1n,
          gasLimit: 21_000n,
          maxFeePerGas: 100n * GWEI,
          maxPriorityFeePerGas: GWEI,
        });
        await rpc(node.url, "eth_sendRawTransaction", [raw]);
      }
      await rpc(node.url, "evm_mine");
      const out = await m.send(transfer("stale counter"));
      expect(out.status === "confirmed" && out.nonce).to.equal(3);
      expect(events.some((e) => e.type === "nonce-resync")).to.equal(true);
    });

    it("survives a reorg of the receipt's block: re-broadcasts and confirms again", async () => {
      const w = await funded();
      const snapshot = await rpc<string>(node.url, "evm_snapshot");
      const events: TxEvent[] = [];
      let reverted: Promise<unknown> | undefined;
      const m = manager(w, events, {
        confirmations: 3,
        onEvent: (e) => {
          events.push(e);
          if (e.type === "tx-mined" && reverted === undefined)
            reverted = rpc(node.url, "evm_revert", [snapshot]);
        },
      });
      const out = await m.send(transfer("reorg"));
      await reverted;
      expect(out.status).to.equal("confirmed");
      if (out.status !== "confirmed") return;
      expect(out.reorgs).to.be.at.least(1);
      expect(events.filter((e) => e.type === "tx-mined").length).to.be.at.least(2);
      const block = await rpc<{ hash: string }>(node.url, "eth_getBlockByNumber", [
        hex(out.receipt.blockNumber),
        false,
      ]);
      expect(block.hash).to.equal(out.receipt.blockHash);
    });

    it("fails over mid-flight: the transaction still confirms when the first URL dies", async () => {
      const proxy = await startFaultProxy(node.url);
      proxies.push(proxy);
      const m = manager(
        await funded(),
        [],
        {
          onEvent: (e) => {
            if (e.type === "tx-sent") proxy.setFault("drop");
          },
        },
        [proxy.url, node.url],
      );
      const out = await m.send(transfer("failover"));
      expect(out.status).to.equal("confirmed");
    });
  });

  describe("simulation and reverts", () => {
    let boom: string;
    let m: TxManager;
    const arg = (x: number) => AbiCoder.defaultAbiCoder().encode(["uint256"], [x]);

    before(async () => {
      m = manager(await funded());
      const out = await m.send({ label: "deploy Boom", data: boomCreationCode() });
      if (out.status !== "confirmed" || out.receipt.contractAddress === null)
        throw new Error("deploy failed");
      boom = out.receipt.contractAddress;
    });

    it("a simulated revert is classified with the ABI and nothing is sent", async () => {
      const err = await m
        .send({ label: "boom 5", to: boom, data: arg(5), errors: BOOM_ABI })
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(SimulationRevertedError);
      expect((err as SimulationRevertedError).reason).to.equal("Boom(5)");
    });

    it("an action the chain says is already done is skipped", async () => {
      const events: TxEvent[] = [];
      const mm = manager(await funded(), events);
      const out = await mm.send({
        label: "settle 7",
        to: boom,
        data: arg(7),
        errors: BOOM_ABI,
        isAlreadyDone: (r) => r.kind === "custom" && r.name === "Boom" && r.args[0] === 7n,
      });
      expect(out.status).to.equal("skipped");
      if (out.status === "skipped") expect(describeRevert(out.reason)).to.equal("Boom(7)");
      expect(events.map((e) => e.type)).to.deep.equal(["tx-skipped"]);
    });

    it("a mined revert is classified (replayed on the parent block)", async () => {
      const err = await m
        .send({
          label: "boom 9",
          to: boom,
          data: arg(9),
          errors: BOOM_ABI,
          simulate: false,
          gasLimit: 100_000n,
        })
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(TxRevertedError);
      expect((err as TxRevertedError).reason).to.equal("Boom(9)");
    });

    it("the empty call succeeds", async () => {
      const out = await m.send({ label: "boom ok", to: boom, data: "0x" });
      expect(out.status).to.equal("confirmed");
    });
  });
});
