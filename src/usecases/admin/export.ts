import { stringify } from "csv-stringify/sync";
import type { Db } from "../../db/client.js";
import { formatRecordId } from "../../domain/records/record-id.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import { addDays } from "../../domain/time/local-date.js";
import type { Period } from "../../domain/time/periods.js";
import { startOfLocalDay } from "../../domain/time/zoned.js";
import type { Actor } from "../actor.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";

export const exportKinds = ["seizures", "incidents", "assignments", "audit"] as const;
export type ExportKind = (typeof exportKinds)[number];

/**
 * Spreadsheets open a cell starting with =, +, - or @ as a formula: a note reading
 * "=HYPERLINK(…)" would run. Such text cells get a leading apostrophe; numbers stay numbers.
 */
function cell(value: unknown): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * CSV exports of records for admins, over a period of local dates, voided rows included and
 * marked (the export is the full record, not a total). Every export is an audited read of
 * restricted detail. csv-stringify does the quoting, so commas, quotes and line breaks in notes
 * survive a round trip. Only the task force's own rows are exported, audit events included.
 */
export function exportUseCases(deps: { db: Db; taskForce: TaskForceScope }) {
  const { db, taskForce } = deps;
  const taskForceId = taskForce.id;

  async function rowsOf(kind: ExportKind, period: Period): Promise<{ header: string[]; rows: unknown[][] }> {
    const dates = { gte: period.from, lte: period.to };
    if (kind === "seizures") {
      const reports = await db.seizureReport.findMany({
        where: { taskForceId, occurredOn: dates },
        include: { unit: true, agency: true, area: true, reporter: true, narcotics: true },
        orderBy: { id: "asc" },
      });
      return {
        header: [
          "record_id",
          "date",
          "unit",
          "agency",
          "area",
          "case",
          "reporter",
          "guns",
          "stolen_guns",
          "ghost_guns",
          "conversion_devices",
          "narcotics",
          "cash_cents",
          "vehicles",
          "arrests",
          "warrants",
          "stops",
          "citations",
          "parole_checks",
          "parole_violations",
          "note",
          "voided_at",
          "void_reason",
        ],
        rows: reports.map((r) => [
          formatRecordId("seizure", r.id),
          r.occurredOn,
          r.unit.code,
          r.agency.code,
          r.area?.code,
          r.caseRef,
          r.reporter.slackUserId,
          r.firearms,
          r.stolenFirearms,
          r.ghostGuns,
          r.conversionDevices,
          r.narcotics.map((n) => `${n.drugName}:${n.quantity}${n.unit}`).join(" "),
          r.currencyCents,
          r.vehicles,
          r.arrests,
          r.warrants,
          r.trafficStops,
          r.citations,
          r.paroleChecks,
          r.paroleViolations,
          r.note,
          r.voidedAt,
          r.voidReason,
        ]),
      };
    }
    if (kind === "incidents") {
      const incidents = await db.incident.findMany({
        where: { taskForceId, localDate: dates },
        include: { area: true, reporter: true },
        orderBy: { id: "asc" },
      });
      return {
        header: [
          "record_id",
          "kind",
          "occurred_at",
          "local_date",
          "local_time",
          "area",
          "area_label",
          "case",
          "fatal",
          "injured",
          "source",
          "external_key",
          "reporter",
          "voided_at",
          "void_reason",
        ],
        rows: incidents.map((i) => [
          formatRecordId("incident", i.id),
          i.kind,
          i.occurredAt,
          i.localDate,
          i.localTime,
          i.area?.code,
          i.areaLabel,
          i.caseNumber,
          i.fatalVictims,
          i.injuredVictims,
          i.source,
          i.externalKey,
          i.reporter?.slackUserId,
          i.voidedAt,
          i.voidReason,
        ]),
      };
    }
    if (kind === "assignments") {
      // Assignments in force at any time in the period.
      const assignments = await db.assignment.findMany({
        where: {
          taskForceId,
          startDate: { lte: period.to },
          OR: [{ endDate: null }, { endDate: { gte: period.from } }],
        },
        include: { member: true, unit: true, agency: true, areas: { include: { area: true } } },
        orderBy: { id: "asc" },
      });
      return {
        header: [
          "record_id",
          "member",
          "unit",
          "agency",
          "title",
          "areas",
          "shift",
          "start_date",
          "end_date",
          "registered_by",
          "registered_at",
          "voided_at",
          "void_reason",
        ],
        rows: assignments.map((a) => [
          formatRecordId("assignment", a.id),
          a.member.slackUserId,
          a.unit.code,
          a.agency.code,
          a.title,
          a.areas.map((x) => x.area.code).join(" "),
          a.shift,
          a.startDate,
          a.endDate,
          a.registeredBy,
          a.registeredAt,
          a.voidedAt,
          a.voidReason,
        ]),
      };
    }
    // The next day's start, not 24 hours on: a day with a clock change is 23 or 25 hours long.
    const events = await db.auditEvent.findMany({
      where: {
        taskForceId,
        at: {
          gte: startOfLocalDay(period.from, taskForce.timeZone),
          lt: startOfLocalDay(addDays(period.to, 1), taskForce.timeZone),
        },
      },
      orderBy: { id: "asc" },
    });
    return {
      header: [
        "id",
        "at",
        "actor",
        "team",
        "action",
        "target_type",
        "target_id",
        "outcome",
        "request_id",
        "before",
        "after",
      ],
      rows: events.map((e) => [
        e.id,
        e.at,
        e.actorUserId,
        e.actorTeamId,
        e.action,
        e.targetType,
        e.targetId,
        e.outcome,
        e.requestId,
        e.before,
        e.after,
      ]),
    };
  }

  async function exportCsv(input: { kind: ExportKind; period: Period }, actor: Actor) {
    const { header, rows } = await rowsOf(input.kind, input.period);
    const csv = stringify([header, ...rows.map((row) => row.map(cell))], { record_delimiter: "\r\n" });
    await recordAudit(db, {
      ...auditedAs(actor, taskForce),
      action: `export.${input.kind}`,
      targetType: input.kind,
      targetId: `${input.period.from}..${input.period.to}`,
      outcome: "ok",
      after: { rows: rows.length },
    });
    return {
      filename: `taskforce-${input.kind}-${input.period.from}-to-${input.period.to}.csv`,
      content: Buffer.from(`\uFEFF${csv}`, "utf8"),
      rows: rows.length,
    };
  }

  return { exportCsv };
}

export type ExportUseCases = ReturnType<typeof exportUseCases>;
