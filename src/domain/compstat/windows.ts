/**
 * CompStat windows and the arithmetic printed beside them: week to date, last 28 days and year to
 * date, each compared with the same calendar dates one year earlier, plus the 8-week trend.
 *
 * Pure functions: no I/O and no clock. The caller supplies the as-of date (any date, so history can
 * be reviewed), already resolved in the task force's time zone.
 */
import { addDays, compareDates, isValidLocalDate, type LocalDate } from "../time/local-date.js";
import { parsePeriod, type WeekStart } from "../time/periods.js";

/** A run of dates, both ends inclusive. */
export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

/** One CompStat column: the current window, the same dates a year earlier, and its heading. */
export interface ComparedWindow {
  current: DateRange;
  prior: DateRange;
  label: string;
}

export interface CompstatWindows {
  wtd: ComparedWindow;
  d28: ComparedWindow;
  ytd: ComparedWindow;
}

const shortMonths = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

function requireDate(value: LocalDate, what: string): void {
  if (!isValidLocalDate(value)) throw new RangeError(`${what}: not a YYYY-MM-DD date: ${value}`);
}

/**
 * The same calendar date one year earlier (NYPD CompStat style): 2025-03-06 → 2024-03-06.
 * 29 February has no counterpart in the year before, so it maps to 28 February: 2024-02-29 →
 * 2023-02-28. There is no year before 0001, so 0001-xx-xx throws a RangeError.
 */
export function priorYearDate(date: LocalDate): LocalDate {
  requireDate(date, "priorYearDate");
  const year = Number(date.slice(0, 4));
  if (year <= 1) throw new RangeError(`priorYearDate: no year before ${date}`);
  const monthDay = date.slice(5) === "02-29" ? "02-28" : date.slice(5);
  return `${String(year - 1).padStart(4, "0")}-${monthDay}`;
}

/**
 * Both ends of `range` moved to the same calendar dates one year earlier ({@link priorYearDate}).
 * The prior range is therefore not always the same length as the current one:
 * - a range ending on 29 February ends on 28 February a year before, one day shorter;
 * - a range starting on 29 February starts on 28 February a year before, one day longer;
 * - a range spanning February of a year after a leap year spans 29 February in the prior range, one
 *   day longer (2025-02-11..2025-03-10 compares with 2024-02-11..2024-03-10, 29 days);
 * - a range spanning 29 February compares with one that has no such day, one day shorter.
 * This is the CompStat convention: each window is compared date for date with last year's sheet.
 */
export function priorYearRange(range: DateRange): DateRange {
  return { from: priorYearDate(range.from), to: priorYearDate(range.to) };
}

function compared(current: DateRange, label: string): ComparedWindow {
  return { current, prior: priorYearRange(current), label };
}

/**
 * The three CompStat windows ending on `asOf` (all ranges inclusive):
 * - `wtd`: from the start of `asOf`'s week (Monday or Sunday, per `weekStart`) to `asOf`;
 * - `d28`: the 28 days `asOf − 27` to `asOf`;
 * - `ytd`: 1 January of `asOf`'s year to `asOf`.
 * Each `prior` is the same calendar dates one year earlier; see {@link priorYearRange} for how
 * 29 February is treated. The window ranges are the ones `/tf tally` uses for wtd, 28d and ytd.
 */
export function compstatWindows(asOf: LocalDate, weekStart: WeekStart): CompstatWindows {
  requireDate(asOf, "compstatWindows");
  const range = (token: "wtd" | "28d" | "ytd"): DateRange => {
    const { from, to } = parsePeriod(token, asOf, weekStart);
    return { from, to };
  };
  return {
    wtd: compared(range("wtd"), "Week to date"),
    d28: compared(range("28d"), "28 days"),
    ytd: compared(range("ytd"), "Year to date"),
  };
}

/**
 * The smallest range covering all six ranges of `windows`, so one indexed query can read every
 * record needed and the counting can happen in memory. It can start in December of the year two
 * years back, when the prior week to date or 28 days reach back past the prior 1 January.
 */
export function allWindowsSpan(windows: CompstatWindows): DateRange {
  const ranges = [windows.wtd, windows.d28, windows.ytd].flatMap((w) => [w.current, w.prior]);
  let { from, to } = windows.ytd.current;
  for (const range of ranges) {
    if (compareDates(range.from, from) < 0) from = range.from;
    if (compareDates(range.to, to) > 0) to = range.to;
  }
  return { from, to };
}

/** A figure beside its prior-year figure. */
export interface Change {
  current: number;
  prior: number;
  /** `current − prior`. */
  delta: number;
  /**
   * The change as a percentage of `prior` (unrounded: 1 → 1.125 gives 12.5), or null when `prior`
   * is 0 and there is nothing to compare with. Its sign is always the sign of `delta`.
   */
  percent: number | null;
}

function requireFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number, got ${value}`);
}

/**
 * The change from `prior` to `current`. The percentage is computed as `delta × 100 / |prior|` in a
 * single division, so for whole-number counts a true half (1 of 8 = 12.5%) is exactly 12.5 and
 * {@link formatPercent} rounds it predictably.
 */
export function change(current: number, prior: number): Change {
  requireFinite(current, "change: current");
  requireFinite(prior, "change: prior");
  const delta = current - prior;
  const percent = prior === 0 ? null : (delta * 100) / Math.abs(prior);
  return { current, prior, delta, percent: percent === 0 ? 0 : percent };
}

const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** `+` for positive, `-` for negative and nothing for zero, before an unsigned magnitude. */
function signed(value: number, magnitude: string): string {
  if (magnitude === "0") return "0";
  return `${value < 0 ? "-" : "+"}${magnitude}`;
}

/** Rounds to a whole number, halves away from zero (12.5 → 13, −12.5 → −13, 0.4 → 0). */
function roundHalfAwayFromZero(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/**
 * A percentage change as printed in the %Δ column: "n/a" when there was nothing to compare with
 * (null), otherwise a signed whole percent: "+12%", "-3%", "0%", "+1,250%". It rounds to the
 * nearest whole percent with halves away from zero (12.5 → "+13%", −12.5 → "-13%"), and anything
 * that rounds to 0 prints "0%" without a sign (−0.4 → "0%").
 */
export function formatPercent(percent: number | null): string {
  if (percent === null) return "n/a";
  requireFinite(percent, "formatPercent: percent");
  const rounded = roundHalfAwayFromZero(percent);
  return `${signed(rounded, grouped(String(Math.abs(rounded))))}%`;
}

/**
 * A change as printed in the Δ column: "+5", "-2", "0", "+1,250". Whole numbers print exactly;
 * fractional ones (grams, currency) print with at most 2 decimals, halves away from zero
 * (2.345 → "+2.35"), so floating-point noise such as 0.30000000000000004 prints "+0.3".
 */
export function formatDelta(n: number): string {
  requireFinite(n, "formatDelta: n");
  const abs = Math.abs(n);
  if (abs > Number.MAX_SAFE_INTEGER / 100) throw new RangeError(`formatDelta: too large to print: ${n}`);
  // Shift the decimal point in the shortest decimal form ("2.345" → "2.345e2" = 234.5 exactly), so
  // rounding sees the digits people read rather than the nearest double (234.49999999999997).
  // Below 1e-6 String() switches to exponent form, and such values round to 0 anyway.
  const cents = abs < 1e-6 ? 0 : Math.round(Number(`${abs}e2`));
  const whole = Math.floor(cents / 100);
  const fraction = String(cents % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  const magnitude = fraction === "" ? grouped(String(whole)) : `${grouped(String(whole))}.${fraction}`;
  return signed(n, magnitude);
}

/** One week of the trend: a date range and its label, the week's first day ("Mar 3"). */
export interface WeekBucket extends DateRange {
  label: string;
}

/** "Mar 3": the short English month and the day of the month, without a year. */
export function shortDateLabel(date: LocalDate): string {
  requireDate(date, "shortDateLabel");
  const month = shortMonths[Number(date.slice(5, 7)) - 1] ?? "";
  return `${month} ${Number(date.slice(8, 10))}`;
}

/**
 * The `weeks` weeks ending with the week that contains `asOf`, oldest first. Each starts on
 * `weekStart` and runs 7 days, except the last, which ends on `asOf` (a partial week unless `asOf`
 * is the week's last day). Labels name each week's first day: "Mar 3".
 */
export function weeklyBuckets(asOf: LocalDate, weekStart: WeekStart, weeks = 8): WeekBucket[] {
  requireDate(asOf, "weeklyBuckets");
  if (!Number.isInteger(weeks) || weeks < 1) {
    throw new RangeError(`weeklyBuckets: weeks must be a whole number of at least 1, got ${weeks}`);
  }
  const lastStart = parsePeriod("wtd", asOf, weekStart).from;
  const buckets: WeekBucket[] = [];
  for (let back = weeks - 1; back >= 0; back--) {
    const from = addDays(lastStart, -7 * back);
    const to = back === 0 ? asOf : addDays(from, 6);
    buckets.push({ from, to, label: shortDateLabel(from) });
  }
  return buckets;
}

const blocks = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const;

/**
 * A text sparkline, one block character per value, scaled from 0 (▁) to the largest value (█):
 * - a value's level is `round(value / max × 7)`, halves up, on the eight blocks ▁▂▃▄▅▆▇█;
 * - any value above 0 shows at least ▂, so a week with one incident never looks like a week with
 *   none ([1, 100] → "▂█");
 * - 0 (and, should one appear, a negative value) is always ▁, and all zeros are all ▁ ("▁▁▁");
 * - no values give "".
 * The scale starts at 0 rather than at the smallest value, so a flat series reads as flat at its
 * height ([5, 5] → "██") instead of exaggerating small changes.
 */
export function sparkline(values: readonly number[]): string {
  for (const value of values) requireFinite(value, "sparkline: value");
  const max = Math.max(0, ...values);
  return values
    .map((value) => {
      if (value <= 0 || max === 0) return blocks[0];
      const level = Math.max(1, Math.min(7, Math.round((value / max) * 7)));
      return blocks[level] ?? blocks[7];
    })
    .join("");
}
