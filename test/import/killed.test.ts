// A `tf import` killed with SIGKILL at a random moment, then run again, ends with exactly the right
// records: the merge is one transaction, and staged rows live only as long as the importer's connection.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../src/db/client.js";
import { createEmptyTestDatabase, type EmptyTestDatabase, testEngine } from "../helpers/database.js";
import { spawnEntry } from "../helpers/process.js";

const dir = mkdtempSync(join(tmpdir(), "tf-import-kill-"));
const databases: EmptyTestDatabase[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** An NYPD-shaped file: ~50,000 victim rows, ~1.3 per incident, victims of an incident spread apart. */
function generate(path: string, rows: number) {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const lines: string[] = [];
  const expected = new Map<string, { fatal: number; injured: number }>();
  let key = 50_000_000;
  while (lines.length < rows) {
    key += 1 + Math.floor(next() * 5);
    const day = new Date(Date.UTC(2006, 0, 1 + Math.floor(next() * 5000)));
    const date = `${day.getUTCMonth() + 1}/${day.getUTCDate()}/${String(day.getUTCFullYear()).slice(2)}`;
    const time = `${Math.floor(next() * 24)}:${String(Math.floor(next() * 60)).padStart(2, "0")}:00`;
    const victims = next() < 0.75 ? 1 : 2;
    const totals = { fatal: 0, injured: 0 };
    for (let v = 0; v < victims && lines.length < rows; v++) {
      const fatal = next() < 0.2;
      if (fatal) totals.fatal++;
      else totals.injured++;
      lines.push(
        `${key},${date},${time},BRONX,${40 + (key % 9)},0,,${fatal ? "TRUE" : "FALSE"},25-44,M,BLACK`,
      );
    }
    expected.set(String(key), totals);
  }
  for (let i = 0; i < lines.length; i++) {
    const j = Math.min(lines.length - 1, i + Math.floor(next() * 30));
    [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
  }
  const header =
    "INCIDENT_KEY,OCCUR_DATE,OCCUR_TIME,BORO,PRECINCT,JURISDICTION_CODE,LOCATION_DESC,STATISTICAL_MURDER_FLAG,VIC_AGE_GROUP,VIC_SEX,VIC_RACE";
  writeFileSync(path, `\uFEFF${header}\r\n${lines.join("\r\n")}\r\n`);
  let fatal = 0;
  let injured = 0;
  for (const totals of expected.values()) {
    fatal += totals.fatal;
    injured += totals.injured;
  }
  return { incidents: expected.size, fatal, injured };
}

describe(`tf import killed mid-way (${testEngine})`, () => {
  it("ends with exactly the right records when re-run after a SIGKILL at a random moment", async () => {
    const file = join(dir, "nypd-50k.csv");
    const expected = generate(file, 50_000);
    const args = ["src/cli/main.ts", "import", file, "--format", "nypd-shootings"];
    const fresh = async () => {
      const database = await createEmptyTestDatabase();
      databases.push(database);
      return { database, env: { DATABASE_URL: database.url, LOG_LEVEL: "warn" } };
    };

    // How long an import takes here, from "reading" to its exit, so the kill can land anywhere in it.
    const trial = spawnEntry(args, (await fresh()).env);
    await trial.waitFor(/tf import: reading/, 60_000);
    const started = Date.now();
    expect((await trial.exited).code, trial.output()).toBe(0);
    const duration = Date.now() - started;

    const { database, env } = await fresh();
    const first = spawnEntry(args, env);
    await first.waitFor(/tf import: reading/, 60_000);
    const delay = Math.floor(Math.random() * duration);
    await new Promise((resolve) => setTimeout(resolve, delay));
    first.child.kill("SIGKILL");
    const firstExit = await first.exited;
    // Either it was killed before its merge committed (most runs), or after (even while it was still
    // running: PostgreSQL vacuums after the commit); both must end the same way. What the database
    // holds says which, not the exit code.
    const committed = await (async () => {
      const client = await createDatabase(database.url);
      try {
        return (await client.prisma.importBatch.count({ where: { status: "done" } })) === 1;
      } finally {
        await client.close();
      }
    })();
    console.log(
      `killed the import ${delay} ms into a run that takes ${duration} ms: ${committed ? "it had already committed" : "before its commit"} (exit ${firstExit.code ?? firstExit.signal})`,
    );

    const second = spawnEntry(args, env);
    const secondExit = await second.exited;
    expect(secondExit.code, second.output()).toBe(0);
    const out = second.output();
    const count = (label: string) =>
      Number(/\s+(\d[\d,]*)/.exec(out.slice(out.indexOf(label) + label.length))?.[1]?.replaceAll(",", ""));
    expect(count("inserted")).toBe(committed ? 0 : expected.incidents);
    expect(count("unchanged")).toBe(committed ? expected.incidents : 0);
    expect(count("updated")).toBe(0);
    expect(out).toContain("rows read:  50,000 (50,000 accepted, 0 rejected)");

    const client = await createDatabase(database.url);
    try {
      const prisma = client.prisma;
      const totals = await prisma.incident.aggregate({
        where: { source: "nypd-shootings" },
        _count: true,
        _sum: { fatalVictims: true, injuredVictims: true },
      });
      expect(totals).toEqual({
        _count: expected.incidents,
        _sum: { fatalVictims: expected.fatal, injuredVictims: expected.injured },
      });
      const batches = await prisma.importBatch.findMany({ orderBy: { id: "asc" } });
      expect(batches.map((b) => b.status)).toEqual(committed ? ["done", "done"] : ["done"]);
      expect(batches.at(-1)).toMatchObject({
        inserted: committed ? 0 : expected.incidents,
        unchanged: committed ? expected.incidents : 0,
        rejected: 0,
      });
      expect(await prisma.auditEvent.count({ where: { action: "import.run", outcome: "ok" } })).toBe(
        batches.length,
      );
    } finally {
      await client.close();
    }
  }, 120_000);
});
