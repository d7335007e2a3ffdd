import { expect } from "chai";
import {
  checkSurface,
  DAY,
  DEFAULT_SURFACE_LIMITS,
  type SurfaceLimits,
  type VolPillar,
  type VolSurface,
} from "../../scripts/volatility/index.js";

const pillar = (days: number, atmVol: number, skew = 0, curvature = 0, forwardFactor = 1): VolPillar => ({
  tenor: days * DAY,
  forwardFactor,
  atmVol,
  skew,
  curvature,
});
const kinds = (s: VolSurface, limits: SurfaceLimits = DEFAULT_SURFACE_LIMITS): string[] =>
  checkSurface(s, limits).map(
    (p) => `${p.kind}${p.field === undefined ? "" : `:${p.field}`}@${p.pillar ?? "-"}`,
  );

describe("volatility oracle: checkSurface (the pool's push checks, mirrored)", function () {
  it("accepts a flat surface and a skewed term structure", function () {
    expect(checkSurface({ pillars: [pillar(30, 0.2), pillar(90, 0.2)] })).to.deep.equal([]);
    expect(
      checkSurface({ pillars: [pillar(30, 0.2, -0.9), pillar(93, 0.22, -0.5), pillar(182, 0.23, -0.36)] }),
    ).to.deep.equal([]);
  });

  it("names every field out of its bound", function () {
    expect(kinds({ pillars: [] })).to.deep.equal(["PillarCount@-"]);
    expect(kinds({ pillars: [1, 2, 3, 4, 5].map((i) => pillar(30 * i, 0.2)) })).to.deep.equal([
      "PillarCount@-",
    ]);
    expect(kinds({ pillars: [{ ...pillar(30, 0.2), tenor: DAY - 1 }] })).to.deep.equal([
      "FieldOutOfBounds:tenor@0",
    ]);
    expect(kinds({ pillars: [pillar(731, 0.2)] })).to.deep.equal(["FieldOutOfBounds:tenor@0"]);
    expect(kinds({ pillars: [pillar(30, 0.2, 0, 0, 0.19)] })).to.deep.equal([
      "FieldOutOfBounds:forwardFactor@0",
    ]);
    expect(kinds({ pillars: [pillar(30, 0.2, 0, 0, 5.01)] })).to.deep.equal([
      "FieldOutOfBounds:forwardFactor@0",
    ]);
    expect(kinds({ pillars: [pillar(30, 0.049)] })).to.include("FieldOutOfBounds:atmVol@0");
    expect(kinds({ pillars: [pillar(30, 3.01)] })).to.include("FieldOutOfBounds:atmVol@0");
    expect(kinds({ pillars: [pillar(30, 0.2, -5.01)] })).to.include("FieldOutOfBounds:skew@0");
    expect(kinds({ pillars: [pillar(30, 0.2, 0, -0.01)] })).to.include("FieldOutOfBounds:curvature@0");
    expect(kinds({ pillars: [pillar(30, 0.2, 0, 10.01)] })).to.include("FieldOutOfBounds:curvature@0");
    expect(kinds({ pillars: [pillar(60, 0.2), pillar(60, 0.2)] })).to.include("TenorsNotIncreasing@1");
    const p = checkSurface({ pillars: [pillar(30, 0.2, -5.01)] })[0]!;
    expect(p).to.include({ field: "skew", value: -5.01, min: -5, max: 5 });
    expect(p.message).to.match(/pillar 0: skew -5.01 is outside \[-5, 5\]/);
  });

  it("bounds at the edge are accepted (a bound moved by one is refused)", function () {
    expect(checkSurface({ pillars: [pillar(1, 0.05), pillar(730, 3)] })).to.deep.equal([]);
    expect(kinds({ pillars: [pillar(30, 0.2, 0, 0, 0.2)] })).to.deep.equal([]);
    expect(kinds({ pillars: [pillar(30, 0.2, 0, 0, 5)] })).to.deep.equal([]);
  });

  it("calendar arbitrage: total variance falling at a grid strike", function () {
    // 0.3²·30 > 0.15²·60 at every x of a flat smile
    const problems = checkSurface({ pillars: [pillar(30, 0.3), pillar(60, 0.15)] });
    expect(problems.every((p) => p.kind === "CalendarArbitrage" && p.pillar === 1)).to.equal(true);
    expect(problems.map((p) => p.x)).to.deep.equal([-1, -0.5, -0.25, 0, 0.25, 0.5, 1]);
    // Equal total variance passes, a margin refuses it.
    const equal = { pillars: [pillar(30, 0.2), pillar(120, 0.1)] };
    expect(checkSurface(equal)).to.deep.equal([]);
    expect(checkSurface(equal, DEFAULT_SURFACE_LIMITS, 1e-9).map((p) => p.kind)).to.include(
      "CalendarArbitrage",
    );
    // Only where the skew makes it fall: the wing.
    const wing = checkSurface({ pillars: [pillar(30, 0.2, -2), pillar(40, 0.2, -0.5)] }).filter(
      (p) => p.kind === "CalendarArbitrage",
    );
    expect(wing.map((p) => p.x)).to.deep.equal([-1, -0.5, -0.25]);
  });

  it("vertical and butterfly arbitrage on the strike grid", function () {
    // vol 0.05 up to the money, then 0.05 + 5x: the 0.25-call is worth more than the ATM call.
    const vertical = checkSurface({ pillars: [pillar(30, 0.05, 5)] });
    expect(vertical.map((p) => `${p.kind}@${p.x}`)).to.include("VerticalArbitrage@0");
    // A one-week smile at 200 % falling 5 vol points per unit x: the call-spread slope rises with the strike.
    const butterfly = checkSurface({ pillars: [pillar(7, 2, -5)] });
    expect(butterfly.map((p) => p.kind)).to.deep.equal(["ButterflyArbitrage"]);
    expect(butterfly[0]!.message).to.match(/slope from x=/);
  });
});
