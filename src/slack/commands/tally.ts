import { z } from "zod";
import { renderUnitTally } from "../render/effort.js";
import { renderTally } from "../render/seizures.js";
import { commandSchema, optionalText, periodOf } from "./options.js";
import { defineSubcommand, message } from "./subcommand.js";

const schema = commandSchema(
  { command: "tally", keys: ["unit", "agency", "by"], maxWords: 1 },
  z
    .object({
      words: z.array(z.string()),
      options: z.object({
        unit: optionalText("unit", 60),
        agency: optionalText("agency", 60),
        by: z
          .enum(["unit"], {
            message: "`by:` must be unit: `/tf tally by:unit` shows each unit's own measures.",
          })
          .optional(),
      }),
    })
    .transform(({ words, options }) => ({ period: words[0], ...options })),
);

export const tally = defineSubcommand({
  name: "tally",
  aliases: ["totals"],
  minimumRole: "viewer",
  usage: "/tf tally [<period>] [unit:<unit>] [agency:<agency>] [by:unit]",
  summary:
    "Seizure and activity totals over a period, by unit and agency, narcotics by drug type; `by:unit` gives each unit's own measures.",
  help: [
    "Periods: `wtd`, `28d` (the default), `7d`, `30d`, `ytd`, or `YYYY-MM-DD..YYYY-MM-DD`.",
    "Narcotics are totalled in grams per NIBRS drug type; dosage units are counted apart. Voided reports are left out.",
    "*Traffic stops on highway posts* is the share of stops made on areas of kind highway rather than in neighbourhoods;",
    "stops on reports with no area are counted apart and left out of the share, which is n/a with no stop on an area.",
    "`by:unit` shows each unit the measures that matter for it (troopers: stops, citations, the highway share, guns;",
    "parole: checks, violations, warrants; …); admins change them with `/tf admin unit measures`.",
    "Example: `/tf tally ytd unit:sntf`, `/tf tally 28d by:unit`",
  ].join("\n"),
  schema,
  async handler(input, ctx) {
    const { timeZone } = ctx.services.config;
    const period = periodOf(input.period, ctx);
    if (input.by === "unit") {
      const byUnit = await ctx.services.effort.tallyByUnit({
        period,
        unit: input.unit,
        agency: input.agency,
      });
      return message(...renderUnitTally(byUnit, timeZone));
    }
    const result = await ctx.services.seizures.tally({ period, unit: input.unit, agency: input.agency });
    return message(...renderTally(result, timeZone));
  },
});
