import { expect } from "chai";
import { network } from "hardhat";
import { createKeeper } from "../../src/createKeeper.js";
import { deployHedgeSystem, type HedgeSystem, KEEPER_KEY, quietCalendar } from "../support/hedgeSystem.js";

describe("createKeeper over Hardhat's in-process network (EIP-1193)", function () {
  this.timeout(120_000);
  let conn: Awaited<ReturnType<typeof network.create>>;
  let sys: HedgeSystem;

  before(async () => {
    conn = await network.create();
    sys = await deployHedgeSystem(conn);
  });

  it("opens the three layers and the condor, then idles (one request per idle cycle)", async () => {
    const keeper = await createKeeper({
      vaults: [sys.vaultAddress],
      privateKey: KEEPER_KEY,
      transport: { kind: "eip1193", provider: conn.provider },
      calendar: quietCalendar(),
    });
    const first = await keeper.runCycle();
    if (process.env.KEEPER_DEBUG)
      console.log(
        first.sent.map((s) => [s.label, s.gasUsed]),
        first.warnings,
        first.skipped,
      );
    expect(first.failed, JSON.stringify(first.failed)).to.deep.equal([]);
    expect(first.sent.map((s) => s.label)).to.include.members([
      "RollLayer L1",
      "RollLayer L2",
      "RollLayer L3",
      "OpenCondor",
    ]);
    for (const s of first.sent) expect(s.gasUsed > 0n).to.equal(true);
    const state = await sys.hedge.keeperState();
    expect(state.layers.every((l) => l.size > 0n)).to.equal(true);
    expect(state.putLeg.size > 0n && state.callLeg.size > 0n).to.equal(true);
    const idle = await keeper.runCycle();
    expect(idle.planned).to.deep.equal([]);
    expect(idle.rpcRequests).to.be.at.most(2);
    await keeper.close();
  });
});
