import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../src/db/client.js";
import { seedReferenceData } from "../../src/db/seed/seed.js";
import { createLogger } from "../../src/infra/logger.js";
import { slackDigestPublisher } from "../../src/slack/digest-publisher.js";
import { renderDigest } from "../../src/slack/render/digest.js";
import { createServices } from "../../src/usecases/services.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createTestDatabase, testEngine } from "../helpers/database.js";
import { eventually } from "../helpers/eventually.js";

const admin = "U0ADMIN001";
const chief = "U0CHIEF001";
const detective = "U0DETECT01";
const leaders = "C0LEADERS1";
const ops = "C0OPSROOM1";
let now = new Date("2025-03-06T11:00:00Z"); // 06:00 EST

describe(`daily digest (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;
  const publisher = () => slackDigestPublisher(bot.bot.slack.app.client, createLogger("silent"));
  const posts = (channel: string) =>
    bot.emulator.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === channel && c.ok);

  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => now });
    bot.emulator.setChannel(leaders, { isMember: true, name: "leadership" });
    bot.emulator.setChannel(ops, { isMember: true, name: "ops" });
    const member = await db().member.create({ data: { slackUserId: chief, teamId: "T0TASKF0RC" } });
    await db().roleGrant.create({
      data: { taskForceId: 1, memberId: member.id, role: "leadership", grantedBy: admin },
    });
    await bot.reply(`assign <@${detective}> unit:vctf agency:HPD from:2025-03-05`, { userId: admin });
    const area = await db().area.findFirstOrThrow({ where: { code: "frog-hollow" } });
    await db().incident.createMany({
      data: [
        {
          kind: "shooting",
          localDate: "2025-03-05",
          localTime: "23:40",
          occurredAt: new Date("2025-03-06T04:40:00Z"),
          fatalVictims: 1,
          injuredVictims: 1,
          areaId: area.id,
          caseNumber: "25-SECRET-1",
          source: "slack",
        },
        {
          kind: "stolen_vehicle",
          localDate: "2025-03-05",
          localTime: "10:00",
          occurredAt: new Date("2025-03-05T15:00:00Z"),
          areaLabel: "I-84 ramps",
          source: "slack",
        },
        {
          kind: "shooting",
          localDate: "2024-03-04",
          localTime: "12:00",
          occurredAt: new Date("2024-03-04T17:00:00Z"),
          injuredVictims: 2,
          source: "slack",
        },
      ],
    });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("schedules a channel after checking the bot can post there, and says how to invite it when not", async () => {
    bot.emulator.setChannel("C0NOTJOIN1", { isMember: false, name: "elsewhere" });
    expect(await bot.reply("admin digest add <#C0NOTJOIN1|elsewhere>", { userId: admin })).toBe(
      ":warning: I'm not in <#C0NOTJOIN1>. Invite me with `/invite @Task Force Bot` in that channel, then add the schedule again.",
    );
    expect(await bot.reply(`admin digest add <#${leaders}|leadership>`, { userId: admin })).toBe(
      `:white_check_mark: Scheduled the daily digest in <#${leaders}>: 07:00 America/New_York, all sections.`,
    );
    expect(
      await bot.reply(
        `admin digest add <#${ops}|ops> at:07:00 sections:incidents,compstat thread:yes narrative:no`,
        { userId: admin },
      ),
    ).toBe(
      `:white_check_mark: Scheduled the daily digest in <#${ops}>: 07:00 America/New_York, incidents, compstat, in a thread, without the narrative.`,
    );
    expect(await bot.reply("admin digest list", { userId: admin })).toBe(
      `*Daily digest schedules*\n• <#${leaders}> at 07:00 America/New_York — all sections\n• <#${ops}> at 07:00 America/New_York — incidents, compstat, threaded, no narrative`,
    );
    expect(await db().auditEvent.count({ where: { action: "digest.schedule.add" } })).toBe(2);
    expect(await bot.reply(`admin digest add <#${ops}> at:7am`, { userId: admin })).toContain(
      "`at:` must be a 24-hour time HH:MM",
    );
  });

  it("posts nothing before the scheduled time", async () => {
    expect(await bot.bot.services.digests.runDue(now, publisher())).toEqual([]);
  });

  it("posts exactly once per channel when several replicas race for the same digest", async () => {
    now = new Date("2025-03-06T12:00:20Z"); // 07:00:20 EST
    const replicas: Database[] = await Promise.all([1, 2, 3, 4].map(() => createDatabase(bot.database.url)));
    try {
      const services = replicas.map((database, i) =>
        createServices({
          config: bot.config,
          home: { teamId: bot.emulator.team.id },
          database,
          logger: createLogger("silent"),
          replicaId: `replica-${i}`,
        }),
      );
      const outcomes = (await Promise.all(services.map((s) => s.digests.runDue(now, publisher())))).flat();
      expect(outcomes.map((o) => [o.channelId, o.outcome]).sort()).toEqual([
        [leaders, "posted"],
        [ops, "posted"],
      ]);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
    expect(posts(leaders)).toHaveLength(1);
    expect(posts(ops)).toHaveLength(2); // threaded: the one-line parent and the digest in its thread
    expect(posts(ops)[1]?.args.thread_ts).toBe(posts(ops)[0]?.response?.ts);
    const runs = await db().digestRun.findMany({ orderBy: { channelId: "asc" } });
    expect(runs.map((r) => [r.channelId, r.localDate, r.status, r.attempts, r.late])).toEqual([
      [leaders, "2025-03-06", "posted", 1, false],
      [ops, "2025-03-06", "posted", 1, false],
    ]);
    // A later tick the same day posts nothing more.
    now = new Date("2025-03-06T12:01:00Z");
    expect(await bot.bot.services.digests.runDue(now, publisher())).toEqual([]);
  });

  it("shows the last 24 hours with area and time only, CompStat, seizures, roster changes and a narrative", async () => {
    const post = posts(leaders)[0];
    const blocks = JSON.stringify(post?.args.blocks);
    expect(post?.args.text).toBe(
      "Daily digest for 2025-03-06: in the last 24 hours 1 shooting (2 victims, 1 fatal), 1 stolen vehicle, 0 recovered. " +
        "CompStat as of 2025-03-05 (America/New_York, preliminary). Shooting incidents year to date: 1 against 1 (0%).",
    );
    expect(blocks).toContain("• 2025-03-05 23:40 — Frog Hollow: shooting, 1 fatal, 1 injured");
    expect(blocks).toContain("• 2025-03-05 10:00 — I-84 ramps: stolen vehicle");
    expect(blocks).not.toContain("25-SECRET-1");
    expect(blocks).toContain(
      "As of 07:00 America/New_York · CompStat to the end of 2025-03-05 · figures are preliminary",
    );
    expect(blocks).toContain("• Violent Crimes Task Force (HPD): 1 starting, 0 ending");
    expect(blocks).toContain(
      "Preliminary figures as of March 5, 2025 (America/New_York): 1 shooting incident year to date",
    );
    // The 8-week chart and the hot-spot bar chart, uploaded with no channel and shown in the digest itself by
    // file id (#ops's sections leave the chart out).
    const charts = bot.emulator.uploads.filter((u) => u.completed);
    expect(charts.map((u) => [u.filename, u.channelId])).toEqual([
      ["compstat-2025-03-05.png", undefined],
      ["hotspots-2025-03-05.png", undefined],
    ]);
    const images = ((post?.args.blocks ?? []) as Array<{ type: string; slack_file?: { id: string } }>).filter(
      (b) => b.type === "image",
    );
    expect(images.map((b) => b.slack_file?.id)).toEqual(charts.map((u) => u.id));
    const reply = posts(ops)[1]?.args.blocks as Array<{ type: string; slack_file?: { id: string } }>;
    expect(reply.filter((b) => b.type === "image")).toEqual([]);
    expect(bot.emulator.violations).toEqual([]);
  });

  it("previews exactly what was posted, to leadership only", async () => {
    const preview = await bot.bot.services.digests.preview("2025-03-06");
    const [text, blocks] = renderDigest(preview);
    expect(text).toBe(posts(leaders)[0]?.args.text);
    // The post adds the charts as images after the blocks the preview shows.
    const posted = posts(leaders)[0]?.args.blocks as Array<{ type: string }>;
    expect(JSON.stringify(blocks)).toBe(JSON.stringify(posted.slice(0, -2)));
    expect(posted.slice(-2).map((b) => b.type)).toEqual(["image", "image"]);
    const result = await bot.driver.command("digest preview asof:2025-03-06", { userId: chief });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId)) as {
      text: string;
      response_type: string;
    };
    expect(reply).toMatchObject({ response_type: "ephemeral", text: posts(leaders)[0]?.args.text });
    expect(await bot.reply("digest preview", { userId: detective })).toContain(
      "It needs the *leadership* role; you are a *member*.",
    );
    expect(await bot.reply("digest send", { userId: chief })).toContain(
      "You can't run `/tf digest send`. It needs the *admin* role",
    );
  });

  it("retries a failed post on the next tick without posting twice", async () => {
    now = new Date("2025-03-07T12:00:10Z");
    // A passing fault (Slack's internal_error); a channel that refuses the bot is not retried (slack-refusals.test.ts).
    bot.emulator.failNext("chat.postMessage", { error: "internal_error" });
    const first = await bot.bot.services.digests.runDue(now, publisher());
    expect(first.filter((o) => o.outcome === "failed")).toHaveLength(1);
    now = new Date("2025-03-07T12:01:00Z");
    const second = await bot.bot.services.digests.runDue(now, publisher());
    expect(second.map((o) => o.outcome)).toEqual(["posted"]);
    const runs = await db().digestRun.findMany({
      where: { localDate: "2025-03-07" },
      orderBy: { channelId: "asc" },
    });
    // Channels post side by side, so which one the fault hit varies: one took two attempts, the other one.
    expect(runs.map((r) => [r.status, r.attempts]).sort()).toEqual([
      ["posted", 1],
      ["posted", 2],
    ]);
    expect(
      posts(leaders).filter((p) => String(p.args.text).startsWith("Daily digest for 2025-03-07")),
    ).toHaveLength(1);
  });

  it("honours a 429 with Retry-After and still posts once", async () => {
    now = new Date("2025-03-08T12:00:10Z");
    bot.emulator.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 });
    const outcomes = await bot.bot.services.digests.runDue(now, publisher());
    expect(outcomes.map((o) => o.outcome)).toEqual(["posted", "posted"]);
    expect(
      posts(leaders).filter((p) => String(p.args.text).startsWith("Daily digest for 2025-03-08")),
    ).toHaveLength(1);
  });

  it("after downtime posts only the latest missed day, once, marked late", async () => {
    now = new Date("2025-03-12T02:00:00Z"); // 22:00 EDT on 11 March; nothing posted on the 9th, 10th or 11th
    const outcomes = await bot.bot.services.digests.runDue(now, publisher());
    expect(outcomes.map((o) => [o.localDate, o.outcome])).toEqual([
      ["2025-03-11", "posted"],
      ["2025-03-11", "posted"],
    ]);
    const late = posts(leaders).at(-1);
    expect(String(late?.args.text)).toMatch(/^Daily digest for 2025-03-11 \(late\)/);
    expect(await db().digestRun.count({ where: { localDate: { in: ["2025-03-09", "2025-03-10"] } } })).toBe(
      0,
    );
    expect(await bot.bot.services.digests.runDue(now, publisher())).toEqual([]);
  });

  it("/tf digest send posts now, once per channel and day unless forced", async () => {
    const before = posts(leaders).length;
    expect(await bot.reply("digest send asof:2025-03-11", { userId: admin })).toBe(
      `Digest for 2025-03-11:\n• <#${leaders}>: skipped (already posted (add force:yes to post again))\n• <#${ops}>: skipped (already posted (add force:yes to post again))`,
    );
    expect(await bot.reply("digest send asof:2025-03-11 force:yes", { userId: admin })).toBe(
      `Digest for 2025-03-11:\n• <#${leaders}>: posted\n• <#${ops}>: posted`,
    );
    expect(posts(leaders).length).toBe(before + 1);
  });

  it("stops posting to a removed channel", async () => {
    expect(await bot.reply(`admin digest remove <#${ops}|ops>`, { userId: admin })).toBe(
      `:white_check_mark: <#${ops}> no longer gets the daily digest.`,
    );
    now = new Date("2025-03-12T11:00:30Z"); // 07:00:30 EDT
    const outcomes = await bot.bot.services.digests.runDue(now, publisher());
    expect(outcomes.map((o) => o.channelId)).toEqual([leaders]);
    expect(bot.emulator.violations).toEqual([]);
  });
});

describe(`digest catch-up on restart (${testEngine})`, () => {
  it("posts the latest missed digest once when the bot starts, marked late", async () => {
    const clock = { now: new Date("2025-06-02T12:00:00Z") }; // 08:00 EDT on 2 June
    const database = await createTestDatabase();
    await seedReferenceData(database.db.prisma);
    const first = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => clock.now, database });
    first.emulator.setChannel(leaders, { isMember: true });
    expect(await first.reply(`admin digest add <#${leaders}> at:09:00`, { userId: admin })).toContain(
      "Scheduled",
    );
    await first.stop(); // down from 08:00 on 2 June; the 2nd and 3rd pass unposted

    clock.now = new Date("2025-06-04T12:30:00Z"); // restarted at 08:30 on 4 June, before that day's 09:00
    const restarted = await startTestBot({
      env: { TF_ADMINS: admin },
      clock: () => clock.now,
      scheduler: true,
      database,
    });
    try {
      const post = await restarted.emulator.waitForCall("chat.postMessage", 10_000);
      expect(post.args.channel).toBe(leaders);
      expect(String(post.args.text)).toMatch(/^Daily digest for 2025-06-03 \(late\):/);
      const runs = await eventually(
        () => database.db.prisma.digestRun.findMany(),
        (rows) => rows.every((r) => r.status === "posted"),
      );
      expect(runs.map((r) => [r.localDate, r.status, r.late])).toEqual([["2025-06-03", "posted", true]]);
    } finally {
      await restarted.stop();
      await database.drop();
    }
  });
});
