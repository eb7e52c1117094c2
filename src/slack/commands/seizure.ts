import { z } from "zod";
import { parseSeizureItems, seizureAttributeKeys } from "../../domain/seizures/seizure-items.js";
import { renderSeizureConfirmation } from "../render/seizures.js";
import { modalMetadata } from "../views/metadata.js";
import { seizureModal } from "../views/seizure-modal.js";
import { commandSchema, dateOption, optionalText } from "./options.js";
import { defineSubcommand, message } from "./subcommand.js";

const schema = commandSchema(
  { command: "seizure", keys: seizureAttributeKeys, extraKeys: true },
  z
    .object({
      options: z.object({
        area: optionalText("area", 60),
        case: optionalText("case", 40),
        on: z.string().optional(),
        unit: optionalText("unit", 60),
        agency: optionalText("agency", 60),
        note: optionalText("note", 500),
      }),
      extra: z.array(z.object({ key: z.string(), value: z.string() })),
    })
    .transform(({ options, extra }) => ({ ...options, items: parseSeizureItems(extra) })),
);

export const seizure = defineSubcommand({
  name: "seizure",
  aliases: ["seize", "seizures"],
  minimumRole: "member",
  usage: '/tf seizure <item>... [area:<area>] [case:<ref>] [on:<date>] [unit:<unit>] [note:"<text>"]',
  summary:
    "Record what was seized (guns, narcotics, cash, vehicles, arrests, warrants) and enforcement activity (stops, citations, parole checks).",
  help: [
    "*Items:* `guns:<n>` with `stolen-guns:<n>` and `ghost-guns:<n>` counted within them, `conversion-devices:<n>`,",
    "`<drug>:<qty><unit>` in g, kg, oz, lb or du (dosage units) — e.g. `fentanyl:25g cocaine:1.5oz pills:40du` —",
    "`cash:<amount>` (4500, $4,500 or 4.5k), `vehicles:<n>`, `arrests:<n>`, `warrants:<n>`.",
    "*Activity:* `stops:<n>` (traffic stops), `citations:<n>`, `parole-checks:<n>` (home and compliance visits),",
    "`parole-violations:<n>`. A report may hold activity alone, e.g. a shift's stops with nothing seized; give `area:` so",
    "stops count on a highway post or in a neighbourhood. Counts are whole numbers, 0 or more.",
    "The unit and agency default from your assignment. `on:` defaults to today.",
    "With no arguments, `/tf seizure` opens a form. The confirmation gives the record id, for `/tf void`.",
    'Example: `/tf seizure guns:2 stolen-guns:1 fentanyl:25g cash:$4,500 arrests:2 area:frog-hollow case:24-00123 note:"traffic stop"`',
    "Example: `/tf seizure stops:14 citations:6 guns:1 area:i-84-ramps unit:tsu`",
  ].join("\n"),
  schema,
  modal: async (ctx) => seizureModal(await ctx.services.reference(), modalMetadata(ctx)),
  async handler(input, ctx) {
    const on = dateOption(input.on, "on", ctx);
    const view = await ctx.services.seizures.record(
      {
        items: input.items,
        area: input.area,
        caseRef: input.case,
        on,
        unit: input.unit,
        agency: input.agency,
        note: input.note,
      },
      ctx.actor,
    );
    return message(...renderSeizureConfirmation(view));
  },
});
