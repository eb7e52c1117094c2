import type { Db } from "../../db/client.js";
import type { SlackIdentity } from "../../domain/access/identity.js";
import { firstTaskForceId, type TaskForce } from "../../domain/taskforce/task-force.js";
import { recordAudit } from "../audit/audit-log.js";
import type { Services } from "../services.js";
import type { PlaceUseCase } from "../taskforces/place.js";

/** The task force a Home shows, and what its switcher offers. */
export interface HomePlace {
  /** The use cases of the task force shown (the deployment's first when the person has none). */
  services: Services;
  /** The task force shown, when the person may act in it or the deployment decided it. */
  shown?: TaskForce;
  /**
   * What the switcher lists, the shown one among them: the task forces the person may act in, and
   * the one their workspace mapping decides if they hold no role there. Empty when there is no
   * other to go to, so no switcher is drawn.
   */
  choices: readonly TaskForce[];
  /**
   * The code the Home's buttons carry (`tf:<code>`), so a click acts in the task force shown
   * whatever the router would otherwise decide; absent with one task force in the deployment, or
   * when the person holds no role in the one shown (the router decides, and refuses, as typed).
   */
  carry?: string;
}

export interface HomePlaceRequest extends SlackIdentity {
  now: Date;
  /** A task force code the request carries: the switcher's choice or a button's `tf:`. */
  wanted?: string;
  /** The switcher chose `wanted`: remember it for the next time the Home is opened. */
  remember?: boolean;
  /** For the audit row of a remembered choice. */
  requestId?: string;
}

/**
 * Which task force the App Home shows a person. In order: the one the request carries (a switcher
 * choice or a button drawn for it), the one they last chose on the switcher, then the rule every
 * command follows without `tf:` (workspace mapping, only role), else the first of theirs. Only a
 * task force they may act in is shown by choice: a remembered one where they no longer hold a role
 * is passed over, and a choice beats the workspace mapping. The choice is a column on Member, so
 * every replica reads the same one.
 */
export function homePlaceUseCases(deps: {
  db: Db;
  placeOf: PlaceUseCase;
  forTaskForce: (id: number) => Promise<Services>;
}) {
  const { db } = deps;
  const memberKey = (person: SlackIdentity) => ({ teamId: person.teamId, slackUserId: person.userId });

  async function remembered(person: SlackIdentity): Promise<number | null> {
    const member = await db.member.findUnique({
      where: { teamId_slackUserId: memberKey(person) },
      select: { homeTaskForceId: true },
    });
    return member?.homeTaskForceId ?? null;
  }

  /**
   * A state admin may have no Member row yet: a choice creates it; forgetting (null) never does.
   * Audited like every write, in the task force chosen (none when forgotten).
   */
  async function remember(request: HomePlaceRequest, chosen: TaskForce | undefined): Promise<void> {
    await db.$transaction(async (tx) => {
      if (chosen === undefined) {
        await tx.member.updateMany({ where: memberKey(request), data: { homeTaskForceId: null } });
      } else {
        await tx.member.upsert({
          where: { teamId_slackUserId: memberKey(request) },
          create: { ...memberKey(request), homeTaskForceId: chosen.id },
          update: { homeTaskForceId: chosen.id },
        });
      }
      await recordAudit(tx, {
        ...(chosen ? { taskForceId: chosen.id } : {}),
        actorUserId: request.userId,
        actorTeamId: request.teamId,
        action: "home.taskforce.choose",
        targetType: "member",
        targetId: request.userId,
        outcome: "ok",
        after: { taskForce: chosen?.code ?? null },
        ...(request.requestId ? { requestId: request.requestId } : {}),
        at: request.now,
      });
    });
  }

  return async function homePlace(request: HomePlaceRequest): Promise<HomePlace> {
    const place = await deps.placeOf({ teamId: request.teamId, userId: request.userId, now: request.now });
    const { usable } = place;
    const decided = "refused" in place ? undefined : place.taskForce;
    // With one task force in the deployment there is nothing to choose (and nothing to look up).
    const single = "by" in place && place.by === "only";
    let shown = request.wanted === undefined ? undefined : usable.find((t) => t.code === request.wanted);
    if (request.remember && request.wanted !== undefined) {
      // Choosing one they may not act in (the workspace's, listed only because it is on screen)
      // forgets the choice: the Home goes back to the rule every command follows.
      await remember(request, shown);
    } else if (!shown && !single && usable.length > 0) {
      const id = await remembered(request);
      shown = usable.find((t) => t.id === id);
    }
    shown ??= decided ?? usable[0];
    const services = await deps.forTaskForce(shown?.id ?? firstTaskForceId);
    const mayAct = shown !== undefined && usable.some((t) => t.id === shown.id);
    // The task force the workspace mapping decides, where the person holds no role, is listed too:
    // it is where their commands without tf: act, so the switcher leads there and back.
    const choices = decided && !usable.some((t) => t.id === decided.id) ? [decided, ...usable] : usable;
    return {
      services,
      ...(shown ? { shown } : {}),
      choices: choices.length > 1 ? choices : [],
      ...(shown && mayAct && !single ? { carry: shown.code } : {}),
    };
  };
}

export type HomePlaceUseCase = ReturnType<typeof homePlaceUseCases>;
