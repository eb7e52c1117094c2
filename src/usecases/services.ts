import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Config } from "../config/env.js";
import type { Database } from "../db/client.js";
import {
  namespaceOf,
  resolveConfiguredAdmins,
  type SlackIdentity,
  sameIdentity,
  type Workspace,
} from "../domain/access/identity.js";
import { stateLeadership } from "../domain/access/roles.js";
import { narrativeFacts } from "../domain/narrative/facts.js";
import { firstTaskForceId, type TaskForceScope } from "../domain/taskforce/task-force.js";
import { localDateOf } from "../domain/time/local-date.js";
import type { Logger } from "../infra/logger.js";
import { type Access, type AccessPolicy, resolveAccess } from "./access/resolve-role.js";
import { type AreaPopulationUseCases, areaPopulationUseCases } from "./admin/area-population.js";
import { type AuditQueryUseCases, auditQueryUseCases } from "./admin/audit-log-query.js";
import { type ExportUseCases, exportUseCases } from "./admin/export.js";
import { type ReferenceAdminUseCases, referenceAdminUseCases } from "./admin/reference.js";
import { type RoleUseCases, roleUseCases } from "./admin/roles.js";
import { type WorkspaceUseCases, workspaceUseCases } from "./admin/workspaces.js";
import { type AssignmentUseCases, assignmentUseCases } from "./assignments/assignments.js";
import { type AuditEntry, recordAudit } from "./audit/audit-log.js";
import { type VoidUseCases, voidUseCases } from "./corrections/void-record.js";
import { type DeliveryUseCases, deliveryUseCases } from "./deliveries/deliveries.js";
import { digestContentUseCases } from "./digest/content.js";
import { type DigestUseCases, digestUseCases } from "./digest/digests.js";
import { type NarrativeModel, writeNarrative } from "./digest/narrative.js";
import { type UnitEffortUseCases, unitEffortUseCases } from "./effort/unit-effort.js";
import { type UnitMeasuresUseCases, unitMeasuresUseCases } from "./effort/unit-measures.js";
import { type HomeUseCases, homeUseCases } from "./home/home.js";
import { type HomePlaceUseCase, homePlaceUseCases } from "./home/home-task-force.js";
import { type IncidentUseCases, incidentUseCases } from "./incidents/incidents.js";
import { type LinkUseCases, linkUseCases } from "./incidents/links.js";
import { type InstallationUseCases, installationUseCases } from "./installation/installation.js";
import { peopleWithUserId } from "./members/members.js";
import { loadActiveReference } from "./reference/active-reference.js";
import { type SeizureUseCases, seizureUseCases } from "./seizures/seizures.js";
import { type PlaceUseCase, placeUseCases } from "./taskforces/place.js";
import { type TaskForceUseCases, taskForceUseCases } from "./taskforces/task-forces.js";
import { type CompstatUseCases, compstatUseCases } from "./trends/compstat.js";
import { type HotspotUseCases, hotspotUseCases } from "./trends/hotspots.js";
import { type LinkedUseCases, linkedUseCases } from "./trends/linked.js";
import { type MultiYearUseCases, multiYearUseCases } from "./trends/multi-year.js";

/** The use cases, bound to their dependencies once at start-up and handed to the Slack layer. */
export interface Services {
  /** The deployment's configuration, with this task force's time zone and week start. */
  config: Config;
  logger: Logger;
  /** The task force these use cases act in. */
  taskForce: TaskForceScope;
  /** The deployment's task forces (state-level: not scoped). */
  taskForces: TaskForceUseCases;
  /** The use cases of another task force (the same object for the same id). */
  forTaskForce(id: number): Promise<Services>;
  /** Which task force a request acts in, and its use cases; or why that cannot be decided. */
  placeOf: PlaceUseCase;
  /** Which task force the App Home shows a person, and the others its switcher offers. */
  homePlace: HomePlaceUseCase;
  /** A state admin (TF_ADMINS) or state leadership: reads every task force and the roll-up. */
  isStatewide(person: SlackIdentity): Promise<boolean>;
  /** TF_ADMINS as identities, and the bot's own namespace (its workspace, or its Grid org). */
  access: AccessPolicy;
  /** What the person (workspace, user) may do, as of `now`. */
  accessOf(person: SlackIdentity, now: Date): Promise<Access>;
  /** Everyone on record with this user id (at most two are returned: enough to tell one from many). */
  peopleWithUserId(userId: string): Promise<SlackIdentity[]>;
  audit(entry: AuditEntry): Promise<void>;
  reference(): ReturnType<typeof loadActiveReference>;
  assignments: AssignmentUseCases;
  seizures: SeizureUseCases;
  corrections: VoidUseCases;
  incidents: IncidentUseCases;
  /** Links between incidents: a stolen vehicle used in a shooting, a recovery closing a theft. */
  links: LinkUseCases;
  compstat: CompstatUseCases;
  hotspots: HotspotUseCases;
  multiYear: MultiYearUseCases;
  /** Linked shootings, the recovery rate and the days from theft to recovery. */
  linked: LinkedUseCases;
  /** Each line of effort's own measures, per unit, and the highway share of traffic stops. */
  effort: UnitEffortUseCases;
  digests: DigestUseCases;
  home: HomeUseCases;
  deliveries: DeliveryUseCases;
  installation: InstallationUseCases;
  admin: {
    roles: RoleUseCases;
    workspaces: WorkspaceUseCases;
    reference: ReferenceAdminUseCases;
    areaPopulation: AreaPopulationUseCases;
    unitMeasures: UnitMeasuresUseCases;
    audit: AuditQueryUseCases;
    exports: ExportUseCases;
  };
  /** Counts a database failure seen while handling a request (for /metrics). */
  onDatabaseError(): void;
  /** True when the database answers a trivial query. */
  databaseHealthy(): Promise<boolean>;
}

export function createServices(deps: {
  config: Config;
  /** The workspace the bot token belongs to (auth.test), against which bare TF_ADMINS ids resolve. */
  home: Workspace;
  database: Database;
  logger: Logger;
  /** The language model for the digest's narrative; absent when none is configured. */
  narrativeModel?: NarrativeModel;
  /** Names this process in digest claims, so a run shows which replica posted it. */
  replicaId?: string;
  onDatabaseError?: () => void;
}): Services {
  const { config, database, logger } = deps;
  const db = database.prisma;
  // One of each per process, whichever task force a request acts in.
  const installation = installationUseCases({ db, home: namespaceOf(deps.home) });
  const deliveries = deliveryUseCases({ db });
  const replicaId = deps.replicaId ?? defaultReplicaId();
  const access: AccessPolicy = {
    admins: resolveConfiguredAdmins(config.admins, deps.home),
    home: deps.home,
  };
  const taskForces = taskForceUseCases({ db, defaultTimeZone: config.timeZone });
  const onDatabaseError = deps.onDatabaseError ?? (() => undefined);

  /**
   * The use cases of one task force, built once and kept: each holds its own report caches, so a
   * cached figure can never be served to another task force.
   */
  const scoped = new Map<number, Services>();
  const forTaskForce = async (id: number): Promise<Services> => {
    const known = scoped.get(id);
    if (known) return known;
    const force = await taskForces.byId(id);
    if (!force) throw new Error(`no task force ${id}`);
    const built = scoped.get(id) ?? build(force);
    scoped.set(id, built);
    return built;
  };
  const placeOf = placeUseCases({ db, access, taskForces, forTaskForce });
  const homePlace = homePlaceUseCases({ db, placeOf, forTaskForce });
  const isStatewide = async (person: SlackIdentity) =>
    access.admins.some((admin) => sameIdentity(admin, person)) ||
    (await db.roleGrant.count({
      where: {
        taskForceId: null,
        role: stateLeadership,
        revokedAt: null,
        member: { teamId: person.teamId, slackUserId: person.userId },
      },
    })) > 0;

  function build(taskForce: TaskForceScope): Services {
    const { timeZone } = taskForce;
    const compstat = compstatUseCases({ db, taskForce });
    const hotspots = hotspotUseCases({ db, taskForce });
    const multiYear = multiYearUseCases({ db, taskForce });
    const linked = linkedUseCases({ db, taskForce });
    const onRecordsChanged = () => {
      compstat.invalidate();
      hotspots.invalidate();
      multiYear.invalidate();
      linked.invalidate();
    };
    const seizures = seizureUseCases({ db, taskForce, onRecordsChanged });
    const effort = unitEffortUseCases({ db, taskForce });
    const content = digestContentUseCases({
      db,
      taskForce,
      compstat,
      hotspots,
      multiYear,
      linked,
      effort,
      seizures,
      narrate: (report, extras) =>
        writeNarrative(narrativeFacts(report, extras), deps.narrativeModel, logger),
    });
    const digests = digestUseCases({
      db,
      taskForce,
      content,
      logger,
      replicaId,
      removal: installation.removal,
    });
    const audit = auditQueryUseCases({ db, taskForce });
    return {
      config:
        taskForce.id === firstTaskForceId
          ? config
          : Object.freeze({ ...config, timeZone, weekStart: taskForce.weekStart }),
      logger,
      taskForce,
      taskForces,
      forTaskForce,
      placeOf,
      homePlace,
      isStatewide,
      access,
      accessOf: (person, now) => resolveAccess(db, access, taskForce.id, person, localDateOf(now, timeZone)),
      peopleWithUserId: (userId) => peopleWithUserId(db, userId),
      // The Slack layer's own audit rows (refusals) happen in the task force these services serve.
      audit: (entry) => recordAudit(db, { taskForceId: taskForce.id, ...entry }),
      reference: () => loadActiveReference(db, taskForce.id),
      assignments: assignmentUseCases({ db, taskForce }),
      seizures,
      corrections: voidUseCases({ db, taskForce, onRecordsChanged }),
      incidents: incidentUseCases({ db, taskForce, onRecordsChanged }),
      links: linkUseCases({ db, taskForce, onRecordsChanged }),
      compstat,
      hotspots,
      multiYear,
      linked,
      effort,
      deliveries,
      installation,
      admin: {
        roles: roleUseCases({ db, taskForce, admins: access.admins }),
        workspaces: workspaceUseCases({ db, taskForce }),
        reference: referenceAdminUseCases({ db, taskForce }),
        areaPopulation: areaPopulationUseCases({ db, taskForce, onPopulationChanged: hotspots.invalidate }),
        unitMeasures: unitMeasuresUseCases({ db, taskForce }),
        audit,
        exports: exportUseCases({ db, taskForce }),
      },
      digests,
      home: homeUseCases({ db, taskForce, compstat, hotspots, linked, digests, audit }),
      onDatabaseError,
      async databaseHealthy() {
        try {
          await db.$queryRawUnsafe("SELECT 1");
          return true;
        } catch {
          return false;
        }
      },
    };
  }

  // The first task force's zone and week start are the configured ones (alignFirstTaskForce).
  const first = build({ id: firstTaskForceId, timeZone: config.timeZone, weekStart: config.weekStart });
  scoped.set(firstTaskForceId, first);
  return first;
}

function defaultReplicaId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}
