import type { Db, DbOrTx } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Prisma } from "../../db/generated/sqlite/client.js";
import { UserFacingError } from "../../domain/errors.js";
import type { IncidentKind } from "../../domain/incidents/kinds.js";
import {
  isRefusal,
  type LinkableIncident,
  type LinkKind,
  type LinkPlan,
  linkableTo,
  planLink,
} from "../../domain/incidents/links.js";
import { formatRecordId, type RecordKind } from "../../domain/records/record-id.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import type { Actor } from "../actor.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";
import { ensureMember } from "../members/members.js";

/** A record id as the user typed it, already parsed. */
export interface RecordRef {
  kind: RecordKind;
  id: number;
}

export interface LinkView {
  kind: LinkKind;
  /** The shooting or the recovery. */
  incident: string;
  incidentKind: IncidentKind;
  /** The theft. */
  stolen: string;
  recoveryDays: number | null;
}

const linkHint = 'e.g. /tf link I-12 I-40 reason:"same plate"';

/** An incident as a link sees it, with the task force it belongs to. */
type ScopedIncident = LinkableIncident & { taskForceId: number };

/** Any task force's incident: the caller tells a pair across task forces from a stranger's record. */
async function loadAnyIncident(
  tx: DbOrTx,
  ref: RecordRef,
  field: string,
  unwritten: string,
): Promise<ScopedIncident> {
  const recordId = formatRecordId(ref.kind, ref.id);
  if (ref.kind !== "incident") {
    throw new UserFacingError(
      "invalid",
      `${recordId} is ${ref.kind === "seizure" ? "a seizure report" : "an assignment"}: links join incidents, whose ids start with I (e.g. I-12). ${unwritten}`,
      linkHint,
      field,
    );
  }
  const row = await tx.incident.findUnique({ where: { id: ref.id } });
  if (!row) throw noSuchIncident(recordId, field, unwritten);
  return {
    id: row.id,
    recordId,
    kind: row.kind as IncidentKind,
    localDate: row.localDate,
    localTime: row.localTime,
    voided: row.voidedAt !== null,
    taskForceId: row.taskForceId,
  };
}

function noSuchIncident(recordId: string, field: string, unwritten: string): UserFacingError {
  return new UserFacingError(
    "not_found",
    `There is no incident ${recordId}. ${unwritten}`,
    "Check the id in the confirmation you got when it was recorded, or in /tf incidents.",
    field,
  );
}

/** The task force's own incident; another's is no more there for the caller than a missing one. */
async function loadIncident(
  tx: DbOrTx,
  taskForce: TaskForceScope,
  ref: RecordRef,
  field: string,
  unwritten = "Nothing was linked.",
): Promise<ScopedIncident> {
  const incident = await loadAnyIncident(tx, ref, field, unwritten);
  if (incident.taskForceId !== taskForce.id) throw noSuchIncident(incident.recordId, field, unwritten);
  return incident;
}

interface LinkRequest {
  first: RecordRef | LinkableIncident;
  second: RecordRef;
  reason?: string;
  source: string;
  /** The option the second id came from, so a form shows the error beside it. */
  secondField?: string;
  /** What a refusal leaves unwritten, said at its end ("Nothing was linked." unless given). */
  unwritten?: string;
}

/**
 * Links a shooting to the stolen vehicle used in it, or a recovery to the theft it closes, inside
 * the caller's transaction, both in the caller's task force. Every link is audited; a refused one
 * writes nothing.
 */
export async function linkIncidents(
  tx: Prisma.TransactionClient,
  taskForce: TaskForceScope,
  input: LinkRequest,
  actor: Actor,
): Promise<LinkView> {
  return writeLink(tx, taskForce, await checkLink(tx, taskForce, input, actor), input, actor);
}

/**
 * Everything that can refuse a link, before anything is written: a record being entered with
 * `stolen:` is checked as `first` before it is inserted (its id not yet known, its task force the
 * caller's), so a refusal never spends an id, which PostgreSQL's sequences would not give back.
 * A link has no task force of its own: both its incidents must be in the caller's.
 */
export async function checkLink(
  tx: Prisma.TransactionClient,
  taskForce: TaskForceScope,
  input: LinkRequest,
  actor: Actor,
): Promise<LinkPlan> {
  const unwritten = input.unwritten ?? "Nothing was linked.";
  const secondField = input.secondField ?? "second";
  const first =
    "recordId" in input.first
      ? { ...input.first, taskForceId: taskForce.id }
      : await loadAnyIncident(tx, input.first, "first", "Nothing was linked.");
  const second = await loadAnyIncident(tx, input.second, secondField, unwritten);
  // Said plainly rather than "no such incident": both ids are real, and the refusal must say why
  // they cannot be joined.
  if (first.taskForceId !== second.taskForceId) {
    throw new UserFacingError(
      "invalid",
      `${first.recordId} and ${second.recordId} belong to different task forces and cannot be linked: a link joins two incidents of one task force. ${unwritten}`,
      linkHint,
      first.taskForceId === taskForce.id ? secondField : "first",
    );
  }
  if (first.taskForceId !== taskForce.id)
    throw noSuchIncident(first.recordId, "first", "Nothing was linked.");
  const plan = planLink(first, second);
  if (isRefusal(plan)) {
    const field = plan.field === "second" ? (input.secondField ?? "second") : "first";
    throw new UserFacingError("invalid", `${plan.refused} ${unwritten}`, linkHint, field);
  }
  const { incident, stolen } = plan;
  const existing = await tx.incidentLink.findUnique({
    where: { incidentId_stolenId: { incidentId: incident.id, stolenId: stolen.id } },
  });
  if (existing) {
    throw new UserFacingError(
      "conflict",
      `${incident.recordId} and ${stolen.recordId} are already linked. ${unwritten}`,
    );
  }
  if (plan.kind === "recovery") await refuseSecondRecovery(tx, incident, stolen, actor, unwritten);
  return plan;
}

/** Writes a link `checkLink` allowed, and its audit row. */
export async function writeLink(
  tx: Prisma.TransactionClient,
  taskForce: TaskForceScope,
  plan: LinkPlan,
  input: Pick<LinkRequest, "reason" | "source" | "unwritten">,
  actor: Actor,
): Promise<LinkView> {
  const { incident, stolen } = plan;
  const linkedBy = input.source === "slack" ? await ensureMember(tx, actor) : null;
  try {
    await tx.incidentLink.create({
      data: {
        kind: plan.kind,
        incidentId: incident.id,
        stolenId: stolen.id,
        recoveryOf: plan.kind === "recovery" ? stolen.id : null,
        recoveredBy: plan.kind === "recovery" ? incident.id : null,
        recoveryDays: plan.recoveryDays,
        reason: input.reason ?? null,
        linkedById: linkedBy?.id ?? null,
        source: input.source,
        createdAt: actor.now,
        requestId: actor.requestId,
      },
    });
  } catch (error) {
    // Another request linked one side first (PostgreSQL runs them side by side).
    if (isUniqueViolation(error)) {
      throw new UserFacingError(
        "conflict",
        `${incident.recordId} or ${stolen.recordId} was linked by someone else a moment ago. ${input.unwritten ?? "Nothing was linked."} Look again and retry.`,
      );
    }
    throw error;
  }
  const view: LinkView = {
    kind: plan.kind,
    incident: incident.recordId,
    incidentKind: incident.kind,
    stolen: stolen.recordId,
    recoveryDays: plan.recoveryDays,
  };
  await recordAudit(tx, {
    ...auditedAs(actor, taskForce),
    action: "incident.link",
    targetType: "incident_link",
    targetId: `${incident.recordId}~${stolen.recordId}`,
    outcome: "ok",
    after: { ...view, reason: input.reason ?? null, source: input.source },
  });
  return view;
}

/**
 * A theft is recovered once and a recovery closes one theft. A link whose other side has since
 * been voided counts nowhere, so it gives way to the new one (and the audit log says so).
 */
async function refuseSecondRecovery(
  tx: Prisma.TransactionClient,
  recovery: LinkableIncident,
  stolen: LinkableIncident,
  actor: Actor,
  unwritten: string,
): Promise<void> {
  const held = await tx.incidentLink.findMany({
    where: { OR: [{ recoveryOf: stolen.id }, { recoveredBy: recovery.id }] },
    include: { incident: true, stolen: true },
  });
  for (const link of held) {
    const other = link.recoveryOf === stolen.id ? link.incident : link.stolen;
    const otherId = formatRecordId("incident", other.id);
    if (other.voidedAt === null) {
      const what =
        link.recoveryOf === stolen.id
          ? `${stolen.recordId} is already recovered by ${otherId}`
          : `${recovery.recordId} already closes the theft ${otherId}`;
      throw new UserFacingError(
        "conflict",
        `${what}: a theft is recovered once. ${unwritten}`,
        `If that link is wrong, remove it first: /tf unlink ${formatRecordId("incident", link.incidentId)} ${formatRecordId("incident", link.stolenId)} reason:"…"`,
      );
    }
    await removeLink(
      tx,
      link,
      actor,
      { id: link.incident.taskForceId },
      { kind: link.kind, recoveryDays: link.recoveryDays, reason: link.reason },
      { reason: `${otherId} is voided; replaced by a link to the record that supersedes it` },
    );
  }
}

/** Deletes a link and audits it as `incident.unlink`, in the caller's transaction. */
async function removeLink(
  tx: Prisma.TransactionClient,
  link: { id: number; incidentId: number; stolenId: number },
  actor: Actor,
  taskForce: Pick<TaskForceScope, "id">,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<void> {
  await tx.incidentLink.delete({ where: { id: link.id } });
  await recordAudit(tx, {
    ...auditedAs(actor, taskForce),
    action: "incident.unlink",
    targetType: "incident_link",
    targetId: `${formatRecordId("incident", link.incidentId)}~${formatRecordId("incident", link.stolenId)}`,
    outcome: "ok",
    before,
    after,
  });
}

/** Links between one task force's incidents. */
export function linkUseCases(deps: { db: Db; taskForce: TaskForceScope; onRecordsChanged?: () => void }) {
  const { db, taskForce } = deps;

  async function link(
    input: { first: RecordRef; second: RecordRef; reason?: string },
    actor: Actor,
  ): Promise<LinkView> {
    const view = await db.$transaction((tx) =>
      linkIncidents(tx, taskForce, { ...input, source: "slack" }, actor),
    );
    deps.onRecordsChanged?.();
    return view;
  }

  async function unlink(
    input: { first: RecordRef; second: RecordRef; reason?: string },
    actor: Actor,
  ): Promise<LinkView> {
    const view = await db.$transaction(async (tx) => {
      const [first, second] = [
        await loadIncident(tx, taskForce, input.first, "first"),
        await loadIncident(tx, taskForce, input.second, "second"),
      ];
      const row = await tx.incidentLink.findFirst({
        where: {
          OR: [
            { incidentId: first.id, stolenId: second.id },
            { incidentId: second.id, stolenId: first.id },
          ],
        },
      });
      if (!row) {
        throw new UserFacingError(
          "not_found",
          `${first.recordId} and ${second.recordId} are not linked; nothing changed.`,
          `A ${first.kind === "stolen_vehicle" ? "theft" : "record"} like ${first.recordId} links to ${linkableTo(first.kind)}.`,
        );
      }
      const [incident, stolen] = row.incidentId === first.id ? [first, second] : [second, first];
      const removed: LinkView = {
        kind: row.kind as LinkKind,
        incident: incident.recordId,
        incidentKind: incident.kind,
        stolen: stolen.recordId,
        recoveryDays: row.recoveryDays,
      };
      await removeLink(
        tx,
        row,
        actor,
        taskForce,
        { ...removed, reason: row.reason, source: row.source },
        { reason: input.reason ?? null },
      );
      return removed;
    });
    deps.onRecordsChanged?.();
    return view;
  }

  return { link, unlink };
}

export type LinkUseCases = ReturnType<typeof linkUseCases>;
