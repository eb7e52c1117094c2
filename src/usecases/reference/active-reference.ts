import type { Db, DbOrTx } from "../../db/client.js";
import type { ReferenceEntry } from "../../domain/reference/match.js";

export interface ActiveReference {
  agencies: ReferenceEntry[];
  units: ReferenceEntry[];
  areas: ReferenceEntry[];
  /**
   * Agencies known statewide that do not take part in this task force (never joined, or retired
   * here): never a choice, only named in the refusal, so it can say how to add one.
   */
  otherAgencies: ReferenceEntry[];
}

/**
 * One task force's agencies, units and areas that are not retired there: the names its new
 * records may use. Agencies are statewide rows (one agency's officers serve in several task
 * forces) joined to a task force by TaskForceAgency; unit and area codes repeat across task
 * forces. Either way a name is matched only within the caller's task force.
 */
export async function loadActiveReference(db: Db, taskForceId: number): Promise<ActiveReference> {
  const select = { id: true, code: true, name: true } as const;
  const own = { taskForceId, retiredAt: null };
  const orderBy = { name: "asc" } as const;
  const [agencies, otherAgencies, units, areas] = await Promise.all([
    activeAgencies(db, taskForceId),
    db.agency.findMany({
      where: { taskForces: { none: own } },
      select,
      orderBy: { code: "asc" },
    }),
    db.unit.findMany({ where: own, select, orderBy }),
    db.area.findMany({ where: own, select, orderBy }),
  ]);
  return { agencies, units, areas, otherAgencies };
}

/** The agencies taking part in a task force, not retired there, by code. */
export async function activeAgencies(db: DbOrTx, taskForceId: number): Promise<ReferenceEntry[]> {
  return db.agency.findMany({
    where: { taskForces: { some: { taskForceId, retiredAt: null } } },
    select: { id: true, code: true, name: true },
    orderBy: { code: "asc" },
  });
}

/** Whether an agency takes part in a task force and is not retired there. */
export async function agencyActiveIn(db: DbOrTx, taskForceId: number, agencyId: number): Promise<boolean> {
  const link = await db.taskForceAgency.findUnique({
    where: { taskForceId_agencyId: { taskForceId, agencyId } },
    select: { retiredAt: true },
  });
  return link !== null && link.retiredAt === null;
}
