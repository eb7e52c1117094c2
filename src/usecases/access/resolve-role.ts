import type { Db } from "../../db/client.js";
import {
  namespaceOf,
  type SlackIdentity,
  sameIdentity,
  type Workspace,
} from "../../domain/access/identity.js";
import { isRole, type Role, roleAllows, roles, stateLeadership } from "../../domain/access/roles.js";
import type { LocalDate } from "../../domain/time/local-date.js";
import { runningOn } from "../assignments/assignments.js";
import { agencyOfWorkspace } from "../members/members.js";

export interface Access {
  role: Role | null;
  /**
   * Set when the caller comes from a workspace that is neither the bot's own nor mapped to an
   * agency (a Slack Connect partner no admin has vouched for): their role is capped at viewer.
   */
  unmappedWorkspace?: string;
}

export interface AccessPolicy {
  /** TF_ADMINS, resolved to identities. */
  admins: readonly SlackIdentity[];
  /** The bot's own workspace: its people are vouched for by Slack alone. */
  home: Workspace;
}

/**
 * The caller's role in a task force: the strongest of a configured admin (so the first admin can
 * never be locked out; TF_ADMINS are admins in every task force), an unrevoked grant in that task
 * force, and an assignment of that task force active today (which makes its holder a member), all
 * looked up by the pair (workspace, user). A role held in another task force gives nothing here.
 * Null means no access.
 */
export async function resolveAccess(
  db: Db,
  policy: AccessPolicy,
  taskForceId: number,
  caller: SlackIdentity,
  today: LocalDate,
): Promise<Access> {
  if (policy.admins.some((admin) => sameIdentity(admin, caller))) return { role: "admin" };
  const member = { teamId: caller.teamId, slackUserId: caller.userId };
  const [grant, stateGrant, activeAssignment, agency] = await Promise.all([
    db.roleGrant.findFirst({
      where: { taskForceId, revokedAt: null, member },
      orderBy: { grantedAt: "desc" },
      select: { role: true },
    }),
    // State leadership reads every task force's summaries: leadership in each.
    db.roleGrant.findFirst({
      where: { taskForceId: null, role: stateLeadership, revokedAt: null, member },
      select: { id: true },
    }),
    db.assignment.findFirst({ where: { taskForceId, member, ...runningOn(today) }, select: { id: true } }),
    caller.teamId === namespaceOf(policy.home)
      ? undefined
      : agencyOfWorkspace(db, taskForceId, caller.teamId),
  ]);
  const granted = stronger(grant && isRole(grant.role) ? grant.role : null, stateGrant ? "leadership" : null);
  const assigned: Role | null = activeAssignment ? "member" : null;
  const role = stronger(granted, assigned);
  if (agency !== null) return { role };
  return { role: roleAllows(role, "member") ? "viewer" : role, unmappedWorkspace: caller.teamId };
}

function stronger(a: Role | null, b: Role | null): Role | null {
  if (a === null) return b;
  if (b === null) return a;
  return roles.indexOf(a) >= roles.indexOf(b) ? a : b;
}
