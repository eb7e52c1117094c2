import type { Db } from "../../db/client.js";
import { UserFacingError } from "../../domain/errors.js";
import { referenceKey } from "../../domain/reference/match.js";
import { parsePopulation } from "../../domain/reference/population.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import { escapeMrkdwn, quoteInput } from "../../domain/text/escape.js";
import { closestMatch } from "../../domain/text/suggest.js";
import type { Actor } from "../actor.js";
import { auditedAs, recordAudit } from "../audit/audit-log.js";

export interface AreaPopulationChange {
  code: string;
  name: string;
  before: number;
  after: number;
}

/**
 * Area populations, which rates per 10,000 residents divide by. An admin sets them; 0 means
 * unknown, and an area with no known population shows no rate. Every setting is audited with the
 * population before and after, an unchanged one too, as every admin action is. Only the task
 * force's own areas are found (another's may share a code).
 */
export function areaPopulationUseCases(deps: {
  db: Db;
  taskForce: TaskForceScope;
  onPopulationChanged?: () => void;
}) {
  const { db, taskForce } = deps;

  /** Sets the population of the area `area` names (its code or its name, retired areas included). */
  async function setPopulation(
    input: { area: string; population: string },
    actor: Actor,
  ): Promise<AreaPopulationChange> {
    // Refused before anything is read or written.
    const population = parsePopulation(input.population);
    const result = await db.$transaction(async (tx) => {
      const areas = await tx.area.findMany({
        where: { taskForceId: taskForce.id },
        select: { id: true, code: true, name: true, population: true, retiredAt: true },
        // Active areas first, so a retired area's old name never shadows a current one.
        orderBy: [{ retiredAt: { sort: "asc", nulls: "first" } }, { code: "asc" }],
      });
      const key = referenceKey(input.area);
      const area = areas.find((a) => referenceKey(a.code) === key || referenceKey(a.name) === key);
      if (!area) {
        const suggestion = closestMatch(
          key,
          areas.flatMap((a) => [referenceKey(a.code), referenceKey(a.name)]),
        );
        const meant = areas.find(
          (a) => referenceKey(a.code) === suggestion || referenceKey(a.name) === suggestion,
        );
        throw new UserFacingError(
          "not_found",
          `There is no area \`${quoteInput(input.area)}\`.${meant ? ` Did you mean \`${meant.code}\` (${escapeMrkdwn(meant.name)})?` : ""}`,
          `Known areas: ${areas.map((a) => `\`${a.code}\``).join(", ")}. For example /tf admin area set frog-hollow population:21500`,
          "area",
        );
      }
      if (area.population !== population) {
        await tx.area.update({ where: { id: area.id }, data: { population } });
      }
      await recordAudit(tx, {
        ...auditedAs(actor, taskForce),
        action: "admin.area.population",
        targetType: "area",
        targetId: area.code,
        outcome: "ok",
        before: { population: area.population },
        after: { population },
      });
      return { code: area.code, name: area.name, before: area.population, after: population };
    });
    // Rates shown from a cached report would otherwise lag the new population.
    if (result.before !== result.after) deps.onPopulationChanged?.();
    return result;
  }

  return { setPopulation };
}

export type AreaPopulationUseCases = ReturnType<typeof areaPopulationUseCases>;
