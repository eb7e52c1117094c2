import type { Db } from "../../db/client.js";
import { UserFacingError } from "../../domain/errors.js";
import { matchAgency } from "../../domain/reference/match.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import { quoteInput } from "../../domain/text/escape.js";
import type { Actor } from "../actor.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";
import { loadActiveReference } from "../reference/active-reference.js";

/** Maps a Slack workspace (team id) to an agency, so its people are attributed to it by default. */
export function workspaceUseCases(deps: { db: Db; taskForce: TaskForceScope }) {
  const { db, taskForce } = deps;

  async function mapWorkspace(input: { teamId: string; agency: string }, actor: Actor) {
    const agency = matchAgency(input.agency, await loadActiveReference(db, taskForce.id));
    return db.$transaction(async (tx) => {
      const before = await tx.workspace.findUnique({
        where: { teamId: input.teamId },
        include: { agency: true },
      });
      // A workspace is mapped in one task force (its team id is the key). Another task force's
      // admin vouched for it there; moving it here would change who that task force lets in, and
      // an admin here may not touch another task force's settings.
      if (before && before.taskForceId !== taskForce.id) {
        throw new UserFacingError(
          "conflict",
          `The workspace \`${quoteInput(input.teamId)}\` is mapped to an agency in another task force.`,
          "Ask that task force's admin to change it; a workspace is mapped in one task force at a time.",
        );
      }
      const saved = await tx.workspace.upsert({
        where: { teamId: input.teamId },
        create: {
          taskForceId: taskForce.id,
          teamId: input.teamId,
          agencyId: agency.id,
          mappedBy: actor.userId,
          mappedAt: actor.now,
        },
        update: { agencyId: agency.id, mappedBy: actor.userId, mappedAt: actor.now },
      });
      await recordAudit(tx, {
        ...auditedAs(actor, taskForce),
        action: "admin.workspace",
        targetType: "workspace",
        targetId: input.teamId,
        outcome: "ok",
        before: before ? { agency: before.agency.code } : { agency: null },
        after: { agency: agency.code },
      });
      return { teamId: saved.teamId, agency: agency.code, previous: before?.agency.code ?? null };
    });
  }

  return { mapWorkspace };
}

export type WorkspaceUseCases = ReturnType<typeof workspaceUseCases>;
