// The statewide benchmark database (PostgreSQL): task forces created as a state admin creates them
// (the app's own use case, then its reference seed), members with role grants and an assignment
// history, and each task force's share of the incidents and seizure reports (bench/lib/dataset.ts's
// rows, with the task force's ids), loaded in multi-row batches, one transaction per task force.
import pg from "pg";
import { createDatabase } from "../../src/db/client.js";
import { seedReferenceData } from "../../src/db/seed/seed.js";
import { sourceCase } from "../../src/db/seed/source-case.js";
import { addDays, type LocalDate } from "../../src/domain/time/local-date.js";
import { taskForceUseCases } from "../../src/usecases/taskforces/task-forces.js";
import {
  advanceReportIdsSql,
  DATASET_DAYS,
  type DatasetCounts,
  insertPostgresRows,
  prepare,
} from "./dataset.js";
import { random } from "./stats.js";

export interface StatewideOptions {
  taskForces: number;
  /** Spread evenly over the task forces. */
  members: number;
  incidents: number;
  asOf: LocalDate;
}

export interface SeededTaskForce {
  id: number;
  code: string;
  timeZone: string;
  weekStart: "monday" | "sunday";
  members: number;
  incidents: number;
  seizureReports: number;
}

export interface StatewideDataset {
  taskForces: SeededTaskForce[];
  members: number;
  assignments: number;
  counts: DatasetCounts;
  /** Seconds for the incident, seizure and narcotic rows alone. */
  recordLoadSeconds: number;
}

/** The state's task forces: the source case first, then nine more cities, all in one time zone. */
const cities = [
  "hartford",
  "new-haven",
  "bridgeport",
  "waterbury",
  "stamford",
  "norwalk",
  "danbury",
  "new-britain",
  "meriden",
  "bristol",
  "norwich",
  "middletown",
];

/** The workspace and channel the benchmark's commands come from; bound to the first task force. */
export const benchTeamId = "T0TASKF0RC";
export const benchChannelId = "C0TASKF0RC";

export async function seedStatewide(url: string, options: StatewideOptions): Promise<StatewideDataset> {
  if (options.taskForces < 1 || options.taskForces > cities.length)
    throw new RangeError(`--task-forces must be 1 to ${cities.length}`);
  await prepare(url);
  const database = await createDatabase(url);
  const forces: Array<{ id: number; code: string; timeZone: string; weekStart: "monday" | "sunday" }> = [];
  try {
    const useCases = taskForceUseCases({ db: database.prisma, defaultTimeZone: "America/New_York" });
    const actor = {
      userId: "UBENCHSTATE",
      teamId: benchTeamId,
      role: null,
      requestId: "bench-statewide",
      now: new Date(),
    };
    for (const [i, code] of cities.slice(0, options.taskForces).entries()) {
      const force =
        i === 0
          ? await database.prisma.taskForce.findUniqueOrThrow({ where: { id: 1 } })
          : await useCases.add({ code, name: `${cityName(code)} Shooting Task Force` }, actor);
      await seedReferenceData(database.prisma, sourceCase, force.id);
      forces.push({
        id: force.id,
        code: force.code,
        timeZone: force.timeZone,
        weekStart: force.weekStart as "monday" | "sunday",
      });
    }
  } finally {
    await database.close();
  }

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "ChannelBinding" ("channelId", "taskForceId", "boundBy") VALUES ($1, $2, 'UBENCHSTATE')`,
      [benchChannelId, forces[0]?.id],
    );
    const people = await seedPeople(client, forces, options);
    const counts: DatasetCounts = { incidents: 0, seizureReports: 0, narcotics: 0 };
    const seeded: SeededTaskForce[] = [];
    const started = performance.now();
    for (const [i, force] of forces.entries()) {
      const ids = async (table: string) =>
        (
          await client.query<{ id: number }>(
            `SELECT "id" FROM "${table}" WHERE "taskForceId" = $1 ORDER BY "id"`,
            [force.id],
          )
        ).rows.map((r) => r.id);
      const ref = {
        areaIds: await ids("Area"),
        unitIds: await ids("Unit"),
        agencyIds: (await client.query<{ id: number }>(`SELECT "id" FROM "Agency" ORDER BY "id"`)).rows.map(
          (r) => r.id,
        ),
        memberId: people.reporterOf.get(force.id) ?? 0,
      };
      // An even share, the remainder to the first: the source case is the biggest city.
      const share =
        Math.floor(options.incidents / forces.length) + (i === 0 ? options.incidents % forces.length : 0);
      await client.query("BEGIN");
      const part = await insertPostgresRows(client, { incidents: share, asOf: options.asOf }, ref, {
        taskForceId: force.id,
        seed: i,
        reportIdOffset: counts.seizureReports,
      });
      await client.query("COMMIT");
      counts.incidents += part.incidents;
      counts.seizureReports += part.seizureReports;
      counts.narcotics += part.narcotics;
      seeded.push({
        ...force,
        members: people.membersOf.get(force.id) ?? 0,
        incidents: part.incidents,
        seizureReports: part.seizureReports,
      });
    }
    await client.query(advanceReportIdsSql);
    return {
      taskForces: seeded,
      members: people.members,
      assignments: people.assignments,
      counts,
      recordLoadSeconds: (performance.now() - started) / 1000,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

function cityName(code: string): string {
  return code
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

/**
 * Members spread evenly over the task forces, each with a member role there and three assignments
 * in a row over the ten years (the last open-ended), in a unit of that task force with one of its
 * areas: so a roster on any past date holds about one assignment per member.
 */
async function seedPeople(
  client: pg.Client,
  forces: ReadonlyArray<{ id: number }>,
  options: StatewideOptions,
): Promise<{
  members: number;
  assignments: number;
  membersOf: Map<number, number>;
  reporterOf: Map<number, number>;
}> {
  const next = random(5000);
  const agencyIds = (await client.query<{ id: number }>(`SELECT "id" FROM "Agency" ORDER BY "id"`)).rows.map(
    (r) => r.id,
  );
  const unitsOf = new Map<number, number[]>();
  const areasOf = new Map<number, number[]>();
  for (const table of ["Unit", "Area"] as const) {
    const { rows } = await client.query<{ id: number; taskForceId: number }>(
      `SELECT "id", "taskForceId" FROM "${table}" ORDER BY "id"`,
    );
    const into = table === "Unit" ? unitsOf : areasOf;
    for (const row of rows) into.set(row.taskForceId, [...(into.get(row.taskForceId) ?? []), row.id]);
  }
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const members = Array.from({ length: options.members }, (_, i) => ({
    slackUserId: `UBM${String(i).padStart(6, "0")}`,
    taskForceId: (forces[i % forces.length] as { id: number }).id,
  }));
  await client.query("BEGIN");
  const { rows: inserted } = await client.query<{ id: number; slackUserId: string }>(
    `INSERT INTO "Member" ("slackUserId", "teamId", "displayName")
     SELECT u, $2, 'bench member' FROM unnest($1::text[]) AS u RETURNING "id", "slackUserId"`,
    [members.map((m) => m.slackUserId), benchTeamId],
  );
  const idOf = new Map(inserted.map((r) => [r.slackUserId, r.id]));
  const grants: { member: number[]; taskForce: number[] } = { member: [], taskForce: [] };
  const assignment = {
    taskForce: [] as number[],
    member: [] as number[],
    agency: [] as number[],
    unit: [] as number[],
    start: [] as string[],
    end: [] as Array<string | null>,
  };
  const first = addDays(options.asOf, -(DATASET_DAYS - 1));
  const membersOf = new Map<number, number>();
  const reporterOf = new Map<number, number>();
  for (const m of members) {
    const id = idOf.get(m.slackUserId) as number;
    membersOf.set(m.taskForceId, (membersOf.get(m.taskForceId) ?? 0) + 1);
    if (!reporterOf.has(m.taskForceId)) reporterOf.set(m.taskForceId, id);
    grants.member.push(id);
    grants.taskForce.push(m.taskForceId);
    // Three assignments back to back: breaks at two random days of the ten years.
    const [a, b] = [Math.floor(next() * DATASET_DAYS), Math.floor(next() * DATASET_DAYS)].sort(
      (x, y) => x - y,
    );
    const spans: Array<[number, number | null]> = [
      [0, (a as number) - 1],
      [a as number, (b as number) - 1],
      [b as number, null],
    ];
    for (const [from, to] of spans) {
      if (to !== null && to < from) continue;
      assignment.taskForce.push(m.taskForceId);
      assignment.member.push(id);
      assignment.agency.push(pick(agencyIds));
      assignment.unit.push(pick(unitsOf.get(m.taskForceId) ?? []));
      assignment.start.push(addDays(first, from));
      assignment.end.push(to === null ? null : addDays(first, to));
    }
  }
  await client.query(
    `INSERT INTO "RoleGrant" ("memberId", "taskForceId", "role", "grantedBy")
     SELECT m, t, 'member', 'UBENCHSTATE' FROM unnest($1::int[], $2::int[]) AS g(m, t)`,
    [grants.member, grants.taskForce],
  );
  const { rows: assignmentIds } = await client.query<{ id: number; taskForceId: number }>(
    `INSERT INTO "Assignment" ("taskForceId", "memberId", "agencyId", "unitId", "startDate", "endDate", "registeredBy")
     SELECT t, m, a, u, s, e, 'UBENCHSTATE'
     FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::text[], $6::text[]) AS x(t, m, a, u, s, e)
     RETURNING "id", "taskForceId"`,
    [
      assignment.taskForce,
      assignment.member,
      assignment.agency,
      assignment.unit,
      assignment.start,
      assignment.end,
    ],
  );
  // One area of the assignment's own task force each.
  await client.query(
    `INSERT INTO "AssignmentArea" ("assignmentId", "areaId") SELECT * FROM unnest($1::int[], $2::int[])`,
    [assignmentIds.map((r) => r.id), assignmentIds.map((r) => pick(areasOf.get(r.taskForceId) ?? []))],
  );
  await client.query("COMMIT");
  return { members: members.length, assignments: assignmentIds.length, membersOf, reporterOf };
}
