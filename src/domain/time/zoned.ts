import { Temporal } from "temporal-polyfill";
import type { LocalDate } from "./local-date.js";

/** A wall-clock time of day, "HH:MM". */
export type LocalTime = string;

/**
 * What a local date and time mean as an instant in a zone, with daylight saving made explicit:
 * - "exact": the wall-clock time happened once;
 * - "gap": it never happened (clocks jumped forward over it); `instant` is the moment the same
 *   amount of time after the last valid minute, as Temporal's "compatible" rule gives;
 * - "overlap": it happened twice (clocks fell back); `instant` is the first, `later` the second.
 */
export type ZonedResolution =
  | { kind: "exact"; instant: Date; offset: string }
  | { kind: "gap"; instant: Date; offset: string }
  | { kind: "overlap"; instant: Date; offset: string; later: Date; laterOffset: string };

/**
 * Temporal (via temporal-polyfill) rather than hand-written offset arithmetic: its disambiguation
 * modes are exactly the gap and overlap rules we need, and it reads the same IANA data as Intl.
 */
/** The first instant of a local date in the zone (00:00, or the first minute after a gap at midnight). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return resolveLocalTime(date, "00:00", timeZone).instant;
}

export function resolveLocalTime(date: LocalDate, time: LocalTime, timeZone: string): ZonedResolution {
  const wall = Temporal.PlainDateTime.from(`${date}T${time}`);
  const earlier = wall.toZonedDateTime(timeZone, { disambiguation: "earlier" });
  const later = wall.toZonedDateTime(timeZone, { disambiguation: "later" });
  const toDate = (z: Temporal.ZonedDateTime) => new Date(z.epochMilliseconds);
  if (earlier.epochMilliseconds === later.epochMilliseconds) {
    return { kind: "exact", instant: toDate(earlier), offset: earlier.offset };
  }
  // In a gap the two candidates have other wall-clock times than asked; in an overlap both match.
  if (Temporal.PlainDateTime.compare(earlier.toPlainDateTime(), wall) !== 0) {
    return { kind: "gap", instant: toDate(later), offset: later.offset };
  }
  return {
    kind: "overlap",
    instant: toDate(earlier),
    offset: earlier.offset,
    later: toDate(later),
    laterOffset: later.offset,
  };
}

/** The local wall-clock time of an instant, "HH:MM". */
export function localTimeOf(instant: Date, timeZone: string): LocalTime {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
  return `${String(zoned.hour).padStart(2, "0")}:${String(zoned.minute).padStart(2, "0")}`;
}
