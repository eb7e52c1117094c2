/**
 * Multi-year year to date, as CompStat 2.0's multi-year columns: this year's YTD against the YTD to
 * the same date in each of the years before. Pure: the caller supplies the as-of date.
 */
import type { LocalDate } from "../time/local-date.js";
import { type DateRange, priorYearDate } from "./windows.js";

export interface YearToDate extends DateRange {
  year: number;
}

/**
 * Year to date as of `asOf`, then the same dates in each of the `years` years before, newest
 * first. Each earlier end date is the one before it a year back ({@link priorYearDate}), so
 * 29 February compares with 28 February, as the CompStat windows do.
 */
export function yearToDateRanges(asOf: LocalDate, years = 3): YearToDate[] {
  if (!Number.isInteger(years) || years < 1 || years > 20) {
    throw new RangeError(`yearToDateRanges: years must be a whole number from 1 to 20, got ${years}`);
  }
  const ranges: YearToDate[] = [];
  let to = asOf;
  for (let back = 0; back <= years; back++) {
    if (back > 0) to = priorYearDate(to);
    const year = Number(to.slice(0, 4));
    ranges.push({ year, from: `${to.slice(0, 4)}-01-01`, to });
  }
  return ranges;
}
