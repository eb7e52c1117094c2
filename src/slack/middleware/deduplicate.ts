import type { AnyMiddlewareArgs, App } from "@slack/bolt";
import type { Metrics } from "../../infra/metrics.js";
import type { Services } from "../../usecases/services.js";

/**
 * The key that identifies one delivery of a request, across Slack's retries: the event id for
 * events, the trigger id for commands and interactions (an action's action_ts when it has none).
 */
export function deliveryKey(body: AnyMiddlewareArgs["body"]): string | undefined {
  const b = body as Record<string, unknown>;
  if (typeof b.event_id === "string") return `event:${b.event_id}`;
  if (typeof b.command === "string" && typeof b.trigger_id === "string") return `command:${b.trigger_id}`;
  if (b.type === "block_actions") {
    const action = (b.actions as Array<{ action_ts?: string }> | undefined)?.[0];
    const id = typeof b.trigger_id === "string" ? b.trigger_id : action?.action_ts;
    return id ? `action:${id}` : undefined;
  }
  if (b.type === "view_submission" && typeof b.trigger_id === "string") return `view:${b.trigger_id}`;
  return undefined;
}

type DeduplicationDeps = { services: Services; metrics: Metrics; clock: () => Date };

/**
 * Acts on each delivery once, whichever replica receives it: a retry or a replay inside Slack's
 * window is acknowledged (so Slack stops retrying) and otherwise ignored. Bolt's signature check
 * accepts such replays, so this is where they stop. Slash commands are checked by their listener
 * after the ack instead (see isFirstDelivery): their ack carries nothing, so a database write
 * need not stand between Slack and it.
 */
export function registerDeduplication(app: App, deps: DeduplicationDeps) {
  app.use(async (args) => {
    const body = args.body as Record<string, unknown>;
    const key = typeof body.command === "string" ? undefined : deliveryKey(args.body);
    if (key && !(await isFirstDelivery(key, deps))) {
      if ("ack" in args && typeof args.ack === "function") await (args.ack as () => Promise<void>)();
      return;
    }
    await args.next();
  });
}

/** Records the delivery; false when it was seen before (and counted as a duplicate). */
export async function isFirstDelivery(key: string, deps: DeduplicationDeps): Promise<boolean> {
  let first = true;
  try {
    first = await deps.services.deliveries.isFirst(key, deps.clock());
  } catch (error) {
    // Without the database nothing can be recorded anyway; let the request through so its
    // handler tells the person to try again.
    deps.services.onDatabaseError();
    deps.services.logger.warn({ err: error }, "delivery check failed; handling the request");
  }
  if (!first) deps.metrics.duplicateDeliveries.inc();
  return first;
}
