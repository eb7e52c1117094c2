import type { Db } from "../client.js";
import { Prisma } from "../generated/sqlite/client.js";
import type { DateRange } from "./range-sums.js";

/** Shootings in one place over two adjacent windows. */
export interface AreaShootings {
  /** The reference area, or null for a place named only by its source (an import's "BRONX / precinct 52"). */
  areaId: number | null;
  /** The area's name, the source's place name, or null when the incident has neither. */
  name: string | null;
  /** Residents, as an admin set them; 0 when unknown, and always 0 for a source's place name. */
  population: number;
  current: number;
  prior: number;
}

/**
 * One task force's shooting incidents per place in `current` and in `prior` (two ranges of local dates, `prior`
 * wholly before `current`), counted in the database in one indexed scan of the span they cover.
 * A place is a reference area, or else the place name the record's source gave; voided records
 * count nowhere. Places with no shooting in either window are not returned.
 */
export async function shootingsByArea(
  db: Db,
  taskForceId: number,
  windows: { current: DateRange; prior: DateRange },
): Promise<AreaShootings[]> {
  const { current, prior } = windows;
  if (!(prior.to < current.from)) throw new RangeError("shootingsByArea: the prior window must end first");
  const place = Prisma.sql`COALESCE(a."name", i."areaLabel")`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT a."id" AS "areaId", ${place} AS "name", a."population" AS "population",
      SUM(CASE WHEN i."localDate" >= ${current.from} THEN 1 ELSE 0 END) AS "current",
      SUM(CASE WHEN i."localDate" <= ${prior.to} THEN 1 ELSE 0 END) AS "prior"
    FROM "Incident" i LEFT JOIN "Area" a ON a."id" = i."areaId"
    WHERE i."taskForceId" = ${taskForceId} AND i."kind" = 'shooting' AND i."voidedAt" IS NULL
      AND i."localDate" BETWEEN ${prior.from} AND ${current.to}
      AND (i."localDate" <= ${prior.to} OR i."localDate" >= ${current.from})
    GROUP BY a."id", ${place}, a."population"`);
  return rows.map((row) => ({
    areaId: row.areaId === null || row.areaId === undefined ? null : toCount(row.areaId),
    name: row.name === null || row.name === undefined ? null : String(row.name),
    population: row.population === null || row.population === undefined ? 0 : toCount(row.population),
    current: toCount(row.current),
    prior: toCount(row.prior),
  }));
}

/** Counts come back as numbers (SQLite) or bigints and numeric strings (PostgreSQL). */
function toCount(value: unknown): number {
  const n = typeof value === "number" ? value : Number(String(value));
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number: ${String(value)}`);
  return n;
}
