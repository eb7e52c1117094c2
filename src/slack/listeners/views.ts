import { randomUUID } from "node:crypto";
import type { App, ViewResponseAction } from "@slack/bolt";
import { isDatabaseUnavailable } from "../../db/errors.js";
import { UserFacingError } from "../../domain/errors.js";
import type { CommandArgs } from "../../domain/grammar/args.js";
import type { Metrics } from "../../infra/metrics.js";
import type { Services } from "../../usecases/services.js";
import { failureMessage, routeSubmission } from "../commands/router.js";
import { slackDirectory, slackPorts } from "../directory.js";
import { interactionCaller } from "../identity.js";
import { isEphemeralRefused, slackErrorCode } from "../slack-errors.js";
import { slackFetch } from "../slack-fetch.js";
import { fieldErrorText } from "../views/field-error.js";
import { readModalMetadata } from "../views/metadata.js";
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
  // Slack sends view_closed only for a view opened with notify_on_close, which no form here asks for; one that
  // comes anyway must still be acknowledged. Unacknowledged, Bolt answers 404 after 3 s over HTTP, and in
  // Socket Mode the envelope is never acked. Closing a form discards it: there is nothing else to do.
  app.view({ type: "view_closed", callback_id: /^tf_[a-z]+$/ }, async ({ ack }) => {
    await ack();
  });
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
    const person = interactionCaller(body, services.access.home);
    const { channel, responseUrl, taskForce } = readModalMetadata(view.private_metadata);
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
          ...person,
          channelId: channel ?? "",
          ...(taskForce ? { taskForce } : {}),
          triggerId: "trigger_id" in body ? body.trigger_id : "",
          requestId,
          now: clock(),
          ...slackPorts(client, services.logger, services.access.home),
        },
        services,
      );
      metrics.commandOutcomes.inc({ subcommand: `${name}:modal`, outcome: result.outcome });
      services.logger.info(
        { requestId, user: person.userId, team: person.teamId, subcommand: name, outcome: result.outcome },
        "modal submitted",
      );
      const reply = result.reply;
      if (result.outcome !== "ok" || reply.kind !== "message") {
        const field = view.blocks.some((b) => b.block_id === result.field) ? result.field : firstBlock;
        const text =
          reply.kind === "message"
            ? await fieldErrorText(reply.text, slackDirectory(client, services.access.home))
            : "That could not be saved.";
        await answer({ response_action: "errors", errors: { [field ?? firstBlock]: text } });
        return;
      }
      await answer();
      const confirmation = { text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}) };
      const confirmOnHome = () =>
        publishHome(deps, client, {
          person,
          requestId,
          // A form opened from a Home drawn for one task force confirms on that task force's Home.
          ...(taskForce ? { wanted: taskForce } : {}),
          notice: `:white_check_mark: ${reply.text}`,
        });
      if (channel) {
        await client.chat
          .postEphemeral({ channel, user: body.user.id, ...confirmation })
          .catch(async (error) => {
            // What was submitted is saved; only the confirmation has to find another way. The bot is not
            // in a private channel or DM it was opened from: the command's response_url still reaches
            // the person there. The person has left the channel since: their Home tab.
            if (!isEphemeralRefused(error)) throw error;
            const code = slackErrorCode(error);
            const viaResponseUrl = responseUrl !== undefined && code !== "user_not_in_channel";
            services.logger.warn(
              { requestId, user: person.userId, channel, error: code },
              viaResponseUrl
                ? "confirmation sent to the command's response_url: the channel refused it"
                : "confirmation shown on the Home tab: the channel refused it",
            );
            if (viaResponseUrl) await respondAt(responseUrl, confirmation);
            else await confirmOnHome();
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

/** Posts an ephemeral message to a response_url (Bolt's respond() is not offered to view submissions). */
async function respondAt(responseUrl: string, message: { text: string; blocks?: unknown[] }): Promise<void> {
  const response = await slackFetch(responseUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ response_type: "ephemeral", ...message }),
  });
  if (!response.ok) throw new Error(`response_url answered ${response.status}`);
}
