import type { Db } from "../../db/client.js";
import { incidentSums } from "../../db/queries/compstat.js";
import { type YearToDate, yearToDateRanges } from "../../domain/compstat/multi-year.js";
import { type Change, change } from "../../domain/compstat/windows.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import type { LocalDate } from "../../domain/time/local-date.js";
import { reportCacheMs } from "./compstat.js";
import { reportCache } from "./report-cache.js";

export interface MultiYearRow {
  key: string;
  label: string;
  /** A part of the row above it (victims split fatal and non-fatal). */
  detail: boolean;
  /** Year to date in each year, this year first (the order of `MultiYearReport.years`). */
  figures: number[];
  /** This year against each earlier year, in the same order as `years.slice(1)`. */
  changes: Change[];
}

export interface MultiYearReport {
  asOf: LocalDate;
  timeZone: string;
  /** This year's year to date, then the same dates in each earlier year, newest first. */
  years: YearToDate[];
  rows: MultiYearRow[];
}

/** How many earlier years the columns go back (CompStat 2.0 shows several). */
export const multiYearDepth = 3;

/**
 * This year's year to date against the same dates in each of the three years before, for the
 * incident rows of CompStat (shooting incidents, victims fatal and non-fatal, stolen and recovered
 * vehicles): all four years summed in the database in one query, over local dates.
 */
export function multiYearUseCases(deps: { db: Db; taskForce: TaskForceScope; now?: () => number }) {
  const { db, taskForce } = deps;
  const { timeZone } = taskForce;
  const cache = reportCache<MultiYearReport>({ ttlMs: reportCacheMs, now: deps.now ?? Date.now });

  function multiYear(input: { asOf: LocalDate }): Promise<MultiYearReport> {
    // Keyed by date alone: the cache belongs to one task force's instance of the use case.
    return cache.get(input.asOf, () => compute(input.asOf));
  }

  async function compute(asOf: LocalDate): Promise<MultiYearReport> {
    const years = yearToDateRanges(asOf, multiYearDepth);
    const [totals] = await incidentSums(db, taskForce.id, years);
    const sums = (name: string) => totals?.sums[name] ?? years.map(() => 0);
    const fatal = sums("fatal");
    const injured = sums("injured");
    const row = (key: string, label: string, figures: number[], detail = false): MultiYearRow => ({
      key,
      label,
      detail,
      figures,
      changes: figures.slice(1).map((prior) => change(figures[0] ?? 0, prior)),
    });
    return {
      asOf,
      timeZone,
      years,
      rows: [
        row("shootings", "Shooting incidents", sums("shootings")),
        row(
          "victims",
          "Shooting victims",
          fatal.map((f, i) => f + (injured[i] ?? 0)),
        ),
        row("fatal", "fatal", fatal, true),
        row("injured", "non-fatal", injured, true),
        row("stolen", "Stolen vehicles", sums("stolen")),
        row("recovered", "Recovered vehicles", sums("recovered")),
      ],
    };
  }

  return { multiYear, invalidate: cache.clear };
}

export type MultiYearUseCases = ReturnType<typeof multiYearUseCases>;
