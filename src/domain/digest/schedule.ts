import { addDays, type LocalDate, localDateOf } from "../time/local-date.js";
import { resolveLocalTime } from "../time/zoned.js";

export interface DigestSchedule {
  channelId: string;
  /** "HH:MM" in `timeZone`. */
  localTime: string;
  timeZone: string;
  /** When the schedule was added: days before it are never owed a digest. */
  createdAt: Date;
}

/**
 * "refused": the channel turned the digest down (the bot was removed, the channel archived or deleted). Unlike a
 * failure it is not retried: trying again cannot help until a person acts, and the next day's digest tries afresh.
 */
export type DigestRunStatus = "claimed" | "posted" | "failed" | "refused";

export interface DigestRunState {
  channelId: string;
  localDate: LocalDate;
  status: DigestRunStatus;
  attempts: number;
}

export interface DueDigest {
  channelId: string;
  localDate: LocalDate;
  scheduledAt: Date;
  /** Posted well after its time, because every replica was down then. */
  late: boolean;
  /** An earlier attempt failed and this one retries it. */
  retry: boolean;
}

/** How many times a failed post is tried in all. */
export const maxDigestAttempts = 3;
/** Past this, a digest is marked late. The tick runs every minute, so on time means within it. */
export const lateAfterMs = 10 * 60 * 1000;

/** The instant a schedule fires on a local date; a time inside a spring-forward gap fires just after it. */
export function scheduledInstant(
  schedule: Pick<DigestSchedule, "localTime" | "timeZone">,
  date: LocalDate,
): Date {
  return resolveLocalTime(date, schedule.localTime, schedule.timeZone).instant;
}

/**
 * Which digests are owed now. For each schedule the owed day is the latest whose time has come:
 * today once its time has passed, otherwise yesterday. Only that day is considered, so a bot down
 * for a week posts one digest (the latest, marked late) rather than seven. A day is owed when it
 * has no run yet, or when its run failed and has attempts left; a run being posted ("claimed") is
 * never taken over, so a digest is never posted twice, and a refused one is left for a person to see to.
 * Days before the schedule existed are never owed.
 */
export function dueDigests(
  now: Date,
  schedules: readonly DigestSchedule[],
  runs: readonly DigestRunState[],
): DueDigest[] {
  const due: DueDigest[] = [];
  for (const schedule of schedules) {
    const today = localDateOf(now, schedule.timeZone);
    const todayAt = scheduledInstant(schedule, today);
    const localDate = todayAt.getTime() <= now.getTime() ? today : addDays(today, -1);
    const scheduledAt = localDate === today ? todayAt : scheduledInstant(schedule, localDate);
    if (scheduledAt.getTime() < schedule.createdAt.getTime()) continue;
    const run = runs.find((r) => r.channelId === schedule.channelId && r.localDate === localDate);
    if (run && !(run.status === "failed" && run.attempts < maxDigestAttempts)) continue;
    due.push({
      channelId: schedule.channelId,
      localDate,
      scheduledAt,
      late: now.getTime() - scheduledAt.getTime() > lateAfterMs,
      retry: run !== undefined,
    });
  }
  return due;
}
