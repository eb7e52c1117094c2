import type { Db } from "../../db/client.js";
import { assignmentsInForce, type RosterEntry } from "../../db/queries/roster.js";
import { type SlackIdentity, sameIdentity } from "../../domain/access/identity.js";
import { roleAllows } from "../../domain/access/roles.js";
import { invalid, UserFacingError } from "../../domain/errors.js";
import { formatRecordId } from "../../domain/records/record-id.js";
import { matchAgency, matchReference } from "../../domain/reference/match.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import { type LocalDate, localDateOf } from "../../domain/time/local-date.js";
import type { Actor } from "../actor.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";
import { agencyOfWorkspace, ensureMember } from "../members/members.js";
import { loadActiveReference } from "../reference/active-reference.js";

export const shifts = ["day", "evening", "night"] as const;
export type Shift = (typeof shifts)[number];

export interface RegisterAssignmentInput {
  /** Whose assignment: their workspace also attributes the agency when none is given. */
  member: SlackIdentity;
  unit: string;
  agency?: string;
  title?: string;
  areas: string[];
  shift?: Shift;
  from?: LocalDate;
  to?: LocalDate;
}

export interface AssignmentView {
  recordId: string;
  memberUserId: string;
  unit: { code: string; name: string };
  agency: { code: string; name: string };
  title: string | null;
  areas: string[];
  shift: string | null;
  startDate: LocalDate;
  endDate: LocalDate | null;
}

export const assignmentInclude = {
  member: true,
  unit: true,
  agency: true,
  areas: { include: { area: true } },
} as const;

/** What a reply needs of an assignment row: the ORM's with its relations, or the roster query's. */
type AssignmentRow = RosterEntry;

/** An assignment as every reply shows it. */
export function toAssignmentView(row: AssignmentRow): AssignmentView {
  return {
    recordId: formatRecordId("assignment", row.id),
    memberUserId: row.member.slackUserId,
    unit: { code: row.unit.code, name: row.unit.name },
    agency: { code: row.agency.code, name: row.agency.name },
    title: row.title,
    areas: row.areas.map((a) => a.area.name).sort(),
    shift: row.shift,
    startDate: row.startDate,
    endDate: row.endDate,
  };
}

/** The Prisma filter for assignments in force on `date`: started, not yet ended, not voided. */
export function runningOn(date: LocalDate) {
  return { voidedAt: null, startDate: { lte: date }, OR: [{ endDate: null }, { endDate: { gte: date } }] };
}

/** Whether two inclusive date ranges (null end: open-ended) share a day. */
function overlaps(aFrom: LocalDate, aTo: LocalDate | null, bFrom: LocalDate, bTo: LocalDate | null): boolean {
  return (bTo === null || aFrom <= bTo) && (aTo === null || bFrom <= aTo);
}

export function describeRange(from: LocalDate, to: LocalDate | null): string {
  return to === null ? `from ${from}, open-ended` : `${from} to ${to}`;
}

/** Members may register and end only their own assignments; leadership and admins anyone's. */
function checkMayManage(actor: Actor, member: SlackIdentity): void {
  if (!sameIdentity(member, actor) && !roleAllows(actor.role, "leadership")) {
    throw new UserFacingError(
      "denied",
      "Members can register and end only their own assignments.",
      "Ask your unit's leadership or a task force admin to change someone else's.",
      "member",
    );
  }
}

/**
 * Assignments within one task force: written into it, their unit and areas the task force's own,
 * and only its assignments ended or listed. A person may hold assignments in several task forces.
 */
export function assignmentUseCases(deps: { db: Db; taskForce: TaskForceScope }) {
  const { db, taskForce } = deps;
  const { timeZone } = taskForce;
  const taskForceId = taskForce.id;

  async function register(input: RegisterAssignmentInput, actor: Actor): Promise<AssignmentView> {
    checkMayManage(actor, input.member);
    const memberUserId = input.member.userId;
    const today = localDateOf(actor.now, timeZone);
    const reference = await loadActiveReference(db, taskForceId);
    const unit = matchReference("unit", input.unit, reference.units);
    const areas = [
      ...new Map(input.areas.map((a) => [a, matchReference("area", a, reference.areas)])).values(),
    ];
    const from = input.from ?? today;
    const to = input.to ?? null;
    if (to !== null && to < from) {
      throw invalid(
        `\`to:${to}\` is before \`from:${from}\`: an assignment must end on or after it starts.`,
        `e.g. from:${from} to:${from}`,
        "to",
      );
    }

    return db.$transaction(async (tx) => {
      const agency = input.agency
        ? matchAgency(input.agency, reference)
        : await agencyOfWorkspace(tx, taskForceId, input.member.teamId);
      if (!agency) {
        throw invalid(
          `Say which agency <@${memberUserId}> is from: their Slack workspace is not mapped to an agency.`,
          `e.g. /tf assign <@${memberUserId}> unit:${unit.code} agency:CSP (admins can map a workspace with /tf admin workspace)`,
          "agency",
        );
      }
      const member = await ensureMember(tx, input.member);
      const sameUnit = await tx.assignment.findMany({
        where: { taskForceId, memberId: member.id, unitId: unit.id, voidedAt: null },
        orderBy: { startDate: "asc" },
      });
      const clash = sameUnit.find((a) => overlaps(a.startDate, a.endDate, from, to));
      if (clash) {
        throw new UserFacingError(
          "conflict",
          `<@${memberUserId}> already has assignment ${formatRecordId("assignment", clash.id)} to ${unit.name} (${describeRange(clash.startDate, clash.endDate)}), which overlaps ${describeRange(from, to)}.`,
          `End it first with /tf unassign <@${memberUserId}> unit:${unit.code} on:<date>, or choose dates that do not overlap.`,
          "unit",
        );
      }
      const created = await tx.assignment.create({
        data: {
          taskForceId,
          memberId: member.id,
          unitId: unit.id,
          agencyId: agency.id,
          title: input.title ?? null,
          shift: input.shift ?? null,
          startDate: from,
          endDate: to,
          registeredBy: actor.userId,
          registeredAt: actor.now,
          areas: { create: areas.map((area) => ({ areaId: area.id })) },
        },
        include: assignmentInclude,
      });
      const view = toAssignmentView(created);
      await recordAudit(tx, {
        ...auditedAs(actor, taskForce),
        action: "assignment.create",
        targetType: "assignment",
        targetId: view.recordId,
        outcome: "ok",
        after: view,
      });
      return view;
    });
  }

  async function end(
    input: { member: SlackIdentity; unit?: string; on?: LocalDate },
    actor: Actor,
  ): Promise<AssignmentView> {
    checkMayManage(actor, input.member);
    const memberUserId = input.member.userId;
    const on = input.on ?? localDateOf(actor.now, timeZone);
    const unit = input.unit
      ? matchReference("unit", input.unit, (await loadActiveReference(db, taskForceId)).units)
      : undefined;
    return db.$transaction(async (tx) => {
      const candidates = await tx.assignment.findMany({
        where: {
          taskForceId,
          member: { teamId: input.member.teamId, slackUserId: memberUserId },
          voidedAt: null,
          ...(unit ? { unitId: unit.id } : {}),
          OR: [{ endDate: null }, { endDate: { gte: on } }],
        },
        include: assignmentInclude,
        orderBy: { startDate: "asc" },
      });
      const open = candidates.filter((a) => a.startDate <= on);
      const unitHint = unit ? ` to ${unit.name}` : "";
      if (open.length === 0) {
        throw new UserFacingError(
          "not_found",
          `<@${memberUserId}> has no assignment${unitHint} running on ${on}.`,
          "`/tf roster` shows who is assigned where.",
        );
      }
      if (open.length > 1) {
        const list = open.map((a) => `${a.unit.code} (${formatRecordId("assignment", a.id)})`).join(", ");
        throw invalid(
          `<@${memberUserId}> has ${open.length} assignments running on ${on}: ${list}. Say which unit to end.`,
          `e.g. /tf unassign <@${memberUserId}> unit:${open[0]?.unit.code ?? "vctf"}`,
        );
      }
      const current = open[0] as (typeof open)[number];
      const before = toAssignmentView(current);
      const updated = await tx.assignment.update({
        where: { id: current.id },
        data: { endDate: on, endedBy: actor.userId, endedAt: actor.now },
        include: assignmentInclude,
      });
      const after = toAssignmentView(updated);
      await recordAudit(tx, {
        ...auditedAs(actor, taskForce),
        action: "assignment.end",
        targetType: "assignment",
        targetId: after.recordId,
        outcome: "ok",
        before,
        after,
      });
      return after;
    });
  }

  /** Everyone assigned on a date, grouped by unit and then agency. */
  async function roster(input: { unit?: string; agency?: string; on?: LocalDate }, actor: Actor) {
    const on = input.on ?? localDateOf(actor.now, timeZone);
    // The reference is read only to match a unit or agency the caller named.
    const reference = input.unit || input.agency ? await loadActiveReference(db, taskForceId) : undefined;
    const unit = input.unit && reference ? matchReference("unit", input.unit, reference.units) : undefined;
    const agency = input.agency && reference ? matchAgency(input.agency, reference) : undefined;
    const rows = await assignmentsInForce(db, taskForceId, on, { unitId: unit?.id, agencyId: agency?.id });
    const groups: Array<{ unit: string; agency: string; assignments: AssignmentView[] }> = [];
    for (const row of rows) {
      const view = toAssignmentView(row);
      const last = groups.at(-1);
      if (last && last.unit === view.unit.name && last.agency === view.agency.code)
        last.assignments.push(view);
      else groups.push({ unit: view.unit.name, agency: view.agency.code, assignments: [view] });
    }
    return { on, unit: unit?.name, unitCode: unit?.code, agency: agency?.code, total: rows.length, groups };
  }

  return { register, end, roster };
}

export type AssignmentUseCases = ReturnType<typeof assignmentUseCases>;
export type Roster = Awaited<ReturnType<AssignmentUseCases["roster"]>>;
