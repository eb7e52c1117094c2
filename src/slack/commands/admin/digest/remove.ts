import { z } from "zod";
import { commandSchema } from "../../options.js";
import { defineSubcommand, message } from "../../subcommand.js";

const schema = commandSchema(
  { command: "admin digest remove", keys: [], allowChannels: true },
  z
    .object({
      channels: z
        .array(z.string())
        .length(1, { message: "Name one channel: `/tf admin digest remove #leadership`." }),
    })
    .transform(({ channels }) => ({ channelId: channels[0] as string })),
);

export const adminDigestRemove = defineSubcommand({
  name: "remove",
  minimumRole: "admin",
  usage: "/tf admin digest remove <#channel>",
  summary: "Stop the daily digest in a channel. Past runs stay on record.",
  help: "Example: `/tf admin digest remove #command-staff`",
  schema,
  async handler(input, ctx) {
    await ctx.services.digests.removeSchedule(input.channelId, ctx.actor);
    return message(`:white_check_mark: <#${input.channelId}> no longer gets the daily digest.`);
  },
});
