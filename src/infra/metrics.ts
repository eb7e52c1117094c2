import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

/**
 * One registry per running app (not prom-client's global one), so several app instances in one
 * process — the tests start many — keep separate counts.
 */
export function createMetrics() {
  const registry = new Registry();
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
      help: "Slash subcommand outcomes: ok, invalid, denied or error.",
      labelNames: ["subcommand", "outcome"] as const,
      registers: [registry],
    }),
    digestRuns: new Counter({
      name: "tf_digest_runs_total",
      help: "Digest posts attempted by this replica, by outcome (posted, failed, skipped).",
      labelNames: ["outcome"] as const,
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
