import { z } from "zod";
import { countOf } from "../../../domain/text/numbers.js";
import { exportKinds } from "../../../usecases/admin/export.js";
import { commandSchema, periodOf } from "../options.js";
import { defineSubcommand, message } from "../subcommand.js";

const kindMessage = `Exports are ${exportKinds.join(", ")}, e.g. \`/tf admin export incidents 28d\`.`;

const schema = commandSchema(
  { command: "admin export", keys: [], maxWords: 2 },
  z.object({ words: z.array(z.string()) }).transform(({ words }, ctx) => {
    const kind = exportKinds.find((k) => k === words[0]?.toLowerCase());
    if (!kind) {
      ctx.addIssue({ code: "custom", message: kindMessage });
      return z.NEVER;
    }
    return { kind, period: words[1] };
  }),
);

export const adminExport = defineSubcommand({
  name: "export",
  minimumRole: "admin",
  usage: "/tf admin export seizures|incidents|assignments|audit [<period>]",
  summary: "Send yourself a CSV of records over a period (28 days by default), in a direct message.",
  help: "Voided records are included and marked. Every export is audited. Example: `/tf admin export incidents 2025-01-01..2025-03-31`",
  schema,
  async handler(input, ctx) {
    const period = periodOf(input.period, ctx);
    const file = await ctx.services.admin.exports.exportCsv({ kind: input.kind, period }, ctx.actor);
    const problem = await ctx.files.uploadToUser({
      userId: ctx.caller.userId,
      filename: file.filename,
      title: `Task force ${input.kind}, ${period.from} to ${period.to}`,
      content: file.content,
    });
    if (problem) return message(`:warning: The export could not be sent: ${problem}`);
    return message(
      `:white_check_mark: Sent you ${file.filename} (${countOf(file.rows, "row")}) in a direct message.`,
    );
  },
});
