import { z } from "zod";
import { escapeMrkdwn } from "../../../domain/text/escape.js";
import { formatCount } from "../../../domain/text/numbers.js";
import { commandSchema, requiredText } from "../options.js";
import { defineSubcommand, message } from "../subcommand.js";
import { referenceGroup } from "./reference-commands.js";

const populationOf = (n: number) => (n === 0 ? "unknown (0)" : formatCount(n));

/** `/tf admin area set <area> population:<n>`: the residents that rates per 10,000 divide by. */
const setArea = defineSubcommand({
  name: "set",
  minimumRole: "admin",
  usage: '/tf admin area set <area|"name"> population:<n>',
  summary: "Set an area's population, for shootings per 10,000 residents (0 = unknown: no rate).",
  help: [
    "The area is its code or its name, quoted when it has spaces. The population is a whole number of residents; 0 means unknown, and an area with no known population shows n/a for its rate.",
    'Example: `/tf admin area set "Frog Hollow" population:21500`',
  ].join("\n"),
  schema: commandSchema(
    { command: "admin area set", keys: ["population"], maxWords: 1 },
    z
      .object({
        words: z
          .array(z.string())
          .length(1, { message: 'Say which area: `/tf admin area set "Frog Hollow" population:21500`.' }),
        options: z.object({
          population: requiredText("population", "population:21500", 20),
        }),
      })
      .transform(({ words, options }) => ({ area: words[0] as string, population: options.population })),
  ),
  async handler(input, ctx) {
    const result = await ctx.services.admin.areaPopulation.setPopulation(input, ctx.actor);
    const what = `${escapeMrkdwn(result.name)} (\`${result.code}\`)`;
    if (result.before === result.after) {
      return message(`${what} already has population ${populationOf(result.after)}; nothing changed.`);
    }
    const effect =
      result.after === 0
        ? "Its rate per 10,000 residents shows n/a."
        : "Rates per 10,000 residents now use it.";
    return message(
      `:white_check_mark: ${what}: population ${populationOf(result.before)} → ${populationOf(result.after)}. ${effect}`,
    );
  },
});

export const adminArea = referenceGroup("area", {
  children: [setArea],
  summary: "Add, rename or retire areas, or set their details.",
});
