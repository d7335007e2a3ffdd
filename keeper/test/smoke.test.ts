import { expect } from "chai";

describe("keeper smoke", () => {
  it("runs TypeScript tests", () => {
    const n: number = 1;
    expect(n).to.equal(1);
  });
});
