import { expect } from "chai";
import { describeMoves } from "../../src/chain/describeMoves.js";
import { snapshot } from "../support/vaultSnapshot.js";

describe("describeMoves: what moved since the plan was read (an outdated plan, not a failure)", () => {
  const planned = snapshot(); // rounds 3 of both feeds, both surfaces at t = 100
  const same = {
    vol: { roundId: 3n, answer: 2_000_000_000n, updatedAt: 100 },
    index: { roundId: 3n, answer: 500_000_000_000n, updatedAt: 100 },
    volSurface: 100,
    indexSurface: 100,
  };

  it("nothing moved: undefined", () => {
    expect(describeMoves(planned, same)).to.equal(undefined);
  });

  it("a new round or a new surface of either feed is named", () => {
    expect(
      describeMoves(planned, { ...same, vol: { roundId: 4n, answer: 2_800_000_000n, updatedAt: 160 } }),
    ).to.equal("the volatility feed moved from round 3 (20.00) to round 4 (28.00)");
    // A surface pushed after the rounds (the pusher's second step) changes every quote of that feed.
    expect(describeMoves(planned, { ...same, indexSurface: 86_400 })).to.equal(
      "the equity feed's surface moved from 1970-01-01 00:01Z to 1970-01-02 00:00Z",
    );
    const fresh = snapshot();
    fresh.surfaces.vol.updatedAt = 0;
    expect(describeMoves(fresh, { ...same, volSurface: 60 })).to.equal(
      "the volatility feed's surface moved from none to 1970-01-01 00:01Z",
    );
  });
});
