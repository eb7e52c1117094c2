import type { Db } from "../../db/client.js";
import { incidentSums } from "../../db/queries/compstat.js";
import { linkedShootingSums, recoveryTimes } from "../../db/queries/links.js";
import { percentOf, type RatioChange, ratioChange } from "../../domain/compstat/ratios.js";
import { type Change, change, compstatWindows, type DateRange } from "../../domain/compstat/windows.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import type { LocalDate } from "../../domain/time/local-date.js";
import { reportCacheMs } from "./compstat.js";
import { reportCache } from "./report-cache.js";

/** One CompStat window of the linked figures, against the same dates a year earlier. */
export interface LinkedWindow {
  label: string;
  current: DateRange;
  prior: DateRange;
  shootings: Change;
  /** Shootings linked to at least one stolen vehicle. */
  linkedShootings: Change;
  /** Linked shootings as a percentage of all shootings. */
  linkedShare: RatioChange;
  stolen: Change;
  recovered: Change;
  /** Recoveries as a percentage of thefts in the window (it can pass 100%: older thefts come back too). */
  recoveryRate: RatioChange;
  /** Linked theft–recovery pairs, by the recovery's date. */
  recoveryPairs: Change;
  /** Median local days from theft to recovery over those pairs. */
  medianDays: RatioChange;
}

export interface LinkedReport {
  asOf: LocalDate;
  timeZone: string;
  /** Week to date, 28 days, year to date. */
  windows: LinkedWindow[];
}

/**
 * What leadership asks of stolen vehicles: how many shootings involved one, how many stolen
 * vehicles came back and how fast, in the CompStat windows. Counts and medians are taken in the
 * database over local dates; the shares are divided here.
 */
export function linkedUseCases(deps: { db: Db; taskForce: TaskForceScope; now?: () => number }) {
  const { db, taskForce } = deps;
  const { timeZone, weekStart } = taskForce;
  const cache = reportCache<LinkedReport>({ ttlMs: reportCacheMs, now: deps.now ?? Date.now });

  function linked(input: { asOf: LocalDate }): Promise<LinkedReport> {
    // Keyed by date alone: the cache belongs to one task force's instance of the use case.
    return cache.get(input.asOf, () => compute(input.asOf));
  }

  async function compute(asOf: LocalDate): Promise<LinkedReport> {
    const { wtd, d28, ytd } = compstatWindows(asOf, weekStart);
    const compared = [wtd, d28, ytd];
    const ranges = compared.flatMap((w) => [w.current, w.prior]);
    const [[totals], linkedShootings, times] = await Promise.all([
      incidentSums(db, taskForce.id, ranges),
      linkedShootingSums(db, taskForce.id, ranges),
      recoveryTimes(db, taskForce.id, ranges),
    ]);
    const sums = (name: string) => totals?.sums[name] ?? ranges.map(() => 0);
    const [shootings, stolen, recovered] = [sums("shootings"), sums("stolen"), sums("recovered")];
    const at = (values: readonly number[], i: number) => values[i] ?? 0;
    return {
      asOf,
      timeZone,
      windows: compared.map((window, w) => {
        const [now, then] = [2 * w, 2 * w + 1];
        const pairOf = (i: number) => times[i] ?? { pairs: 0, medianDays: null };
        return {
          label: window.label,
          current: window.current,
          prior: window.prior,
          shootings: change(at(shootings, now), at(shootings, then)),
          linkedShootings: change(at(linkedShootings, now), at(linkedShootings, then)),
          linkedShare: ratioChange(
            percentOf(at(linkedShootings, now), at(shootings, now)),
            percentOf(at(linkedShootings, then), at(shootings, then)),
          ),
          stolen: change(at(stolen, now), at(stolen, then)),
          recovered: change(at(recovered, now), at(recovered, then)),
          recoveryRate: ratioChange(
            percentOf(at(recovered, now), at(stolen, now)),
            percentOf(at(recovered, then), at(stolen, then)),
          ),
          recoveryPairs: change(pairOf(now).pairs, pairOf(then).pairs),
          medianDays: ratioChange(pairOf(now).medianDays, pairOf(then).medianDays),
        };
      }),
    };
  }

  return { linked, invalidate: cache.clear };
}

export type LinkedUseCases = ReturnType<typeof linkedUseCases>;
