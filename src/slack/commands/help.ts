import { z } from "zod";
import type { SlackIdentity } from "../../domain/access/identity.js";
import type { CommandArgs } from "../../domain/grammar/args.js";
import { quoteInput } from "../../domain/text/escape.js";
import { closestMatch } from "../../domain/text/suggest.js";
import { type Caller, defineSubcommand, message, type SubcommandInfo } from "./subcommand.js";

const schema = z
  .custom<CommandArgs>()
  .refine(
    (args) =>
      args.words.length <= 1 &&
      args.options.length + args.users.length + args.channels.length + args.others.length === 0,
    { message: "`/tf help` takes at most one subcommand name, e.g. `/tf help roster`." },
  )
  .transform((args) => ({ topic: args.words[0]?.toLowerCase() }));

export const help = defineSubcommand({
  name: "help",
  aliases: ["?"],
  minimumRole: "anyone",
  usage: "/tf help [subcommand]",
  summary: "List the commands you can run, or explain one.",
  help: "`/tf help` lists the commands your role allows. `/tf help <subcommand>` shows one in full, e.g. `/tf help seizure`.",
  schema,
  async handler({ topic }, ctx) {
    if (!topic) {
      const text = overview(ctx.visibleCommands, ctx.caller, ctx.services.access.admins);
      return message(ctx.taskForceNote ? `${text}\n\n${ctx.taskForceNote}` : text);
    }
    const command = findCommand(ctx.visibleCommands, topic);
    if (!command) {
      const suggestion = closestMatch(
        topic,
        ctx.visibleCommands.map((c) => c.name),
      );
      const didYouMean = suggestion ? ` Did you mean \`/tf help ${suggestion}\`?` : "";
      return message(
        `There is no subcommand \`${quoteInput(topic)}\` that you can run.${didYouMean}\n\n${overview(ctx.visibleCommands, ctx.caller, ctx.services.access.admins)}`,
      );
    }
    return message(detail(command));
  },
});

export function findCommand<T extends SubcommandInfo>(commands: readonly T[], name: string): T | undefined {
  return commands.find((c) => c.name === name || c.aliases.includes(name));
}

/** Who can grant access: the configured admins, by mention, so the refused person knows whom to ask. */
export function whoGrantsAccess(admins: readonly SlackIdentity[]): string {
  const named = admins.slice(0, 5).map((admin) => `<@${admin.userId}>`);
  return `Ask a task force admin${named.length ? ` (${named.join(", ")})` : ""} to grant you access.`;
}

/**
 * Why a caller from a Slack Connect partner workspace no admin has mapped may read at most: Slack
 * vouches for who they are in their own workspace, not for their place on the task force.
 */
export function unmappedWorkspaceNote(teamId: string): string {
  return (
    `Your Slack workspace (\`${teamId}\`) is not mapped to a task force agency yet, so you can read summaries at most. ` +
    `An admin maps it with \`/tf admin workspace ${teamId} agency:<agency>\`.`
  );
}

export function overview(
  commands: readonly SubcommandInfo[],
  caller: Pick<Caller, "role" | "unmappedWorkspace">,
  admins: readonly SlackIdentity[],
): string {
  const lines = commands.map((c) => `• \`${c.usage}\`\n    ${c.summary}`);
  const notes = [
    caller.unmappedWorkspace ? unmappedWorkspaceNote(caller.unmappedWorkspace) : undefined,
    caller.role === null ? `You have no task force role yet. ${whoGrantsAccess(admins)}` : undefined,
  ].filter(Boolean);
  const footer = notes.length
    ? `\n\n${notes.join("\n")}`
    : "\n\n`/tf help <subcommand>` explains one in full.";
  return `*Task Force Bot commands you can run*\n${lines.join("\n")}${footer}`;
}

function detail(command: SubcommandInfo): string {
  const aliases = command.aliases.length
    ? `\nAlso: ${command.aliases.map((a) => `\`${a}\``).join(", ")}`
    : "";
  return `*\`${command.usage}\`*\n${command.summary}\n\n${command.help}${aliases}`;
}
