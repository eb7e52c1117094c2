// Tags the running test with what it holds the bot or the emulator to (a fixture of Slack's own, a
// Block Kit rule, a rate tier) and where that comes from: `npm run conformance` reports them.
import { TestRunner } from "vitest";
import { fixtureCatalog } from "../fixtures/slack/catalog.js";

export interface ConformanceCheck {
  /** What is checked, e.g. "commands.publicChannel" or "button.text". */
  checked: string;
  source: string;
}

declare module "vitest" {
  interface TaskMeta {
    conformance?: ConformanceCheck[];
  }
}

export function recordCheck(check: ConformanceCheck): void {
  const test = TestRunner.getCurrentTest();
  if (!test) return;
  const checks = test.meta.conformance ?? [];
  if (!checks.some((c) => c.checked === check.checked)) test.meta.conformance = [...checks, check];
}

/** The fixture sent, when it is one of the catalogue's (a fixture rebuilt by a test is not). */
export function recordFixture(fixture: object): void {
  const entry = fixtureCatalog.find((e) => e.fixture === fixture);
  if (entry) recordCheck({ checked: entry.name, source: entry.source });
}
