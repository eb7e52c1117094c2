import type { Db } from "../client.js";
import { Prisma } from "../generated/sqlite/client.js";
import { type DateRange, rangeSums, spanOf } from "./range-sums.js";

/**
 * Figures over one task force's incident links, each per range of local dates. A link counts only
 * while neither of its two records is voided. A link has no task force of its own (its two
 * incidents share one; linking refuses any other pair), so both incidents are held to it: a link
 * written across task forces by any other path would still count in neither. Table and column
 * names are fixed here; only the task force id and dates travel as parameters.
 */

/**
 * Shootings linked to at least one stolen vehicle, per range of the shooting's date. A shooting
 * linked to two vehicles counts once. The scan starts from the links, which are few, not from the
 * shootings.
 */
export async function linkedShootingSums(
  db: Db,
  taskForceId: number,
  ranges: readonly DateRange[],
): Promise<number[]> {
  if (ranges.length === 0) return [];
  // The span inside the subquery too: DISTINCT keeps the planner from moving the outer filter in.
  const { from, to } = spanOf(ranges);
  const [totals] = await rangeSums(db, {
    from: Prisma.sql`(
      SELECT DISTINCT i."id", i."localDate"
      FROM "IncidentLink" l
        JOIN "Incident" i ON i."id" = l."incidentId"
        JOIN "Incident" s ON s."id" = l."stolenId"
      WHERE l."kind" = 'vehicle_used' AND i."kind" = 'shooting' AND i."voidedAt" IS NULL
        AND i."taskForceId" = ${taskForceId} AND s."taskForceId" = ${taskForceId}
        AND s."voidedAt" IS NULL AND i."localDate" BETWEEN ${from} AND ${to}
    ) linked`,
    dateColumn: Prisma.sql`linked."localDate"`,
    where: Prisma.sql`1 = 1`,
    measures: [{ name: "shootings" }],
    ranges,
  });
  return totals?.sums.shootings ?? ranges.map(() => 0);
}

export interface RecoveryTimes {
  /** Linked theft–recovery pairs whose recovery falls in the range. */
  pairs: number;
  /** The median of their local days from theft to recovery; null with no pair. */
  medianDays: number | null;
}

/**
 * Per range of the recovery's date: the linked theft–recovery pairs, and the median of their days
 * from theft to recovery, taken in the database. The median is the middle value, or the mean of
 * the two middle values, found by numbering each range's pairs in order of days; window functions
 * and integer division behave alike on SQLite and PostgreSQL, so both give the same answer.
 */
export async function recoveryTimes(
  db: Db,
  taskForceId: number,
  ranges: readonly DateRange[],
): Promise<RecoveryTimes[]> {
  if (ranges.length === 0) return [];
  const rangeRows = ranges.map(
    (range, r) =>
      Prisma.sql`(${Prisma.raw(String(r))}, CAST(${range.from} AS TEXT), CAST(${range.to} AS TEXT))`,
  );
  const span = spanOf(ranges);
  // The pairs in the span first, each read once, then matched to the ranges they fall in.
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    WITH "ranges" ("r", "f", "t") AS (VALUES ${Prisma.join(rangeRows, ", ")}),
    "spanned" AS (
      SELECT rec."localDate" AS "day", l."recoveryDays" AS "days"
      FROM "IncidentLink" l
        JOIN "Incident" rec ON rec."id" = l."incidentId"
        JOIN "Incident" s ON s."id" = l."stolenId"
      WHERE l."kind" = 'recovery' AND rec."voidedAt" IS NULL AND s."voidedAt" IS NULL
        AND rec."taskForceId" = ${taskForceId} AND s."taskForceId" = ${taskForceId}
        AND rec."localDate" BETWEEN ${span.from} AND ${span.to}
    ),
    "pairs" AS (
      SELECT "ranges"."r" AS "r", "spanned"."days" AS "days"
      FROM "spanned" JOIN "ranges" ON "spanned"."day" BETWEEN "ranges"."f" AND "ranges"."t"
    ),
    "ordered" AS (
      SELECT "r", "days",
        ROW_NUMBER() OVER (PARTITION BY "r" ORDER BY "days") AS "n",
        COUNT(*) OVER (PARTITION BY "r") AS "c"
      FROM "pairs"
    )
    SELECT "r", MAX("c") AS "pairs", SUM("days") AS "middle", COUNT(*) AS "middles"
    FROM "ordered"
    WHERE "n" IN (("c" + 1) / 2, ("c" + 2) / 2)
    GROUP BY "r"`);
  const times: RecoveryTimes[] = ranges.map(() => ({ pairs: 0, medianDays: null }));
  for (const row of rows) {
    const r = whole(row.r);
    const middles = whole(row.middles);
    times[r] = { pairs: whole(row.pairs), medianDays: middles === 0 ? null : whole(row.middle) / middles };
  }
  return times;
}

/** Counts come back as numbers (SQLite) or bigints and numeric strings (PostgreSQL). */
function whole(value: unknown): number {
  const n = typeof value === "number" ? value : Number(String(value));
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number: ${String(value)}`);
  return n;
}
