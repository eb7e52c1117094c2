// `npm run conformance`: runs the tests that hold the bot and the Slack emulator to Slack's own
// definitions, and reports each fixture and rule they checked, its source, and whether it held.
// What is checked comes from the tests themselves (test/helpers/conformance.ts tags them), so the
// report cannot claim a check no test made. Exit 1 when anything failed or a fixture went unused.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtureCatalog } from "../test/fixtures/slack/catalog.js";
import type { ConformanceCheck } from "../test/helpers/conformance.js";

const files = [
  "test/slack/payload-conformance.test.ts",
  "test/slack/identity-fields.test.ts",
  "test/slack/identity.test.ts",
  "test/slack/installation.test.ts",
  "test/slack/slack-refusals.test.ts",
  "test/slack/block-kit-surfaces.test.ts",
  "test/emulator/block-kit-rules.test.ts",
  "test/emulator/strict-rules.test.ts",
];

interface AssertionResult {
  fullName: string;
  status: "passed" | "failed" | "skipped" | "pending" | "todo" | "disabled";
  meta?: { conformance?: ConformanceCheck[] };
}
interface Report {
  testResults: Array<{ name: string; assertionResults: AssertionResult[] }>;
}

const dir = mkdtempSync(join(tmpdir(), "tf-conformance-"));
const output = join(dir, "report.json");
const run = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "--reporter=json", `--outputFile.json=${output}`, ...files],
  { stdio: ["ignore", "ignore", "inherit"], env: process.env },
);
let report: Report;
try {
  report = JSON.parse(readFileSync(output, "utf8")) as Report;
} catch {
  console.error(`The conformance tests did not report (vitest exit ${run.status}).`);
  process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

interface Outcome {
  source: string;
  passed: number;
  failed: string[];
}
const outcomes = new Map<string, Outcome>();
const untagged: AssertionResult[] = [];
for (const file of report.testResults) {
  for (const test of file.assertionResults) {
    if (test.status !== "passed" && test.status !== "failed") continue;
    const checks = test.meta?.conformance ?? [];
    if (checks.length === 0) untagged.push(test);
    for (const check of checks) {
      const outcome = outcomes.get(check.checked) ?? { source: check.source, passed: 0, failed: [] };
      if (test.status === "passed") outcome.passed += 1;
      else outcome.failed.push(test.fullName);
      outcomes.set(check.checked, outcome);
    }
  }
}

const engine = process.env.TEST_DATABASE === "postgresql" ? "PostgreSQL" : "SQLite";
let failures = 0;
let reported = 0;
const line = (ok: boolean, what: string, source: string, detail: string) => {
  reported += 1;
  if (!ok) failures += 1;
  console.log(`${ok ? "PASS" : "FAIL"}  ${what} — ${source} (${detail})`);
};

console.log(`Slack conformance report (${engine})\n`);
console.log(
  `Slack's own payloads, replayed at the bot over HTTP and Socket Mode (${fixtureCatalog.length}):`,
);
for (const entry of fixtureCatalog) {
  const outcome = outcomes.get(entry.name);
  outcomes.delete(entry.name);
  if (!outcome) {
    line(false, entry.name, entry.source, "no test sent it");
    continue;
  }
  line(outcome.failed.length === 0, entry.name, entry.source, describe(outcome));
}

const groups: Array<[string, (name: string) => boolean]> = [
  ["Block Kit rules (src/emulator/block-kit/rules.ts)", (name) => name.startsWith("Block Kit rule ")],
  ["Where the emulator is as strict as Slack", () => true],
];
for (const [title, belongs] of groups) {
  const names = [...outcomes.keys()].filter(belongs).sort();
  console.log(`\n${title} (${names.length}):`);
  for (const name of names) {
    const outcome = outcomes.get(name) as Outcome;
    outcomes.delete(name);
    line(outcome.failed.length === 0, name, outcome.source, describe(outcome));
  }
}

const untaggedFailed = untagged.filter((t) => t.status === "failed");
console.log(
  `\nOther tests in these files: ${untagged.length - untaggedFailed.length} passed, ${untaggedFailed.length} failed.`,
);
for (const test of untaggedFailed) console.log(`FAIL  ${test.fullName}`);
failures += untaggedFailed.length;
console.log(
  failures === 0
    ? `\nConformance holds: all ${reported} fixtures and rules above passed.`
    : `\nConformance FAILED: ${failures} failure(s) above.`,
);
process.exit(failures === 0 && run.status === 0 ? 0 : 1);

function describe(outcome: Outcome): string {
  const total = outcome.passed + outcome.failed.length;
  const checks = `${total} test${total === 1 ? "" : "s"}`;
  return outcome.failed.length === 0 ? checks : `${checks}; failed: ${outcome.failed.join("; ")}`;
}
