import { expect } from "chai";
import { network } from "hardhat";
import { makeHedgeFixture, WITH_RESERVE_DRAW, condorStrikes } from "./hedge-fixture.js";
import { usdc } from "../../scripts/deploy/flashSide.js";
import {
  DAY,
  DEFAULT_CONDOR,
  DEFAULT_LAYERS,
  DEFAULT_VAULT_POLICY,
  gridExpiry,
  pts,
  WAD,
  wad,
} from "../../scripts/deploy/hedgeSide.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const fixture = makeHedgeFixture(connection, WITH_RESERVE_DRAW);

describe("HedgeLayerVault: remaining named reverts", function () {
  it("the constructor checks its addresses, the layer count and the modules' wiring", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const keeperModule = await f.hedge.keeperModule();
    const lensModule = await f.hedge.lensModule();
    const condorModule = await f.hedge.condorModule();
    const deployment = {
      asset: await f.usdc.getAddress(),
      pool: await f.pool.getAddress(),
      flashVault: await f.vault.getAddress(),
      volFeed: await f.volFeed.getAddress(),
      indexFeed: await f.indexFeed.getAddress(),
      feedHeartbeat: DAY,
      tradingCutoff: 300n,
      governor: f.admin.address,
      name: "x",
      symbol: "x",
    };
    const factory = await ethers.getContractFactory("HedgeLayerVault");
    const deploy = (d: typeof deployment, modules: [string, string, string], layers = DEFAULT_LAYERS) =>
      factory.deploy(d, modules, DEFAULT_VAULT_POLICY, DEFAULT_CONDOR, layers);
    await expect(
      deploy({ ...deployment, governor: ethers.ZeroAddress }, [keeperModule, lensModule, condorModule]),
    ).to.be.revertedWithCustomError(f.hedge, "ZeroAddress");
    await expect(deploy(deployment, [keeperModule, lensModule, condorModule], []))
      .to.be.revertedWithCustomError(f.hedge, "LayerIndexOutOfRange")
      .withArgs(0n, 5n);
    // The bound is inclusive: five layers (MAX_LAYERS) pass the count check and reach the wiring check (these
    // modules were built for three layers); six are refused by the count check itself.
    const five = [0, 1, 2, 3, 4].map((i) => DEFAULT_LAYERS[i % DEFAULT_LAYERS.length]!);
    await expect(deploy(deployment, [keeperModule, lensModule, condorModule], five))
      .to.be.revertedWithCustomError(f.hedge, "ModuleMismatch")
      .withArgs(keeperModule);
    await expect(deploy(deployment, [keeperModule, lensModule, condorModule], [...five, five[0]!]))
      .to.be.revertedWithCustomError(f.hedge, "LayerIndexOutOfRange")
      .withArgs(6n, 5n);
    await expect(deploy({ ...deployment, feedHeartbeat: 2n * DAY }, [keeperModule, lensModule, condorModule]))
      .to.be.revertedWithCustomError(f.hedge, "ModuleMismatch")
      .withArgs(keeperModule);
    // Each of the three modules is checked, the last one too: a condor module wired with another heartbeat.
    const otherCondor = await ethers.deployContract("HedgeCondorModule", [
      {
        ...deployment,
        feedHeartbeat: 2n * DAY,
        layerCount: BigInt(DEFAULT_LAYERS.length),
        assetDecimals: 6n,
      },
    ]);
    await expect(deploy(deployment, [keeperModule, lensModule, await otherCondor.getAddress()]))
      .to.be.revertedWithCustomError(f.hedge, "ModuleMismatch")
      .withArgs(await otherCondor.getAddress());
    const ok = await deploy(deployment, [keeperModule, lensModule, condorModule]);
    await expect(ok.deploymentTransaction()).to.emit(ok, "VaultPolicySet");
  });

  it("each governance, guardian and keeper entry point refuses a caller without its role", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const stranger = f.hedge.connect(f.alice);
    const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
    const k = condorStrikes(pts("5000"));
    const condorExpiry = gridExpiry((await f.now()) + 30n * DAY);
    const admin = await f.hedge.DEFAULT_ADMIN_ROLE();
    const guardian = await f.hedge.GUARDIAN_ROLE();
    const keeper = await f.hedge.KEEPER_ROLE();
    const calls: [string, () => Promise<unknown>, string][] = [
      ["setVaultPolicy", () => stranger.setVaultPolicy(DEFAULT_VAULT_POLICY), admin],
      ["setLayerPolicy", () => stranger.setLayerPolicy(0n, DEFAULT_LAYERS[0]!), admin],
      ["setCondorPolicy", () => stranger.setCondorPolicy(DEFAULT_CONDOR), admin],
      ["unpause", () => stranger.unpause(), admin],
      ["pause", () => stranger.pause(), guardian],
      ["rollLayer", () => stranger.rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256), keeper],
      ["monetiseLayer", () => stranger.monetiseLayer(0n), keeper],
      ["openCondor", () => stranger.openCondor(k.put, k.call, condorExpiry, 0n), keeper],
      ["closeCondor", () => stranger.closeCondor(ethers.MaxUint256), keeper],
      ["rollCondorSide", () => stranger.rollCondorSide(true, k.call, condorExpiry, 0n), keeper],
    ];
    for (const [name, call, role] of calls) {
      await expect(call(), name)
        .to.be.revertedWithCustomError(f.hedge, "AccessControlUnauthorizedAccount")
        .withArgs(f.alice.address, role);
    }
  });

  it("SizeZero before the first epoch (no NAV to size against)", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
    await expect(
      f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256),
    ).to.be.revertedWithCustomError(f.hedge, "SizeZero");
    const k = condorStrikes(pts("5000"));
    await expect(
      f.hedge.connect(f.keeper).openCondor(k.put, k.call, gridExpiry((await f.now()) + 30n * DAY), 0n),
    ).to.be.revertedWithCustomError(f.hedge, "SizeZero");
  });

  it("InsufficientIdle: a trade can never spend escrowed or reserve cash", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    await f.hedge.setVaultPolicy({ ...DEFAULT_VAULT_POLICY, reserveMin: wad("0.9") });
    await f.hedge.setCondorPolicy({ ...DEFAULT_CONDOR, notional: wad("5"), maxLoss: wad("0.5") });
    await f.seed(usdc(1_000_000n));
    await f.hedge.connect(f.bob).requestDeposit(usdc(500_000n), f.bob.address, f.bob.address); // escrowed
    const k = condorStrikes(pts("5000"));
    await expect(
      f.hedge.connect(f.keeper).openCondor(k.put, k.call, gridExpiry((await f.now()) + 30n * DAY), 0n),
    ).to.be.revertedWithCustomError(f.hedge, "InsufficientIdle");
  });

  it("PositionInCutoff: a layer in the pool's last minutes can only be settled after expiry", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    await f.seed(usdc(1_000_000n));
    const [, low, high, expiry] = await f.hedge.defaultLayerTrade(0n);
    await f.hedge.connect(f.keeper).rollLayer(0n, low, high, expiry, WAD, ethers.MaxUint256);
    await networkHelpers.time.increaseTo(expiry - 120n);
    await f.push(f.volFeed, pts("20"));
    const [due] = await f.hedge.defaultLayerTrade(0n);
    expect(due).to.equal(false);
    const [, low2, high2, expiry2] = await f.hedge.defaultLayerTrade(0n);
    await expect(f.hedge.connect(f.keeper).rollLayer(0n, low2, high2, expiry2, WAD, ethers.MaxUint256))
      .to.be.revertedWithCustomError(f.hedge, "PositionInCutoff")
      .withArgs((await f.hedge.keeperState()).layers[0]!.seriesId, expiry);
    // Inside the cutoff the layer keeps the model's bid (as the pool marks it): here 0, out of the money two
    // minutes before expiry (audit-expired-nav.test.ts checks an in-the-money layer).
    const s = await f.hedge.keeperState();
    expect(s.nav).to.equal(s.idle + s.reserveAssets);
  });
});
