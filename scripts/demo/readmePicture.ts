// The README picture: the report's summary and its three charts (down to the end of the drawdown chart), not
// the long tables below them. Same headless Chromium as screenshotReport.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { findChromium, launchChromium } from "./chromium.js";

/** Writes a PNG of `htmlPath` from the top to the bottom of its `#drawdown` section; returns `pngPath`. */
export async function screenshotReportCharts(
  htmlPath: string,
  pngPath: string,
  width = 1040,
): Promise<string> {
  const executablePath = findChromium();
  if (executablePath === undefined) {
    throw new Error("screenshot: no Chromium found (install Debian's chromium or set CHROMIUM_PATH)");
  }
  const browser = await launchChromium(executablePath);
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(pathToFileURL(path.resolve(htmlPath)).href, { waitUntil: "load" });
    const box = await page.locator("#drawdown").boundingBox();
    if (box === null) throw new Error("screenshot: the report has no #drawdown section");
    await page.screenshot({
      path: pngPath,
      fullPage: true,
      clip: { x: 0, y: 0, width, height: box.y + box.height + 16 },
    });
    return pngPath;
  } finally {
    await browser.close();
  }
}
