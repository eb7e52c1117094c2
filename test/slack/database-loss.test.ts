import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const admin = "U0ADMIN001";

describe.skipIf(testEngine !== "postgresql")("losing the PostgreSQL connection", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin } });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  /** Runs SQL against the server's maintenance database, with the bot's database name as $1. */
  async function onServer(sql: string): Promise<number> {
    const url = new URL(bot.database.url);
    const name = url.pathname.slice(1);
    url.pathname = "/postgres";
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const result = await client.query(sql.replaceAll("$db", `"${name}"`), sql.includes("$1") ? [name] : []);
      return result.rowCount ?? 0;
    } finally {
      await client.end();
    }
  }
  /** Ends every server process serving the bot's database, as a restart or failover would. */
  const terminateBackends = () =>
    onServer(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    );

  it("tells users to try again shortly while the database is gone, and acts normally once it is back", async () => {
    // The database refuses new connections and loses the open ones: down, as far as the bot can tell.
    await onServer("ALTER DATABASE $db ALLOW_CONNECTIONS false");
    try {
      await terminateBackends();
      const text = await bot.reply("seizure guns:3 unit:vctf agency:HPD", { userId: admin });
      expect(text).toMatch(
        /^:warning: Task Force Bot can't reach its database right now\. Nothing was recorded\. Try again shortly/,
      );
      expect((await fetch(bot.url.replace("/slack/events", "/healthz"))).status).toBe(503);
    } finally {
      await onServer("ALTER DATABASE $db ALLOW_CONNECTIONS true");
    }
    expect(await bot.reply("seizure guns:4 unit:vctf agency:HPD", { userId: admin })).toMatch(
      /^Recorded seizure S-\d+/,
    );
    expect((await fetch(bot.url.replace("/slack/events", "/healthz"))).status).toBe(200);
    const metrics = await (await fetch(bot.url.replace("/slack/events", "/metrics"))).text();
    expect(metrics).toMatch(/^tf_database_errors_total [1-9]/m);
  });

  it("recovers from lost connections with no lost or doubled writes", async () => {
    const db = bot.database.db.prisma;
    const before = await db.seizureReport.count();
    expect(await bot.reply("seizure guns:1 unit:vctf agency:HPD", { userId: admin })).toMatch(
      /^Recorded seizure/,
    );
    expect(await terminateBackends()).toBeGreaterThan(0);

    // The first requests after the loss may fail; each says so plainly, and none half-writes.
    const replies: string[] = [];
    for (let i = 0; i < 5; i++) {
      const text = await bot.reply("seizure guns:2 unit:vctf agency:HPD", { userId: admin });
      replies.push(text);
      if (text.startsWith("Recorded")) break;
    }
    for (const failed of replies.slice(0, -1)) {
      expect(failed).toMatch(
        /^:warning: Task Force Bot can't reach its database right now\. Nothing was recorded\. Try again shortly/,
      );
    }
    expect(replies.at(-1)).toMatch(/^Recorded seizure/);
    const health = await fetch(bot.url.replace("/slack/events", "/healthz"));
    expect(health.status).toBe(200);
    const rows = await db.seizureReport.findMany({ orderBy: { id: "asc" } });
    expect(rows.length).toBe(before + 2);
    expect(rows.slice(-2).map((r) => r.firearms)).toEqual([1, 2]);
  });
});
