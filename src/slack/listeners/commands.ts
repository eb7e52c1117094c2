import { randomUUID } from "node:crypto";
import type { App, RespondFn, SlashCommand, webApi } from "@slack/bolt";
import { isDatabaseUnavailable } from "../../db/errors.js";
import type { WorkQueue } from "../../infra/concurrency.js";
import type { Metrics } from "../../infra/metrics.js";
import type { Services } from "../../usecases/services.js";
import { failureMessage, routeCommand } from "../commands/router.js";
import { staleTriggerMessage } from "../commands/stale-trigger.js";
import type { AcknowledgedCommandContext } from "../commands-acknowledged-first.js";
import { slackPorts } from "../directory.js";
import { commandCaller } from "../identity.js";
import { deliveryKey, isFirstDelivery } from "../middleware/deduplicate.js";
import { isStaleTrigger, slackErrorCode } from "../slack-errors.js";
import { withResponseUrl } from "../views/metadata.js";

const busyMessage =
  ":hourglass: The bot is handling more requests than it can right now, so this one was not run. Try it again in a minute.";

/**
 * `/tf`: ack at once (Slack gives up after 3 s), then route, then answer through response_url,
 * or open a modal with the trigger id.
 */
export function registerCommandListener(
  app: App,
  deps: { services: Services; metrics: Metrics; clock: () => Date; work: WorkQueue },
) {
  const { services, metrics, clock, work } = deps;
  app.command("/tf", async ({ command, body, ack, respond, client, context }) => {
    const { acknowledgedAndQueued, receivedAt = performance.now() } = context as AcknowledgedCommandContext;
    const timer = () =>
      metrics.requestSeconds.observe({ surface: "command" }, (performance.now() - receivedAt) / 1000);
    metrics.requests.inc({ surface: "command" });
    await ack();
    // Even the replay check (a database write) waits its turn: during a burst the only work done
    // between acks is the acks themselves.
    const key = deliveryKey(body);
    const act = async () => {
      if (key && !(await isFirstDelivery(key, deps))) return;
      await handle(command, respond, client, timer);
    };
    // Acknowledged on arrival and already through the queue (HTTP): its turn is now.
    if (acknowledgedAndQueued) return act();
    if (work.offer(act)) return;
    metrics.commandOutcomes.inc({ subcommand: "(queue)", outcome: "busy" });
    services.logger.warn(
      { waiting: work.waiting, user: command.user_id },
      "command refused: work queue full",
    );
    await respond({ response_type: "ephemeral", text: busyMessage }).catch(() => undefined);
  });

  async function handle(
    command: SlashCommand,
    respond: RespondFn,
    client: webApi.WebClient,
    timer: () => void,
  ): Promise<void> {
    const requestId = randomUUID();
    const person = commandCaller(command, services.access.home);
    let result: Awaited<ReturnType<typeof routeCommand>>;
    try {
      result = await routeCommand(
        {
          text: command.text,
          ...slackPorts(client, services.logger, services.access.home),
          ...person,
          channelId: command.channel_id,
          triggerId: command.trigger_id,
          requestId,
          now: clock(),
        },
        services,
      );
    } catch (error) {
      // Reached only when the gate itself failed (e.g. the database is unreachable while resolving
      // the caller's role); subcommand failures are answered inside routeCommand.
      metrics.commandOutcomes.inc({ subcommand: "(router)", outcome: "error" });
      services.logger.error({ err: error, requestId }, "command routing failed");
      if (isDatabaseUnavailable(error)) services.onDatabaseError();
      await respond({
        response_type: "ephemeral",
        text: `:warning: ${failureMessage(error, requestId, "`/tf`")}`,
      }).catch(() => undefined);
      timer();
      return;
    }
    metrics.commandOutcomes.inc({ subcommand: result.subcommand, outcome: result.outcome });
    services.logger.info(
      {
        requestId,
        user: person.userId,
        team: person.teamId,
        subcommand: result.subcommand,
        outcome: result.outcome,
      },
      "command handled",
    );
    try {
      const reply = result.reply;
      if (reply.kind === "modal") {
        const view = {
          ...reply.view,
          private_metadata: withResponseUrl(reply.view.private_metadata, command.response_url),
        };
        await client.views.open({ trigger_id: command.trigger_id, view }).catch(async (error) => {
          // Slack opens a form only within 3 s of the command: a busy bot can miss that, and the person is told.
          if (!isStaleTrigger(error)) throw error;
          services.logger.warn(
            { requestId, subcommand: result.subcommand, error: slackErrorCode(error) },
            "form not opened: trigger expired",
          );
          await respond({
            response_type: "ephemeral",
            text: staleTriggerMessage(result.subcommand, "command"),
          });
        });
      } else {
        await respond({
          response_type: reply.visibility ?? "ephemeral",
          text: reply.text,
          ...(reply.blocks ? { blocks: reply.blocks } : {}),
        });
      }
    } catch (error) {
      // The work is done (and recorded, if it was a write); only the answer did not get through.
      // Slack's response_url or views.open failing is not a database problem, so it is not told as one.
      services.logger.warn({ err: error, requestId, subcommand: result.subcommand }, "reply not delivered");
    } finally {
      timer();
    }
  }
}
