import type { Db } from "../../db/client.js";
import { UserFacingError } from "../../domain/errors.js";
import { type IncidentKind, incidentKindLabels } from "../../domain/incidents/kinds.js";
import type { IncidentTime } from "../../domain/incidents/when.js";
import { formatRecordId } from "../../domain/records/record-id.js";
import { matchReference } from "../../domain/reference/match.js";
import type { Actor } from "../actor.js";
import { recordAudit } from "../audit/audit-log.js";
import { ensureMember } from "../members/members.js";
import { loadActiveReference } from "../reference/active-reference.js";

export interface RecordIncidentInput {
  kind: IncidentKind;
  area: string;
  when: IncidentTime;
  caseNumber?: string;
  fatalVictims?: number;
  injuredVictims?: number;
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
}

export function incidentUseCases(deps: { db: Db }) {
  const { db } = deps;

  async function record(input: RecordIncidentInput, actor: Actor): Promise<IncidentView> {
    const reference = await loadActiveReference(db);
    const area = matchReference("area", input.area, reference.areas);
    const label = incidentKindLabels[input.kind];
    return db.$transaction(async (tx) => {
      if (input.caseNumber) {
        // One record per case and kind: a stolen and a recovered vehicle may share a case number.
        const existing = await tx.incident.findFirst({
          where: { kind: input.kind, caseNumber: input.caseNumber, voidedAt: null },
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
      const reporter = await ensureMember(tx, actor.userId, actor.teamId);
      const created = await tx.incident.create({
        data: {
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
        actorUserId: actor.userId,
        actorTeamId: actor.teamId,
        action: "incident.create",
        targetType: "incident",
        targetId: view.recordId,
        outcome: "ok",
        after: { ...view, occurredAt: created.occurredAt.toISOString() },
        requestId: actor.requestId,
        at: actor.now,
      });
      return view;
    });
  }

  return { record };
}

export type IncidentUseCases = ReturnType<typeof incidentUseCases>;
