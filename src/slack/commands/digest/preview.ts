import { z } from "zod";
import { renderDigest } from "../../render/digest.js";
import { commandSchema, dateOptionOrToday } from "../options.js";
import { defineSubcommand, message } from "../subcommand.js";

const schema = commandSchema(
  { command: "digest preview", keys: ["asof"] },
  z.object({ options: z.object({ asof: z.string().optional() }) }).transform(({ options }) => options),
);

export const digestPreview = defineSubcommand({
  name: "preview",
  minimumRole: "leadership",
  usage: "/tf digest preview [asof:<date>]",
  summary: "See the daily digest for any date, exactly as it would post, without posting it.",
  help: "Shows the digest for the date (today by default) only to you. Example: `/tf digest preview asof:2025-03-01`",
  schema,
  async handler(input, ctx) {
    const localDate = dateOptionOrToday(input.asof, "asof", ctx);
    const content = await ctx.services.digests.preview(localDate);
    return message(...renderDigest(content));
  },
});
