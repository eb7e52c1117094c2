// The benchmark database: N incidents over the ten years up to the as-of date (in date order, as
// they arrive in real life), plus one seizure report per 50 incidents with narcotics on about half.
// The same deterministic rows go into SQLite (better-sqlite3 prepared statements, one transaction)
// and PostgreSQL (unnest batches), after the real migrations and reference seed, so both engines
// hold the same data and their CompStat figures must agree.
import Database from "better-sqlite3";
import pg from "pg";
import { createDatabase } from "../../src/db/client.js";
import { sqliteTime } from "../../src/db/import-store.js";
import { applyMigrations } from "../../src/db/migrate.js";
import { seedReferenceData } from "../../src/db/seed/seed.js";
import { addDays, type LocalDate } from "../../src/domain/time/local-date.js";
import { random } from "./stats.js";

export const DATASET_DAYS = 3653;

export interface DatasetOptions {
  incidents: number;
  /** The last local date holding incidents: the bench's as-of date. */
  asOf: LocalDate;
}

/** Whose rows these are: one task force's share of a statewide dataset (the first task force by default). */
export interface RowScope {
  taskForceId: number;
  /** Seeds the generators, so each task force's rows differ. */
  seed: number;
  /** Seizure report ids start after this (they are given explicitly, and are unique across task forces). */
  reportIdOffset: number;
}

const firstScope: RowScope = { taskForceId: 1, seed: 0, reportIdOffset: 0 };

export interface DatasetCounts {
  incidents: number;
  seizureReports: number;
  narcotics: number;
}

const kinds = ["shooting", "stolen_vehicle", "recovered_vehicle"] as const;
const boroughs = ["BRONX", "BROOKLYN", "MANHATTAN", "QUEENS", "STATEN ISLAND"];
const drugs: Array<[code: string, name: string, unit: string]> = [
  ["H", "fentanyl", "g"],
  ["B", "cocaine", "g"],
  ["A", "crack", "g"],
  ["E", "marijuana", "oz"],
  ["D", "heroin", "g"],
  ["P", "pills", "du"],
];

/** SQLite stores Prisma DateTime as ISO text with "+00:00"; PostgreSQL takes the same text. */

export interface Reference {
  areaIds: number[];
  unitIds: number[];
  agencyIds: number[];
  /** The reporter of Slack-entered incidents and of seizure reports. */
  memberId: number;
}

type Row = unknown[];

/** Incident rows in column order of `incidentColumns`, oldest first. */
function* incidentRows(
  options: DatasetOptions,
  ref: Reference,
  stamp: string,
  scope: RowScope = firstScope,
): Generator<Row> {
  const next = random(2026 + scope.seed);
  const first = addDays(options.asOf, -(DATASET_DAYS - 1));
  const firstMs = Date.parse(`${first}T00:00:00Z`);
  let dayIndex = -1;
  let date = first;
  for (let i = 0; i < options.incidents; i++) {
    const d = Math.floor((i * DATASET_DAYS) / options.incidents);
    if (d !== dayIndex) {
      dayIndex = d;
      date = addDays(first, d);
    }
    const minute = Math.floor(next() * 1440);
    // Local time read as UTC-5: close enough for a benchmark, and the figures use localDate only.
    const at = firstMs + d * 86_400_000 + (minute + 300) * 60_000;
    const r = next();
    const kind = r < 0.45 ? kinds[0] : r < 0.8 ? kinds[1] : kinds[2];
    const shooting = kind === "shooting";
    const fatal = shooting && next() < 0.2 ? 1 : 0;
    const injured = shooting ? (fatal ? (next() < 0.3 ? 1 : 0) : 1 + (next() < 0.2 ? 1 : 0)) : 0;
    const inArea = next() < 0.7;
    const areaId = inArea ? (ref.areaIds[Math.floor(next() * ref.areaIds.length)] ?? null) : null;
    const areaLabel = inArea
      ? null
      : `${boroughs[Math.floor(next() * boroughs.length)]} / precinct ${1 + Math.floor(next() * 123)}`;
    const fromSlack = next() < 0.3;
    yield [
      kind,
      sqliteTime(new Date(at)),
      date,
      `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`,
      areaId,
      areaLabel,
      next() < 0.5 ? `C${date.slice(0, 4)}-${String(i).padStart(7, "0")}` : null,
      fatal,
      injured,
      fromSlack ? "slack" : "nypd-shootings",
      fromSlack ? null : "bench.csv",
      fromSlack ? null : String(10_000_000 + i),
      fromSlack ? ref.memberId : null,
      stamp,
      stamp,
      next() < 0.005 ? stamp : null,
      scope.taskForceId,
    ];
  }
}

const incidentColumns = [
  "kind",
  "occurredAt",
  "localDate",
  "localTime",
  "areaId",
  "areaLabel",
  "caseNumber",
  "fatalVictims",
  "injuredVictims",
  "source",
  "sourceFile",
  "externalKey",
  "reporterId",
  "createdAt",
  "updatedAt",
  "voidedAt",
  "taskForceId",
] as const;
const incidentPgTypes = [
  "text",
  "timestamp(3)",
  "text",
  "text",
  "int",
  "text",
  "text",
  "int",
  "int",
  "text",
  "text",
  "text",
  "int",
  "timestamp(3)",
  "timestamp(3)",
  "timestamp(3)",
  "int",
];

/** Seizure reports (id given, from 1) and their narcotics, oldest first. */
function* seizureRows(
  options: DatasetOptions,
  ref: Reference,
  stamp: string,
  scope: RowScope = firstScope,
): Generator<{ report: Row; narcotic?: Row }> {
  const next = random(1998 + scope.seed);
  const count = Math.floor(options.incidents / 50);
  const first = addDays(options.asOf, -(DATASET_DAYS - 1));
  for (let i = 0; i < count; i++) {
    const date = addDays(first, Math.floor((i * DATASET_DAYS) / Math.max(count, 1)));
    const firearms = Math.floor(next() * 4);
    const id = scope.reportIdOffset + i + 1;
    const report: Row = [
      id,
      date,
      ref.memberId,
      ref.unitIds[Math.floor(next() * ref.unitIds.length)],
      ref.agencyIds[Math.floor(next() * ref.agencyIds.length)],
      next() < 0.7 ? (ref.areaIds[Math.floor(next() * ref.areaIds.length)] ?? null) : null,
      firearms,
      firearms > 0 && next() < 0.3 ? 1 : 0,
      firearms > 0 && next() < 0.1 ? 1 : 0,
      next() < 0.3 ? Math.floor(next() * 1_000_000) : 0,
      Math.floor(next() * 3),
      stamp,
      next() < 0.01 ? stamp : null,
      scope.taskForceId,
    ];
    if (next() < 0.5) {
      const [code, name, unit] = drugs[Math.floor(next() * drugs.length)] ?? ["U", "unknown", "g"];
      const quantity = Math.round(next() * 500 * 10) / 10 + 0.1;
      const massMg = unit === "du" ? null : Math.round(quantity * (unit === "oz" ? 28_349.5 : 1000));
      yield {
        report,
        narcotic: [id, code, name, quantity, unit, massMg, unit === "du" ? Math.round(quantity) : null],
      };
    } else yield { report };
  }
}

const reportColumns = [
  "id",
  "occurredOn",
  "reporterId",
  "unitId",
  "agencyId",
  "areaId",
  "firearms",
  "stolenFirearms",
  "ghostGuns",
  "currencyCents",
  "arrests",
  "createdAt",
  "voidedAt",
  "taskForceId",
] as const;
const reportPgTypes = [
  "int",
  "text",
  "int",
  "int",
  "int",
  "int",
  "int",
  "int",
  "int",
  "bigint",
  "int",
  "timestamp(3)",
  "timestamp(3)",
  "int",
];
const narcoticColumns = ["reportId", "drugCode", "drugName", "quantity", "unit", "massMg", "dosageUnits"];
const narcoticPgTypes = ["int", "text", "text", "float8", "text", "bigint", "int"];

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(", ");

/** Migrates and seeds reference data through the app, as a start does. */
export async function prepare(url: string): Promise<void> {
  await applyMigrations(url);
  const db = await createDatabase(url);
  try {
    await seedReferenceData(db.prisma);
  } finally {
    await db.close();
  }
}

async function reference(
  query: (sql: string) => Promise<Array<{ id: number }>>,
): Promise<Omit<Reference, "memberId">> {
  const ids = async (table: string) =>
    (await query(`SELECT "id" FROM "${table}" ORDER BY "id"`)).map((r) => r.id);
  const ref = { areaIds: await ids("Area"), unitIds: await ids("Unit"), agencyIds: await ids("Agency") };
  if (!ref.areaIds.length || !ref.unitIds.length || !ref.agencyIds.length)
    throw new Error("the reference seed left Area, Unit or Agency empty");
  return ref;
}

const memberSql = `INSERT INTO "Member" ("slackUserId", "teamId", "displayName") VALUES ('UBENCHSEED', 'T0TASKF0RC', 'bench') RETURNING "id"`;

export async function seedSqlite(filePath: string, options: DatasetOptions): Promise<DatasetCounts> {
  await prepare(`file:${filePath}`);
  const db = new Database(filePath);
  try {
    const base = await reference(async (sql) => db.prepare(sql).all() as Array<{ id: number }>);
    const { id: memberId } = db.prepare(memberSql).get() as { id: number };
    const ref = { ...base, memberId };
    const stamp = sqliteTime(new Date());
    const insertIncident = db.prepare(
      `INSERT INTO "Incident" (${quoted(incidentColumns)}) VALUES (${incidentColumns.map(() => "?").join(", ")})`,
    );
    const insertReport = db.prepare(
      `INSERT INTO "SeizureReport" (${quoted(reportColumns)}) VALUES (${reportColumns.map(() => "?").join(", ")})`,
    );
    const insertNarcotic = db.prepare(
      `INSERT INTO "SeizureNarcotic" (${quoted(narcoticColumns)}) VALUES (${narcoticColumns.map(() => "?").join(", ")})`,
    );
    const counts: DatasetCounts = { incidents: 0, seizureReports: 0, narcotics: 0 };
    db.transaction(() => {
      for (const row of incidentRows(options, ref, stamp)) {
        insertIncident.run(row);
        counts.incidents++;
      }
      for (const { report, narcotic } of seizureRows(options, ref, stamp)) {
        insertReport.run(report);
        counts.seizureReports++;
        if (narcotic) {
          insertNarcotic.run(narcotic);
          counts.narcotics++;
        }
      }
    })();
    db.pragma("wal_checkpoint(TRUNCATE)");
    return counts;
  } finally {
    db.close();
  }
}

const BATCH = 10_000;

const unnestInsert = (table: string, names: readonly string[], types: readonly string[]) =>
  `INSERT INTO "${table}" (${quoted(names)}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(", ")})`;

/**
 * Inserts one task force's incidents, seizure reports and narcotics in multi-row batches (unnest of
 * one array per column, 10,000 rows a statement), inside the caller's transaction.
 */
export async function insertPostgresRows(
  client: pg.ClientBase,
  options: DatasetOptions,
  ref: Reference,
  scope: RowScope = firstScope,
): Promise<DatasetCounts> {
  const stamp = sqliteTime(new Date());
  // One batch in the database while the next is generated: the two share the machine's cores.
  let inFlight: Promise<unknown> = Promise.resolve();
  const flush = async (sql: string, batch: Row[], width: number) => {
    if (!batch.length) return;
    const cols: unknown[][] = Array.from({ length: width }, () => []);
    for (const row of batch) for (let c = 0; c < width; c++) cols[c]?.push(row[c]);
    batch.length = 0;
    await inFlight;
    inFlight = client.query(sql, cols);
    // A failure surfaces at the next flush or at the end, and the caller's transaction rolls back.
    inFlight.catch(() => undefined);
  };
  const counts: DatasetCounts = { incidents: 0, seizureReports: 0, narcotics: 0 };
  const incidentSql = unnestInsert("Incident", incidentColumns, incidentPgTypes);
  let batch: Row[] = [];
  for (const row of incidentRows(options, ref, stamp, scope)) {
    batch.push(row);
    counts.incidents++;
    if (batch.length === BATCH) await flush(incidentSql, batch, incidentColumns.length);
  }
  await flush(incidentSql, batch, incidentColumns.length);
  const reportSql = unnestInsert("SeizureReport", reportColumns, reportPgTypes);
  const narcoticSql = unnestInsert("SeizureNarcotic", narcoticColumns, narcoticPgTypes);
  const narcotics: Row[] = [];
  batch = [];
  for (const { report, narcotic } of seizureRows(options, ref, stamp, scope)) {
    batch.push(report);
    counts.seizureReports++;
    if (narcotic) {
      narcotics.push(narcotic);
      counts.narcotics++;
    }
    if (batch.length === BATCH) {
      await flush(reportSql, batch, reportColumns.length);
      await flush(narcoticSql, narcotics, narcoticColumns.length);
    }
  }
  await flush(reportSql, batch, reportColumns.length);
  await flush(narcoticSql, narcotics, narcoticColumns.length);
  await inFlight;
  return counts;
}

/** Reports were given explicit ids: moves the sequence past them, as the app will insert more. */
export const advanceReportIdsSql = `SELECT setval(pg_get_serial_sequence('"SeizureReport"', 'id'), COALESCE((SELECT MAX("id") FROM "SeizureReport"), 0) + 1, false)`;

export async function seedPostgres(url: string, options: DatasetOptions): Promise<DatasetCounts> {
  await prepare(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const base = await reference(async (sql) => (await client.query<{ id: number }>(sql)).rows);
    const { rows } = await client.query<{ id: number }>(memberSql);
    const memberId = rows[0]?.id;
    if (memberId === undefined) throw new Error("the benchmark's member was not inserted");
    await client.query("BEGIN");
    const counts = await insertPostgresRows(client, options, { ...base, memberId });
    await client.query(advanceReportIdsSql);
    await client.query("COMMIT");
    return counts;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
