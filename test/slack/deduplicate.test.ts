import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";
import { eventually } from "../helpers/eventually.js";

const admin = "U0ADMIN001";

describe(`replayed and retried deliveries (${testEngine})`, () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin } });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  const commandBody = (text: string, responseId: string, triggerId: string) =>
    new URLSearchParams({
      token: "verification",
      team_id: "T0TASKF0RC",
      team_domain: "taskforce",
      channel_id: "C0TASKF0RC",
      channel_name: "task-force",
      user_id: admin,
      user_name: "admin",
      command: "/tf",
      text,
      api_app_id: "A0TASKFORCE",
      is_enterprise_install: "false",
      response_url: bot.emulator.responseUrl(responseId),
      trigger_id: triggerId,
    }).toString();

  it("acts once on a slash command replayed inside Slack's window, acking the replay", async () => {
    const body = commandBody("seizure guns:1 unit:vctf agency:HPD", "replay-1", bot.emulator.mintTriggerId());
    const first = await bot.driver.post(body, "application/x-www-form-urlencoded");
    const replay = await bot.driver.post(body, "application/x-www-form-urlencoded", {
      retry: { num: 1, reason: "http_timeout" },
    });
    expect([first.status, replay.status]).toEqual([200, 200]);
    await bot.emulator.waitForResponse("replay-1");
    // The replay is recognised (and counted) after its ack; once counted, nothing else follows.
    const metrics = await eventually(
      async () => (await fetch(bot.url.replace("/slack/events", "/metrics"))).text(),
      (text) => /^tf_slack_duplicate_deliveries_total 1$/m.test(text),
    );
    expect(metrics).toMatch(/^tf_slack_duplicate_deliveries_total 1$/m);
    expect(bot.emulator.responses.get("replay-1")).toHaveLength(1);
    expect(await bot.database.db.prisma.seizureReport.count()).toBe(1);
  });

  it("acts once on an event delivered twice with the same event_id", async () => {
    const event = { type: "app_home_opened", user: admin, channel: "D0HOME0001", tab: "home" };
    expect((await bot.driver.event(event, { eventId: "Ev0DUPLICATE" })).status).toBe(200);
    expect(
      (await bot.driver.event(event, { eventId: "Ev0DUPLICATE", retry: { num: 1, reason: "timeout" } }))
        .status,
    ).toBe(200);
    expect((await bot.driver.event(event, { eventId: "Ev0DIFFERENT" })).status).toBe(200);
    // Bolt acks an event before its middleware runs, so the bookkeeping may finish just after.
    const keys = await eventually(
      () => bot.database.db.prisma.slackDelivery.findMany({ where: { key: { startsWith: "event:" } } }),
      (rows) => rows.length >= 2,
    );
    expect(keys.map((k) => k.key).sort()).toEqual(["event:Ev0DIFFERENT", "event:Ev0DUPLICATE"]);
    const metrics = await eventually(
      async () => (await fetch(bot.url.replace("/slack/events", "/metrics"))).text(),
      (text) => /^tf_slack_duplicate_deliveries_total 2$/m.test(text),
    );
    expect(metrics).toMatch(/^tf_slack_duplicate_deliveries_total 2$/m);
  });

  it("acks a burst of 40 commands at once, replays among them, and acts on each command exactly once", async () => {
    // The work behind each ack waits while other requests are still owed theirs; none may be lost.
    const db = bot.database.db.prisma;
    const before = await db.seizureReport.count();
    const gunsBefore = (await db.seizureReport.aggregate({ _sum: { firearms: true } }))._sum.firearms ?? 0;
    const bodies = Array.from({ length: 20 }, (_, i) =>
      commandBody(`seizure guns:${i + 1} unit:vctf agency:HPD`, `burst-${i}`, bot.emulator.mintTriggerId()),
    );
    const posts = [...bodies, ...bodies].map((body) =>
      bot.driver.post(body, "application/x-www-form-urlencoded"),
    );
    const statuses = (await Promise.all(posts)).map((result) => result.status);
    expect(statuses).toEqual(Array(40).fill(200));
    for (let i = 0; i < 20; i++) await bot.emulator.waitForResponse(`burst-${i}`);
    expect(await db.seizureReport.count()).toBe(before + 20);
    // Guns 1..20, once each: 210.
    expect((await db.seizureReport.aggregate({ _sum: { firearms: true } }))._sum.firearms).toBe(
      gunsBefore + 210,
    );
    // The two duplicates of the tests above, and the 20 replays here.
    const metrics = await eventually(
      async () => (await fetch(bot.url.replace("/slack/events", "/metrics"))).text(),
      (text) => /^tf_slack_duplicate_deliveries_total 22$/m.test(text),
    );
    expect(metrics).toMatch(/^tf_slack_duplicate_deliveries_total 22$/m);
  });

  it("prunes delivery keys older than a day", async () => {
    const db = bot.database.db.prisma;
    await db.slackDelivery.create({
      data: { key: "event:Ev0ANCIENT", receivedAt: new Date("2020-01-01T00:00:00Z") },
    });
    expect(await bot.bot.services.deliveries.prune(new Date())).toBe(1);
    expect(await db.slackDelivery.count({ where: { key: "event:Ev0ANCIENT" } })).toBe(0);
  });
});
