import { firstTaskForceId } from "../../domain/taskforce/task-force.js";
import type { Db } from "../client.js";
import { isUniqueViolation } from "../errors.js";
import { type ReferenceData, sourceCase } from "./source-case.js";

/**
 * Inserts reference entries whose code is missing and leaves every existing row as it is, so
 * seeding at each start is idempotent and never undoes an admin's rename or retirement. Units and
 * areas go into the task force given (a code another task force has is still missing here);
 * agencies are shared by every task force. Returns how many rows were inserted.
 */
export async function seedReferenceData(
  db: Db,
  data: ReferenceData = sourceCase,
  taskForceId: number = firstTaskForceId,
): Promise<number> {
  try {
    return await insertMissing(db, data, taskForceId);
  } catch (error) {
    // Replicas starting together race to seed; the loser sees a unique violation and finds the
    // winner's rows on a second pass.
    if (isUniqueViolation(error)) return insertMissing(db, data, taskForceId);
    throw error;
  }
}

async function insertMissing(db: Db, data: ReferenceData, taskForceId: number): Promise<number> {
  const inTaskForce = { where: { taskForceId }, select: { code: true } };
  const existing = {
    agencies: new Set((await db.agency.findMany({ select: { code: true } })).map((r) => r.code)),
    units: new Set((await db.unit.findMany(inTaskForce)).map((r) => r.code)),
    areas: new Set((await db.area.findMany(inTaskForce)).map((r) => r.code)),
  };
  const agencies = data.agencies.filter((a) => !existing.agencies.has(a.code));
  const units = data.units.filter((u) => !existing.units.has(u.code));
  const areas = data.areas.filter((a) => !existing.areas.has(a.code));
  await db.$transaction([
    ...agencies.map((data) => db.agency.create({ data })),
    ...units.map((data) => db.unit.create({ data: { ...data, taskForceId } })),
    ...areas.map((data) => db.area.create({ data: { ...data, taskForceId } })),
  ]);
  return agencies.length + units.length + areas.length;
}
