/**
 * A task force: one city's partnership, with its own time zone, week start, reference data,
 * people and records. Every use case works within one, named by this scope; nothing it reads or
 * caches may cross into another.
 */
import { invalid } from "../errors.js";
import { quoteInput } from "../text/escape.js";
import type { WeekStart } from "../time/periods.js";

export interface TaskForceScope {
  id: number;
  /** IANA zone of its local dates. */
  timeZone: string;
  weekStart: WeekStart;
  /** Local HH:MM a channel's digest posts at unless its schedule says; 07:00 when not given. */
  digestTime?: string;
}

/** The digest time of a task force that set none. */
export const defaultDigestTime = "07:00";

export interface TaskForce extends TaskForceScope {
  /** What users type: `tf:hartford`. */
  code: string;
  name: string;
}

/** The task force a single-city database's records were moved into (the source case). */
export const firstTaskForceId = 1;

const codePattern = /^[a-z0-9-]{2,16}$/;

/** A task force code as users type it: 2–16 lowercase letters, digits or hyphens. */
export function parseTaskForceCode(raw: string): string {
  const code = raw.trim();
  if (!codePattern.test(code)) {
    throw invalid(
      `\`${quoteInput(raw)}\` is not a task force code: use 2 to 16 lowercase letters, digits or hyphens.`,
      "e.g. tf:hartford",
      "tf",
    );
  }
  return code;
}
