import type { App } from "@slack/bolt";
import { namespaceOf } from "../../domain/access/identity.js";
import type { Metrics } from "../../infra/metrics.js";
import type { RemovalEvent } from "../../usecases/installation/installation.js";
import type { Services } from "../../usecases/services.js";

interface EnvelopeFields {
  team_id?: string;
  enterprise_id?: string;
  authorizations?: Array<{ team_id?: string | null; enterprise_id?: string | null }>;
}

/**
 * Slack's word that the app was uninstalled from a workspace, or its bot token revoked there
 * (tokens_revoked also reports user tokens, which the bot has none of: only its own bot user
 * counts). Recorded once per delivery (retries stop at the deduplication middleware); the digest
 * scheduler then posts nothing there.
 */
export function registerInstallationListeners(
  app: App,
  deps: { services: Services; metrics: Metrics; clock: () => Date; botUserId: string },
) {
  const { services, metrics, clock, botUserId } = deps;
  const record = async (event: RemovalEvent, body: EnvelopeFields) => {
    metrics.requests.inc({ surface: "event" });
    // The installation's side (authorizations), not the top-level team: in a shared channel that
    // can be another organisation's (test/fixtures/slack/events.ts).
    const installation = body.authorizations?.[0];
    const teamId = namespaceOf({
      teamId: installation?.team_id ?? body.team_id ?? "",
      enterpriseId: (installation ? installation.enterprise_id : body.enterprise_id) ?? undefined,
    });
    await services.installation.recordRemoval({ teamId, event, at: clock() });
    services.logger.warn(
      { team: teamId, event },
      "the app was removed from a workspace: posting there stops",
    );
  };

  app.event("app_uninstalled", async ({ body }) => {
    await record("app_uninstalled", body);
  });

  // Bolt skips authorization for these two events, so their context names no bot: the bot's own id
  // comes from start-up's auth.test.
  app.event("tokens_revoked", async ({ event, body }) => {
    if (!event.tokens.bot?.includes(botUserId)) return;
    await record("tokens_revoked", body);
  });
}
