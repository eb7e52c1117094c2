// Slack's app_uninstalled and tokens_revoked events (their bodies as Slack's SDKs test them, in
// test/fixtures/slack/events.ts): the bot stops posting to the workspace, once per delivery, and
// starts again when a start-up finds the app installed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../src/db/seed/seed.js";
import { createLogger } from "../../src/infra/logger.js";
import { slackDigestPublisher } from "../../src/slack/digest-publisher.js";
import * as events from "../fixtures/slack/events.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";
import { eventually } from "../helpers/eventually.js";
import { captureLogs } from "../helpers/log-capture.js";
import { replayEvent } from "../helpers/slack-replay.js";

const admin = "U0ADMIN001";
const leaders = "C0LEADERS1";
let now = new Date("2025-03-06T11:00:00Z"); // 06:00 EST; the digest is due at 07:00

describe(`the app removed from its workspace (${testEngine})`, () => {
  let database: TestDatabase;
  let bot: TestBot;
  const logs = captureLogs();
  const db = () => database.db.prisma;
  const start = () =>
    startTestBot({ env: { TF_ADMINS: admin }, clock: () => now, database, logger: logs.logger });
  const runDue = () =>
    bot.bot.services.digests.runDue(
      now,
      slackDigestPublisher(bot.bot.slack.app.client, createLogger("silent")),
    );
  const posts = () => bot.emulator.calls.filter((c) => c.method === "chat.postMessage" && c.ok);
  /** The fixture as this bot's own installation sent it (the fixture's is another app's). */
  const ours = (fixture: typeof events.appUninstalled, event: Record<string, unknown> = fixture.event) => ({
    ...fixture,
    team_id: bot.emulator.team.id,
    enterprise_id: undefined,
    authorizations: [{ ...fixture.authorizations[0], team_id: bot.emulator.team.id, enterprise_id: null }],
    event,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedReferenceData(database.db.prisma);
    bot = await start();
    bot.emulator.setChannel(leaders, { isMember: true, name: "leadership" });
    await bot.reply(`admin digest add <#${leaders}|leadership>`, { userId: admin });
  });
  afterAll(async () => {
    await bot?.stop();
    await database?.drop();
  });

  it("records app_uninstalled once, however often Slack retries it, and audits it as Slack's", async () => {
    const body = ours(events.appUninstalled);
    expect((await replayEvent(bot, body, { eventId: "Ev0UNINST01" })).status).toBe(200);
    const retried = await replayEvent(
      bot,
      body,
      { eventId: "Ev0UNINST01" },
      { retry: { num: 1, reason: "http_timeout" } },
    );
    expect(retried.status).toBe(200);
    await eventually(
      () => db().slackRemoval.count(),
      (n) => n === 1,
    );
    await eventually(
      () => db().slackDelivery.count({ where: { key: "event:Ev0UNINST01" } }),
      (n) => n === 1,
    );
    expect(await db().slackRemoval.findMany({ select: { teamId: true, event: true } })).toEqual([
      { teamId: "T0TASKF0RC", event: "app_uninstalled" },
    ]);
    const audits = await db().auditEvent.findMany({
      where: { action: { startsWith: "slack." } },
      select: { action: true, actorUserId: true, targetId: true },
    });
    expect(audits).toEqual([
      { action: "slack.app_uninstalled", actorUserId: "slack", targetId: "T0TASKF0RC" },
    ]);
  });

  it("posts no digest while removed, claims none, and says so in the log once", async () => {
    now = new Date("2025-03-06T12:00:30Z"); // 07:00:30 EST
    expect(await runDue()).toEqual([]);
    expect(await runDue()).toEqual([]);
    expect(posts()).toEqual([]);
    expect(await db().digestRun.count()).toBe(0);
    const held = logs.lines
      .map((line) => JSON.parse(line) as { level: number; msg: string; event?: string; due?: number })
      .filter((l) => l.msg.startsWith("digests not posted"));
    expect(held.map((l) => [l.level, l.event, l.due])).toEqual([[40, "app_uninstalled", 1]]);
  });

  it("resumes when a start-up finds the app installed again, and posts the day's digest", async () => {
    await bot.stop();
    bot = await start();
    bot.emulator.setChannel(leaders, { isMember: true, name: "leadership" });
    expect(await db().slackRemoval.count()).toBe(0);
    expect(
      await db().auditEvent.findMany({
        where: { action: "slack.reinstalled" },
        select: { before: true, after: true },
      }),
    ).toEqual([{ before: expect.stringContaining('"event":"app_uninstalled"'), after: '{"event":null}' }]);
    const outcomes = await runDue();
    expect(outcomes.map((o) => [o.channelId, o.outcome])).toEqual([[leaders, "posted"]]);
    expect(posts().filter((c) => c.args.channel === leaders)).toHaveLength(1);
  });

  it("counts tokens_revoked only when it names the bot's own token", async () => {
    const other = ours(events.tokensRevoked, {
      type: "tokens_revoked",
      tokens: { oauth: ["U0SOMEONE"], bot: [] },
    });
    await replayEvent(bot, other, { eventId: "Ev0REVOKE01" });
    const mine = ours(events.tokensRevoked, {
      type: "tokens_revoked",
      tokens: { oauth: [], bot: [bot.emulator.bot.userId] },
    });
    await replayEvent(bot, mine, { eventId: "Ev0REVOKE02" });
    await eventually(
      () => db().slackRemoval.count(),
      (n) => n === 1,
    );
    expect(await db().slackRemoval.findMany({ select: { event: true } })).toEqual([
      { event: "tokens_revoked" },
    ]);
    expect(await db().auditEvent.count({ where: { action: "slack.tokens_revoked" } })).toBe(1);
  });
});
