import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const admin = "U0ADMIN001";
const detective = "U0DETECT01";
const trooper = "U0TROOPER1";
const outsider = "U0OUTSIDE1";
// 2025-03-10 11:00 in New York (EDT began on 9 March).
const now = new Date("2025-03-10T15:00:00Z");

describe(`assignments and the roster (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;
  /** The text of each block of the latest response_url reply. */
  const lastReplyBlocksText = () => {
    const last = [...bot.emulator.responses.values()].at(-1)?.at(-1) as {
      blocks?: Array<{ text?: { text: string } }>;
    };
    return (last.blocks ?? []).map((b) => b.text?.text);
  };
  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => now });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("registers an assignment with every field and confirms it with its record id", async () => {
    const text = await bot.reply(
      `assign <@${detective}|jsmith> unit:vctf agency:csp role:"Lead Detective" area:frog-hollow,"South End" shift:night from:2025-03-01`,
      { userId: admin },
    );
    expect(text).toBe(
      `Registered assignment A-1: <@${detective}> to Violent Crimes Task Force (CSP), from 2025-03-01, open-ended.`,
    );
    expect(lastReplyBlocksText()).toEqual([
      `:white_check_mark: Registered assignment A-1: <@${detective}> to Violent Crimes Task Force (CSP), from 2025-03-01, open-ended.\n` +
        "Lead Detective · Frog Hollow, South End · night",
    ]);
    const row = await db().assignment.findFirstOrThrow({
      include: { member: true, areas: { include: { area: true } } },
    });
    expect(row).toMatchObject({
      startDate: "2025-03-01",
      endDate: null,
      title: "Lead Detective",
      shift: "night",
      registeredBy: admin,
    });
    expect(row.member.slackUserId).toBe(detective);
    expect(row.areas.map((a) => a.area.code).sort()).toEqual(["frog-hollow", "south-end"]);

    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "assignment.create" } });
    expect(audit).toMatchObject({
      actorUserId: admin,
      targetType: "assignment",
      targetId: "A-1",
      outcome: "ok",
    });
    expect(JSON.parse(audit.after ?? "{}")).toMatchObject({
      recordId: "A-1",
      unit: { code: "vctf" },
      agency: { code: "CSP" },
    });
    expect(audit.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses an overlapping assignment to the same unit, naming the existing one", async () => {
    const text = await bot.reply(
      `assign <@${detective}> unit:vctf agency:CSP from:2025-03-05 to:2025-03-20`,
      { userId: admin },
    );
    expect(text).toBe(
      `:warning: <@${detective}> already has assignment A-1 to Violent Crimes Task Force (from 2025-03-01, open-ended), which overlaps 2025-03-05 to 2025-03-20.\n` +
        `End it first with /tf unassign <@${detective}> unit:vctf on:<date>, or choose dates that do not overlap.`,
    );
    expect(await db().assignment.count()).toBe(1);
  });

  it("attributes the agency from the member's mapped Slack workspace", async () => {
    const doc = await db().agency.findUniqueOrThrow({ where: { code: "DOC" } });
    await db().workspace.create({ data: { teamId: "T0PAROLE01", agencyId: doc.id, mappedBy: admin } });
    bot.emulator.setUser(trooper, { teamId: "T0PAROLE01", name: "parole-officer" });
    const text = await bot.reply(`assign <@${trooper}> unit:parole area:i-84-ramps`, { userId: admin });
    expect(text).toBe(
      `Registered assignment A-2: <@${trooper}> to Parole Supervision (DOC), from 2025-03-10, open-ended.`,
    );
    expect(lastReplyBlocksText()[0]).toContain("\nI-84 ramps");
  });

  it("asks for the agency when the workspace is not mapped", async () => {
    bot.emulator.setUser(outsider, { teamId: "T0UNMAPPED" });
    const text = await bot.reply(`assign <@${outsider}> unit:tsu`, { userId: admin });
    expect(text).toBe(
      `:warning: Say which agency <@${outsider}> is from: their Slack workspace is not mapped to an agency.\n` +
        `e.g. /tf assign <@${outsider}> unit:tsu agency:CSP (admins can map a workspace with /tf admin workspace)`,
    );
  });

  it("lists the roster as of a date, grouped by unit then agency", async () => {
    const text = await bot.reply("roster on:2025-03-10", { userId: admin });
    expect(text).toBe("Roster on 2025-03-10: 2 assigned.");
    expect(lastReplyBlocksText()).toEqual([
      "Roster on 2025-03-10",
      undefined, // context: 2 assigned · page 1 of 1
      `*Parole Supervision — DOC* (1)\n• <@${trooper}> — I-84 ramps (A-2)`,
      `*Violent Crimes Task Force — CSP* (1)\n• <@${detective}> — Lead Detective · Frog Hollow, South End · night (A-1)`,
    ]);
    expect(await bot.reply("roster on:2025-02-28", { userId: admin })).toBe(
      "Roster on 2025-02-28: 0 assigned.",
    );
    expect(await bot.reply("roster unit:vctf on:today", { userId: admin })).toBe(
      "Roster on 2025-03-10 — Violent Crimes Task Force: 1 assigned.",
    );
  });

  it("ends an assignment on a date and keeps its history", async () => {
    const text = await bot.reply(`unassign <@${detective}> unit:vctf on:2025-03-31`, { userId: admin });
    expect(text).toBe(
      `Ended assignment A-1: <@${detective}> to Violent Crimes Task Force (CSP), 2025-03-01 to 2025-03-31.`,
    );
    expect(await bot.reply("roster unit:vctf on:2025-03-31", { userId: admin })).toBe(
      "Roster on 2025-03-31 — Violent Crimes Task Force: 1 assigned.",
    );
    expect(await bot.reply("roster unit:vctf on:2025-04-01", { userId: admin })).toBe(
      "Roster on 2025-04-01 — Violent Crimes Task Force: 0 assigned.",
    );
    expect(await db().assignment.count()).toBe(2);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "assignment.end" } });
    expect(JSON.parse(audit.before ?? "{}").endDate).toBeNull();
    expect(JSON.parse(audit.after ?? "{}").endDate).toBe("2025-03-31");
  });

  it("lets a member register their own assignment but not someone else's, and audits the refusal", async () => {
    // The detective is a member through the running assignment A-1.
    const own = await bot.reply("assign <@U0DETECT01> unit:sntf agency:CSP from:2025-04-01", {
      userId: detective,
    });
    expect(own).toContain("Registered assignment A-3");
    const other = await bot.reply(`assign <@${outsider}> unit:sntf agency:HPD`, { userId: detective });
    expect(other).toBe(
      ":warning: Members can register and end only their own assignments.\nAsk your unit's leadership or a task force admin to change someone else's.",
    );
    const refusal = await db().auditEvent.findFirstOrThrow({
      where: { action: "assign.denied", actorUserId: detective },
    });
    expect(refusal.outcome).toBe("denied");
  });

  it("refuses the roster to someone with no role, saying who can grant access, and audits it", async () => {
    const text = await bot.reply("roster", { userId: outsider });
    expect(text).toBe(
      ":warning: You can't run `/tf roster`. It needs the *viewer* role; you have no task force role yet.\n" +
        "Ask a task force admin (<@U0ADMIN001>) to grant you access. `/tf help` lists what you can run.",
    );
    const refusals = await db().auditEvent.findMany({
      where: { action: "roster.denied", actorUserId: outsider },
    });
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0]?.after ?? "{}")).toEqual({
      required: "viewer",
      held: null,
      reason: "role",
    });
  });

  it.each([
    ["assign unit:vctf agency:CSP", "Say who is assigned: `/tf assign @person unit:<unit>`."],
    [
      `assign <@${outsider}> unit:vctff agency:CSP`,
      "`unit:vctff`: there is no unit by that name. Did you mean `unit:vctf` (Violent Crimes Task Force)?",
    ],
    [`assign <@${outsider}> agency:CSP`, "`unit:` is required, e.g. unit:vctf."],
    [
      `assign <@${outsider}> unit:vctf agency:CSP shift:noon`,
      "`shift:` must be day, evening or night, e.g. shift:night.",
    ],
    [
      `assign <@${outsider}> unit:vctf agency:CSP from:2025-02-30`,
      "`from:2025-02-30`: that date does not exist",
    ],
    [
      `assign <@${outsider}> unit:vctf agency:CSP from:2025-03-10 to:2025-03-01`,
      "`to:2025-03-01` is before `from:2025-03-10`: an assignment must end on or after it starts.",
    ],
    [`assign <@${outsider}> unit:vctf agency:CSP area:mars`, "`area:mars`: there is no area by that name."],
    [`assign <@${outsider}> unit:vctf agency:CSP foo:bar`, "`foo:` is not an option of `/tf assign`."],
    [`assign <@${outsider}> unit:vctf agency:CSP unit:sntf`, "`unit:` is given twice; give it once."],
    [`assign <@${outsider}> unit:vctf agency:CSP <!channel>`, "`/tf assign` does not take `@channel`"],
    [
      `assign <@${outsider}> unit:vctf agency:CSP role:"${"x".repeat(81)}"`,
      "`role:` is too long; the most is 80 characters.",
    ],
    [
      `assign <@${outsider}> unit:vctf agency:CSP role:&lt;!here&gt;x extra`,
      "`extra` is not understood here",
    ],
  ])("refuses %s with a message naming the field, and records nothing", async (command, expected) => {
    const before = await db().assignment.count();
    const text = await bot.reply(command, { userId: admin });
    expect(text.startsWith(":warning: ")).toBe(true);
    expect(text).toContain(expected);
    expect(text).not.toMatch(/<!(channel|here|everyone)>/);
    expect(await db().assignment.count()).toBe(before);
  });

  it("opens a form for /tf assign with no arguments, and a submission goes through the same rules", async () => {
    const result = await bot.driver.command("assign", { userId: admin, channelId: "C0OPS00001" });
    expect(result.status).toBe(200);
    const opened = await bot.emulator.waitForCall("views.open");
    const view = opened.args.view as { callback_id: string; blocks: Array<{ block_id: string }> };
    expect(view.callback_id).toBe("tf_assign");
    expect(view.blocks.map((b) => b.block_id)).toEqual([
      "member",
      "unit",
      "agency",
      "role",
      "area",
      "shift",
      "from",
      "to",
    ]);
    const viewId = [...bot.emulator.views.keys()].at(-1) as string;

    const values = (unitCode: string, from: string) => ({
      member: { value: { type: "users_select", selected_user: trooper } },
      unit: { value: { type: "static_select", selected_option: { value: unitCode } } },
      agency: { value: { type: "static_select", selected_option: null } },
      role: { value: "Trooper" },
      area: { value: { type: "multi_static_select", selected_options: [{ value: "i-91-ramps" }] } },
      shift: { value: { type: "static_select", selected_option: { value: "day" } } },
      from: { value: { type: "datepicker", selected_date: from } },
      to: { value: { type: "datepicker", selected_date: null } },
    });

    // The trooper already runs A-2 in Parole Supervision from today: the form shows the clash by the
    // unit field, naming the trooper (a field error would show a mention as "<@U…>").
    const clash = await bot.driver.viewSubmission({
      viewId,
      userId: admin,
      values: values("parole", "2025-03-15"),
    });
    expect(clash.status).toBe(200);
    expect(clash.body).toEqual({
      response_action: "errors",
      errors: {
        unit: "@parole-officer already has assignment A-2 to Parole Supervision (from 2025-03-10, open-ended), which overlaps from 2025-03-15, open-ended.\nEnd it first with /tf unassign @parole-officer unit:parole on:<date>, or choose dates that do not overlap.",
      },
    });
    // When Slack cannot say who it is, the form names the user id instead. (Both users.info calls
    // fail: the member's workspace, not needed with the agency chosen, and the name.)
    bot.emulator.failNext("users.info", { error: "user_not_found" });
    bot.emulator.failNext("users.info", { error: "user_not_found" });
    const unnamed = await bot.driver.viewSubmission({
      viewId,
      userId: admin,
      values: {
        ...values("parole", "2025-03-15"),
        agency: { value: { type: "static_select", selected_option: { value: "CSP" } } },
      },
    });
    expect((unnamed.body as { errors: { unit: string } }).errors.unit).toMatch(
      new RegExp(`^@${trooper} already has assignment A-2 to Parole Supervision`),
    );

    const ok = await bot.driver.viewSubmission({
      viewId,
      userId: admin,
      values: values("tsu", "2025-03-15"),
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toBe("");
    const confirmation = await bot.emulator.waitForCall("chat.postEphemeral");
    expect(confirmation.args).toMatchObject({ channel: "C0OPS00001", user: admin });
    expect(confirmation.args.text).toBe(
      `Registered assignment A-4: <@${trooper}> to Traffic Services Unit (DOC), from 2025-03-15, open-ended.`,
    );
  });

  it("paginates a large roster inside Block Kit's limits", async () => {
    const unit = await db().unit.findFirstOrThrow({ where: { code: "attf" } });
    const agency = await db().agency.findUniqueOrThrow({ where: { code: "HPD" } });
    for (let i = 0; i < 45; i++) {
      const member = await db().member.create({
        data: { slackUserId: `U0BULK${String(i).padStart(4, "0")}`, teamId: "T0TASKF0RC" },
      });
      await db().assignment.create({
        data: {
          memberId: member.id,
          unitId: unit.id,
          agencyId: agency.id,
          startDate: "2025-01-01",
          registeredBy: admin,
        },
      });
    }
    const result = await bot.driver.command("roster unit:attf", { userId: admin });
    const page1 = (await bot.emulator.waitForResponse(result.responseUrlId)) as {
      text: string;
      blocks: unknown[];
    };
    expect(page1.text).toBe("Roster on 2025-03-10 — Auto Theft Task Force: 45 assigned.");
    expect(JSON.stringify(page1.blocks)).toContain("45 assigned · page 1 of 2");
    expect(JSON.stringify(page1.blocks)).toContain("More: `/tf roster unit:attf on:2025-03-10 page:2`");
    expect(JSON.stringify(page1.blocks).match(/<@U0BULK/g)).toHaveLength(40);
    const second = await bot.driver.command("roster unit:attf page:2", { userId: admin });
    const page2 = (await bot.emulator.waitForResponse(second.responseUrlId)) as { blocks: unknown[] };
    expect(JSON.stringify(page2.blocks).match(/<@U0BULK/g)).toHaveLength(5);
  });

  it("made no call that breaks Slack's contract", () => {
    expect(bot.emulator.violations).toEqual([]);
  });
});
