import { z } from "zod";
import {
  effortMeasures,
  maxUnitMeasures,
  parseMeasureList,
  unitMeasureTable,
} from "../../../domain/effort/unit-measures.js";
import { escapeMrkdwn } from "../../../domain/text/escape.js";
import type { UnitMeasuresView } from "../../../usecases/effort/unit-measures.js";
import { commandSchema } from "../options.js";
import { defineSubcommand, message } from "../subcommand.js";

const sourceText: Record<UnitMeasuresView["source"], string> = {
  admin: "set by an admin",
  table: "the task force's table for this unit",
  default: "the default for units not in the table",
};

const listed = (view: UnitMeasuresView) => view.measures.map((m) => `\`${m}\``).join(", ");

/**
 * `/tf admin unit measures <unit> [<measure>,<measure>…|default]`: which measures `/tf tally by:unit`
 * and the digest show for a unit. With no list it shows them; `default` goes back to the table.
 */
export const adminUnitMeasures = defineSubcommand({
  name: "measures",
  minimumRole: "admin",
  usage: "/tf admin unit measures <unit> [<measure>,<measure>…|default]",
  summary: "Choose the measures a unit is judged by in `/tf tally by:unit` and the digest.",
  help: [
    `Measures: ${effortMeasures.map((m) => `\`${m}\``).join(", ")} (at most ${maxUnitMeasures} per unit).`,
    `Unless an admin chooses, the units of the source case show: ${Object.entries(unitMeasureTable)
      .map(([unit, measures]) => `\`${unit}\` ${measures.join(", ")}`)
      .join("; ")}; other units show reports, guns, narcotics-grams, cash, arrests.`,
    "With no list it shows a unit's measures; `default` goes back to the table.",
    "Example: `/tf admin unit measures tsu stops,citations,highway-share,guns`",
  ].join("\n"),
  schema: commandSchema(
    { command: "admin unit measures", keys: [], maxWords: 20 },
    z
      .object({
        words: z
          .array(z.string())
          .min(1, { message: "Say which unit: `/tf admin unit measures <unit> <measure>,<measure>…`." }),
      })
      .transform(({ words: [unit = "", ...list] }) => {
        const text = list.join(",");
        if (text === "") return { unit, measures: undefined };
        if (text.toLowerCase() === "default") return { unit, measures: "default" as const };
        return { unit, measures: parseMeasureList(text) };
      }),
  ),
  async handler(input, ctx) {
    const uses = ctx.services.admin.unitMeasures;
    if (input.measures === undefined) {
      const view = await uses.show({ unit: input.unit });
      return message(
        `${escapeMrkdwn(view.name)} (\`${view.code}\`) is judged by ${listed(view)} (${sourceText[view.source]}).`,
      );
    }
    const { before, after } = await uses.set({ unit: input.unit, measures: input.measures }, ctx.actor);
    return message(
      `:white_check_mark: ${escapeMrkdwn(after.name)} (\`${after.code}\`) is now judged by ${listed(after)} (${sourceText[after.source]}); before: ${listed(before)}.`,
    );
  },
});
