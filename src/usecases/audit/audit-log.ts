import type { DbOrTx } from "../../db/client.js";
import type { Actor } from "../actor.js";

export type AuditOutcome = "ok" | "denied" | "invalid" | "error";

export interface AuditEntry {
  actorUserId?: string;
  actorTeamId?: string;
  action: string;
  targetType?: string;
  targetId?: string;
  outcome: AuditOutcome;
  before?: unknown;
  after?: unknown;
  requestId?: string;
  at: Date;
}

/** Who did it, with which request and when: the fields every audit of a person's action carries. */
export function auditedAs(
  actor: Actor,
): Pick<AuditEntry, "actorUserId" | "actorTeamId" | "requestId" | "at"> {
  return { actorUserId: actor.userId, actorTeamId: actor.teamId, requestId: actor.requestId, at: actor.now };
}

/** Every write, every refusal and every read of restricted detail leaves one of these. */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      at: entry.at,
      actorUserId: entry.actorUserId,
      actorTeamId: entry.actorTeamId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      outcome: entry.outcome,
      before: entry.before === undefined ? null : toJson(entry.before),
      after: entry.after === undefined ? null : toJson(entry.after),
      requestId: entry.requestId,
    },
  });
}

function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));
}
