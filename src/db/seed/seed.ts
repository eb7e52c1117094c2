import type { Db } from "../client.js";
import { isUniqueViolation } from "../errors.js";
import { type ReferenceData, sourceCase } from "./source-case.js";

/**
 * Inserts reference entries whose code is missing and leaves every existing row as it is, so
 * seeding at each start is idempotent and never undoes an admin's rename or retirement.
 * Returns how many rows were inserted.
 */
export async function seedReferenceData(db: Db, data: ReferenceData = sourceCase): Promise<number> {
  try {
    return await insertMissing(db, data);
  } catch (error) {
    // Replicas starting together race to seed; the loser sees a unique violation and finds the
    // winner's rows on a second pass.
    if (isUniqueViolation(error)) return insertMissing(db, data);
    throw error;
  }
}

async function insertMissing(db: Db, data: ReferenceData): Promise<number> {
  const existing = {
    agencies: new Set((await db.agency.findMany({ select: { code: true } })).map((r) => r.code)),
    units: new Set((await db.unit.findMany({ select: { code: true } })).map((r) => r.code)),
    areas: new Set((await db.area.findMany({ select: { code: true } })).map((r) => r.code)),
  };
  const agencies = data.agencies.filter((a) => !existing.agencies.has(a.code));
  const units = data.units.filter((u) => !existing.units.has(u.code));
  const areas = data.areas.filter((a) => !existing.areas.has(a.code));
  await db.$transaction([
    ...agencies.map((data) => db.agency.create({ data })),
    ...units.map((data) => db.unit.create({ data })),
    ...areas.map((data) => db.area.create({ data })),
  ]);
  return agencies.length + units.length + areas.length;
}
