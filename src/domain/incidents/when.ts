import { invalid } from "../errors.js";
import { quoteInput } from "../text/escape.js";
import { isValidLocalDate, type LocalDate, localDateOf, parseDateToken } from "../time/local-date.js";
import { type LocalTime, localTimeOf, resolveLocalTime } from "../time/zoned.js";

/** When an incident happened: the instant, its local date, and its local time when known. */
export interface IncidentTime {
  occurredAt: Date;
  localDate: LocalDate;
  localTime: LocalTime | null;
  /** Set when the local time happened twice (clocks fell back): which one we took. */
  ambiguity?: string;
}

const timePattern = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/**
 * Resolves `at:` (or `date:` and `time:`) as a person means it, in the task force's zone:
 * - nothing: now;
 * - a date (`2025-03-01`, `today`, `yesterday`): that day, time unknown;
 * - a time (`14:30`): today at that time;
 * - both (`2025-03-01T14:30`).
 * A time that never happened (spring forward) is refused; one that happened twice (fall back)
 * is taken as the first, and the reply says so. Future times are refused.
 */
export function resolveIncidentTime(
  input: { at?: string; date?: string; time?: string },
  now: Date,
  timeZone: string,
): IncidentTime {
  let dateText = input.date;
  let timeText = input.time;
  if (input.at !== undefined) {
    if (dateText !== undefined || timeText !== undefined) {
      throw invalid("Give either `at:` or `date:`/`time:`, not both.", "e.g. at:2025-03-01T14:30", "at");
    }
    const text = input.at.trim();
    const both = /^(.+?)[T ](\d{1,2}:\d{2})$/i.exec(text);
    if (both) [dateText, timeText] = [both[1], both[2]];
    else if (/^\d{1,2}:\d{2}$/.test(text)) timeText = text;
    else dateText = text;
  }
  const field = input.at !== undefined ? "at" : undefined;
  const today = localDateOf(now, timeZone);
  if (dateText === undefined && timeText === undefined) {
    return { occurredAt: now, localDate: today, localTime: localTimeOf(now, timeZone) };
  }
  const localDate = dateText === undefined ? today : parseDateToken(dateText, field ?? "date", now, timeZone);
  if (timeText === undefined) {
    if (localDate > today) throw future(field ?? "date", localDate);
    // The time of day is unknown: the instant is the start of the local day, and localTime stays empty.
    const start = resolveLocalTime(localDate, "00:00", timeZone);
    return { occurredAt: start.instant, localDate, localTime: null };
  }
  const match = timePattern.exec(timeText);
  if (!match || !isValidLocalDate(localDate)) {
    throw invalid(
      `\`${field ?? "time"}:\` has a time \`${quoteInput(timeText)}\` that is not HH:MM on a 24-hour clock.`,
      "e.g. at:2025-03-01T14:30 or at:21:05",
      field ?? "time",
    );
  }
  const localTime = `${match[1]?.padStart(2, "0")}:${match[2]}`;
  const resolved = resolveLocalTime(localDate, localTime, timeZone);
  if (resolved.kind === "gap") {
    throw invalid(
      `${localDate} ${localTime} never happened in ${timeZone}: the clocks jumped forward over it.`,
      "Check the time; an hour later is probably what the report says.",
      field ?? "time",
    );
  }
  if (resolved.instant.getTime() > now.getTime()) throw future(field ?? "time", `${localDate} ${localTime}`);
  return {
    occurredAt: resolved.instant,
    localDate,
    localTime,
    ...(resolved.kind === "overlap"
      ? {
          ambiguity: `${localTime} happened twice on ${localDate} (clocks fell back); recorded as the first, UTC${resolved.offset}.`,
        }
      : {}),
  };
}

function future(field: string, when: string) {
  return invalid(
    `\`${field}:\` ${when} is in the future; record an incident once it has happened.`,
    undefined,
    field,
  );
}
