import type { IncidentKind } from "../../../domain/incidents/kinds.js";
import type { LocalDate } from "../../../domain/time/local-date.js";
import {
  parseSourceDate,
  parseSourceTime,
  type SourceDate,
  type SourceDateFormat,
  type SourceTime,
} from "../../../domain/time/source-dates.js";
import type { CsvHeader } from "../header.js";

/** One CSV row read as (part of) an incident: what a profile makes of a row. */
export interface SourceRow {
  /** The source's own identifier of the incident; per-victim rows share it. */
  key: string;
  kind: IncidentKind;
  date: LocalDate;
  time: SourceTime | null;
  /** The place as the source names it; matched against the reference areas. */
  place: string | null;
  caseNumber: string | null;
  fatal: number;
  injured: number;
  /**
   * Other records this one is linked to, each named by its key in the same source or by its case
   * number, as the file gives them; only a profile with a links column has them.
   */
  links?: readonly string[];
}

/**
 * - "per-incident": each row is one incident, and a key appears once;
 * - "per-victim": each row is one victim, and the rows sharing a key are one incident whose victim
 *   counts are their sums (the rows need not be next to each other).
 */
export type RowGrouping = "per-incident" | "per-victim";

/** What a profile makes of a row: the incident, or why the row is rejected. */
export type RowResult = SourceRow | string;

export interface BoundProfile {
  /** The key column as the file names it, for messages. */
  keyColumn: string;
  /** The column naming linked records, as the file names it, for messages; none when not mapped. */
  linkColumn?: string;
  /** The indexes of the columns `map` reads: the reader extracts only these. */
  columns: readonly number[];
  map(fields: readonly string[]): RowResult;
  /** The row's key, if it has a usable one: a rejected row holds back the other rows of its incident. */
  keyOf(fields: readonly string[]): string | null;
}

export interface ImportProfile {
  /** Stored as Incident.source; with the key, identifies an incident across imports. */
  source: string;
  grouping: RowGrouping;
  /** Finds the columns it needs in the header (or stops the import naming what is missing). */
  bind(header: CsvHeader, context: { now: Date }): BoundProfile;
}

/** A value as shown in a rejection reason: quoted, escaped and cut short. */
export function showValue(value: string): string {
  const chars = [...value];
  return JSON.stringify(chars.length > 40 ? `${chars.slice(0, 39).join("")}…` : value);
}

/** Remembers the last results of a pure function of a string; most columns repeat few values. */
export function memoize<T>(fn: (text: string) => T, max = 20_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      value = fn(text);
      if (cache.size >= max) cache.clear();
      cache.set(text, value);
    }
    return value as T;
  };
}

export function dateReader(
  column: string,
  format: SourceDateFormat,
  now: Date,
): (text: string) => SourceDate | string {
  return memoize((text) => {
    if (text.trim() === "") return `${column} is empty: the date is required`;
    const parsed = parseSourceDate(text, format, now);
    return parsed.ok ? parsed.value : `${column} ${showValue(text)} ${parsed.reason}`;
  });
}

/** Empty means "time unknown" (null); anything else must be a time of day. */
export function timeReader(column: string): (text: string) => { time: SourceTime | null } | string {
  return memoize((text) => {
    if (text.trim() === "") return { time: null };
    const parsed = parseSourceTime(text);
    return parsed.ok ? { time: parsed.value } : `${column} ${showValue(text)} ${parsed.reason}`;
  });
}

export const MAX_VICTIMS = 100_000;

/** A victim count: a whole number from 0; empty counts as 0. */
export function countReader(column: string): (text: string) => number | string {
  return memoize((text) => {
    const value = text.trim();
    if (value === "") return 0;
    if (/^\d+$/.test(value)) {
      const count = Number(value);
      return count > MAX_VICTIMS ? `${column} ${showValue(text)} is more than ${MAX_VICTIMS} victims` : count;
    }
    if (/^-\s*\d+(\.0*)?$/.test(value)) return `${column} ${showValue(text)} is a negative count`;
    if (/^\d+\.0*$/.test(value)) return Number(value);
    return `${column} ${showValue(text)} is not a whole number of victims`;
  });
}

const trueWords = new Set(["true", "t", "yes", "y", "1"]);
const falseWords = new Set(["false", "f", "no", "n", "0"]);

/** TRUE/FALSE (or Y/N, YES/NO, 1/0, in any case) as 1 or 0. */
export function flagReader(column: string): (text: string) => 0 | 1 | string {
  return memoize((text) => {
    const value = text.trim().toLowerCase();
    if (trueWords.has(value)) return 1;
    if (falseWords.has(value)) return 0;
    return `${column} ${showValue(text)} is neither TRUE nor FALSE`;
  });
}

// Control characters and invisible marks (bidi overrides, zero-width) do not belong in a record.
const invisible =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;

/** A text value to store: trimmed and cleaned; null when empty. Rejects text that was not UTF-8. */
export function textValue(column: string, text: string): { value: string | null } | string {
  const value = text.replace(invisible, "").trim();
  if (value.includes("\uFFFD")) {
    return `${column} ${showValue(text)} is not UTF-8 text (save the file as UTF-8 and import it again)`;
  }
  return { value: value === "" ? null : value };
}

/** keyValue's key, or null when there is none. */
export function keyOrNull(column: string, text: string): string | null {
  const key = keyValue(column, text);
  return typeof key === "string" ? key : null;
}

/** The external key: required, trimmed, and at most 200 characters. */
export function keyValue(column: string, text: string): string | { reject: string } {
  const key = text.trim();
  if (key === "") return { reject: `${column} is empty: every row needs its incident's key` };
  if (key.length > 200) return { reject: `${column} ${showValue(text)} is longer than 200 characters` };
  if (key.includes("\uFFFD")) return { reject: `${column} ${showValue(text)} is not UTF-8 text` };
  return key;
}
