import { addDays, type LocalDate, localDateOf } from "../../domain/time/local-date.js";
import type { SourceTime } from "../../domain/time/source-dates.js";
import { localTimeOf, resolveLocalTime, type ZonedResolution } from "../../domain/time/zoned.js";

/**
 * Where an imported incident sits in time: the instant, and the local date and time of that instant in
 * the task force's zone (so every record, imported or entered in Slack, reads the same both ways).
 */
export interface ImportedWhen {
  /** The instant, in milliseconds since 1970-01-01T00:00Z. */
  occurredAt: number;
  localDate: LocalDate;
  /** HH:MM, or null when the source gives no time of day. */
  localTime: string | null;
  /** How the wall-clock time mapped to an instant: exact, or across a daylight-saving change. */
  resolution: ZonedResolution["kind"];
}

interface HourEntry {
  /** The hour's first instant, in epoch milliseconds, when every minute of the hour maps the same way. */
  base: number;
  kind: ZonedResolution["kind"];
  /** The local date and hour of `base`: what the records say. Differs from the source only in a gap. */
  localDate: LocalDate;
  localHour: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MAX_CACHED_DAYS = 100_000;
const MAX_CACHED_HOURS = 10_000;

/**
 * Turns the source's local date and time into an instant with resolveLocalTime, following its rules:
 * - a time that happened once is exact;
 * - a time in a spring-forward gap (02:30 when clocks jump from 02:00 to 03:00) never happened on the
 *   wall; it becomes the gap instant resolveLocalTime gives (as if the clock had not been changed yet:
 *   02:30 EST = 03:30 EDT), and the record's local time reads 03:30, what a clock showed at that instant;
 * - a time in a fall-back overlap (01:30 happens twice) takes the EARLIER instant (01:30 EDT), because
 *   the source cannot tell us which, and the first is the one a report written at the time means
 *   unless it says otherwise.
 * A source without a time of day gives the start of the local day (00:00, or the first minute after a
 * gap at midnight), with localTime null. Not noon: a made-up time would pass for a known one in any
 * query by hour, and the start of the day keeps the instant inside its local date in every zone, so
 * windows over instants and windows over local dates count the same incidents.
 *
 * Conversions are cached: a day with no change of offset (all but two days a year) is resolved once,
 * from its midnight and the next one; on the day of a change, each hour whose 60 minutes all map the same
 * way is resolved once per (date, hour), and only an hour holding a change that is not on the hour (a
 * 30-minute shift) goes minute by minute. A million rows cost a few thousand calls to Temporal.
 */
export function createLocalInstantResolver(timeZone: string) {
  const midnights = new Map<string, ZonedResolution>();
  /** Per date: the instant of 00:00 when the whole day keeps one offset, else null. */
  const days = new Map<string, number | null>();
  const hours = new Map<string, HourEntry | null>();

  function midnight(date: LocalDate): ZonedResolution {
    let resolved = midnights.get(date);
    if (resolved === undefined) {
      resolved = resolveLocalTime(date, "00:00", timeZone);
      if (midnights.size >= MAX_CACHED_DAYS) midnights.clear();
      midnights.set(date, resolved);
    }
    return resolved;
  }

  // A day keeps one offset when its midnight and the next day's both happened once, 24 hours apart.
  function dayStart(date: LocalDate): number | null {
    let start = days.get(date);
    if (start !== undefined) return start;
    const first = midnight(date);
    const next = midnight(addDays(date, 1));
    const uniform =
      first.kind === "exact" &&
      next.kind === "exact" &&
      next.instant.getTime() - first.instant.getTime() === 24 * HOUR;
    start = uniform ? first.instant.getTime() : null;
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    days.set(date, start);
    return start;
  }

  function hourEntry(date: LocalDate, hour: number): HourEntry | null {
    const key = hour < 10 ? `${date}T0${hour}` : `${date}T${hour}`;
    let entry = hours.get(key);
    if (entry !== undefined) return entry;
    const hh = key.slice(-2);
    const first = resolveLocalTime(date, `${hh}:00`, timeZone);
    const last = resolveLocalTime(date, `${hh}:59`, timeZone);
    const base = first.instant.getTime();
    const uniform =
      first.kind === last.kind &&
      last.instant.getTime() - base === 59 * MINUTE &&
      localTimeOf(first.instant, timeZone).endsWith(":00");
    entry = uniform
      ? {
          base,
          kind: first.kind,
          localDate: localDateOf(first.instant, timeZone),
          localHour: localTimeOf(first.instant, timeZone).slice(0, 2),
        }
      : null;
    if (hours.size >= MAX_CACHED_HOURS) hours.clear();
    hours.set(key, entry);
    return entry;
  }

  return function resolve(date: LocalDate, time: SourceTime | null): ImportedWhen {
    const hour = time?.hour ?? 0;
    const minute = time?.minute ?? 0;
    const extra = (time?.second ?? 0) * 1000 + (time?.millisecond ?? 0);
    const start = dayStart(date);
    if (start !== null) {
      return {
        occurredAt: start + hour * HOUR + minute * MINUTE + extra,
        localDate: date,
        localTime: time ? `${hour < 10 ? "0" : ""}${hour}:${minute < 10 ? "0" : ""}${minute}` : null,
        resolution: "exact",
      };
    }
    const entry = hourEntry(date, hour);
    if (entry) {
      const instant = entry.base + minute * MINUTE + extra;
      return {
        occurredAt: instant,
        localDate: entry.localDate,
        localTime: time ? `${entry.localHour}:${minute < 10 ? "0" : ""}${minute}` : null,
        resolution: entry.kind,
      };
    }
    // The hour of a change that does not fall on the hour (e.g. a 30-minute shift): minute by minute.
    const hhmm = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
    const resolved = resolveLocalTime(date, hhmm, timeZone);
    const at = new Date(resolved.instant.getTime() + extra);
    return {
      occurredAt: at.getTime(),
      localDate: localDateOf(at, timeZone),
      localTime: time ? localTimeOf(at, timeZone) : null,
      resolution: resolved.kind,
    };
  };
}

export type LocalInstantResolver = ReturnType<typeof createLocalInstantResolver>;
