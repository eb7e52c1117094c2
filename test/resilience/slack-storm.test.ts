import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/infra/logger.js";
import { slackDigestPublisher } from "../../src/slack/digest-publisher.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const admin = "U0ADMIN001";
const channel = "C0LEADERS1";

describe(`Slack failing during a digest (${testEngine})`, () => {
  let bot: TestBot;
  let now = new Date("2025-03-06T11:00:00Z");
  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => now });
    bot.emulator.setChannel(channel, { isMember: true });
    await bot.reply(`admin digest add <#${channel}>`, { userId: admin });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("rides out a storm of 500s and 429s and posts the digest exactly once", async () => {
    for (const failure of [
      { status: 500 },
      { status: 429, retryAfterSeconds: 1 },
      { status: 500 },
    ] as const) {
      bot.emulator.failNext("chat.postMessage", failure);
    }
    now = new Date("2025-03-06T12:00:05Z");
    const publisher = slackDigestPublisher(bot.bot.slack.app.client, createLogger("silent"));
    const outcomes = await bot.bot.services.digests.runDue(now, publisher);
    expect(outcomes.map((o) => o.outcome)).toEqual(["posted"]);
    const posts = bot.emulator.calls.filter((c) => c.method === "chat.postMessage" && c.ok);
    expect(posts).toHaveLength(1);
    expect(await bot.bot.services.digests.runDue(new Date("2025-03-06T12:01:00Z"), publisher)).toEqual([]);
    const [run] = await bot.database.db.prisma.digestRun.findMany();
    expect(run).toMatchObject({ status: "posted", attempts: 1, messageTs: posts[0]?.response?.ts });
  });
});
