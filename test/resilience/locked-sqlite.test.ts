import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../src/db/url.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";
import { projectRoot, spawnEntry } from "../helpers/process.js";

const admin = "U0ADMIN001";

/** Another process that takes the SQLite file's write lock and keeps it until killed. */
function holdWriteLock(filePath: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      "-e",
      `const db = require("better-sqlite3")(${JSON.stringify(filePath)});
       db.exec("BEGIN EXCLUSIVE");
       db.prepare('INSERT INTO "SlackDelivery" ("key") VALUES (?)').run("held-by-another-process");
       console.log("locked");
       setInterval(() => {}, 1000);`,
    ],
    { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
}

describe.skipIf(testEngine !== "sqlite")("a SQLite file locked by another process", () => {
  let bot: TestBot;
  let filePath: string;
  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin } });
    const target = parseDatabaseUrl(bot.database.url);
    if (target.provider !== "sqlite") throw new Error("expected SQLite");
    filePath = target.filePath;
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("answers a write with a clear 'try again shortly' after the busy timeout, then works once the lock is gone", async () => {
    const holder = await holdWriteLock(filePath);
    try {
      const text = await bot.reply("seizure guns:1 unit:vctf agency:HPD", { userId: admin });
      expect(text).toMatch(
        /^:warning: Task Force Bot can't reach its database right now\. Nothing was recorded\. Try again shortly/,
      );
    } finally {
      holder.kill("SIGKILL");
    }
    expect(await bot.reply("seizure guns:1 unit:vctf agency:HPD", { userId: admin })).toMatch(
      /^Recorded seizure S-1/,
    );
    expect(await bot.database.db.prisma.seizureReport.count()).toBe(1);
  });

  it("stops tf migrate with a message naming the lock, rather than hanging", async () => {
    const holder = await holdWriteLock(filePath);
    try {
      const run = spawnEntry(["src/cli/main.ts", "migrate"], { DATABASE_URL: bot.database.url });
      const { code } = await run.exited;
      expect(code).toBe(1);
      expect(run.output()).toContain(filePath);
      expect(run.output()).toMatch(/locked/i);
    } finally {
      holder.kill("SIGKILL");
    }
  });
});
