import type { Db } from "../../db/client.js";
import { UserFacingError } from "../../domain/errors.js";
import { type IncidentKind, incidentKindLabels } from "../../domain/incidents/kinds.js";
import type { IncidentTime } from "../../domain/incidents/when.js";
import { formatRecordId } from "../../domain/records/record-id.js";
import { matchReference } from "../../domain/reference/match.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import type { Period } from "../../domain/time/periods.js";
import type { Actor } from "../actor.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";
import { ensureMember } from "../members/members.js";
import { loadActiveReference } from "../reference/active-reference.js";
import { checkLink, type LinkView, type RecordRef, writeLink } from "./links.js";

export interface RecordIncidentInput {
  kind: IncidentKind;
  area: string;
  when: IncidentTime;
  caseNumber?: string;
  fatalVictims?: number;
  injuredVictims?: number;
  /** The stolen vehicle used in this shooting, or whose theft this recovery closes. */
  stolen?: RecordRef;
}

export interface IncidentView {
  recordId: string;
  kind: IncidentKind;
  area: string;
  localDate: string;
  localTime: string | null;
  caseNumber: string | null;
  fatalVictims: number;
  injuredVictims: number;
  ambiguity?: string;
  /** The theft it was linked to as it was recorded. */
  link?: LinkView;
}

/**
 * One task force's incidents: each is written into it with an area of its own, a case number is
 * unique among its records alone, and a list shows its records alone.
 */
export function incidentUseCases(deps: { db: Db; taskForce: TaskForceScope; onRecordsChanged?: () => void }) {
  const { db, taskForce } = deps;

  async function record(input: RecordIncidentInput, actor: Actor): Promise<IncidentView> {
    const reference = await loadActiveReference(db, taskForce.id);
    const area = matchReference("area", input.area, reference.areas);
    const label = incidentKindLabels[input.kind];
    const recorded = await db.$transaction(async (tx) => {
      if (input.caseNumber) {
        // One record per case and kind: a stolen and a recovered vehicle may share a case number.
        const existing = await tx.incident.findFirst({
          where: {
            taskForceId: taskForce.id,
            kind: input.kind,
            caseNumber: input.caseNumber,
            voidedAt: null,
          },
          include: { area: true },
        });
        if (existing) {
          const when = `${existing.localDate}${existing.localTime ? ` ${existing.localTime}` : ""}`;
          const where = existing.area?.name ?? existing.areaLabel ?? "no area";
          throw new UserFacingError(
            "conflict",
            `Case ${input.caseNumber} is already on record as ${formatRecordId("incident", existing.id)} (${label}, ${when}, ${where}). Nothing new was recorded.`,
            `If that record is wrong, void it with /tf void ${formatRecordId("incident", existing.id)} reason:"…" and record this one again.`,
            "case",
          );
        }
      }
      // Checked before the record is written, so a link that cannot be made leaves no record
      // behind either (and spends no id).
      const pendingLink = input.stolen
        ? await checkLink(
            tx,
            taskForce,
            {
              first: {
                id: 0,
                recordId: `this ${label}`,
                kind: input.kind,
                localDate: input.when.localDate,
                localTime: input.when.localTime,
                voided: false,
              },
              second: input.stolen,
              source: "slack",
              secondField: "stolen",
              unwritten: `The ${label} was not recorded either: correct \`stolen:\`, or leave it out and link later with /tf link.`,
            },
            actor,
          )
        : undefined;
      const reporter = await ensureMember(tx, actor);
      const created = await tx.incident.create({
        data: {
          taskForceId: taskForce.id,
          kind: input.kind,
          occurredAt: input.when.occurredAt,
          localDate: input.when.localDate,
          localTime: input.when.localTime,
          areaId: area.id,
          caseNumber: input.caseNumber ?? null,
          fatalVictims: input.fatalVictims ?? 0,
          injuredVictims: input.injuredVictims ?? 0,
          source: "slack",
          reporterId: reporter.id,
          createdAt: actor.now,
          requestId: actor.requestId,
        },
      });
      const view: IncidentView = {
        recordId: formatRecordId("incident", created.id),
        kind: input.kind,
        area: area.name,
        localDate: created.localDate,
        localTime: created.localTime,
        caseNumber: created.caseNumber,
        fatalVictims: created.fatalVictims,
        injuredVictims: created.injuredVictims,
        ...(input.when.ambiguity ? { ambiguity: input.when.ambiguity } : {}),
      };
      await recordAudit(tx, {
        ...auditedAs(actor, taskForce),
        action: "incident.create",
        targetType: "incident",
        targetId: view.recordId,
        outcome: "ok",
        after: { ...view, occurredAt: created.occurredAt.toISOString() },
      });
      if (pendingLink) {
        view.link = await writeLink(
          tx,
          taskForce,
          { ...pendingLink, incident: { ...pendingLink.incident, id: created.id, recordId: view.recordId } },
          { source: "slack" },
          actor,
        );
      }
      return view;
    });
    deps.onRecordsChanged?.();
    return recorded;
  }

  /**
   * Incident-level detail (case numbers, exact times and areas): restricted to leadership and
   * admins by the command that calls it, and every read leaves an audit event.
   */
  async function list(
    input: { period: Period; kind?: IncidentKind; area?: string; limit: number },
    actor: Actor,
  ): Promise<{ incidents: IncidentView[]; total: number }> {
    const area = input.area
      ? matchReference("area", input.area, (await loadActiveReference(db, taskForce.id)).areas)
      : undefined;
    const where = {
      taskForceId: taskForce.id,
      voidedAt: null,
      localDate: { gte: input.period.from, lte: input.period.to },
      ...(input.kind ? { kind: input.kind } : {}),
      ...(area ? { areaId: area.id } : {}),
    };
    const [rows, total] = await Promise.all([
      db.incident.findMany({
        where,
        include: { area: true },
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        take: input.limit,
      }),
      db.incident.count({ where }),
    ]);
    await recordAudit(db, {
      ...auditedAs(actor, taskForce),
      action: "incident.read",
      targetType: "incident",
      targetId: `${input.period.from}..${input.period.to}`,
      outcome: "ok",
      after: { kind: input.kind ?? null, area: area?.code ?? null, shown: rows.length, total },
    });
    return {
      total,
      incidents: rows.map((r) => ({
        recordId: formatRecordId("incident", r.id),
        kind: r.kind as IncidentKind,
        area: r.area?.name ?? r.areaLabel ?? "area not given",
        localDate: r.localDate,
        localTime: r.localTime,
        caseNumber: r.caseNumber,
        fatalVictims: r.fatalVictims,
        injuredVictims: r.injuredVictims,
      })),
    };
  }

  return { record, list };
}

export type IncidentUseCases = ReturnType<typeof incidentUseCases>;
