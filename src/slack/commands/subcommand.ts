import type { KnownBlock, ModalView } from "@slack/types";
import type { z } from "zod";
import type { SlackIdentity } from "../../domain/access/identity.js";
import { type Role, roleAllows } from "../../domain/access/roles.js";
import { UserFacingError } from "../../domain/errors.js";
import { type CommandArgs, isEmpty } from "../../domain/grammar/args.js";
import { quoteInput } from "../../domain/text/escape.js";
import type { Actor } from "../../usecases/actor.js";
import type { DigestPublisher } from "../../usecases/digest/digests.js";
import type { Services } from "../../usecases/services.js";

/** What a subcommand answers: a message (ephemeral unless it says otherwise) or a modal to open. */
export type Reply =
  | { kind: "message"; text: string; blocks?: KnownBlock[]; visibility?: "ephemeral" | "in_channel" }
  | { kind: "modal"; view: ModalView };

/** The person running a command: the pair (workspace or Grid org, user), and what they may do. */
export interface Caller {
  userId: string;
  teamId: string;
  role: Role | null;
  /** Their workspace, when no admin has mapped it: their role is capped at viewer (see Access). */
  unmappedWorkspace?: string;
}

/** Slack facts a handler may need that the command payload does not carry. */
export interface SlackDirectory {
  /** The person (workspace or Grid org, user) a user id names, when Slack will tell us. */
  personOf(userId: string): Promise<SlackIdentity | undefined>;
  /** The name Slack shows for a user (display name, else real name), when Slack will tell us. */
  nameOf(userId: string): Promise<string | undefined>;
}

export interface OutgoingFile {
  filename: string;
  title: string;
  content: Buffer;
  comment?: string;
}

/** Files the bot posts, such as chart images and exports. */
export interface SlackFiles {
  /** Uploads into a channel; resolves to an error message people can act on, or undefined when it worked. */
  upload(file: OutgoingFile & { channelId: string }): Promise<string | undefined>;
  /** Uploads into the user's direct messages with the bot, opening them if need be. */
  uploadToUser(file: OutgoingFile & { userId: string }): Promise<string | undefined>;
}

export interface CommandContext {
  caller: Caller;
  /** The caller as use cases take it: who, when, and the request id for the audit log. */
  actor: Actor;
  directory: SlackDirectory;
  files: SlackFiles;
  /** Posts digests into channels (the same publisher the scheduler uses). */
  digestPublisher: DigestPublisher;
  channelId: string;
  triggerId: string;
  requestId: string;
  /** The person an @mention in the command names: see mentionedPerson. */
  mentioned(userId: string): Promise<SlackIdentity>;
  /** Read once at the edge, so every figure in one reply agrees on what "today" is. */
  now: Date;
  services: Services;
  /** True when the command named its task force with `tf:` (rather than its channel or the caller's). */
  taskForceNamed: boolean;
  /** The code `tf:` gave, for a form the command opens: its submission acts in the same task force. */
  taskForceCode?: string;
  /** For help, in a deployment with several task forces: which one this is, and the caller's others. */
  taskForceNote?: string;
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
  /**
   * Whether, with these arguments, it acts on the state rather than on one task force (creating
   * task forces, the statewide roll-up): it then runs where no task force can be decided.
   */
  stateLevel?(args: CommandArgs): boolean;
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
  /** The form opened when the subcommand is given no arguments. */
  modal?: (ctx: CommandContext) => Promise<ModalView>;
  /** See Subcommand.stateLevel. */
  stateLevel?: (args: CommandArgs) => boolean;
}): Subcommand {
  const { schema, handler, modal, stateLevel, ...info } = definition;
  return {
    ...info,
    ...(stateLevel ? { stateLevel } : {}),
    aliases: info.aliases ?? [],
    async execute(args, ctx) {
      if (modal && isEmpty(args)) return { kind: "modal", view: await modal(ctx) };
      const parsed = await schema.safeParseAsync(args);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => issue.message);
        throw new UserFacingError(
          "invalid",
          problems.join("\n"),
          `Usage: \`${info.usage}\``,
          fieldOf(parsed.error.issues[0]?.path),
        );
      }
      return handler(parsed.data, ctx);
    },
  };
}

export function message(text: string, blocks?: KnownBlock[]): Reply {
  return { kind: "message", text, blocks };
}

/** The option an issue is about (`["options", "unit"]` → "unit"); the @person is the "member" field. */
function fieldOf(path: readonly PropertyKey[] | undefined): string | undefined {
  const [group, key] = path ?? [];
  if (group === "users") return "member";
  return typeof key === "string" ? key : undefined;
}

/**
 * A subcommand with subcommands of its own (`/tf admin digest add …`): the next word picks the
 * child, which then runs with the rest. The group's role admits callers to the group; each child's
 * own role is checked here too, and a refusal is thrown as "denied" so the router audits it.
 */
export function defineGroup(definition: {
  name: string;
  /** The words before `name` when the group sits inside another, e.g. "admin". */
  parent?: string;
  minimumRole: Role | "anyone";
  summary: string;
  children: readonly Subcommand[];
}): Subcommand {
  const { children } = definition;
  const path = definition.parent ? `${definition.parent} ${definition.name}` : definition.name;
  const usage = `/tf ${path} ${children.map((c) => c.name).join("|")} …`;
  const listing = (role: Role | null) =>
    children
      .filter((c) => roleAllows(role, c.minimumRole))
      .map((c) => `• \`${c.usage}\`\n    ${c.summary}`)
      .join("\n");
  return {
    name: definition.name,
    aliases: [],
    minimumRole: definition.minimumRole,
    usage,
    summary: definition.summary,
    help: children.map((c) => `• \`${c.usage}\`\n    ${c.summary}`).join("\n"),
    stateLevel(args) {
      const [word, ...rest] = args.words;
      const child = children.find((c) => c.name === word?.toLowerCase());
      return child?.stateLevel?.({ ...args, words: rest }) ?? false;
    },
    async execute(args, ctx) {
      const [word, ...rest] = args.words;
      const child =
        word === undefined
          ? undefined
          : children.find((c) => c.name === word.toLowerCase() || c.aliases.includes(word.toLowerCase()));
      if (!child) {
        const what =
          word === undefined
            ? `\`/tf ${path}\` needs a subcommand.`
            : `\`/tf ${path} ${quoteInput(word)}\` is not a command.`;
        throw new UserFacingError("invalid", `${what} You can run:\n${listing(ctx.caller.role)}`);
      }
      if (!roleAllows(ctx.caller.role, child.minimumRole)) {
        throw new UserFacingError(
          "denied",
          `You can't run \`/tf ${path} ${child.name}\`. It needs the *${child.minimumRole}* role; you are ${ctx.caller.role ? `a *${ctx.caller.role}*` : "not on the task force"}.`,
        );
      }
      return child.execute({ ...args, words: rest }, ctx);
    },
  };
}
