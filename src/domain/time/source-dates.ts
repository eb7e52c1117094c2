import { explainNonexistentDate, type LocalDate } from "./local-date.js";

/**
 * Dates and times as agencies' exports write them, read into local calendar dates and wall-clock
 * times. Pure: the current instant (for two-digit years) is an argument.
 *
 * Formats, named as a mapping file names them:
 * - "M/D/Y": month first, as in the United States: 8/27/06, 08/27/2006, 8-27-2006;
 * - "D/M/Y": day first: 27/8/06, 27.08.2006;
 * - "Y-M-D": 2006-08-27, 2006/8/27;
 * - "MONTH D, Y": October 19, 2024, Oct 19 2024, Sept. 3, 2019.
 * Every format also accepts an ISO date (2006-08-27), which cannot be misread, and a time of day
 * after the date (2006-08-27T05:35:00.000, 08/27/2006 05:35 AM), as data portals often export it.
 */
export const sourceDateFormats = ["M/D/Y", "D/M/Y", "Y-M-D", "MONTH D, Y"] as const;
export type SourceDateFormat = (typeof sourceDateFormats)[number];

/** A wall-clock time of day as a source wrote it, to the millisecond. */
export interface SourceTime {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export interface SourceDate {
  date: LocalDate;
  /** The time of day written after the date, if any. */
  time: SourceTime | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

const monthNumbers: ReadonlyMap<string, number> = new Map(
  [
    ["january", "jan"],
    ["february", "feb"],
    ["march", "mar"],
    ["april", "apr"],
    ["may", "may"],
    ["june", "jun"],
    ["july", "jul"],
    ["august", "aug"],
    ["september", "sep", "sept"],
    ["october", "oct"],
    ["november", "nov"],
    ["december", "dec"],
  ].flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
);

/**
 * The full year a two-digit year means, pivoting on `now`: from 00 up to this year's two digits it
 * is this century, above them the last one. In 2026, 06 is 2006, 26 is 2026 and 27 is 1927.
 */
export function pivotTwoDigitYear(twoDigits: number, now: Date): number {
  if (!Number.isInteger(twoDigits) || twoDigits < 0 || twoDigits > 99) {
    throw new RangeError(`pivotTwoDigitYear: expected 0-99, got ${twoDigits}`);
  }
  const year = now.getUTCFullYear();
  const century = year - (year % 100);
  return twoDigits <= year % 100 ? century + twoDigits : century - 100 + twoDigits;
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** "HH:MM" on a 24-hour clock. */
export function formatSourceTime(time: SourceTime): string {
  return `${pad(time.hour, 2)}:${pad(time.minute, 2)}`;
}

// A time of day: H:MM, H:MM:SS, H:MM:SS.fff, each optionally with AM/PM; or HHMM (a 24-hour "1435").
const clockPattern = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?$/;
const militaryPattern = /^(\d{2})(\d{2})$/;

/** A time of day such as 5:35:00, 17:35, 5:35 PM, 05:35:00.000 or 1735. */
export function parseSourceTime(text: string): Parsed<SourceTime> {
  const value = text.trim();
  const clock = clockPattern.exec(value);
  const military = clock ? null : militaryPattern.exec(value);
  if (!clock && !military) {
    return fail("is not a time of day such as 17:35, 17:35:00 or 5:35 PM");
  }
  let hour = Number((clock ?? military)?.[1]);
  const minute = Number((clock ?? military)?.[2]);
  const second = clock?.[3] === undefined ? 0 : Number(clock[3]);
  const fraction = clock?.[4];
  const millisecond = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, "0"));
  const meridiem = clock?.[5]?.toLowerCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return fail("has an hour outside 1-12 before AM/PM");
    hour = (hour % 12) + (meridiem === "p" ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return fail("is not a time of day: hours run 0-23, minutes and seconds 0-59");
  }
  return ok({ hour, minute, second, millisecond });
}

const isoDate = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const numericDate = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})$/;
const namedDate = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}|\d{2})$/;
// A date followed by "T" or spaces and a time of day; a trailing Z or offset is refused first.
const dateThenTime = /^(.+?)(?:T|\s+)(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp]\.?[Mm]\.?)?)$/;
const zoned = /\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})$/i;

const formatExample: Record<SourceDateFormat, string> = {
  "M/D/Y": "M/D/YY or M/D/YYYY, e.g. 8/27/06",
  "D/M/Y": "D/M/YY or D/M/YYYY, e.g. 27/8/06",
  "Y-M-D": "YYYY-MM-DD, e.g. 2006-08-27",
  "MONTH D, Y": "a month name, day and year, e.g. October 19, 2024",
};

/**
 * A calendar date in `format` (or ISO), with an optional time of day after it. Two-digit years pivot
 * on `now` (see pivotTwoDigitYear). A date that does not exist ("2/30/20") is refused with the reason.
 */
export function parseSourceDate(text: string, format: SourceDateFormat, now: Date): Parsed<SourceDate> {
  const value = text.trim();
  if (value === "") return fail("is empty");
  if (zoned.test(value)) {
    return fail("carries a UTC offset; expected a local date and time as the source's clock showed it");
  }
  const split = dateThenTime.exec(value);
  const datePart = split?.[1] ?? value;
  let time: SourceTime | null = null;
  if (split?.[2] !== undefined) {
    const parsedTime = parseSourceTime(split[2]);
    if (!parsedTime.ok) return fail(`has a time that ${parsedTime.reason}`);
    time = parsedTime.value;
  }
  const parts = dateParts(datePart, format, now);
  if (!parts) return fail(`is not a date written ${formatExample[format]}`);
  const [year, month, day] = parts;
  if (year < 1 || year > 9999) return fail("has a year outside 0001-9999");
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  const problem = explainNonexistentDate(date);
  if (problem !== undefined) return fail(`is not a real date (${problem})`);
  return ok({ date, time });
}

function yearOf(digits: string, now: Date): number | undefined {
  if (digits.length === 4) return Number(digits);
  if (digits.length === 2) return pivotTwoDigitYear(Number(digits), now);
  return undefined;
}

function dateParts(text: string, format: SourceDateFormat, now: Date): [number, number, number] | undefined {
  const iso = isoDate.exec(text);
  if (iso) return [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  if (format === "MONTH D, Y") {
    const named = namedDate.exec(text);
    const month = named ? monthNumbers.get(named[1]?.toLowerCase() ?? "") : undefined;
    const year = named ? yearOf(named[3] ?? "", now) : undefined;
    if (!named || month === undefined || year === undefined) return undefined;
    return [year, month, Number(named[2])];
  }
  const numeric = numericDate.exec(text);
  if (!numeric) return undefined;
  const [first, second, third] = [numeric[1] ?? "", numeric[3] ?? "", numeric[4] ?? ""];
  if (format === "Y-M-D") {
    if (first.length !== 4 || third.length > 2) return undefined;
    return [Number(first), Number(second), Number(third)];
  }
  if (first.length > 2) return undefined;
  const year = yearOf(third, now);
  if (year === undefined) return undefined;
  return format === "M/D/Y" ? [year, Number(first), Number(second)] : [year, Number(second), Number(first)];
}
