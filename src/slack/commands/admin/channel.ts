import { z } from "zod";
import { escapeMrkdwn } from "../../../domain/text/escape.js";
import { commandSchema } from "../options.js";
import { defineSubcommand, message } from "../subcommand.js";

/**
 * `/tf admin channel <#C…> [tf:<code>]`: with `tf:`, binds the channel to that task force (the
 * router has already checked the caller is an admin there); without, says what it is bound to.
 */
export const adminChannel = defineSubcommand({
  name: "channel",
  minimumRole: "admin",
  usage: "/tf admin channel <#channel> [tf:<code>]",
  summary: "Show which task force a channel acts in, or bind it to one with tf:.",
  help: [
    "Commands typed in a bound channel act in its task force without `tf:`; its digests are that task force's.",
    "Example: `/tf admin channel #newhaven-command tf:newhaven`",
  ].join("\n"),
  schema: commandSchema(
    { command: "admin channel", keys: [], allowChannels: true },
    z
      .object({
        channels: z
          .array(z.string())
          .length(1, { message: "Name one channel: `/tf admin channel #newhaven-command tf:newhaven`." }),
      })
      .transform(({ channels }) => ({ channelId: channels[0] as string })),
  ),
  async handler(input, ctx) {
    const { taskForces } = ctx.services;
    if (ctx.taskForceNamed) {
      const force = (await taskForces.all()).find((t) => t.id === ctx.services.taskForce.id);
      const { taskForce, before } = await taskForces.bindChannel(
        { channelId: input.channelId, code: force?.code ?? "" },
        ctx.actor,
      );
      const was = before && before.id !== taskForce.id ? ` (it was ${escapeMrkdwn(before.name)}'s)` : "";
      return message(
        `:white_check_mark: <#${input.channelId}> now acts in ${escapeMrkdwn(taskForce.name)} (\`${taskForce.code}\`)${was}.`,
      );
    }
    const bound = await taskForces.ofChannel(input.channelId);
    return message(
      bound
        ? `<#${input.channelId}> acts in ${escapeMrkdwn(bound.name)} (\`${bound.code}\`).`
        : `<#${input.channelId}> is not bound to a task force: commands there act in the caller's own. Bind it with \`/tf admin channel <#${input.channelId}> tf:<code>\`.`,
    );
  },
});
