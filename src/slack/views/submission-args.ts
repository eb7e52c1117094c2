import { invalid } from "../../domain/errors.js";
import { type CommandArgs, toCommandArgs } from "../../domain/grammar/args.js";
import { TokenizeError, tokenize } from "../../domain/grammar/tokenize.js";
import { stripControlCharacters } from "../../domain/text/escape.js";

/** The state Slack sends with a view submission: block id → action id → element value. */
export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;

interface ViewStateValue {
  type: string;
  value?: string | null;
  selected_user?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: Array<{ value: string }>;
  selected_date?: string | null;
  selected_time?: string | null;
}

/**
 * Turns a modal's inputs into the arguments its subcommand takes when typed: block ids are option
 * names, and the "member" block is the @person. A submission then goes through the very same
 * schema, role check and use case as the typed command.
 */
export function submissionArgs(values: ViewStateValues): CommandArgs {
  const args: CommandArgs = { words: [], options: [], users: [], channels: [], others: [] };
  for (const [blockId, actions] of Object.entries(values)) {
    for (const element of Object.values(actions)) {
      if (blockId === "member") {
        if (element.selected_user) args.users.push(element.selected_user);
        continue;
      }
      if (blockId === "items") {
        // The narcotics box holds the command's own notation: tokenise it like typed text.
        if (element.value?.trim()) args.options.push(...itemOptions(element.value));
        continue;
      }
      const chosen = [
        element.value,
        element.selected_date,
        element.selected_time,
        element.selected_option?.value,
        ...(element.selected_options ?? []).map((o) => o.value),
      ].filter((v): v is string => typeof v === "string" && v.trim() !== "");
      for (const value of chosen) args.options.push({ key: blockId, value: stripControlCharacters(value) });
    }
  }
  return args;
}

function itemOptions(text: string): CommandArgs["options"] {
  try {
    const args = toCommandArgs(tokenize(text));
    if (args.words.length > 0) {
      throw invalid(`Write each item as name:quantity, e.g. fentanyl:25g cocaine:1.5oz.`, undefined, "items");
    }
    return args.options;
  } catch (error) {
    if (error instanceof TokenizeError) throw invalid(error.message, undefined, "items");
    throw error;
  }
}
