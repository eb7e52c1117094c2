// npm run screenshots: starts local mode on a throwaway SQLite database, opens each page below in
// Chromium and writes a PNG of it to docs/, for the README. Needs Chromium (see scripts/chromium.mjs).
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import { openDatabase } from "../src/bootstrap.js";
import { loadConfig } from "../src/config/env.js";
import { createLogger } from "../src/infra/logger.js";
import { startLocalMode } from "../src/local/local-mode.js";
import { chromiumArgs, findChromium } from "./chromium.mjs";

interface Shot {
  /** docs/<name>.png */
  name: string;
  /** What to do on the console before the picture is taken; the shots run in order, on one page. */
  act: (page: Page) => Promise<void>;
}

/** Types a command in the console's composer and waits until one more message shows `answer`. */
async function type(page: Page, command: string, answer: string) {
  const answers = page.locator("#messages").getByText(answer);
  const before = await answers.count();
  await page.fill("#command", command);
  await page.press("#command", "Enter");
  for (const started = Date.now(); (await answers.count()) === before; await page.waitForTimeout(50)) {
    if (Date.now() - started > 10_000) throw new Error(`no answer with "${answer}" to ${command}`);
  }
}

const shots: Shot[] = [
  {
    name: "console-help",
    async act(page) {
      await type(page, "/tf help", "commands you can run");
      // From the top of the reply, where it says whom it is for.
      await page
        .locator("#messages article")
        .last()
        .evaluate((reply) => reply.scrollIntoView());
    },
  },
  {
    name: "console-modal",
    async act(page) {
      await type(page, "/tf assign", "/tf assign");
      await page.locator("#modal .sk-modal-submit").click();
      await page.locator("#modal .sk-input-error").first().waitFor();
    },
  },
  {
    name: "console-home",
    async act(page) {
      await page.locator('#modal [data-view-action="close"]').first().click();
      await type(
        page,
        "/tf assign <@ULOCAL0001> unit:vctf agency:CSP area:frog-hollow shift:day",
        "Registered",
      );
      // Yesterday's, so that the digest (of the day before it is sent) has them too.
      const yesterday = [
        "/tf seizure guns:2 stolen-guns:1 fentanyl:25g cash:$1,200 arrests:1 area:frog-hollow unit:vctf agency:CSP on:yesterday",
        "/tf shooting fatal:1 injured:2 area:south-end at:yesterdayT22:40 case:26-0101",
        "/tf stolen area:i-84-ramps at:yesterdayT23:15",
      ];
      for (const command of yesterday) await type(page, command, "Recorded");
      await page.click("#home-tab");
      await page.locator("#home").getByText("Your assignments").waitFor();
    },
  },
  {
    name: "console-digest",
    async act(page) {
      await page.click("#channels button");
      await type(page, "/tf admin digest add <#C0COMMAND1|command-staff>", "Scheduled the daily digest");
      await page.fill("#command", "/tf digest send");
      await page.press("#command", "Enter");
      await page.click("#channels button:has-text('command-staff')");
      // The charts are images at the end of the digest: scrolled to, once drawn.
      const chart = page.locator("#messages img.sk-image-img").first();
      await chart.waitFor();
      // The page's DOM types are not this script's (no "dom" lib): the image is described as used.
      type Picture = {
        complete: boolean;
        addEventListener(type: "load", listener: () => void, options: { once: boolean }): void;
        scrollIntoView(options: { block: "end" }): void;
      };
      await chart.evaluate(
        (img: Picture) =>
          new Promise<void>((resolve) => {
            if (img.complete) resolve();
            else img.addEventListener("load", () => resolve(), { once: true });
          }),
      );
      await chart.evaluate((img: Picture) => img.scrollIntoView({ block: "end" }));
    },
  },
];

const viewport = { width: 1280, height: 800 };
const docsDir = join(import.meta.dirname, "..", "docs");

const found = findChromium();
if (found.path === undefined) {
  console.error(`npm run screenshots: ${found.problem}`);
  process.exit(1);
}

const dataDir = await mkdtemp(join(tmpdir(), "tf-screenshots-"));
const config = loadConfig({ DATABASE_URL: `file:${join(dataDir, "taskforce.db")}`, LOG_LEVEL: "warn" });
const logger = createLogger(config.logLevel);
const database = await openDatabase(config.databaseUrl, logger);
const local = await startLocalMode({ config, logger, database, interactive: false, quiet: true, port: 0 });
const browser = await chromium.launch({ executablePath: found.path, args: chromiumArgs });
try {
  await mkdir(docsDir, { recursive: true });
  const page = await browser.newPage({ viewport });
  const response = await page.goto(local.consoleUrl);
  if (response?.status() !== 200) throw new Error(`the console answered HTTP ${response?.status()}`);
  for (const shot of shots) {
    await shot.act(page);
    const file = join(docsDir, `${shot.name}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
  await local.bot.stop();
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
}
