import type { Db } from "../../db/client.js";
import { type SlackIdentity, sameIdentity } from "../../domain/access/identity.js";
import { UserFacingError } from "../../domain/errors.js";
import { formatRecordId, type RecordKind } from "../../domain/records/record-id.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import type { Actor } from "../actor.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";

/** How long an author may void their own record; after that only an admin may. */
export const authorVoidWindowMs = 24 * 60 * 60 * 1000;

interface VoidableRow {
  id: number;
  createdAt: Date;
  /** Who recorded it, as the pair (workspace, user); null for imported records. */
  author: SlackIdentity | null;
  voidedAt: Date | null;
  voidedBy: string | null;
  voidReason: string | null;
}

/**
 * Voids one of the task force's seizures, incidents or assignments: the row stays, marked with
 * who, when and why, and every total leaves it out. Nothing is ever deleted. Another task force's
 * record is not there for the caller: "no such record", exactly as for an id never given.
 */
export function voidUseCases(deps: { db: Db; taskForce: TaskForceScope; onRecordsChanged?: () => void }) {
  const { db, taskForce } = deps;
  const taskForceId = taskForce.id;

  async function load(kind: RecordKind, id: number): Promise<VoidableRow | null> {
    if (kind === "seizure") {
      const row = await db.seizureReport.findUnique({
        where: { id, taskForceId },
        include: { reporter: true },
      });
      return row && { ...row, author: personOfMember(row.reporter) };
    }
    if (kind === "incident") {
      const row = await db.incident.findUnique({ where: { id, taskForceId }, include: { reporter: true } });
      return row && { ...row, author: row.reporter ? personOfMember(row.reporter) : null };
    }
    const row = await db.assignment.findUnique({ where: { id, taskForceId } });
    if (!row) return null;
    // An assignment names its registrar by user id alone; the audit row of its creation has the pair.
    const created = await db.auditEvent.findFirst({
      where: { action: "assignment.create", targetId: formatRecordId("assignment", id), outcome: "ok" },
      select: { actorUserId: true, actorTeamId: true },
    });
    const author =
      created?.actorUserId && created.actorTeamId
        ? { teamId: created.actorTeamId, userId: created.actorUserId }
        : null;
    return { ...row, createdAt: row.registeredAt, author };
  }

  async function voidRecord(
    input: { kind: RecordKind; id: number; reason: string },
    actor: Actor,
  ): Promise<{ recordId: string; kind: RecordKind }> {
    const recordId = formatRecordId(input.kind, input.id);
    const row = await load(input.kind, input.id);
    if (!row) {
      throw new UserFacingError(
        "not_found",
        `There is no ${input.kind} ${recordId}.`,
        "Check the id in the confirmation you got when it was recorded.",
      );
    }
    if (row.voidedAt) {
      throw new UserFacingError(
        "conflict",
        `${recordId} was already voided on ${row.voidedAt.toISOString().slice(0, 10)} by <@${row.voidedBy}>.`,
      );
    }
    const isAuthor = row.author !== null && sameIdentity(row.author, actor);
    const withinWindow = actor.now.getTime() - row.createdAt.getTime() <= authorVoidWindowMs;
    if (actor.role !== "admin" && !(isAuthor && withinWindow)) {
      throw new UserFacingError(
        "denied",
        isAuthor
          ? `${recordId} was recorded more than 24 hours ago, so only an admin can void it now.`
          : `Only the person who recorded ${recordId} (within 24 hours) or an admin can void it.`,
        "Ask a task force admin to void it, giving the reason.",
      );
    }
    const voided = { voidedAt: actor.now, voidedBy: actor.userId, voidReason: input.reason };
    await db.$transaction(async (tx) => {
      // Guarded on voidedAt so that of two voids racing, exactly one takes effect.
      const where = { id: input.id, taskForceId, voidedAt: null };
      const { count } =
        input.kind === "seizure"
          ? await tx.seizureReport.updateMany({ where, data: voided })
          : input.kind === "incident"
            ? await tx.incident.updateMany({ where, data: voided })
            : await tx.assignment.updateMany({ where, data: voided });
      if (count !== 1)
        throw new UserFacingError("conflict", `${recordId} was voided by someone else a moment ago.`);
      await recordAudit(tx, {
        ...auditedAs(actor, taskForce),
        action: `${input.kind}.void`,
        targetType: input.kind,
        targetId: recordId,
        outcome: "ok",
        before: { voidedAt: null },
        after: { voidedAt: actor.now.toISOString(), voidedBy: actor.userId, voidReason: input.reason },
      });
    });
    deps.onRecordsChanged?.();
    return { recordId, kind: input.kind };
  }

  return { voidRecord };
}

export type VoidUseCases = ReturnType<typeof voidUseCases>;

function personOfMember(member: { teamId: string; slackUserId: string }): SlackIdentity {
  return { teamId: member.teamId, userId: member.slackUserId };
}
