import type { Db } from "../../db/client.js";
import { recordAudit } from "../audit/audit-log.js";

export type RemovalEvent = "app_uninstalled" | "tokens_revoked";

export interface Removal {
  event: string;
  removedAt: Date;
}

/**
 * Whether the bot may still post in its own workspace. Slack tells the bot when it is uninstalled or
 * its token revoked; every replica reads that from the database, so none keeps posting (each post
 * would fail with token_revoked and leave a failed digest run behind).
 */
export function installationUseCases(deps: { db: Db; home: string }) {
  const { db, home } = deps;

  /** Slack's word, from an event: audited as Slack's action, not a person's. */
  async function recordRemoval(input: { teamId: string; event: RemovalEvent; at: Date }): Promise<void> {
    await db.$transaction(async (tx) => {
      await tx.slackRemoval.upsert({
        where: { teamId: input.teamId },
        create: { teamId: input.teamId, event: input.event, removedAt: input.at },
        update: { event: input.event, removedAt: input.at },
      });
      await recordAudit(tx, {
        actorUserId: "slack",
        action: `slack.${input.event}`,
        targetType: "workspace",
        targetId: input.teamId,
        outcome: "ok",
        after: { event: input.event },
        at: input.at,
      });
    });
  }

  /** The removal of the bot's own workspace, if it was removed. */
  function removal(): Promise<Removal | null> {
    return db.slackRemoval.findUnique({ where: { teamId: home }, select: { event: true, removedAt: true } });
  }

  /** At start, with a token Slack accepted: the app is installed (again). */
  async function reinstated(at: Date): Promise<boolean> {
    const previous = await removal();
    if (!previous) return false;
    await db.$transaction(async (tx) => {
      await tx.slackRemoval.delete({ where: { teamId: home } });
      await recordAudit(tx, {
        actorUserId: "slack",
        action: "slack.reinstalled",
        targetType: "workspace",
        targetId: home,
        outcome: "ok",
        before: { event: previous.event, removedAt: previous.removedAt.toISOString() },
        after: { event: null },
        at,
      });
    });
    return true;
  }

  return { recordRemoval, removal, reinstated };
}

export type InstallationUseCases = ReturnType<typeof installationUseCases>;
