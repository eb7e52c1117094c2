import type { Db, DbOrTx } from "../../db/client.js";
import type { SlackIdentity } from "../../domain/access/identity.js";
import { agencyActiveIn } from "../reference/active-reference.js";

/** The member row for a person, the pair (workspace, user), created on first use. */
export async function ensureMember(db: DbOrTx, person: SlackIdentity) {
  const key = { teamId: person.teamId, slackUserId: person.userId };
  return (
    (await db.member.findUnique({ where: { teamId_slackUserId: key } })) ?? db.member.create({ data: key })
  );
}

/**
 * The agency a Slack workspace is mapped to in a task force, if its admin mapped it there. A
 * workspace mapped in another task force is unmapped in this one: that admin vouched for it there.
 */
export async function agencyOfWorkspace(db: DbOrTx, taskForceId: number, teamId: string | undefined) {
  if (!teamId) return null;
  const workspace = await db.workspace.findFirst({
    where: { teamId, taskForceId },
    include: { agency: true },
  });
  // The mapping stays when its agency is retired here; it just stops attributing anyone.
  return workspace && (await agencyActiveIn(db, taskForceId, workspace.agencyId)) ? workspace.agency : null;
}

/** Everyone on record with this user id, in any workspace (more than one only across workspaces). */
export async function peopleWithUserId(db: Db, userId: string): Promise<SlackIdentity[]> {
  const rows = await db.member.findMany({
    where: { slackUserId: userId },
    select: { teamId: true },
    take: 2,
  });
  return rows.map((row) => ({ teamId: row.teamId, userId }));
}

/**
 * Before identity was the pair, a member whose workspace was never seen was stored under
 * "unknown"; a bare user id meant the bot's own workspace then as TF_ADMINS does now, so they
 * join it. Returns how many moved (0 once done).
 */
export async function adoptMembersOfUnknownWorkspace(db: Db, homeNamespace: string): Promise<number> {
  const unknown = await db.member.findMany({
    where: { teamId: "unknown" },
    select: { id: true, slackUserId: true },
  });
  let moved = 0;
  for (const member of unknown) {
    const taken = await db.member.findUnique({
      where: { teamId_slackUserId: { teamId: homeNamespace, slackUserId: member.slackUserId } },
    });
    if (taken) continue;
    await db.member.update({ where: { id: member.id }, data: { teamId: homeNamespace } });
    moved += 1;
  }
  return moved;
}
