// The CompStat figures of `compstatUseCases(...).report({ subject: "all" })`, computed with hand-written
// SQL through the raw drivers (better-sqlite3, pg), for the trend-query benchmark. Four ways:
//
// - "daily":  one row per (kind, local date) in the needed dates, summed into the 14 ranges in JS.
//             Each row is read once and aggregated once, instead of evaluated against 14 ranges.
// - "daily-span": the same, over one run of dates from the first needed to the last (one BETWEEN
//             instead of one per merged range).
// - "joined": the same daily sums joined to the ranges in SQL, so the database returns the figures.
// - "same":   the app's own query functions (src/db/queries: its SQL and its reading of the rows) on
//             the raw driver instead of Prisma: the difference from the app is the ORM's own cost.
//
// Every variant must return the app's figures to the unit; the bench checks that before timing.
import type Database from "better-sqlite3";
import type pg from "pg";
import type { Db } from "../../src/db/client.js";
import type { Prisma } from "../../src/db/generated/sqlite/client.js";
import { incidentSums, narcoticSums, seizureSums } from "../../src/db/queries/compstat.js";
import type { DateRange } from "../../src/db/queries/range-sums.js";
import { compstatWindows, weeklyBuckets } from "../../src/domain/compstat/windows.js";
import { firstTaskForceId } from "../../src/domain/taskforce/task-force.js";
import type { LocalDate } from "../../src/domain/time/local-date.js";
import type { WeekStart } from "../../src/domain/time/periods.js";
import type { CompstatReport } from "../../src/usecases/trends/compstat.js";

/** Figure name (the report's row key) → its sum over each range, in the report's range order. */
export type Figures = Map<string, number[]>;

/** One task force, or several summed (the roll-up, where every task force has the same windows). */
export type TaskForceIds = number | readonly number[];

/** Figures added range by range; a figure one side lacks counts 0 there. */
export function sumFigures(parts: readonly Figures[]): Figures {
  const sum: Figures = new Map();
  for (const part of parts)
    for (const [key, values] of part) {
      const total = sum.get(key) ?? values.map(() => 0);
      sum.set(
        key,
        total.map((v, i) => v + (values[i] ?? 0)),
      );
    }
  return sum;
}

export type RawVariant = "daily" | "daily-span" | "joined" | "same";
export const rawVariants: readonly RawVariant[] = ["daily", "daily-span", "joined", "same"];

export interface RawDriver {
  provider: "sqlite" | "postgresql";
  /** Runs one query; `?` placeholders (numbered for PostgreSQL here). Several may run at once on PostgreSQL. */
  all(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

export function sqliteDriver(db: Database.Database): RawDriver {
  const statements = new Map<string, Database.Statement>();
  return {
    provider: "sqlite",
    async all(sql, params) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement.all(...params) as Record<string, unknown>[];
    },
  };
}

/** A pool, so the three queries of one report run side by side, as the fastest client would. */
export function postgresDriver(pool: pg.Pool): RawDriver {
  return {
    provider: "postgresql",
    async all(sql, params) {
      let n = 0;
      const text = sql.replace(/\?/g, () => `$${++n}`);
      return (await pool.query({ text, values: [...params] })).rows;
    },
  };
}

/** The report's range order: wtd, prior wtd, 28d, prior 28d, ytd, prior ytd, then 8 weeks. */
export function reportRanges(asOf: LocalDate, weekStart: WeekStart): DateRange[] {
  const { wtd, d28, ytd } = compstatWindows(asOf, weekStart);
  return [
    wtd.current,
    wtd.prior,
    d28.current,
    d28.prior,
    ytd.current,
    ytd.prior,
    ...weeklyBuckets(asOf, weekStart, 8).map(({ from, to }) => ({ from, to })),
  ];
}

/** The report's figures in the same shape, to compare. */
export function figuresOfReport(report: CompstatReport): Figures {
  return new Map(
    report.rows.map((row) => [
      row.key,
      [
        row.wtd.current,
        row.wtd.prior,
        row.d28.current,
        row.d28.prior,
        row.ytd.current,
        row.ytd.prior,
        ...row.weekly,
      ],
    ]),
  );
}

/** Differences between two sets of figures, empty when they agree exactly. */
export function compareFigures(expected: Figures, actual: Figures): string[] {
  const problems: string[] = [];
  for (const key of new Set([...expected.keys(), ...actual.keys()])) {
    const a = expected.get(key);
    const b = actual.get(key);
    if (!a || !b) problems.push(`${key}: only in ${a ? "the app's" : "the raw"} figures`);
    else if (a.join() !== b.join()) problems.push(`${key}: app ${a.join(" ")} / raw ${b.join(" ")}`);
  }
  return problems;
}

const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));

/** Sorted, merged date intervals covering every range: only these dates are read. */
function intervals(ranges: readonly DateRange[]): DateRange[] {
  const sorted = [...ranges].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: DateRange[] = [];
  for (const r of sorted) {
    const last = merged.at(-1);
    if (last && r.from <= nextDay(last.to)) {
      if (r.to > last.to) last.to = r.to;
    } else merged.push({ ...r });
  }
  return merged;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function dateFilter(column: string, spans: readonly DateRange[]): { sql: string; params: string[] } {
  return {
    sql: `(${spans.map(() => `${column} BETWEEN ? AND ?`).join(" OR ")})`,
    params: spans.flatMap((s) => [s.from, s.to]),
  };
}

interface Sink {
  add(key: string, rangeIndex: number, value: number): void;
  ensure(key: string): void;
}

function assemble(ranges: readonly DateRange[], fill: (sink: Sink) => void): Figures {
  const sums = new Map<string, number[]>();
  const sink: Sink = {
    ensure(key) {
      if (!sums.has(key))
        sums.set(
          key,
          ranges.map(() => 0),
        );
    },
    add(key, r, value) {
      sink.ensure(key);
      const list = sums.get(key) as number[];
      list[r] = (list[r] as number) + value;
    },
  };
  for (const key of [
    "shootings",
    "fatal",
    "injured",
    "stolen",
    "recovered",
    "firearms",
    "stolenFirearms",
    "ghostGuns",
    "currencyCents",
    "arrests",
  ])
    sink.ensure(key);
  fill(sink);
  const get = (key: string) => sums.get(key) as number[];
  const figures: Figures = new Map();
  figures.set("shootings", get("shootings"));
  figures.set(
    "victims",
    get("fatal").map((f, i) => f + (get("injured")[i] ?? 0)),
  );
  figures.set("fatal", get("fatal"));
  figures.set("injured", get("injured"));
  figures.set("stolen", get("stolen"));
  figures.set("recovered", get("recovered"));
  figures.set("firearms", get("firearms"));
  figures.set("stolenFirearms", get("stolenFirearms"));
  figures.set("ghostGuns", get("ghostGuns"));
  const narcotics = [...sums.keys()].filter((k) => k.startsWith("narcotic:")).sort();
  for (const key of narcotics) figures.set(key, get(key));
  figures.set("currency", get("currencyCents"));
  figures.set("arrests", get("arrests"));
  return figures;
}

const kindFigure: Record<string, string> = {
  shooting: "shootings",
  stolen_vehicle: "stolen",
  recovered_vehicle: "recovered",
};

// ------------------------------------------------------------------------------------- "daily"

/**
 * Daily sums over the needed dates: the merged ranges, or (`span`) one run from first to last date.
 * The app's queries name the task force, so these do too, and both can follow the indexes it leads.
 */
function dailySql(ranges: readonly DateRange[], span = false, taskForces: TaskForceIds = firstTaskForceId) {
  const ids = typeof taskForces === "number" ? [taskForces] : [...taskForces];
  const inTaskForces = `IN (${ids.map(() => "?").join(", ")})`;
  const merged = intervals(ranges);
  const spans = span ? [{ from: merged[0]?.from ?? "", to: merged.at(-1)?.to ?? "" }] : merged;
  const incidentDates = dateFilter(`"localDate"`, spans);
  const reportDates = dateFilter(`"occurredOn"`, spans);
  const narcoticDates = dateFilter(`r."occurredOn"`, spans);
  return {
    incidents: {
      sql: `SELECT "kind" AS k, "localDate" AS d, COUNT(*) AS n, SUM("fatalVictims") AS f, SUM("injuredVictims") AS i
        FROM "Incident"
        WHERE "taskForceId" ${inTaskForces} AND "kind" IN ('shooting', 'stolen_vehicle', 'recovered_vehicle') AND ${incidentDates.sql} AND "voidedAt" IS NULL
        GROUP BY "kind", "localDate"`,
      params: [...ids, ...incidentDates.params],
    },
    seizures: {
      sql: `SELECT "occurredOn" AS d, SUM("firearms") AS fa, SUM("stolenFirearms") AS sf, SUM("ghostGuns") AS gg,
          SUM("currencyCents") AS cc, SUM("arrests") AS ar
        FROM "SeizureReport" WHERE "taskForceId" ${inTaskForces} AND ${reportDates.sql} AND "voidedAt" IS NULL
        GROUP BY "occurredOn"`,
      params: [...ids, ...reportDates.params],
    },
    narcotics: {
      sql: `SELECT n."drugCode" AS g, r."occurredOn" AS d, SUM(n."massMg") AS m
        FROM "SeizureNarcotic" n JOIN "SeizureReport" r ON r."id" = n."reportId"
        WHERE r."taskForceId" ${inTaskForces} AND ${narcoticDates.sql} AND r."voidedAt" IS NULL AND n."massMg" IS NOT NULL
        GROUP BY n."drugCode", r."occurredOn"`,
      params: [...ids, ...narcoticDates.params],
    },
  };
}

async function daily(
  driver: RawDriver,
  ranges: readonly DateRange[],
  span: boolean,
  taskForces: TaskForceIds,
): Promise<Figures> {
  const q = dailySql(ranges, span, taskForces);
  const [incidents, seizures, narcotics] = await Promise.all([
    driver.all(q.incidents.sql, q.incidents.params),
    driver.all(q.seizures.sql, q.seizures.params),
    driver.all(q.narcotics.sql, q.narcotics.params),
  ]);
  const froms = ranges.map((r) => r.from);
  const tos = ranges.map((r) => r.to);
  const each = (date: string, fn: (r: number) => void) => {
    for (let r = 0; r < froms.length; r++)
      if (date >= (froms[r] as string) && date <= (tos[r] as string)) fn(r);
  };
  return assemble(ranges, (sink) => {
    for (const row of incidents) {
      const figure = kindFigure[row.k as string] as string;
      const n = num(row.n);
      const f = num(row.f);
      const i = num(row.i);
      each(row.d as string, (r) => {
        sink.add(figure, r, n);
        if (figure === "shootings") {
          sink.add("fatal", r, f);
          sink.add("injured", r, i);
        }
      });
    }
    for (const row of seizures) {
      const values = [num(row.fa), num(row.sf), num(row.gg), num(row.cc), num(row.ar)];
      each(row.d as string, (r) => {
        sink.add("firearms", r, values[0] as number);
        sink.add("stolenFirearms", r, values[1] as number);
        sink.add("ghostGuns", r, values[2] as number);
        sink.add("currencyCents", r, values[3] as number);
        sink.add("arrests", r, values[4] as number);
      });
    }
    for (const row of narcotics) {
      const key = `narcotic:${row.g as string}`;
      // The app lists a drug seized on any date it reads (the merged ranges); a span reads more dates.
      if (!span) sink.ensure(key);
      const m = num(row.m);
      each(row.d as string, (r) => {
        sink.ensure(key);
        sink.add(key, r, m);
      });
    }
  });
}

// ------------------------------------------------------------------------------------- "joined"

function rangesTable(ranges: readonly DateRange[], provider: RawDriver["provider"]) {
  const text = provider === "postgresql" ? "CAST(? AS TEXT)" : "?";
  return {
    sql: `ranges (r, lo, hi) AS (VALUES ${ranges.map((_, i) => `(${i}, ${text}, ${text})`).join(", ")})`,
    params: ranges.flatMap((r) => [r.from, r.to]),
  };
}

async function joined(
  driver: RawDriver,
  ranges: readonly DateRange[],
  taskForces: TaskForceIds,
): Promise<Figures> {
  const q = dailySql(ranges, false, taskForces);
  const table = rangesTable(ranges, driver.provider);
  const wrap = (daily: { sql: string; params: unknown[] }, select: string, group: string) => ({
    sql: `WITH ${table.sql}, daily AS (${daily.sql})
      SELECT ranges.r AS r, ${select} FROM daily JOIN ranges ON daily.d BETWEEN ranges.lo AND ranges.hi
      GROUP BY ranges.r${group}`,
    params: [...table.params, ...daily.params],
  });
  const incidents = wrap(
    q.incidents,
    "daily.k AS k, SUM(daily.n) AS n, SUM(daily.f) AS f, SUM(daily.i) AS i",
    ", daily.k",
  );
  const seizures = wrap(
    q.seizures,
    "SUM(daily.fa) AS fa, SUM(daily.sf) AS sf, SUM(daily.gg) AS gg, SUM(daily.cc) AS cc, SUM(daily.ar) AS ar",
    "",
  );
  const narcotics = wrap(q.narcotics, "daily.g AS g, SUM(daily.m) AS m", ", daily.g");
  // Drug types with rows in the dates read but none in any range still get a (zero) row in the report.
  const codes = {
    sql: `SELECT DISTINCT g FROM (${q.narcotics.sql}) AS x`,
    params: q.narcotics.params,
  };
  const [ir, sr, nr, cr] = await Promise.all([
    driver.all(incidents.sql, incidents.params),
    driver.all(seizures.sql, seizures.params),
    driver.all(narcotics.sql, narcotics.params),
    driver.all(codes.sql, codes.params),
  ]);
  return assemble(ranges, (sink) => {
    for (const row of ir) {
      const figure = kindFigure[row.k as string] as string;
      const r = num(row.r);
      sink.add(figure, r, num(row.n));
      if (figure === "shootings") {
        sink.add("fatal", r, num(row.f));
        sink.add("injured", r, num(row.i));
      }
    }
    for (const row of sr) {
      const r = num(row.r);
      sink.add("firearms", r, num(row.fa));
      sink.add("stolenFirearms", r, num(row.sf));
      sink.add("ghostGuns", r, num(row.gg));
      sink.add("currencyCents", r, num(row.cc));
      sink.add("arrests", r, num(row.ar));
    }
    for (const row of cr) sink.ensure(`narcotic:${row.g as string}`);
    for (const row of nr) sink.add(`narcotic:${row.g as string}`, num(row.r), num(row.m));
  });
}

// ------------------------------------------------------------------------------------- "same"

/** The SQL (and parameters) the app's queries send, captured by a stand-in for the Prisma client. */
async function appSql(ranges: readonly DateRange[]) {
  const captured: Prisma.Sql[] = [];
  const capture = {
    async $queryRaw(sql: Prisma.Sql) {
      captured.push(sql);
      return [];
    },
  } as unknown as Db;
  await incidentSums(capture, firstTaskForceId, ranges);
  await seizureSums(capture, firstTaskForceId, ranges);
  await narcoticSums(capture, firstTaskForceId, ranges);
  if (captured.length !== 3) throw new Error(`expected 3 CompStat queries, captured ${captured.length}`);
  return captured.map((s) => ({ sql: s.sql, params: s.values }));
}

/**
 * A stand-in for the Prisma client whose $queryRaw runs the app's SQL through the raw driver, so the
 * app's own query functions (src/db/queries) build the SQL and read the rows, and only the ORM differs.
 */
function rawDb(driver: RawDriver): Db {
  return {
    $queryRaw: (sql: Prisma.Sql) => driver.all(sql.sql, sql.values),
  } as unknown as Db;
}

async function same(driver: RawDriver, ranges: readonly DateRange[], taskForceId: number): Promise<Figures> {
  const db = rawDb(driver);
  // As the report runs them: all three together.
  const [[incidents], [seizures], narcotics] = await Promise.all([
    incidentSums(db, taskForceId, ranges),
    seizureSums(db, taskForceId, ranges),
    narcoticSums(db, taskForceId, ranges),
  ]);
  return assemble(ranges, (sink) => {
    for (const row of [incidents, seizures]) {
      for (const [name, sums] of Object.entries(row?.sums ?? {})) {
        sums.forEach((value, r) => {
          sink.add(name, r, value);
        });
      }
    }
    for (const row of narcotics) {
      const key = `narcotic:${row.group ?? "U"}`;
      sink.ensure(key);
      (row.sums.massMg ?? []).forEach((value, r) => {
        sink.add(key, r, value);
      });
    }
  });
}

/** A raw computation of the report's figures as of `asOf`, in the chosen variant. */
export async function rawCompstat(
  driver: RawDriver,
  variant: RawVariant,
  asOf: LocalDate,
  weekStart: WeekStart,
  taskForces: TaskForceIds = firstTaskForceId,
): Promise<() => Promise<Figures>> {
  const ranges = reportRanges(asOf, weekStart);
  if (variant === "daily") return () => daily(driver, ranges, false, taskForces);
  if (variant === "daily-span") return () => daily(driver, ranges, true, taskForces);
  if (variant === "joined") return () => joined(driver, ranges, taskForces);
  if (typeof taskForces !== "number")
    throw new RangeError(`raw "same" runs the app's queries, which take one task force`);
  return () => same(driver, ranges, taskForces);
}

/** The SQL of the "daily" incident query, for EXPLAIN. */
export function dailyIncidentSql(asOf: LocalDate, weekStart: WeekStart) {
  return dailySql(reportRanges(asOf, weekStart)).incidents;
}

/** The app's incident query, for EXPLAIN. */
export async function appIncidentSql(asOf: LocalDate, weekStart: WeekStart) {
  const [incidents] = await appSql(reportRanges(asOf, weekStart));
  return incidents as { sql: string; params: unknown[] };
}
