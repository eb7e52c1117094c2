// The README's test command: the whole suite on SQLite, then again on PostgreSQL.
// Without a PostgreSQL server the second run is skipped and said so, except in CI, where it is
// mandatory (.ci/run starts one). The same holds for Chromium and the browser tests (test/browser/).
// Ends with one plain "N passed, N failed, N skipped" line.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { findChromium } from "./chromium.mjs";

const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const inCI = process.env.CI === "true" || process.env.CI === "1";
const extraArgs = process.argv.slice(2);
const reportDir = mkdtempSync(join(tmpdir(), "tf-test-report-"));

async function postgresAnswers() {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function runSuite(engine, label) {
  console.log(`\n=== Test suite on ${label} ===\n`);
  const report = join(reportDir, `${engine}.json`);
  const result = spawnSync(
    process.execPath,
    [
      "node_modules/vitest/vitest.mjs",
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
      ...extraArgs,
    ],
    { stdio: "inherit", env: { ...process.env, TEST_DATABASE: engine, TEST_POSTGRES_URL: postgresUrl } },
  );
  let counts = { passed: 0, failed: 0, skipped: 0 };
  let browserSkipped = 0;
  try {
    const json = JSON.parse(readFileSync(report, "utf8"));
    counts = {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    };
    browserSkipped = json.testResults
      .filter((file) => file.name.includes("/test/browser/"))
      .flatMap((file) => file.assertionResults)
      .filter((test) => test.status === "skipped" || test.status === "pending").length;
  } catch {
    counts.failed = 1; // the run died before writing its report
  }
  const ok = result.status === 0;
  console.log(
    `${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${ok ? "" : " (suite failed)"}`,
  );
  return { ...counts, ok, browserSkipped };
}

const runs = [runSuite("sqlite", "SQLite")];
const postgres = await postgresAnswers();
if (postgres === true) {
  runs.push(runSuite("postgresql", "PostgreSQL"));
} else if (inCI) {
  console.error(`\nPostgreSQL is mandatory in CI but did not answer at ${postgresUrl}: ${postgres}`);
  runs.push({ passed: 0, failed: 1, skipped: 0, ok: false });
} else {
  console.log(
    `\nPostgreSQL was SKIPPED: no server answered at ${postgresUrl} (${postgres}).\n` +
      "Set TEST_POSTGRES_URL or start PostgreSQL to run the suite on it too.",
  );
}
const chromium = findChromium();
if (chromium.problem && runs.some((r) => r.browserSkipped > 0)) {
  if (inCI) {
    console.error(`\nbrowser tests are MANDATORY in CI: ${chromium.problem}`);
    runs.push({ passed: 0, failed: 1, skipped: 0, ok: false });
  } else {
    console.log(`\nbrowser tests were SKIPPED: ${chromium.problem}`);
  }
}
rmSync(reportDir, { recursive: true, force: true });

const total = runs.reduce(
  (sum, r) => ({
    passed: sum.passed + r.passed,
    failed: sum.failed + r.failed,
    skipped: sum.skipped + r.skipped,
  }),
  {
    passed: 0,
    failed: 0,
    skipped: 0,
  },
);
console.log(`\ntotal: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(runs.every((r) => r.ok) ? 0 : 1);
