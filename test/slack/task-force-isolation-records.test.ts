// Two task forces on one database, each with its own people, units, areas and records (unit and
// area codes repeat across them), and every read path of the records' use cases asserted for each
// with exact counts: roster, Home, digest content and posting, CSV export, audit listing, role
// resolution and workspace mapping. Each task force's figures are its own hand-counted data and
// nothing of the other's. Task force 1 is also read through Slack, where the bot serves it.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/db/audit-chain.js";
import type { Db } from "../../src/db/client.js";
import { seedReferenceData } from "../../src/db/seed/seed.js";
import type { ReferenceData } from "../../src/db/seed/source-case.js";
import type { Role } from "../../src/domain/access/roles.js";
import { narrativeFacts } from "../../src/domain/narrative/facts.js";
import type { TaskForceScope } from "../../src/domain/taskforce/task-force.js";
import { resolveLocalTime } from "../../src/domain/time/zoned.js";
import { createLogger } from "../../src/infra/logger.js";
import { slackDigestPublisher } from "../../src/slack/digest-publisher.js";
import { resolveAccess } from "../../src/usecases/access/resolve-role.js";
import type { Actor } from "../../src/usecases/actor.js";
import { areaPopulationUseCases } from "../../src/usecases/admin/area-population.js";
import { auditQueryUseCases } from "../../src/usecases/admin/audit-log-query.js";
import { exportUseCases } from "../../src/usecases/admin/export.js";
import { referenceAdminUseCases } from "../../src/usecases/admin/reference.js";
import { roleUseCases } from "../../src/usecases/admin/roles.js";
import { workspaceUseCases } from "../../src/usecases/admin/workspaces.js";
import {
  assignmentUseCases,
  type RegisterAssignmentInput,
} from "../../src/usecases/assignments/assignments.js";
import { digestContentUseCases } from "../../src/usecases/digest/content.js";
import { digestUseCases } from "../../src/usecases/digest/digests.js";
import { writeNarrative } from "../../src/usecases/digest/narrative.js";
import { unitEffortUseCases } from "../../src/usecases/effort/unit-effort.js";
import { homeUseCases } from "../../src/usecases/home/home.js";
import { agencyOfWorkspace } from "../../src/usecases/members/members.js";
import { seizureUseCases } from "../../src/usecases/seizures/seizures.js";
import { compstatUseCases } from "../../src/usecases/trends/compstat.js";
import { hotspotUseCases } from "../../src/usecases/trends/hotspots.js";
import { linkedUseCases } from "../../src/usecases/trends/linked.js";
import { multiYearUseCases } from "../../src/usecases/trends/multi-year.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const zone = "America/New_York";
const hartford: TaskForceScope = { id: 1, timeZone: zone, weekStart: "monday" };
const newHaven: TaskForceScope = { id: 2, timeZone: zone, weekStart: "sunday" };
const newHavenReference: ReferenceData = {
  agencies: [
    { code: "CSP", name: "State Police" },
    { code: "FBI", name: "Federal Bureau of Investigation" },
  ],
  units: [
    { code: "vctf", name: "Violent Crimes Task Force" }, // the same code and name as Hartford's
    { code: "gang", name: "Gang Unit" },
  ],
  areas: [
    { code: "downtown", name: "Downtown", kind: "neighborhood" }, // Hartford has a Downtown too
    { code: "fair-haven", name: "Fair Haven", kind: "neighborhood" },
    { code: "hill", name: "The Hill", kind: "neighborhood" },
  ],
};

const admin = "U0ADMIN001"; // TF_ADMINS: an admin in every task force
const hartfordOnly = ["U0HART0001", "U0HART0002", "U0HART0003"] as const;
const newHavenOnly = "U0NEWH0001";
const both = "U0BOTHTF01"; // assigned in both task forces
const promoted = "U0PROMOTE1"; // leadership in New Haven, nothing in Hartford
const partner = "U0PAROLE01"; // from a Slack Connect workspace mapped in Hartford only
const partnerTeam = "T0PAROLE01";
const now = new Date("2025-03-10T15:00:00Z"); // 11:00 EDT on Monday 10 March
const today = "2025-03-10";

describe(`task force isolation of roster, Home, digest, export, audit and access (${testEngine})`, () => {
  let bot: TestBot;
  let db: Db;
  let home: string;
  const seeded: number[] = [];
  const actor = (userId: string, role: Role | null = "admin", teamId = home): Actor => ({
    userId,
    teamId,
    role,
    requestId: `req-${userId}`,
    now,
  });

  // The figures' use cases the Home and the digest are built over, for one task force.
  const figuresFor = (taskForce: TaskForceScope) => {
    return {
      compstat: compstatUseCases({ db, taskForce }),
      hotspots: hotspotUseCases({ db, taskForce }),
      multiYear: multiYearUseCases({ db, taskForce }),
      linked: linkedUseCases({ db, taskForce }),
      effort: unitEffortUseCases({ db, taskForce }),
      seizures: seizureUseCases({ db, taskForce }),
    };
  };
  const useCasesFor = (taskForce: TaskForceScope) => {
    const figures = figuresFor(taskForce);
    const logger = createLogger("silent");
    const content = digestContentUseCases({
      db,
      taskForce,
      ...figures,
      narrate: (report, extras) => writeNarrative(narrativeFacts(report, extras), undefined, logger),
    });
    const digests = digestUseCases({
      db,
      taskForce,
      content,
      logger,
      replicaId: `replica-${taskForce.id}`,
      removal: bot.bot.services.installation.removal,
    });
    const audit = auditQueryUseCases({ db, taskForce });
    return {
      assignments: assignmentUseCases({ db, taskForce }),
      roles: roleUseCases({ db, taskForce, admins: bot.bot.services.access.admins }),
      workspaces: workspaceUseCases({ db, taskForce }),
      reference: referenceAdminUseCases({ db, taskForce }),
      areaPopulation: areaPopulationUseCases({ db, taskForce }),
      exports: exportUseCases({ db, taskForce }),
      audit,
      digests,
      home: homeUseCases({ db, taskForce, ...figures, digests, audit }),
      accessOf: (userId: string, teamId = home) =>
        resolveAccess(db, bot.bot.services.access, taskForce.id, { teamId, userId }, today),
    };
  };
  let tf1: ReturnType<typeof useCasesFor>;
  let tf2: ReturnType<typeof useCasesFor>;
  const assign = (
    uc: ReturnType<typeof useCasesFor>,
    userId: string,
    unit: string,
    fields: Partial<RegisterAssignmentInput>,
    teamId = home,
  ) => uc.assignments.register({ member: { teamId, userId }, unit, areas: [], ...fields }, actor(admin));
  const publisher = () => slackDigestPublisher(bot.bot.slack.app.client, createLogger("silent"));

  /** Writes incidents and seizures as rows: their own use cases are tested elsewhere. */
  async function record(taskForceId: number) {
    const unit = (code: string) => db.unit.findFirstOrThrow({ where: { taskForceId, code } });
    const area = (code: string) => db.area.findFirstOrThrow({ where: { taskForceId, code } });
    const agency = (code: string) => db.agency.findFirstOrThrow({ where: { code } });
    const member = (userId: string) =>
      db.member.findUniqueOrThrow({ where: { teamId_slackUserId: { teamId: home, slackUserId: userId } } });
    return {
      async incident(
        reporter: string,
        kind: "shooting" | "stolen_vehicle" | "recovered_vehicle",
        localDate: string,
        localTime: string,
        areaCode: string,
        victims: { fatal?: number; injured?: number } = {},
      ) {
        await db.incident.create({
          data: {
            taskForceId,
            kind,
            localDate,
            localTime,
            occurredAt: resolveLocalTime(localDate, localTime, zone).instant,
            areaId: (await area(areaCode)).id,
            fatalVictims: victims.fatal ?? 0,
            injuredVictims: victims.injured ?? 0,
            reporterId: (await member(reporter)).id,
            source: "slack",
          },
        });
      },
      async seizure(
        reporter: string,
        occurredOn: string,
        unitCode: string,
        agencyCode: string,
        firearms = 1,
      ) {
        await db.seizureReport.create({
          data: {
            taskForceId,
            occurredOn,
            reporterId: (await member(reporter)).id,
            unitId: (await unit(unitCode)).id,
            agencyId: (await agency(agencyCode)).id,
            firearms,
          },
        });
      },
    };
  }

  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => now });
    db = bot.database.db.prisma;
    home = bot.emulator.team.id;
    // The bot seeded Hartford's reference data; seeding is per task force.
    seeded.push(await seedReferenceData(db));
    await db.taskForce.create({
      data: { code: "newhaven", name: "New Haven Shooting Task Force", timeZone: zone, weekStart: "sunday" },
    });
    seeded.push(await seedReferenceData(db, newHavenReference, newHaven.id));
    seeded.push(await seedReferenceData(db, newHavenReference, newHaven.id));
    tf1 = useCasesFor(hartford);
    tf2 = useCasesFor(newHaven);
    const a = actor(admin);
    const [h1, h2, h3] = hartfordOnly;

    // Hartford: 8 audited writes.
    await assign(tf1, h1, "vctf", { agency: "HPD", from: "2025-03-01" });
    await assign(tf1, h2, "sntf", { agency: "CSP", from: "2025-03-09" });
    await assign(tf1, both, "vctf", { agency: "HPD", areas: ["frog-hollow"], from: "2025-02-01" });
    await assign(tf1, h3, "attf", { agency: "HPD", from: "2025-01-01", to: "2025-03-05" });
    await tf1.workspaces.mapWorkspace({ teamId: partnerTeam, agency: "DOC" }, a);
    // No agency given: the workspace's mapping gives DOC.
    await assign(tf1, partner, "parole", { from: "2025-03-03" }, partnerTeam);
    bot.emulator.setChannel("C0HARTDIG1", { isMember: true, name: "hartford-digest" });
    bot.emulator.setChannel("C0NEWHDIG1", { isMember: true, name: "newhaven-digest" });
    await tf1.digests.addSchedule({ channelId: "C0HARTDIG1" }, a, publisher());
    await tf1.roles.setRole({ person: { teamId: home, userId: promoted }, role: "none" }, a);

    // New Haven: 9 audited writes.
    await tf2.reference.add({ kind: "unit", code: "sntf", name: "Street Narcotics Team" }, a);
    await tf2.reference.rename({ kind: "unit", code: "vctf", name: "New Haven Violent Crimes" }, a);
    await assign(tf2, newHavenOnly, "vctf", { agency: "CSP", areas: ["downtown"], from: "2025-03-02" });
    await assign(tf2, both, "vctf", { agency: "FBI", areas: ["fair-haven"], from: "2025-03-09" });
    await tf2.roles.setRole({ person: { teamId: home, userId: promoted }, role: "leadership" }, a);
    await tf2.areaPopulation.setPopulation({ area: "downtown", population: "5000" }, a);
    await tf2.reference.retire({ kind: "area", code: "hill" }, a);
    await tf2.digests.addSchedule({ channelId: "C0NEWHDIG1" }, a, publisher());
    await tf2.assignments.end({ member: { teamId: home, userId: both }, on: today }, a);

    const hart = await record(hartford.id);
    // In the digest's 24 hours (2025-03-09 07:00 to 2025-03-10 07:00 EDT): a shooting and a theft.
    await hart.incident(h1, "shooting", "2025-03-09", "22:00", "frog-hollow", { fatal: 1, injured: 1 });
    await hart.incident(both, "stolen_vehicle", "2025-03-10", "05:00", "downtown");
    await hart.incident(h1, "shooting", "2025-03-01", "12:00", "downtown", { injured: 1 });
    await hart.seizure(h1, "2025-03-08", "vctf", "HPD");
    await hart.seizure(h1, "2025-03-09", "vctf", "HPD", 2);
    await hart.seizure(both, "2025-03-07", "vctf", "HPD");
    const newh = await record(newHaven.id);
    await newh.incident(newHavenOnly, "shooting", "2025-03-09", "20:00", "downtown", { injured: 2 });
    await newh.incident(both, "shooting", "2025-03-10", "01:30", "fair-haven", { injured: 1 });
    await newh.incident(both, "recovered_vehicle", "2025-03-09", "12:00", "fair-haven");
    await newh.incident(newHavenOnly, "stolen_vehicle", "2025-03-05", "09:00", "downtown");
    await newh.seizure(newHavenOnly, "2025-03-09", "vctf", "CSP", 3);
    await newh.seizure(both, "2025-03-08", "vctf", "FBI");
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("seeds reference data per task force: codes repeat across them, agencies are shared", async () => {
    // Hartford was seeded at start: nothing missing. New Haven: 2 units and 3 areas, then nothing.
    expect(seeded).toEqual([0, 5, 0]);
    const units = (taskForceId: number) =>
      db.unit.findMany({
        where: { taskForceId },
        orderBy: { code: "asc" },
        select: { code: true, name: true },
      });
    expect(await units(1)).toEqual([
      { code: "attf", name: "Auto Theft Task Force" },
      { code: "parole", name: "Parole Supervision" },
      { code: "sntf", name: "Statewide Narcotics Task Force" },
      { code: "tsu", name: "Traffic Services Unit" },
      { code: "vctf", name: "Violent Crimes Task Force" },
    ]);
    // Added and renamed in New Haven alone.
    expect(await units(2)).toEqual([
      { code: "gang", name: "Gang Unit" },
      { code: "sntf", name: "Street Narcotics Team" },
      { code: "vctf", name: "New Haven Violent Crimes" },
    ]);
    expect(await db.area.count({ where: { taskForceId: 1 } })).toBe(19);
    const downtowns = await db.area.findMany({
      where: { code: { in: ["downtown", "hill"] } },
      orderBy: [{ taskForceId: "asc" }, { code: "asc" }],
      select: { taskForceId: true, code: true, population: true, retiredAt: true },
    });
    expect(downtowns).toEqual([
      { taskForceId: 1, code: "downtown", population: 0, retiredAt: null },
      { taskForceId: 2, code: "downtown", population: 5000, retiredAt: null },
      { taskForceId: 2, code: "hill", population: 0, retiredAt: now },
    ]);
    expect(await db.agency.count()).toBe(8);
  });

  it("refuses in one task force the units, areas and codes of the other", async () => {
    const a = actor(admin);
    await expect(assign(tf2, newHavenOnly, "attf", { agency: "CSP" })).rejects.toThrow(
      "`unit:attf`: there is no unit by that name.",
    );
    await expect(
      assign(tf2, newHavenOnly, "vctf", { agency: "CSP", areas: ["frog-hollow"] }),
    ).rejects.toThrow("`area:frog-hollow`: there is no area by that name.");
    await expect(tf1.assignments.roster({ unit: "gang", on: today }, a)).rejects.toThrow(
      "`unit:gang`: there is no unit by that name.",
    );
    await expect(tf2.reference.add({ kind: "unit", code: "gang", name: "Gangs" }, a)).rejects.toThrow(
      "The unit `gang` already exists",
    );
    await expect(tf1.reference.retire({ kind: "area", code: "hill" }, a)).rejects.toThrow(
      "There is no area `hill`",
    );
    await expect(
      tf1.areaPopulation.setPopulation({ area: "fair-haven", population: "100" }, a),
    ).rejects.toThrow("There is no area `fair-haven`");
    // Hartford's assignments are not New Haven's to end.
    await expect(
      tf2.assignments.end({ member: { teamId: home, userId: hartfordOnly[0] } }, a),
    ).rejects.toThrow(`<@${hartfordOnly[0]}> has no assignment running on ${today}.`);
    // Nothing above wrote anything.
    expect(await db.assignment.count()).toBe(7);
  });

  it("lists each task force's roster alone", async () => {
    const a = actor(admin);
    const [h1, h2] = hartfordOnly;
    const roster1 = await tf1.assignments.roster({ on: today }, a);
    expect(roster1.total).toBe(4);
    expect(roster1.groups.map((g) => [g.unit, g.agency, g.assignments.map((x) => x.memberUserId)])).toEqual([
      ["Parole Supervision", "DOC", [partner]],
      ["Statewide Narcotics Task Force", "CSP", [h2]],
      ["Violent Crimes Task Force", "HPD", [both, h1]],
    ]);
    const roster2 = await tf2.assignments.roster({ on: today }, a);
    expect(roster2.total).toBe(2);
    expect(roster2.groups.map((g) => [g.unit, g.agency, g.assignments.map((x) => x.memberUserId)])).toEqual([
      ["New Haven Violent Crimes", "CSP", [newHavenOnly]],
      ["New Haven Violent Crimes", "FBI", [both]],
    ]);
    expect(roster2.groups[1]?.assignments[0]).toMatchObject({ areas: ["Fair Haven"], endDate: today });
    // The same code names each task force's own unit.
    expect((await tf1.assignments.roster({ unit: "vctf", on: today }, a)).total).toBe(2);
    expect((await tf2.assignments.roster({ unit: "vctf", on: today }, a)).total).toBe(2);
    expect((await tf1.assignments.roster({ unit: "sntf", on: today }, a)).total).toBe(1);
    expect((await tf2.assignments.roster({ unit: "sntf", on: today }, a)).total).toBe(0);
    // Ending the New Haven assignment left the Hartford one running.
    const bothRows = await db.assignment.findMany({
      where: { member: { slackUserId: both } },
      orderBy: { taskForceId: "asc" },
      select: { taskForceId: true, endDate: true },
    });
    expect(bothRows).toEqual([
      { taskForceId: 1, endDate: null },
      { taskForceId: 2, endDate: today },
    ]);
  });

  it("resolves a role within one task force: a New Haven grant gives nothing in Hartford", async () => {
    expect(await tf2.accessOf(promoted)).toEqual({ role: "leadership" });
    expect(await tf1.accessOf(promoted)).toEqual({ role: null });
    // Hartford's "none" revoked nothing of New Haven's.
    const grants = await db.roleGrant.findMany({
      select: { taskForceId: true, role: true, revokedAt: true },
    });
    expect(grants).toEqual([{ taskForceId: 2, role: "leadership", revokedAt: null }]);
    // An assignment makes a member only in its own task force.
    expect(await tf1.accessOf(hartfordOnly[0])).toEqual({ role: "member" });
    expect(await tf2.accessOf(hartfordOnly[0])).toEqual({ role: null });
    expect(await tf1.accessOf(newHavenOnly)).toEqual({ role: null });
    expect(await tf2.accessOf(newHavenOnly)).toEqual({ role: "member" });
    expect(await tf1.accessOf(both)).toEqual({ role: "member" });
    expect(await tf2.accessOf(both)).toEqual({ role: "member" });
    // TF_ADMINS stay admins everywhere.
    expect(await tf1.accessOf(admin)).toEqual({ role: "admin" });
    expect(await tf2.accessOf(admin)).toEqual({ role: "admin" });
    // Through Slack (Hartford) the promoted person has no access.
    expect(await bot.bot.services.accessOf({ teamId: home, userId: promoted }, now)).toEqual({ role: null });
  });

  it("maps a workspace in one task force only", async () => {
    expect((await agencyOfWorkspace(db, 1, partnerTeam))?.code).toBe("DOC");
    expect(await agencyOfWorkspace(db, 2, partnerTeam)).toBeNull();
    expect(await tf1.accessOf(partner, partnerTeam)).toEqual({ role: "member" });
    // Unmapped in New Haven: capped at viewer there (and holding nothing there anyway).
    expect(await tf2.accessOf(partner, partnerTeam)).toEqual({ role: null, unmappedWorkspace: partnerTeam });
    // The partner's Hartford assignment got DOC from the mapping; New Haven cannot attribute one.
    const a = actor(admin);
    await expect(assign(tf2, partner, "gang", {}, partnerTeam)).rejects.toThrow(
      "their Slack workspace is not mapped to an agency",
    );
    await expect(tf2.workspaces.mapWorkspace({ teamId: partnerTeam, agency: "CSP" }, a)).rejects.toThrow(
      "is mapped to an agency in another task force",
    );
    expect(await db.workspace.findMany({ select: { teamId: true, taskForceId: true } })).toEqual([
      { teamId: partnerTeam, taskForceId: 1 },
    ]);
  });

  it("builds each task force's Home from its own assignments, entries, schedules and audit events", async () => {
    const member = actor(both, "member");
    const home1 = await tf1.home.build(member);
    expect(home1.assignments?.total).toBe(1);
    expect(home1.assignments?.items.map((x) => [x.unit.name, x.agency.code])).toEqual([
      ["Violent Crimes Task Force", "HPD"],
    ]);
    expect(home1.entries?.total).toBe(2);
    expect(home1.entries?.items.map((e) => [e.kind, e.date])).toEqual([
      ["stolen_vehicle", "2025-03-10"],
      ["seizure", "2025-03-07"],
    ]);
    expect(home1.compstat).toBeDefined();
    const home2 = await tf2.home.build(member);
    expect(home2.assignments?.total).toBe(1);
    expect(home2.assignments?.items.map((x) => [x.unit.name, x.agency.code, x.endDate])).toEqual([
      ["New Haven Violent Crimes", "FBI", today],
    ]);
    expect(home2.entries?.total).toBe(3);
    expect(home2.entries?.items.map((e) => [e.kind, e.date])).toEqual([
      ["shooting", "2025-03-10"],
      ["recovered_vehicle", "2025-03-09"],
      ["seizure", "2025-03-08"],
    ]);
    expect(home2.compstat).toBeDefined();

    const admin1 = await tf1.home.build(actor(admin));
    expect(admin1.schedules?.items.map((s) => s.channelId)).toEqual(["C0HARTDIG1"]);
    expect(admin1.audit?.total).toBe(8);
    expect(admin1.assignments?.total).toBe(0);
    const admin2 = await tf2.home.build(actor(admin));
    expect(admin2.schedules?.items.map((s) => s.channelId)).toEqual(["C0NEWHDIG1"]);
    expect(admin2.audit?.total).toBe(9);
  });

  it("lists each task force's audit events alone", async () => {
    const actions = async (uc: typeof tf1) =>
      (await uc.audit.recent({ limit: 50 })).map((e) => e.action).sort();
    expect(await tf1.audit.count()).toBe(8);
    expect(await actions(tf1)).toEqual([
      "admin.role",
      "admin.workspace",
      "assignment.create",
      "assignment.create",
      "assignment.create",
      "assignment.create",
      "assignment.create",
      "digest.schedule.add",
    ]);
    expect(await tf2.audit.count()).toBe(9);
    expect(await actions(tf2)).toEqual([
      "admin.area.population",
      "admin.area.retire",
      "admin.role",
      "admin.unit.add",
      "admin.unit.rename",
      "assignment.create",
      "assignment.create",
      "assignment.end",
      "digest.schedule.add",
    ]);
    expect(await db.auditEvent.count()).toBe(17);
    expect((await tf2.audit.recent({ limit: 50, since: today })).length).toBe(9);
    expect((await tf2.audit.recent({ limit: 50, since: "2025-03-11" })).length).toBe(0);
  });

  it("builds each task force's digest from its own incidents and roster changes", async () => {
    const digest1 = await tf1.digests.preview(today);
    expect(digest1.last24h).toEqual({ shootings: 1, victims: 2, fatal: 1, stolen: 1, recovered: 0 });
    expect(digest1.incidents.map((i) => [i.kind, i.localDate, i.localTime, i.area])).toEqual([
      ["shooting", "2025-03-09", "22:00", "Frog Hollow"],
      ["stolen_vehicle", "2025-03-10", "05:00", "Downtown"],
    ]);
    expect(digest1.moreIncidents).toBe(0);
    expect(digest1.roster).toEqual([
      { unit: "Statewide Narcotics Task Force", agency: "CSP", started: 1, ended: 0 },
    ]);
    expect(digest1.compstat).toBeDefined();
    expect(digest1.narrative?.source).toBe("template");

    const digest2 = await tf2.digests.preview(today);
    expect(digest2.last24h).toEqual({ shootings: 2, victims: 3, fatal: 0, stolen: 0, recovered: 1 });
    expect(digest2.incidents.map((i) => [i.kind, i.localDate, i.localTime, i.area])).toEqual([
      ["recovered_vehicle", "2025-03-09", "12:00", "Fair Haven"],
      ["shooting", "2025-03-09", "20:00", "Downtown"],
      ["shooting", "2025-03-10", "01:30", "Fair Haven"],
    ]);
    expect(digest2.roster).toEqual([
      { unit: "New Haven Violent Crimes", agency: "FBI", started: 1, ended: 1 },
    ]);
  });

  it("keeps each task force's digest channels its own, and posts each due channel exactly once", async () => {
    const a = actor(admin);
    await expect(tf2.digests.addSchedule({ channelId: "C0HARTDIG1" }, a, publisher())).rejects.toThrow(
      "has another task force's digest schedule",
    );
    await expect(tf2.digests.removeSchedule("C0HARTDIG1", a)).rejects.toThrow("has no digest schedule");
    expect((await tf1.digests.listSchedules()).map((s) => s.channelId)).toEqual(["C0HARTDIG1"]);
    expect((await tf2.digests.listSchedules()).map((s) => s.channelId)).toEqual(["C0NEWHDIG1"]);

    // 07:00:30 EDT the next morning: each task force's scheduler posts its own channel.
    const tick = new Date("2025-03-11T11:00:30Z");
    expect(await tf1.digests.runDue(tick, publisher())).toEqual([
      { channelId: "C0HARTDIG1", localDate: "2025-03-11", outcome: "posted" },
    ]);
    expect(await tf2.digests.runDue(tick, publisher())).toEqual([
      { channelId: "C0NEWHDIG1", localDate: "2025-03-11", outcome: "posted" },
    ]);
    expect(await tf1.digests.runDue(tick, publisher())).toEqual([]);
    expect(await tf2.digests.runDue(tick, publisher())).toEqual([]);
    const posts = (channel: string) =>
      bot.emulator.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === channel && c.ok);
    expect(posts("C0HARTDIG1")).toHaveLength(1);
    expect(posts("C0NEWHDIG1")).toHaveLength(1);
    // The roster changes the digest itself reads: New Haven's of 10 March, under its unit's name,
    // in its channel alone.
    const rosterSection = (channel: string) => {
      const blocks = posts(channel)[0]?.args.blocks as Array<{ text?: { text: string } }>;
      return blocks.map((b) => b.text?.text ?? "").find((t) => t.startsWith("*Roster changes*"));
    };
    expect(rosterSection("C0HARTDIG1")).toBe("*Roster changes*\nNone.");
    expect(rosterSection("C0NEWHDIG1")).toBe(
      "*Roster changes*\n• New Haven Violent Crimes (FBI): 0 starting, 1 ending",
    );
    expect(await db.digestRun.count()).toBe(2);
  });

  it("exports each task force's rows alone", async () => {
    const period = { from: "2025-03-01", to: today, label: "March" };
    const rows = async (
      uc: typeof tf1,
      kind: "seizures" | "incidents" | "assignments" | "audit",
      p = period,
    ) => {
      const result = await uc.exports.exportCsv({ kind, period: p }, actor(admin));
      const parsed = parse(result.content.toString("utf8"), { bom: true, columns: true }) as Record<
        string,
        string
      >[];
      expect(parsed).toHaveLength(result.rows);
      return parsed;
    };
    const [h1, h2, h3] = hartfordOnly;
    const seizures1 = await rows(tf1, "seizures");
    expect(seizures1.map((r) => [r.reporter, r.date, r.unit, r.agency, r.guns])).toEqual([
      [h1, "2025-03-08", "vctf", "HPD", "1"],
      [h1, "2025-03-09", "vctf", "HPD", "2"],
      [both, "2025-03-07", "vctf", "HPD", "1"],
    ]);
    const seizures2 = await rows(tf2, "seizures");
    expect(seizures2.map((r) => [r.reporter, r.date, r.unit, r.agency, r.guns])).toEqual([
      [newHavenOnly, "2025-03-09", "vctf", "CSP", "3"],
      [both, "2025-03-08", "vctf", "FBI", "1"],
    ]);
    expect((await rows(tf1, "incidents")).map((r) => [r.kind, r.local_date, r.area])).toEqual([
      ["shooting", "2025-03-09", "frog-hollow"],
      ["stolen_vehicle", "2025-03-10", "downtown"],
      ["shooting", "2025-03-01", "downtown"],
    ]);
    expect((await rows(tf2, "incidents")).map((r) => [r.kind, r.local_date, r.area])).toEqual([
      ["shooting", "2025-03-09", "downtown"],
      ["shooting", "2025-03-10", "fair-haven"],
      ["recovered_vehicle", "2025-03-09", "fair-haven"],
      ["stolen_vehicle", "2025-03-05", "downtown"],
    ]);
    expect((await rows(tf1, "assignments")).map((r) => [r.member, r.unit, r.agency])).toEqual([
      [h1, "vctf", "HPD"],
      [h2, "sntf", "CSP"],
      [both, "vctf", "HPD"],
      [h3, "attf", "HPD"],
      [partner, "parole", "DOC"],
    ]);
    expect((await rows(tf2, "assignments")).map((r) => [r.member, r.unit, r.agency, r.areas])).toEqual([
      [newHavenOnly, "vctf", "CSP", "downtown"],
      [both, "vctf", "FBI", "fair-haven"],
    ]);
    // The audit rows of 10 March: the setup's, and the three exports just made in each.
    const day = { from: today, to: today, label: today };
    expect(
      (await rows(tf1, "audit", day)).map((r) => r.action).filter((x) => x?.startsWith("export.")),
    ).toEqual(["export.seizures", "export.incidents", "export.assignments"]);
    expect(await rows(tf1, "audit", day)).toHaveLength(8 + 4);
    expect(await rows(tf2, "audit", day)).toHaveLength(9 + 3);
    expect(await db.auditEvent.count({ where: { taskForceId: null } })).toBe(0);
    // The task force is stored beside the chained content; the chain still holds.
    const chain = await verifyAuditChain(db);
    expect(chain.broken).toBeUndefined();
    expect(chain.checked).toBe(await db.auditEvent.count());
  });

  it("leaves a removed schedule its task force's: another cannot take the channel over", async () => {
    const a = actor(admin);
    await tf1.digests.removeSchedule("C0HARTDIG1", a);
    await expect(tf2.digests.addSchedule({ channelId: "C0HARTDIG1" }, a, publisher())).rejects.toThrow(
      "<#C0HARTDIG1> has another task force's digest schedule.",
    );
    expect(await tf1.digests.listSchedules()).toEqual([]);
    expect((await tf2.digests.listSchedules()).map((s) => s.channelId)).toEqual(["C0NEWHDIG1"]);
    // Hartford adds it back as its own.
    const again = await tf1.digests.addSchedule({ channelId: "C0HARTDIG1" }, a, publisher());
    expect(again.created).toBe(true);
    expect(
      await db.digestChannel.findMany({
        select: { channelId: true, taskForceId: true },
        orderBy: { channelId: "asc" },
      }),
    ).toEqual([
      { channelId: "C0HARTDIG1", taskForceId: 1 },
      { channelId: "C0NEWHDIG1", taskForceId: 2 },
    ]);
  });

  it("made no call that breaks Slack's contract", () => {
    expect(bot.emulator.violations).toEqual([]);
  });

  it("acts in the task force tf: names, or the channel's, and refuses one the caller holds no role in", async () => {
    // Through Slack: with two task forces and no channel bound, a state admin is asked which;
    // `tf:` answers it, after the verb like any option, and each roster is its own.
    expect(await bot.reply(`roster on:${today}`, { userId: admin })).toBe(
      ":warning: This channel is not bound to a task force, and you may act in more than one. Say which with `tf:<code>`, e.g. `tf:hartford`. Yours: `hartford` (Hartford Shooting Task Force), `newhaven` (New Haven Shooting Task Force).",
    );
    expect(await bot.reply(`roster on:${today} tf:hartford`, { userId: admin })).toBe(
      `Roster on ${today}: 4 assigned.`,
    );
    expect(await bot.reply(`roster tf:newhaven on:${today}`, { userId: admin })).toBe(
      `Roster on ${today}: 2 assigned.`,
    );
    // Someone assigned only in New Haven acts there without `tf:`, and naming Hartford is refused, audited.
    expect(await bot.reply(`roster on:${today}`, { userId: newHavenOnly })).toBe(
      `Roster on ${today}: 2 assigned.`,
    );
    expect(await bot.reply(`roster on:${today} tf:hartford`, { userId: newHavenOnly })).toBe(
      ":warning: You hold no role in Hartford Shooting Task Force (`hartford`). Say which with `tf:<code>`, e.g. `tf:newhaven`. Yours: `newhaven` (New Haven Shooting Task Force).",
    );
    expect(
      await db.auditEvent.count({ where: { actorUserId: newHavenOnly, outcome: "denied", taskForceId: 1 } }),
    ).toBe(1);
    // A channel bound to New Haven acts in it without `tf:`.
    await db.channelBinding.create({ data: { channelId: "C0NEWHAVEN", taskForceId: 2, boundBy: admin } });
    expect(await bot.reply(`roster on:${today}`, { userId: admin, channelId: "C0NEWHAVEN" })).toContain(
      ": 2 assigned.",
    );
    expect(await bot.reply(`roster on:${today} tf:stamford`, { userId: admin })).toBe(
      ":warning: There is no task force `stamford`. Say which with `tf:<code>`, e.g. `tf:hartford`. Yours: `hartford` (Hartford Shooting Task Force), `newhaven` (New Haven Shooting Task Force).",
    );
  });
});
