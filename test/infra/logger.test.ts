import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/infra/logger.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger("info", stream) };
}

describe("logger", () => {
  it("writes JSON lines with the service name and an ISO time", () => {
    const { lines, logger } = capture();
    logger.info({ requestId: "r-1", subcommand: "help" }, "command handled");
    const entry = JSON.parse(lines[0] ?? "{}");
    expect(entry).toMatchObject({
      service: "task-force-bot",
      requestId: "r-1",
      subcommand: "help",
      msg: "command handled",
    });
    expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("redacts tokens, secrets and record contents wherever they sit", () => {
    const { lines, logger } = capture();
    logger.info(
      {
        token: "xoxb-1111-secret",
        signingSecret: "abc123signing",
        headers: { authorization: "Bearer xoxb-2222-secret" },
        command: { text: 'seizure guns:2 note:"informant J. Doe"', user_id: "U1" },
        incident: { caseNumber: "24-001234", note: "victim name" },
      },
      "careless log",
    );
    const line = lines[0] ?? "";
    for (const secret of [
      "xoxb-1111",
      "abc123signing",
      "xoxb-2222",
      "informant",
      "24-001234",
      "victim name",
    ]) {
      expect(line).not.toContain(secret);
    }
    const entry = JSON.parse(line);
    expect(entry.token).toBe("[redacted]");
    expect(entry.headers.authorization).toBe("[redacted]");
    expect(entry.command).toEqual({ text: "[redacted]", user_id: "U1" });
    expect(entry.incident).toEqual({ caseNumber: "[redacted]", note: "[redacted]" });
  });
});
