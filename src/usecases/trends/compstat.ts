import type { Db } from "../../db/client.js";
import { incidentSums, narcoticSums, seizureSums } from "../../db/queries/compstat.js";
import type { DateRange } from "../../db/queries/range-sums.js";
import {
  type Change,
  type CompstatWindows,
  change,
  compstatWindows,
  type WeekBucket,
  weeklyBuckets,
} from "../../domain/compstat/windows.js";
import { type NibrsDrugCode, nibrsLabel } from "../../domain/seizures/drug-catalog.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import type { LocalDate } from "../../domain/time/local-date.js";
import type { WeekStart } from "../../domain/time/periods.js";

export const trendSubjects = ["shootings", "vehicles", "seizures", "all"] as const;
export type TrendSubject = (typeof trendSubjects)[number];
export const breakdowns = ["area", "unit", "agency"] as const;
export type Breakdown = (typeof breakdowns)[number];

/** How a row's figures read: a count, grams (stored as mg) or money (stored as cents). */
export type RowUnit = "count" | "mg" | "cents";

export interface CompstatRow {
  key: string;
  label: string;
  /** A part of the row above it (victims split fatal and non-fatal; stolen and ghost guns). */
  detail: boolean;
  unit: RowUnit;
  wtd: Change;
  d28: Change;
  ytd: Change;
  /** The 8 weekly figures, oldest first. */
  weekly: number[];
}

export interface BreakdownGroup {
  name: string;
  d28: Change;
  ytd: Change;
}

export interface CompstatReport {
  asOf: LocalDate;
  timeZone: string;
  weekStart: WeekStart;
  windows: CompstatWindows;
  weeks: WeekBucket[];
  subject: TrendSubject;
  rows: CompstatRow[];
  /** By area, unit or agency; or, in the statewide roll-up, by task force. */
  breakdown?: { by: Breakdown | "taskforce"; metric: string; groups: BreakdownGroup[] };
}

/** Range order in every query: the six CompStat ranges, then the weeks. */
function rangesOf(windows: CompstatWindows, weeks: readonly WeekBucket[]): DateRange[] {
  const { wtd, d28, ytd } = windows;
  return [wtd.current, wtd.prior, d28.current, d28.prior, ytd.current, ytd.prior, ...weeks];
}

function compare(sums: readonly number[]): Pick<CompstatRow, "wtd" | "d28" | "ytd" | "weekly"> {
  const at = (i: number) => sums[i] ?? 0;
  return {
    wtd: change(at(0), at(1)),
    d28: change(at(2), at(3)),
    ytd: change(at(4), at(5)),
    weekly: sums.slice(6),
  };
}

/**
 * The CompStat report as of any date: every figure is summed in the database over the task
 * force's local dates, then compared with the same dates a year earlier.
 */
/** How long a computed report is served to everyone who asks for the same one. */
export const reportCacheMs = 30_000;

export function compstatUseCases(deps: { db: Db; taskForce: TaskForceScope; now?: () => number }) {
  const { db, taskForce } = deps;
  const { timeZone, weekStart } = taskForce;
  const clock = deps.now ?? Date.now;

  /**
   * Reports by (as-of, subject, breakdown), shared for 30 s: the figures are preliminary anyway,
   * and a full CompStat scan per request would let fifty people asking at once (a briefing) hold
   * SQLite's synchronous driver, and with it every other request, for seconds. Concurrent askers
   * share one computation. A record written or voided through this replica clears the cache at
   * once; other changes (another replica's writes, `tf import`, renamed reference names) show
   * within 30 s.
   */
  const cache = new Map<string, { at: number; report: Promise<CompstatReport> }>();

  function report(input: {
    asOf: LocalDate;
    subject: TrendSubject;
    by?: Breakdown;
  }): Promise<CompstatReport> {
    // No task force in the key: this cache belongs to one task force's instance of the use case.
    const key = `${input.asOf}|${input.subject}|${input.by ?? ""}`;
    const hit = cache.get(key);
    if (hit && clock() - hit.at < reportCacheMs) return hit.report;
    const computed = compute(input);
    cache.set(key, { at: clock(), report: computed });
    computed.catch(() => cache.delete(key));
    if (cache.size > 200) cache.delete(cache.keys().next().value as string);
    return computed;
  }

  /** Forgets every cached report: called after any write that changes a CompStat figure. */
  function invalidate(): void {
    cache.clear();
  }

  async function compute(input: {
    asOf: LocalDate;
    subject: TrendSubject;
    by?: Breakdown;
  }): Promise<CompstatReport> {
    const windows = compstatWindows(input.asOf, weekStart);
    const weeks = weeklyBuckets(input.asOf, weekStart, 8);
    const ranges = rangesOf(windows, weeks);
    const wants = (s: TrendSubject) => input.subject === "all" || input.subject === s;
    const rows: CompstatRow[] = [];
    const row = (key: string, label: string, sums: number[], unit: RowUnit = "count", detail = false) =>
      rows.push({ key, label, detail, unit, ...compare(sums) });

    const wantsIncidents = wants("shootings") || wants("vehicles");
    // Asked together, so a PostgreSQL pool runs them side by side (SQLite runs them one after another).
    const [incidents, seizures, narcotics] = await Promise.all([
      wantsIncidents ? incidentSums(db, taskForce.id, ranges) : [],
      wants("seizures") ? seizureSums(db, taskForce.id, ranges) : [],
      wants("seizures") ? narcoticSums(db, taskForce.id, ranges) : [],
    ]);
    if (wantsIncidents) {
      const [totals] = incidents;
      const sums = (name: string) => totals?.sums[name] ?? ranges.map(() => 0);
      if (wants("shootings")) {
        const fatal = sums("fatal");
        const injured = sums("injured");
        row("shootings", "Shooting incidents", sums("shootings"));
        row(
          "victims",
          "Shooting victims",
          fatal.map((f, i) => f + (injured[i] ?? 0)),
        );
        row("fatal", "fatal", fatal, "count", true);
        row("injured", "non-fatal", injured, "count", true);
      }
      if (wants("vehicles")) {
        row("stolen", "Stolen vehicles", sums("stolen"));
        row("recovered", "Recovered vehicles", sums("recovered"));
      }
    }
    if (wants("seizures")) {
      const [totals] = seizures;
      const sums = (name: string) => totals?.sums[name] ?? ranges.map(() => 0);
      row("firearms", "Firearms seized", sums("firearms"));
      row("stolenFirearms", "stolen", sums("stolenFirearms"), "count", true);
      row("ghostGuns", "ghost guns", sums("ghostGuns"), "count", true);
      for (const drug of [...narcotics].sort((a, b) => (a.group ?? "").localeCompare(b.group ?? ""))) {
        const code = drug.group ?? "U";
        row(
          `narcotic:${code}`,
          `${nibrsLabel(code as NibrsDrugCode) ?? code} (g)`,
          drug.sums.massMg ?? [],
          "mg",
        );
      }
      row("currency", "Currency", sums("currencyCents"), "cents");
      row("arrests", "Arrests", sums("arrests"));
    }

    const result: CompstatReport = {
      asOf: input.asOf,
      timeZone,
      weekStart,
      windows,
      weeks,
      subject: input.subject,
      rows,
    };
    if (input.by) result.breakdown = await breakdown(input.by, input.subject, ranges.slice(0, 6));
    return result;
  }

  /** 28-day and year-to-date figures per area, unit or agency, biggest first. */
  async function breakdown(by: Breakdown, subject: TrendSubject, ranges: DateRange[]) {
    const incidentMetric = subject === "vehicles" ? "stolen" : "shootings";
    const useIncidents = by === "area" && subject !== "seizures";
    const groups = useIncidents
      ? await incidentSums(db, taskForce.id, ranges, { byArea: true })
      : await seizureSums(db, taskForce.id, ranges, { by });
    const metric = useIncidents ? incidentMetric : "firearms";
    const label = { shootings: "Shooting incidents", stolen: "Stolen vehicles", firearms: "Firearms seized" }[
      metric
    ];
    return {
      by,
      metric: label,
      groups: groups
        .map((g) => {
          const sums = g.sums[metric] ?? [];
          const { d28, ytd } = compare(sums);
          return { name: g.group ?? "(none)", d28, ytd };
        })
        .filter((g) => g.d28.current + g.d28.prior + g.ytd.current + g.ytd.prior > 0)
        .sort((a, b) => b.ytd.current - a.ytd.current || a.name.localeCompare(b.name)),
    };
  }

  return { report, invalidate };
}

export type CompstatUseCases = ReturnType<typeof compstatUseCases>;
