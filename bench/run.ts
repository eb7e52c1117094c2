// `npm run bench [-- --quick] [-- --profile <dir>]`: every benchmark, side by side on this machine and
// the same data, then a table against the goals and bench/results.json.
// `npm run bench -- --statewide [--quick]`: the statewide benchmark instead (bench/statewide.ts).
//
// 1. Seeds N incidents (1,000,000; 100,000 with --quick) into a SQLite file and a fresh PostgreSQL
//    database (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres), after the
//    real migrations and reference seed; the same rows in both (bench/lib/dataset.ts).
// 2. bench/compstat.ts: the app's CompStat report against hand-written raw SQL, on both engines,
//    before and after planner statistics.
// 3. bench/ack.ts: ack latency of signed `/tf trends` at 50 connections, the real bot on the SQLite
//    database against a bare Bolt app; the bot's peak RSS.
// 4. bench/import.ts: the importer against raw better-sqlite3 inserts (N victim rows).
// Each step runs in its own process; --profile writes CPU profiles of the bot and the importer
// (summarise them with `npx tsx bench/profile-summary.ts <file>`). The PostgreSQL database is
// dropped at the end, whatever happens.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { localDateOf } from "../src/domain/time/local-date.js";
import { createPostgresDatabase } from "../test/helpers/database.js";
import type { AckResults } from "./ack.js";
import type { EngineResult } from "./compstat.js";
import type { ImportResults } from "./import.js";
import { type DatasetCounts, seedPostgres, seedSqlite } from "./lib/dataset.js";
import { round, withCommas } from "./lib/stats.js";
import { runStep, sourceVersion } from "./lib/steps.js";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    profile: { type: "string" },
    rows: { type: "string" },
    statewide: { type: "boolean", default: false },
  },
});
const postgresServer = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
if (values.statewide) {
  const { runStatewide } = await import("./statewide.js");
  await runStatewide({
    quick: values.quick,
    serverUrl: postgresServer,
    incidents: values.rows === undefined ? undefined : Number(values.rows),
  });
  process.exit(0);
}
const mode = values.quick ? "quick" : "full";
const rows = Number(values.rows ?? (values.quick ? 100_000 : 1_000_000));
if (!Number.isInteger(rows) || rows < 1000)
  throw new Error(`--rows must be a whole number ≥ 1000, not ${values.rows}`);
const benchDir = dirname(fileURLToPath(import.meta.url));
const projectDir = dirname(benchDir);
const asOf = localDateOf(new Date(), "America/New_York");
const startedAt = performance.now();
const elapsed = () => `${((performance.now() - startedAt) / 1000).toFixed(0)} s`;
const profileDir = values.profile ? resolve(values.profile) : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });

const work = mkdtempSync(join(tmpdir(), "tf-bench-"));
let dropPostgres: (() => Promise<void>) | undefined;
const cleanUp = async () => {
  await dropPostgres?.().catch((error) => console.error(`could not drop the benchmark database: ${error}`));
  dropPostgres = undefined;
  rmSync(work, { recursive: true, force: true });
};
process.once("SIGINT", () => void cleanUp().finally(() => process.exit(130)));
process.once("SIGTERM", () => void cleanUp().finally(() => process.exit(143)));

/** Runs a bench script in its own process and returns the JSON it wrote. */
function step<T>(name: string, script: string, args: string[], nodeArgs: string[] = []): T {
  console.log(`\n== ${name} (${elapsed()} in)`);
  return runStep<T>({ name, script, args, nodeArgs, work, cwd: projectDir });
}

try {
  console.log(`npm run bench: ${mode} mode, ${withCommas(rows)} incidents, as of ${asOf}`);
  const sqlitePath = join(work, "bench.db");
  let t = performance.now();
  const sqliteCounts: DatasetCounts = await seedSqlite(sqlitePath, { incidents: rows, asOf });
  const seedSqliteS = (performance.now() - t) / 1000;
  console.log(`seeded SQLite in ${seedSqliteS.toFixed(1)} s: ${JSON.stringify(sqliteCounts)}`);
  const pgDatabase = await createPostgresDatabase(postgresServer, "tf_bench");
  dropPostgres = pgDatabase.drop;
  t = performance.now();
  const pgCounts: DatasetCounts = await seedPostgres(pgDatabase.url, { incidents: rows, asOf });
  const seedPgS = (performance.now() - t) / 1000;
  console.log(`seeded PostgreSQL in ${seedPgS.toFixed(1)} s: ${JSON.stringify(pgCounts)}`);

  const compstat = step<{ runs: number; results: Record<"sqlite" | "postgresql", EngineResult> }>(
    "compstat",
    "bench/compstat.ts",
    [
      "--sqlite",
      sqlitePath,
      "--postgres",
      pgDatabase.url,
      "--as-of",
      asOf,
      ...(values.quick ? ["--quick"] : []),
    ],
  );
  await dropPostgres();
  dropPostgres = undefined;

  const ack = step<AckResults>("ack", "bench/ack.ts", [
    "--db",
    sqlitePath,
    ...(values.quick ? ["--quick"] : []),
    ...(profileDir ? ["--cpu-prof", profileDir] : []),
  ]);
  rmSync(sqlitePath, { force: true });

  const imported = step<ImportResults>(
    "import",
    "bench/import.ts",
    ["--rows", String(rows), "--repeat", "2"],
    profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--cpu-prof-name=import.cpuprofile"] : [],
  );

  // ------------------------------------------------------------------------------------ results
  const engine = (name: "sqlite" | "postgresql") => compstat.results[name];
  const ratio = (r: EngineResult, when: "before" | "after") =>
    round(r[when].app / r[when].raw[r[when].fastest], 2);
  const sqlite = engine("sqlite");
  const postgres = engine("postgresql");
  const results = {
    mode,
    as_of: asOf,
    rows,
    incidents_sqlite: sqliteCounts.incidents,
    incidents_postgresql: pgCounts.incidents,
    seizure_reports: sqliteCounts.seizureReports,
    import_rows: imported.import_rows,
    ack_p99_ratio_vs_bare_bolt: ack.ack_p99_ratio_vs_bare_bolt,
    trend_query_ratio_vs_raw_sql: Math.max(ratio(sqlite, "after"), ratio(postgres, "after")),
    trend_query_ratio_sqlite: ratio(sqlite, "after"),
    trend_query_ratio_postgresql: ratio(postgres, "after"),
    import_rows_per_s_ratio_vs_raw_insert: imported.import_rows_per_s_ratio_vs_raw_insert,
    ack_p50_ms: ack.ack_p50_ms,
    ack_p99_ms: ack.ack_p99_ms,
    bare_ack_p50_ms: ack.bare_ack_p50_ms,
    bare_ack_p99_ms: ack.bare_ack_p99_ms,
    compstat_ms_sqlite: sqlite.after.app,
    compstat_ms_postgresql: postgres.after.app,
    raw_compstat_ms_sqlite: sqlite.after.raw[sqlite.after.fastest],
    raw_compstat_ms_postgresql: postgres.after.raw[postgres.after.fastest],
    import_rows_per_s: imported.import_rows_per_s,
    raw_insert_rows_per_s: imported.raw_insert_rows_per_s,
    peak_rss_mb: ack.peak_rss_mb,
    // Context for the figures above.
    ack_p50_ratio_vs_bare_bolt: ack.ack_p50_ratio_vs_bare_bolt,
    ack_cpu_us_per_request: ack.ack_cpu_us_per_request,
    bare_ack_cpu_us_per_request: ack.bare_ack_cpu_us_per_request,
    ack_requests: ack.ack_requests,
    bare_ack_requests: ack.bare_ack_requests,
    ack_per_s: ack.ack_per_s,
    bare_ack_per_s: ack.bare_ack_per_s,
    ack_late_or_failed: ack.ack_late_or_failed,
    bot_replies: ack.bot_replies,
    bot_error_replies: ack.bot_error_replies,
    bot_busy_replies: ack.bot_busy_replies,
    bare_ack_late_or_failed: ack.bare_ack_late_or_failed,
    help_ack_p50_ms: ack.help_ack_p50_ms,
    help_ack_p99_ms: ack.help_ack_p99_ms,
    help_ack_per_s: ack.help_ack_per_s,
    help_ack_p99_ratio_vs_bare_bolt: round(ack.help_ack_p99_ms / ack.bare_ack_p99_ms, 2),
    bot_auth_test_calls: ack.bot_auth_test_calls,
    bot_drain_ms: ack.bot_drain_ms,
    bare_peak_rss_mb: ack.bare_peak_rss_mb,
    bot_idle_rss_mb: ack.bot_idle_rss_mb,
    bare_idle_rss_mb: ack.bare_idle_rss_mb,
    trend_query_ratio_sqlite_without_statistics: ratio(sqlite, "before"),
    trend_query_ratio_postgresql_without_statistics: ratio(postgres, "before"),
    compstat_ms_sqlite_without_statistics: sqlite.before.app,
    compstat_ms_postgresql_without_statistics: postgres.before.app,
    raw_compstat_ms_sqlite_without_statistics: sqlite.before.raw[sqlite.before.fastest],
    raw_compstat_ms_postgresql_without_statistics: postgres.before.raw[postgres.before.fastest],
    app_sql_via_raw_driver_ms_sqlite: sqlite.after.raw.same,
    app_sql_via_raw_driver_ms_postgresql: postgres.after.raw.same,
    compstat_runs: compstat.runs,
    import_seconds: imported.import_seconds,
    raw_insert_seconds: imported.raw_insert_seconds,
    seed_seconds_sqlite: round(seedSqliteS, 1),
    seed_seconds_postgresql: round(seedPgS, 1),
    total_seconds: round((performance.now() - startedAt) / 1000, 0),
    measured_at: new Date().toISOString(),
    src_commit: sourceVersion(projectDir),
    details: {
      raw_variant_sqlite: sqlite.after.fastest,
      raw_variant_postgresql: postgres.after.fastest,
      compstat_sqlite: sqlite,
      compstat_postgresql: postgres,
    },
  };

  // ------------------------------------------------------------------------------------ table
  type Goal = { key: keyof typeof results; label: string; goal: string; pass: (x: number) => boolean };
  const goals: Goal[] = [
    {
      key: "ack_p99_ratio_vs_bare_bolt",
      label: "ack p99, bot / bare Bolt",
      goal: "≤ 1.5",
      pass: (x) => x <= 1.5,
    },
    {
      key: "trend_query_ratio_vs_raw_sql",
      label: "CompStat, app / raw SQL (worse)",
      goal: "≤ 1.2",
      pass: (x) => x <= 1.2,
    },
    {
      key: "import_rows_per_s_ratio_vs_raw_insert",
      label: "import rows/s, importer / raw",
      goal: "≥ 0.5",
      pass: (x) => x >= 0.5,
    },
    { key: "peak_rss_mb", label: "bot peak RSS (MB)", goal: "< 200", pass: (x) => x < 200 },
  ];
  const pad = (s: string, n: number) => s.padEnd(n);
  const lines = [
    `Task Force Bot benchmarks: ${mode} mode, ${withCommas(rows)} incidents (as of ${asOf}), ${elapsed()}, commit ${results.src_commit}`,
    "",
    `${pad("goal", 34)}${pad("measured", 12)}${pad("goal", 8)}result`,
    ...goals.map((g) => {
      const value = results[g.key] as number;
      return `${pad(g.label, 34)}${pad(String(value), 12)}${pad(g.goal, 8)}${g.pass(value) ? "PASS" : "MISS"}`;
    }),
    "",
    `${pad("side by side", 34)}${pad("app / bot", 22)}baseline`,
    `${pad("ack p50 (ms)", 34)}${pad(String(results.ack_p50_ms), 22)}${results.bare_ack_p50_ms} (bare Bolt)`,
    `${pad("ack p99 (ms)", 34)}${pad(String(results.ack_p99_ms), 22)}${results.bare_ack_p99_ms} (bare Bolt)`,
    `${pad("acks per second (50 connections)", 34)}${pad(String(results.ack_per_s), 22)}${results.bare_ack_per_s} (bare Bolt)`,
    `${pad("acks later than 3 s or failed", 34)}${pad(`${results.ack_late_or_failed} of ${results.ack_requests}`, 22)}${results.bare_ack_late_or_failed} of ${results.bare_ack_requests} (bare Bolt)`,
    `${pad("trends replies that were errors", 34)}${pad(`${results.bot_error_replies} of ${results.bot_replies}`, 22)}(see the ack step's log above for the cause)`,
    `${pad("/tf help ack p50 / p99 (ms)", 34)}${pad(`${results.help_ack_p50_ms} / ${results.help_ack_p99_ms}`, 22)}p99 ${results.help_ack_p99_ratio_vs_bare_bolt}× bare; auth.test calls: ${results.bot_auth_test_calls}`,
    `${pad("CompStat SQLite (ms)", 34)}${pad(String(results.compstat_ms_sqlite), 22)}${results.raw_compstat_ms_sqlite} (raw "${sqlite.after.fastest}"); app SQL on the raw driver ${sqlite.after.raw.same}`,
    `${pad("CompStat PostgreSQL (ms)", 34)}${pad(String(results.compstat_ms_postgresql), 22)}${results.raw_compstat_ms_postgresql} (raw "${postgres.after.fastest}"); app SQL on the raw driver ${postgres.after.raw.same}`,
    `${pad("  ratio SQLite / PostgreSQL", 34)}${pad(`${results.trend_query_ratio_sqlite} / ${results.trend_query_ratio_postgresql}`, 22)}without statistics: ${results.trend_query_ratio_sqlite_without_statistics} / ${results.trend_query_ratio_postgresql_without_statistics} (app ${sqlite.before.app} / ${postgres.before.app} ms)`,
    `${pad("import (rows/s)", 34)}${pad(withCommas(results.import_rows_per_s), 22)}${withCommas(results.raw_insert_rows_per_s)} (raw inserts)`,
    `${pad("peak RSS (MB)", 34)}${pad(String(results.peak_rss_mb), 22)}${results.bare_peak_rss_mb} (bare Bolt)`,
    `${pad("idle RSS after start (MB)", 34)}${pad(String(results.bot_idle_rss_mb), 22)}${results.bare_idle_rss_mb} (bare Bolt)`,
    "",
    `statistics: SQLite ${sqlite.statistics}; PostgreSQL ${postgres.statistics}`,
  ];
  console.log(`\n${lines.join("\n")}`);
  const file = join(benchDir, "results.json");
  // The statewide run's figures (bench/statewide.ts) share the file: kept as they are.
  const statewide = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as { statewide?: unknown }).statewide
    : undefined;
  writeFileSync(
    file,
    `${JSON.stringify({ ...(statewide === undefined ? {} : { statewide }), ...results, goals: Object.fromEntries(goals.map((g) => [g.key, { goal: g.goal, pass: g.pass(results[g.key] as number) }])) }, null, 2)}\n`,
  );
  console.log(`\nwrote ${file}${profileDir ? `; CPU profiles in ${profileDir}` : ""}`);
} finally {
  await cleanUp();
}
