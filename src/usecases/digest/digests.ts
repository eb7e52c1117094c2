import type { Db } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import {
  type DigestRunStatus,
  dueDigests,
  maxDigestAttempts,
  scheduledInstant,
} from "../../domain/digest/schedule.js";
import { UserFacingError } from "../../domain/errors.js";
import { defaultDigestTime, type TaskForceScope } from "../../domain/taskforce/task-force.js";
import { addDays, type LocalDate, localDateOf } from "../../domain/time/local-date.js";
import type { Logger } from "../../infra/logger.js";
import type { Actor } from "../actor.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";
import type { Removal } from "../installation/installation.js";
import type { DigestContent, DigestContentUseCases, DigestSection } from "./content.js";

export interface DigestOptions {
  sections: DigestSection[] | "all";
  threaded: boolean;
  narrative: boolean;
}

export interface DigestScheduleView extends DigestOptions {
  channelId: string;
  localTime: string;
  timeZone: string;
  /** The run for the latest day the channel has one, when it has one. */
  lastRun?: { localDate: LocalDate; status: DigestRunStatus; error?: string };
}

/**
 * What a publisher throws when the channel turns the digest down (the bot was removed, the channel archived or
 * deleted): `code` is the platform's reason. Trying again cannot help until a person acts, so the run is not retried.
 * `messageTs` is set when a first message went out before the refusal, as for any partial failure.
 */
export class DigestRefused extends Error {
  override name = "DigestRefused";
  constructor(
    readonly code: string,
    readonly messageTs?: string,
  ) {
    super(`the channel refused the digest (${code})`);
  }
}

/** How the digest reaches Slack; the Slack layer implements it, so this module stays transport-free. */
export interface DigestPublisher {
  canPost(channelId: string): Promise<{ ok: true } | { ok: false; reason: string }>;
  /**
   * Posts a digest. `previousTs` is the message an earlier, partly failed attempt already posted:
   * the publisher continues from it rather than posting it again. A failure after the first
   * message carries that message's ts as `messageTs`.
   */
  publish(
    channelId: string,
    content: DigestContent,
    options: DigestOptions,
    previousTs?: string,
  ): Promise<{ messageTs: string }>;
}

export type DigestOutcome = {
  channelId: string;
  localDate: LocalDate;
  outcome: "posted" | "skipped" | "failed";
  detail?: string;
};

function optionsOf(row: { sections: string; threaded: boolean; narrative: boolean }): DigestOptions {
  return {
    sections: row.sections === "all" ? "all" : (row.sections.split(",").filter(Boolean) as DigestSection[]),
    threaded: row.threaded,
    narrative: row.narrative,
  };
}

/**
 * Daily digests: schedules per channel, and runs that post each digest exactly once per channel
 * and local day. The (channel, local date) unique key on DigestRun decides which replica posts.
 * Schedules belong to a task force, and its digests say only its figures; a channel's runs are
 * its task force's through the channel.
 */
export function digestUseCases(deps: {
  db: Db;
  taskForce: TaskForceScope;
  content: DigestContentUseCases;
  logger: Logger;
  replicaId: string;
  /**
   * Channels one tick posts to at once (8 by default). Slack's limit is per channel, so channels need not wait for
   * each other; the bound keeps a replica's database connections and memory in check when hundreds are due at once.
   */
  postConcurrency?: number;
  /** Set when the app was uninstalled from its workspace: nothing is posted then. */
  removal: () => Promise<Removal | null>;
}) {
  const { db, logger, taskForce } = deps;
  const taskForceId = taskForce.id;
  /** When this process last said digests are held back by a removal, so it says so once. */
  let reportedRemoval: number | undefined;

  async function activeSchedules() {
    return db.digestChannel.findMany({
      where: { taskForceId, removedAt: null },
      orderBy: { channelId: "asc" },
    });
  }

  async function addSchedule(
    input: { channelId: string; localTime?: string; timeZone?: string } & Partial<DigestOptions>,
    actor: Actor,
    publisher: DigestPublisher,
  ): Promise<{ schedule: DigestScheduleView; created: boolean }> {
    const access = await publisher.canPost(input.channelId);
    if (!access.ok) throw new UserFacingError("invalid", access.reason, undefined, "channel");
    const existing = await db.digestChannel.findUnique({ where: { channelId: input.channelId } });
    // A channel's schedule, and its runs, belong to the task force that added it (the channel id is
    // the key), removed or not: another's is neither changed nor taken over from here, so nothing
    // of its history shows in this task force's listing.
    if (existing && existing.taskForceId !== taskForceId) {
      throw new UserFacingError(
        "conflict",
        `<#${input.channelId}> has another task force's digest schedule.`,
        "Choose another channel for this task force's digest.",
        "channel",
      );
    }
    const data = {
      localTime: input.localTime ?? existing?.localTime ?? taskForce.digestTime ?? defaultDigestTime,
      timeZone: input.timeZone ?? existing?.timeZone ?? taskForce.timeZone,
      sections:
        input.sections === undefined
          ? (existing?.sections ?? "all")
          : input.sections === "all"
            ? "all"
            : input.sections.join(","),
      threaded: input.threaded ?? existing?.threaded ?? false,
      narrative: input.narrative ?? existing?.narrative ?? true,
    };
    const row = await db.$transaction(async (tx) => {
      const saved = existing
        ? await tx.digestChannel.update({
            where: { channelId: input.channelId },
            // Re-adding a removed schedule starts it afresh: no digest is owed for the days it was off.
            data: { ...data, removedAt: null, ...(existing.removedAt ? { createdAt: actor.now } : {}) },
          })
        : await tx.digestChannel.create({
            data: {
              taskForceId,
              channelId: input.channelId,
              ...data,
              createdBy: actor.userId,
              createdAt: actor.now,
            },
          });
      await recordAudit(tx, {
        ...auditedAs(actor, taskForce),
        action: existing && !existing.removedAt ? "digest.schedule.update" : "digest.schedule.add",
        targetType: "digest_channel",
        targetId: input.channelId,
        outcome: "ok",
        before: existing ?? undefined,
        after: saved,
      });
      return saved;
    });
    return { schedule: view(row), created: !existing || existing.removedAt !== null };
  }

  function view(row: Awaited<ReturnType<typeof activeSchedules>>[number]): DigestScheduleView {
    return { channelId: row.channelId, localTime: row.localTime, timeZone: row.timeZone, ...optionsOf(row) };
  }

  async function listSchedules(): Promise<DigestScheduleView[]> {
    return Promise.all(
      (await activeSchedules()).map(async (row) => {
        const run = await db.digestRun.findFirst({
          where: { channelId: row.channelId },
          orderBy: { localDate: "desc" },
        });
        if (!run) return view(row);
        const lastRun = {
          localDate: run.localDate,
          status: run.status as DigestRunStatus,
          ...(run.lastError ? { error: run.lastError } : {}),
        };
        return { ...view(row), lastRun };
      }),
    );
  }

  async function removeSchedule(channelId: string, actor: Actor): Promise<void> {
    const existing = await db.digestChannel.findUnique({ where: { channelId } });
    if (!existing || existing.removedAt || existing.taskForceId !== taskForceId) {
      throw new UserFacingError(
        "not_found",
        `<#${channelId}> has no digest schedule.`,
        "`/tf admin digest list` shows the schedules.",
      );
    }
    await db.$transaction(async (tx) => {
      const removed = await tx.digestChannel.update({ where: { channelId }, data: { removedAt: actor.now } });
      await recordAudit(tx, {
        ...auditedAs(actor, taskForce),
        action: "digest.schedule.remove",
        targetType: "digest_channel",
        targetId: channelId,
        outcome: "ok",
        before: existing,
        after: removed,
      });
    });
  }

  /** Claims a (channel, day): a new run row, or a failed run with attempts left. Null: another replica has it. */
  async function claim(channelId: string, localDate: LocalDate, late: boolean, now: Date, retry: boolean) {
    if (!retry) {
      try {
        return await db.digestRun.create({
          data: {
            channelId,
            localDate,
            status: "claimed",
            claimedBy: deps.replicaId,
            claimedAt: now,
            attempts: 1,
            late,
          },
        });
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    }
    const { count } = await db.digestRun.updateMany({
      where: { channelId, localDate, status: "failed", attempts: { lt: maxDigestAttempts } },
      data: { status: "claimed", claimedBy: deps.replicaId, claimedAt: now, attempts: { increment: 1 } },
    });
    return count === 1
      ? db.digestRun.findUnique({ where: { channelId_localDate: { channelId, localDate } } })
      : null;
  }

  /** Posts one claimed run; a failure is recorded on the run and audited, as the admin who sent it or the scheduler. */
  async function post(
    schedule: Awaited<ReturnType<typeof activeSchedules>>[number],
    run: { id: number; localDate: string; late: boolean; messageTs: string | null; attempts: number },
    scheduledAt: Date,
    publisher: DigestPublisher,
    by: Actor | { now: Date },
    contents: ContentMemo,
  ): Promise<DigestOutcome> {
    const options = optionsOf(schedule);
    try {
      const content = await contents.get({
        localDate: run.localDate,
        scheduledAt,
        late: run.late,
        narrative: options.narrative,
      });
      const { messageTs } = await publisher.publish(
        schedule.channelId,
        content,
        options,
        run.messageTs ?? undefined,
      );
      await db.digestRun.update({
        where: { id: run.id },
        data: { status: "posted", messageTs, postedAt: new Date(), lastError: null },
      });
      logger.info(
        {
          channel: schedule.channelId,
          localDate: run.localDate,
          late: run.late,
          narrative: content.narrative?.source,
        },
        "digest posted",
      );
      return { channelId: schedule.channelId, localDate: run.localDate, outcome: "posted" };
    } catch (error) {
      const refused = error instanceof DigestRefused;
      const detail = refused
        ? error.code
        : ((error as { data?: { error?: string } }).data?.error ?? (error as Error).message);
      const postedTs = (error as { messageTs?: string }).messageTs;
      const status: DigestRunStatus = refused ? "refused" : "failed";
      await db.digestRun.update({
        where: { id: run.id },
        data: {
          status,
          lastError: detail.slice(0, 500),
          ...(postedTs ? { messageTs: postedTs } : {}),
        },
      });
      await recordAudit(db, {
        ...("userId" in by ? auditedAs(by, taskForce) : { taskForceId, at: by.now }),
        action: "digest.post",
        targetType: "digest_channel",
        targetId: schedule.channelId,
        outcome: "error",
        after: {
          localDate: run.localDate,
          status,
          error: detail.slice(0, 500),
          attempt: run.attempts,
        },
      });
      logger.warn(
        {
          channel: schedule.channelId,
          localDate: run.localDate,
          error: detail,
          attempt: run.attempts,
        },
        refused ? "digest refused by the channel" : "digest post failed",
      );
      return { channelId: schedule.channelId, localDate: run.localDate, outcome: "failed", detail };
    }
  }

  /** One scheduler tick: posts every digest owed now that this replica wins the claim for. */
  async function runDue(now: Date, publisher: DigestPublisher): Promise<DigestOutcome[]> {
    const schedules = await activeSchedules();
    if (schedules.length === 0) return [];
    const oldest = addDays(localDateOf(now, taskForce.timeZone), -2);
    const runs = await db.digestRun.findMany({
      where: { localDate: { gte: oldest }, channel: { taskForceId } },
    });
    const due = dueDigests(
      now,
      schedules,
      runs.map((r) => ({ ...r, status: r.status as DigestRunStatus })),
    );
    if (due.length === 0) return [];
    const removed = await deps.removal();
    if (removed) {
      // Slack would refuse every post (token_revoked): none is claimed, so a reinstall posts them.
      if (reportedRemoval !== removed.removedAt.getTime()) {
        reportedRemoval = removed.removedAt.getTime();
        logger.warn(
          { due: due.length, event: removed.event, removedAt: removed.removedAt },
          "digests not posted: the app was removed from its workspace; install it again to resume",
        );
      }
      return [];
    }
    // Channels post side by side, each claimed just before it is posted, so replicas share the work: a
    // replica that claimed every channel up front would post them all while the others stood idle.
    const contents = contentMemo();
    const outcomes: Array<DigestOutcome | undefined> = [];
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < due.length; index = next++) {
        const item = due[index];
        const schedule = item && schedules.find((s) => s.channelId === item.channelId);
        const run =
          item && schedule && (await claim(item.channelId, item.localDate, item.late, now, item.retry));
        if (!item || !schedule || !run) continue;
        outcomes[index] = await post(schedule, run, item.scheduledAt, publisher, { now }, contents);
      }
    };
    const workers = Math.max(1, Math.min(deps.postConcurrency ?? 8, due.length));
    await Promise.all(Array.from({ length: workers }, worker));
    return outcomes.filter((o): o is DigestOutcome => o !== undefined);
  }

  type ContentInput = Parameters<DigestContentUseCases["build"]>[0];
  type ContentMemo = { get(input: ContentInput): Promise<DigestContent> };
  /**
   * The digest's figures, built once for every channel that posts the same day at the same time: the task force's
   * channels all say the same, so twenty channels due at 07:00 cost one set of queries (and one set of charts,
   * which the publisher renders once per content), not twenty.
   */
  function contentMemo(): ContentMemo {
    const built = new Map<string, Promise<DigestContent>>();
    return {
      get(input) {
        const key = [input.localDate, input.scheduledAt.getTime(), input.late, input.narrative].join("|");
        let content = built.get(key);
        if (!content) {
          content = deps.content.build(input);
          // A failed build is not kept: the next channel builds afresh rather than failing the same way.
          content.catch(() => built.delete(key));
          built.set(key, content);
        }
        return content;
      },
    };
  }

  /** Posts the digest for a day to every scheduled channel now: once per channel and day unless forced. */
  async function sendNow(
    input: { localDate: LocalDate; force: boolean },
    actor: Actor,
    publisher: DigestPublisher,
  ) {
    const schedules = await activeSchedules();
    if (schedules.length === 0) {
      throw new UserFacingError(
        "not_found",
        "No channel has a digest schedule yet.",
        "Add one with `/tf admin digest add #channel`.",
      );
    }
    const outcomes: DigestOutcome[] = [];
    const contents = contentMemo();
    for (const schedule of schedules) {
      const scheduledAt = scheduledInstant(schedule, input.localDate);
      let run = await claim(schedule.channelId, input.localDate, false, actor.now, false);
      if (!run) {
        const existing = await db.digestRun.findUnique({
          where: { channelId_localDate: { channelId: schedule.channelId, localDate: input.localDate } },
        });
        // An admin sending by hand may have just fixed what refused it, so a refused run is tried again too.
        const resend = input.force || existing?.status === "failed" || existing?.status === "refused";
        if (existing && resend && existing.status !== "claimed") {
          run = await db.digestRun.update({
            where: { id: existing.id },
            data: {
              status: "claimed",
              claimedBy: deps.replicaId,
              claimedAt: actor.now,
              attempts: { increment: 1 },
              // A forced resend is a new post, not the continuation of the earlier one.
              ...(existing.status === "posted" ? { messageTs: null } : {}),
            },
          });
        } else {
          outcomes.push({
            channelId: schedule.channelId,
            localDate: input.localDate,
            outcome: "skipped",
            detail:
              existing?.status === "claimed"
                ? "being posted right now"
                : "already posted (add force:yes to post again)",
          });
          continue;
        }
      }
      outcomes.push(await post(schedule, run, scheduledAt, publisher, actor, contents));
    }
    await recordAudit(db, {
      ...auditedAs(actor, taskForce),
      action: "digest.send",
      targetType: "digest",
      targetId: input.localDate,
      outcome: outcomes.some((o) => o.outcome === "failed") ? "error" : "ok",
      after: { force: input.force, outcomes },
    });
    return outcomes;
  }

  /** The digest for a day as it would post to a channel with default options. */
  async function preview(localDate: LocalDate) {
    const scheduledAt = scheduledInstant(
      { localTime: taskForce.digestTime ?? defaultDigestTime, timeZone: taskForce.timeZone },
      localDate,
    );
    return deps.content.build({ localDate, scheduledAt });
  }

  return { addSchedule, listSchedules, removeSchedule, runDue, sendNow, preview };
}

export type DigestUseCases = ReturnType<typeof digestUseCases>;
