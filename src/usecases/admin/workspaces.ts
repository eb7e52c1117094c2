import type { Db } from "../../db/client.js";
import { matchReference } from "../../domain/reference/match.js";
import { firstTaskForceId } from "../../domain/taskforce/task-force.js";
import type { Actor } from "../actor.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";
import { loadActiveReference } from "../reference/active-reference.js";

/** Maps a Slack workspace (team id) to an agency, so its people are attributed to it by default. */
export function workspaceUseCases(deps: { db: Db }) {
  const { db } = deps;

  async function mapWorkspace(input: { teamId: string; agency: string }, actor: Actor) {
    const agency = matchReference(
      "agency",
      input.agency,
      (await loadActiveReference(db, firstTaskForceId)).agencies,
    );
    return db.$transaction(async (tx) => {
      const before = await tx.workspace.findUnique({
        where: { teamId: input.teamId },
        include: { agency: true },
      });
      const saved = await tx.workspace.upsert({
        where: { teamId: input.teamId },
        create: { teamId: input.teamId, agencyId: agency.id, mappedBy: actor.userId, mappedAt: actor.now },
        update: { agencyId: agency.id, mappedBy: actor.userId, mappedAt: actor.now },
      });
      await recordAudit(tx, {
        ...auditedAs(actor),
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
