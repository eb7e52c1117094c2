import type { Db } from "../../db/client.js";
import { firstTaskForceId } from "../../domain/taskforce/task-force.js";
import type { WeekStart } from "../../domain/time/periods.js";

/**
 * The first task force (a single-city deployment's, and the one an upgraded database's records
 * moved into) keeps the zone and week start the deployment is configured with
 * (TASKFORCE_TIMEZONE, TF_WEEK_START), as before task forces existed; task forces added
 * later carry their own. Returns what changed, for the start-up log.
 */
export async function alignFirstTaskForce(
  db: Db,
  configured: { timeZone: string; weekStart: WeekStart },
): Promise<{ timeZone?: [string, string]; weekStart?: [string, string] } | null> {
  const first = await db.taskForce.findUnique({ where: { id: firstTaskForceId } });
  if (!first) throw new Error("the first task force is missing: the task_forces migration creates it");
  const changed: { timeZone?: [string, string]; weekStart?: [string, string] } = {};
  if (first.timeZone !== configured.timeZone) changed.timeZone = [first.timeZone, configured.timeZone];
  if (first.weekStart !== configured.weekStart) changed.weekStart = [first.weekStart, configured.weekStart];
  if (!changed.timeZone && !changed.weekStart) return null;
  await db.taskForce.update({
    where: { id: firstTaskForceId },
    data: { timeZone: configured.timeZone, weekStart: configured.weekStart },
  });
  return changed;
}
