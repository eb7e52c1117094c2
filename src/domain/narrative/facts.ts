/**
 * The facts a digest narrative may state: the CompStat aggregates, the last 24 hours' counts and
 * the roster changes, as a small JSON-serialisable object. It is the whole of what an LLM is shown
 * (see infra/llm/narrative-model.ts) and what the template narrative reads.
 *
 * What goes in, and what never does:
 * - numbers (counts, grams, dollars, signed changes, rounded percents), the as-of date, the time
 *   zone name, the prior year, and fixed window labels and row labels written here in code;
 * - never a name, note, case number, area or address, user id, or any other text a person typed.
 *   Rows are taken from the report only when their key is one this file knows, and their labels
 *   come from this file, not from the report; breakdowns (area, unit and agency names) are left
 *   out entirely. So nothing a user entered can reach the model and nothing in it can be read as
 *   an instruction.
 *
 * Pure: no I/O, no clock.
 */

// A type-only import: the report's shape is defined beside the use case that builds it.
import type { CompstatReport } from "../../usecases/trends/compstat.js";
import { type Change, formatPercent } from "../compstat/windows.js";
import { type NibrsDrugCode, nibrsDrugTypes } from "../seizures/drug-catalog.js";
import { isValidLocalDate } from "../time/local-date.js";

/** How a row's figures read, after conversion from the report's storage units. */
export type FactUnit = "count" | "grams" | "dollars";

/** A figure beside the same dates a year earlier. */
export interface FactChange {
  current: number;
  prior: number;
  /** `current − prior`, signed. */
  delta: number;
  /**
   * The percentage change as the CompStat table prints it: a whole number, halves away from zero
   * (12.5 → 13), signed like `delta`; null when the prior figure is 0 ("n/a" in the table).
   */
  percent: number | null;
}

export type NarrativeRowKey =
  | "shootings"
  | "victims"
  | "fatal"
  | "injured"
  | "stolen"
  | "recovered"
  | "firearms"
  | "stolenFirearms"
  | "ghostGuns"
  | `narcotic:${NibrsDrugCode}`
  | "currency"
  | "arrests";

export interface NarrativeRow {
  key: NarrativeRowKey;
  label: string;
  unit: FactUnit;
  /** The row this one is a part of: fatal and non-fatal victims of "victims"; stolen guns of "firearms". */
  partOf?: NarrativeRowKey;
  weekToDate: FactChange;
  last28Days: FactChange;
  yearToDate: FactChange;
  /** The 8 weekly figures, oldest first; the last is the current week, partial unless it has ended. */
  weekly: number[];
}

export interface NarrativeExtras {
  last24h: { shootings: number; victims: number; fatal: number; stolen: number; recovered: number };
  seizures24h: { reports: number; firearms: number };
  rosterChanges: { started: number; ended: number };
}

export interface NarrativeFacts {
  /** The as-of date, YYYY-MM-DD in `timeZone`. */
  asOf: string;
  /** An IANA time zone name such as "America/New_York". */
  timeZone: string;
  preliminary: true;
  /** The year the prior-year figures come from (the as-of year − 1). */
  priorYear: number;
  comparison: string;
  windows: {
    weekToDate: { label: "Week to date" };
    last28Days: { label: "28 days"; days: 28 };
    yearToDate: { label: "Year to date" };
    weekly: { label: "Weekly trend"; weeks: number; order: "oldest first" };
  };
  rows: NarrativeRow[];
  last24Hours: {
    hours: 24;
    shootingIncidents: number;
    shootingVictims: number;
    fatalVictims: number;
    stolenVehicles: number;
    recoveredVehicles: number;
  };
  seizuresLast24Hours: { hours: 24; reports: number; firearms: number };
  rosterChanges: { assignmentsStarted: number; assignmentsEnded: number };
}

interface RowSpec {
  label: string;
  /** The storage unit the report must use for this key; a row in any other unit is left out. */
  stored: "count" | "mg" | "cents";
  partOf?: NarrativeRowKey;
}

const fixedRows: Record<Exclude<NarrativeRowKey, `narcotic:${string}`>, RowSpec> = {
  shootings: { label: "Shooting incidents", stored: "count" },
  victims: { label: "Shooting victims", stored: "count" },
  fatal: { label: "Fatal shooting victims", stored: "count", partOf: "victims" },
  injured: { label: "Non-fatal shooting victims", stored: "count", partOf: "victims" },
  stolen: { label: "Stolen vehicles", stored: "count" },
  recovered: { label: "Recovered vehicles", stored: "count" },
  firearms: { label: "Firearms seized", stored: "count" },
  stolenFirearms: { label: "Stolen firearms seized", stored: "count", partOf: "firearms" },
  ghostGuns: { label: "Ghost guns seized", stored: "count", partOf: "firearms" },
  currency: { label: "Currency seized (dollars)", stored: "cents" },
  arrests: { label: "Arrests", stored: "count" },
};

function rowSpec(key: string): RowSpec | undefined {
  if (Object.hasOwn(fixedRows, key)) return fixedRows[key as keyof typeof fixedRows];
  const code = key.startsWith("narcotic:") ? key.slice("narcotic:".length) : undefined;
  if (code !== undefined && Object.hasOwn(nibrsDrugTypes, code)) {
    return { label: `${nibrsDrugTypes[code as NibrsDrugCode]} seized (grams)`, stored: "mg" };
  }
  return undefined;
}

const factUnit = { count: "count", mg: "grams", cents: "dollars" } as const;

/** A stored figure in the unit people read: grams to 0.1 (as the CompStat table prints), dollars. */
function convert(value: number, stored: RowSpec["stored"]): number {
  let out = value;
  if (stored === "mg") out = Math.round(value / 100) / 10;
  else if (stored === "cents") out = Math.round(value) / 100;
  return out === 0 ? 0 : out; // no -0 in JSON or in the allowed set
}

/**
 * A percentage rounded exactly as {@link formatPercent} prints it (12.5 → 13, −12.5 → −13,
 * −0.4 → 0), or null when there is nothing to compare with.
 */
export function roundedPercent(percent: number | null): number | null {
  if (percent === null) return null;
  const printed = formatPercent(percent); // "+1,250%", "-3%", "0%"
  const value = Number(printed.replace(/[,%+]/g, ""));
  return value === 0 ? 0 : value;
}

function requireCount(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`narrativeFacts: ${what} must be a finite number of at least 0, got ${value}`);
  }
  return value;
}

function factChange(change: Change, stored: RowSpec["stored"]): FactChange {
  return {
    current: convert(change.current, stored),
    prior: convert(change.prior, stored),
    delta: convert(change.delta, stored),
    percent: roundedPercent(change.percent),
  };
}

const timeZoneName = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/**
 * The facts for the narrative of `report` (normally subject "all"), with the digest's own counts.
 * Throws a RangeError for an invalid as-of date or time zone, or a negative or non-finite count:
 * those are programming errors, not data.
 */
export function narrativeFacts(report: CompstatReport, extras: NarrativeExtras): NarrativeFacts {
  if (!isValidLocalDate(report.asOf)) throw new RangeError(`narrativeFacts: bad as-of date ${report.asOf}`);
  if (!timeZoneName.test(report.timeZone)) {
    throw new RangeError(`narrativeFacts: not an IANA time zone name: ${report.timeZone}`);
  }
  const rows: NarrativeRow[] = [];
  for (const row of report.rows) {
    const spec = rowSpec(row.key);
    if (!spec || spec.stored !== row.unit) continue;
    const out: NarrativeRow = {
      key: row.key as NarrativeRowKey,
      label: spec.label,
      unit: factUnit[spec.stored],
      weekToDate: factChange(row.wtd, spec.stored),
      last28Days: factChange(row.d28, spec.stored),
      yearToDate: factChange(row.ytd, spec.stored),
      weekly: row.weekly.map((value) => convert(value, spec.stored)),
    };
    if (spec.partOf) out.partOf = spec.partOf;
    rows.push(out);
  }
  const { last24h, seizures24h, rosterChanges } = extras;
  return {
    asOf: report.asOf,
    timeZone: report.timeZone,
    preliminary: true,
    priorYear: Number(report.asOf.slice(0, 4)) - 1,
    comparison: "each figure against the same calendar dates one year earlier",
    windows: {
      weekToDate: { label: "Week to date" },
      last28Days: { label: "28 days", days: 28 },
      yearToDate: { label: "Year to date" },
      weekly: { label: "Weekly trend", weeks: report.weeks.length, order: "oldest first" },
    },
    rows,
    last24Hours: {
      hours: 24,
      shootingIncidents: requireCount(last24h.shootings, "last24h.shootings"),
      shootingVictims: requireCount(last24h.victims, "last24h.victims"),
      fatalVictims: requireCount(last24h.fatal, "last24h.fatal"),
      stolenVehicles: requireCount(last24h.stolen, "last24h.stolen"),
      recoveredVehicles: requireCount(last24h.recovered, "last24h.recovered"),
    },
    seizuresLast24Hours: {
      hours: 24,
      reports: requireCount(seizures24h.reports, "seizures24h.reports"),
      firearms: requireCount(seizures24h.firearms, "seizures24h.firearms"),
    },
    rosterChanges: {
      assignmentsStarted: requireCount(rosterChanges.started, "rosterChanges.started"),
      assignmentsEnded: requireCount(rosterChanges.ended, "rosterChanges.ended"),
    },
  };
}

/** A facts row by key, if the report had it. */
export function factRow(facts: NarrativeFacts, key: NarrativeRowKey): NarrativeRow | undefined {
  return facts.rows.find((row) => row.key === key);
}

function collectNumbers(value: unknown, into: Set<number>): void {
  if (typeof value === "number") {
    if (Number.isFinite(value)) {
      into.add(value === 0 ? 0 : value);
      into.add(Math.abs(value));
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collectNumbers(item, into);
  } else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) collectNumbers(item, into);
  }
}

/**
 * The numbers a narrative of `facts` may contain (see domain/narrative/grounding.ts for how
 * numbers are read from text). Exactly:
 * 1. every number anywhere in `facts`, and its absolute value. That covers each current and prior
 *    figure, each signed delta and rounded percent (so "down 4 (-11%)" reads as 4 and 11), the 8
 *    weekly figures, the last 24 hours', seizure and roster counts, and the figures facts carry
 *    precisely so that the wording can use them: the prior year ("the same period of 2024"), 28
 *    ("the last 28 days"), the number of weeks, 8 ("the last 8 weeks") and 24 ("the last 24 hours");
 * 2. the year, month and day of the as-of date ("as of March 6, 2025", "2025-03-06");
 * 3. any number inside the time zone name (only the Etc/GMT±N zones have one).
 * Nothing else: no sums, averages or ratios, even of allowed numbers, and no unrounded percent.
 */
export function allowedNumbers(facts: NarrativeFacts): Set<number> {
  const allowed = new Set<number>();
  collectNumbers(facts, allowed);
  const [year, month, day] = facts.asOf.split("-").map(Number);
  for (const part of [year, month, day]) if (part !== undefined) collectNumbers(part, allowed);
  for (const digits of facts.timeZone.match(/\d+/g) ?? []) collectNumbers(Number(digits), allowed);
  return allowed;
}
