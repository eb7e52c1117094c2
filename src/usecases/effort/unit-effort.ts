import type { Db } from "../../db/client.js";
import { type EffortScope, type EffortSum, effortNarcoticSums, effortSums } from "../../db/queries/effort.js";
import type { DateRange, RangeSumsRow } from "../../db/queries/range-sums.js";
import { type Change, type CompstatWindows, change, compstatWindows } from "../../domain/compstat/windows.js";
import {
  type HighwayShare,
  highwayShare,
  type ShareChange,
  shareChange,
} from "../../domain/effort/highway-share.js";
import {
  type EffortMeasure,
  type MeasureUnit,
  measureDefinitions,
  measuresFor,
} from "../../domain/effort/unit-measures.js";
import { matchAgency, matchReference } from "../../domain/reference/match.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import type { LocalDate } from "../../domain/time/local-date.js";
import type { Period } from "../../domain/time/periods.js";
import { loadActiveReference } from "../reference/active-reference.js";

type CountUnit = Exclude<MeasureUnit, "share">;

/** One measure of one unit over one period. */
export type UnitMeasureFigure =
  | { name: EffortMeasure; label: string; unit: CountUnit; value: number }
  | { name: EffortMeasure; label: string; unit: "share"; share: HighwayShare };

/** One measure of one unit in each CompStat window, against the same dates a year earlier. */
export type UnitMeasureChange =
  | { name: EffortMeasure; label: string; unit: CountUnit; wtd: Change; d28: Change; ytd: Change }
  | {
      name: EffortMeasure;
      label: string;
      unit: "share";
      wtd: ShareChange;
      d28: ShareChange;
      ytd: ShareChange;
    };

export interface UnitIdentity {
  code: string;
  name: string;
  /** Retired units are listed only when they have reports in the period. */
  retired: boolean;
}

export interface UnitEffortTally {
  period: Period;
  /** The unit and agency filters, as their names, when given. */
  unit?: string;
  agency?: string;
  units: Array<UnitIdentity & { reports: number; measures: UnitMeasureFigure[] }>;
  /** Every unit's traffic stops together: the "without over-policing" figure. */
  highway: HighwayShare;
}

export interface UnitEffortComparison {
  asOf: LocalDate;
  windows: CompstatWindows;
  units: Array<UnitIdentity & { measures: UnitMeasureChange[] }>;
  highway: { wtd: ShareChange; d28: ShareChange; ytd: ShareChange };
}

/** The report column each count measure sums; narcotics and the share are read apart. */
const reportSum: Partial<Record<EffortMeasure, EffortSum>> = {
  reports: "reports",
  guns: "firearms",
  "stolen-guns": "stolenFirearms",
  "ghost-guns": "ghostGuns",
  "conversion-devices": "conversionDevices",
  cash: "currencyCents",
  vehicles: "vehicles",
  arrests: "arrests",
  warrants: "warrants",
  stops: "trafficStops",
  citations: "citations",
  "parole-checks": "paroleChecks",
  "parole-violations": "paroleViolations",
};

/** The highway share of the stops in one row of {@link effortSums} (a unit's, or the totals), in range `i`. */
export function highwayShareOf(row: RangeSumsRow | undefined, i: number): HighwayShare {
  const at = (name: EffortSum) => row?.sums[name]?.[i] ?? 0;
  return highwayShare({
    highway: at("highwayStops"),
    neighborhood: at("neighborhoodStops"),
    noArea: at("noAreaStops"),
  });
}

/** The sums of one row (a unit, or the totals) and its narcotics, read by range index. */
function figuresOf(reports: RangeSumsRow | undefined, narcotics: RangeSumsRow | undefined) {
  const at = (row: RangeSumsRow | undefined, name: string, i: number) => row?.sums[name]?.[i] ?? 0;
  return {
    count(measure: EffortMeasure, i: number): number {
      if (measure === "narcotics-grams") return at(narcotics, "massMg", i);
      if (measure === "dosage-units") return at(narcotics, "dosageUnits", i);
      const sum = reportSum[measure];
      return sum ? at(reports, sum, i) : 0;
    },
    share: (i: number) => highwayShareOf(reports, i),
  };
}

/**
 * Each of one task force's units: its own measures ({@link measuresFor}) and the share of traffic
 * stops made on highway posts, summed in the database over local dates: over a tally's period, or
 * in the CompStat windows against the same dates a year earlier (for the digest).
 */
export function unitEffortUseCases(deps: { db: Db; taskForce: TaskForceScope }) {
  const { db, taskForce } = deps;
  const all: EffortScope = { taskForceId: taskForce.id };

  /** Unit and agency filters by name or code, as `/tf tally` takes them, resolved to ids. */
  async function scopeOf(input: { unit?: string; agency?: string }) {
    const reference = await loadActiveReference(db, taskForce.id);
    const unit = input.unit ? matchReference("unit", input.unit, reference.units) : undefined;
    const agency = input.agency ? matchAgency(input.agency, reference) : undefined;
    const scope: EffortScope = { ...all, unitId: unit?.id, agencyId: agency?.id };
    return { unit, agency, scope };
  }

  /** The per-unit and total sums over `ranges`, and the units to list: active ones, or any with reports. */
  async function sums(ranges: readonly DateRange[], scope: EffortScope) {
    const [byUnit, narcotics, [totals], units] = await Promise.all([
      effortSums(db, ranges, scope, { byUnit: true }),
      effortNarcoticSums(db, ranges, scope, { byUnit: true }),
      effortSums(db, ranges, scope, { byUnit: false }),
      db.unit.findMany({
        where: {
          taskForceId: scope.taskForceId,
          ...(scope.unitId === undefined ? {} : { id: scope.unitId }),
        },
        select: { id: true, code: true, name: true, measures: true, retiredAt: true },
      }),
    ]);
    const reportsOf = new Map(byUnit.map((row) => [row.group, row]));
    const narcoticsOf = new Map(narcotics.map((row) => [row.group, row]));
    const listed = units
      .filter((u) => u.retiredAt === null || reportsOf.has(String(u.id)))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((u) => ({
        identity: { code: u.code, name: u.name, retired: u.retiredAt !== null },
        measures: measuresFor(u.code, u.measures),
        figures: figuresOf(reportsOf.get(String(u.id)), narcoticsOf.get(String(u.id))),
      }));
    return { listed, totals: figuresOf(totals, undefined) };
  }

  /** `/tf tally by:unit`: each unit's measures over the period, and the highway share of all stops. */
  async function tallyByUnit(input: {
    period: Period;
    unit?: string;
    agency?: string;
  }): Promise<UnitEffortTally> {
    const { unit, agency, scope } = await scopeOf(input);
    const { listed, totals } = await sums([input.period], scope);
    return {
      period: input.period,
      unit: unit?.name,
      agency: agency?.code,
      units: listed.map(({ identity, measures, figures }) => ({
        ...identity,
        reports: figures.count("reports", 0),
        measures: measures.map((name): UnitMeasureFigure => {
          const { label, unit: kind } = measureDefinitions[name];
          return kind === "share"
            ? { name, label, unit: kind, share: figures.share(0) }
            : { name, label, unit: kind, value: figures.count(name, 0) };
        }),
      })),
      highway: totals.share(0),
    };
  }

  /** The share of traffic stops made on highway posts over a period (optionally one unit's or agency's). */
  async function highwayShareOver(input: { period: DateRange; unit?: string; agency?: string }) {
    const { scope } = await scopeOf(input);
    const [totals] = await effortSums(db, [input.period], scope, { byUnit: false });
    return highwayShareOf(totals, 0);
  }

  /**
   * For the digest: each unit's measures, and the highway share, in the CompStat windows ending on
   * `asOf` (week to date, 28 days, year to date), each against the same dates a year earlier.
   */
  async function compared(input: { asOf: LocalDate }): Promise<UnitEffortComparison> {
    const windows = compstatWindows(input.asOf, taskForce.weekStart);
    const { wtd, d28, ytd } = windows;
    const ranges = [wtd.current, wtd.prior, d28.current, d28.prior, ytd.current, ytd.prior];
    const { listed, totals } = await sums(ranges, all);
    const shares = (figures: typeof totals) => ({
      wtd: shareChange(figures.share(0), figures.share(1)),
      d28: shareChange(figures.share(2), figures.share(3)),
      ytd: shareChange(figures.share(4), figures.share(5)),
    });
    return {
      asOf: input.asOf,
      windows,
      units: listed.map(({ identity, measures, figures }) => ({
        ...identity,
        measures: measures.map((name): UnitMeasureChange => {
          const { label, unit } = measureDefinitions[name];
          if (unit === "share") return { name, label, unit, ...shares(figures) };
          const changeAt = (i: number) => change(figures.count(name, i), figures.count(name, i + 1));
          return { name, label, unit, wtd: changeAt(0), d28: changeAt(2), ytd: changeAt(4) };
        }),
      })),
      highway: shares(totals),
    };
  }

  return { tallyByUnit, highwayShare: highwayShareOver, compared };
}

export type UnitEffortUseCases = ReturnType<typeof unitEffortUseCases>;
