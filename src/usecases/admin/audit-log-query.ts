import type { Db } from "../../db/client.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import type { LocalDate } from "../../domain/time/local-date.js";
import { startOfLocalDay } from "../../domain/time/zoned.js";

export interface AuditListing {
  at: Date;
  actorUserId: string | null;
  action: string;
  targetId: string | null;
  outcome: string;
  /** JSON as recorded: the listing shows the fields that changed between them. */
  before: string | null;
  after: string | null;
}

/**
 * The most recent audit events of a task force, refusals included: who did what to which record,
 * and how it went. Events of another task force, or of none (start-up, installation), are not its
 * admins' to read.
 */
export function auditQueryUseCases(deps: { db: Db; taskForce: TaskForceScope }) {
  const { taskForce } = deps;
  const inTaskForce = { taskForceId: taskForce.id };

  async function recent(input: {
    limit: number;
    skip?: number;
    userId?: string;
    since?: LocalDate;
  }): Promise<AuditListing[]> {
    const since = input.since ? startOfLocalDay(input.since, taskForce.timeZone) : undefined;
    return deps.db.auditEvent.findMany({
      where: {
        ...inTaskForce,
        ...(input.userId ? { actorUserId: input.userId } : {}),
        ...(since ? { at: { gte: since } } : {}),
      },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: input.skip,
      take: input.limit,
      // Only what a listing shows; it is an admin's (the Home shows it to admins alone).
      select: {
        at: true,
        actorUserId: true,
        action: true,
        targetId: true,
        outcome: true,
        before: true,
        after: true,
      },
    });
  }
  return { recent, count: () => deps.db.auditEvent.count({ where: inTaskForce }) };
}

export type AuditQueryUseCases = ReturnType<typeof auditQueryUseCases>;
