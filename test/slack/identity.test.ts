// Identity is the pair (workspace, user): Slack user ids are unique only within a workspace (or
// Grid org). The same U… from another workspace is someone else, and TF_ADMINS from one
// workspace grants nothing in another.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const home = "T0TASKF0RC"; // the emulator's workspace: the one the bot token belongs to (auth.test)
const admin = "U0ADMIN001";
const partnerAdmin = "U0PADMIN01";
const twin = "U0TWIN0001";
const partner = "T0PARTNER1"; // mapped to an agency below
const stranger = "T0STRANGER"; // never mapped
const now = new Date("2025-03-10T15:00:00Z");

describe(`identity is (workspace, user) (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;
  const as = (userId: string, teamId: string) => ({ userId, teamId });

  beforeAll(async () => {
    // A bare id is that user in the bot's own workspace; the partner's admin is named with theirs.
    bot = await startTestBot({
      env: { TF_ADMINS: `${admin},${partner}:${partnerAdmin}` },
      clock: () => now,
    });
    await bot.reply(`admin workspace ${partner} agency:CSP`, as(admin, home));
  });
  afterAll(() => bot?.stop());

  it("treats a TF_ADMINS id calling from another workspace as someone else, and says why", async () => {
    const text = await bot.reply(`admin role <@${twin}> viewer`, as(admin, stranger));
    expect(text).toBe(
      ":warning: You can't run `/tf admin`. It needs the *admin* role; you have no task force role yet.\n" +
        `Your Slack workspace (\`${stranger}\`) is not mapped to a task force agency yet, so you can read summaries at most. ` +
        `An admin maps it with \`/tf admin workspace ${stranger} agency:<agency>\`. ` +
        `Ask a task force admin (<@${admin}>, <@${partnerAdmin}>) to grant you access. \`/tf help\` lists what you can run.`,
    );
    expect(await db().roleGrant.count()).toBe(0);
    const refusal = await db().auditEvent.findFirstOrThrow({ where: { outcome: "denied" } });
    expect(refusal).toMatchObject({ actorUserId: admin, actorTeamId: stranger, action: "admin.denied" });
    // The same id from the bot's own workspace is the admin.
    expect(await bot.reply("admin audit 1", as(admin, home))).toBe("1 audit event, newest first.");
  });

  it("gives a T…:U… entry admin in its own workspace only", async () => {
    expect(await bot.reply("admin audit 1", as(partnerAdmin, partner))).toBe("1 audit event, newest first.");
    expect(await bot.reply("admin audit 1", as(partnerAdmin, home))).toContain(
      "You can't run `/tf admin`. It needs the *admin* role; you have no task force role yet.",
    );
  });

  it("gives a user id that exists in two workspaces each workspace's own role", async () => {
    bot.emulator.setUser(twin, { teamId: home });
    expect(await bot.reply(`admin role <@${twin}> viewer`, as(admin, home))).toBe(
      `:white_check_mark: <@${twin}>: no granted role → *viewer*.`,
    );
    bot.emulator.setUser(twin, { teamId: partner });
    expect(await bot.reply(`admin role <@${twin}> leadership`, as(admin, home))).toBe(
      `:white_check_mark: <@${twin}>: no granted role → *leadership*.`,
    );
    const members = await db().member.findMany({
      where: { slackUserId: twin },
      orderBy: { teamId: "asc" },
      select: { teamId: true, roleGrants: { select: { role: true, revokedAt: true } } },
    });
    expect(members).toEqual([
      { teamId: partner, roleGrants: [{ role: "leadership", revokedAt: null }] },
      { teamId: home, roleGrants: [{ role: "viewer", revokedAt: null }] },
    ]);
    expect(await bot.reply("incidents 7d", as(twin, partner))).toBe(
      "0 incidents, last 7 days (2025-03-04 – 2025-03-10).",
    );
    expect(await bot.reply("incidents 7d", as(twin, home))).toContain(
      "You can't run `/tf incidents`. It needs the *leadership* role; you are a *viewer*.",
    );
    const audits = await db().auditEvent.findMany({
      where: { actorUserId: twin },
      orderBy: { seq: "asc" },
      select: { actorTeamId: true, action: true, outcome: true },
    });
    expect(audits).toEqual([
      { actorTeamId: partner, action: "incident.read", outcome: "ok" },
      { actorTeamId: home, action: "incidents.denied", outcome: "denied" },
    ]);
  });

  it("caps someone from an unmapped workspace at viewer until an admin maps it", async () => {
    const outsider = "U0OUTSIDE1";
    bot.emulator.setUser(outsider, { teamId: stranger });
    await bot.reply(`admin role <@${outsider}> leadership`, as(admin, home));
    expect(await bot.reply("tally 7d", as(outsider, stranger))).toMatch(/^Seizure tally/);
    expect(await bot.reply("incidents 7d", as(outsider, stranger))).toBe(
      ":warning: You can't run `/tf incidents`. It needs the *leadership* role; you are a *viewer*.\n" +
        `Your Slack workspace (\`${stranger}\`) is not mapped to a task force agency yet, so you can read summaries at most. ` +
        `An admin maps it with \`/tf admin workspace ${stranger} agency:<agency>\`. ` +
        `Ask a task force admin (<@${admin}>, <@${partnerAdmin}>) to grant you access. \`/tf help\` lists what you can run.`,
    );
    const help = await bot.reply("help", as(outsider, stranger));
    expect(help).toContain("/tf tally");
    expect(help).not.toContain("/tf incidents");
    expect(help).toContain(`Your Slack workspace (\`${stranger}\`) is not mapped to a task force agency yet`);

    await bot.reply(`admin workspace ${stranger} agency:ATF`, as(admin, home));
    expect(await bot.reply("incidents 7d", as(outsider, stranger))).toBe(
      "0 incidents, last 7 days (2025-03-04 – 2025-03-10).",
    );
  });

  it("lets a member end only their own assignment, by the pair", async () => {
    const officer = "U0OFFICER1";
    bot.emulator.setUser(officer, { teamId: partner });
    await bot.reply(`assign <@${officer}> unit:sntf from:2025-03-01`, as(admin, home));
    // The same user id in the bot's own workspace is not the officer.
    expect(await bot.reply(`unassign <@${officer}>`, as(officer, home))).toContain(
      "You can't run `/tf unassign`",
    );
    expect(await bot.reply(`unassign <@${officer}> on:2025-03-10`, as(officer, partner))).toMatch(
      /^Ended assignment A-1: <@U0OFFICER1> to Statewide Narcotics Task Force \(CSP\)/,
    );
  });

  it("shows the Home to the pair: the admin's Home is not shown to the same id elsewhere", async () => {
    const elsewhere = "T0ELSEWHER";
    await bot.driver.event({ type: "app_home_opened", user: admin, tab: "home" }, { teamId: elsewhere });
    const published = await bot.emulator.waitForCall("views.publish");
    const text = JSON.stringify(published.args.view);
    expect(text).toContain("You have no task force role yet.");
    expect(text).toContain(
      `Your Slack workspace (\`${elsewhere}\`) is not mapped to a task force agency yet`,
    );
    expect(text).not.toContain("Recent audit events");
  });
});

describe(`identity in an Enterprise Grid org (${testEngine})`, () => {
  // The bot is installed in T0GRIDHOME, a workspace of the org E0GRIDORG: a user id is the same
  // person in every workspace of the org, so people of the org are keyed by the org.
  const org = "E0GRIDORG";
  const gridAdmin = "W0GRIDADM1";
  const analyst = "W0ANALYST1";
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      env: { TF_ADMINS: gridAdmin },
      clock: () => now,
      team: { id: "T0GRIDHOME", domain: "grid-home", enterpriseId: org },
    });
  });
  afterAll(() => bot?.stop());

  it("knows a bare TF_ADMINS id as the org's user, in any of its workspaces, and nowhere else", async () => {
    expect(await bot.reply("admin audit 1", { userId: gridAdmin })).toBe("0 audit events, newest first.");
    const elsewhereInOrg = { userId: gridAdmin, teamId: "T0GRIDSECO", enterpriseId: org };
    expect(await bot.reply("admin audit 1", elsewhereInOrg)).toBe("0 audit events, newest first.");
    expect(await bot.reply("admin audit 1", { userId: gridAdmin, teamId: "T0NOTGRID1" })).toContain(
      "You can't run `/tf admin`. It needs the *admin* role; you have no task force role yet.",
    );
    const refusal = await bot.database.db.prisma.auditEvent.findFirstOrThrow({
      where: { outcome: "denied" },
    });
    expect([refusal.actorTeamId, refusal.actorUserId]).toEqual(["T0NOTGRID1", gridAdmin]);
  });

  it("grants a role to the org's user, who holds it in every workspace of the org", async () => {
    bot.emulator.setUser(analyst, { teamId: "T0GRIDSECO", enterpriseId: org });
    expect(await bot.reply(`admin role <@${analyst}> leadership`, { userId: gridAdmin })).toBe(
      `:white_check_mark: <@${analyst}>: no granted role → *leadership*.`,
    );
    const members = await bot.database.db.prisma.member.findMany({ where: { slackUserId: analyst } });
    expect(members.map((m) => m.teamId)).toEqual([org]);
    for (const teamId of ["T0GRIDHOME", "T0GRIDSECO"]) {
      expect(await bot.reply("incidents 7d", { userId: analyst, teamId, enterpriseId: org })).toBe(
        "0 incidents, last 7 days (2025-03-04 – 2025-03-10).",
      );
    }
  });
});
