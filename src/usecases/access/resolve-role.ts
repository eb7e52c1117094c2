import type { Db } from "../../db/client.js";
import { isRole, type Role, roles } from "../../domain/access/roles.js";
import type { LocalDate } from "../../domain/time/local-date.js";
import { runningOn } from "../assignments/assignments.js";

/**
 * The caller's role: the strongest of a configured admin (so the first admin can never be locked
 * out), an unrevoked grant, and an assignment active today (which makes its holder a member).
 * Null means no access.
 */
export async function resolveRole(
  db: Db,
  admins: readonly string[],
  slackUserId: string,
  today: LocalDate,
): Promise<Role | null> {
  if (admins.includes(slackUserId)) return "admin";
  const [grant, activeAssignment] = await Promise.all([
    db.roleGrant.findFirst({
      where: { revokedAt: null, member: { slackUserId } },
      orderBy: { grantedAt: "desc" },
      select: { role: true },
    }),
    db.assignment.findFirst({
      where: { member: { slackUserId }, ...runningOn(today) },
      select: { id: true },
    }),
  ]);
  const granted = grant && isRole(grant.role) ? grant.role : null;
  const assigned: Role | null = activeAssignment ? "member" : null;
  if (granted === null) return assigned;
  if (assigned === null) return granted;
  return roles.indexOf(granted) >= roles.indexOf(assigned) ? granted : assigned;
}
