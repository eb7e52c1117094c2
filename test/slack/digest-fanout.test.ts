import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../src/db/client.js";
import { createLogger } from "../../src/infra/logger.js";
import { slackDigestPublisher } from "../../src/slack/digest-publisher.js";
import { createServices } from "../../src/usecases/services.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

// Many channels due at the same minute across task forces, posted by several replicas against one Slack whose rate
// limits are on (the emulator's default): each channel gets its digest once, no call is answered 429, a channel's
// messages are at least a second apart (Slack's 1 message per second per channel), and the channels do not wait for
// each other: while one channel waits out its second, the others post.
const perTaskForce = 18;
const replicas = 3;
const now = new Date("2025-03-06T12:00:05Z"); // 07:00:05 in New York, 06:00:05 in Chicago

describe(`digest fan-out over many channels and replicas (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;
  const channels: string[] = [];

  beforeAll(async () => {
    bot = await startTestBot({ clock: () => now });
    const second = await db().taskForce.create({
      data: { code: "chicago", name: "Chicago Task Force", timeZone: "America/Chicago" },
    });
    const forces = [
      { id: 1, timeZone: "America/New_York", localTime: "07:00" },
      { id: second.id, timeZone: "America/Chicago", localTime: "06:00" },
    ];
    for (const [f, force] of forces.entries()) {
      for (let i = 0; i < perTaskForce; i++) {
        const channelId = `C0FAN${f}${String(i).padStart(4, "0")}`;
        channels.push(channelId);
        await db().digestChannel.create({
          data: {
            taskForceId: force.id,
            channelId,
            localTime: force.localTime,
            timeZone: force.timeZone,
            // Threaded: two messages per channel, which must go a second apart.
            threaded: true,
            narrative: false,
            createdBy: "U0ADMIN001",
            createdAt: new Date("2025-03-01T00:00:00Z"),
          },
        });
      }
    }
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("posts every channel once, within Slack's limits, with the channels side by side", async () => {
    const databases: Database[] = await Promise.all(
      Array.from({ length: replicas }, () => createDatabase(bot.database.url)),
    );
    try {
      await Promise.all(
        databases.map(async (database, r) => {
          const services = createServices({
            config: bot.config,
            home: { teamId: bot.emulator.team.id },
            database,
            logger: createLogger("silent"),
            replicaId: `replica-${r}`,
          });
          const publisher = slackDigestPublisher(bot.bot.slack.app.client, createLogger("silent"));
          // As the scheduler's tick runs them: each task force in turn.
          for (const force of await services.taskForces.all()) {
            await (await services.forTaskForce(force.id)).digests.runDue(now, publisher);
          }
        }),
      );
    } finally {
      await Promise.all(databases.map((d) => d.close()));
    }

    const messages = bot.emulator.calls.filter((c) => c.method === "chat.postMessage" && c.ok);
    for (const channel of channels) {
      const mine = messages.filter((m) => m.args.channel === channel);
      expect(mine.map((m) => (m.args.thread_ts === undefined ? "parent" : "reply"))).toEqual([
        "parent",
        "reply",
      ]);
      expect((mine[1]?.at ?? 0) - (mine[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    }
    // Nothing else went to a channel: the charts are images in the digest, not file shares of their own.
    expect(bot.emulator.uploads.filter((u) => u.channelId !== undefined)).toEqual([]);
    expect(bot.emulator.rateLimited).toEqual([]);
    const runs = await db().digestRun.findMany();
    expect(runs).toHaveLength(2 * perTaskForce);
    expect(runs.filter((r) => r.status === "posted" && r.attempts === 1)).toHaveLength(2 * perTaskForce);
    // Side by side: posted one channel after another, nothing would come between a channel's headline and its reply.
    const between = channels.map((channel) => {
      const [parent, reply] = messages.flatMap((m, i) => (m.args.channel === channel ? [i] : []));
      return (reply ?? 0) - (parent ?? 0) - 1;
    });
    // Every channel in the runs seen so far; the last few to post may have nobody left to come between them.
    expect(between.filter((n) => n > 0).length).toBeGreaterThanOrEqual(27);
  });
});
