import type { Db } from "../../db/client.js";
import { formatIdentity, type SlackIdentity, sameIdentity } from "../../domain/access/identity.js";
import { isRole, type Role, stateLeadership } from "../../domain/access/roles.js";
import { UserFacingError } from "../../domain/errors.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import type { Actor } from "../actor.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";
import { ensureMember } from "../members/members.js";

export interface RoleChange {
  person: SlackIdentity;
  before: Role | null;
  after: Role | null;
}

/**
 * Grants a role, or takes the granted one away ("none"). Grants are never edited: the old one is
 * revoked and a new one added, so who held what, and who decided it, stays on record. A role held
 * through TF_ADMINS or a running assignment is not a grant and is not changed here. A grant is held
 * in one task force: setting a role here leaves the person's grants in any other as they are.
 */
export function roleUseCases(deps: { db: Db; taskForce: TaskForceScope; admins: readonly SlackIdentity[] }) {
  const { db, taskForce } = deps;
  const taskForceId = taskForce.id;

  async function setRole(
    input: { person: SlackIdentity; role: Role | "none" },
    actor: Actor,
  ): Promise<RoleChange> {
    const { person } = input;
    if (deps.admins.some((admin) => sameIdentity(admin, person)) && input.role !== "admin") {
      throw new UserFacingError(
        "invalid",
        `<@${person.userId}> is an admin through the TF_ADMINS setting; a role grant cannot override that.`,
        "Remove them from TF_ADMINS in the bot's configuration instead.",
      );
    }
    return db.$transaction(async (tx) => {
      const member = await ensureMember(tx, person);
      const current = await tx.roleGrant.findFirst({
        where: { taskForceId, memberId: member.id, revokedAt: null },
        orderBy: { grantedAt: "desc" },
      });
      const before = current && isRole(current.role) ? current.role : null;
      const after = input.role === "none" ? null : input.role;
      if (before !== after) {
        await tx.roleGrant.updateMany({
          where: { taskForceId, memberId: member.id, revokedAt: null },
          data: { revokedAt: actor.now, revokedBy: actor.userId },
        });
        if (after) {
          await tx.roleGrant.create({
            data: {
              taskForceId,
              memberId: member.id,
              role: after,
              grantedBy: actor.userId,
              grantedAt: actor.now,
            },
          });
        }
      }
      await recordAudit(tx, {
        ...auditedAs(actor, taskForce),
        action: "admin.role",
        targetType: "member",
        targetId: formatIdentity(person),
        outcome: "ok",
        before: { role: before },
        after: { role: after },
      });
      return { person, before, after };
    });
  }

  /** Grants or takes away state leadership: only a state admin (TF_ADMINS) may. */
  async function setStateLeadership(
    input: { person: SlackIdentity; holds: boolean },
    actor: Actor,
  ): Promise<{ person: SlackIdentity; before: boolean; after: boolean }> {
    if (!deps.admins.some((admin) => sameIdentity(admin, actor))) {
      throw new UserFacingError(
        "denied",
        "Only a state admin (one of TF_ADMINS) grants state leadership.",
        "Ask the deployment's operators.",
      );
    }
    return db.$transaction(async (tx) => {
      const member = await ensureMember(tx, input.person);
      const where = { taskForceId: null, role: stateLeadership, memberId: member.id, revokedAt: null };
      const before = (await tx.roleGrant.count({ where })) > 0;
      if (before && !input.holds) {
        await tx.roleGrant.updateMany({ where, data: { revokedAt: actor.now, revokedBy: actor.userId } });
      }
      if (!before && input.holds) {
        await tx.roleGrant.create({
          data: {
            taskForceId: null,
            memberId: member.id,
            role: stateLeadership,
            grantedBy: actor.userId,
            grantedAt: actor.now,
          },
        });
      }
      await recordAudit(tx, {
        ...auditedAs(actor),
        action: "admin.role.state",
        targetType: "member",
        targetId: formatIdentity(input.person),
        outcome: "ok",
        before: { stateLeadership: before },
        after: { stateLeadership: input.holds },
      });
      return { person: input.person, before, after: input.holds };
    });
  }

  return { setRole, setStateLeadership };
}

export type RoleUseCases = ReturnType<typeof roleUseCases>;
