/**
 * Figures that are not counts: a share (linked shootings of all shootings), a rate (recoveries per
 * theft) and a median (days from theft to recovery). Each may have no value in a window (nothing
 * to divide by, no pair to take a median of), so each side of the comparison may be null. Pure:
 * the counts and medians come from the database.
 */
/** A figure beside its prior-year figure, either of which may be missing. */
export interface RatioChange {
  current: number | null;
  prior: number | null;
  /** `current − prior` (percentage points for a share); null unless both are known. */
  delta: number | null;
  /** The change as a percentage of `prior`; null unless both are known and `prior` is not 0. */
  percent: number | null;
}

/** `part` as a percentage of `whole`, unrounded; null when `whole` is 0. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : (part * 100) / whole;
}

export function ratioChange(current: number | null, prior: number | null): RatioChange {
  if (current === null || prior === null) return { current, prior, delta: null, percent: null };
  const delta = current - prior;
  const percent = prior === 0 ? null : (delta * 100) / Math.abs(prior);
  return { current, prior, delta, percent: percent === 0 ? 0 : percent };
}

/** Rounds to `decimals` places, halves away from zero, in the decimal digits people read. */
function roundHalfAway(value: number, decimals: number): number {
  const magnitude = Math.round(Number(`${Math.abs(value)}e${decimals}`)) / 10 ** decimals;
  return magnitude === 0 ? 0 : Math.sign(value) * magnitude;
}

/** A share: "75%", "67%" (2 of 3), "13%" (1 of 8: halves round away from zero), "n/a". */
export function formatShare(percent: number | null): string {
  return percent === null ? "n/a" : `${roundHalfAway(percent, 0)}%`;
}

/** A change in a share, in whole percentage points: "+15 pts", "-3 pts", "0 pts", "n/a". */
export function formatPoints(points: number | null): string {
  if (points === null) return "n/a";
  const rounded = roundHalfAway(points, 0);
  return `${rounded > 0 ? "+" : ""}${rounded} pts`;
}

/** Days to one decimal: "3", "3.5", "n/a". */
export function formatDays(days: number | null): string {
  return days === null ? "n/a" : String(roundHalfAway(days, 1));
}

/** A change in days to one decimal: "+1.5", "-2", "0", "n/a". */
export function formatDaysDelta(days: number | null): string {
  if (days === null) return "n/a";
  const rounded = roundHalfAway(days, 1);
  return `${rounded > 0 ? "+" : ""}${rounded}`;
}
