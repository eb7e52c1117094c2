import type { Db } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { joinAgencies } from "../../db/seed/seed.js";
import { sourceCase } from "../../db/seed/source-case.js";
import { UserFacingError } from "../../domain/errors.js";
import { defaultDigestTime, parseTaskForceCode, type TaskForce } from "../../domain/taskforce/task-force.js";
import { quoteInput } from "../../domain/text/escape.js";
import type { WeekStart } from "../../domain/time/periods.js";
import { isTimeZone } from "../../domain/time/zones.js";
import type { Actor } from "../actor.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";

export interface TaskForceListing extends TaskForce {
  /** Slack channels bound to it. */
  channels: number;
  /** People holding a role in it (a grant or an assignment running today). */
  members: number;
  /** Incidents and seizure reports on record, voided ones included. */
  records: number;
}

const toTaskForce = (row: {
  id: number;
  code: string;
  name: string;
  timeZone: string;
  weekStart: string;
  digestTime: string;
}): TaskForce => ({
  id: row.id,
  code: row.code,
  name: row.name,
  timeZone: row.timeZone,
  weekStart: row.weekStart === "sunday" ? "sunday" : "monday",
  digestTime: row.digestTime,
});

/**
 * The task forces of a statewide deployment: created by a state admin, each with its own zone,
 * week start and reference data; Slack channels bound to one act in it.
 */
export function taskForceUseCases(deps: {
  db: Db;
  /** A new task force's zone unless one is given: the deployment's. */
  defaultTimeZone: string;
}) {
  const { db } = deps;

  /**
   * Every task force, asked on every request, so kept for 30 s (a new one added through this
   * replica shows at once; through another, within 30 s).
   */
  let known: { at: number; forces: Promise<TaskForce[]> } | undefined;
  function all(): Promise<TaskForce[]> {
    const now = Date.now();
    if (known && now - known.at < 30_000) return known.forces;
    const forces = db.taskForce.findMany({ orderBy: { code: "asc" } }).then((rows) => rows.map(toTaskForce));
    known = { at: now, forces };
    forces.catch(() => {
      if (known?.forces === forces) known = undefined;
    });
    return forces;
  }

  /** The task force a workspace was mapped in (`/tf admin workspace`), if any. */
  async function ofWorkspace(teamId: string): Promise<TaskForce | null> {
    const mapping = await db.workspace.findUnique({ where: { teamId }, include: { taskForce: true } });
    return mapping && toTaskForce(mapping.taskForce);
  }

  async function byId(id: number): Promise<TaskForce | null> {
    const row = await db.taskForce.findUnique({ where: { id } });
    return row && toTaskForce(row);
  }

  async function byCode(code: string): Promise<TaskForce | null> {
    const row = await db.taskForce.findUnique({ where: { code } });
    return row && toTaskForce(row);
  }

  /** Each task force with what it holds, counted in the database. */
  async function list(today: string): Promise<TaskForceListing[]> {
    const [forces, channels, incidents, seizures, grants, assignments] = await Promise.all([
      all(),
      db.channelBinding.groupBy({ by: ["taskForceId"], _count: { _all: true } }),
      db.incident.groupBy({ by: ["taskForceId"], _count: { _all: true } }),
      db.seizureReport.groupBy({ by: ["taskForceId"], _count: { _all: true } }),
      db.roleGrant.findMany({
        where: { revokedAt: null, taskForceId: { not: null } },
        select: { taskForceId: true, memberId: true },
      }),
      db.assignment.findMany({
        where: {
          voidedAt: null,
          startDate: { lte: today },
          OR: [{ endDate: null }, { endDate: { gte: today } }],
        },
        select: { taskForceId: true, memberId: true },
      }),
    ]);
    const count = (rows: Array<{ taskForceId: number | null; _count: { _all: number } }>, id: number) =>
      rows.find((r) => r.taskForceId === id)?._count._all ?? 0;
    return forces.map((force) => {
      const people = new Set(
        [...grants, ...assignments].filter((r) => r.taskForceId === force.id).map((r) => r.memberId),
      );
      return {
        ...force,
        channels: count(channels, force.id),
        members: people.size,
        records: count(incidents, force.id) + count(seizures, force.id),
      };
    });
  }

  /**
   * A new task force, with the partnership's units and agencies (the same lines of effort and the
   * same partners run in every city); its areas are its own city's, added by its admins.
   */
  async function add(
    input: { code: string; name: string; timeZone?: string; weekStart?: WeekStart; digestTime?: string },
    actor: Actor,
  ): Promise<TaskForce> {
    const code = parseTaskForceCode(input.code);
    const name = input.name.trim();
    if (name.length < 3 || name.length > 80) {
      throw new UserFacingError(
        "invalid",
        "A task force's name is 3 to 80 characters.",
        'e.g. name:"Hartford Shooting Task Force"',
        "name",
      );
    }
    const timeZone = input.timeZone ?? deps.defaultTimeZone;
    if (!isTimeZone(timeZone)) {
      throw new UserFacingError(
        "invalid",
        `\`${quoteInput(timeZone)}\` is not a time zone: use an IANA name such as America/New_York.`,
        "e.g. tz:America/New_York",
        "tz",
      );
    }
    try {
      return await db.$transaction(async (tx) => {
        const created = await tx.taskForce.create({
          data: {
            code,
            name,
            timeZone,
            weekStart: input.weekStart ?? "monday",
            digestTime: input.digestTime ?? defaultDigestTime,
            createdBy: actor.userId,
          },
        });
        await tx.unit.createMany({ data: sourceCase.units.map((u) => ({ ...u, taskForceId: created.id })) });
        // And the partnership's agencies: statewide rows, made at start-up; one an admin removed
        // from the table (never, today) is made again here rather than left out.
        for (const agency of sourceCase.agencies) {
          await tx.agency.upsert({ where: { code: agency.code }, create: agency, update: {} });
        }
        await joinAgencies(
          tx,
          created.id,
          sourceCase.agencies.map((a) => a.code),
        );
        const force = toTaskForce(created);
        known = undefined;
        await recordAudit(tx, {
          ...auditedAs(actor),
          action: "taskforce.create",
          targetType: "task_force",
          targetId: code,
          outcome: "ok",
          after: force,
        });
        return force;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new UserFacingError(
          "conflict",
          `There is already a task force \`${code}\`; nothing was created.`,
          "/tf admin taskforce list shows them.",
          "code",
        );
      }
      throw error;
    }
  }

  /** The task force a channel is bound to, if any. */
  async function ofChannel(channelId: string): Promise<TaskForce | null> {
    const binding = await db.channelBinding.findUnique({
      where: { channelId },
      include: { taskForce: true },
    });
    return binding && toTaskForce(binding.taskForce);
  }

  /** Binds a channel to a task force (again: to another one), audited with what it was bound to before. */
  async function bindChannel(
    input: { channelId: string; code: string },
    actor: Actor,
  ): Promise<{ taskForce: TaskForce; before: TaskForce | null }> {
    const code = parseTaskForceCode(input.code);
    return db.$transaction(async (tx) => {
      const target = await tx.taskForce.findUnique({ where: { code } });
      if (!target) {
        const codes = (await tx.taskForce.findMany({ orderBy: { code: "asc" }, select: { code: true } }))
          .map((t) => t.code)
          .join(", ");
        throw new UserFacingError(
          "not_found",
          `There is no task force \`${code}\`. Task forces: ${codes}.`,
          undefined,
          "tf",
        );
      }
      const previous = await tx.channelBinding.findUnique({
        where: { channelId: input.channelId },
        include: { taskForce: true },
      });
      await tx.channelBinding.upsert({
        where: { channelId: input.channelId },
        create: {
          channelId: input.channelId,
          taskForceId: target.id,
          boundBy: actor.userId,
          boundAt: actor.now,
        },
        update: { taskForceId: target.id, boundBy: actor.userId, boundAt: actor.now },
      });
      await recordAudit(tx, {
        ...auditedAs(actor),
        action: "admin.channel.bind",
        targetType: "channel",
        targetId: input.channelId,
        outcome: "ok",
        before: previous ? { taskForce: previous.taskForce.code } : null,
        after: { taskForce: target.code },
      });
      return { taskForce: toTaskForce(target), before: previous && toTaskForce(previous.taskForce) };
    });
  }

  return { all, byId, byCode, list, add, ofChannel, ofWorkspace, bindChannel };
}

export type TaskForceUseCases = ReturnType<typeof taskForceUseCases>;
