// A PNG of the report page (for the README picture): `await screenshotReport("out/report.html", "docs/report.png")`.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { findChromium, launchChromium } from "./chromium.js";

export interface ScreenshotOptions {
  /** Browser binary; default {@link findChromium}. */
  executablePath?: string;
  /** Viewport width in CSS pixels; default 1040. */
  width?: number;
  /** Whole page (default) or only the first screen. */
  fullPage?: boolean;
}

/** Opens `htmlPath` in headless Chromium and writes a PNG screenshot to `pngPath`; returns `pngPath`. */
export async function screenshotReport(
  htmlPath: string,
  pngPath: string,
  options: ScreenshotOptions = {},
): Promise<string> {
  const executablePath = options.executablePath ?? findChromium();
  if (executablePath === undefined) {
    throw new Error("screenshot: no Chromium found (install Debian's chromium or set CHROMIUM_PATH)");
  }
  const browser = await launchChromium(executablePath);
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: options.width ?? 1040, height: 900 });
    await page.goto(pathToFileURL(path.resolve(htmlPath)).href, { waitUntil: "load" });
    await page.screenshot({ path: pngPath, fullPage: options.fullPage ?? true });
    return pngPath;
  } finally {
    await browser.close();
  }
}
