// CompStat reports built in memory for the narrative tests, with the same shape the use case returns.
import { change, compstatWindows, weeklyBuckets } from "../../src/domain/compstat/windows.js";
import type { NarrativeExtras } from "../../src/domain/narrative/facts.js";
import type { CompstatReport, CompstatRow, RowUnit } from "../../src/usecases/trends/compstat.js";

export interface RowFigures {
  key: string;
  label?: string;
  unit?: RowUnit;
  detail?: boolean;
  wtd: [number, number];
  d28: [number, number];
  ytd: [number, number];
  weekly?: number[];
}

export function row(figures: RowFigures): CompstatRow {
  return {
    key: figures.key,
    label: figures.label ?? figures.key,
    detail: figures.detail ?? false,
    unit: figures.unit ?? "count",
    wtd: change(...figures.wtd),
    d28: change(...figures.d28),
    ytd: change(...figures.ytd),
    weekly: figures.weekly ?? [0, 0, 0, 0, 0, 0, 0, 0],
  };
}

export function report(
  rows: RowFigures[],
  options: { asOf?: string; timeZone?: string } = {},
): CompstatReport {
  const asOf = options.asOf ?? "2025-03-06";
  return {
    asOf,
    timeZone: options.timeZone ?? "America/New_York",
    weekStart: "monday",
    windows: compstatWindows(asOf, "monday"),
    weeks: weeklyBuckets(asOf, "monday", 8),
    subject: "all",
    rows: rows.map(row),
  };
}

/** Every row the "all" report has, each figure taken from `pick` so tests can vary them. */
export function fullReport(
  pick: (key: string, index: number) => number,
  options: { asOf?: string; timeZone?: string } = {},
): CompstatReport {
  const keys: [string, string, RowUnit, boolean][] = [
    ["shootings", "Shooting incidents", "count", false],
    ["victims", "Shooting victims", "count", false],
    ["fatal", "fatal", "count", true],
    ["injured", "non-fatal", "count", true],
    ["stolen", "Stolen vehicles", "count", false],
    ["recovered", "Recovered vehicles", "count", false],
    ["firearms", "Firearms seized", "count", false],
    ["stolenFirearms", "stolen", "count", true],
    ["ghostGuns", "ghost guns", "count", true],
    ["narcotic:H", "Other Narcotics (g)", "mg", false],
    ["currency", "Currency", "cents", false],
    ["arrests", "Arrests", "count", false],
  ];
  return report(
    keys.map(([key, label, unit, detail]) => {
      const v = (i: number) => pick(key, i);
      return {
        key,
        label,
        unit,
        detail,
        wtd: [v(0), v(1)],
        d28: [v(2), v(3)],
        ytd: [v(4), v(5)],
        weekly: [6, 7, 8, 9, 10, 11, 12, 13].map(v),
      };
    }),
    options,
  );
}

export const quietExtras: NarrativeExtras = {
  last24h: { shootings: 0, victims: 0, fatal: 0, stolen: 0, recovered: 0 },
  seizures24h: { reports: 0, firearms: 0 },
  rosterChanges: { started: 0, ended: 0 },
};

export const busyExtras: NarrativeExtras = {
  last24h: { shootings: 2, victims: 3, fatal: 1, stolen: 5, recovered: 2 },
  seizures24h: { reports: 4, firearms: 6 },
  rosterChanges: { started: 1, ended: 2 },
};

/** A small deterministic pseudo-random generator (LCG), so "random" inputs repeat run to run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
