import { z } from "zod";
import type { CommandArgs } from "../../domain/grammar/args.js";
import { escapeMrkdwn, quoteInput } from "../../domain/text/escape.js";
import { closestMatch } from "../../domain/text/suggest.js";
import { type LocalDate, localDateOf, parseDateToken } from "../../domain/time/local-date.js";
import { type Period, parsePeriod } from "../../domain/time/periods.js";
import type { CommandContext } from "./subcommand.js";

/** Longest value accepted for any option: Slack allows 4,000 characters of command text in all. */
export const maxOptionLength = 500;

export interface ArgsShape {
  /** `key:value` options by key; repeatable keys arrive as arrays. */
  options: Record<string, string | string[]>;
  /** Options whose key is not a declared one (e.g. drug names in a seizure), in order. */
  extra: Array<{ key: string; value: string }>;
  words: string[];
  users: string[];
  channels: string[];
}

/**
 * The first stage of every subcommand's schema: sorts the tokenised text into options by key,
 * refusing unknown keys (with a suggestion), repeated keys, stray mentions and `@channel`.
 */
export function argsSchema(spec: {
  command: string;
  keys: readonly string[];
  repeatable?: readonly string[];
  /** Let undeclared keys through in `extra` instead of refusing them. */
  extraKeys?: boolean;
  maxWords?: number;
  maxUsers?: number;
  allowChannels?: boolean;
}) {
  const repeatable = new Set(spec.repeatable ?? []);
  return z.custom<CommandArgs>().transform((args, ctx): ArgsShape => {
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    if (args.others.length > 0) {
      return fail(
        `\`/tf ${spec.command}\` does not take ${args.others.map((o) => `\`${escapeMrkdwn(o)}\``).join(", ")}: mentions like @channel are never sent on.`,
      );
    }
    if (args.users.length > (spec.maxUsers ?? 0)) {
      return fail(
        spec.maxUsers
          ? `\`/tf ${spec.command}\` takes one @person.`
          : `\`/tf ${spec.command}\` does not take an @person.`,
      );
    }
    if (args.channels.length > 0 && !spec.allowChannels) {
      return fail(`\`/tf ${spec.command}\` does not take a #channel.`);
    }
    if (args.words.length > (spec.maxWords ?? 0)) {
      const stray = args.words[spec.maxWords ?? 0] ?? "";
      return fail(
        `\`${quoteInput(stray)}\` is not understood here: options are written key:value, and values with spaces are quoted, e.g. note:"two words".`,
      );
    }
    const options: Record<string, string | string[]> = {};
    const extra: ArgsShape["extra"] = [];
    for (const { key, value } of args.options) {
      if (value.length > maxOptionLength) {
        return fail(`\`${key}:\` is too long (${value.length} characters); the most is ${maxOptionLength}.`);
      }
      if (!spec.keys.includes(key)) {
        if (spec.extraKeys) {
          extra.push({ key, value });
          continue;
        }
        const suggestion = closestMatch(key, spec.keys);
        const didYouMean = suggestion ? ` Did you mean \`${suggestion}:\`?` : "";
        return fail(
          `\`${quoteInput(key)}:\` is not an option of \`/tf ${spec.command}\`.${didYouMean} Options: ${spec.keys.map((k) => `\`${k}:\``).join(" ")}`,
        );
      }
      if (repeatable.has(key)) {
        const list = options[key];
        options[key] = Array.isArray(list) ? [...list, value] : [value];
      } else if (key in options) {
        return fail(`\`${key}:\` is given twice; give it once.`);
      } else {
        options[key] = value;
      }
    }
    return { options, extra, words: args.words, users: args.users, channels: args.channels };
  });
}

/**
 * A subcommand's whole schema: `argsSchema` sorts the tokens, then `target` (usually a z.object
 * over `users`, `words` and `options`) validates and shapes them into the handler's input.
 */
export function commandSchema<Target extends z.ZodType>(
  spec: Parameters<typeof argsSchema>[0],
  target: Target,
): z.ZodType<z.output<Target>, CommandArgs> {
  // Zod wants the target's declared input to cover every ArgsShape key; a z.object that reads only
  // some of them validates an ArgsShape just the same.
  return argsSchema(spec).pipe(target as unknown as z.ZodType<z.output<Target>, ArgsShape>);
}

/** A required, non-empty option value, with a message that names the option. */
export function requiredText(key: string, example: string, max = 100) {
  return z
    .string({ message: `\`${key}:\` is required, e.g. ${example}.` })
    .trim()
    .min(1, { message: `\`${key}:\` is empty, e.g. ${example}.` })
    .max(max, { message: `\`${key}:\` is too long; the most is ${max} characters.` });
}

export function optionalText(key: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, { message: `\`${key}:\` is too long; the most is ${max} characters.` })
    .optional()
    .transform((v) => (v ? v : undefined));
}

/** An optional date option resolved against the request's clock and the task force's zone. */
export function dateOption(
  value: string | undefined,
  key: string,
  ctx: CommandContext,
): LocalDate | undefined {
  return value === undefined ? undefined : parseDateToken(value, key, ctx.now, ctx.services.config.timeZone);
}

/** The period a command's words name (the default period when none), counted back from today in the task force's zone. */
export function periodOf(token: string | undefined, ctx: CommandContext): Period {
  const { timeZone, weekStart } = ctx.services.config;
  return parsePeriod(token, localDateOf(ctx.now, timeZone), weekStart);
}

/** A date option, or today in the task force's zone when it is absent. */
export function dateOptionOrToday(value: string | undefined, key: string, ctx: CommandContext): LocalDate {
  return dateOption(value, key, ctx) ?? localDateOf(ctx.now, ctx.services.config.timeZone);
}
