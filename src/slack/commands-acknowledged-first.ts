import type { IncomingMessage, RequestListener } from "node:http";
import { parse } from "node:querystring";
import { HTTPModuleFunctions, type ReceiverEvent, verifySlackRequest } from "@slack/bolt";
import type { WorkQueue } from "../infra/concurrency.js";
import type { Logger } from "../infra/logger.js";
import { pathOf } from "./unacknowledged-requests.js";

/** Set in a command's Bolt context when this front door acknowledged it and queued it. */
export interface AcknowledgedCommandContext {
  /** The command already waited its turn in the work queue: its listener works on it at once. */
  acknowledgedAndQueued?: true;
  /** performance.now() when the request arrived, for the request-duration metric. */
  receivedAt?: number;
}

export interface CommandsAcknowledgedFirstOptions {
  /** Slack's endpoint, e.g. /slack/events. */
  path: string;
  signingSecret: string;
  /** Bolt's own request listener, which handles everything this one does not. */
  bolt: RequestListener;
  /** Hands a verified command to the Bolt app (app.processEvent). */
  dispatch(event: ReceiverEvent): Promise<void>;
  /** Where the command's processing waits; when it is full the command goes Bolt's usual way. */
  work: WorkQueue;
  logger: Logger;
}

/**
 * A slash command's ack carries nothing, so on Slack's endpoint a verified command is answered
 * 200 as soon as its signature checks out, and Bolt's processing (middleware, listener, work)
 * is queued for later. Everything else (interactions, events, a bad signature, a full queue)
 * goes to Bolt's own listener with the body already read, which Bolt accepts as is.
 *
 * Why: an ack that waits for Bolt's middleware costs about twice the CPU of verifying and
 * answering (bench/ack.ts: 48 vs 95 µs per request), and under a burst the work of earlier
 * commands then competes with later acks. Slack drops a command whose ack is later than 3 s.
 */
export function commandsAcknowledgedFirst(options: CommandsAcknowledgedFirstOptions): RequestListener {
  const { bolt, work, logger } = options;
  return (request, response) => {
    if (
      request.method !== "POST" ||
      request.headers["content-type"] !== "application/x-www-form-urlencoded" ||
      pathOf(request.url) !== options.path
    ) {
      bolt(request, response);
      return;
    }
    const receivedAt = performance.now();
    // Bolt's own limit (4 MB), as its receiver would apply.
    HTTPModuleFunctions.bufferIncomingMessage(request, HTTPModuleFunctions.defaultBodyLimit).then(
      (buffered) => {
        const rawBody = buffered.rawBody.toString();
        const body = parse(rawBody) as Record<string, unknown>;
        if (typeof body.command !== "string" || body.ssl_check !== undefined || !signed(buffered, rawBody)) {
          bolt(buffered, response);
          return;
        }
        const event: ReceiverEvent = {
          body,
          // Acknowledged below, before Bolt sees the command.
          ack: async () => undefined,
          retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(request),
          retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(request),
          customProperties: { acknowledgedAndQueued: true, receivedAt } satisfies AcknowledgedCommandContext,
        };
        const queued = work.offer(() =>
          options.dispatch(event).catch((error: unknown) => {
            logger.error({ err: error }, "slash command processing failed");
          }),
        );
        // A full queue: Bolt acknowledges it and the listener answers that the bot is busy.
        if (!queued) {
          bolt(buffered, response);
          return;
        }
        response.writeHead(200);
        response.end();
      },
      (error: unknown) => {
        const tooLarge =
          HTTPModuleFunctions.isRawBodyError(error) &&
          (error.type === "entity.too.large" || error.statusCode === 413);
        HTTPModuleFunctions.buildNoBodyResponse(response, tooLarge ? 413 : 400);
      },
    );
  };

  function signed(request: IncomingMessage, rawBody: string): boolean {
    const signature = request.headers["x-slack-signature"];
    const timestamp = request.headers["x-slack-request-timestamp"];
    if (typeof signature !== "string" || typeof timestamp !== "string") return false;
    try {
      verifySlackRequest({
        signingSecret: options.signingSecret,
        body: rawBody,
        headers: { "x-slack-signature": signature, "x-slack-request-timestamp": Number(timestamp) },
      });
      return true;
    } catch {
      // Bolt checks it again, answers 401 and logs why.
      return false;
    }
  }
}
