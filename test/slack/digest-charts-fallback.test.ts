import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/infra/logger.js";
import { slackDigestPublisher } from "../../src/slack/digest-publisher.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

// Slack may refuse to show a bot's unshared upload as an image block (`invalid_blocks`, as reported for files still
// being processed: slackapi/python-slack-sdk#1658, slackapi/java-slack-sdk#1349). The digest must not be lost to its
// charts: it posts without the images, and the charts follow as files shared into the channel.
const admin = "U0ADMIN001";
const channel = "C0CHARTS01";
let now = new Date("2025-03-06T11:00:00Z"); // 06:00 in New York: the schedule is made before it is due

describe(`digest charts Slack will not show as images (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;

  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => now });
    bot.emulator.setChannel(channel, { isMember: true, name: "charts" });
    const area = await db().area.findFirstOrThrow({ where: { code: "frog-hollow" } });
    await db().incident.create({
      data: {
        kind: "shooting",
        localDate: "2025-03-04",
        localTime: "21:15",
        occurredAt: new Date("2025-03-05T02:15:00Z"),
        fatalVictims: 0,
        injuredVictims: 1,
        areaId: area.id,
        source: "slack",
      },
    });
    expect(await bot.reply(`admin digest add <#${channel}|charts> at:07:00`, { userId: admin })).toMatch(
      /^:white_check_mark: Scheduled the daily digest in <#C0CHARTS01>: 07:00 America\/New_York/,
    );
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("posts the digest without the images, then shares the charts into the channel", async () => {
    now = new Date("2025-03-06T12:00:05Z"); // 07:00:05
    bot.emulator.failNext("chat.postMessage", { error: "invalid_blocks" });
    const publisher = slackDigestPublisher(bot.bot.slack.app.client, createLogger("silent"));
    const outcomes = await bot.bot.services.digests.runDue(now, publisher);
    expect(outcomes.map((o) => [o.channelId, o.outcome])).toEqual([[channel, "posted"]]);

    // The emulator answers an injected failure before it records a call: the post recorded is the second attempt.
    const posted = bot.emulator.calls.filter(
      (c) => c.method === "chat.postMessage" && c.args.channel === channel,
    );
    const images = (call: (typeof posted)[number]) =>
      ((call.args.blocks as Array<{ type: string }> | undefined) ?? []).filter((b) => b.type === "image")
        .length;
    expect(posted.map((c) => [c.ok, images(c), String(c.args.text).split(":")[0]])).toEqual([
      [true, 0, "Daily digest for 2025-03-06"],
    ]);
    // The charts were uploaded once for the images (into no channel), then shared into the channel as files.
    expect(bot.emulator.uploads.map((u) => [u.filename, u.channelId ?? null, u.completed])).toEqual([
      ["compstat-2025-03-05.png", null, true],
      ["hotspots-2025-03-05.png", null, true],
      ["compstat-2025-03-05.png", channel, true],
      ["hotspots-2025-03-05.png", channel, true],
    ]);
    const run = await db().digestRun.findFirstOrThrow({ where: { channelId: channel } });
    expect([run.status, run.attempts]).toEqual(["posted", 1]);
  });
});
