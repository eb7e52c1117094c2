import { firstTaskForceId } from "../../domain/taskforce/task-force.js";
import type { Db, DbOrTx } from "../client.js";
import { isUniqueViolation } from "../errors.js";
import { type ReferenceData, sourceCase } from "./source-case.js";

/**
 * Inserts reference entries whose code is missing and leaves every existing row as it is, so
 * seeding at each start is idempotent and never undoes an admin's rename or retirement. Units and
 * areas go into the task force given (a code another task force has is still missing here);
 * agencies are statewide rows, each made to take part in the task force given unless it already
 * does (retired there stays retired). Returns how many agency, unit and area rows were inserted
 * (an agency joining a task force adds no agency row).
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
  const known = await db.agency.findMany({
    select: { code: true, taskForces: { where: { taskForceId }, select: { agencyId: true } } },
  });
  const existing = {
    agencies: new Set(known.map((r) => r.code)),
    joined: new Set(known.filter((r) => r.taskForces.length > 0).map((r) => r.code)),
    units: new Set((await db.unit.findMany(inTaskForce)).map((r) => r.code)),
    areas: new Set((await db.area.findMany(inTaskForce)).map((r) => r.code)),
  };
  const agencies = data.agencies.filter((a) => !existing.agencies.has(a.code));
  const joining = data.agencies.filter((a) => !existing.joined.has(a.code));
  const units = data.units.filter((u) => !existing.units.has(u.code));
  const areas = data.areas.filter((a) => !existing.areas.has(a.code));
  await db.$transaction(async (tx) => {
    for (const agency of agencies) await tx.agency.create({ data: agency });
    await joinAgencies(
      tx,
      taskForceId,
      joining.map((a) => a.code),
    );
    if (units.length > 0) await tx.unit.createMany({ data: units.map((u) => ({ ...u, taskForceId })) });
    if (areas.length > 0) await tx.area.createMany({ data: areas.map((a) => ({ ...a, taskForceId })) });
  });
  return agencies.length + units.length + areas.length;
}

/** Makes the agencies with these codes (which must exist) take part in a task force. */
export async function joinAgencies(db: DbOrTx, taskForceId: number, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  const ids = await db.agency.findMany({ where: { code: { in: [...codes] } }, select: { id: true } });
  await db.taskForceAgency.createMany({ data: ids.map((a) => ({ taskForceId, agencyId: a.id })) });
}
