import type { Db } from "../../db/client.js";
import type { SlackIdentity } from "../../domain/access/identity.js";
import { type Role, roleAllows } from "../../domain/access/roles.js";
import type { IncidentKind } from "../../domain/incidents/kinds.js";
import { formatRecordId } from "../../domain/records/record-id.js";
import type { NibrsDrugCode } from "../../domain/seizures/drug-catalog.js";
import type { QuantityUnit } from "../../domain/seizures/quantities.js";
import type { SeizureItems } from "../../domain/seizures/seizure-items.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import { type LocalDate, localDateOf } from "../../domain/time/local-date.js";
import type { Actor } from "../actor.js";
import type { AuditListing, AuditQueryUseCases } from "../admin/audit-log-query.js";
import {
  type AssignmentView,
  assignmentInclude,
  runningOn,
  toAssignmentView,
} from "../assignments/assignments.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";
import type { DigestScheduleView, DigestUseCases } from "../digest/digests.js";
import type { CompstatReport, CompstatUseCases } from "../trends/compstat.js";
import type { HotspotReport, HotspotUseCases } from "../trends/hotspots.js";
import type { LinkedReport, LinkedUseCases } from "../trends/linked.js";

/** The lists the Home tab pages through, with how many items one page shows. */
export const homePageSizes = { assignments: 10, entries: 10, schedules: 10, audit: 10 } as const;
export type HomeList = keyof typeof homePageSizes;
export const homeLists = Object.keys(homePageSizes) as HomeList[];

/** The role each list needs: the Home shows a list only to callers who hold it. */
export const homeListRoles: Record<HomeList, Role> = {
  assignments: "member",
  entries: "member",
  schedules: "admin",
  audit: "admin",
};
/** The CompStat headline and table are for viewers and up. */
export const homeCompstatRole: Role = "viewer";

/** Which page (from 0) of each list to show; a list left out shows its first page. */
export type HomePages = Partial<Record<HomeList, number>>;

export interface HomePage<T> {
  items: T[];
  /** The page shown, from 0 (clamped to the last page). */
  page: number;
  pageSize: number;
  total: number;
}

/** One of the caller's own records, without notes, case numbers, areas or times. */
export type HomeEntry =
  | { kind: "seizure"; recordId: string; date: LocalDate; voided: boolean; items: SeizureItems }
  | {
      kind: IncidentKind;
      recordId: string;
      date: LocalDate;
      voided: boolean;
      fatalVictims: number;
      injuredVictims: number;
    };

/** An audit event as the Home lists it: who, what, the outcome and when; never before/after contents. */
export type HomeAuditEvent = AuditListing;

export interface HomeData {
  userId: string;
  role: Role | null;
  today: LocalDate;
  timeZone: string;
  /** Present for members and up. */
  assignments?: HomePage<AssignmentView>;
  entries?: HomePage<HomeEntry>;
  /** Present for viewers and up: "all" as of today. */
  compstat?: CompstatReport;
  /** With the CompStat headline: where shootings concentrate. */
  hotspots?: HotspotReport;
  /** With the CompStat headline: linked shootings and recoveries in 28 days. */
  linked?: LinkedReport;
  /** Present for admins. */
  schedules?: HomePage<DigestScheduleView>;
  audit?: HomePage<HomeAuditEvent>;
  /** A page was asked for (e.g. a "Show more" click) that the caller's role no longer allows; audited. */
  refused?: { list: HomeList; required: Role };
}

const clampPage = (page: number | undefined, total: number, pageSize: number) => {
  const last = Math.max(Math.ceil(total / pageSize) - 1, 0);
  const wanted = Number.isSafeInteger(page) ? (page as number) : 0;
  return Math.min(Math.max(wanted, 0), last);
};

/**
 * What the App Home shows a caller: every list paged so the view stays inside Slack's
 * 100-block limit however much data there is. Only the sections the caller's role allows are
 * loaded at all. Everything on it is the task force's: the caller's assignments and entries there,
 * its CompStat, its digest schedules and audit events (the use cases handed in are built for it).
 */
export function homeUseCases(deps: {
  db: Db;
  taskForce: TaskForceScope;
  compstat: CompstatUseCases;
  hotspots: Pick<HotspotUseCases, "hotspots">;
  linked: Pick<LinkedUseCases, "linked">;
  digests: Pick<DigestUseCases, "listSchedules">;
  audit: AuditQueryUseCases;
}) {
  const { db, taskForce } = deps;
  const { timeZone } = taskForce;
  const taskForceId = taskForce.id;

  async function assignments(person: SlackIdentity, today: LocalDate, requested?: number) {
    const where = { taskForceId, member: memberOf(person), ...runningOn(today) };
    const pageSize = homePageSizes.assignments;
    const total = await db.assignment.count({ where });
    const page = clampPage(requested, total, pageSize);
    const rows = await db.assignment.findMany({
      where,
      include: assignmentInclude,
      orderBy: [{ startDate: "desc" }, { id: "desc" }],
      skip: page * pageSize,
      take: pageSize,
    });
    const items = rows.map(toAssignmentView);
    return { items, page, pageSize, total };
  }

  /**
   * The caller's seizures and incidents, newest first (by the record's date, then when it was
   * entered). Two tables are merged, so each gives up to the end of the page asked for.
   */
  async function entries(person: SlackIdentity, requested?: number): Promise<HomePage<HomeEntry>> {
    const pageSize = homePageSizes.entries;
    const seizureWhere = { taskForceId, reporter: memberOf(person) };
    const incidentWhere = { taskForceId, reporter: memberOf(person) };
    const [seizureCount, incidentCount] = await Promise.all([
      db.seizureReport.count({ where: seizureWhere }),
      db.incident.count({ where: incidentWhere }),
    ]);
    const total = seizureCount + incidentCount;
    const page = clampPage(requested, total, pageSize);
    const take = (page + 1) * pageSize;
    const [seizures, incidents] = await Promise.all([
      db.seizureReport.findMany({
        where: seizureWhere,
        include: { narcotics: { orderBy: { id: "asc" } } },
        orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }, { id: "desc" }],
        take,
      }),
      db.incident.findMany({
        where: incidentWhere,
        orderBy: [{ localDate: "desc" }, { createdAt: "desc" }, { id: "desc" }],
        take,
      }),
    ]);
    const merged = [
      ...seizures.map((s) => ({
        createdAt: s.createdAt,
        entry: {
          kind: "seizure",
          recordId: formatRecordId("seizure", s.id),
          date: s.occurredOn,
          voided: s.voidedAt !== null,
          items: {
            firearms: s.firearms,
            stolenFirearms: s.stolenFirearms,
            ghostGuns: s.ghostGuns,
            conversionDevices: s.conversionDevices,
            currencyCents: s.currencyCents,
            vehicles: s.vehicles,
            arrests: s.arrests,
            warrants: s.warrants,
            trafficStops: s.trafficStops,
            citations: s.citations,
            paroleChecks: s.paroleChecks,
            paroleViolations: s.paroleViolations,
            narcotics: s.narcotics.map((n) => ({
              drugName: n.drugName,
              code: n.drugCode as NibrsDrugCode,
              quantity: n.quantity,
              unit: n.unit as QuantityUnit,
              massMg: n.massMg,
              dosageUnits: n.dosageUnits,
            })),
          },
        } satisfies HomeEntry,
      })),
      ...incidents.map((i) => ({
        createdAt: i.createdAt,
        entry: {
          kind: i.kind as IncidentKind,
          recordId: formatRecordId("incident", i.id),
          date: i.localDate,
          voided: i.voidedAt !== null,
          fatalVictims: i.fatalVictims,
          injuredVictims: i.injuredVictims,
        } satisfies HomeEntry,
      })),
    ].sort(
      (a, b) =>
        b.entry.date.localeCompare(a.entry.date) ||
        b.createdAt.getTime() - a.createdAt.getTime() ||
        b.entry.recordId.localeCompare(a.entry.recordId, "en", { numeric: true }),
    );
    const items = merged.slice(page * pageSize, take).map((m) => m.entry as HomeEntry);
    return { items, page, pageSize, total };
  }

  async function schedules(requested?: number): Promise<HomePage<DigestScheduleView>> {
    const all = await deps.digests.listSchedules();
    const pageSize = homePageSizes.schedules;
    const page = clampPage(requested, all.length, pageSize);
    return { items: all.slice(page * pageSize, (page + 1) * pageSize), page, pageSize, total: all.length };
  }

  async function audit(requested?: number): Promise<HomePage<HomeAuditEvent>> {
    const pageSize = homePageSizes.audit;
    const total = await deps.audit.count();
    const page = clampPage(requested, total, pageSize);
    const items = await deps.audit.recent({ limit: pageSize, skip: page * pageSize });
    return { items, page, pageSize, total };
  }

  /**
   * The Home for `actor` (whose role the caller resolved), with each list on the page asked for.
   * `paging` names the list a "Show more" click asked to page: when the caller's role no longer
   * allows it (the role changed after the Home was drawn) that is refused and audited like any
   * other refusal, and the rest of the Home still loads. Pages of lists the role does not allow
   * are otherwise ignored.
   */
  async function build(
    actor: Actor,
    request: { pages?: HomePages; paging?: HomeList } = {},
  ): Promise<HomeData> {
    const { role } = actor;
    const pages = request.pages ?? {};
    const today = localDateOf(actor.now, timeZone);
    const data: HomeData = { userId: actor.userId, role, today, timeZone };
    if (request.paging && !roleAllows(role, homeListRoles[request.paging])) {
      const required = homeListRoles[request.paging];
      data.refused = { list: request.paging, required };
      await recordAudit(db, {
        ...auditedAs(actor, taskForce),
        action: "home.denied",
        outcome: "denied",
        after: { required, held: role, list: request.paging },
      });
    }
    const allowed = (list: HomeList) => roleAllows(role, homeListRoles[list]);
    const readsCompstat = roleAllows(role, homeCompstatRole);
    const [assignmentPage, entryPage, report, hotspots, linked, schedulePage, auditPage] = await Promise.all([
      allowed("assignments") ? assignments(actor, today, pages.assignments) : undefined,
      allowed("entries") ? entries(actor, pages.entries) : undefined,
      readsCompstat ? deps.compstat.report({ asOf: today, subject: "all" }) : undefined,
      readsCompstat ? deps.hotspots.hotspots({ asOf: today }) : undefined,
      readsCompstat ? deps.linked.linked({ asOf: today }) : undefined,
      allowed("schedules") ? schedules(pages.schedules) : undefined,
      allowed("audit") ? audit(pages.audit) : undefined,
    ]);
    if (assignmentPage) data.assignments = assignmentPage;
    if (entryPage) data.entries = entryPage;
    if (report) data.compstat = report;
    if (hotspots) data.hotspots = hotspots;
    if (linked) data.linked = linked;
    if (schedulePage) data.schedules = schedulePage;
    if (auditPage) data.audit = auditPage;
    return data;
  }

  return { build };
}

export type HomeUseCases = ReturnType<typeof homeUseCases>;

/** The Member filter for a person: the pair, never the user id alone. */
function memberOf(person: SlackIdentity) {
  return { teamId: person.teamId, slackUserId: person.userId };
}
