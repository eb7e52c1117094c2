import { z } from "zod";
import { shifts } from "../../usecases/assignments/assignments.js";
import { renderAssignmentConfirmation } from "../render/assignments.js";
import { assignModal } from "../views/assign-modal.js";
import { modalMetadata } from "../views/metadata.js";
import { commandSchema, dateOption, optionalText, requiredText } from "./options.js";
import { defineSubcommand, message } from "./subcommand.js";

const schema = commandSchema(
  {
    command: "assign",
    keys: ["unit", "agency", "role", "area", "shift", "from", "to"],
    repeatable: ["area"],
    maxUsers: 1,
  },
  z
    .object({
      users: z
        .array(z.string())
        .length(1, { message: "Say who is assigned: `/tf assign @person unit:<unit>`." }),
      options: z.object({
        unit: requiredText("unit", "unit:vctf", 60),
        agency: optionalText("agency", 60),
        role: optionalText("role", 80),
        // `area:a,b` and `area:a area:b` both name several areas.
        area: z
          .array(z.string())
          .optional()
          .transform((values) =>
            (values ?? [])
              .flatMap((v) => v.split(","))
              .map((v) => v.trim())
              .filter(Boolean),
          )
          .pipe(z.array(z.string()).max(10, { message: "`area:` names at most 10 areas." })),
        shift: z
          .enum(shifts, { message: "`shift:` must be day, evening or night, e.g. shift:night." })
          .optional(),
        from: z.string().optional(),
        to: z.string().optional(),
      }),
    })
    .transform(({ users, options }) => ({ memberUserId: users[0] as string, ...options })),
);

export const assign = defineSubcommand({
  name: "assign",
  minimumRole: "member",
  usage:
    '/tf assign <@user> unit:<unit> [agency:<agency>] [role:"<title>"] [area:<area>] [shift:day|evening|night] [from:<date>] [to:<date>]',
  summary: "Register an assignment: who, to which unit, where and when.",
  help: [
    "Registers an assignment. Members register their own; leadership and admins anyone's.",
    "• `agency:` defaults from the member's Slack workspace when an admin has mapped it.",
    "• `area:` may be repeated or comma-separated. `from:` defaults to today; leave out `to:` for open-ended.",
    "• An overlapping assignment to the same unit is refused.",
    "With no arguments, `/tf assign` opens a form.",
    'Example: `/tf assign @jsmith unit:vctf agency:CSP role:"Detective" area:frog-hollow shift:night from:2025-03-01`',
  ].join("\n"),
  schema,
  modal: async (ctx) => assignModal(await ctx.services.reference(), modalMetadata(ctx)),
  async handler(input, ctx) {
    const view = await ctx.services.assignments.register(
      {
        member: await ctx.mentioned(input.memberUserId),
        unit: input.unit,
        agency: input.agency,
        title: input.role,
        areas: input.area,
        shift: input.shift,
        from: dateOption(input.from, "from", ctx),
        to: dateOption(input.to, "to", ctx),
      },
      ctx.actor,
    );
    return message(...renderAssignmentConfirmation("Registered", view));
  },
});
