import { renderLinkChange } from "../render/incidents.js";
import { recordPairSchema } from "./link.js";
import { defineSubcommand, message } from "./subcommand.js";

const example = '/tf unlink I-12 I-40 reason:"wrong plate"';

export const unlink = defineSubcommand({
  name: "unlink",
  minimumRole: "member",
  usage: '/tf unlink <incident-id> <incident-id> [reason:"<text>"]',
  summary: "Remove a link made by mistake.",
  help: [
    "Both records stay; only the link goes, and the audit log keeps who removed it and why.",
    `Example: \`${example}\``,
  ].join("\n"),
  schema: recordPairSchema("unlink", example),
  async handler(input, ctx) {
    const view = await ctx.services.links.unlink(input, ctx.actor);
    return message(renderLinkChange("unlinked", view));
  },
});
