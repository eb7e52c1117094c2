import type { Db, DbOrTx } from "../../db/client.js";
import { invalid, UserFacingError } from "../../domain/errors.js";
import { type ReferenceKind, referenceKey } from "../../domain/reference/match.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import { escapeMrkdwn, quoteInput } from "../../domain/text/escape.js";
import type { Actor } from "../actor.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";

interface ReferenceRow {
  id: number;
  code: string;
  name: string;
  retiredAt: Date | null;
}

/** Unit and area codes are slugs people type (`vctf`, `frog-hollow`); agency codes are short capitals (`CSP`). */
function normaliseCode(kind: ReferenceKind, raw: string): string {
  const code = kind === "agency" ? raw.trim().toUpperCase() : raw.trim().toLowerCase();
  const valid = kind === "agency" ? /^[A-Z][A-Z0-9]{1,9}$/ : /^[a-z0-9][a-z0-9-]{1,39}$/;
  if (!valid.test(code)) {
    throw invalid(
      `\`${quoteInput(raw)}\` is not a usable ${kind} code.`,
      kind === "agency"
        ? "Agency codes are 2 to 10 letters or digits, starting with a letter, e.g. DEA."
        : `${kind === "unit" ? "Unit" : "Area"} codes are 2 to 40 lower-case letters, digits and hyphens, e.g. ${kind === "unit" ? "gang-unit" : "north-end"}.`,
    );
  }
  return code;
}

/**
 * One reference table as seen from a task force: its own units and areas (codes are unique within
 * a task force, so another's `vctf` is a different row), and the agencies, which every task force
 * shares.
 */
function table(db: DbOrTx, kind: ReferenceKind, taskForceId: number) {
  // The three models share the fields used here; one narrow view of them keeps the logic single.
  const model = (kind === "unit" ? db.unit : kind === "agency" ? db.agency : db.area) as unknown as {
    findFirst(args: { where: Record<string, unknown> }): Promise<ReferenceRow | null>;
    findMany(args: { where?: Record<string, unknown>; [key: string]: unknown }): Promise<ReferenceRow[]>;
    create(args: { data: Record<string, unknown> }): Promise<ReferenceRow>;
    update(args: { where: { id: number }; data: Record<string, unknown> }): Promise<ReferenceRow>;
  };
  const scope = kind === "agency" ? {} : { taskForceId };
  return {
    byCode: (code: string) => model.findFirst({ where: { ...scope, code } }),
    findMany: ({ where, ...rest }: { where?: Record<string, unknown>; [key: string]: unknown }) =>
      model.findMany({ ...rest, where: { ...where, ...scope } }),
    create: (data: Record<string, unknown>) => model.create({ data: { ...data, ...scope } }),
    update: (id: number, data: Record<string, unknown>) => model.update({ where: { id }, data }),
  };
}

/**
 * Admin changes to agencies, units and areas. Records point at rows by id, so a rename (of the
 * name or the code) carries every past record with it, and retiring only stops new use: history
 * keeps showing the retired name. Units and areas are the task force's own; agencies are shared.
 */
export function referenceAdminUseCases(deps: { db: Db; taskForce: TaskForceScope }) {
  const { db, taskForce } = deps;
  const tableOf = (tx: DbOrTx, kind: ReferenceKind) => table(tx, kind, taskForce.id);

  async function audited<T>(
    actor: Actor,
    action: string,
    kind: ReferenceKind,
    code: string,
    change: (tx: DbOrTx) => Promise<{ before?: unknown; after: T }>,
  ): Promise<T> {
    return db.$transaction(async (tx) => {
      const { before, after } = await change(tx);
      await recordAudit(tx, {
        ...auditedAs(actor, taskForce),
        action: `admin.${kind}.${action}`,
        targetType: kind,
        targetId: code,
        outcome: "ok",
        before,
        after,
      });
      return after;
    });
  }

  async function existing(tx: DbOrTx, kind: ReferenceKind, code: string): Promise<ReferenceRow> {
    const row = await tableOf(tx, kind).byCode(code);
    if (!row) {
      const known = (
        await tableOf(tx, kind).findMany({ select: { code: true }, orderBy: { code: "asc" } })
      ).map((r) => `\`${r.code}\``);
      throw new UserFacingError(
        "not_found",
        `There is no ${kind} \`${code}\`.`,
        `Known: ${known.join(", ")}.`,
      );
    }
    return row;
  }

  async function checkNameFree(tx: DbOrTx, kind: ReferenceKind, name: string, except?: number) {
    const rows = await tableOf(tx, kind).findMany({ where: { retiredAt: null } });
    const clash = rows.find(
      (r) =>
        r.id !== except &&
        (referenceKey(r.name) === referenceKey(name) || referenceKey(r.code) === referenceKey(name)),
    );
    if (clash)
      throw new UserFacingError(
        "conflict",
        `An active ${kind} is already called that: \`${clash.code}\` (${escapeMrkdwn(clash.name)}).`,
      );
  }

  function add(
    input: { kind: ReferenceKind; code: string; name: string; areaKind?: "neighborhood" | "highway" },
    actor: Actor,
  ) {
    const code = normaliseCode(input.kind, input.code);
    return audited(actor, "add", input.kind, code, async (tx) => {
      const found = await tableOf(tx, input.kind).byCode(code);
      if (found && !found.retiredAt) {
        throw new UserFacingError(
          "conflict",
          `The ${input.kind} \`${code}\` already exists (${escapeMrkdwn(found.name)}).`,
          `Rename it with /tf admin ${input.kind} rename ${code} name:"…".`,
        );
      }
      // Neither the name nor the code may read like another active entry's code or name: a
      // reference is matched by either.
      await checkNameFree(tx, input.kind, input.name, found?.id);
      await checkNameFree(tx, input.kind, code, found?.id);
      const data = {
        name: input.name,
        retiredAt: null,
        ...(input.kind === "area" && input.areaKind ? { kind: input.areaKind } : {}),
      };
      // Adding a retired code brings it back, with its history.
      const after = found
        ? await tableOf(tx, input.kind).update(found.id, data)
        : await tableOf(tx, input.kind).create({ code, ...data });
      return {
        before: found ?? undefined,
        after: { code: after.code, name: after.name, restored: Boolean(found) },
      };
    });
  }

  function rename(
    input: { kind: ReferenceKind; code: string; name?: string; newCode?: string },
    actor: Actor,
  ) {
    const code = normaliseCode(input.kind, input.code);
    const newCode = input.newCode === undefined ? undefined : normaliseCode(input.kind, input.newCode);
    if (input.name === undefined && newCode === undefined) {
      throw invalid(
        `Say the new name or code.`,
        `e.g. /tf admin ${input.kind} rename ${code} name:"New name" (or code:<new-code>)`,
      );
    }
    return audited(actor, "rename", input.kind, code, async (tx) => {
      const row = await existing(tx, input.kind, code);
      if (newCode && newCode !== code && (await tableOf(tx, input.kind).byCode(newCode))) {
        throw new UserFacingError("conflict", `The ${input.kind} code \`${newCode}\` is taken.`);
      }
      if (input.name) await checkNameFree(tx, input.kind, input.name, row.id);
      if (newCode) await checkNameFree(tx, input.kind, newCode, row.id);
      const after = await tableOf(tx, input.kind).update(row.id, {
        ...(input.name ? { name: input.name } : {}),
        ...(newCode ? { code: newCode } : {}),
      });
      return { before: { code: row.code, name: row.name }, after: { code: after.code, name: after.name } };
    });
  }

  function retire(input: { kind: ReferenceKind; code: string }, actor: Actor) {
    const code = normaliseCode(input.kind, input.code);
    return audited(actor, "retire", input.kind, code, async (tx) => {
      const row = await existing(tx, input.kind, code);
      if (row.retiredAt)
        throw new UserFacingError("conflict", `The ${input.kind} \`${code}\` is already retired.`);
      const after = await tableOf(tx, input.kind).update(row.id, { retiredAt: actor.now });
      return {
        before: { retiredAt: null },
        after: { code: after.code, name: after.name, retiredAt: actor.now.toISOString() },
      };
    });
  }

  return { add, rename, retire };
}

export type ReferenceAdminUseCases = ReturnType<typeof referenceAdminUseCases>;
