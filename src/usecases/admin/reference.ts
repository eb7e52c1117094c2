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

/** One reference table as seen from a task force: the few operations the admin use cases need. */
interface ReferenceTable {
  /** The entry with this code in the task force, retired or not. */
  byCode(code: string): Promise<ReferenceRow | null>;
  /** Every code in the task force, retired ones too, in order. */
  codes(): Promise<string[]>;
  /** The entries not retired in the task force. */
  active(): Promise<ReferenceRow[]>;
  /** A code the task force has never had: a new entry (for an agency, it may join one known statewide). */
  create(data: { code: string; name: string; kind?: string }, now: Date): Promise<ReferenceRow>;
  /** Brings a retired entry back. */
  restore(row: ReferenceRow, data: { name: string; kind?: string }): Promise<ReferenceRow>;
  rename(row: ReferenceRow, data: { name?: string; code?: string }): Promise<ReferenceRow>;
  retire(row: ReferenceRow, at: Date): Promise<ReferenceRow>;
  /** Whether another entry anywhere already holds this code (agency codes are statewide). */
  codeTaken(code: string): Promise<boolean>;
}

/**
 * A task force's own units or areas: codes are unique within a task force, so another's `vctf` is
 * a different row.
 */
function ownTable(db: DbOrTx, kind: "unit" | "area", taskForceId: number): ReferenceTable {
  // The two models share the fields used here; one narrow view of them keeps the logic single.
  const model = (kind === "unit" ? db.unit : db.area) as unknown as {
    findFirst(args: { where: Record<string, unknown> }): Promise<ReferenceRow | null>;
    findMany(args: { where?: Record<string, unknown>; [key: string]: unknown }): Promise<ReferenceRow[]>;
    create(args: { data: Record<string, unknown> }): Promise<ReferenceRow>;
    update(args: { where: { id: number }; data: Record<string, unknown> }): Promise<ReferenceRow>;
  };
  const scope = { taskForceId };
  const update = (id: number, data: Record<string, unknown>) => model.update({ where: { id }, data });
  return {
    byCode: (code) => model.findFirst({ where: { ...scope, code } }),
    codes: async () =>
      (await model.findMany({ where: scope, select: { code: true }, orderBy: { code: "asc" } })).map(
        (r) => r.code,
      ),
    active: () => model.findMany({ where: { ...scope, retiredAt: null } }),
    create: (data) => model.create({ data: { ...data, ...scope } }),
    restore: (row, data) => update(row.id, { ...data, retiredAt: null }),
    rename: (row, data) => update(row.id, data),
    retire: (row, at) => update(row.id, { retiredAt: at }),
    codeTaken: async (code) => (await model.findFirst({ where: { ...scope, code } })) !== null,
  };
}

/**
 * The agencies taking part in a task force. The Agency row (code, name) is statewide; whether it
 * takes part here, and whether it is retired here, is the task force's TaskForceAgency row.
 */
function agencyTable(db: DbOrTx, taskForceId: number): ReferenceTable {
  const withLink = { taskForces: { where: { taskForceId }, select: { retiredAt: true } } } as const;
  type Joined = { id: number; code: string; name: string; taskForces: Array<{ retiredAt: Date | null }> };
  const row = (agency: Joined): ReferenceRow => ({
    id: agency.id,
    code: agency.code,
    name: agency.name,
    retiredAt: agency.taskForces[0]?.retiredAt ?? null,
  });
  const here = { taskForces: { some: { taskForceId } } };
  const link = (agencyId: number) => ({ taskForceId_agencyId: { taskForceId, agencyId } });
  return {
    byCode: async (code) => {
      const found = await db.agency.findFirst({ where: { ...here, code }, include: withLink });
      return found ? row(found) : null;
    },
    codes: async () =>
      (await db.agency.findMany({ where: here, select: { code: true }, orderBy: { code: "asc" } })).map(
        (r) => r.code,
      ),
    active: async () =>
      (
        await db.agency.findMany({
          where: { taskForces: { some: { taskForceId, retiredAt: null } } },
          include: withLink,
        })
      ).map(row),
    // An agency known statewide joins this task force under the name it has; a new code is a new
    // agency, taking part here alone until another task force adds it.
    create: async (data, now) => {
      const agency =
        (await db.agency.findUnique({ where: { code: data.code } })) ??
        (await db.agency.create({ data: { code: data.code, name: data.name } }));
      await db.taskForceAgency.create({ data: { taskForceId, agencyId: agency.id, joinedAt: now } });
      return { id: agency.id, code: agency.code, name: agency.name, retiredAt: null };
    },
    // The name is statewide: bringing it back here does not rename it for the others.
    restore: async (found) => {
      await db.taskForceAgency.update({ where: link(found.id), data: { retiredAt: null } });
      return { ...found, retiredAt: null };
    },
    rename: async (found, data) =>
      row(await db.agency.update({ where: { id: found.id }, data, include: withLink })),
    retire: async (found, at) => {
      await db.taskForceAgency.update({ where: link(found.id), data: { retiredAt: at } });
      return { ...found, retiredAt: at };
    },
    codeTaken: async (code) => (await db.agency.findUnique({ where: { code } })) !== null,
  };
}

function table(db: DbOrTx, kind: ReferenceKind, taskForceId: number): ReferenceTable {
  return kind === "agency" ? agencyTable(db, taskForceId) : ownTable(db, kind, taskForceId);
}

/**
 * Admin changes to agencies, units and areas. Records point at rows by id, so a rename (of the
 * name or the code) carries every past record with it, and retiring only stops new use: history
 * keeps showing the retired name. Units and areas are the task force's own. Agencies are statewide
 * rows that each task force adds, retires and restores for itself; renaming one changes it for every
 * task force, so it is refused while another task force uses it.
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
      const known = (await tableOf(tx, kind).codes()).map((code) => `\`${code}\``);
      throw new UserFacingError(
        "not_found",
        `There is no ${kind} \`${code}\`.`,
        `Known: ${known.join(", ")}.`,
      );
    }
    return row;
  }

  async function checkNameFree(tx: DbOrTx, kind: ReferenceKind, name: string, except?: number) {
    const rows = await tableOf(tx, kind).active();
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

  /** An agency's code and name are every task force's that uses it: one alone may not change them. */
  async function checkNotShared(tx: DbOrTx, agency: ReferenceRow) {
    const others = await tx.taskForceAgency.findMany({
      where: { agencyId: agency.id, taskForceId: { not: taskForce.id } },
      select: { taskForce: { select: { code: true } } },
      orderBy: { taskForce: { code: "asc" } },
    });
    if (others.length === 0) return;
    const names = others.map((o) => `\`${o.taskForce.code}\``).join(", ");
    throw new UserFacingError(
      "conflict",
      `The agency \`${agency.code}\` also takes part in ${others.length === 1 ? "another task force" : `${others.length} other task forces`} (${names}): its code and name are theirs too, so one task force cannot change them.`,
      `To stop using it here, /tf admin agency retire ${agency.code}; to use another name, add a new agency with its own code.`,
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
      const details = {
        name: input.name,
        ...(input.kind === "area" && input.areaKind ? { kind: input.areaKind } : {}),
      };
      // Adding a retired code brings it back, with its history.
      const after = found
        ? await tableOf(tx, input.kind).restore(found, details)
        : await tableOf(tx, input.kind).create({ code, ...details }, actor.now);
      return {
        before: found ?? undefined,
        after: {
          code: after.code,
          name: after.name,
          restored: Boolean(found),
          // An agency known statewide keeps its name: the one given was not used.
          nameKept: after.name !== input.name,
        },
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
      if (input.kind === "agency") await checkNotShared(tx, row);
      if (newCode && newCode !== code && (await tableOf(tx, input.kind).codeTaken(newCode))) {
        throw new UserFacingError("conflict", `The ${input.kind} code \`${newCode}\` is taken.`);
      }
      if (input.name) await checkNameFree(tx, input.kind, input.name, row.id);
      if (newCode) await checkNameFree(tx, input.kind, newCode, row.id);
      const after = await tableOf(tx, input.kind).rename(row, {
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
      const after = await tableOf(tx, input.kind).retire(row, actor.now);
      return {
        before: { retiredAt: null },
        after: { code: after.code, name: after.name, retiredAt: actor.now.toISOString() },
      };
    });
  }

  return { add, rename, retire };
}

export type ReferenceAdminUseCases = ReturnType<typeof referenceAdminUseCases>;
