import { randomUUID } from "node:crypto";
import type { App, BlockAction, ButtonAction, webApi } from "@slack/bolt";
import { roleAllows } from "../../domain/access/roles.js";
import type { Metrics } from "../../infra/metrics.js";
import type { HomeList, HomePages } from "../../usecases/home/home.js";
import type { Services } from "../../usecases/services.js";
import { findCommand } from "../commands/help.js";
import { subcommands } from "../commands/index.js";
import { routeCommand } from "../commands/router.js";
import { staleTriggerMessage } from "../commands/stale-trigger.js";
import { slackPorts } from "../directory.js";
import {
  type HomeCommand,
  homeCommandOf,
  homeCommands,
  homeListOf,
  homeOpenPrefix,
  homePagePrefix,
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
        userId: event.user,
        teamId: body.team_id ?? "",
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
      const userId = body.user.id;
      const teamId = body.user.team_id ?? body.team?.id ?? "";
      try {
        const name = homeCommandOf(action.action_id);
        if (!name) return;
        // Exactly `/tf <name>` typed with no arguments: the router checks the role (auditing a
        // refusal) and the subcommand answers with its form.
        const result = await routeCommand(
          {
            text: name,
            userId,
            teamId,
            channelId: "",
            triggerId: body.trigger_id,
            requestId,
            now: clock(),
            ...slackPorts(client, services.logger),
          },
          services,
        );
        metrics.commandOutcomes.inc({ subcommand: `${name}:home`, outcome: result.outcome });
        services.logger.info(
          { requestId, user: userId, team: teamId, subcommand: name, outcome: result.outcome },
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
                userId,
                teamId,
                requestId,
                notice: staleTriggerMessage(name, "home"),
              });
            });
        } else {
          // A Home can't show an ephemeral message: redraw it for the role the caller holds now,
          // with the refusal (or whatever the command answered) at the top.
          await publishHome(deps, client, { userId, teamId, requestId, notice: result.reply.text });
        }
      } catch (error) {
        metrics.commandOutcomes.inc({ subcommand: "(home)", outcome: "error" });
        services.logger.error({ err: error, requestId }, "home button failed");
        await client.views
          .publish({ user_id: userId, view: renderHomeUnavailable(requestId) })
          .catch(() => undefined);
      } finally {
        timer();
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${escapeRegExp(homePagePrefix)}`),
    async ({ ack, body, action, client }) => {
      await ack();
      const timer = metrics.requestSeconds.startTimer({ surface: "action" });
      metrics.requests.inc({ surface: "action" });
      try {
        await publishHome(deps, client, {
          userId: body.user.id,
          teamId: body.user.team_id ?? body.team?.id ?? "",
          requestId: randomUUID(),
          pages: parseHomePages(action.value),
          paging: homeListOf(action.action_id),
        });
      } finally {
        timer();
      }
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
    userId: string;
    teamId: string;
    requestId: string;
    notice?: string;
    pages?: HomePages;
    paging?: HomeList;
  },
): Promise<void> {
  const { services, clock } = deps;
  const { userId, teamId, requestId } = request;
  try {
    const now = clock();
    const role = await services.roleOf(userId, now);
    const data = await services.home.build(
      { userId, teamId, role, requestId, now },
      { pages: request.pages, paging: request.paging },
    );
    const view = renderHome(data, {
      admins: services.config.admins,
      commands: commandsFor(role),
      notice: request.notice,
    });
    await client.views.publish({ user_id: userId, view });
    services.logger.info(
      { requestId, user: userId, role, blocks: view.blocks.length, paging: request.paging },
      "home published",
    );
  } catch (error) {
    services.logger.error({ err: error, requestId, user: userId }, "home could not be published");
    await client.views
      .publish({ user_id: userId, view: renderHomeUnavailable(requestId) })
      .catch(() => undefined);
  }
}
