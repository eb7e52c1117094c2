// `npm run bench -- --statewide [--quick]`: one deployment for a whole state, on PostgreSQL.
//
// 1. Seeds a fresh PostgreSQL database (BENCH_POSTGRES_URL's server) with 10 task forces, 5,000
//    members with role grants and assignment histories, and 10,000,000 incidents over ten years
//    (100,000 with --quick) with one seizure report per 50 (bench/lib/statewide-dataset.ts), then
//    VACUUM (ANALYZE), as autovacuum would soon after a bulk load.
// 2. Side by side in this process, medians of interleaved runs: one task force's CompStat (the app's
//    use case against hand-written SQL on the raw driver), the statewide roll-up (the same against
//    raw SQL over every task force), and the roster of a 500-member task force as of a past date (p99).
// 3. bench/ack.ts on this database: ack p99 of signed `/tf trends` at 50 connections ÷ bare Bolt.
// 4. bench/lib/digest-fanout.ts: 200 digest channels (20 with --quick) due at the same minute, three
//    bot replicas and one Slack emulator.
// 5. bench/import.ts's PostgreSQL side: `tf import` ÷ raw COPY of the same rows.
// The figures go into bench/results.json under "statewide" (the rest of that file is left as it
// is); the database is dropped at the end, whatever happens.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createDatabase } from "../src/db/client.js";
import type { TaskForce } from "../src/domain/taskforce/task-force.js";
import { addDays, type LocalDate, localDateOf } from "../src/domain/time/local-date.js";
import { assignmentUseCases } from "../src/usecases/assignments/assignments.js";
import { compstatUseCases } from "../src/usecases/trends/compstat.js";
import { statewideCompstat } from "../src/usecases/trends/statewide.js";
import { createPostgresDatabase } from "../test/helpers/database.js";
import type { AckResults } from "./ack.js";
import type { PostgresImportResults, ImportResults as SqliteImportResults } from "./import.js";
import { type DigestFanoutResult, runDigestFanout } from "./lib/digest-fanout.js";
import {
  compareFigures,
  type Figures,
  figuresOfReport,
  postgresDriver,
  type RawVariant,
  rawCompstat,
  sumFigures,
} from "./lib/raw-compstat.js";
import { type SeededTaskForce, seedStatewide } from "./lib/statewide-dataset.js";
import { interleaved, median, percentile, round, withCommas } from "./lib/stats.js";
import { runStep, sourceVersion } from "./lib/steps.js";

const benchDir = dirname(fileURLToPath(import.meta.url));
const projectDir = dirname(benchDir);

/** The fastest raw variant by median, and the app's median over it. */
function sideBySide(samples: Record<string, number[]>) {
  const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round(median(v), 2)]));
  const raw = Object.entries(medians).filter(([k]) => k !== "app");
  const [fastest, rawMs] = raw.sort((a, b) => (a[1] as number) - (b[1] as number))[0] as [string, number];
  const app = medians.app as number;
  return { app_ms: app, raw_ms: rawMs, raw_variant: fastest, ratio: round(app / rawMs, 2), medians };
}

async function checkSame(app: Figures, raws: Record<string, () => Promise<Figures>>) {
  for (const [name, compute] of Object.entries(raws)) {
    const problems = compareFigures(app, await compute());
    if (problems.length)
      throw new Error(`raw "${name}" figures differ from the app's:\n${problems.join("\n")}`);
  }
}

function asScope(force: SeededTaskForce): TaskForce {
  return {
    id: force.id,
    code: force.code,
    name: force.code,
    timeZone: force.timeZone,
    weekStart: force.weekStart,
  } as TaskForce;
}

/** One task force's CompStat, the roll-up and the roster, each against raw SQL. */
async function figures(url: string, forces: SeededTaskForce[], asOf: LocalDate, quick: boolean) {
  const rounds = quick ? 5 : 9;
  const database = await createDatabase(url);
  // As many connections as the app's pool (pg's default of 10), so both may run the same queries at once.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const driver = postgresDriver(pool);
  try {
    const scopes = forces.map(asScope);
    const [first] = scopes;
    if (!first) throw new Error("no task force was seeded");
    const compstats = new Map(
      scopes.map((tf) => [tf.id, compstatUseCases({ db: database.prisma, taskForce: tf })]),
    );
    const compstatOf = async (tf: TaskForce) => {
      const useCase = compstats.get(tf.id);
      if (!useCase) throw new Error(`no use case for task force ${tf.id}`);
      // Each use case shares a report for 30 s: cleared, so every run computes it.
      useCase.invalidate();
      return useCase;
    };

    // One task force: the first, the biggest.
    const oneApp = async () => (await compstatOf(first)).report({ asOf, subject: "all" });
    const oneRaw: Record<string, () => Promise<Figures>> = {};
    for (const variant of ["daily", "daily-span", "joined", "same"] as RawVariant[])
      oneRaw[variant] = await rawCompstat(driver, variant, asOf, first.weekStart, first.id);
    await checkSame(figuresOfReport(await oneApp()), oneRaw);
    const one = sideBySide(await interleaved({ app: oneApp, ...oneRaw }, rounds));
    console.log(`CompStat of ${first.code}: ${JSON.stringify(one)}`);

    // The roll-up: every task force, each in its own windows. Summing across task forces in one
    // query is right only when the windows agree, so the raw side checks that first.
    const rollupApp = () => statewideCompstat(scopes, compstatOf, { asOf, subject: "all" });
    const sameWindows = scopes.every(
      (tf) => tf.timeZone === first.timeZone && tf.weekStart === first.weekStart,
    );
    const ids = scopes.map((tf) => tf.id);
    const rollupRaw: Record<string, () => Promise<Figures>> = {};
    // Each task force's figures at once, as the app runs them: the app's SQL on the raw driver, and "daily".
    for (const variant of ["same", "daily"] as RawVariant[]) {
      const perTaskForce = await Promise.all(
        scopes.map((tf) => rawCompstat(driver, variant, asOf, tf.weekStart, tf.id)),
      );
      rollupRaw[`${variant} per task force`] = async () =>
        sumFigures(await Promise.all(perTaskForce.map((compute) => compute())));
    }
    if (sameWindows) {
      rollupRaw["daily, all task forces"] = await rawCompstat(driver, "daily", asOf, first.weekStart, ids);
      rollupRaw["joined, all task forces"] = await rawCompstat(driver, "joined", asOf, first.weekStart, ids);
    }
    await checkSame(figuresOfReport(await rollupApp()), rollupRaw);
    const rollup = sideBySide(await interleaved({ app: rollupApp, ...rollupRaw }, rounds));
    console.log(`roll-up of ${scopes.length} task forces: ${JSON.stringify(rollup)}`);

    // The roster of the first task force two years back.
    const on = addDays(asOf, -730);
    const assignments = assignmentUseCases({ db: database.prisma, taskForce: first });
    const actor = {
      userId: "UBENCHSTATE",
      teamId: "T0TASKF0RC",
      role: "leadership" as const,
      requestId: "bench",
      now: new Date(),
    };
    const rosterApp = () => assignments.roster({ on }, actor);
    const rosterSql = `
      SELECT a."id", a."startDate", a."endDate", a."title", a."shift", m."slackUserId",
             u."code" AS "unitCode", u."name" AS "unitName", g."code" AS "agencyCode", g."name" AS "agencyName",
             r."code" AS "areaCode", r."name" AS "areaName"
      FROM "Assignment" a
      JOIN "Member" m ON m."id" = a."memberId"
      JOIN "Unit" u ON u."id" = a."unitId"
      JOIN "Agency" g ON g."id" = a."agencyId"
      LEFT JOIN "AssignmentArea" aa ON aa."assignmentId" = a."id"
      LEFT JOIN "Area" r ON r."id" = aa."areaId"
      WHERE a."taskForceId" = $1 AND a."voidedAt" IS NULL AND a."startDate" <= $2
        AND (a."endDate" IS NULL OR a."endDate" >= $2)
      ORDER BY u."name", g."code", a."startDate", a."id"`;
    const rosterRaw = async () => (await pool.query(rosterSql, [first.id, on])).rows;
    const appRoster = await rosterApp();
    const rawRows = await rosterRaw();
    if (appRoster.total !== new Set(rawRows.map((r) => r.id)).size)
      throw new Error(`roster: the app lists ${appRoster.total}, raw SQL ${rawRows.length}`);
    const rosterSamples = await interleaved({ app: rosterApp, raw: rosterRaw }, quick ? 100 : 300);
    const p99 = (k: string) => round(percentile(rosterSamples[k] ?? [], 99), 2);
    const roster = {
      on,
      task_force: first.code,
      members: forces[0]?.members ?? 0,
      assignments_listed: appRoster.total,
      runs: rosterSamples.app?.length ?? 0,
      app_p99_ms: p99("app"),
      raw_p99_ms: p99("raw"),
      app_p50_ms: round(median(rosterSamples.app ?? []), 2),
      raw_p50_ms: round(median(rosterSamples.raw ?? []), 2),
      ratio_p99: round(p99("app") / p99("raw"), 2),
    };
    console.log(`roster: ${JSON.stringify(roster)}`);
    return { one, rollup, roster, rounds };
  } finally {
    await pool.end();
    await database.close();
  }
}

/** What bench/import.ts --postgres writes: both engines' figures. */
type ImportResults = SqliteImportResults & PostgresImportResults;

export async function runStatewide(options: {
  quick: boolean;
  serverUrl: string;
  /** Instead of the mode's count, for experiments (`--rows`). */
  incidents?: number;
}): Promise<void> {
  const { quick } = options;
  const plan = {
    taskForces: 10,
    members: 5_000,
    incidents: options.incidents ?? (quick ? 100_000 : 10_000_000),
    channels: quick ? 20 : 200,
    replicas: 3,
    importRows: quick ? 50_000 : 500_000,
  };
  const startedAt = performance.now();
  const elapsed = () => `${((performance.now() - startedAt) / 1000).toFixed(0)} s`;
  const asOf = localDateOf(new Date(), "America/New_York");
  const work = mkdtempSync(join(tmpdir(), "tf-statewide-"));
  const created = await createPostgresDatabase(options.serverUrl, "tf_statewide");
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await created.drop().catch((error) => console.error(`could not drop the benchmark database: ${error}`));
    rmSync(work, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void drop().finally(() => process.exit(130)));
  process.once("SIGTERM", () => void drop().finally(() => process.exit(143)));
  try {
    console.log(
      `npm run bench -- --statewide${quick ? " --quick" : ""}: ${plan.taskForces} task forces, ${withCommas(plan.members)} members, ${withCommas(plan.incidents)} incidents, as of ${asOf}`,
    );
    let t = performance.now();
    const dataset = await seedStatewide(created.url, { ...plan, asOf });
    const seedSeconds = (performance.now() - t) / 1000;
    console.log(
      `seeded in ${seedSeconds.toFixed(1)} s (records ${dataset.recordLoadSeconds.toFixed(1)} s, ${withCommas(dataset.counts.incidents / dataset.recordLoadSeconds)} incidents/s): ${JSON.stringify(dataset.counts)}, ${dataset.members} members, ${dataset.assignments} assignments`,
    );
    t = performance.now();
    const client = new pg.Client({ connectionString: created.url });
    await client.connect();
    await client.query("VACUUM (ANALYZE)");
    const settings = (
      await client.query<{ name: string; setting: string; unit: string | null }>(
        `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'max_connections', 'random_page_cost', 'max_parallel_workers_per_gather', 'server_version')`,
      )
    ).rows.map((r) => `${r.name}=${r.setting}${r.unit ? ` ${r.unit}` : ""}`);
    const size = (
      await client.query<{ size: string }>(
        `SELECT pg_size_pretty(pg_database_size(current_database())) AS size`,
      )
    ).rows[0]?.size;
    await client.end();
    const vacuumSeconds = (performance.now() - t) / 1000;
    console.log(
      `VACUUM (ANALYZE) in ${vacuumSeconds.toFixed(1)} s; database ${size}; ${settings.join(", ")}`,
    );

    console.log(`\n== figures (${elapsed()} in)`);
    const measured = await figures(created.url, dataset.taskForces, asOf, quick);
    console.log(`\n== ack (${elapsed()} in)`);
    const ack = runStep<AckResults>({
      name: "ack",
      script: "bench/ack.ts",
      args: ["--database-url", created.url, ...(quick ? ["--quick"] : [])],
      work,
      cwd: projectDir,
    });
    console.log(`\n== digest fan-out (${elapsed()} in)`);
    const fanout: DigestFanoutResult = await runDigestFanout({
      databaseUrl: created.url,
      channels: plan.channels,
      replicas: plan.replicas,
      logDir: work,
    });
    console.log(JSON.stringify(fanout));
    console.log(`\n== import into PostgreSQL (${elapsed()} in)`);
    const imported = runStep<ImportResults>({
      name: "import",
      script: "bench/import.ts",
      args: [
        "--postgres",
        options.serverUrl,
        "--rows",
        String(plan.importRows),
        "--repeat",
        quick ? "1" : "2",
      ],
      work,
      cwd: projectDir,
    });

    const results = {
      mode: quick ? "quick" : "full",
      as_of: asOf,
      task_forces: dataset.taskForces.length,
      members: dataset.members,
      assignments: dataset.assignments,
      incidents: dataset.counts.incidents,
      seizure_reports: dataset.counts.seizureReports,
      database_size: size,
      seed_seconds: round(seedSeconds, 1),
      record_load_seconds: round(dataset.recordLoadSeconds, 1),
      record_load_incidents_per_s: Math.round(dataset.counts.incidents / dataset.recordLoadSeconds),
      vacuum_analyze_seconds: round(vacuumSeconds, 1),
      postgres_settings: settings,
      compstat_one_task_force: measured.one,
      compstat_rollup: measured.rollup,
      roster: measured.roster,
      figure_rounds: measured.rounds,
      ack_p99_ratio_vs_bare_bolt: ack.ack_p99_ratio_vs_bare_bolt,
      ack_p99_ms: ack.ack_p99_ms,
      bare_ack_p99_ms: ack.bare_ack_p99_ms,
      ack_p50_ms: ack.ack_p50_ms,
      bare_ack_p50_ms: ack.bare_ack_p50_ms,
      ack_late_or_failed: ack.ack_late_or_failed,
      ack_requests: ack.ack_requests,
      bot_error_replies: ack.bot_error_replies,
      ack_bot_peak_rss_mb: ack.peak_rss_mb,
      digest: fanout,
      import: imported,
      total_seconds: round((performance.now() - startedAt) / 1000, 0),
      measured_at: new Date().toISOString(),
      src_commit: sourceVersion(projectDir),
    };
    const peakRss = Math.max(ack.peak_rss_mb, fanout.replica_peak_rss_mb.max);
    // A digest is in once its last message is (a threaded digest's reply comes after its headline).
    const lastMessage = fanout.seconds_from_schedule_to_last_message ?? Number.POSITIVE_INFINITY;
    type Goal = { label: string; value: number | string; goal: string; pass: boolean; baseline: string };
    const goals: Goal[] = [
      {
        label: `CompStat of one task force ÷ raw SQL`,
        value: measured.one.ratio,
        goal: "≤ 1.2",
        pass: measured.one.ratio <= 1.2,
        baseline: `${measured.one.app_ms} ms vs ${measured.one.raw_ms} ms (raw "${measured.one.raw_variant}")`,
      },
      {
        label: `statewide roll-up ÷ raw SQL`,
        value: measured.rollup.ratio,
        goal: "≤ 1.2",
        pass: measured.rollup.ratio <= 1.2,
        baseline: `median ${measured.rollup.app_ms} ms vs ${measured.rollup.raw_ms} ms (raw "${measured.rollup.raw_variant}")`,
      },
      {
        label: `roster of ${measured.roster.members} members, p99 ÷ raw`,
        value: measured.roster.ratio_p99,
        goal: "report",
        pass: true,
        baseline: `p99 ${measured.roster.app_p99_ms} ms vs ${measured.roster.raw_p99_ms} ms; ${measured.roster.assignments_listed} listed on ${measured.roster.on}`,
      },
      {
        label: `digest channels posted exactly once`,
        value: `${fanout.posted_channels}/${fanout.channels}`,
        goal: "all",
        pass:
          fanout.posted_channels === fanout.channels &&
          fanout.duplicate_posts === 0 &&
          fanout.failed_runs === 0,
        baseline: `${fanout.duplicate_posts} duplicates, ${fanout.missing_channels} missing, ${fanout.failed_runs} runs not posted, ${fanout.replicas} replicas, claims ${JSON.stringify(fanout.claims_by_replica)}`,
      },
      {
        label: "schedule → last digest message (s)",
        value: lastMessage,
        goal: "≤ 60",
        pass: lastMessage <= 60,
        baseline: `last headline ${fanout.seconds_from_schedule_to_last_post} s, p50 ${fanout.p50_seconds_to_post} s per channel`,
      },
      {
        label: "messages in any 1 s, per channel",
        value: fanout.max_messages_in_any_1s_per_channel,
        goal: "≤ 1",
        pass: fanout.max_messages_in_any_1s_per_channel <= 1,
        baseline: `${fanout.rate_limited_calls} calls rate-limited`,
      },
      {
        label: "ack p99 of /tf trends ÷ bare Bolt",
        value: ack.ack_p99_ratio_vs_bare_bolt,
        goal: "≤ 1.5",
        pass: ack.ack_p99_ratio_vs_bare_bolt <= 1.5,
        baseline: `${ack.ack_p99_ms} ms vs ${ack.bare_ack_p99_ms} ms`,
      },
      {
        label: "peak RSS of a replica (MB)",
        value: peakRss,
        goal: "< 250",
        pass: peakRss < 250,
        baseline: `ack bot ${ack.peak_rss_mb}, digest replicas ${fanout.replica_peak_rss_mb.each.join(" / ")}`,
      },
      {
        label: "tf import ÷ raw COPY (PostgreSQL)",
        value: imported.pg_import_ratio_vs_raw_copy,
        goal: "≥ 0.5",
        pass: imported.pg_import_ratio_vs_raw_copy >= 0.5,
        baseline: `${withCommas(imported.pg_import_incidents_per_s)} vs ${withCommas(imported.pg_raw_copy_rows_per_s)} incidents/s`,
      },
      {
        label: "tf import ÷ raw inserts (SQLite)",
        value: imported.import_rows_per_s_ratio_vs_raw_insert,
        goal: "≥ 0.5",
        pass: imported.import_rows_per_s_ratio_vs_raw_insert >= 0.5,
        baseline: `${withCommas(imported.import_rows_per_s)} vs ${withCommas(imported.raw_insert_rows_per_s)} rows/s`,
      },
    ];
    const pad = (s: string, n: number) => s.padEnd(n);
    console.log(
      [
        "",
        `Statewide benchmark (${results.mode}): ${results.task_forces} task forces, ${withCommas(results.incidents)} incidents, ${withCommas(results.members)} members, ${elapsed()}, commit ${results.src_commit}`,
        "",
        `${pad("figure", 40)}${pad("measured", 12)}${pad("goal", 9)}${pad("result", 8)}side by side`,
        ...goals.map(
          (g) =>
            `${pad(g.label, 40)}${pad(String(g.value), 12)}${pad(g.goal, 9)}${pad(g.goal === "report" ? "—" : g.pass ? "PASS" : "MISS", 8)}${g.baseline}`,
        ),
      ].join("\n"),
    );
    const file = join(benchDir, "results.json");
    const previous = existsSync(file)
      ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>)
      : {};
    writeFileSync(
      file,
      `${JSON.stringify({ ...previous, statewide: { ...results, goals: goals.map(({ label, value, goal, pass }) => ({ label, value, goal, pass })) } }, null, 2)}\n`,
    );
    console.log(`\nwrote ${file} ("statewide")`);
  } finally {
    await drop();
  }
}
