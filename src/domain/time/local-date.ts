import { invalid } from "../errors.js";
import { quoteInput } from "../text/escape.js";

/** A calendar date in the task force's time zone, written `YYYY-MM-DD` (years 0001–9999). */
export type LocalDate = string;

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

export const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");
const format = (year: number, month: number, day: number): LocalDate =>
  `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

interface DateProblem {
  /** Why the date does not exist, e.g. "April 2024 has 30 days". */
  reason: string;
  /** The nearest real date, when there is an obvious one (the month's last day). */
  nearest?: LocalDate;
}

/** Why a `YYYY-MM-DD`-shaped string is not a real date; undefined when it is one. */
function dateProblem(year: number, month: number, day: number): DateProblem | undefined {
  if (year < 1) return { reason: "there is no year 0000" };
  if (month < 1 || month > 12) return { reason: `there is no month ${pad(month, 2)}; months run 01 to 12` };
  if (day < 1) return { reason: "days start at 01" };
  const last = daysInMonth(year, month);
  if (day > last) {
    return {
      reason: `${monthNames[month - 1]} ${pad(year, 4)} has ${last} days`,
      nearest: format(year, month, last),
    };
  }
  return undefined;
}

function splitDate(value: string): [number, number, number] | undefined {
  const match = isoDate.exec(value);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function isValidLocalDate(value: string): boolean {
  const parts = splitDate(value);
  return parts !== undefined && dateProblem(...parts) === undefined;
}

/**
 * Why `value` is not a real date ("February 2025 has 28 days"), or undefined when it is a real date
 * or is not written `YYYY-MM-DD` at all. For callers that parse dates inside larger tokens.
 */
export function explainNonexistentDate(value: string): string | undefined {
  const parts = splitDate(value);
  return parts ? dateProblem(...parts)?.reason : undefined;
}

function requireDate(value: LocalDate, what: string): [number, number, number] {
  const parts = splitDate(value);
  if (!parts || dateProblem(...parts)) throw new RangeError(`${what}: not a YYYY-MM-DD date: ${value}`);
  return parts;
}

// Calendar arithmetic on day numbers (days since 1970-01-01), using Howard Hinnant's
// days_from_civil / civil_from_days. Pure integer math on the proleptic Gregorian calendar: the
// same numbering as UTC midnights, so no time zone or DST change can ever move a date.

function toDayNumber(value: LocalDate): number {
  const [year, month, day] = requireDate(value, "toDayNumber");
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromDayNumber(dayNumber: number): LocalDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) throw new RangeError(`date out of range (years 0001-9999): day ${dayNumber}`);
  return format(year, month, day);
}

/** The date `days` calendar days after `date` (negative for before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`addDays: days must be a whole number, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** Negative when `a` is before `b`, 0 when equal, positive when after (for `Array.prototype.sort`). */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b));
}

/** Calendar days from `a` to `b`: `daysBetween("2025-03-01", "2025-03-06") === 5`; negative if `b` is earlier. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Day of the week of `date`: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  // 1970-01-01 (day 0) was a Thursday.
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown time zone: that is a configuration bug, not user input.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date `instant` falls on in `timeZone` (an IANA name such as "America/Chicago"). */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => {
    const found = parts.find((p) => p.type === type);
    if (!found) throw new RangeError(`localDateOf: no ${type} in formatted date`);
    return Number(found.value);
  };
  return format(part("year"), part("month"), part("day"));
}

/** A well-meant date in another notation (3/4/2025, 2025/3/4, 2025-3-4, 3/4/25), rewritten ISO. */
function reinterpret(text: string): LocalDate | undefined {
  const candidates: Array<[number, number, number]> = [];
  let match = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(text);
  if (match) candidates.push([Number(match[1]), Number(match[2]), Number(match[3])]);
  // Month first, as written in the United States.
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text);
  if (match) {
    const year = match[3]?.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    candidates.push([year, Number(match[1]), Number(match[2])]);
  }
  const [first] = candidates;
  return first && !dateProblem(...first) ? format(...first) : undefined;
}

/**
 * A date as typed in a command option (`on:2025-03-04`, `on:today`, `on:Yesterday`), resolved in
 * `timeZone` with `now` as the current instant. `field` is the option key, used in messages.
 */
export function parseDateToken(token: string, field: string, now: Date, timeZone: string): LocalDate {
  const text = token.trim();
  const lower = text.toLowerCase();
  const today = localDateOf(now, timeZone);
  if (lower === "today") return today;
  if (lower === "yesterday") return addDays(today, -1);

  const parts = splitDate(text);
  if (parts) {
    const problem = dateProblem(...parts);
    if (!problem) return text;
    throw invalid(
      `\`${quoteInput(`${field}:${text}`)}\`: that date does not exist (${problem.reason}).`,
      `e.g. ${field}:${problem.nearest ?? today}`,
    );
  }

  const example = `e.g. ${field}:${reinterpret(text) ?? today}`;
  if (text === "") {
    throw invalid(`\`${field}:\` needs a date written YYYY-MM-DD, today or yesterday.`, example);
  }
  throw invalid(
    `\`${field}:\` must be a date written YYYY-MM-DD, today or yesterday; got \`${quoteInput(text)}\`.`,
    example,
  );
}
