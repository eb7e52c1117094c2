import type { Config } from "../config/env.js";
import type { Database } from "../db/client.js";
import type { Role } from "../domain/access/roles.js";
import { localDateOf } from "../domain/time/local-date.js";
import type { Logger } from "../infra/logger.js";
import { resolveRole } from "./access/resolve-role.js";
import { type AssignmentUseCases, assignmentUseCases } from "./assignments/assignments.js";
import { type AuditEntry, recordAudit } from "./audit/audit-log.js";
import { type VoidUseCases, voidUseCases } from "./corrections/void-record.js";
import { type IncidentUseCases, incidentUseCases } from "./incidents/incidents.js";
import { loadActiveReference } from "./reference/active-reference.js";
import { type SeizureUseCases, seizureUseCases } from "./seizures/seizures.js";
import { type CompstatUseCases, compstatUseCases } from "./trends/compstat.js";

/** The use cases, bound to their dependencies once at start-up and handed to the Slack layer. */
export interface Services {
  config: Config;
  logger: Logger;
  roleOf(slackUserId: string, now: Date): Promise<Role | null>;
  audit(entry: AuditEntry): Promise<void>;
  reference(): ReturnType<typeof loadActiveReference>;
  assignments: AssignmentUseCases;
  seizures: SeizureUseCases;
  corrections: VoidUseCases;
  incidents: IncidentUseCases;
  compstat: CompstatUseCases;
  /** True when the database answers a trivial query. */
  databaseHealthy(): Promise<boolean>;
}

export function createServices(deps: { config: Config; database: Database; logger: Logger }): Services {
  const { config, database, logger } = deps;
  const db = database.prisma;
  const timeZone = config.timeZone;
  return {
    config,
    logger,
    roleOf: (slackUserId, now) => resolveRole(db, config.admins, slackUserId, localDateOf(now, timeZone)),
    audit: (entry) => recordAudit(db, entry),
    reference: () => loadActiveReference(db),
    assignments: assignmentUseCases({ db, timeZone }),
    seizures: seizureUseCases({ db, timeZone }),
    corrections: voidUseCases({ db }),
    incidents: incidentUseCases({ db }),
    compstat: compstatUseCases({ db, timeZone, weekStart: config.weekStart }),
    async databaseHealthy() {
      try {
        await db.$queryRawUnsafe("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
  };
}
