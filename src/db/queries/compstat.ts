import type { Db } from "../client.js";
import { Prisma } from "../generated/sqlite/client.js";
import { type DateRange, type Measure, rangeSums } from "./range-sums.js";

/**
 * The CompStat figures of one task force, each summed in the database over every requested range.
 * Table and column names are fixed here; only the task force id and dates travel as parameters.
 */

/** Incident measures, told apart by the incident's kind (the key of `incidentSums`). */
const incidentMeasures: Measure[] = [
  { name: "shootings", keyIs: "shooting" },
  { name: "fatal", value: Prisma.sql`i."fatalVictims"`, keyIs: "shooting" },
  { name: "injured", value: Prisma.sql`i."injuredVictims"`, keyIs: "shooting" },
  { name: "stolen", keyIs: "stolen_vehicle" },
  { name: "recovered", keyIs: "recovered_vehicle" },
];

const seizureMeasures: Measure[] = [
  { name: "firearms", value: Prisma.sql`r."firearms"` },
  { name: "stolenFirearms", value: Prisma.sql`r."stolenFirearms"` },
  { name: "ghostGuns", value: Prisma.sql`r."ghostGuns"` },
  { name: "currencyCents", value: Prisma.sql`r."currencyCents"` },
  { name: "arrests", value: Prisma.sql`r."arrests"` },
];

export type IncidentMeasure = "shootings" | "fatal" | "injured" | "stolen" | "recovered";
export type SeizureMeasure = "firearms" | "stolenFirearms" | "ghostGuns" | "currencyCents" | "arrests";

// The task force in the scan's own WHERE, as an equality: it leads the covering index (taskForceId,
// kind, localDate, …), so the scan still reads one task force's rows in (kind, date) order.
const incidentsWhere = (taskForceId: number) =>
  Prisma.sql`i."taskForceId" = ${taskForceId} AND i."voidedAt" IS NULL AND i."kind" IN ('shooting', 'stolen_vehicle', 'recovered_vehicle')`;

/** Incident figures per range; grouped by area name (or the source's own place name) when asked. */
export function incidentSums(
  db: Db,
  taskForceId: number,
  ranges: readonly DateRange[],
  options: { byArea?: boolean } = {},
) {
  return rangeSums(db, {
    // Area only when grouping by it: SQLite keeps an unused LEFT JOIN and looks up every row's area.
    from: options.byArea
      ? Prisma.sql`"Incident" i LEFT JOIN "Area" a ON a."id" = i."areaId"`
      : Prisma.sql`"Incident" i`,
    dateColumn: Prisma.sql`i."localDate"`,
    where: incidentsWhere(taskForceId),
    measures: incidentMeasures,
    ranges,
    groupBy: options.byArea ? Prisma.sql`COALESCE(a."name", i."areaLabel", '(no area)')` : undefined,
    key: Prisma.sql`i."kind"`,
  });
}

const seizureGroups = {
  unit: {
    from: Prisma.sql`"SeizureReport" r JOIN "Unit" u ON u."id" = r."unitId"`,
    key: Prisma.sql`u."name"`,
  },
  agency: {
    from: Prisma.sql`"SeizureReport" r JOIN "Agency" g ON g."id" = r."agencyId"`,
    key: Prisma.sql`g."code"`,
  },
  area: {
    from: Prisma.sql`"SeizureReport" r LEFT JOIN "Area" a ON a."id" = r."areaId"`,
    key: Prisma.sql`COALESCE(a."name", '(no area)')`,
  },
} as const;

/** Seizure figures per range; grouped by unit, agency or area when asked. Voided reports count nowhere. */
export function seizureSums(
  db: Db,
  taskForceId: number,
  ranges: readonly DateRange[],
  options: { by?: keyof typeof seizureGroups } = {},
) {
  const group = options.by ? seizureGroups[options.by] : undefined;
  return rangeSums(db, {
    from: group?.from ?? Prisma.sql`"SeizureReport" r`,
    dateColumn: Prisma.sql`r."occurredOn"`,
    where: Prisma.sql`r."taskForceId" = ${taskForceId} AND r."voidedAt" IS NULL`,
    measures: seizureMeasures,
    ranges,
    groupBy: group?.key,
  });
}

/** Narcotic mass in milligrams per NIBRS drug type and range. */
export function narcoticSums(db: Db, taskForceId: number, ranges: readonly DateRange[]) {
  return rangeSums(db, {
    from: Prisma.sql`"SeizureNarcotic" n JOIN "SeizureReport" r ON r."id" = n."reportId"`,
    dateColumn: Prisma.sql`r."occurredOn"`,
    where: Prisma.sql`r."taskForceId" = ${taskForceId} AND r."voidedAt" IS NULL AND n."massMg" IS NOT NULL`,
    measures: [{ name: "massMg", value: Prisma.sql`n."massMg"` }],
    ranges,
    groupBy: Prisma.sql`n."drugCode"`,
  });
}
