import { parseArgs } from "node:util";
import { openDatabase, StartupError } from "../bootstrap.js";
import { ConfigError, loadConfig } from "../config/env.js";
import { applyMigrations } from "../db/migrate.js";
import { describeDatabase, parseDatabaseUrl } from "../db/url.js";
import { createLogger } from "../infra/logger.js";
import { startLocalMode } from "../local/local-mode.js";
import { auditCommand } from "./audit.js";
import { importCommand } from "./import.js";

const usage = `Usage: tf <command> [options]

Commands:
  migrate                         Apply pending database migrations (offline) and exit.
  run "<slash command>" [--as U123] [--team T123] [--channel C123]
                                  Run one /tf command against a local Slack emulator and print the reply,
                                  e.g.  tf run "/tf help" --as U123
  import <file.csv> --format nypd-shootings|gva|<mapping.json> [--tz <zone>]
                                  Import incidents from a CSV export (see README, Importing data).
  audit verify                    Check the audit log's hash chain: exit 0 when intact, 1 naming the
                                  first row that was edited, removed or reordered.
  help                            Show this help.

Configuration comes from the environment (see README): DATABASE_URL, TF_ADMINS, TASKFORCE_TIMEZONE, ...`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "migrate":
      return migrate();
    case "run":
      return run(rest);
    case "import":
      return importCommand(rest);
    case "audit":
      return auditCommand(rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(usage);
      return 0;
    default:
      console.error(`tf: unknown command "${command}"\n\n${usage}`);
      return 2;
  }
}

async function migrate(): Promise<number> {
  const config = loadConfig(process.env);
  const { applied } = await applyMigrations(config.databaseUrl);
  const where = describeDatabase(parseDatabaseUrl(config.databaseUrl));
  console.log(
    applied.length === 0
      ? `${where}: already up to date`
      : `${where}: applied ${applied.length} migration(s): ${applied.join(", ")}`,
  );
  return 0;
}

async function run(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: "string", default: "ULOCAL0001" },
      team: { type: "string", default: "TLOCAL0001" },
      channel: { type: "string", default: "CLOCAL0001" },
    },
  });
  const text = positionals.join(" ").trim();
  if (!text.startsWith("/tf")) {
    console.error(`tf run: expected a slash command such as "/tf help", got "${text}"`);
    return 2;
  }
  const config = loadConfig(process.env);
  // The reply is what the person asked for; keep the bot's own logs off the terminal.
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const database = await openDatabase(config.databaseUrl, logger);
  const local = await startLocalMode({
    config,
    logger,
    database,
    interactive: false,
    port: 0,
    quiet: true,
    scheduler: false,
  });
  try {
    const reply = await local.run(text.replace(/^\/tf\s*/, ""), {
      userId: values.as,
      teamId: values.team,
      channelId: values.channel,
    });
    console.log(reply);
    return 0;
  } finally {
    await local.bot.stop();
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof StartupError) console.error(error.message);
    else console.error("tf failed:", error);
    process.exit(1);
  },
);
