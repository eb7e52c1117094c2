/**
 * Hot spots: the areas with the most shootings in the last 28 days, against the 28 days before,
 * and rates per 10,000 residents where an area's population is known.
 *
 * Pure functions: no I/O and no clock; the caller supplies the as-of date in the task force's zone.
 */
import { addDays, isValidLocalDate, type LocalDate } from "../time/local-date.js";
import type { DateRange } from "./windows.js";

export interface HotspotWindows {
  /** The 28 days ending on the as-of date, inclusive. */
  current: DateRange;
  /** The 28 days just before them. */
  prior: DateRange;
}

/** The 28 days `asOf − 27` to `asOf`, and the 28 days `asOf − 55` to `asOf − 28`. */
export function hotspotWindows(asOf: LocalDate): HotspotWindows {
  if (!isValidLocalDate(asOf)) throw new RangeError(`hotspotWindows: not a YYYY-MM-DD date: ${asOf}`);
  return {
    current: { from: addDays(asOf, -27), to: asOf },
    prior: { from: addDays(asOf, -55), to: addDays(asOf, -28) },
  };
}

/**
 * `count` per 10,000 residents, rounded to hundredths with halves up, or null when the population
 * is unknown (0). Rounded in integers, so 201 in 2,000,000 is exactly 1.01 rather than the 1.00
 * that rounding the nearest double (1.00499…) would print.
 */
export function ratePer10k(count: number, population: number): number | null {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`ratePer10k: bad count ${count}`);
  if (!Number.isSafeInteger(population) || population < 0) {
    throw new RangeError(`ratePer10k: bad population ${population}`);
  }
  if (population === 0) return null;
  return Math.floor((2 * count * 1_000_000 + population) / (2 * population)) / 100;
}

const twoDecimals = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A rate as printed: "2.38", "1,250.00", or "n/a" when there is none. */
export function formatRate(rate: number | null): string {
  return rate === null ? "n/a" : twoDecimals.format(rate);
}

// Numbers inside names compare as numbers, so "precinct 9" comes before "precinct 10".
const names = new Intl.Collator("en", { numeric: true });

/** Names in reading order; names the collator calls equal fall back to code-point order, so the order is total. */
export function compareAreaNames(a: string, b: string): number {
  return names.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Hot-spot order: most shootings in the current window first, ties by name. */
export function compareHotspots(
  a: { name: string; current: number },
  b: { name: string; current: number },
): number {
  return b.current - a.current || compareAreaNames(a.name, b.name);
}
