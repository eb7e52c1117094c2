import type { Db } from "../../db/client.js";
import { formatIdentity, type SlackIdentity, sameIdentity } from "../../domain/access/identity.js";
import { isRole, type Role } from "../../domain/access/roles.js";
import { UserFacingError } from "../../domain/errors.js";
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
 * through TF_ADMINS or a running assignment is not a grant and is not changed here.
 */
export function roleUseCases(deps: { db: Db; admins: readonly SlackIdentity[] }) {
  const { db } = deps;

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
        where: { memberId: member.id, revokedAt: null },
        orderBy: { grantedAt: "desc" },
      });
      const before = current && isRole(current.role) ? current.role : null;
      const after = input.role === "none" ? null : input.role;
      if (before !== after) {
        await tx.roleGrant.updateMany({
          where: { memberId: member.id, revokedAt: null },
          data: { revokedAt: actor.now, revokedBy: actor.userId },
        });
        if (after) {
          await tx.roleGrant.create({
            data: { memberId: member.id, role: after, grantedBy: actor.userId, grantedAt: actor.now },
          });
        }
      }
      await recordAudit(tx, {
        ...auditedAs(actor),
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

  return { setRole };
}

export type RoleUseCases = ReturnType<typeof roleUseCases>;
