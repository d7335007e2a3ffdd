// VolSurfaceOracle: pushing a surface (roles, bounds, arbitrage checks, time, event) and reading it back,
// interpolated between its pillars exactly as docs/options.md says.
import { expect } from "chai";
import { network } from "hardhat";
import type { VolSurfaceOracle, VolSurfaceOracleHarness } from "../../types/ethers-contracts/index.js";
import type { VolPillar } from "../../scripts/deploy/hedgeSide.js";

const { ethers, networkHelpers } = await network.create();
const WAD = 10n ** 18n;
const DAY = 86_400n;
const name = (s: string): string => ethers.encodeBytes32String(s);
const wad = (x: string): bigint => ethers.parseUnits(x, 18);

/** A VIX-like surface in contango: 30 days (1.10, 90 %, skew 0.5, curvature 0.2), 90 days (1.20, 80 %, 0.3, 0.1). */
const NEAR: VolPillar = {
  tenor: 30n * DAY,
  forwardFactor: wad("1.1"),
  atmVol: wad("0.9"),
  skew: wad("0.5"),
  curvature: wad("0.2"),
};
const FAR: VolPillar = {
  tenor: 90n * DAY,
  forwardFactor: wad("1.2"),
  atmVol: wad("0.8"),
  skew: wad("0.3"),
  curvature: wad("0.1"),
};

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) [x, y] = [y, (y + n / y) / 2n];
  return x;
}

async function fixture() {
  const [admin, reporter, stranger, feedA, feedB] = await ethers.getSigners();
  const oracle = (await ethers.deployContract("VolSurfaceOracle", [
    admin!.address,
  ])) as unknown as VolSurfaceOracle;
  await oracle.grantRole(await oracle.VOL_ORACLE_ROLE(), reporter!.address);
  const now = async (): Promise<bigint> => BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  const feed = feedA!.address;
  await oracle.connect(reporter!).pushSurface(feed, await now(), [NEAR, FAR]);
  return {
    oracle,
    admin: admin!,
    reporter: reporter!,
    stranger: stranger!,
    feed,
    other: feedB!.address,
    now,
  };
}

describe("VolSurfaceOracle", function () {
  it("constructor: rejects a zero admin; the admin grants VOL_ORACLE_ROLE", async function () {
    const { oracle } = await networkHelpers.loadFixture(fixture);
    const factory = await ethers.getContractFactory("VolSurfaceOracle");
    await expect(factory.deploy(ethers.ZeroAddress)).to.be.revertedWithCustomError(
      oracle,
      "SurfaceOracleAdminZero",
    );
    expect(await oracle.VOL_ORACLE_ROLE()).to.equal(ethers.id("VOL_ORACLE_ROLE"));
    expect(await oracle.MAX_PILLARS()).to.equal(4n);
  });

  it("pushSurface: stores the pillars and the time, emits SurfacePushed; only VOL_ORACLE_ROLE", async function () {
    const { oracle, reporter, stranger, feed, now } = await networkHelpers.loadFixture(fixture);
    const t = (await now()) + 1n;
    await networkHelpers.time.setNextBlockTimestamp(t);
    const pillars = [{ ...NEAR, atmVol: wad("0.95") }, FAR];
    await expect(oracle.connect(reporter).pushSurface(feed, t, pillars))
      .to.emit(oracle, "SurfacePushed")
      .withArgs(feed, t, (v: unknown[]) => v.length === 2);
    const [updatedAt, stored] = await oracle.surface(feed);
    expect(updatedAt).to.equal(t);
    expect(stored.map((p) => [p.tenor, p.forwardFactor, p.atmVol, p.skew, p.curvature])).to.deep.equal(
      pillars.map((p) => [p.tenor, p.forwardFactor, p.atmVol, p.skew, p.curvature]),
    );
    await expect(oracle.connect(stranger).pushSurface(feed, t, pillars)).to.be.revertedWithCustomError(
      oracle,
      "AccessControlUnauthorizedAccount",
    );
    // A shorter surface replaces a longer one entirely.
    await oracle.connect(reporter).pushSurface(feed, t + 1n, [FAR]);
    const [, replaced] = await oracle.surface(feed);
    expect(replaced.length).to.equal(1);
  });

  it("pushSurface: the time must be after the previous surface's and not in the future", async function () {
    const { oracle, reporter, feed, other, now } = await networkHelpers.loadFixture(fixture);
    const [previous] = await oracle.surface(feed);
    await expect(oracle.connect(reporter).pushSurface(feed, previous, [NEAR]))
      .to.be.revertedWithCustomError(oracle, "SurfaceTimeInvalid")
      .withArgs(previous, previous, (await now()) + 1n);
    const t = (await now()) + 1n;
    await networkHelpers.time.setNextBlockTimestamp(t);
    await expect(oracle.connect(reporter).pushSurface(other, t + 1n, [NEAR]))
      .to.be.revertedWithCustomError(oracle, "SurfaceTimeInvalid")
      .withArgs(t + 1n, 0n, t);
    await expect(
      oracle.connect(reporter).pushSurface(ethers.ZeroAddress, t, [NEAR]),
    ).to.be.revertedWithCustomError(oracle, "SurfaceFeedZero");
  });

  it("checkSurface: 1 to 4 pillars, tenors strictly increasing", async function () {
    const { oracle } = await networkHelpers.loadFixture(fixture);
    await expect(oracle.checkSurface([]))
      .to.be.revertedWithCustomError(oracle, "SurfacePillarCount")
      .withArgs(0n, 4n);
    const five = [1n, 2n, 3n, 4n, 5n].map((i) => ({ ...FAR, tenor: i * 30n * DAY }));
    await expect(oracle.checkSurface(five))
      .to.be.revertedWithCustomError(oracle, "SurfacePillarCount")
      .withArgs(5n, 4n);
    await oracle.checkSurface(five.slice(0, 4));
    await expect(oracle.checkSurface([FAR, { ...FAR }]))
      .to.be.revertedWithCustomError(oracle, "SurfaceTenorsNotIncreasing")
      .withArgs(1n, FAR.tenor, FAR.tenor);
    // The error names the pillar's tenor and its predecessor's; one second more is increasing.
    const flat = { ...FAR, skew: 0n, curvature: 0n };
    const near = { ...flat, tenor: 30n * DAY };
    const farTenor = 90n * DAY;
    await expect(oracle.checkSurface([near, flat, { ...flat, tenor: farTenor - 1n }]))
      .to.be.revertedWithCustomError(oracle, "SurfaceTenorsNotIncreasing")
      .withArgs(2n, farTenor - 1n, farTenor);
    await oracle.checkSurface([near, { ...near, tenor: 30n * DAY + 1n }]);
  });

  it("checkSurface: every field within its hard bound (both ends inclusive)", async function () {
    const { oracle } = await networkHelpers.loadFixture(fixture);
    // Flat: no smile, so that every accepted bound below is also free of arbitrage (a 2-year pillar with
    // FAR's skew is not: its calls would rise with the strike).
    const flat: VolPillar = { ...FAR, skew: 0n, curvature: 0n };
    const cases: [string, Partial<VolPillar>, bigint, bigint, bigint][] = [
      ["tenor", { tenor: DAY - 1n }, DAY - 1n, DAY, 730n * DAY],
      ["tenor", { tenor: 730n * DAY + 1n }, 730n * DAY + 1n, DAY, 730n * DAY],
      ["forwardFactor", { forwardFactor: wad("0.2") - 1n }, wad("0.2") - 1n, wad("0.2"), wad("5")],
      ["forwardFactor", { forwardFactor: wad("5") + 1n }, wad("5") + 1n, wad("0.2"), wad("5")],
      ["atmVol", { atmVol: wad("0.01") - 1n }, wad("0.01") - 1n, wad("0.01"), wad("5")],
      ["atmVol", { atmVol: wad("5") + 1n }, wad("5") + 1n, wad("0.01"), wad("5")],
      ["skew", { skew: -wad("5") - 1n }, -wad("5") - 1n, -wad("5"), wad("5")],
      ["skew", { skew: wad("5") + 1n }, wad("5") + 1n, -wad("5"), wad("5")],
      ["curvature", { curvature: -1n }, -1n, 0n, wad("5")],
      ["curvature", { curvature: wad("5") + 1n }, wad("5") + 1n, 0n, wad("5")],
    ];
    for (const [field, change, value, min, max] of cases) {
      await expect(oracle.checkSurface([{ ...flat, ...change }]))
        .to.be.revertedWithCustomError(oracle, "SurfaceFieldOutOfBounds")
        .withArgs(name(field), 0n, value, min, max);
    }
    for (const bound of [
      { tenor: DAY },
      { tenor: 730n * DAY },
      { forwardFactor: wad("0.2") },
      { forwardFactor: wad("5") },
      { atmVol: wad("0.01") },
      { atmVol: wad("5") },
    ]) {
      await oracle.checkSurface([{ ...flat, ...bound }]);
    }
  });

  it("checkSurface: clamps the smile to Black-76's volatility range at each grid point (one wei outside)", async function () {
    const { oracle } = await networkHelpers.loadFixture(fixture);
    // At x = 0.25: 0.17 + 0.25 x (-0.64 - 4e-18) = 0.01 - 1e-18, valued at 0.01 (beyond it, the smile is
    // below 0.01 everywhere and clamped too: the documented equity put skew's shape).
    await oracle.checkSurface([
      { tenor: 30n * DAY, forwardFactor: WAD, atmVol: wad("0.17"), skew: -wad("0.64") - 4n, curvature: 0n },
    ]);
    // At x = +-1: 4 + (1 + 1e-18) = 5 + 1e-18, valued at 5.
    await oracle.checkSurface([
      { tenor: DAY, forwardFactor: WAD, atmVol: wad("4"), skew: 0n, curvature: wad("1") + 1n },
    ]);
  });

  it("checkSurface: refuses calendar arbitrage (total variance falling with tenor)", async function () {
    const { oracle } = await networkHelpers.loadFixture(fixture);
    // ATM: 0.9^2 x 30 = 24.3 days of variance at 30 days, 0.5^2 x 40 = 10 at 40 days.
    const x = -wad("1"); // the first grid point already falls
    const near = { ...NEAR, skew: 0n, curvature: 0n };
    await expect(oracle.checkSurface([near, { ...near, tenor: 40n * DAY, atmVol: wad("0.5") }]))
      .to.be.revertedWithCustomError(oracle, "SurfaceCalendarArbitrage")
      .withArgs(1n, x, wad("0.5") * wad("0.5") * 40n * DAY, wad("0.9") * wad("0.9") * 30n * DAY);
    // Checked at every grid point up to the last (x = 1): here only the last falls, 0.95^2 x 31 < 1^2 x 30.
    const smile = {
      tenor: 30n * DAY,
      forwardFactor: WAD,
      atmVol: wad("0.8"),
      skew: 0n,
      curvature: wad("0.2"),
    };
    const tilted = { ...smile, tenor: 31n * DAY, atmVol: wad("0.95"), skew: -wad("0.2") };
    await expect(oracle.checkSurface([smile, tilted]))
      .to.be.revertedWithCustomError(oracle, "SurfaceCalendarArbitrage")
      .withArgs(1n, wad("1"), wad("0.95") * wad("0.95") * 31n * DAY, WAD * WAD * 30n * DAY);
    // Equal total variance is allowed (a flat forward variance of zero is not an arbitrage).
    await oracle.checkSurface([
      { ...near, atmVol: wad("0.6") },
      { ...near, tenor: 120n * DAY, atmVol: wad("0.3") },
    ]);
  });

  it("checkSurface: refuses vertical and butterfly arbitrage on the strike grid", async function () {
    const { oracle } = await networkHelpers.loadFixture(fixture);
    // A steep negative skew with no curvature makes vol collapse above the money and the call price fall
    // faster than the strike grid allows: the spread per unit of width rises (butterfly).
    const frown = {
      tenor: 30n * DAY,
      forwardFactor: WAD,
      atmVol: wad("1.5"),
      skew: -wad("5"),
      curvature: 0n,
    };
    await expect(oracle.checkSurface([frown])).to.be.revertedWithCustomError(
      oracle,
      "SurfaceStrikeArbitrage",
    );
    // A steep positive skew: vol jumps from 0.2 at the money to 1.45 at x = 0.25, so the call there is worth
    // more than the at-the-money call (vertical arbitrage), named by the lower grid point (x = 0).
    await expect(
      oracle.checkSurface([
        { tenor: 30n * DAY, forwardFactor: WAD, atmVol: wad("0.2"), skew: wad("5"), curvature: 0n },
      ]),
    )
      .to.be.revertedWithCustomError(oracle, "SurfaceStrikeArbitrage")
      .withArgs(0n, 0n);
    // A milder negative skew: every spread is worth between 0 and its width, but the value per unit of width
    // rises from [0.61, 0.78] to [0.78, 1] (butterfly), named by the middle point's predecessor (x = -0.5).
    await expect(
      oracle.checkSurface([
        { tenor: 30n * DAY, forwardFactor: WAD, atmVol: wad("0.9"), skew: -wad("3.25"), curvature: 0n },
      ]),
    )
      .to.be.revertedWithCustomError(oracle, "SurfaceStrikeArbitrage")
      .withArgs(0n, -wad("0.5"));
    // The documented shapes pass: the equity put skew and the VIX call skew.
    await oracle.checkSurface([
      {
        tenor: 30n * DAY,
        forwardFactor: wad("1.003"),
        atmVol: wad("0.17"),
        skew: -wad("0.9"),
        curvature: 0n,
      },
    ]);
    await oracle.checkSurface([NEAR, FAR]);
  });

  describe("the no-arbitrage tolerances, each at its exact edge (harness: inputs of the test's choosing)", function () {
    // Black-76 prices rarely land on one unit of a tolerance, so the checks are driven directly here; the
    // tests above show that checkSurface calls them on every grid point.
    const PRICE_TOLERANCE = 1000n; // 1e3 WAD of a unit forward
    const SLOPE_TOLERANCE = 10n ** 6n;
    async function harness(): Promise<VolSurfaceOracleHarness> {
      const [admin] = await ethers.getSigners();
      return (await ethers.deployContract("VolSurfaceOracleHarness", [
        admin!.address,
      ])) as unknown as VolSurfaceOracleHarness;
    }

    it("calendar: equal total variance passes; one unit below the previous pillar's is refused", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const previous = wad("0.81") * 30n * DAY;
      await h.checkCalendar(2n, -wad("0.5"), previous, previous);
      await h.checkCalendar(2n, -wad("0.5"), previous + 1n, previous);
      await expect(h.checkCalendar(2n, -wad("0.5"), previous - 1n, previous))
        .to.be.revertedWithCustomError(h, "SurfaceCalendarArbitrage")
        .withArgs(2n, -wad("0.5"), previous - 1n, previous);
    });

    it("vertical: a call at most the tolerance above its predecessor, at most width + tolerance below it", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const width = wad("0.25");
      const previous = wad("0.4");
      // Rising calls within the tolerance: rounding, slope 0.
      expect(await h.checkVertical(1n, 0n, width, previous, previous + PRICE_TOLERANCE)).to.equal(0n);
      await expect(h.checkVertical(1n, 0n, width, previous, previous + PRICE_TOLERANCE + 1n))
        .to.be.revertedWithCustomError(h, "SurfaceStrikeArbitrage")
        .withArgs(1n, 0n);
      // Falling by more than the width: the spread would be worth more than it can pay.
      const lowest = previous - width - PRICE_TOLERANCE;
      expect(await h.checkVertical(1n, 0n, width, previous, lowest)).to.equal(
        ((width + PRICE_TOLERANCE) * WAD) / width,
      );
      await expect(h.checkVertical(1n, 0n, width, previous, lowest - 1n))
        .to.be.revertedWithCustomError(h, "SurfaceStrikeArbitrage")
        .withArgs(1n, 0n);
    });

    it("vertical: the slope is the fall per unit of width, rounded down, and 1 wei of fall counts", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const width = 3n * 10n ** 17n; // 1e18 / width is not whole
      const previous = wad("0.5");
      expect(await h.checkVertical(0n, -WAD, width, previous, previous)).to.equal(0n);
      expect(await h.checkVertical(0n, -WAD, width, previous, previous - 1n)).to.equal(3n); // 3.33 → 3
      expect(await h.checkVertical(0n, -WAD, width, previous, previous - 2n)).to.equal(6n); // 6.67 → 6
    });

    it("butterfly: a slope at most the tolerance above the previous step's passes; one unit more is refused", async function () {
      const h = await networkHelpers.loadFixture(harness);
      const previousSlope = wad("0.6");
      await h.checkButterfly(3n, wad("0.25"), previousSlope + SLOPE_TOLERANCE, previousSlope);
      await expect(h.checkButterfly(3n, wad("0.25"), previousSlope + SLOPE_TOLERANCE + 1n, previousSlope))
        .to.be.revertedWithCustomError(h, "SurfaceStrikeArbitrage")
        .withArgs(3n, wad("0.25"));
    });
  });

  describe("slice: the surface at a time to expiry", function () {
    it("below the first pillar: forward factor from exactly 1 at expiry, the first pillar's smile", async function () {
      const { oracle, feed } = await networkHelpers.loadFixture(fixture);
      const [updatedAt] = await oracle.surface(feed);
      const atExpiry = await oracle.slice(feed, 0n);
      expect(atExpiry.forwardFactor).to.equal(WAD);
      expect(atExpiry.updatedAt).to.equal(updatedAt);
      const tenMinutes = await oracle.slice(feed, 600n);
      expect(tenMinutes.forwardFactor).to.equal(WAD + (wad("0.1") * 600n) / (30n * DAY)); // 1.0000231...
      const half = await oracle.slice(feed, 15n * DAY);
      expect(half.forwardFactor).to.equal(wad("1.05"));
      expect([half.atmVol, half.skew, half.curvature]).to.deep.equal([
        NEAR.atmVol,
        NEAR.skew,
        NEAR.curvature,
      ]);
    });

    it("at a pillar: exactly the pillar", async function () {
      const { oracle, feed } = await networkHelpers.loadFixture(fixture);
      for (const p of [NEAR, FAR]) {
        const s = await oracle.slice(feed, p.tenor);
        expect([s.forwardFactor, s.atmVol, s.skew, s.curvature]).to.deep.equal([
          p.forwardFactor,
          p.atmVol,
          p.skew,
          p.curvature,
        ]);
      }
    });

    it("one second past a pillar: the next segment (past the last pillar: flat)", async function () {
      const { oracle, feed } = await networkHelpers.loadFixture(fixture);
      // NEAR and FAR: 30 and 90 days, forward factors 1.1 and 1.2, skews 0.5 and 0.3.
      const past = await oracle.slice(feed, 30n * DAY + 1n);
      const span = 60n * DAY;
      expect(past.forwardFactor).to.equal(wad("1.1") + wad("0.1") / span);
      expect(past.skew).to.equal(wad("0.5") - wad("0.2") / span); // rounded toward NEAR's
      const beyond = await oracle.slice(feed, 90n * DAY + 1n);
      expect([beyond.forwardFactor, beyond.atmVol, beyond.skew, beyond.curvature]).to.deep.equal([
        FAR.forwardFactor,
        FAR.atmVol,
        FAR.skew,
        FAR.curvature,
      ]);
    });

    it("between pillars: forward factor and smile linear in tenor, ATM total variance linear in tenor", async function () {
      const { oracle, feed } = await networkHelpers.loadFixture(fixture);
      const s = await oracle.slice(feed, 60n * DAY);
      expect(s.forwardFactor).to.equal(wad("1.15"));
      expect(s.skew).to.equal(wad("0.4"));
      expect(s.curvature).to.equal(wad("0.15"));
      // w = (0.81 x 30 + (0.64 x 90 - 0.81 x 30) / 2) days = 40.95 days; atm = sqrt(40.95 / 60) = 0.82613558...
      const wNear = wad("0.9") * wad("0.9") * 30n * DAY;
      const wFar = wad("0.8") * wad("0.8") * 90n * DAY;
      expect(s.atmVol).to.equal(isqrt((wNear + (wFar - wNear) / 2n) / (60n * DAY)));
      expect(Math.abs(Number(s.atmVol) / 1e18 - Math.sqrt(40.95 / 60))).to.be.lessThan(1e-15);
    });

    it("between pillars: the interpolated ATM variance rounds down (here rounding it up would add 1 wei of vol)", async function () {
      const { oracle, reporter, other, now } = await networkHelpers.loadFixture(fixture);
      // Found by search: at 16 s past the first pillar, the interpolated variance per second is k^2 - 1
      // rounded down and exactly k^2 rounded up (k = 0.565128654349031989).
      const lo = {
        tenor: 30n * DAY + 2n,
        forwardFactor: WAD,
        atmVol: 565128654349032007n,
        skew: 0n,
        curvature: 0n,
      };
      const hi = { ...lo, tenor: 90n * DAY + 2n, atmVol: 565128654347087994n };
      await oracle.connect(reporter).pushSurface(other, await now(), [lo, hi]);
      const tenor = lo.tenor + 16n;
      const span = hi.tenor - lo.tenor;
      const wLo = lo.atmVol * lo.atmVol * lo.tenor;
      const wHi = hi.atmVol * hi.atmVol * hi.tenor;
      const scaled = (wHi - wLo) * (tenor - lo.tenor);
      const down = isqrt((wLo + scaled / span) / tenor);
      const up = isqrt((wLo + (scaled + span - 1n) / span) / tenor);
      expect([down, up]).to.deep.equal([565128654349031988n, 565128654349031989n]);
      expect((await oracle.slice(other, tenor)).atmVol).to.equal(down);
    });

    it("beyond the last pillar: flat; a feed without a surface: zeros", async function () {
      const { oracle, feed, other } = await networkHelpers.loadFixture(fixture);
      const s = await oracle.slice(feed, 400n * DAY);
      expect([s.forwardFactor, s.atmVol, s.skew, s.curvature]).to.deep.equal([
        FAR.forwardFactor,
        FAR.atmVol,
        FAR.skew,
        FAR.curvature,
      ]);
      const none = await oracle.slice(other, 30n * DAY);
      expect([none.forwardFactor, none.atmVol, none.updatedAt]).to.deep.equal([0n, 0n, 0n]);
      const [updatedAt, pillars] = await oracle.surface(other);
      expect([updatedAt, pillars.length]).to.deep.equal([0n, 0]);
    });
  });
});
