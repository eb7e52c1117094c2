import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export type ImportResult = "inserted" | "updated" | "unchanged" | "rejected";

/**
 * One registry per running app (not prom-client's global one), so several app instances in one
 * process — the tests start many — keep separate counts.
 */
export function createMetrics(sources: { importTotals?: () => Promise<Record<ImportResult, number>> } = {}) {
  const registry = new Registry();
  // Imports run in the `tf import` process, not the bot's, so the bot reads their totals from the
  // import batches in the database whenever /metrics is scraped.
  const importTotals = sources.importTotals;
  if (importTotals) {
    new Gauge({
      name: "tf_import_rows",
      help: "Incidents written by completed imports, by result (inserted, updated, unchanged, rejected).",
      labelNames: ["result"] as const,
      registers: [registry],
      async collect() {
        // prom-client gathers every metric together: a failed read here must not fail the whole
        // scrape (and hide tf_database_errors_total just when the database is down). The last
        // values stand.
        const totals = await importTotals().catch(() => undefined);
        for (const [result, value] of Object.entries(totals ?? {})) this.set({ result }, value);
      },
    });
  }
  collectDefaultMetrics({ register: registry, prefix: "tf_" });
  return {
    registry,
    requests: new Counter({
      name: "tf_slack_requests_total",
      help: "Slack requests handled, by surface (command, action, view, event).",
      labelNames: ["surface"] as const,
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: "tf_slack_request_duration_seconds",
      help: "Time from receiving a Slack request to finishing its work, by surface.",
      labelNames: ["surface"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    commandOutcomes: new Counter({
      name: "tf_command_outcomes_total",
      help: "Slash subcommand outcomes: ok, invalid, denied, error, or busy (refused, the work queue full).",
      labelNames: ["subcommand", "outcome"] as const,
      registers: [registry],
    }),
    digestRuns: new Counter({
      name: "tf_digest_runs_total",
      help: "Digest posts attempted by this replica, by outcome (posted, failed, skipped).",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    duplicateDeliveries: new Counter({
      name: "tf_slack_duplicate_deliveries_total",
      help: "Slack retries and replays acknowledged without acting again.",
      registers: [registry],
    }),
    databaseErrors: new Counter({
      name: "tf_database_errors_total",
      help: "Database errors seen by request handlers.",
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
