import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const stateAdmin = "U0ADMIN001";
const cityAdmin = "U0CITYADM1";
const detective = "U0DETECT01";

describe(`task forces from Slack (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;
  beforeAll(async () => {
    bot = await startTestBot({
      env: { TF_ADMINS: stateAdmin },
      clock: () => new Date("2025-03-10T15:00:00Z"),
    });
    await bot.reply(`admin role <@${cityAdmin}> admin`, { userId: stateAdmin });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("lets only a state admin create a task force, with the partnership's units, audited", async () => {
    expect(
      await bot.reply('admin taskforce add newhaven name:"New Haven Shooting Task Force"', {
        userId: cityAdmin,
      }),
    ).toBe(
      ":warning: Only a state admin (one of TF_ADMINS) creates task forces; a task force's own admins cannot.\nAsk the deployment's operators.",
    );
    expect(await db().taskForce.count()).toBe(1);
    expect(await db().auditEvent.count({ where: { actorUserId: cityAdmin, outcome: "denied" } })).toBe(1);
    expect(
      await bot.reply('admin taskforce add newhaven name:"New Haven" digest:7am', { userId: stateAdmin }),
    ).toBe(
      ':warning: `digest:` must be a 24-hour time HH:MM, e.g. digest:06:30.\nUsage: `/tf admin taskforce add <code> name:"<name>" [tz:<zone>] [week:monday|sunday] [digest:HH:MM]`',
    );
    expect(await db().taskForce.count()).toBe(1);
    expect(
      await bot.reply(
        'admin taskforce add newhaven name:"New Haven Shooting Task Force" week:sunday digest:06:30',
        { userId: stateAdmin },
      ),
    ).toBe(
      ":white_check_mark: Created New Haven Shooting Task Force (`newhaven`): America/New_York, weeks from Sunday, digests at 06:30, with the partnership's units and agencies. Next: add its areas and bind its channels with `tf:newhaven`.",
    );
    expect(await db().unit.count({ where: { taskForce: { code: "newhaven" } } })).toBe(5);
    expect(
      await bot.reply('admin taskforce add newhaven name:"Again" tf:hartford', { userId: stateAdmin }),
    ).toBe(
      ":warning: There is already a task force `newhaven`; nothing was created.\n/tf admin taskforce list shows them.",
    );
    expect(
      await bot.reply('admin taskforce add "New Haven" name:"X" tf:hartford', { userId: stateAdmin }),
    ).toBe(
      ":warning: `New Haven` is not a task force code: use 2 to 16 lowercase letters, digits or hyphens.\ne.g. tf:hartford",
    );
  });

  it("binds a channel with tf:, and commands there act in its task force", async () => {
    // Two task forces now, and the state admin's channel is bound to neither: the bot asks which.
    expect(await bot.reply("admin channel <#C0NEWHAVEN|nh-command>", { userId: stateAdmin })).toBe(
      ":warning: This channel is not bound to a task force, and you may act in more than one. Say which with `tf:<code>`, e.g. `tf:hartford`. Yours: `hartford` (Hartford Shooting Task Force), `newhaven` (New Haven Shooting Task Force).",
    );
    expect(
      await bot.reply("admin channel <#C0NEWHAVEN|nh-command> tf:newhaven", { userId: stateAdmin }),
    ).toBe(":white_check_mark: <#C0NEWHAVEN> now acts in New Haven Shooting Task Force (`newhaven`).");
    expect(
      await bot.reply("admin channel <#C0NEWHAVEN>", { userId: stateAdmin, channelId: "C0NEWHAVEN" }),
    ).toBe("<#C0NEWHAVEN> acts in New Haven Shooting Task Force (`newhaven`).");
    // Hartford's own admin holds no role in New Haven: cannot bind its channels.
    expect(await bot.reply("admin channel <#C0HARTFORD> tf:newhaven", { userId: cityAdmin })).toBe(
      ":warning: You hold no role in New Haven Shooting Task Force (`newhaven`). Say which with `tf:<code>`, e.g. `tf:hartford`. Yours: `hartford` (Hartford Shooting Task Force).",
    );
    // …but acts in Hartford, their only one, without tf:.
    expect(await bot.reply("admin channel <#C0HARTFORD>", { userId: cityAdmin })).toBe(
      "<#C0HARTFORD> is not bound to a task force: commands there act in the caller's own. Bind it with `/tf admin channel <#C0HARTFORD> tf:<code>`.",
    );
    // A detective assigned in New Haven, from its channel.
    expect(
      await bot.reply(`assign <@${detective}> unit:vctf agency:HPD from:2025-01-01`, {
        userId: stateAdmin,
        channelId: "C0NEWHAVEN",
      }),
    ).toBe(
      "Registered assignment A-1: <@U0DETECT01> to Violent Crimes Task Force (HPD), from 2025-01-01, open-ended.",
    );
    const assignments = await db().assignment.findMany({ select: { taskForce: { select: { code: true } } } });
    expect(assignments.map((a) => a.taskForce.code)).toEqual(["newhaven"]);
  });

  it("lists the task forces with what each holds, and help names the one acted in", async () => {
    // State-level: no task force to name, even where none can be decided.
    expect(await bot.reply("admin taskforce list", { userId: stateAdmin })).toBe(
      [
        "*Task forces* (2)",
        "• `hartford` Hartford Shooting Task Force: America/New_York · digests at 07:00 · 0 channels · 1 member · 0 records",
        "• `newhaven` New Haven Shooting Task Force: America/New_York · digests at 06:30 · 1 channel · 1 member · 0 records",
      ].join("\n"),
    );
    const help = await bot.reply("help tf:hartford", { userId: stateAdmin });
    expect(
      help.endsWith(
        "\n\nActing in Hartford Shooting Task Force (`hartford`). Add `tf:<code>` to any command to act in another of yours: `newhaven`.",
      ),
    ).toBe(true);
    const taskForces = await db().auditEvent.findMany({
      where: { action: { in: ["taskforce.create", "admin.channel.bind"] } },
      select: { action: true, targetId: true, actorUserId: true },
    });
    expect(taskForces).toEqual([
      { action: "taskforce.create", targetId: "newhaven", actorUserId: stateAdmin },
      { action: "admin.channel.bind", targetId: "C0NEWHAVEN", actorUserId: stateAdmin },
    ]);
  });

  it("schedules a task force's digests at its own default time unless the schedule gives one", async () => {
    const inNewHaven = { userId: stateAdmin, channelId: "C0NEWHAVEN" };
    expect(await bot.reply("admin digest add <#C0NEWHAVEN|nh-command>", inNewHaven)).toBe(
      ":white_check_mark: Scheduled the daily digest in <#C0NEWHAVEN>: 06:30 America/New_York, all sections.",
    );
    expect(await bot.reply("admin digest add <#C0NHLEADER|nh-leaders> at:08:15", inNewHaven)).toBe(
      ":white_check_mark: Scheduled the daily digest in <#C0NHLEADER>: 08:15 America/New_York, all sections.",
    );
    expect(
      await bot.reply("admin digest add <#C0HARTFORD|command> tf:hartford", { userId: stateAdmin }),
    ).toBe(
      ":white_check_mark: Scheduled the daily digest in <#C0HARTFORD>: 07:00 America/New_York, all sections.",
    );
    expect(
      await db().digestChannel.findMany({
        select: { channelId: true, localTime: true, taskForce: { select: { code: true } } },
        orderBy: { channelId: "asc" },
      }),
    ).toEqual([
      { channelId: "C0HARTFORD", localTime: "07:00", taskForce: { code: "hartford" } },
      { channelId: "C0NEWHAVEN", localTime: "06:30", taskForce: { code: "newhaven" } },
      { channelId: "C0NHLEADER", localTime: "08:15", taskForce: { code: "newhaven" } },
    ]);
  });

  it("gives state leadership every task force's summaries and the statewide roll-up, summed in each one's dates", async () => {
    const superintendent = "U0SUPER001";
    const shootings = (taskForceId: number, dates: string[]) =>
      db().incident.createMany({
        data: dates.map((localDate, i) => ({
          taskForceId,
          kind: "shooting",
          localDate,
          occurredAt: new Date(`${localDate}T17:00:00Z`),
          injuredVictims: 1,
          source: "test",
          externalKey: `${taskForceId}-${i}`,
        })),
      });
    await shootings(1, ["2025-02-20", "2025-03-03"]);
    await shootings(2, ["2025-01-05", "2025-03-01", "2025-03-09"]);
    expect(await bot.reply(`admin staterole <@${superintendent}> leadership`, { userId: cityAdmin })).toBe(
      ":warning: Only a state admin (one of TF_ADMINS) grants state leadership.\nAsk the deployment's operators.",
    );
    expect(await bot.reply(`admin staterole <@${superintendent}> leadership`, { userId: stateAdmin })).toBe(
      `:white_check_mark: <@${superintendent}>: no state role → *state leadership*.`,
    );
    // Leadership in each task force: restricted incident detail in New Haven too.
    expect(await bot.reply("incidents 28d tf:newhaven", { userId: superintendent })).toContain("2 incidents");
    const result = await bot.driver.command("trends shootings by:taskforce tf:hartford", {
      userId: superintendent,
    });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId, 10_000)) as {
      text: string;
      blocks: Array<{ text?: { text: string } }>;
    };
    expect(reply.text).toBe(
      "Statewide CompStat as of 2025-03-10 (America/New_York, preliminary). Shooting incidents year to date: 5 against 0 (n/a).",
    );
    const byTaskForce = reply.blocks
      .map((b) => b.text?.text ?? "")
      .find((t) => t.startsWith("*Shooting incidents by task force*"));
    expect(byTaskForce?.split("\n").slice(2, -1)).toEqual([
      "Task force  28d  Prior   %Δ  YTD  Prior   %Δ",
      "newhaven      2      0  n/a    3      0  n/a",
      "hartford      2      0  n/a    2      0  n/a",
    ]);
    expect(await bot.reply("trends all by:taskforce", { userId: cityAdmin })).toBe(
      ":warning: The statewide roll-up is for state admins and state leadership; your role is within one task force.\n`/tf trends all` shows your task force's figures.",
    );
  });

  it("keeps a form opened with tf: in that task force when it is submitted", async () => {
    const trooper = "U0TROOPER1";
    await bot.driver.command("assign tf:newhaven", { userId: stateAdmin, channelId: "C0STATEHQ1" });
    await bot.emulator.waitForCall("views.open");
    const viewId = [...bot.emulator.views.keys()].at(-1) as string;
    const submitted = await bot.driver.viewSubmission({
      viewId,
      userId: stateAdmin,
      values: {
        member: { value: { type: "users_select", selected_user: trooper } },
        unit: { value: { type: "static_select", selected_option: { value: "tsu" } } },
        agency: { value: { type: "static_select", selected_option: { value: "CSP" } } },
        from: { value: { type: "datepicker", selected_date: "2025-03-10" } },
      },
    });
    expect(submitted.body).toBe("");
    const assignment = await db().assignment.findFirstOrThrow({
      where: { member: { slackUserId: trooper } },
      select: { taskForce: { select: { code: true } }, unit: { select: { taskForceId: true, code: true } } },
    });
    expect(assignment).toEqual({ taskForce: { code: "newhaven" }, unit: { taskForceId: 2, code: "tsu" } });
  });

  it("shows each person the Home of their task force, and offers a switcher to those who act in others", async () => {
    const openHome = async (userId: string) => {
      const result = await bot.driver.event(
        { type: "app_home_opened", user: userId, tab: "home" },
        { userId },
      );
      expect(result.status).toBe(200);
      const call = await bot.emulator.waitForCall("views.publish", 10_000);
      expect(call.args.user_id).toBe(userId);
      return JSON.stringify(call.args.view);
    };
    // The detective is assigned only in New Haven (above): their Home is New Haven's, and says nothing of others.
    const detectiveHome = await openHome(detective);
    expect(detectiveHome).toContain("Violent Crimes Task Force (HPD)");
    expect(detectiveHome).not.toContain("home_taskforce");
    // A state admin acts in both: the first is shown, with a switcher to the other
    // (test/slack/home-task-forces.test.ts tests the switcher itself).
    const adminHome = await openHome(stateAdmin);
    expect(adminHome).toContain(
      "Showing *Hartford Shooting Task Force* (`hartford`). Choose another of your task forces to see it here.",
    );
    expect(adminHome).toContain('"action_id":"home_taskforce"');
  });
});
