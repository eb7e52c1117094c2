import { z } from "zod";
import { parseRecordId } from "../../domain/records/record-id.js";
import { commandSchema, requiredText } from "./options.js";
import { defineSubcommand, message } from "./subcommand.js";

const schema = commandSchema(
  { command: "void", keys: ["reason"], maxWords: 1 },
  z
    .object({
      words: z
        .array(z.string())
        .length(1, { message: 'Say which record: `/tf void S-42 reason:"entered twice"`.' }),
      options: z.object({ reason: requiredText("reason", 'reason:"entered twice"', 500) }),
    })
    .transform(({ words, options }) => ({
      record: parseRecordId(words[0] as string),
      reason: options.reason,
    })),
);

export const voidCommand = defineSubcommand({
  name: "void",
  minimumRole: "member",
  usage: '/tf void <record-id> reason:"<text>"',
  summary: "Void a seizure, incident or assignment you recorded (admins: any record).",
  help: [
    "Voiding keeps the record and its audit trail but drops it from every total and roster.",
    "The person who recorded it may void it within 24 hours; after that, or for anyone else's, only an admin.",
    'Example: `/tf void S-42 reason:"entered twice"`',
  ].join("\n"),
  schema,
  async handler(input, ctx) {
    const result = await ctx.services.corrections.voidRecord(
      { ...input.record, reason: input.reason },
      ctx.actor,
    );
    return message(
      `:white_check_mark: Voided ${result.kind} ${result.recordId}. It stays on record and no longer counts.`,
    );
  },
});
