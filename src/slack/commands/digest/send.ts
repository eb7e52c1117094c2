import { z } from "zod";
import { digestFailureReason } from "../../digest-publisher.js";
import { commandSchema, dateOptionOrToday } from "../options.js";
import { defineSubcommand, message } from "../subcommand.js";

const schema = commandSchema(
  { command: "digest send", keys: ["asof", "force"] },
  z
    .object({
      options: z.object({
        asof: z.string().optional(),
        force: z.enum(["yes", "no"], { message: "`force:` must be yes or no." }).optional(),
      }),
    })
    .transform(({ options }) => ({ asof: options.asof, force: options.force === "yes" })),
);

export const digestSend = defineSubcommand({
  name: "send",
  minimumRole: "admin",
  usage: "/tf digest send [asof:<date>] [force:yes]",
  summary: "Post the digest now to every scheduled channel: once per channel and day unless forced.",
  help: "A channel that already has the day's digest is skipped; `force:yes` posts it again. Example: `/tf digest send asof:yesterday`",
  schema,
  async handler(input, ctx) {
    const localDate = dateOptionOrToday(input.asof, "asof", ctx);
    const outcomes = await ctx.services.digests.sendNow(
      { localDate, force: input.force },
      ctx.actor,
      ctx.digestPublisher,
    );
    const lines = outcomes.map((o) =>
      o.outcome === "failed"
        ? `• <#${o.channelId}>: not posted. ${digestFailureReason(o.channelId, o.detail)}`
        : `• <#${o.channelId}>: ${o.outcome}${o.detail ? ` (${o.detail})` : ""}`,
    );
    return message(`Digest for ${localDate}:\n${lines.join("\n")}`);
  },
});
