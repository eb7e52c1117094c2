import { type Logger, pino } from "pino";

export type { Logger };

/**
 * Paths whose values must never reach a log: Slack credentials, and anything that can hold record
 * contents (command text, notes, case numbers, message bodies). Listeners log ids and outcomes only;
 * the redaction is the safety net for a careless `log.info(obj)`.
 */
export const redactedPaths = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  'headers["x-slack-signature"]',
  "text",
  "*.text",
  "note",
  "*.note",
  "caseNumber",
  "*.caseNumber",
  "caseRef",
  "*.caseRef",
  "body",
  "*.body",
  "blocks",
  "*.blocks",
  "view",
  "*.view",
  "args",
  "*.args",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "task-force-bot" },
      redact: { paths: redactedPaths, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
