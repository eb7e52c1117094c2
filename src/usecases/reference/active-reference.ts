import type { Db } from "../../db/client.js";
import type { ReferenceEntry } from "../../domain/reference/match.js";

export interface ActiveReference {
  agencies: ReferenceEntry[];
  units: ReferenceEntry[];
  areas: ReferenceEntry[];
}

/** Agencies, units and areas that are not retired: the names new records may use. */
export async function loadActiveReference(db: Db): Promise<ActiveReference> {
  const select = { id: true, code: true, name: true } as const;
  const where = { retiredAt: null };
  const orderBy = { name: "asc" } as const;
  const [agencies, units, areas] = await Promise.all([
    db.agency.findMany({ where, select, orderBy: { code: "asc" } }),
    db.unit.findMany({ where, select, orderBy }),
    db.area.findMany({ where, select, orderBy }),
  ]);
  return { agencies, units, areas };
}
