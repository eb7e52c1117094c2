// Proves the browser harness end to end: the real bot in local mode, a real Chromium loading a page
// from it, and a screenshot that decodes as a PNG of the viewport's size.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { describeInBrowser, launchBrowser } from "../helpers/browser.js";
import { testEngine } from "../helpers/database.js";

/** An <img> once loaded, as the page sees it (the project's TypeScript has no DOM library). */
interface PageImage {
  decode(): Promise<void>;
  naturalWidth: number;
  naturalHeight: number;
}

describeInBrowser(`Chromium against local mode (${testEngine})`, () => {
  let bot: TestBot;
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tf-browser-"));
    [bot, browser] = await Promise.all([startTestBot(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("shows /healthz's JSON and takes a screenshot of it that decodes as an 800x600 PNG", async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    const response = await page.goto(bot.url.replace("/slack/events", "/healthz"));
    expect(response?.status()).toBe(200);
    expect(await page.locator("pre").innerText()).toBe('{"status":"ok","process":"up","database":"up"}');

    const file = join(dir, "healthz.png");
    await page.screenshot({ path: file });
    const png = await readFile(file);
    await page.setContent(`<img src="data:image/png;base64,${png.toString("base64")}">`);
    const size = await page
      .locator("img")
      .evaluate((img: PageImage) =>
        img.decode().then(() => ({ width: img.naturalWidth, height: img.naturalHeight })),
      );
    expect(size).toEqual({ width: 800, height: 600 });
  });
});
