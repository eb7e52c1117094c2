import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../infra/logger.js";

/** Routes Bolt's and the Web API client's own logging into our redacting pino logger. */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: "bolt" });
  let level: LogLevel = LogLevel.INFO;
  const join = (parts: unknown[]) =>
    parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" ");
  return {
    debug: (...msg) => log.debug(join(msg)),
    info: (...msg) => log.info(join(msg)),
    warn: (...msg) => log.warn(join(msg)),
    error: (...msg) => log.error(join(msg)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
