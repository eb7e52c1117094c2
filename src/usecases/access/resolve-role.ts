import type { Db } from "../../db/client.js";
import { isRole, type Role } from "../../domain/access/roles.js";

/**
 * The caller's role, from the strongest source: configured admins first (so the first admin can
 * never be locked out), then an unrevoked grant. Null means no access.
 */
export async function resolveRole(
  db: Db,
  admins: readonly string[],
  slackUserId: string,
): Promise<Role | null> {
  if (admins.includes(slackUserId)) return "admin";
  const grant = await db.roleGrant.findFirst({
    where: { revokedAt: null, member: { slackUserId } },
    orderBy: { grantedAt: "desc" },
    select: { role: true },
  });
  return grant && isRole(grant.role) ? grant.role : null;
}
