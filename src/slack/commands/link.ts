import { z } from "zod";
import { parseRecordId } from "../../domain/records/record-id.js";
import { renderLinkChange } from "../render/incidents.js";
import { commandSchema, optionalText } from "./options.js";
import { defineSubcommand, message } from "./subcommand.js";

const example = '/tf link I-12 I-40 reason:"same plate"';

/** Two record ids, in either order, and an optional reason: what `/tf link` and `/tf unlink` take. */
export function recordPairSchema(command: "link" | "unlink", usage: string) {
  return commandSchema(
    { command, keys: ["reason"], maxWords: 2 },
    z
      .object({
        words: z.array(z.string()).length(2, { message: `Give the two incidents' ids: \`${usage}\`.` }),
        options: z.object({ reason: optionalText("reason", 500) }),
      })
      .transform(({ words, options }) => ({
        first: parseRecordId(words[0] as string, `e.g. ${usage}`),
        second: parseRecordId(words[1] as string, `e.g. ${usage}`),
        reason: options.reason,
      })),
  );
}

export const link = defineSubcommand({
  name: "link",
  minimumRole: "member",
  usage: '/tf link <incident-id> <incident-id> [reason:"<text>"]',
  summary: "Link a shooting to the stolen vehicle used in it, or a recovery to the theft it closes.",
  help: [
    "The ids are the ones the confirmations give (I-12); either order works.",
    "A shooting may involve several stolen vehicles and a vehicle several shootings; a theft is recovered once, never before it was stolen.",
    "Linked shootings, the recovery rate and the days from theft to recovery are in `/tf trends` and the digest. A voided record's links count nowhere.",
    "`/tf shooting` and `/tf recovered` also take `stolen:<id>` to link as they record.",
    `Example: \`${example}\``,
  ].join("\n"),
  schema: recordPairSchema("link", example),
  async handler(input, ctx) {
    const view = await ctx.services.links.link(input, ctx.actor);
    return message(renderLinkChange("linked", view));
  },
});
