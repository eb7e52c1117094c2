import type { Db } from "../../db/client.js";
import {
  type EffortMeasure,
  measuresFor,
  measuresSource,
  storedMeasureList,
} from "../../domain/effort/unit-measures.js";
import { matchReference } from "../../domain/reference/match.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import type { Actor } from "../actor.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";
import { loadActiveReference } from "../reference/active-reference.js";

export interface UnitMeasuresView {
  code: string;
  name: string;
  measures: EffortMeasure[];
  /** An admin's own list, the table in code for the unit's code, or the default for other units. */
  source: "admin" | "table" | "default";
}

/** The measures each of one task force's units is judged by, as an admin reads and overrides them. */
export function unitMeasuresUseCases(deps: { db: Db; taskForce: TaskForceScope }) {
  const { db, taskForce } = deps;

  /** Only the task force's own units: another's may have the same code. */
  async function unitOf(unit: string) {
    const reference = await loadActiveReference(db, taskForce.id);
    return matchReference("unit", unit, reference.units);
  }

  const viewOf = (row: { code: string; name: string; measures: string | null }): UnitMeasuresView => ({
    code: row.code,
    name: row.name,
    measures: measuresFor(row.code, row.measures),
    source: measuresSource(row.code, row.measures),
  });

  async function show(input: { unit: string }): Promise<UnitMeasuresView> {
    const { id } = await unitOf(input.unit);
    return viewOf(await db.unit.findUniqueOrThrow({ where: { id, taskForceId: taskForce.id } }));
  }

  /** Sets a unit's list, or with "default" goes back to the table in code; audited with before and after. */
  async function set(
    input: { unit: string; measures: readonly EffortMeasure[] | "default" },
    actor: Actor,
  ): Promise<{ before: UnitMeasuresView; after: UnitMeasuresView }> {
    const { id } = await unitOf(input.unit);
    return db.$transaction(async (tx) => {
      const row = await tx.unit.findUniqueOrThrow({ where: { id, taskForceId: taskForce.id } });
      const updated = await tx.unit.update({
        where: { id, taskForceId: taskForce.id },
        data: { measures: input.measures === "default" ? null : storedMeasureList(input.measures) },
      });
      const before = viewOf(row);
      const after = viewOf(updated);
      await recordAudit(tx, {
        ...auditedAs(actor, taskForce),
        action: "admin.unit.measures",
        targetType: "unit",
        targetId: updated.code,
        outcome: "ok",
        before: { measures: before.measures, source: before.source },
        after: { measures: after.measures, source: after.source },
      });
      return { before, after };
    });
  }

  return { show, set };
}

export type UnitMeasuresUseCases = ReturnType<typeof unitMeasuresUseCases>;
