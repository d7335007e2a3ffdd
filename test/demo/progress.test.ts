import { expect } from "chai";
import { createProgressBar, type ProgressStream } from "../../scripts/demo/progress.js";

function capture(isTTY: boolean, columns?: number): ProgressStream & { out: string[] } {
  const out: string[] = [];
  return {
    isTTY,
    ...(columns === undefined ? {} : { columns }),
    out,
    write: (chunk: string) => out.push(chunk),
  };
}

describe("demo progress bar", function () {
  it("in a log: one line about every 10 %, and a final 100 % line", function () {
    const stream = capture(false);
    let t = 0;
    const bar = createProgressBar(756, { label: "Replay", stream, now: () => t });
    for (let day = 1; day <= 756; day++) {
      t += 100;
      bar.update(day, `2022-01-${day}`);
    }
    bar.finish();
    const lines = stream.out.join("").trimEnd().split("\n");
    expect(lines).to.have.length(11); // 0 %, 10 %, ..., 100 %
    expect(lines[0]).to.match(/^Replay 0 % \(1\/756, /);
    expect(lines[1]).to.match(/^Replay 10 % \(76\/756, 1m08s left {2}2022-01-76\)$/);
    expect(lines.at(-1)).to.match(/^Replay 100 % \(756\/756 {2}2022-01-756\)$/);
    expect(stream.out.every((c) => !c.includes("\r"))).to.equal(true);
  });

  it("in a log: finish writes 100 % when the last step was not reached", function () {
    const stream = capture(false);
    const bar = createProgressBar(4, { stream, now: () => 0 });
    bar.update(0);
    bar.tick();
    bar.finish("stopped");
    expect(stream.out).to.deep.equal([
      "Progress 0 % (0/4)\n",
      "Progress 25 % (1/4, 0s left)\n",
      "Progress 25 % (1/4, 0s left  stopped)\n",
    ]);
  });

  it("on a terminal: redraws one line in place and ends it with a newline", function () {
    const stream = capture(true, 80);
    let t = 0;
    const bar = createProgressBar(10, { label: "Replay", stream, now: () => t, width: 10 });
    for (let i = 1; i <= 10; i++) {
      t += 1000;
      bar.tick(`day ${i}`);
    }
    bar.finish();
    bar.finish(); // once only
    expect(stream.out).to.have.length(11);
    for (const chunk of stream.out.slice(0, 10)) {
      expect(chunk.startsWith("\r")).to.equal(true);
      expect(chunk.endsWith("\x1b[K")).to.equal(true);
      expect(chunk).to.not.contain("\n");
    }
    expect(stream.out[4]).to.equal("\rReplay [#####-----]  50 % 5/10, 5s left  day 5\x1b[K");
    expect(stream.out[9]).to.equal("\rReplay [##########] 100 % 10/10  day 10\x1b[K");
    expect(stream.out[10]).to.equal("\n");
  });

  it("on a terminal: never wider than the terminal, no redraw when nothing changed", function () {
    const stream = capture(true, 40);
    const bar = createProgressBar(3, { stream, now: () => 0 });
    bar.update(1, "a very long note that would wrap the terminal line");
    bar.update(1, "a very long note that would wrap the terminal line");
    expect(stream.out).to.have.length(1);
    expect(stream.out[0]!.replace("\r", "").replace("\x1b[K", "").length).to.equal(39);
    expect(() => createProgressBar(0)).to.throw(/positive integer/);
  });
});
