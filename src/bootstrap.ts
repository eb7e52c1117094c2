import { randomInt } from "node:crypto";
import type { CustomRoute } from "@slack/bolt";
import type { Config } from "./config/env.js";
import { sealUnchained } from "./db/audit-chain.js";
import { createDatabase, type Database } from "./db/client.js";
import { applyMigrationsIsolated } from "./db/migrate-isolated.js";
import { seedReferenceData } from "./db/seed/seed.js";
import { describeDatabase, parseDatabaseUrl } from "./db/url.js";
import { namespaceOf } from "./domain/access/identity.js";
import type { Logger } from "./infra/logger.js";
import { createMetrics, type Metrics } from "./infra/metrics.js";
import { startScheduler } from "./infra/scheduler.js";
import { checkBotToken, type RunningSlackApp, type SlackTransport, startSlackApp } from "./slack/app.js";
import { slackDigestPublisher } from "./slack/digest-publisher.js";
import { adoptMembersOfUnknownWorkspace } from "./usecases/members/members.js";
import { createServices, type Services } from "./usecases/services.js";
import { alignFirstTaskForce } from "./usecases/taskforces/first-task-force.js";

export class StartupError extends Error {
  override name = "StartupError";
}

/** Migrates, connects and seeds. A failure names the database and the reason, and stops start-up. */
export async function openDatabase(url: string, logger: Logger): Promise<Database> {
  let applied: string[];
  try {
    ({ applied } = await applyMigrationsIsolated(url));
  } catch (error) {
    // MigrationError already names the database and the reason.
    throw new StartupError((error as Error).message);
  }
  let database: Database;
  try {
    database = await createDatabase(url);
    const seeded = await seedReferenceData(database.prisma);
    // Audit rows from before the hash chain existed join it once, in the order they were written.
    const auditRowsSealed = await sealUnchained(database);
    logger.info(
      {
        database: where(url),
        migrationsApplied: applied.length,
        referenceRowsSeeded: seeded,
        auditRowsSealed,
      },
      "database ready",
    );
  } catch (error) {
    throw new StartupError(`Cannot open the ${where(url)}: ${(error as Error).message}`);
  }
  return database;
}

/** The database location without credentials, safe for logs and error messages. */
function where(url: string): string {
  try {
    return describeDatabase(parseDatabaseUrl(url));
  } catch {
    return "the database named by DATABASE_URL";
  }
}

export interface Bot {
  services: Services;
  metrics: Metrics;
  slack: RunningSlackApp;
  stop(): Promise<void>;
}

export async function startBot(deps: {
  config: Config;
  logger: Logger;
  database: Database;
  transport: SlackTransport;
  slackApiUrl: string;
  clock?: () => Date;
  /** Post scheduled digests from this process (on by default; tests drive ticks themselves). */
  scheduler?: boolean;
  /** Names this process in digest claims (DigestRun.claimedBy); host, pid and a random tail by default. */
  replicaId?: string;
  /** Tests: how many acknowledged commands may wait for their turn (see startSlackApp). */
  maxWaitingCommands?: number;
  /** More routes on the bot's HTTP server (local mode's console). */
  extraRoutes?: CustomRoute[];
}): Promise<Bot> {
  const db = deps.database.prisma;
  const metrics = createMetrics({
    importTotals: async () => {
      const { _sum: sum } = await db.importBatch.aggregate({
        where: { status: "done" },
        _sum: { inserted: true, updated: true, unchanged: true, rejected: true },
      });
      return {
        inserted: sum.inserted ?? 0,
        updated: sum.updated ?? 0,
        unchanged: sum.unchanged ?? 0,
        rejected: sum.rejected ?? 0,
      };
    },
  });
  const { config, logger } = deps;
  // Whose workspace this is decides what a bare TF_ADMINS id means, so it is known before anything runs.
  const identity = await checkBotToken(deps.transport.botToken, deps.slackApiUrl);
  const home = { teamId: identity.teamId, enterpriseId: identity.enterpriseId };
  // The model's client (the openai package, about 8 MB resident) is loaded only when one is configured.
  const narrativeModel = config.llm
    ? (await import("./infra/llm/narrative-model.js")).createNarrativeModel(config.llm, { logger })
    : undefined;
  const adopted = await adoptMembersOfUnknownWorkspace(deps.database.prisma, namespaceOf(home));
  if (adopted > 0) logger.info({ members: adopted }, "members of an unknown workspace joined the bot's own");
  const aligned = await alignFirstTaskForce(db, config);
  if (aligned) logger.info(aligned, "the first task force takes the configured time zone and week start");
  const services = createServices({
    config,
    home,
    database: deps.database,
    logger,
    narrativeModel,
    ...(deps.replicaId ? { replicaId: deps.replicaId } : {}),
    onDatabaseError: () => metrics.databaseErrors.inc(),
  });
  // Slack accepted the token, so the app is installed: a removal recorded earlier is over.
  if (await services.installation.reinstated(deps.clock?.() ?? new Date())) {
    logger.info({ team: namespaceOf(home) }, "the app is installed again: digests resume");
  }
  const slack = await startSlackApp({
    transport: deps.transport,
    identity,
    slackApiUrl: deps.slackApiUrl,
    services,
    metrics,
    clock: deps.clock,
    maxWaitingCommands: deps.maxWaitingCommands,
    extraRoutes: deps.extraRoutes,
  });
  const publisher = slackDigestPublisher(slack.app.client, logger);
  const scheduler =
    deps.scheduler === false
      ? undefined
      : startScheduler(
          async (now) => {
            // Every task force's channels, each in its own zone; one failing does not stop the others.
            // Each replica starts at a task force of its own drawing: in step, every replica would build
            // the first task force's digest at once, then the second's, while the others' channels waited.
            const forces = await services.taskForces.all();
            const start = forces.length > 1 ? randomInt(forces.length) : 0;
            for (const force of [...forces.slice(start), ...forces.slice(0, start)]) {
              try {
                const scoped = await services.forTaskForce(force.id);
                for (const outcome of await scoped.digests.runDue(now, publisher)) {
                  metrics.digestRuns.inc({ outcome: outcome.outcome });
                }
              } catch (error) {
                logger.error({ err: error, taskForce: force.code }, "digest tick failed for a task force");
              }
            }
            await services.deliveries.prune(now);
          },
          { logger, clock: deps.clock },
        );
  return {
    services,
    metrics,
    slack,
    async stop() {
      await scheduler?.stop();
      await slack.stop();
    },
  };
}
