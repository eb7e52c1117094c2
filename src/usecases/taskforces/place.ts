import type { Db } from "../../db/client.js";
import { type SlackIdentity, sameIdentity } from "../../domain/access/identity.js";
import { chooseTaskForce, usableTaskForces } from "../../domain/taskforce/resolve.js";
import type { TaskForce } from "../../domain/taskforce/task-force.js";
import { localDateOf } from "../../domain/time/local-date.js";
import type { AccessPolicy } from "../access/resolve-role.js";
import type { Services } from "../services.js";
import type { TaskForceUseCases } from "./task-forces.js";

export interface PlaceRequest extends SlackIdentity {
  /** Where the request came from: a channel bound to a task force acts in it. */
  channelId?: string;
  /** `tf:<code>`, already parsed. */
  option?: string;
  now: Date;
}

export type Place =
  | {
      services: Services;
      taskForce: TaskForce;
      by: "option" | "channel" | "workspace" | "role" | "only";
      /** The caller's other task forces, which `tf:` would reach. */
      others: readonly TaskForce[];
      /**
       * Every task force the caller may act in (the Home's switcher lists them); with only one task
       * in the deployment, that one, without looking up the caller's roles.
       */
      usable: readonly TaskForce[];
    }
  | {
      refused: "unknown" | "no-role" | "undetermined";
      message: string;
      /** The task forces the caller may act in (for a surface that must show one anyway: the Home). */
      usable: readonly TaskForce[];
    };

/**
 * Finds the task force a request acts in (src/domain/taskforce/resolve.ts says in what order)
 * and hands back its use cases. A deployment with one task force answers without a query beyond
 * the cached list of task forces.
 */
export function placeUseCases(deps: {
  db: Db;
  access: AccessPolicy;
  taskForces: TaskForceUseCases;
  forTaskForce: (id: number) => Promise<Services>;
}) {
  const { db, taskForces } = deps;

  /** Task forces the person holds a role in, and whether they hold a state-level one. */
  async function rolesOf(person: SlackIdentity, all: readonly TaskForce[], now: Date) {
    const member = { teamId: person.teamId, slackUserId: person.userId };
    const [grants, assignments] = await Promise.all([
      db.roleGrant.findMany({
        where: { revokedAt: null, member },
        select: { taskForceId: true, role: true },
      }),
      db.assignment.findMany({
        where: { member },
        select: { taskForceId: true, startDate: true, endDate: true, voidedAt: true },
      }),
    ]);
    const held = new Set<number>();
    for (const grant of grants) if (grant.taskForceId !== null) held.add(grant.taskForceId);
    for (const assignment of assignments) {
      // "Running today" in each task force's own zone.
      const force = all.find((t) => t.id === assignment.taskForceId);
      if (!force) continue;
      const today = localDateOf(now, force.timeZone);
      if (
        assignment.voidedAt === null &&
        assignment.startDate <= today &&
        (assignment.endDate === null || assignment.endDate >= today)
      ) {
        held.add(assignment.taskForceId);
      }
    }
    const statewide =
      deps.access.admins.some((admin) => sameIdentity(admin, person)) ||
      grants.some((g) => g.taskForceId === null && g.role === "state-leadership");
    return { roles: all.filter((t) => held.has(t.id)), statewide };
  }

  return async function placeOf(request: PlaceRequest): Promise<Place> {
    const all = await taskForces.all();
    const [only] = all;
    if (all.length === 1 && only && request.option === undefined) {
      // No role is looked up here (the router's role gate decides what the caller may do in it).
      return {
        services: await deps.forTaskForce(only.id),
        taskForce: only,
        by: "only",
        others: [],
        usable: [only],
      };
    }
    const [channel, workspace, { roles, statewide }] = await Promise.all([
      request.channelId ? taskForces.ofChannel(request.channelId) : null,
      taskForces.ofWorkspace(request.teamId),
      rolesOf(request, all, request.now),
    ]);
    const choice = chooseTaskForce({ option: request.option, channel, workspace, roles, statewide, all });
    const usable = usableTaskForces({ roles, statewide, all });
    if ("refused" in choice) return { ...choice, usable };
    const others = usable.filter((t) => t.id !== choice.taskForce.id);
    return {
      services: await deps.forTaskForce(choice.taskForce.id),
      taskForce: choice.taskForce,
      by: choice.by,
      others,
      usable,
    };
  };
}

export type PlaceUseCase = ReturnType<typeof placeUseCases>;
