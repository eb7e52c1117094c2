// chat.*: messages the bot posts, updates and links to.
import { decodeJson, type Json } from "../json-values.js";
import { type EmulatorContext, type Methods, nextTs } from "./context.js";
import type { Directory } from "./conversations-users.js";

export function chatMethods(context: EmulatorContext, directory: Directory): Methods {
  const { team, bot } = context;

  function messageObject(args: Json, ts: string): Json {
    return {
      type: "message",
      text: args.text ?? "",
      user: bot.userId,
      bot_id: bot.botId,
      app_id: bot.appId,
      team: team.id,
      ts,
      ...(args.blocks !== undefined ? { blocks: decodeJson(args.blocks) } : {}),
      ...(args.thread_ts !== undefined ? { thread_ts: args.thread_ts } : {}),
    };
  }

  return {
    "chat.postMessage": (args) => {
      const channel = directory.resolveChannelId(String(args.channel ?? ""));
      const denied = directory.postingDenied(channel);
      if (denied) return { body: { ok: false, error: denied } };
      const ts = nextTs(context);
      return { body: { ok: true, channel, ts, message: messageObject(args, ts) } };
    },
    "chat.postEphemeral": (args) => {
      const channel = directory.resolveChannelId(String(args.channel ?? ""));
      const denied = directory.postingDenied(channel);
      if (denied) return { body: { ok: false, error: denied } };
      // Slack shows an ephemeral message only to a member of the channel, and refuses one for anybody else.
      if (directory.userOutside(String(args.user ?? ""), channel))
        return { body: { ok: false, error: "user_not_in_channel" } };
      return { body: { ok: true, message_ts: nextTs(context) } };
    },
    "chat.update": (args) => {
      const channel = directory.resolveChannelId(String(args.channel ?? ""));
      const ts = String(args.ts ?? "");
      return {
        body: {
          ok: true,
          channel,
          ts,
          text: args.text ?? "",
          message: { ...messageObject(args, ts), edited: {} },
        },
      };
    },
    "chat.getPermalink": (args) => {
      const channel = String(args.channel ?? "");
      const ts = String(args.message_ts ?? "");
      return {
        body: {
          ok: true,
          channel,
          permalink: `https://${team.domain}.slack.com/archives/${channel}/p${ts.replace(".", "")}`,
        },
      };
    },
  };
}
