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

/**
 * Errors are logged by type, code, the first line of their message and their stack frames only:
 * Prisma's messages go on to quote the failing call with its arguments, which are record contents
 * (notes, case numbers), and a stack's first line repeats the message.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));
  return {
    type: error.name,
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    message: (error.message.split("\n").find((line) => line.trim() !== "") ?? "").slice(0, 200),
    stack: frames.slice(0, 12).join("\n"),
  };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "task-force-bot" },
      serializers: { err: serializeError },
      redact: { paths: redactedPaths, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
