import { escapeMrkdwn } from "../../domain/text/escape.js";
import type { SlackDirectory } from "../commands/subcommand.js";

const mention = /<@([UW][A-Z0-9]+)>/g;
/** A name not found in this long is left as the user id: the form's answer must reach Slack in 3 s. */
const lookupTimeoutMs = 1000;
/** Slack's limit on a field error. */
const maxLength = 1000;

/**
 * The text of a modal's field error. The messages are written for chat, where Slack turns
 * "<@U…>" into the person's name; a field error shows it as typed, so each mention becomes the
 * person's name, or their user id when Slack does not answer in time.
 */
export async function fieldErrorText(message: string, directory: SlackDirectory): Promise<string> {
  const text = message.replace(/^:warning: /, "");
  const ids = [...new Set(Array.from(text.matchAll(mention), (match) => match[1] as string))];
  if (ids.length === 0) return text.slice(0, maxLength);
  const names = new Map(await Promise.all(ids.map(async (id) => [id, await nameOf(id, directory)] as const)));
  return text.replace(mention, (_, id: string) => `@${names.get(id) ?? id}`).slice(0, maxLength);
}

async function nameOf(userId: string, directory: SlackDirectory): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), lookupTimeoutMs);
  });
  try {
    const name = await Promise.race([directory.nameOf(userId), timeout]);
    return name ? escapeMrkdwn(name) : userId;
  } finally {
    clearTimeout(timer);
  }
}
