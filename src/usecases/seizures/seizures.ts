import type { Db, DbOrTx } from "../../db/client.js";
import { effortSums } from "../../db/queries/effort.js";
import { invalid } from "../../domain/errors.js";
import { formatRecordId } from "../../domain/records/record-id.js";
import { matchAgency, matchReference } from "../../domain/reference/match.js";
import type { SeizureItems } from "../../domain/seizures/seizure-items.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import { type LocalDate, localDateOf } from "../../domain/time/local-date.js";
import type { Period } from "../../domain/time/periods.js";
import type { Actor } from "../actor.js";
import { runningOn } from "../assignments/assignments.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";
import { highwayShareOf } from "../effort/unit-effort.js";
import { agencyOfWorkspace, ensureMember } from "../members/members.js";
import { type ActiveReference, loadActiveReference } from "../reference/active-reference.js";

export interface RecordSeizureInput {
  items: SeizureItems;
  area?: string;
  caseRef?: string;
  on?: LocalDate;
  unit?: string;
  agency?: string;
  note?: string;
}

export interface SeizureView {
  recordId: string;
  occurredOn: LocalDate;
  unit: string;
  agency: string;
  area: string | null;
  caseRef: string | null;
  items: SeizureItems;
}

/** The totals a tally, a breakdown row or a CompStat seizure row shows: every counted item, summed. */
export type SeizureTotals = { reports: number } & Omit<SeizureItems, "narcotics">;

export interface NarcoticTotal {
  code: string;
  massMg: bigint;
  dosageUnits: number;
}

const countColumns = [
  "firearms",
  "stolenFirearms",
  "ghostGuns",
  "conversionDevices",
  "vehicles",
  "arrests",
  "warrants",
  "trafficStops",
  "citations",
  "paroleChecks",
  "paroleViolations",
] as const;

/**
 * One task force's seizure reports: each is written into it, its unit, area and the reporter's
 * assignment are looked up within it, and its tally counts its reports alone.
 */
export function seizureUseCases(deps: { db: Db; taskForce: TaskForceScope; onRecordsChanged?: () => void }) {
  const { db, taskForce } = deps;
  const { timeZone } = taskForce;

  /** Unit and agency: as given, else from the reporter's one active assignment, else the workspace. */
  async function attribution(
    tx: DbOrTx,
    reference: ActiveReference,
    input: RecordSeizureInput,
    actor: Actor,
    on: LocalDate,
  ) {
    const unit = input.unit ? matchReference("unit", input.unit, reference.units) : undefined;
    const agency = input.agency ? matchAgency(input.agency, reference) : undefined;
    const area = input.area ? matchReference("area", input.area, reference.areas) : undefined;
    if (unit && agency) return { unit, agency, area };
    const active = await tx.assignment.findMany({
      where: {
        taskForceId: taskForce.id,
        member: { teamId: actor.teamId, slackUserId: actor.userId },
        ...runningOn(on),
        ...(unit ? { unitId: unit.id } : {}),
      },
      include: { unit: true, agency: true },
    });
    const only = active.length === 1 ? active[0] : undefined;
    const resolvedUnit = unit ?? only?.unit;
    if (!resolvedUnit) {
      const units = active.map((a) => `unit:${a.unit.code}`).join(" or ");
      throw invalid(
        active.length > 1
          ? `You are assigned to ${active.length} units on ${on}; say which one this seizure belongs to.`
          : `You have no assignment on ${on}, so say which unit made this seizure.`,
        `Add ${units || "unit:sntf"} to the command.`,
      );
    }
    const resolvedAgency =
      agency ?? only?.agency ?? (await agencyOfWorkspace(tx, taskForce.id, actor.teamId));
    if (!resolvedAgency) {
      throw invalid(
        "Say which agency made this seizure: you have no assignment giving one and your workspace is not mapped to an agency.",
        "Add agency:<agency> to the command, e.g. agency:CSP.",
      );
    }
    return { unit: resolvedUnit, agency: resolvedAgency, area };
  }

  async function record(input: RecordSeizureInput, actor: Actor): Promise<SeizureView> {
    const today = localDateOf(actor.now, timeZone);
    const on = input.on ?? today;
    if (on > today)
      throw invalid(
        `\`on:${on}\` is in the future; a seizure is recorded on or after the day it happened.`,
        `e.g. on:${today}`,
      );
    // Loaded before the transaction: on SQLite the transaction holds the only connection.
    const reference = await loadActiveReference(db, taskForce.id);
    const recorded = await db.$transaction(async (tx) => {
      const { unit, agency, area } = await attribution(tx, reference, input, actor, on);
      const reporter = await ensureMember(tx, actor);
      const { items } = input;
      const created = await tx.seizureReport.create({
        data: {
          taskForceId: taskForce.id,
          occurredOn: on,
          reporterId: reporter.id,
          unitId: unit.id,
          agencyId: agency.id,
          areaId: area?.id ?? null,
          caseRef: input.caseRef ?? null,
          note: input.note ?? null,
          firearms: items.firearms,
          stolenFirearms: items.stolenFirearms,
          ghostGuns: items.ghostGuns,
          conversionDevices: items.conversionDevices,
          currencyCents: items.currencyCents,
          vehicles: items.vehicles,
          arrests: items.arrests,
          warrants: items.warrants,
          trafficStops: items.trafficStops,
          citations: items.citations,
          paroleChecks: items.paroleChecks,
          paroleViolations: items.paroleViolations,
          createdAt: actor.now,
          requestId: actor.requestId,
          narcotics: {
            create: items.narcotics.map((n) => ({
              drugCode: n.code,
              drugName: n.drugName,
              quantity: n.quantity,
              unit: n.unit,
              massMg: n.massMg,
              dosageUnits: n.dosageUnits,
            })),
          },
        },
      });
      const view: SeizureView = {
        recordId: formatRecordId("seizure", created.id),
        occurredOn: on,
        unit: unit.name,
        agency: agency.code,
        area: area?.name ?? null,
        caseRef: input.caseRef ?? null,
        items,
      };
      await recordAudit(tx, {
        ...auditedAs(actor, taskForce),
        action: "seizure.create",
        targetType: "seizure",
        targetId: view.recordId,
        outcome: "ok",
        after: { ...view, note: input.note ?? null },
      });
      return view;
    });
    deps.onRecordsChanged?.();
    return recorded;
  }

  /** Totals over a period, computed in the database; voided reports count nowhere. */
  async function tally(input: { period: Period; unit?: string; agency?: string }) {
    const reference = await loadActiveReference(db, taskForce.id);
    const unit = input.unit ? matchReference("unit", input.unit, reference.units) : undefined;
    const agency = input.agency ? matchAgency(input.agency, reference) : undefined;
    const where = {
      taskForceId: taskForce.id,
      voidedAt: null,
      occurredOn: { gte: input.period.from, lte: input.period.to },
      ...(unit ? { unitId: unit.id } : {}),
      ...(agency ? { agencyId: agency.id } : {}),
    };
    const sum = Object.fromEntries([...countColumns, "currencyCents"].map((c) => [c, true])) as Record<
      (typeof countColumns)[number] | "currencyCents",
      true
    >;
    const [overall, byUnit, byAgency, narcotics, units, agencies, [stops]] = await Promise.all([
      db.seizureReport.aggregate({ where, _sum: sum, _count: { _all: true } }),
      db.seizureReport.groupBy({ by: ["unitId"], where, _sum: sum, _count: { _all: true } }),
      db.seizureReport.groupBy({ by: ["agencyId"], where, _sum: sum, _count: { _all: true } }),
      db.seizureNarcotic.groupBy({
        by: ["drugCode"],
        where: { report: where },
        _sum: { massMg: true, dosageUnits: true },
        orderBy: { drugCode: "asc" },
      }),
      db.unit.findMany({ where: { taskForceId: taskForce.id }, select: { id: true, name: true } }),
      db.agency.findMany({ select: { id: true, code: true } }),
      // Traffic stops by where they were made: the join to the area's kind is beyond groupBy.
      effortSums(
        db,
        [input.period],
        { taskForceId: taskForce.id, unitId: unit?.id, agencyId: agency?.id },
        { byUnit: false },
      ),
    ]);
    const totals = (row: {
      _sum: Partial<Record<string, number | bigint | null>>;
      _count: { _all: number };
    }) => {
      const t: SeizureTotals = {
        reports: row._count._all,
        firearms: 0,
        stolenFirearms: 0,
        ghostGuns: 0,
        conversionDevices: 0,
        currencyCents: BigInt(row._sum.currencyCents ?? 0),
        vehicles: 0,
        arrests: 0,
        warrants: 0,
        trafficStops: 0,
        citations: 0,
        paroleChecks: 0,
        paroleViolations: 0,
      };
      for (const column of countColumns) t[column] = Number(row._sum[column] ?? 0);
      return t;
    };
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const agencyCode = new Map(agencies.map((a) => [a.id, a.code]));
    return {
      period: input.period,
      unit: unit?.name,
      agency: agency?.code,
      totals: totals(overall),
      byUnit: byUnit
        .map((row) => ({ name: unitName.get(row.unitId) ?? `unit ${row.unitId}`, totals: totals(row) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      byAgency: byAgency
        .map((row) => ({
          name: agencyCode.get(row.agencyId) ?? `agency ${row.agencyId}`,
          totals: totals(row),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      narcotics: narcotics.map(
        (row): NarcoticTotal => ({
          code: row.drugCode,
          massMg: BigInt(row._sum.massMg ?? 0),
          dosageUnits: Number(row._sum.dosageUnits ?? 0),
        }),
      ),
      /** The share of traffic stops made on highway posts rather than in neighbourhoods. */
      highway: highwayShareOf(stops, 0),
    };
  }

  return { record, tally };
}

export type SeizureUseCases = ReturnType<typeof seizureUseCases>;
export type Tally = Awaited<ReturnType<SeizureUseCases["tally"]>>;
