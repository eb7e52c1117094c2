import type { Db } from "../../db/client.js";
import type { IncidentKind } from "../../domain/incidents/kinds.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import { addDays, type LocalDate } from "../../domain/time/local-date.js";
import type { UnitEffortComparison, UnitEffortUseCases } from "../effort/unit-effort.js";
import type { SeizureUseCases, Tally } from "../seizures/seizures.js";
import type { CompstatReport, CompstatUseCases } from "../trends/compstat.js";
import type { HotspotReport, HotspotUseCases } from "../trends/hotspots.js";
import type { LinkedReport, LinkedUseCases } from "../trends/linked.js";
import type { MultiYearReport, MultiYearUseCases } from "../trends/multi-year.js";

/** Digest sections a channel can switch off; all are on by default. */
export const digestSections = ["incidents", "compstat", "chart", "seizures", "roster", "narrative"] as const;
export type DigestSection = (typeof digestSections)[number];

/** An incident as the digest shows it: kind, victims, area and local time, nothing that names anyone. */
export interface DigestIncident {
  kind: IncidentKind;
  localDate: LocalDate;
  localTime: string | null;
  area: string;
  fatalVictims: number;
  injuredVictims: number;
}

export interface RosterChange {
  unit: string;
  agency: string;
  started: number;
  ended: number;
}

export interface Last24h {
  shootings: number;
  victims: number;
  fatal: number;
  stolen: number;
  recovered: number;
}

export interface DigestContent {
  /** The local day the digest is for; CompStat runs to the end of the day before. */
  localDate: LocalDate;
  scheduledAt: Date;
  timeZone: string;
  late: boolean;
  incidents: DigestIncident[];
  /** Incidents beyond those listed, when the last 24 hours held more than fit. */
  moreIncidents: number;
  last24h: Last24h;
  compstat: CompstatReport;
  /** The areas with the most shootings in the 28 days to the end of the previous day. */
  hotspots: HotspotReport;
  /** Year to date against each of the three years before. */
  multiYear: MultiYearReport;
  /** Shootings linked to stolen vehicles, the recovery rate and the days to recovery. */
  linked: LinkedReport;
  seizures: Tally;
  /** Each unit's own measures, and the highway share of traffic stops. */
  effort: UnitEffortComparison;
  roster: RosterChange[];
  narrative?: { text: string; source: "model" | "template" };
}

/** Incidents listed one per line; the rest are counted, so the message stays inside Block Kit's limits. */
export const maxListedIncidents = 30;

export type Narrate = (
  compstat: CompstatReport,
  extras: {
    last24h: Last24h;
    seizures24h: { reports: number; firearms: number };
    rosterChanges: { started: number; ended: number };
  },
) => Promise<{ text: string; source: "model" | "template" }>;

/**
 * Everything a daily digest says, as data: the last 24 hours before its scheduled time, CompStat
 * to the end of the previous day, that day's seizures, roster changes and the narrative. Preview
 * and post both render this, so a preview is exactly what would post. It reads only the task
 * force's records; the figures' use cases handed in are built for the same task force.
 */
export function digestContentUseCases(deps: {
  db: Db;
  taskForce: TaskForceScope;
  compstat: CompstatUseCases;
  hotspots: Pick<HotspotUseCases, "hotspots">;
  multiYear: Pick<MultiYearUseCases, "multiYear">;
  linked: Pick<LinkedUseCases, "linked">;
  effort: Pick<UnitEffortUseCases, "compared">;
  seizures: SeizureUseCases;
  narrate: Narrate;
}) {
  const { db, taskForce } = deps;
  const { timeZone } = taskForce;
  const taskForceId = taskForce.id;

  async function build(input: {
    localDate: LocalDate;
    scheduledAt: Date;
    late?: boolean;
    narrative?: boolean;
  }): Promise<DigestContent> {
    const yesterday = addDays(input.localDate, -1);
    const since = new Date(input.scheduledAt.getTime() - 24 * 60 * 60 * 1000);
    const window = { taskForceId, occurredAt: { gte: since, lt: input.scheduledAt }, voidedAt: null };
    const [rows, total, byKind, compstat, seizures, starting, ending, hotspots, multiYear, effort, linked] =
      await Promise.all([
        db.incident.findMany({
          where: window,
          include: { area: true },
          orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
          take: maxListedIncidents,
        }),
        db.incident.count({ where: window }),
        db.incident.groupBy({
          by: ["kind"],
          where: window,
          _count: { _all: true },
          _sum: { fatalVictims: true, injuredVictims: true },
        }),
        deps.compstat.report({ asOf: yesterday, subject: "all" }),
        deps.seizures.tally({ period: { from: yesterday, to: yesterday, label: yesterday } }),
        db.assignment.groupBy({
          by: ["unitId", "agencyId"],
          where: { taskForceId, voidedAt: null, startDate: { gte: yesterday, lte: input.localDate } },
          _count: { _all: true },
        }),
        db.assignment.groupBy({
          by: ["unitId", "agencyId"],
          where: { taskForceId, voidedAt: null, endDate: { gte: yesterday, lte: input.localDate } },
          _count: { _all: true },
        }),
        deps.hotspots.hotspots({ asOf: yesterday }),
        deps.multiYear.multiYear({ asOf: yesterday }),
        deps.effort.compared({ asOf: yesterday }),
        deps.linked.linked({ asOf: yesterday }),
      ]);
    const kind = (k: IncidentKind) => byKind.find((g) => g.kind === k);
    const shooting = kind("shooting");
    const last24h: Last24h = {
      shootings: shooting?._count._all ?? 0,
      fatal: shooting?._sum.fatalVictims ?? 0,
      victims: (shooting?._sum.fatalVictims ?? 0) + (shooting?._sum.injuredVictims ?? 0),
      stolen: kind("stolen_vehicle")?._count._all ?? 0,
      recovered: kind("recovered_vehicle")?._count._all ?? 0,
    };
    const roster = await rosterChanges(starting, ending);
    const content: DigestContent = {
      localDate: input.localDate,
      scheduledAt: input.scheduledAt,
      timeZone,
      late: input.late ?? false,
      incidents: rows.map((r) => ({
        kind: r.kind as IncidentKind,
        localDate: r.localDate,
        localTime: r.localTime,
        area: r.area?.name ?? r.areaLabel ?? "area not given",
        fatalVictims: r.fatalVictims,
        injuredVictims: r.injuredVictims,
      })),
      moreIncidents: total - rows.length,
      last24h,
      compstat,
      hotspots,
      multiYear,
      linked,
      seizures,
      effort,
      roster,
    };
    if (input.narrative !== false) {
      content.narrative = await deps.narrate(compstat, {
        last24h,
        seizures24h: { reports: seizures.totals.reports, firearms: seizures.totals.firearms },
        rosterChanges: {
          started: roster.reduce((n, r) => n + r.started, 0),
          ended: roster.reduce((n, r) => n + r.ended, 0),
        },
      });
    }
    return content;
  }

  type Group = { unitId: number; agencyId: number; _count: { _all: number } };
  async function rosterChanges(starting: Group[], ending: Group[]): Promise<RosterChange[]> {
    const [units, agencies] = await Promise.all([
      db.unit.findMany({ where: { taskForceId }, select: { id: true, name: true } }),
      db.agency.findMany({ select: { id: true, code: true } }),
    ]);
    const changes = new Map<string, RosterChange>();
    const entry = (g: Group) => {
      const key = `${g.unitId}:${g.agencyId}`;
      const existing = changes.get(key);
      if (existing) return existing;
      const created: RosterChange = {
        unit: units.find((u) => u.id === g.unitId)?.name ?? `unit ${g.unitId}`,
        agency: agencies.find((a) => a.id === g.agencyId)?.code ?? `agency ${g.agencyId}`,
        started: 0,
        ended: 0,
      };
      changes.set(key, created);
      return created;
    };
    for (const g of starting) entry(g).started += g._count._all;
    for (const g of ending) entry(g).ended += g._count._all;
    return [...changes.values()].sort(
      (a, b) => a.unit.localeCompare(b.unit) || a.agency.localeCompare(b.agency),
    );
  }

  return { build };
}

export type DigestContentUseCases = ReturnType<typeof digestContentUseCases>;
