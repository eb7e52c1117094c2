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
  /** Path on the bot's HTTP server. */
  path: string;
  /** What to do on the page before the picture is taken. */
  act?: (page: Page) => Promise<void>;
}

const shots: Shot[] = [{ name: "healthz", path: "/healthz" }];

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
  for (const shot of shots) {
    const response = await page.goto(`http://127.0.0.1:${local.bot.slack.port}${shot.path}`);
    if (response?.status() !== 200) throw new Error(`${shot.path} answered HTTP ${response?.status()}`);
    await shot.act?.(page);
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
