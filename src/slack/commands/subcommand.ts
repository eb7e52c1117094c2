import type { types } from "@slack/bolt";
import type { z } from "zod";
import type { Role } from "../../domain/access/roles.js";
import { UserFacingError } from "../../domain/errors.js";
import type { CommandArgs } from "../../domain/grammar/args.js";
import { escapeMrkdwn } from "../../domain/text/escape.js";
import type { Services } from "../../usecases/services.js";

/** What a subcommand answers: a message (ephemeral unless it says otherwise) or a modal to open. */
export type Reply =
  | { kind: "message"; text: string; blocks?: types.KnownBlock[]; visibility?: "ephemeral" | "in_channel" }
  | { kind: "modal"; view: types.View };

export interface Caller {
  userId: string;
  teamId: string;
  role: Role | null;
}

export interface CommandContext {
  caller: Caller;
  channelId: string;
  triggerId: string;
  requestId: string;
  /** Read once at the edge, so every figure in one reply agrees on what "today" is. */
  now: Date;
  services: Services;
  /** The subcommands this caller may run, for help. */
  visibleCommands: readonly SubcommandInfo[];
}

export interface SubcommandInfo {
  name: string;
  aliases: readonly string[];
  minimumRole: Role | "anyone";
  usage: string;
  summary: string;
  /** Longer mrkdwn help with examples, shown by `/tf help <name>`. */
  help: string;
}

export interface Subcommand extends SubcommandInfo {
  execute(args: CommandArgs, ctx: CommandContext): Promise<Reply>;
}

/**
 * Binds a subcommand's zod schema to its handler. The schema turns the tokenised command into the
 * handler's input; a schema failure becomes an ephemeral message naming the field, with the usage.
 */
export function defineSubcommand<Input>(definition: {
  name: string;
  aliases?: readonly string[];
  minimumRole: Role | "anyone";
  usage: string;
  summary: string;
  help: string;
  schema: z.ZodType<Input, CommandArgs>;
  handler: (input: Input, ctx: CommandContext) => Promise<Reply>;
}): Subcommand {
  const { schema, handler, ...info } = definition;
  return {
    ...info,
    aliases: info.aliases ?? [],
    async execute(args, ctx) {
      const parsed = await schema.safeParseAsync(args);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => issue.message);
        throw new UserFacingError("invalid", problems.join("\n"), `Usage: \`${info.usage}\``);
      }
      return handler(parsed.data, ctx);
    },
  };
}

export function message(text: string, blocks?: types.KnownBlock[]): Reply {
  return { kind: "message", text, blocks };
}

/** Quotes user-typed text for display inside a message: escaped, and shortened when long. */
export function quoteUserText(text: string, max = 60): string {
  const shortened = text.length > max ? `${text.slice(0, max)}…` : text;
  return escapeMrkdwn(shortened);
}
