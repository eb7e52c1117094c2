import { type Token, tokenize } from "./tokenize.js";

/**
 * A command's text sorted by kind, the shape every subcommand's zod schema validates.
 * Options keep their order and repeats (`area:a area:b`), because some subcommands accept several.
 */
export interface CommandArgs {
  words: string[];
  options: Array<{ key: string; value: string }>;
  users: string[];
  channels: string[];
  /** Anything else Slack sent as markup (`<!channel>`, user groups): schemas reject it by name. */
  others: string[];
}

export function toCommandArgs(tokens: Token[]): CommandArgs {
  const args: CommandArgs = { words: [], options: [], users: [], channels: [], others: [] };
  for (const token of tokens) {
    if (token.kind === "word") args.words.push(token.value);
    else if (token.kind === "option") args.options.push({ key: token.key, value: token.value });
    else if (token.kind === "user") args.users.push(token.id);
    else if (token.kind === "channel") args.channels.push(token.id);
    else if (token.kind === "usergroup") args.others.push(`user group ${token.id}`);
    else args.others.push(`@${token.value}`);
  }
  return args;
}

/** Splits `/tf <subcommand> rest…` into the subcommand name and its arguments. */
export function parseCommandLine(text: string): { name: string | undefined; args: CommandArgs } {
  const tokens = tokenize(text);
  const first = tokens[0];
  if (first?.kind === "word") {
    return { name: first.value.toLowerCase(), args: toCommandArgs(tokens.slice(1)) };
  }
  return { name: undefined, args: toCommandArgs(tokens) };
}

export function isEmpty(args: CommandArgs): boolean {
  return (
    args.words.length +
      args.options.length +
      args.users.length +
      args.channels.length +
      args.others.length ===
    0
  );
}
