import { Writable } from "node:stream";
import { createLogger } from "../../src/infra/logger.js";

/** The app's own logger, writing its lines to `lines` instead of stdout. */
export function captureLogs(level = "info") {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger(level, stream) };
}
