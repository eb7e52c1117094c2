import { z } from "zod";
import { renderTally } from "../render/seizures.js";
import { commandSchema, optionalText, periodOf } from "./options.js";
import { defineSubcommand, message } from "./subcommand.js";

const schema = commandSchema(
  { command: "tally", keys: ["unit", "agency"], maxWords: 1 },
  z
    .object({
      words: z.array(z.string()),
      options: z.object({ unit: optionalText("unit", 60), agency: optionalText("agency", 60) }),
    })
    .transform(({ words, options }) => ({ period: words[0], ...options })),
);

export const tally = defineSubcommand({
  name: "tally",
  aliases: ["totals"],
  minimumRole: "viewer",
  usage: "/tf tally [<period>] [unit:<unit>] [agency:<agency>]",
  summary: "Seizure totals over a period, by unit and agency, narcotics by drug type.",
  help: [
    "Periods: `wtd`, `28d` (the default), `7d`, `30d`, `ytd`, or `YYYY-MM-DD..YYYY-MM-DD`.",
    "Narcotics are totalled in grams per NIBRS drug type; dosage units are counted apart. Voided reports are left out.",
    "Example: `/tf tally ytd unit:sntf`",
  ].join("\n"),
  schema,
  async handler(input, ctx) {
    const { timeZone } = ctx.services.config;
    const period = periodOf(input.period, ctx);
    const result = await ctx.services.seizures.tally({ period, unit: input.unit, agency: input.agency });
    return message(...renderTally(result, timeZone));
  },
});
