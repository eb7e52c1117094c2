// What the bot does when Slack refuses it, the way a person would want: a digest channel the bot was removed from,
// an ephemeral for someone who left the channel, a form whose trigger expired, a rate limit, a spent response_url.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/infra/logger.js";
import { slackDigestPublisher } from "../../src/slack/digest-publisher.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";
import { eventually } from "../helpers/eventually.js";
import { captureLogs } from "../helpers/log-capture.js";

const admin = "U0ADMIN001";
const narc = "U0NARC0001";
const leaders = "C0LEADERS1";
const busy = "C0BUSY0001";
const seizureUsage =
  '/tf seizure <item>... [area:<area>] [case:<ref>] [on:<date>] [unit:<unit>] [note:"<text>"]';
const clock = new Date("2025-03-10T15:00:00Z"); // 11:00 in New York

interface Block {
  type: string;
  text?: { text: string };
}

describe(`Slack's refusals, as the bot handles them (${testEngine})`, () => {
  let bot: TestBot;
  // Slack's clock, moved by hand: trigger and response_url lifetimes and rate limits run on it.
  let slackNow = 1_741_618_800_000;
  const logs = captureLogs();
  const db = () => bot.database.db.prisma;
  const publisher = () => slackDigestPublisher(bot.bot.slack.app.client, createLogger("silent"));
  const logged = (msg: string) =>
    logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.msg === msg);

  beforeAll(async () => {
    bot = await startTestBot({
      env: { TF_ADMINS: admin },
      clock: () => clock,
      slackNow: () => slackNow,
      logger: logs.logger,
    });
    expect(
      await bot.reply(`assign <@${narc}> unit:sntf agency:CSP from:2025-01-01`, { userId: admin }),
    ).toContain("Registered assignment");
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("records a digest refused by a channel the bot was removed from, audits it, does not retry it, and lists why", async () => {
    bot.emulator.setChannel(leaders, { isMember: true, name: "leadership" });
    expect(await bot.reply(`admin digest add <#${leaders}>`, { userId: admin })).toBe(
      `:white_check_mark: Scheduled the daily digest in <#${leaders}>: 07:00 America/New_York, all sections.`,
    );
    bot.emulator.setChannel(leaders, { isMember: false }); // someone removed the bot

    // The schedule was added at 11:00 on the 10th, so the first digest owed is the 11th's.
    const at = new Date("2025-03-11T11:00:10Z"); // 07:00:10 EDT
    expect(await bot.bot.services.digests.runDue(at, publisher())).toEqual([
      { channelId: leaders, localDate: "2025-03-11", outcome: "failed", detail: "not_in_channel" },
    ]);
    // The next ticks leave it alone: trying again cannot help until someone invites the bot back.
    expect(await bot.bot.services.digests.runDue(new Date("2025-03-11T11:01:00Z"), publisher())).toEqual([]);
    expect(await bot.bot.services.digests.runDue(new Date("2025-03-11T11:02:00Z"), publisher())).toEqual([]);
    expect(bot.emulator.calls.filter((c) => c.method === "chat.postMessage").map((c) => c.error)).toEqual([
      "not_in_channel",
    ]);
    const runs = await db().digestRun.findMany();
    expect(
      runs.map((r) => [r.channelId, r.localDate, r.status, r.attempts, r.lastError, r.messageTs]),
    ).toEqual([[leaders, "2025-03-11", "refused", 1, "not_in_channel", null]]);
    const audits = await db().auditEvent.findMany({ where: { action: "digest.post" } });
    expect(
      audits.map((a) => [a.actorUserId, a.targetType, a.targetId, a.outcome, a.at.toISOString()]),
    ).toEqual([[null, "digest_channel", leaders, "error", at.toISOString()]]);
    expect(JSON.parse(audits[0]?.after ?? "null")).toEqual({
      localDate: "2025-03-11",
      status: "refused",
      error: "not_in_channel",
      attempt: 1,
    });
    expect(logged("digest refused by the channel")).toMatchObject([
      { channel: leaders, localDate: "2025-03-11", error: "not_in_channel", attempt: 1 },
    ]);

    const why = `I'm not in <#${leaders}>. Invite me with \`/invite @Task Force Bot\` there; the next digest will post.`;
    expect(await bot.reply("admin digest list", { userId: admin })).toBe(
      `*Daily digest schedules*\n• <#${leaders}> at 07:00 America/New_York — all sections\n` +
        `    :warning: The digest for 2025-03-11 was not posted. ${why}`,
    );
    expect(await bot.reply("digest send asof:2025-03-11", { userId: admin })).toBe(
      `Digest for 2025-03-11:\n• <#${leaders}>: not posted. ${why}`,
    );

    // Invited back, an admin's send posts the refused day, and the list no longer warns.
    bot.emulator.setChannel(leaders, { isMember: true });
    expect(await bot.reply("digest send asof:2025-03-11", { userId: admin })).toBe(
      `Digest for 2025-03-11:\n• <#${leaders}>: posted`,
    );
    expect(await db().digestRun.findMany()).toMatchObject([
      { status: "posted", attempts: 3, lastError: null, localDate: "2025-03-11" },
    ]);
    expect(await bot.reply("admin digest list", { userId: admin })).toBe(
      `*Daily digest schedules*\n• <#${leaders}> at 07:00 America/New_York — all sections`,
    );
    expect(await db().auditEvent.count({ where: { action: "digest.post" } })).toBe(2);
    expect(await bot.reply(`admin digest remove <#${leaders}>`, { userId: admin })).toContain(
      "no longer gets",
    );
  });

  it("confirms a form on the person's Home tab when they have left the channel it was opened in", async () => {
    await bot.driver.command("seizure", { userId: narc, channelId: "C0NARCS001" });
    const opened = await bot.emulator.waitForCall("views.open");
    expect(opened.ok).toBe(true);
    const viewId = (opened.response.view as { id: string }).id;
    bot.emulator.setUser(narc, { channels: ["C0ELSEWHER"] }); // left #narcs while filling in the form

    const submitted = await bot.driver.viewSubmission({
      viewId,
      userId: narc,
      values: {
        guns: { value: { type: "number_input", value: "2" } },
        area: { value: { type: "static_select", selected_option: { value: "upper-albany" } } },
      },
    });
    expect(submitted.body).toBe("");
    const refused = await bot.emulator.waitForCall("chat.postEphemeral");
    expect([refused.args.channel, refused.args.user, refused.error]).toEqual([
      "C0NARCS001",
      narc,
      "user_not_in_channel",
    ]);
    const report = await db().seizureReport.findFirstOrThrow({ orderBy: { id: "desc" } });
    const home = await bot.emulator.waitForCall("views.publish", 10_000);
    expect(home.args.user_id).toBe(narc);
    expect((home.args.view as { blocks: Block[] }).blocks.map((b) => b.text?.text)).toContain(
      `:white_check_mark: Recorded seizure S-${report.id} on 2025-03-10: Statewide Narcotics Task Force (CSP), Upper Albany.`,
    );
    expect(logged("confirmation shown on the Home tab: the channel refused it")).toMatchObject([
      { user: narc, channel: "C0NARCS001", error: "user_not_in_channel" },
    ]);
    bot.emulator.setUser(narc, { channels: undefined });
  });

  it("tells the person to run the command again, or type it, when the form's trigger expired", async () => {
    const trigger = bot.emulator.mintTriggerId();
    slackNow += 3_001; // the bot was busy past Slack's 3 seconds
    const result = await bot.driver.command("seizure", { userId: narc, triggerId: trigger });
    expect(await bot.emulator.waitForResponse(result.responseUrlId, 10_000)).toEqual({
      response_type: "ephemeral",
      text:
        ":warning: The `/tf seizure` form took too long to open, so Slack did not show it. Nothing was recorded. " +
        `Run \`/tf seizure\` again, or type it on one line: \`${seizureUsage}\`.`,
    });
    const open = bot.emulator.calls.filter((c) => c.method === "views.open").at(-1);
    expect([open?.args.trigger_id, open?.error]).toEqual([trigger, "expired_trigger_id"]);
    expect(bot.emulator.violations).toEqual([
      "views.open: trigger_id used 3001 ms after it was issued; Slack allows 3000 ms",
    ]);
    bot.emulator.violations.length = 0;
  });

  it("says the same on the Home tab when a Home button's trigger expired", async () => {
    await bot.driver.event({ type: "app_home_opened", user: narc, tab: "home" }, { userId: narc });
    await eventually(
      async () => bot.emulator.calls.filter((c) => c.method === "views.publish" && c.args.user_id === narc),
      (calls) => calls.length === 2,
    );
    const homeId = [...bot.emulator.views.values()].find((v) => v.userId === narc)?.id as string;
    const trigger = bot.emulator.mintTriggerId();
    slackNow += 3_500;
    const publishes = bot.emulator.calls.filter((c) => c.method === "views.publish").length;
    await bot.driver.blockAction({
      actionId: "home_open:seizure",
      value: "seizure",
      viewId: homeId,
      userId: narc,
      triggerId: trigger,
    });
    const redrawn = await eventually(
      async () => bot.emulator.calls.filter((c) => c.method === "views.publish").slice(publishes),
      (calls) => calls.length === 1,
    );
    const view = redrawn[0]?.args.view as { blocks: Block[] } | undefined;
    expect(view?.blocks.map((b) => b.text?.text)).toContain(
      ":warning: The `/tf seizure` form took too long to open, so Slack did not show it. Nothing was recorded. " +
        `Press the button again, or type it on one line: \`${seizureUsage}\`.`,
    );
    expect(bot.emulator.calls.filter((c) => c.method === "views.open").at(-1)?.error).toBe(
      "expired_trigger_id",
    );
    bot.emulator.violations.length = 0;
  });

  it("waits out a 429's Retry-After and posts once, when a channel gets messages faster than 1 a second", async () => {
    slackNow += 60_000;
    bot.emulator.setChannel(busy, { isMember: true, name: "busy" });
    expect(
      await bot.reply(`admin digest add <#${busy}> thread:yes sections:incidents`, { userId: admin }),
    ).toContain("Scheduled");
    const stop = bot.emulator.onEvent((event) => {
      // Slack's clock moves on while the client waits.
      if (event.type === "rate_limited") slackNow += event.call.retryAfterSeconds * 1000;
    });
    try {
      // Two digests, each a message and its thread reply: the fourth message is over the burst of 3.
      expect(await bot.reply("digest send asof:2025-03-09", { userId: admin })).toBe(
        `Digest for 2025-03-09:\n• <#${busy}>: posted`,
      );
      expect(await bot.reply("digest send asof:2025-03-09 force:yes", { userId: admin })).toBe(
        `Digest for 2025-03-09:\n• <#${busy}>: posted`,
      );
    } finally {
      stop();
    }
    expect(bot.emulator.rateLimited).toEqual([
      { method: "chat.postMessage", channel: busy, at: slackNow - 1000, retryAfterSeconds: 1 },
    ]);
    const posts = bot.emulator.calls.filter(
      (c) => c.method === "chat.postMessage" && c.args.channel === busy,
    );
    expect(posts.map((p) => [p.ok, p.args.thread_ts === undefined ? "parent" : "reply"])).toEqual([
      [true, "parent"],
      [true, "reply"],
      [true, "parent"],
      [true, "reply"],
    ]);
    expect(await bot.reply(`admin digest remove <#${busy}>`, { userId: admin })).toContain("no longer gets");
  });

  it("logs a reply to a spent or expired response_url without its contents, and keeps working", async () => {
    bot.emulator.responseUrl("stale");
    slackNow += 30 * 60_000 + 1_000;
    const spent = bot.emulator.responseUrl("spent");
    for (let use = 1; use <= 5; use++) {
      const earlier = await fetch(spent, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: `earlier reply ${use}` }),
      });
      expect(earlier.status).toBe(200);
    }

    const before = await db().seizureReport.count();
    for (const responseUrlId of ["spent", "stale"]) {
      const sent = await bot.driver.command('seizure guns:1 case:25-SECRET-9 note:"from Jane Roe"', {
        userId: narc,
        responseUrlId,
      });
      expect(sent.status).toBe(200);
    }
    const failures = await eventually(
      async () => logged("reply not delivered"),
      (lines) => lines.length === 2,
    );
    expect(failures.map((l) => [l.subcommand, l.err])).toEqual([
      [
        "seizure",
        expect.objectContaining({ message: "Failed to respond to the response_url: 404 Not Found" }),
      ],
      [
        "seizure",
        expect.objectContaining({ message: "Failed to respond to the response_url: 404 Not Found" }),
      ],
    ]);
    // The records were saved (and audited) before the replies failed; nothing of them reached the logs.
    expect(await db().seizureReport.count()).toBe(before + 2);
    expect(await db().auditEvent.count({ where: { action: "seizure.create", actorUserId: narc } })).toBe(3);
    expect(logs.lines.filter((line) => /SECRET|Jane Roe/.test(line))).toEqual([]);
    // The two commands are worked on at once, so their replies fail in either order.
    expect([...bot.emulator.violations].sort()).toEqual([
      "response_url spent: used more than 5 times",
      "response_url stale: used more than 30 minutes after it was issued",
    ]);
    expect(await bot.reply("help", { userId: narc })).toContain("/tf seizure");
  });
});
