import { randomUUID } from "node:crypto";
import type { App, BlockAction, ButtonAction, StaticSelectAction, webApi } from "@slack/bolt";
import type { SlackIdentity } from "../../domain/access/identity.js";
import { roleAllows } from "../../domain/access/roles.js";
import type { Metrics } from "../../infra/metrics.js";
import type { HomeList, HomePages } from "../../usecases/home/home.js";
import type { Services } from "../../usecases/services.js";
import { findCommand } from "../commands/help.js";
import { subcommands } from "../commands/index.js";
import { routeCommand } from "../commands/router.js";
import { staleTriggerMessage } from "../commands/stale-trigger.js";
import { slackPorts } from "../directory.js";
import { eventCaller, interactionCaller } from "../identity.js";
import {
  type HomeCommand,
  homeCommandOf,
  homeCommands,
  homeCommandText,
  homeListOf,
  homeOpenPrefix,
  homePagePrefix,
  homeTaskForceActionId,
  homeTaskForceOfButton,
  homeTaskForceOfPages,
  parseHomePages,
  renderHome,
  renderHomeUnavailable,
} from "../render/home.js";
import { isStaleTrigger, slackErrorCode } from "../slack-errors.js";

type Deps = { services: Services; metrics: Metrics; clock: () => Date };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The App Home: drawn for the caller's role when they open the tab, redrawn on a page click.
 * Its command buttons open the same form as the typed `/tf <subcommand>`, through the router,
 * so the role gate and its audited refusals are the ones every command passes.
 */
export function registerHomeListeners(app: App, deps: Deps) {
  const { services, metrics, clock } = deps;

  app.event("app_home_opened", async ({ event, body, client }) => {
    if (event.tab !== "home") return;
    const timer = metrics.requestSeconds.startTimer({ surface: "event" });
    metrics.requests.inc({ surface: "event" });
    try {
      await publishHome(deps, client, {
        person: eventCaller(event.user, body, services.access.home),
        requestId: randomUUID(),
      });
    } finally {
      timer();
    }
  });

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${escapeRegExp(homeOpenPrefix)}`),
    async ({ ack, body, action, client }) => {
      await ack();
      const timer = metrics.requestSeconds.startTimer({ surface: "action" });
      metrics.requests.inc({ surface: "action" });
      const requestId = randomUUID();
      const person = interactionCaller(body, services.access.home);
      // The task force the Home was drawn for, which the button carries: a redraw stays in it.
      const wanted = homeTaskForceOfButton(action.value);
      try {
        const name = homeCommandOf(action.action_id);
        if (!name) return;
        // Exactly `/tf <name>` typed with no arguments (but the Home's `tf:<code>`): the router checks
        // the role there (auditing a refusal) and the subcommand answers with its form, which carries
        // the task force to its submission.
        const result = await routeCommand(
          {
            text: homeCommandText(name, action.value),
            ...person,
            channelId: "",
            triggerId: body.trigger_id,
            requestId,
            now: clock(),
            ...slackPorts(client, services.logger, services.access.home),
          },
          services,
        );
        metrics.commandOutcomes.inc({ subcommand: `${name}:home`, outcome: result.outcome });
        services.logger.info(
          { requestId, user: person.userId, team: person.teamId, subcommand: name, outcome: result.outcome },
          "home button handled",
        );
        if (result.reply.kind === "modal") {
          await client.views
            .open({ trigger_id: body.trigger_id, view: result.reply.view })
            .catch(async (error) => {
              if (!isStaleTrigger(error)) throw error;
              services.logger.warn(
                { requestId, subcommand: name, error: slackErrorCode(error) },
                "form not opened: trigger expired",
              );
              await publishHome(deps, client, {
                person,
                requestId,
                wanted,
                notice: staleTriggerMessage(name, "home"),
              });
            });
        } else {
          // A Home can't show an ephemeral message: redraw it for the role the caller holds now,
          // with the refusal (or whatever the command answered) at the top.
          await publishHome(deps, client, { person, requestId, wanted, notice: result.reply.text });
        }
      } catch (error) {
        metrics.commandOutcomes.inc({ subcommand: "(home)", outcome: "error" });
        services.logger.error({ err: error, requestId }, "home button failed");
        await client.views
          .publish({ user_id: person.userId, view: renderHomeUnavailable(requestId) })
          .catch(() => undefined);
      } finally {
        timer();
      }
    },
  );

  /** Acknowledges a click, then redraws the Home, counted and timed as one action request. */
  const redrawOnClick = async (ack: () => Promise<void>, redraw: () => Promise<void>) => {
    await ack();
    const timer = metrics.requestSeconds.startTimer({ surface: "action" });
    metrics.requests.inc({ surface: "action" });
    try {
      await redraw();
    } finally {
      timer();
    }
  };

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${escapeRegExp(homePagePrefix)}`),
    ({ ack, body, action, client }) =>
      redrawOnClick(ack, () =>
        publishHome(deps, client, {
          person: interactionCaller(body, services.access.home),
          requestId: randomUUID(),
          pages: parseHomePages(action.value),
          paging: homeListOf(action.action_id),
          wanted: homeTaskForceOfPages(action.value),
        }),
      ),
  );

  // The switcher: the Home redrawn in the task force chosen, and the choice kept for the next opening.
  app.action<BlockAction<StaticSelectAction>>(homeTaskForceActionId, ({ ack, body, action, client }) =>
    redrawOnClick(ack, () =>
      publishHome(deps, client, {
        person: interactionCaller(body, services.access.home),
        requestId: randomUUID(),
        wanted: action.selected_option?.value,
        remember: true,
      }),
    ),
  );

  // Every click must be acknowledged, and the Home's buttons are the only ones the bot draws. A click on any
  // other (a Home drawn by an older version, say) is acked and ignored: unacknowledged, Bolt answers 404 after
  // 3 s over HTTP, Socket Mode leaves the envelope unacked, and Slack marks the button as failed.
  app.action(
    new RegExp(
      `^(?!${escapeRegExp(homeOpenPrefix)}|${escapeRegExp(homePagePrefix)}|${escapeRegExp(homeTaskForceActionId)}$)`,
    ),
    async ({ ack }) => {
      await ack();
    },
  );
}

/** The commands among the Home's buttons that `role` may run, by the router's own registry. */
function commandsFor(role: Parameters<typeof roleAllows>[0]): HomeCommand[] {
  return homeCommands
    .filter((c) => {
      const command = findCommand(subcommands, c.name);
      return command !== undefined && roleAllows(role, command.minimumRole);
    })
    .map((c) => c.name);
}

/** Draws the caller's Home, with an optional notice at the top (e.g. a confirmation or a refusal). */
export async function publishHome(
  deps: Deps,
  client: webApi.WebClient,
  request: {
    person: SlackIdentity;
    requestId: string;
    notice?: string;
    pages?: HomePages;
    paging?: HomeList;
    /** A task force code the request carries (a button drawn for it, or the switcher's choice). */
    wanted?: string;
    /** The switcher chose `wanted`: keep it for the next opening. */
    remember?: boolean;
  },
): Promise<void> {
  const { clock } = deps;
  const { person, requestId } = request;
  const userId = person.userId;
  try {
    const now = clock();
    const place = await deps.services.homePlace({
      ...person,
      now,
      ...(request.wanted !== undefined ? { wanted: request.wanted } : {}),
      ...(request.remember ? { remember: true, requestId } : {}),
    });
    const { services } = place;
    const { role, unmappedWorkspace } = await services.accessOf(person, now);
    const data = await services.home.build(
      { ...person, role, requestId, now },
      { pages: request.pages, paging: request.paging },
    );
    const view = renderHome(data, {
      admins: services.access.admins,
      unmappedWorkspace,
      commands: commandsFor(role),
      notice: request.notice,
      taskForces: { choices: place.choices, ...(place.shown ? { shown: place.shown } : {}) },
      ...(place.carry ? { carry: place.carry } : {}),
    });
    await client.views.publish({ user_id: userId, view });
    services.logger.info(
      {
        requestId,
        user: userId,
        team: person.teamId,
        taskForce: place.shown?.code,
        role,
        blocks: view.blocks.length,
        paging: request.paging,
      },
      "home published",
    );
  } catch (error) {
    deps.services.logger.error({ err: error, requestId, user: userId }, "home could not be published");
    await client.views
      .publish({ user_id: userId, view: renderHomeUnavailable(requestId) })
      .catch(() => undefined);
  }
}
