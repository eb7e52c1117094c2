import { z } from "zod";
import { commandSchema, requiredText } from "../options.js";
import { defineSubcommand, message } from "../subcommand.js";

const schema = commandSchema(
  { command: "admin workspace", keys: ["agency"], maxWords: 1 },
  z
    .object({
      words: z
        .array(
          z
            .string()
            .regex(/^[TE][A-Z0-9]{2,}$/, { message: "A workspace is its Slack team id, e.g. T0123ABCD." }),
        )
        .length(1, { message: "Say which workspace: `/tf admin workspace T0123ABCD agency:CSP`." }),
      options: z.object({ agency: requiredText("agency", "agency:CSP", 60) }),
    })
    .transform(({ words, options }) => ({ teamId: words[0] as string, agency: options.agency })),
);

export const adminWorkspace = defineSubcommand({
  name: "workspace",
  minimumRole: "admin",
  usage: "/tf admin workspace <team_id> agency:<agency>",
  summary: "Attribute a partner Slack workspace to an agency, so its people default to it.",
  help: "The team id is in the workspace's URL or a user's profile. Example: `/tf admin workspace T0123ABCD agency:CSP`",
  schema,
  async handler(input, ctx) {
    const result = await ctx.services.admin.workspaces.mapWorkspace(input, ctx.actor);
    return message(
      `:white_check_mark: Workspace ${result.teamId}: ${result.previous ? `${result.previous} → ` : ""}${result.agency}. ` +
        "People from it are now attributed to that agency unless a command names another.",
    );
  },
});
