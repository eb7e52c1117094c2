import type { Db } from "../../db/client.js";
import type { ReferenceEntry } from "../../domain/reference/match.js";
import { firstTaskForceId } from "../../domain/taskforce/task-force.js";

export interface ActiveReference {
  agencies: ReferenceEntry[];
  units: ReferenceEntry[];
  areas: ReferenceEntry[];
}

/**
 * Agencies, and one task force's units and areas, that are not retired: the names its new records
 * may use. Agencies belong to no task force (one agency's officers serve in several); unit and
 * area codes repeat across task forces, so a name is matched only within the caller's.
 */
export async function loadActiveReference(
  db: Db,
  // A default only until every caller names its task force (the figures' branch makes them).
  taskForceId: number = firstTaskForceId,
): Promise<ActiveReference> {
  const select = { id: true, code: true, name: true } as const;
  const where = { retiredAt: null };
  const own = { taskForceId, retiredAt: null };
  const orderBy = { name: "asc" } as const;
  const [agencies, units, areas] = await Promise.all([
    db.agency.findMany({ where, select, orderBy: { code: "asc" } }),
    db.unit.findMany({ where: own, select, orderBy }),
    db.area.findMany({ where: own, select, orderBy }),
  ]);
  return { agencies, units, areas };
}
