import { appendAuditRow } from "../../db/audit-chain.js";
import type { DbOrTx } from "../../db/client.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import type { Actor } from "../actor.js";

export type AuditOutcome = "ok" | "denied" | "invalid" | "error";

export interface AuditEntry {
  /**
   * The task force the event happened in, so its audit listing and export find it; absent for
   * events that belong to none (start-up, installation).
   */
  taskForceId?: number;
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

/**
 * Who did it, with which request and when: the fields every audit of a person's action carries;
 * and, given the use case's scope, the task force it was done in.
 */
export function auditedAs(
  actor: Actor,
  taskForce?: Pick<TaskForceScope, "id">,
): Pick<AuditEntry, "taskForceId" | "actorUserId" | "actorTeamId" | "requestId" | "at"> {
  return {
    ...(taskForce ? { taskForceId: taskForce.id } : {}),
    actorUserId: actor.userId,
    actorTeamId: actor.teamId,
    requestId: actor.requestId,
    at: actor.now,
  };
}

/**
 * Every write, every refusal and every read of restricted detail leaves one of these, chained to
 * the one before it. Given a transaction, the row commits (or not) with the change it records.
 */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  const row = {
    taskForceId: entry.taskForceId ?? null,
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
