import { describe, expect, it } from "vitest";
import { captureLogs } from "../helpers/log-capture.js";

describe("logger", () => {
  it("writes JSON lines with the service name and an ISO time", () => {
    const { lines, logger } = captureLogs();
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
    const { lines, logger } = captureLogs();
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

  it("logs an error's type, code and first message line, never the call arguments Prisma quotes after it", () => {
    const { lines, logger } = captureLogs();
    const error = Object.assign(
      new Error(
        '\nInvalid `db.seizureReport.create()` invocation:\n\n  data: { note: "informant J. Doe", caseRef: "24-001234" }',
      ),
      { code: "P2002" },
    );
    logger.error({ err: error, requestId: "r-2" }, "subcommand failed");
    const line = lines[0] ?? "";
    expect(line).not.toContain("informant");
    expect(line).not.toContain("24-001234");
    const entry = JSON.parse(line);
    expect(entry.err).toMatchObject({
      type: "Error",
      code: "P2002",
      message: "Invalid `db.seizureReport.create()` invocation:",
    });
    expect(entry.err.stack).toMatch(/^\s+at /);
  });
});
