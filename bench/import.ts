// Import speed against the raw driver, on SQLite.
//
//   npx tsx bench/import.ts [--rows 200000] [--repeat 1] [--keep] [--json out.json]
//
// 1. Writes an NYPD-shaped CSV of N victim rows (19 columns, M/D/YY dates, ~1.27 victims per
//    incident, victims of one incident not always on adjacent rows, a few quoted fields).
// 2. Imports it into a fresh, migrated SQLite database through the real importer (runImport: read,
//    map, stage, merge in one transaction), and times it.
// 3. Separately inserts N Incident rows with better-sqlite3 prepared statements in one transaction
//    into another fresh database: the raw driver's plain insert rate.
// With --repeat N both run N times, alternating, and the fastest of each counts. Prints rows/s for
// both and their ratio; the goal is a ratio of at least 0.5. `npm run bench` runs
// it with --json and puts the figures in bench/results.json.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { sqliteTime } from "../src/db/import-store.js";
import { applyMigrations } from "../src/db/migrate.js";
import { nypdShootings } from "../src/usecases/import/profiles/nypd-shootings.js";
import { runImport } from "../src/usecases/import/run-import.js";
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

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "200000" },
    keep: { type: "boolean", default: false },
    json: { type: "string" },
    repeat: { type: "string", default: "1" },
  },
});
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows < 1)
  throw new Error(`--rows must be a positive whole number, not ${values.rows}`);

const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1 || repeat > 10)
  throw new Error(`--repeat must be a whole number from 1 to 10, not ${values.repeat}`);

const boroughs = ["BRONX", "BROOKLYN", "MANHATTAN", "QUEENS", "STATEN ISLAND"];
const locations = ["", "", "", "MULTI DWELL - APT BUILD", "PVT HOUSE", '"GROCERY/BODEGA, DELI"'];

/** One incident's victims share everything but the murder flag and the victim columns. */
function generateCsv(path: string, count: number): number {
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

const dir = mkdtempSync(join(tmpdir(), "tf-bench-import-"));
try {
  const csv = join(dir, "nypd.csv");
  generateCsv(csv, rows);
  const megabytes = statSync(csv).size / 1024 / 1024;

  /** The importer, end to end, into a fresh migrated database. */
  const importOnce = async (n: number) => {
    const importUrl = `file:${join(dir, `import-${n}.db`)}`;
    await applyMigrations(importUrl);
    const started = performance.now();
    const summary = await runImport({
      filePath: csv,
      profile: nypdShootings,
      databaseUrl: importUrl,
      taskForceId: 1,
      timeZone: "America/New_York",
      now: new Date(),
    });
    const seconds = (performance.now() - started) / 1000;
    if (summary.rowsRead !== rows || summary.rejected !== 0) {
      throw new Error(`the import read ${summary.rowsRead} rows and rejected ${summary.rejected}`);
    }
    return { seconds, summary };
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
    const base = Date.UTC(2006, 0, 1, 5);
    const started = performance.now();
    db.transaction(() => {
      for (let i = 0; i < rows; i++) {
        const at = new Date(base + i * 37 * 60_000);
        insert.run(
          "shooting",
          sqliteTime(at),
          at.toISOString().slice(0, 10),
          at.toISOString().slice(11, 16),
          null,
          `${boroughs[i % 5]} / precinct ${1 + (i % 123)}`,
          null,
          i % 5 === 0 ? 1 : 0,
          i % 5 === 0 ? 0 : 1,
          "nypd-shootings",
          "nypd.csv",
          String(10_000_000 + i),
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
  let summary: Awaited<ReturnType<typeof importOnce>>["summary"] | undefined;
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
    `importer (read + map + stage + merge): ${importSeconds.toFixed(2)} s, ${withCommas(importRate)} rows/s`,
  );
  console.log(
    `raw better-sqlite3 inserts:           ${rawSeconds.toFixed(2)} s, ${withCommas(rawRate)} rows/s`,
  );
  console.log(`ratio importer / raw: ${(importRate / rawRate).toFixed(2)} (goal: at least 0.50)`);
  if (values.json) {
    const results: ImportResults = {
      import_rows: rows,
      import_incidents: summary.incidents,
      import_file_mb: Math.round(megabytes * 10) / 10,
      import_seconds: Math.round(importSeconds * 100) / 100,
      raw_insert_seconds: Math.round(rawSeconds * 100) / 100,
      import_rows_per_s: Math.round(importRate),
      raw_insert_rows_per_s: Math.round(rawRate),
      import_rows_per_s_ratio_vs_raw_insert: Math.round((importRate / rawRate) * 1000) / 1000,
    };
    writeFileSync(values.json, JSON.stringify(results, null, 2));
  }
} finally {
  if (values.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
