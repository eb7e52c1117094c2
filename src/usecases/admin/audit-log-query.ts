import type { Db } from "../../db/client.js";
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

/** The most recent audit events, refusals included: who did what to which record, and how it went. */
export function auditQueryUseCases(deps: { db: Db; timeZone: string }) {
  async function recent(input: {
    limit: number;
    skip?: number;
    userId?: string;
    since?: LocalDate;
  }): Promise<AuditListing[]> {
    const since = input.since ? startOfLocalDay(input.since, deps.timeZone) : undefined;
    return deps.db.auditEvent.findMany({
      where: {
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
  return { recent, count: () => deps.db.auditEvent.count() };
}

export type AuditQueryUseCases = ReturnType<typeof auditQueryUseCases>;
