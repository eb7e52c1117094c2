import type { DbOrTx } from "../../db/client.js";

/** The member row for a Slack user, created on first use; its team follows the latest we saw. */
export async function ensureMember(db: DbOrTx, slackUserId: string, teamId: string | undefined) {
  const existing = await db.member.findUnique({ where: { slackUserId } });
  if (existing) {
    if (teamId && existing.teamId !== teamId) {
      return db.member.update({ where: { id: existing.id }, data: { teamId } });
    }
    return existing;
  }
  return db.member.create({ data: { slackUserId, teamId: teamId ?? "unknown" } });
}

/** The agency a Slack workspace is mapped to, if an admin mapped it. */
export async function agencyOfWorkspace(db: DbOrTx, teamId: string | undefined) {
  if (!teamId) return null;
  const workspace = await db.workspace.findUnique({ where: { teamId }, include: { agency: true } });
  return workspace && workspace.agency.retiredAt === null ? workspace.agency : null;
}
