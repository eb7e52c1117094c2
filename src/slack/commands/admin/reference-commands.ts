import { z } from "zod";
import type { ReferenceKind } from "../../../domain/reference/match.js";
import { escapeMrkdwn } from "../../../domain/text/escape.js";
import { commandSchema, optionalText, requiredText } from "../options.js";
import { defineGroup, defineSubcommand, message, type Subcommand } from "../subcommand.js";

const examples: Record<ReferenceKind, { code: string; name: string }> = {
  unit: { code: "gang-unit", name: "Gang Unit" },
  agency: { code: "DEA", name: "Drug Enforcement Administration" },
  area: { code: "north-end", name: "North End" },
};

/**
 * `/tf admin unit|agency|area add|rename|retire`: the same three actions for each kind of reference
 * data, and any actions only one kind has (`more`, with the group's summary to match).
 */
export function referenceGroup(
  kind: ReferenceKind,
  more?: { children: readonly Subcommand[]; summary: string },
): Subcommand {
  const ex = examples[kind];
  const code = (verb: string) =>
    z.array(z.string()).length(1, { message: `Say which ${kind}: \`/tf admin ${kind} ${verb} <code>\`.` });

  const add = defineSubcommand({
    name: "add",
    minimumRole: "admin",
    usage: `/tf admin ${kind} add <code> name:"<name>"${kind === "area" ? " [kind:neighborhood|highway]" : ""}`,
    summary: `Add a${kind === "agency" || kind === "area" ? "n" : ""} ${kind}.`,
    help: `Example: \`/tf admin ${kind} add ${ex.code} name:"${ex.name}"\``,
    schema: commandSchema(
      { command: `admin ${kind} add`, keys: kind === "area" ? ["name", "kind"] : ["name"], maxWords: 1 },
      z
        .object({
          words: code("add"),
          options: z.object({
            name: requiredText("name", `name:"${ex.name}"`, 80),
            kind: z
              .enum(["neighborhood", "highway"], { message: "`kind:` must be neighborhood or highway." })
              .optional(),
          }),
        })
        .transform(({ words, options }) => ({ code: words[0] as string, ...options })),
    ),
    async handler(input, ctx) {
      const after = await ctx.services.admin.reference.add(
        { kind, code: input.code, name: input.name, areaKind: input.kind },
        ctx.actor,
      );
      return message(
        `:white_check_mark: ${after.restored ? "Restored" : "Added"} ${kind} \`${after.code}\`: ${escapeMrkdwn(after.name)}.${after.nameKept ? ` That is the name it has statewide, so name:"${escapeMrkdwn(input.name)}" was not used.` : ""}`,
      );
    },
  });

  const rename = defineSubcommand({
    name: "rename",
    minimumRole: "admin",
    usage: `/tf admin ${kind} rename <code> [name:"<new name>"] [code:<new code>]`,
    summary: `Rename a${kind === "agency" || kind === "area" ? "n" : ""} ${kind}; every past record stays attached.`,
    help: `Example: \`/tf admin ${kind} rename ${ex.code} name:"${ex.name} (North)"\``,
    schema: commandSchema(
      { command: `admin ${kind} rename`, keys: ["name", "code"], maxWords: 1 },
      z
        .object({
          words: code("rename"),
          options: z.object({ name: optionalText("name", 80), code: optionalText("code", 40) }),
        })
        .transform(({ words, options }) => ({
          code: words[0] as string,
          name: options.name,
          newCode: options.code,
        })),
    ),
    async handler(input, ctx) {
      const after = await ctx.services.admin.reference.rename({ kind, ...input }, ctx.actor);
      return message(
        `:white_check_mark: Renamed ${kind} \`${input.code}\` to \`${after.code}\`: ${escapeMrkdwn(after.name)}. Past records follow it.`,
      );
    },
  });

  const retire = defineSubcommand({
    name: "retire",
    minimumRole: "admin",
    usage: `/tf admin ${kind} retire <code>`,
    summary: `Stop new records using a${kind === "agency" || kind === "area" ? "n" : ""} ${kind}; its history stays.`,
    help: `Example: \`/tf admin ${kind} retire ${ex.code}\`. \`/tf admin ${kind} add ${ex.code} name:"…"\` brings it back.`,
    schema: commandSchema(
      { command: `admin ${kind} retire`, keys: [], maxWords: 1 },
      z.object({ words: code("retire") }).transform(({ words }) => ({ code: words[0] as string })),
    ),
    async handler(input, ctx) {
      const after = await ctx.services.admin.reference.retire({ kind, code: input.code }, ctx.actor);
      return message(
        `:white_check_mark: Retired ${kind} \`${after.code}\` (${escapeMrkdwn(after.name)}). Records that used it keep it.`,
      );
    },
  });

  return defineGroup({
    name: kind,
    parent: "admin",
    minimumRole: "admin",
    summary: more?.summary ?? `Add, rename or retire ${kind === "agency" ? "agencies" : `${kind}s`}.`,
    children: [add, rename, retire, ...(more?.children ?? [])],
  });
}
