import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const admin = "U0ADMIN001";
const chief = "U0CHIEF001";
const analyst = "U0ANALYST1";
const detective = "U0DETECT01";
const partner = "U0PARTNER1";
const now = new Date("2025-03-10T15:00:00Z");

describe(`admin commands (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;
  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => now });
    await bot.reply(`assign <@${detective}> unit:vctf agency:HPD from:2025-01-01`, { userId: admin });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("grants, changes and removes roles, and says what changed", async () => {
    expect(await bot.reply(`admin role <@${analyst}|ana> viewer`, { userId: admin })).toBe(
      `:white_check_mark: <@${analyst}>: no granted role → *viewer*.`,
    );
    expect(await bot.reply("tally", { userId: analyst })).toMatch(/^Seizure tally/);
    expect(await bot.reply(`admin role <@${analyst}> viewer`, { userId: admin })).toBe(
      `<@${analyst}> already has *viewer*; nothing changed.`,
    );
    expect(await bot.reply(`admin role <@${chief}> LEADERSHIP`, { userId: admin })).toBe(
      `:white_check_mark: <@${chief}>: no granted role → *leadership*.`,
    );
    expect(await bot.reply(`admin role <@${analyst}> none`, { userId: admin })).toBe(
      `:white_check_mark: <@${analyst}>: *viewer* → no granted role.`,
    );
    expect(await bot.reply("tally", { userId: analyst })).toContain("You can't run `/tf tally`.");
    expect(await bot.reply(`admin role <@${admin}> viewer`, { userId: admin })).toContain(
      "is an admin through the TF_ADMINS setting",
    );
    expect(await bot.reply(`admin role <@${analyst}> chief`, { userId: admin })).toContain(
      "The role must be one of viewer, member, leadership, admin, none.",
    );
    const grants = await db().roleGrant.findMany({
      where: { member: { slackUserId: analyst } },
      orderBy: { id: "asc" },
    });
    expect(grants.map((g) => [g.role, g.revokedBy])).toEqual([["viewer", admin]]);
    const audit = await db().auditEvent.findMany({
      where: { action: "admin.role", targetId: `T0TASKF0RC:${analyst}` },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.before, a.after])).toEqual([
      ['{"role":null}', '{"role":"viewer"}'],
      ['{"role":"viewer"}', '{"role":"viewer"}'],
      ['{"role":"viewer"}', '{"role":null}'],
    ]);
  });

  it("attributes people from a mapped partner workspace to its agency", async () => {
    expect(await bot.reply("admin workspace T0STATEPOL agency:csp", { userId: admin })).toBe(
      ":white_check_mark: Workspace T0STATEPOL: CSP. People from it are now attributed to that agency unless a command names another.",
    );
    bot.emulator.setUser(partner, { teamId: "T0STATEPOL" });
    expect(await bot.reply(`assign <@${partner}> unit:sntf`, { userId: admin })).toMatch(
      /to Statewide Narcotics Task Force \(CSP\)/,
    );
    expect(await bot.reply("admin workspace T0STATEPOL agency:DEA", { userId: admin })).toContain(
      "Workspace T0STATEPOL: CSP → DEA.",
    );
    expect(await bot.reply("admin workspace nope agency:DEA", { userId: admin })).toContain(
      "A workspace is its Slack team id",
    );
  });

  it("renames a unit and an area keeping every past record attached, and retires an area keeping its history", async () => {
    await bot.reply("seizure guns:1 area:frog-hollow unit:vctf agency:HPD on:2025-03-01", { userId: admin });
    expect(
      await bot.reply('admin unit rename vctf name:"Violent Crime Task Force" code:vcu', { userId: admin }),
    ).toBe(
      ":white_check_mark: Renamed unit `vctf` to `vcu`: Violent Crime Task Force. Past records follow it.",
    );
    expect(await bot.reply("roster unit:vcu on:2025-02-01", { userId: admin })).toBe(
      "Roster on 2025-02-01 — Violent Crime Task Force: 1 assigned.",
    );
    expect(await bot.reply("tally 2025-03-01..2025-03-01", { userId: admin })).toContain("1 report, 1 guns");
    expect(await bot.reply("roster unit:vctf", { userId: admin })).toMatch(
      /`unit:vctf`: there is no unit by that name\.\nKnown units: .*`vcu`/,
    );

    expect(await bot.reply("admin area retire frog-hollow", { userId: admin })).toBe(
      ":white_check_mark: Retired area `frog-hollow` (Frog Hollow). Records that used it keep it.",
    );
    expect(
      await bot.reply("seizure guns:1 area:frog-hollow unit:vcu agency:HPD", { userId: admin }),
    ).toContain("`area:frog-hollow`: there is no area by that name.");
    const old = await db().seizureReport.findFirstOrThrow({
      where: { occurredOn: "2025-03-01" },
      include: { area: true, unit: true },
    });
    expect([old.area?.name, old.area?.retiredAt !== null, old.unit.name]).toEqual([
      "Frog Hollow",
      true,
      "Violent Crime Task Force",
    ]);
    expect(await bot.reply('admin area add frog-hollow name:"Frog Hollow"', { userId: admin })).toBe(
      ":white_check_mark: Restored area `frog-hollow`: Frog Hollow.",
    );
    expect(
      await bot.reply('admin area add north-end name:"North End" kind:neighborhood', { userId: admin }),
    ).toBe(":white_check_mark: Added area `north-end`: North End.");
    expect(await bot.reply('admin agency add dea name:"Duplicate"', { userId: admin })).toBe(
      ':warning: The agency `DEA` already exists (Drug Enforcement Administration).\nRename it with /tf admin agency rename DEA name:"…".',
    );
    expect(await bot.reply('admin unit add "Bad Code" name:x', { userId: admin })).toContain(
      "is not a usable unit code.",
    );
    // A code that reads like another active unit's name would make `unit:` match either one.
    expect(
      await bot.reply('admin unit add violent-crime-task-force name:"Other unit"', { userId: admin }),
    ).toBe(":warning: An active unit is already called that: `vcu` (Violent Crime Task Force).");
    const actions = (
      await db().auditEvent.findMany({ where: { action: { startsWith: "admin.area." } } })
    ).map((a) => a.action);
    expect(actions).toEqual(["admin.area.retire", "admin.area.add", "admin.area.add"]);
  });

  it("shows in the audit listing the role each grant gave and the role it replaced", async () => {
    const result = await bot.driver.command(`admin audit 100 user:<@${admin}>`, { userId: admin });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId)) as {
      blocks: Array<{ text?: { text: string } }>;
    };
    const lines = reply.blocks
      .flatMap((b) => b.text?.text.split("\n") ?? [])
      .filter((line) => line.includes("`admin.role`"));
    expect(lines).toEqual([
      `• 2025-03-10 11:00 <@${admin}> \`admin.role\` <@${analyst}> (T0TASKF0RC) — role: viewer → none`,
      `• 2025-03-10 11:00 <@${admin}> \`admin.role\` <@${chief}> (T0TASKF0RC) — role: none → leadership`,
      `• 2025-03-10 11:00 <@${admin}> \`admin.role\` <@${analyst}> (T0TASKF0RC)`,
      `• 2025-03-10 11:00 <@${admin}> \`admin.role\` <@${analyst}> (T0TASKF0RC) — role: none → viewer`,
    ]);
  });

  it("lists recent audit events, refusals included, filtered by user and date", async () => {
    await bot.reply("admin role <@U0X> viewer", { userId: detective }); // refused: not an admin
    const text = await bot.reply(`admin audit 5 user:<@${detective}|det>`, { userId: admin });
    expect(text).toBe("1 audit event, newest first.");
    const result = await bot.driver.command(`admin audit 2 user:<@${detective}|det> since:2025-03-10`, {
      userId: admin,
    });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId)) as {
      blocks: Array<{ text?: { text: string } }>;
    };
    expect(reply.blocks[1]?.text?.text).toBe(
      `• 2025-03-10 11:00 <@${detective}> \`admin.denied\` — *denied*`,
    );
    expect(await bot.reply("admin audit 500", { userId: admin })).toContain("The count is at most 100");
  });

  it("exports seizures as CSV to the admin's direct messages, quoting and defusing cell contents", async () => {
    await bot.reply(
      `seizure guns:2 cocaine:1.5oz cash:$100 unit:sntf agency:CSP on:2025-03-09 case:=1+2 note:'a, b &amp; "c"'`,
      { userId: admin },
    );
    expect(await bot.reply("admin export seizures 2025-03-01..2025-03-10", { userId: admin })).toMatch(
      /^:white_check_mark: Sent you taskforce-seizures-2025-03-01-to-2025-03-10\.csv \(2 rows\) in a direct message\.$/,
    );
    const opened = bot.emulator.calls.find((c) => c.method === "conversations.open");
    expect(opened?.args.users).toBe(admin);
    const upload = bot.emulator.uploads.at(-1);
    expect(upload?.completed).toBe(true);
    const rows = parse(String(upload?.bytes), { bom: true, columns: true }) as Record<string, string>[];
    expect(
      rows.map((r) => [r.record_id, r.date, r.unit, r.guns, r.narcotics, r.cash_cents, r.case, r.note]),
    ).toEqual([
      ["S-1", "2025-03-01", "vcu", "1", "", "0", "", ""],
      ["S-2", "2025-03-09", "sntf", "2", "cocaine:1.5oz", "10000", "'=1+2", 'a, b & "c"'],
    ]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "export.seizures" } });
    expect(JSON.parse(audit.after ?? "{}")).toEqual({ rows: 2 });
  });

  it("exports a whole local day of audit events on the day the clocks go back (25 hours)", async () => {
    // 2025-11-02 in New York runs from 04:00Z to 05:00Z the next day; 23:30 EST is 04:30Z.
    await db().auditEvent.createMany({
      data: [
        { taskForceId: 1, at: new Date("2025-11-02T03:59:00Z"), action: "test.before", outcome: "ok" },
        { taskForceId: 1, at: new Date("2025-11-02T04:00:00Z"), action: "test.first", outcome: "ok" },
        { taskForceId: 1, at: new Date("2025-11-03T04:30:00Z"), action: "test.last", outcome: "ok" },
        { taskForceId: 1, at: new Date("2025-11-03T05:00:00Z"), action: "test.after", outcome: "ok" },
      ],
    });
    await bot.reply("admin export audit 2025-11-02..2025-11-02", { userId: admin });
    const rows = parse(String(bot.emulator.uploads.at(-1)?.bytes), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => r.action)).toEqual(["test.first", "test.last"]);
  });

  it("shows incident detail to leadership only, auditing every read", async () => {
    await bot.reply("shooting injured:1 area:downtown at:2025-03-09T22:15 case:25-777", {
      userId: detective,
    });
    expect(await bot.reply("incidents 7d", { userId: detective })).toContain(
      "It needs the *leadership* role; you are a *member*.",
    );
    const result = await bot.driver.command("incidents 7d", { userId: chief });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId)) as {
      text: string;
      blocks: Array<{ text?: { text: string } }>;
    };
    expect(reply.text).toBe("1 incident, last 7 days (2025-03-04 – 2025-03-10).");
    expect(reply.blocks[1]?.text?.text).toBe(
      "• I-1 2025-03-09 22:15 Downtown: shooting (0 fatal, 1 injured), case 25-777",
    );
    expect(await db().auditEvent.count({ where: { action: "incident.read", actorUserId: chief } })).toBe(1);
  });

  it("made no call that breaks Slack's contract", () => {
    expect(bot.emulator.violations).toEqual([]);
  });
});
