import type { Db } from "../client.js";
import { Prisma } from "../generated/sqlite/client.js";
import { type DateRange, type Measure, type RangeSumsRow, rangeSums } from "./range-sums.js";

/**
 * Each line of effort's own figures in one task force, summed in the database over any ranges of local dates:
 * every counted item and activity of the seizure reports, with traffic stops split by where they
 * were made (a highway post, a neighbourhood, no area). Voided reports count nowhere. Table and
 * column names are fixed here; only ids and dates travel as parameters.
 */

export type EffortSum =
  | "reports"
  | "firearms"
  | "stolenFirearms"
  | "ghostGuns"
  | "conversionDevices"
  | "currencyCents"
  | "vehicles"
  | "arrests"
  | "warrants"
  | "trafficStops"
  | "citations"
  | "paroleChecks"
  | "paroleViolations"
  | "highwayStops"
  | "neighborhoodStops"
  | "noAreaStops";

const column = (name: string) => Prisma.raw(`r."${name}"`);

const reportMeasures: Measure[] = [
  { name: "reports" },
  ...(
    [
      "firearms",
      "stolenFirearms",
      "ghostGuns",
      "conversionDevices",
      "currencyCents",
      "vehicles",
      "arrests",
      "warrants",
      "trafficStops",
      "citations",
      "paroleChecks",
      "paroleViolations",
    ] as const
  ).map((name) => ({ name, value: column(name) })),
  {
    name: "highwayStops",
    value: Prisma.sql`CASE WHEN a."kind" = 'highway' THEN r."trafficStops" ELSE 0 END`,
  },
  {
    name: "neighborhoodStops",
    value: Prisma.sql`CASE WHEN a."id" IS NOT NULL AND a."kind" <> 'highway' THEN r."trafficStops" ELSE 0 END`,
  },
  { name: "noAreaStops", value: Prisma.sql`CASE WHEN a."id" IS NULL THEN r."trafficStops" ELSE 0 END` },
];

/**
 * Which reports count: one task force's, by unit, by agency, or all of them. Ids, never names:
 * callers resolve those (a unit within the task force).
 */
export interface EffortScope {
  taskForceId: number;
  unitId?: number;
  agencyId?: number;
}

function scopeWhere(scope: EffortScope): Prisma.Sql {
  return Prisma.join(
    [
      Prisma.sql`r."taskForceId" = ${scope.taskForceId}`,
      Prisma.sql`r."voidedAt" IS NULL`,
      ...(scope.unitId === undefined ? [] : [Prisma.sql`r."unitId" = ${scope.unitId}`]),
      ...(scope.agencyId === undefined ? [] : [Prisma.sql`r."agencyId" = ${scope.agencyId}`]),
    ],
    " AND ",
  );
}

/**
 * The report figures per range, one row per unit id (as a string) when `byUnit`, else one row of
 * totals. `sums[name][range index]`.
 */
export function effortSums(
  db: Db,
  ranges: readonly DateRange[],
  scope: EffortScope,
  options: { byUnit: boolean },
): Promise<RangeSumsRow[]> {
  return rangeSums(db, {
    from: Prisma.sql`"SeizureReport" r LEFT JOIN "Area" a ON a."id" = r."areaId"`,
    dateColumn: Prisma.sql`r."occurredOn"`,
    where: scopeWhere(scope),
    measures: reportMeasures,
    ranges,
    groupBy: options.byUnit ? Prisma.sql`r."unitId"` : undefined,
  });
}

/** Narcotics per range, all drug types together: mass in milligrams, and dosage units apart. */
export function effortNarcoticSums(
  db: Db,
  ranges: readonly DateRange[],
  scope: EffortScope,
  options: { byUnit: boolean },
): Promise<RangeSumsRow[]> {
  return rangeSums(db, {
    from: Prisma.sql`"SeizureNarcotic" n JOIN "SeizureReport" r ON r."id" = n."reportId"`,
    dateColumn: Prisma.sql`r."occurredOn"`,
    where: scopeWhere(scope),
    measures: [
      { name: "massMg", value: Prisma.sql`COALESCE(n."massMg", 0)` },
      { name: "dosageUnits", value: Prisma.sql`COALESCE(n."dosageUnits", 0)` },
    ],
    ranges,
    groupBy: options.byUnit ? Prisma.sql`r."unitId"` : undefined,
  });
}
