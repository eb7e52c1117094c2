import type { Db } from "../client.js";
import { Prisma } from "../generated/sqlite/client.js";

/** An inclusive range of local dates, "YYYY-MM-DD". */
export interface DateRange {
  from: string;
  to: string;
}

/** One figure to sum: `value` (a column or 1 to count rows) where `when` holds. */
export interface Measure {
  name: string;
  value: Prisma.Sql;
  when?: Prisma.Sql;
}

export interface RangeSumsQuery {
  /** FROM clause (tables and joins), from a fixed list in the callers, never from user input. */
  from: Prisma.Sql;
  /** The local-date column the ranges filter on. */
  dateColumn: Prisma.Sql;
  /** Rows that count at all, e.g. not voided, a unit filter. */
  where: Prisma.Sql;
  measures: readonly Measure[];
  ranges: readonly DateRange[];
  /** One result row per value of this expression, or a single row when absent. */
  groupBy?: Prisma.Sql;
}

export interface RangeSumsRow {
  group: string | null;
  /** sums[measure name][range index] */
  sums: Record<string, number[]>;
}

/**
 * Sums every measure over every range in one scan: conditional aggregation
 * (`SUM(CASE WHEN date BETWEEN … THEN value ELSE 0 END)`) restricted to the span the ranges
 * cover, so an index on the date column serves it. Dates are "YYYY-MM-DD" strings, which compare
 * in calendar order on SQLite and PostgreSQL alike, so the same SQL gives the same figures on both.
 */
export async function rangeSums(db: Db, query: RangeSumsQuery): Promise<RangeSumsRow[]> {
  const { ranges, measures } = query;
  if (ranges.length === 0 || measures.length === 0) return [];
  // "YYYY-MM-DD" strings sort in date order.
  const span = {
    from: ranges.map((r) => r.from).sort()[0] ?? "",
    to:
      ranges
        .map((r) => r.to)
        .sort()
        .at(-1) ?? "",
  };
  const columns: Prisma.Sql[] = [];
  measures.forEach((measure, m) => {
    ranges.forEach((range, r) => {
      const condition = Prisma.sql`${query.dateColumn} BETWEEN ${range.from} AND ${range.to}`;
      const when = measure.when ? Prisma.sql`${measure.when} AND ${condition}` : condition;
      columns.push(
        Prisma.sql`SUM(CASE WHEN ${when} THEN ${measure.value} ELSE 0 END) AS ${Prisma.raw(`"m${m}_r${r}"`)}`,
      );
    });
  });
  const group = query.groupBy ? Prisma.sql`${query.groupBy} AS "g", ` : Prisma.empty;
  const sql = Prisma.sql`SELECT ${group}${Prisma.join(columns, ", ")}
    FROM ${query.from}
    WHERE ${query.where} AND ${query.dateColumn} BETWEEN ${span.from} AND ${span.to}
    ${query.groupBy ? Prisma.sql`GROUP BY ${query.groupBy}` : Prisma.empty}`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>(sql);
  return rows.map((row) => ({
    group: row.g === undefined || row.g === null ? null : String(row.g),
    sums: Object.fromEntries(
      measures.map((measure, m) => [measure.name, ranges.map((_, r) => toNumber(row[`m${m}_r${r}`]))]),
    ),
  }));
}

/** SUM comes back as a number (SQLite), a bigint, a numeric string (PostgreSQL) or null (no rows). */
function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === "number" ? value : Number(String(value));
  if (!Number.isSafeInteger(n)) throw new RangeError(`a sum is not a safe integer: ${String(value)}`);
  return n;
}
