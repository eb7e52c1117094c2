import type { webApi } from "@slack/bolt";
import { personOf, type Workspace } from "../domain/access/identity.js";
import type { Logger } from "../infra/logger.js";
import type { SlackDirectory, SlackFiles } from "./commands/subcommand.js";
import { slackDigestPublisher } from "./digest-publisher.js";

/**
 * Answers from Slack's Web API; a failed lookup is "unknown", never a failed command. `home` is the
 * bot's own workspace, against which a user's namespace is decided (see personOf).
 */
export function slackDirectory(client: webApi.WebClient, home: Workspace): SlackDirectory {
  const userOf = async (userId: string) => {
    try {
      return (await client.users.info({ user: userId })).user;
    } catch {
      return undefined;
    }
  };
  return {
    async personOf(userId) {
      const user = await userOf(userId);
      if (!user?.team_id) return undefined;
      const enterpriseId = user.enterprise_user?.enterprise_id;
      return personOf(userId, { teamId: user.team_id, enterpriseId }, home);
    },
    async nameOf(userId) {
      const user = await userOf(userId);
      return user?.profile?.display_name || user?.real_name || user?.name || undefined;
    },
  };
}

/** Uploads with files upload v2 (files.getUploadURLExternal, then files.completeUploadExternal). */
export function slackFiles(client: webApi.WebClient): SlackFiles {
  const files: SlackFiles = {
    async uploadToUser({ userId, ...file }) {
      try {
        const dm = await client.conversations.open({ users: userId });
        if (!dm.channel?.id) return "Slack did not open a direct message with you.";
        return await files.upload({ channelId: dm.channel.id, ...file });
      } catch (error) {
        return `Slack refused to open a direct message (${(error as { data?: { error?: string } }).data?.error ?? "unknown error"}).`;
      }
    },
    async upload({ channelId, filename, title, content, comment }) {
      try {
        await client.filesUploadV2({
          channel_id: channelId,
          file: content,
          filename,
          title,
          ...(comment ? { initial_comment: comment } : {}),
        });
        return undefined;
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        if (code === "not_in_channel" || code === "channel_not_found") {
          return "I can't post files in this channel. Invite me with `/invite @Task Force Bot`, or ask in a channel I am in.";
        }
        return `Slack refused the upload (${code ?? "unknown error"}).`;
      }
    },
  };
  return files;
}

/** Everything a handler may need from Slack besides its reply, bound to one Web API client. */
export function slackPorts(client: webApi.WebClient, logger: Logger, home: Workspace) {
  return {
    directory: slackDirectory(client, home),
    files: slackFiles(client),
    digestPublisher: slackDigestPublisher(client, logger),
  };
}
