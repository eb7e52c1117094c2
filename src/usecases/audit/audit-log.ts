import { appendAuditRow } from "../../db/audit-chain.js";
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

/**
 * Every write, every refusal and every read of restricted detail leaves one of these, chained to
 * the one before it. Given a transaction, the row commits (or not) with the change it records.
 */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  const row = {
    at: entry.at,
    actorUserId: entry.actorUserId ?? null,
    actorTeamId: entry.actorTeamId ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    outcome: entry.outcome,
    before: entry.before === undefined ? null : toJson(entry.before),
    after: entry.after === undefined ? null : toJson(entry.after),
    requestId: entry.requestId ?? null,
  };
  if ("$transaction" in db) await db.$transaction((tx) => appendAuditRow(tx, row));
  else await appendAuditRow(db, row);
}

function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));
}
