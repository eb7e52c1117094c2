// Import speed against the raw driver, on SQLite and (with --postgres) on PostgreSQL.
//
//   npx tsx bench/import.ts [--rows 200000] [--repeat 1] [--keep] [--json out.json]
//                           [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--no-sqlite]
//
// 1. Writes an NYPD-shaped CSV of N victim rows (19 columns, M/D/YY dates, ~1.27 victims per
//    incident, victims of one incident not always on adjacent rows, a few quoted fields).
// 2. Imports it into a fresh, migrated SQLite database through the real importer (runImport: read,
//    map, stage, merge in one transaction), and times it.
// 3. Separately inserts N Incident rows with better-sqlite3 prepared statements in one transaction
//    into another fresh database: the raw driver's plain insert rate.
// 4. With --postgres <server url>: the same CSV through the same importer into a fresh migrated
//    PostgreSQL database, against COPY FROM STDIN (pg-copy-streams), PostgreSQL's fastest load, of
//    the same Incident rows (the importer's result, exported with COPY TO beforehand, with its
//    ImportBatch row) into another fresh migrated database. Both databases are dropped. The ratio is
//    of Incident rows written per second each way: what the importer costs over writing its result.
// With --repeat N each pair runs N times, alternating, and the fastest of each counts. Prints rows/s
// for both sides and their ratio; the goal is a ratio of at least 0.5 on each engine. `npm run bench`
// runs it with --json and puts the figures in bench/results.json; measurePostgresImport is the
// PostgreSQL pair as a function, for a caller that has its own PostgreSQL server.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { sqliteTime } from "../src/db/import-store.js";
import { applyMigrations } from "../src/db/migrate.js";
import { nypdShootings } from "../src/usecases/import/profiles/nypd-shootings.js";
import { type ImportSummary, runImport } from "../src/usecases/import/run-import.js";
import { createPostgresDatabase } from "../test/helpers/database.js";
import { random, withCommas } from "./lib/stats.js";

export interface ImportResults {
  import_rows: number;
  import_incidents: number;
  import_file_mb: number;
  import_seconds: number;
  raw_insert_seconds: number;
  import_rows_per_s: number;
  raw_insert_rows_per_s: number;
  import_rows_per_s_ratio_vs_raw_insert: number;
}

export interface PostgresImportResults {
  /** Victim rows in the file. */
  pg_import_rows: number;
  /** Incident rows the import wrote, and the raw COPY too. */
  pg_import_incidents: number;
  pg_import_seconds: number;
  /** Of the fastest import: reading, mapping and staging, before the merge starts. */
  pg_import_stage_seconds: number;
  pg_raw_copy_seconds: number;
  /** File rows per second (as import_rows_per_s on SQLite). */
  pg_import_rows_per_s: number;
  /** Incident rows written per second by the importer. */
  pg_import_incidents_per_s: number;
  /** Incident rows written per second by raw COPY. */
  pg_raw_copy_rows_per_s: number;
  /** pg_import_incidents_per_s ÷ pg_raw_copy_rows_per_s: the same rows written each way. */
  pg_import_ratio_vs_raw_copy: number;
}

const boroughs = ["BRONX", "BROOKLYN", "MANHATTAN", "QUEENS", "STATEN ISLAND"];
const locations = ["", "", "", "MULTI DWELL - APT BUILD", "PVT HOUSE", '"GROCERY/BODEGA, DELI"'];

/**
 * Writes the benchmark's CSV of `count` victim rows (always the same file for the same count) and
 * returns how many incidents it holds. One incident's victims share everything but the murder flag
 * and the victim columns.
 */
export function generateCsv(path: string, count: number): number {
  const next = random(2006);
  const header =
    "\uFEFFINCIDENT_KEY,OCCUR_DATE,OCCUR_TIME,BORO,PRECINCT,JURISDICTION_CODE,LOCATION_DESC,STATISTICAL_MURDER_FLAG," +
    "PERP_AGE_GROUP,PERP_SEX,PERP_RACE,VIC_AGE_GROUP,VIC_SEX,VIC_RACE,X_COORD_CD,Y_COORD_CD,Latitude,Longitude,Lon_Lat\n";
  const lines: string[] = [];
  let key = 10_000_000;
  let incidents = 0;
  while (lines.length < count) {
    key += 1 + Math.floor(next() * 7);
    incidents++;
    const day = Math.floor(next() * 5478); // 2006-01-01 .. 2020-12-31
    const date = new Date(Date.UTC(2006, 0, 1 + day));
    const occur = `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${String(date.getUTCFullYear()).slice(2)}`;
    const time = `${Math.floor(next() * 24)}:${String(Math.floor(next() * 60)).padStart(2, "0")}:00`;
    const boro = boroughs[Math.floor(next() * boroughs.length)];
    const precinct = 1 + Math.floor(next() * 123);
    const location = locations[Math.floor(next() * locations.length)];
    const victims = next() < 0.8 ? 1 : next() < 0.8 ? 2 : 3;
    for (let v = 0; v < victims && lines.length < count; v++) {
      const lat = (40.5 + next() * 0.4).toFixed(8);
      const lon = (-74.2 + next() * 0.5).toFixed(8);
      lines.push(
        `${key},${occur},${time},${boro},${precinct},0,${location},${next() < 0.19 ? "TRUE" : "FALSE"},` +
          `25-44,M,BLACK,18-24,M,BLACK,1017541.563,255918.875,${lat},${lon},POINT (${lon} ${lat})`,
      );
    }
  }
  // Victims of one incident do not always sit together: move some rows a few places on.
  for (let i = 0; i < lines.length; i++) {
    if (next() < 0.2) {
      const j = Math.min(lines.length - 1, i + 1 + Math.floor(next() * 40));
      [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
    }
  }
  writeFileSync(path, header + lines.join("\n"));
  return incidents;
}

/**
 * SQLite's raw side: N Incident rows, one per victim row of the file, 37 minutes apart from
 * 2006-01-01 05:00 UTC (the ratio issue 17 reports; PostgreSQL's raw side writes the importer's rows).
 */
function rawRow(i: number) {
  const at = new Date(RAW_BASE + i * 37 * 60_000);
  const iso = at.toISOString();
  return {
    at,
    localDate: iso.slice(0, 10),
    localTime: iso.slice(11, 16),
    areaLabel: `${boroughs[i % 5]} / precinct ${1 + (i % 123)}`,
    fatal: i % 5 === 0 ? 1 : 0,
    injured: i % 5 === 0 ? 0 : 1,
    key: String(10_000_000 + i),
  };
}
const RAW_BASE = Date.UTC(2006, 0, 1, 5);

interface Timed {
  seconds: number;
  summary: ImportSummary;
  /** Seconds until the merge began: reading, mapping and staging. */
  stageSeconds: number;
}

/** The importer, end to end as `tf import` runs it, into the database at `databaseUrl` (migrated). */
async function timeImport(csv: string, rows: number, databaseUrl: string): Promise<Timed> {
  const started = performance.now();
  let stageSeconds = Number.NaN;
  const summary = await runImport({
    filePath: csv,
    profile: nypdShootings,
    databaseUrl,
    taskForceId: 1,
    timeZone: "America/New_York",
    now: new Date(),
    onProgress: (progress) => {
      if (progress.phase === "merging") stageSeconds = (performance.now() - started) / 1000;
    },
  });
  const seconds = (performance.now() - started) / 1000;
  if (summary.rowsRead !== rows || summary.rejected !== 0 || summary.inserted !== summary.incidents) {
    throw new Error(
      `the import read ${summary.rowsRead} rows, rejected ${summary.rejected} and inserted ${summary.inserted} of ${summary.incidents} incidents`,
    );
  }
  return { seconds, summary, stageSeconds };
}

/** The SQLite pair: the importer against raw better-sqlite3 inserts, each into a fresh database. */
export async function measureSqliteImport(options: {
  rows: number;
  repeat: number;
  /** The benchmark's CSV of `rows` rows (generateCsv); written in a scratch directory when absent. */
  csvPath?: string;
}): Promise<ImportResults> {
  const { rows, repeat } = options;
  const dir = mkdtempSync(join(tmpdir(), "tf-bench-import-sqlite-"));
  try {
    const csv = options.csvPath ?? join(dir, "nypd.csv");
    if (!options.csvPath) generateCsv(csv, rows);
    const megabytes = statSync(csv).size / 1024 / 1024;

    const importOnce = async (n: number) => {
      const importUrl = `file:${join(dir, `import-${n}.db`)}`;
      await applyMigrations(importUrl);
      return timeImport(csv, rows, importUrl);
    };

    /** The raw driver: N plain Incident inserts, prepared, in one transaction, into a fresh database. */
    const rawOnce = async (n: number) => {
      const rawUrl = join(dir, `raw-${n}.db`);
      await applyMigrations(`file:${rawUrl}`);
      const db = new Database(rawUrl);
      const insert = db.prepare(
        `INSERT INTO "Incident" ("kind", "occurredAt", "localDate", "localTime", "areaId", "areaLabel", "caseNumber",
          "fatalVictims", "injuredVictims", "source", "sourceFile", "externalKey", "importBatchId", "createdAt", "updatedAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const stamp = sqliteTime(new Date());
      const started = performance.now();
      db.transaction(() => {
        for (let i = 0; i < rows; i++) {
          const r = rawRow(i);
          insert.run(
            "shooting",
            sqliteTime(r.at),
            r.localDate,
            r.localTime,
            null,
            r.areaLabel,
            null,
            r.fatal,
            r.injured,
            "nypd-shootings",
            "nypd.csv",
            r.key,
            null,
            stamp,
            stamp,
          );
        }
      })();
      const seconds = (performance.now() - started) / 1000;
      db.close();
      return seconds;
    };

    // Side by side, --repeat times each (alternating), keeping the fastest of each.
    let importSeconds = Number.POSITIVE_INFINITY;
    let rawSeconds = Number.POSITIVE_INFINITY;
    let summary: ImportSummary | undefined;
    for (let n = 0; n < repeat; n++) {
      const imported = await importOnce(n);
      summary = imported.summary;
      importSeconds = Math.min(importSeconds, imported.seconds);
      rawSeconds = Math.min(rawSeconds, await rawOnce(n));
      rmSync(join(dir, `import-${n}.db`), { force: true });
      rmSync(join(dir, `raw-${n}.db`), { force: true });
    }
    if (!summary) throw new Error("no import ran");

    const importRate = rows / importSeconds;
    const rawRate = rows / rawSeconds;
    console.log(
      `file: ${withCommas(rows)} rows (${megabytes.toFixed(1)} MB), ${withCommas(summary.incidents)} incidents`,
    );
    console.log(
      `SQLite importer (read + map + stage + merge): ${importSeconds.toFixed(2)} s, ${withCommas(importRate)} rows/s`,
    );
    console.log(
      `SQLite raw better-sqlite3 inserts:           ${rawSeconds.toFixed(2)} s, ${withCommas(rawRate)} rows/s`,
    );
    console.log(`SQLite ratio importer / raw: ${(importRate / rawRate).toFixed(2)} (goal: at least 0.50)`);
    return {
      import_rows: rows,
      import_incidents: summary.incidents,
      import_file_mb: Math.round(megabytes * 10) / 10,
      import_seconds: Math.round(importSeconds * 100) / 100,
      raw_insert_seconds: Math.round(rawSeconds * 100) / 100,
      import_rows_per_s: Math.round(importRate),
      raw_insert_rows_per_s: Math.round(rawRate),
      import_rows_per_s_ratio_vs_raw_insert: Math.round((importRate / rawRate) * 1000) / 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Incident columns an import writes (all but the id, which the sequence gives). */
const incidentColumns = `"taskForceId", "kind", "occurredAt", "localDate", "localTime", "areaId", "areaLabel",
  "caseNumber", "fatalVictims", "injuredVictims", "source", "sourceFile", "externalKey", "importBatchId",
  "createdAt", "updatedAt"`;

/** Runs `use` on a connection to `url`, closed afterwards. */
async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Exports the imported Incident rows (in id order) to `file` as COPY text, and their ImportBatch. */
async function exportIncidents(url: string, file: string) {
  return withClient(url, async (client) => {
    await pipeline(
      client.query(copyTo(`COPY (SELECT ${incidentColumns} FROM "Incident" ORDER BY "id") TO STDOUT`)),
      createWriteStream(file),
    );
    const { rows } = await client.query(`SELECT * FROM "ImportBatch"`);
    return rows as Record<string, unknown>[];
  });
}

/** COPY FROM STDIN of the exported rows into the database at `url`; returns the seconds it took. */
async function rawCopy(url: string, file: string, batches: Record<string, unknown>[], incidents: number) {
  return withClient(url, async (client) => {
    // The rows name their ImportBatch: it is there first, as it is for the importer (not timed).
    for (const batch of batches) {
      const names = Object.keys(batch);
      await client.query(
        `INSERT INTO "ImportBatch" (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")})`,
        Object.values(batch),
      );
    }
    const started = performance.now();
    const copy = client.query(copyFrom(`COPY "Incident" (${incidentColumns}) FROM STDIN`));
    await pipeline(createReadStream(file), copy);
    const seconds = (performance.now() - started) / 1000;
    if (copy.rowCount !== incidents) throw new Error(`COPY wrote ${copy.rowCount} rows, not ${incidents}`);
    return seconds;
  });
}

/**
 * The PostgreSQL pair on the server at `serverUrl`: `tf import`'s importer (runImport) into a fresh
 * migrated database against raw COPY of the same Incident rows into another, `repeat` times each,
 * alternating, the fastest of each counting. Every database it creates is dropped before it returns.
 */
export async function measurePostgresImport(options: {
  serverUrl: string;
  rows: number;
  repeat: number;
  /** The benchmark's CSV of `rows` rows (generateCsv); written in a scratch directory when absent. */
  csvPath?: string;
}): Promise<PostgresImportResults> {
  const { serverUrl, rows, repeat } = options;
  const dir = mkdtempSync(join(tmpdir(), "tf-bench-import-pg-"));
  try {
    const csv = options.csvPath ?? join(dir, "nypd.csv");
    if (!options.csvPath) generateCsv(csv, rows);
    const exported = join(dir, "incidents.copy");
    /** A fresh migrated database, dropped after `use` whatever happens. */
    const withDatabase = async <T>(prefix: string, use: (url: string) => Promise<T>): Promise<T> => {
      const database = await createPostgresDatabase(serverUrl, prefix);
      try {
        await applyMigrations(database.url);
        return await use(database.url);
      } finally {
        await database.drop();
      }
    };
    let best: Timed | undefined;
    let copySeconds = Number.POSITIVE_INFINITY;
    for (let n = 0; n < repeat; n++) {
      const { imported, batches } = await withDatabase("tf_bench_import", async (url) => {
        const imported = await timeImport(csv, rows, url);
        return { imported, batches: await exportIncidents(url, exported) };
      });
      if (!best || imported.seconds < best.seconds) best = imported;
      const incidents = imported.summary.inserted;
      copySeconds = Math.min(
        copySeconds,
        await withDatabase("tf_bench_copy", (url) => rawCopy(url, exported, batches, incidents)),
      );
    }
    if (!best) throw new Error("no import ran");
    const incidents = best.summary.inserted;
    const importRate = incidents / best.seconds;
    const copyRate = incidents / copySeconds;
    console.log(
      `PostgreSQL importer (read + map + stage + merge): ${best.seconds.toFixed(2)} s ` +
        `(staged in ${best.stageSeconds.toFixed(2)} s), ${withCommas(rows / best.seconds)} file rows/s, ` +
        `${withCommas(importRate)} incidents/s`,
    );
    console.log(
      `PostgreSQL raw COPY FROM STDIN of the same ${withCommas(incidents)} incidents: ${copySeconds.toFixed(2)} s, ` +
        `${withCommas(copyRate)} incidents/s`,
    );
    console.log(
      `PostgreSQL ratio importer / raw COPY: ${(importRate / copyRate).toFixed(2)} (goal: at least 0.50)`,
    );
    return {
      pg_import_rows: rows,
      pg_import_incidents: incidents,
      pg_import_seconds: Math.round(best.seconds * 100) / 100,
      pg_import_stage_seconds: Math.round(best.stageSeconds * 100) / 100,
      pg_raw_copy_seconds: Math.round(copySeconds * 100) / 100,
      pg_import_rows_per_s: Math.round(rows / best.seconds),
      pg_import_incidents_per_s: Math.round(importRate),
      pg_raw_copy_rows_per_s: Math.round(copyRate),
      pg_import_ratio_vs_raw_copy: Math.round((importRate / copyRate) * 1000) / 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: "string", default: "200000" },
      keep: { type: "boolean", default: false },
      json: { type: "string" },
      repeat: { type: "string", default: "1" },
      postgres: { type: "string" },
      "no-sqlite": { type: "boolean", default: false },
    },
  });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1)
    throw new Error(`--rows must be a positive whole number, not ${values.rows}`);
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 10)
    throw new Error(`--repeat must be a whole number from 1 to 10, not ${values.repeat}`);
  if (values["no-sqlite"] && !values.postgres) throw new Error("--no-sqlite needs --postgres");

  const dir = mkdtempSync(join(tmpdir(), "tf-bench-import-"));
  try {
    // One file for both engines.
    const csv = join(dir, "nypd.csv");
    generateCsv(csv, rows);
    const sqlite = values["no-sqlite"]
      ? undefined
      : await measureSqliteImport({ rows, repeat, csvPath: csv });
    const postgres = values.postgres
      ? await measurePostgresImport({ serverUrl: values.postgres, rows, repeat, csvPath: csv })
      : undefined;
    if (values.json) writeFileSync(values.json, JSON.stringify({ ...sqlite, ...postgres }, null, 2));
  } finally {
    if (values.keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
