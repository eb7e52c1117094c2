// A single-city database from before task forces, upgraded in place, gives the same figures as the
// same records written at today's schema: nothing is lost, everything lands in the first task force.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/bootstrap.js";
import { loadConfig } from "../../src/config/env.js";
import type { Database } from "../../src/db/client.js";
import { applyMigrations } from "../../src/db/migrate.js";
import { addDays } from "../../src/domain/time/local-date.js";
import { createLogger } from "../../src/infra/logger.js";
import type { Actor } from "../../src/usecases/actor.js";
import { createServices } from "../../src/usecases/services.js";
import { createEmptyTestDatabase, testEngine } from "../helpers/database.js";

const lastMigrationBeforeTaskForces = "20261206060001_incident_link";
const asOf = "2025-03-10";
const tables = [
  "Agency",
  "Unit",
  "Area",
  "Member",
  "RoleGrant",
  "Assignment",
  "AssignmentArea",
  "SeizureReport",
  "SeizureNarcotic",
  "Incident",
  "IncidentLink",
  "DigestChannel",
  "Workspace",
  "AuditEvent",
  "TaskForceAgency",
] as const;

const instant = (iso: string) =>
  testEngine === "sqlite" ? `'${iso.replace("Z", "+00:00")}'` : `'${iso.replace("T", " ").replace("Z", "")}'`;
const text = (value: string | null) => (value === null ? "NULL" : `'${value.replace(/'/g, "''")}'`);

/** The same records as SQL both schemas take: no column that only today's schema has. */
function fixture(): string[] {
  const at = instant("2025-01-02T10:00:00.000Z");
  const rows: string[] = [
    `INSERT INTO "Agency" ("id", "code", "name", "createdAt") VALUES (1, 'HPD', 'Hartford Police', ${at}), (2, 'CSP', 'State Police', ${at})`,
    `INSERT INTO "Unit" ("id", "code", "name", "createdAt") VALUES (1, 'vctf', 'Violent Crimes Task Force', ${at}), (2, 'tsu', 'Traffic Services Unit', ${at})`,
    `INSERT INTO "Area" ("id", "code", "name", "kind", "population", "createdAt") VALUES (1, 'frog-hollow', 'Frog Hollow', 'neighborhood', 21000, ${at}), (2, 'south-end', 'South End', 'neighborhood', 0, ${at}), (3, 'i-84-ramps', 'I-84 ramps', 'highway', 0, ${at})`,
    `INSERT INTO "Member" ("id", "slackUserId", "teamId", "createdAt") VALUES (1, 'U0DETECT01', 'T0TASKF0RC', ${at}), (2, 'U0CHIEF001', 'T0TASKF0RC', ${at})`,
    `INSERT INTO "RoleGrant" ("id", "memberId", "role", "grantedBy", "grantedAt") VALUES (1, 2, 'leadership', 'U0ADMIN001', ${at})`,
    `INSERT INTO "Assignment" ("id", "memberId", "agencyId", "unitId", "startDate", "registeredBy", "registeredAt") VALUES (1, 1, 1, 1, '2025-01-01', 'U0ADMIN001', ${at}), (2, 2, 2, 2, '2024-06-01', 'U0ADMIN001', ${at})`,
    `INSERT INTO "AssignmentArea" ("assignmentId", "areaId") VALUES (1, 1)`,
    `INSERT INTO "Workspace" ("teamId", "agencyId", "mappedBy", "mappedAt") VALUES ('T0STATEPOL', 2, 'U0ADMIN001', ${at})`,
    `INSERT INTO "DigestChannel" ("id", "channelId", "timeZone", "createdBy", "createdAt") VALUES (1, 'C0LEADERS1', 'America/New_York', 'U0ADMIN001', ${at})`,
    `INSERT INTO "AuditEvent" ("at", "actorUserId", "actorTeamId", "action", "outcome", "after") VALUES (${at}, 'U0ADMIN001', 'T0TASKF0RC', 'admin.role', 'ok', '{"role":"leadership"}')`,
  ];
  // 90 incidents, one every 5 days from 2024-01-03: shootings, thefts and recoveries in turn.
  const kinds = ["shooting", "stolen_vehicle", "recovered_vehicle"] as const;
  for (let i = 0; i < 90; i++) {
    const kind = kinds[i % 3] as (typeof kinds)[number];
    const localDate = addDays("2024-01-03", i * 5);
    const occurred = instant(`${localDate}T17:00:00.000Z`);
    const fatal = kind === "shooting" && i % 4 === 0 ? 1 : 0;
    const injured = kind === "shooting" ? 1 + (i % 2) : 0;
    const voided = i % 17 === 0 ? occurred : "NULL";
    rows.push(
      `INSERT INTO "Incident" ("id", "kind", "occurredAt", "localDate", "localTime", "areaId", "caseNumber", "fatalVictims", "injuredVictims", "source", "externalKey", "createdAt", "updatedAt", "voidedAt") VALUES (${i + 1}, '${kind}', ${occurred}, '${localDate}', '12:00', ${1 + (i % 3)}, ${text(`25-${i}`)}, ${fatal}, ${injured}, 'test', 'k${i}', ${occurred}, ${occurred}, ${voided})`,
    );
  }
  // Each shooting 3k+1 linked to the theft 3k+2 (5 days later: the order does not matter for a
  // vehicle used); every other theft recovered by the recovery after it (5 days).
  for (let k = 0; k < 30; k++) {
    rows.push(
      `INSERT INTO "IncidentLink" ("kind", "incidentId", "stolenId", "source", "createdAt") VALUES ('vehicle_used', ${3 * k + 1}, ${3 * k + 2}, 'slack', ${at})`,
    );
    if (k % 2 === 0) {
      rows.push(
        `INSERT INTO "IncidentLink" ("kind", "incidentId", "stolenId", "recoveryOf", "recoveredBy", "recoveryDays", "source", "createdAt") VALUES ('recovery', ${3 * k + 3}, ${3 * k + 2}, ${3 * k + 2}, ${3 * k + 3}, 5, 'slack', ${at})`,
      );
    }
  }
  for (let i = 0; i < 12; i++) {
    const day = addDays("2024-02-01", i * 37);
    rows.push(
      `INSERT INTO "SeizureReport" ("id", "occurredOn", "reporterId", "unitId", "agencyId", "areaId", "firearms", "currencyCents", "arrests", "trafficStops", "citations", "createdAt") VALUES (${i + 1}, '${day}', 1, ${1 + (i % 2)}, ${1 + (i % 2)}, ${i % 2 === 0 ? 1 : 3}, ${i % 3}, ${i * 10_000}, ${i % 2}, ${i * 2}, ${i}, ${at})`,
      `INSERT INTO "SeizureNarcotic" ("reportId", "drugCode", "drugName", "quantity", "unit", "massMg") VALUES (${i + 1}, 'H', 'fentanyl', ${i + 1}, 'g', ${(i + 1) * 1000})`,
    );
  }
  return rows;
}

async function insertFixture(database: Database): Promise<void> {
  for (const statement of fixture()) await database.prisma.$executeRawUnsafe(statement);
  if (testEngine === "postgresql") {
    // Explicit ids leave the sequences behind; as a real database's would not be.
    for (const table of [
      "Agency",
      "Unit",
      "Area",
      "Member",
      "RoleGrant",
      "Assignment",
      "SeizureReport",
      "Incident",
    ]) {
      await database.prisma.$executeRawUnsafe(
        `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT MAX("id") FROM "${table}"))`,
      );
    }
  }
}

async function figuresOf(database: Database) {
  const config = loadConfig({ LOG_LEVEL: "silent", TF_ADMINS: "U0ADMIN001" });
  const services = createServices({
    config,
    home: { teamId: "T0TASKF0RC" },
    database,
    logger: createLogger("silent"),
  });
  const actor: Actor = {
    userId: "U0ADMIN001",
    teamId: "T0TASKF0RC",
    role: "admin",
    requestId: "upgrade",
    now: new Date("2025-03-10T15:00:00Z"),
  };
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await database.prisma.$queryRawUnsafe<Array<{ n: unknown }>>(
      `SELECT COUNT(*) AS "n" FROM "${table}"`,
    );
    counts[table] = Number(row?.n);
  }
  return {
    counts,
    compstat: await services.compstat.report({ asOf, subject: "all" }),
    byArea: await services.compstat.report({ asOf, subject: "all", by: "area" }),
    byUnit: await services.compstat.report({ asOf, subject: "seizures", by: "unit" }),
    byAgency: await services.compstat.report({ asOf, subject: "seizures", by: "agency" }),
    hotspots: await services.hotspots.hotspots({ asOf }),
    multiYear: await services.multiYear.multiYear({ asOf }),
    linked: await services.linked.linked({ asOf }),
    tally: await services.seizures.tally({ period: { from: "2024-01-01", to: asOf, label: "all" } }),
    effort: await services.effort.compared({ asOf }),
    roster: await services.assignments.roster({ on: asOf }, actor),
  };
}

describe(`a single-city database upgraded to task forces (${testEngine})`, () => {
  let upgraded: Database | undefined;
  let fresh: Database | undefined;
  const drops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    const before = await createEmptyTestDatabase();
    drops.push(before.drop);
    await applyMigrations(before.url, { through: lastMigrationBeforeTaskForces });
    const old = await openDatabaseAt(before.url);
    await insertFixture(old);
    await old.close();
    upgraded = await openDatabase(before.url, createLogger("silent"));

    // The same records written at today's schema, then started the same way.
    const today = await createEmptyTestDatabase();
    drops.push(today.drop);
    await applyMigrations(today.url);
    const current = await openDatabaseAt(today.url);
    await insertFixture(current);
    await current.close();
    fresh = await openDatabase(today.url, createLogger("silent"));
  });
  afterAll(async () => {
    await upgraded?.close();
    await fresh?.close();
    for (const drop of drops) await drop();
  });

  it("keeps every row, puts it in the first task force, and gives the same figures", async () => {
    const db = upgraded as Database;
    const after = await figuresOf(db);
    const written = await figuresOf(fresh as Database);
    // Nothing lost: 90 incidents, 45 links (30 + 15), 12 seizure reports and their narcotics.
    expect(after.counts).toMatchObject({
      Incident: 90,
      IncidentLink: 45,
      SeizureReport: 12,
      SeizureNarcotic: 12,
      Assignment: 2,
      RoleGrant: 1,
      // The fixture's 2 agencies and the partnership's other 6, all taking part in the first task force.
      TaskForceAgency: 8,
    });
    expect(after.counts).toEqual(written.counts);
    expect(await db.prisma.taskForce.findMany({ select: { id: true, code: true } })).toEqual([
      { id: 1, code: "hartford" },
    ]);
    for (const table of [
      "Unit",
      "Area",
      "Workspace",
      "RoleGrant",
      "Assignment",
      "SeizureReport",
      "Incident",
      "DigestChannel",
      "AuditEvent",
    ]) {
      const [row] = await db.prisma.$queryRawUnsafe<Array<{ n: unknown }>>(
        `SELECT COUNT(*) AS "n" FROM "${table}" WHERE "taskForceId" IS NULL OR "taskForceId" <> 1`,
      );
      expect([table, Number(row?.n)]).toEqual([table, 0]);
    }
    // The same figures, every one, as the same records written at today's schema.
    const { counts: _a, ...figuresAfter } = after;
    const { counts: _b, ...figuresWritten } = written;
    expect(figuresAfter).toEqual(figuresWritten);
    // And a few counted by hand. Shootings are incidents 1, 4, 7, … every 15 days from 2024-01-03;
    // this year's (2025-01-01..03-10) are those on 2025-01-13, 01-28, 02-12 and 02-27, linked to the
    // thefts 77, 80, 83 and 86, of which 86 is voided (every 17th incident is): 3 linked.
    const shootings = after.compstat.rows.find((r) => r.key === "shootings");
    expect(shootings?.ytd.current).toBe(4);
    expect(after.linked.windows[2]?.linkedShootings.current).toBe(3);
    expect(after.tally.totals.reports).toBe(12 - 1);
  });
});

/** The database as the release before task forces left it: migrated, not yet upgraded. */
async function openDatabaseAt(url: string): Promise<Database> {
  const { createDatabase } = await import("../../src/db/client.js");
  return createDatabase(url);
}
