import type { Config } from "../config/env.js";
import type { Database } from "../db/client.js";
import type { Role } from "../domain/access/roles.js";
import type { Logger } from "../infra/logger.js";
import { resolveRole } from "./access/resolve-role.js";
import { type AuditEntry, recordAudit } from "./audit/audit-log.js";

/** The use cases, bound to their dependencies once at start-up and handed to the Slack layer. */
export interface Services {
  config: Config;
  logger: Logger;
  roleOf(slackUserId: string): Promise<Role | null>;
  audit(entry: AuditEntry): Promise<void>;
  /** True when the database answers a trivial query. */
  databaseHealthy(): Promise<boolean>;
}

export function createServices(deps: { config: Config; database: Database; logger: Logger }): Services {
  const { config, database, logger } = deps;
  const db = database.prisma;
  return {
    config,
    logger,
    roleOf: (slackUserId) => resolveRole(db, config.admins, slackUserId),
    audit: (entry) => recordAudit(db, entry),
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
