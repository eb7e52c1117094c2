import { randomUUID } from "node:crypto";
import type { App, ViewResponseAction } from "@slack/bolt";
import { isDatabaseUnavailable } from "../../db/errors.js";
import { UserFacingError } from "../../domain/errors.js";
import type { CommandArgs } from "../../domain/grammar/args.js";
import type { Metrics } from "../../infra/metrics.js";
import type { Services } from "../../usecases/services.js";
import { failureMessage, routeSubmission } from "../commands/router.js";
import { slackDirectory, slackPorts } from "../directory.js";
import { isEphemeralRefused, slackErrorCode } from "../slack-errors.js";
import { fieldErrorText } from "../views/field-error.js";
import { channelOfMetadata } from "../views/metadata.js";
import { submissionArgs, type ViewStateValues } from "../views/submission-args.js";
import { publishHome } from "./home.js";

/**
 * A `/tf <name>` modal submitted (callback id `tf_<name>`): the inputs become the subcommand's
 * arguments and go through the same gate as the typed command. A refusal comes back as an inline
 * error beside its field; success closes the modal and confirms in the channel.
 */
export function registerViewListeners(
  app: App,
  deps: { services: Services; metrics: Metrics; clock: () => Date },
) {
  const { services, metrics, clock } = deps;
  app.view(/^tf_[a-z]+$/, async ({ ack, body, view, client }) => {
    const timer = metrics.requestSeconds.startTimer({ surface: "view" });
    metrics.requests.inc({ surface: "view" });
    const requestId = randomUUID();
    const name = view.callback_id.slice("tf_".length);
    let acked = false;
    const answer = async (response?: ViewResponseAction) => {
      acked = true;
      await (response ? ack(response) : ack());
    };
    const firstBlock = view.blocks[0]?.block_id ?? "member";
    const teamId = body.user.team_id ?? body.team?.id ?? "";
    const channel = channelOfMetadata(view.private_metadata);
    try {
      let args: CommandArgs;
      try {
        args = submissionArgs(view.state.values as ViewStateValues);
      } catch (error) {
        if (!(error instanceof UserFacingError)) throw error;
        await answer({ response_action: "errors", errors: { [error.field ?? firstBlock]: error.message } });
        return;
      }
      const result = await routeSubmission(
        name,
        args,
        {
          userId: body.user.id,
          teamId,
          channelId: channel ?? "",
          triggerId: "trigger_id" in body ? body.trigger_id : "",
          requestId,
          now: clock(),
          ...slackPorts(client, services.logger),
        },
        services,
      );
      metrics.commandOutcomes.inc({ subcommand: `${name}:modal`, outcome: result.outcome });
      services.logger.info(
        { requestId, user: body.user.id, subcommand: name, outcome: result.outcome },
        "modal submitted",
      );
      const reply = result.reply;
      if (result.outcome !== "ok" || reply.kind !== "message") {
        const field = view.blocks.some((b) => b.block_id === result.field) ? result.field : firstBlock;
        const text =
          reply.kind === "message"
            ? await fieldErrorText(reply.text, slackDirectory(client))
            : "That could not be saved.";
        await answer({ response_action: "errors", errors: { [field ?? firstBlock]: text } });
        return;
      }
      await answer();
      const confirmOnHome = () =>
        publishHome(deps, client, {
          userId: body.user.id,
          teamId,
          requestId,
          notice: `:white_check_mark: ${reply.text}`,
        });
      if (channel) {
        await client.chat
          .postEphemeral({
            channel,
            user: body.user.id,
            text: reply.text,
            ...(reply.blocks ? { blocks: reply.blocks } : {}),
          })
          .catch(async (error) => {
            // Slack shows an ephemeral only to someone in the channel, and the person may have left it since
            // opening the form. What they submitted is saved, so they are told on their Home tab instead.
            if (!isEphemeralRefused(error)) throw error;
            services.logger.warn(
              { requestId, user: body.user.id, channel, error: slackErrorCode(error) },
              "confirmation shown on the Home tab: the channel refused it",
            );
            await confirmOnHome();
          });
      } else {
        // Opened from the App Home: confirm there, at the top of the redrawn Home.
        await confirmOnHome();
      }
    } catch (error) {
      // Reached when the gate itself failed, e.g. the database is unreachable: the form stays
      // open with the reason, so nothing typed is lost, rather than Slack's generic error.
      services.logger.error({ err: error, requestId, subcommand: name }, "modal submission failed");
      if (!acked) {
        if (isDatabaseUnavailable(error)) services.onDatabaseError();
        await answer({
          response_action: "errors",
          errors: { [firstBlock]: failureMessage(error, requestId, "this form") },
        });
      }
    } finally {
      timer();
    }
  });
}
