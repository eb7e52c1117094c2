// The CompStat computation for all rows — compstatUseCases(...).report({ subject: "all" }) on a
// client from createDatabase — against hand-written raw SQL for the same figures through the raw
// driver (better-sqlite3, pg), on the same database. Median of several runs each, interleaved, first
// on the freshly loaded database and again after gathering planner statistics.
//
//   npx tsx bench/compstat.ts --rows 100000 [--quick] [--json out.json]
//   npx tsx bench/compstat.ts --sqlite <seeded.db> --postgres <seeded url> --as-of YYYY-MM-DD ...
//
// Without --sqlite/--postgres it seeds fresh databases (PostgreSQL at BENCH_POSTGRES_URL, default
// postgres://postgres@127.0.0.1:5432/postgres); --engine limits it to one.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { createDatabase } from "../src/db/client.js";
import { firstTaskForceId } from "../src/domain/taskforce/task-force.js";
import { type LocalDate, localDateOf } from "../src/domain/time/local-date.js";
import type { WeekStart } from "../src/domain/time/periods.js";
import { compstatUseCases } from "../src/usecases/trends/compstat.js";
import { createPostgresDatabase } from "../test/helpers/database.js";
import { seedPostgres, seedSqlite } from "./lib/dataset.js";
import {
  appIncidentSql,
  compareFigures,
  dailyIncidentSql,
  figuresOfReport,
  postgresDriver,
  type RawDriver,
  type RawVariant,
  rawCompstat,
  rawVariants,
  sqliteDriver,
} from "./lib/raw-compstat.js";
import { median, round, withCommas } from "./lib/stats.js";

const timeZone = "America/New_York";
const weekStart: WeekStart = "monday";

export interface EngineTiming {
  /** Median ms of the app's report. */
  app: number;
  /** Median ms of each raw variant. */
  raw: Record<RawVariant, number>;
  fastest: RawVariant;
}

export interface EngineResult {
  before: EngineTiming;
  after: EngineTiming;
  /** How the statistics were gathered. */
  statistics: string;
  plans: Record<string, string>;
}

interface Engine {
  /** The app's report, on a fresh client. */
  openApp(): Promise<{
    report: () => Promise<unknown>;
    figures: () => Promise<ReturnType<typeof figuresOfReport>>;
    close(): Promise<void>;
  }>;
  openRaw(): Promise<{ driver: RawDriver; close(): Promise<void> }>;
  /** Gathers planner statistics; returns what it did. */
  analyze(): Promise<string>;
  plans(asOf: LocalDate): Promise<Record<string, string>>;
}

function appOn(url: string, asOf: LocalDate): Engine["openApp"] {
  return async () => {
    const database = await createDatabase(url);
    const compstat = compstatUseCases({
      db: database.prisma,
      taskForce: { id: firstTaskForceId, timeZone, weekStart },
    });
    // The use case shares a report for 30 s; clear that first, so each run computes it.
    const report = () => {
      compstat.invalidate();
      return compstat.report({ asOf, subject: "all" });
    };
    return { report, figures: async () => figuresOfReport(await report()), close: () => database.close() };
  };
}

function sqliteEngine(filePath: string, asOf: LocalDate): Engine {
  return {
    openApp: appOn(`file:${filePath}`, asOf),
    async openRaw() {
      const db = new Database(filePath, { readonly: true });
      return {
        driver: sqliteDriver(db),
        close: async () => {
          db.close();
        },
      };
    },
    async analyze() {
      const db = new Database(filePath);
      try {
        db.pragma("optimize");
        const stats = () =>
          (
            db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'`).get() as {
              n: number;
            }
          ).n > 0
            ? (
                db.prepare(`SELECT COUNT(*) AS n FROM sqlite_stat1 WHERE tbl = 'Incident'`).get() as {
                  n: number;
                }
              ).n
            : 0;
        if (stats() > 0) return "PRAGMA optimize (it analysed Incident)";
        db.exec("ANALYZE");
        return `PRAGMA optimize left Incident without statistics on a new connection; ran ANALYZE (${stats()} index rows in sqlite_stat1)`;
      } finally {
        db.close();
      }
    },
    async plans(asOf) {
      const db = new Database(filePath, { readonly: true });
      try {
        const plan = (q: { sql: string; params: readonly unknown[] }) =>
          (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as Array<{ detail: string }>)
            .map((r) => r.detail)
            .join("\n");
        return {
          app_incidents: plan(await appIncidentSql(asOf, weekStart)),
          daily_incidents: plan(dailyIncidentSql(asOf, weekStart)),
        };
      } finally {
        db.close();
      }
    },
  };
}

function postgresEngine(url: string, asOf: LocalDate): Engine {
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    openApp: appOn(url, asOf),
    async openRaw() {
      const pool = new pg.Pool({ connectionString: url, max: 4 });
      return { driver: postgresDriver(pool), close: () => pool.end() };
    },
    async analyze() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        // VACUUM too: it is what autovacuum does on its own soon after a bulk load (visibility map,
        // hint bits), so the "after" figures are the steady state rather than a half-way one.
        await client.query("VACUUM (ANALYZE)");
        return "VACUUM (ANALYZE)";
      } finally {
        await client.end();
      }
    },
    async plans(asOf) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const plan = async (q: { sql: string; params: readonly unknown[] }) =>
          (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${numbered(q.sql)}`, [...q.params])).rows
            .map((r: Record<string, string>) => r["QUERY PLAN"])
            .join("\n");
        return {
          app_incidents: await plan(await appIncidentSql(asOf, weekStart)),
          daily_incidents: await plan(dailyIncidentSql(asOf, weekStart)),
        };
      } finally {
        await client.end();
      }
    },
  };
}

/** Interleaved runs: each round times the app, then every raw variant. */
async function timeEngine(engine: Engine, asOf: LocalDate, runs: number): Promise<EngineTiming> {
  const app = await engine.openApp();
  const raw = await engine.openRaw();
  try {
    const expected = await app.figures();
    const variants = new Map<RawVariant, () => Promise<unknown>>();
    for (const variant of rawVariants) {
      const compute = await rawCompstat(raw.driver, variant, asOf, weekStart);
      const problems = compareFigures(expected, await compute());
      if (problems.length)
        throw new Error(`raw "${variant}" figures differ from the app's:\n${problems.join("\n")}`);
      variants.set(variant, compute);
    }
    // One more warm-up each (the check above was the first).
    await app.report();
    const samples = {
      app: [] as number[],
      raw: new Map<RawVariant, number[]>(rawVariants.map((v) => [v, []])),
    };
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await app.report();
      samples.app.push(performance.now() - t);
      for (const [variant, compute] of variants) {
        t = performance.now();
        await compute();
        samples.raw.get(variant)?.push(performance.now() - t);
      }
    }
    const rawMedians = Object.fromEntries(
      rawVariants.map((v) => [v, round(median(samples.raw.get(v) ?? []), 2)]),
    ) as Record<RawVariant, number>;
    const fastest = [...rawVariants].sort((a, b) => rawMedians[a] - rawMedians[b])[0] as RawVariant;
    return { app: round(median(samples.app), 2), raw: rawMedians, fastest };
  } finally {
    await app.close();
    await raw.close();
  }
}

async function benchEngine(engine: Engine, asOf: LocalDate, runs: number): Promise<EngineResult> {
  const before = await timeEngine(engine, asOf, runs);
  const statistics = await engine.analyze();
  const after = await timeEngine(engine, asOf, runs);
  return { before, after, statistics, plans: await engine.plans(asOf) };
}

function engineFor(provider: "sqlite" | "postgresql", location: string, asOf: LocalDate): Engine {
  return provider === "sqlite" ? sqliteEngine(location, asOf) : postgresEngine(location, asOf);
}

function printEngine(name: string, r: EngineResult): void {
  const line = (when: string, t: EngineTiming) =>
    `  ${when}: app ${t.app} ms; raw ${rawVariants.map((v) => `${v} ${t.raw[v]} ms`).join(", ")}; ` +
    `ratio app / fastest raw (${t.fastest}) ${round(t.app / t.raw[t.fastest], 2)}`;
  console.log(`${name}\n${line("fresh load      ", r.before)}\n${line("with statistics ", r.after)}`);
  console.log(`  statistics: ${r.statistics}`);
}

// ------------------------------------------------------------------------------------------- CLI

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      rows: { type: "string" },
      quick: { type: "boolean", default: false },
      sqlite: { type: "string" },
      postgres: { type: "string" },
      "as-of": { type: "string" },
      engine: { type: "string" },
      json: { type: "string" },
      plans: { type: "boolean", default: false },
    },
  });
  const asOf = values["as-of"] ?? localDateOf(new Date(), timeZone);
  const rows = Number(values.rows ?? (values.quick ? 100_000 : 1_000_000));
  const runs = values.quick ? 5 : 7;
  const engines = values.engine ? [values.engine] : ["sqlite", "postgresql"];
  const dir = mkdtempSync(join(tmpdir(), "tf-bench-compstat-"));
  const drops: Array<() => Promise<void>> = [];
  const results: Record<string, EngineResult> = {};
  try {
    for (const provider of engines) {
      let location = provider === "sqlite" ? values.sqlite : values.postgres;
      if (!location) {
        console.log(`seeding ${withCommas(rows)} incidents in ${provider}…`);
        if (provider === "sqlite") {
          location = join(dir, "bench.db");
          await seedSqlite(location, { incidents: rows, asOf });
        } else {
          const created = await createPostgresDatabase(
            process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
            "tf_bench",
          );
          drops.push(created.drop);
          location = created.url;
          await seedPostgres(location, { incidents: rows, asOf });
        }
      }
      const result = await benchEngine(
        engineFor(provider as "sqlite" | "postgresql", location, asOf),
        asOf,
        runs,
      );
      results[provider] = result;
      printEngine(provider, result);
      if (values.plans)
        for (const [name, plan] of Object.entries(result.plans)) console.log(`  -- ${name}\n${plan}`);
    }
    if (values.json) writeFileSync(values.json, JSON.stringify({ asOf, runs, results }, null, 2));
  } finally {
    for (const drop of drops) await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
