// `npx tsx bench/digest-fanout.ts --channels 20 --replicas 3 [--task-forces 5] [--incidents 20000] [--json out]`:
// the digest fan-out benchmark (bench/lib/digest-fanout.ts) on a small PostgreSQL database of its own, made here and
// dropped at the end. Task force 1 gets the bench's dataset (bench/lib/dataset.ts); the others are added as
// `/tf admin taskforce add` adds them (the partnership's units), with task force 1's areas and a copy of its incidents
// so each digest has figures to build. Each task force is in a different zone, so the same instant is a different
// local time in each.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { localDateOf } from "../src/domain/time/local-date.js";
import { createPostgresDatabase } from "../test/helpers/database.js";
import { seedPostgres } from "./lib/dataset.js";
import { runDigestFanout } from "./lib/digest-fanout.js";
import { compileServers } from "./lib/server-process.js";

const zones = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Phoenix",
  "America/Anchorage",
  "Pacific/Honolulu",
  "America/Detroit",
  "America/Boise",
  "America/Indiana/Indianapolis",
];

const { values } = parseArgs({
  options: {
    channels: { type: "string", default: "20" },
    replicas: { type: "string", default: "3" },
    "task-forces": { type: "string", default: "5" },
    incidents: { type: "string", default: "20000" },
    json: { type: "string" },
    logs: { type: "string" },
  },
});
const whole = (name: string, value: string | undefined, min: number) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be a whole number ≥ ${min}, not ${value}`);
  return n;
};
const channels = whole("channels", values.channels, 1);
const replicas = whole("replicas", values.replicas, 1);
const taskForces = whole("task-forces", values["task-forces"], 1);
const incidents = whole("incidents", values.incidents, 1000);
if (taskForces > zones.length) throw new Error(`--task-forces is at most ${zones.length}`);

const postgresServer = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const logDir = values.logs ?? mkdtempSync(join(tmpdir(), "tf-fanout-"));
mkdirSync(logDir, { recursive: true });
const database = await createPostgresDatabase(postgresServer, "tf_fanout");
try {
  const started = performance.now();
  await seedPostgres(database.url, { incidents, asOf: localDateOf(new Date(), "America/New_York") });
  await addTaskForces(database.url, taskForces);
  console.error(
    `seeded ${taskForces} task forces × ${incidents} incidents in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  compileServers();
  const result = await runDigestFanout({ databaseUrl: database.url, channels, replicas, logDir });
  const text = JSON.stringify({ incidents_per_task_force: incidents, ...result }, null, 2);
  if (values.json) writeFileSync(values.json, `${text}\n`);
  console.log(text);
  console.error(`logs: ${logDir}`);
} finally {
  await database.drop();
  if (!values.logs && process.exitCode) rmSync(logDir, { recursive: true, force: true });
}

/** Task forces 2…n beside the seeded first: units as `taskforce add` makes them, areas and incidents copied from 1. */
async function addTaskForces(url: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`UPDATE "TaskForce" SET "timeZone" = $1 WHERE "id" = 1`, [zones[0]]);
    for (let n = 2; n <= count; n++) {
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO "TaskForce" ("code", "name", "timeZone", "weekStart", "createdBy")
         VALUES ($1, $2, $3, 'monday', 'UBENCHFANOUT') RETURNING "id"`,
        [`bench-${n}`, `Bench Task Force ${n}`, zones[n - 1]],
      );
      const id = rows[0]?.id;
      if (id === undefined) throw new Error("the task force was not inserted");
      await client.query(
        `INSERT INTO "Unit" ("taskForceId", "code", "name") SELECT $1, "code", "name" FROM "Unit" WHERE "taskForceId" = 1`,
        [id],
      );
      await client.query(
        `INSERT INTO "Area" ("taskForceId", "code", "name", "kind", "population")
         SELECT $1, "code", "name", "kind", "population" FROM "Area" WHERE "taskForceId" = 1`,
        [id],
      );
      // The same incidents, each in the new task force's area of the same code.
      await client.query(
        `INSERT INTO "Incident" ("taskForceId", "kind", "occurredAt", "localDate", "localTime", "areaId", "areaLabel",
           "caseNumber", "fatalVictims", "injuredVictims", "source", "sourceFile", "externalKey", "reporterId",
           "createdAt", "updatedAt", "voidedAt")
         SELECT $1, i."kind", i."occurredAt", i."localDate", i."localTime", mine."id", i."areaLabel", i."caseNumber",
           i."fatalVictims", i."injuredVictims", i."source", i."sourceFile", i."externalKey", i."reporterId",
           i."createdAt", i."updatedAt", i."voidedAt"
         FROM "Incident" i
         LEFT JOIN "Area" theirs ON theirs."id" = i."areaId"
         LEFT JOIN "Area" mine ON mine."taskForceId" = $1 AND mine."code" = theirs."code"
         WHERE i."taskForceId" = 1`,
        [id],
      );
    }
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}
