import type { webApi } from "@slack/bolt";
import type { SlackDirectory } from "./commands/subcommand.js";

/** Answers from Slack's Web API; a failed lookup is "unknown", never a failed command. */
export function slackDirectory(client: webApi.WebClient): SlackDirectory {
  return {
    async teamOf(userId) {
      try {
        const result = await client.users.info({ user: userId });
        return result.user?.team_id;
      } catch {
        return undefined;
      }
    },
  };
}
