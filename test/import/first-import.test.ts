// A source's first import into a task force takes the merge's quicker path (src/db/import-store.ts):
// no key is looked up, and on SQLite a large one builds the key's unique index again after the
// insert. It must write what the general path writes, leave the schema as the migrations made it,
// and the next import of the same file must find every record.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/db/audit-chain.js";
import type { Rejection } from "../../src/db/import-store.js";
import { parseDatabaseUrl } from "../../src/db/url.js";
import { nypdShootings } from "../../src/usecases/import/profiles/nypd-shootings.js";
import { runImport } from "../../src/usecases/import/run-import.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";

const now = new Date("2026-11-26T15:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "tf-import-first-"));
let database: TestDatabase;
const db = () => database.db.prisma;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const header = "INCIDENT_KEY,OCCUR_DATE,OCCUR_TIME,BORO,PRECINCT,STATISTICAL_MURDER_FLAG";

/**
 * 12,000 incidents (more than the 10,000 new keys from which SQLite builds the index again), some
 * with two victims on rows apart, in no order of time; key 7 has a row with no such date, which holds
 * back its other row, and key 8's rows disagree on the precinct.
 */
function generate(path: string) {
  const lines = [header];
  const expected = new Map<string, { fatal: number; injured: number }>();
  for (let i = 1; i <= 12_000; i++) {
    const day = new Date(Date.UTC(2010, 0, 1 + ((i * 7919) % 3650)));
    const date = `${day.getUTCMonth() + 1}/${day.getUTCDate()}/${day.getUTCFullYear()}`;
    const time = `${(i * 7) % 24}:${String((i * 13) % 60).padStart(2, "0")}:00`;
    const victims = i % 4 === 0 ? 2 : 1;
    const totals = { fatal: 0, injured: 0 };
    for (let v = 0; v < victims; v++) {
      const fatal = (i + v) % 5 === 0;
      totals[fatal ? "fatal" : "injured"]++;
      lines.push(`${i},${date},${time},BRONX,${40 + (i % 9)},${fatal ? "TRUE" : "FALSE"}`);
    }
    if (i !== 7 && i !== 8) expected.set(String(i), totals);
  }
  // Move every tenth row a few hundred lines on, so an incident's victims are not always together.
  for (let i = 1; i < lines.length; i += 10) {
    const j = Math.min(lines.length - 1, i + 300);
    [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
  }
  lines.push("7,2/30/2011,1:00:00,BRONX,40,FALSE", "8,1/2/2011,1:00:00,BRONX,41,FALSE");
  lines.push("8,1/2/2011,1:00:00,BRONX,42,FALSE");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return { expected, rows: lines.length - 1 };
}

async function importFile(path: string) {
  const rejections: Rejection[] = [];
  const summary = await runImport({
    filePath: path,
    profile: nypdShootings,
    databaseUrl: database.url,
    taskForceId: 1,
    timeZone: "America/New_York",
    now,
    onRejected: (r) => rejections.push(r),
  });
  return { summary, rejections };
}

/** The Incident table's indexes as SQLite stores them. */
function sqliteIndexes(): { name: string; sql: string | null }[] {
  const target = parseDatabaseUrl(database.url);
  if (target.provider !== "sqlite") throw new Error("SQLite only");
  const sqlite = new Database(target.filePath, { readonly: true });
  try {
    return sqlite
      .prepare(
        `SELECT "name", "sql" FROM sqlite_schema WHERE "type" = 'index' AND "tbl_name" = 'Incident' ORDER BY "name"`,
      )
      .all() as { name: string; sql: string | null }[];
  } finally {
    sqlite.close();
  }
}

describe(`a source's first import (${testEngine})`, () => {
  it("writes every incident in the order they happened, with the schema as it was, and is found again by the next import", async () => {
    const file = join(dir, "nypd-12k.csv");
    const { expected, rows } = generate(file);
    const indexesBefore = testEngine === "sqlite" ? sqliteIndexes() : [];

    const first = await importFile(file);
    expect(first.summary).toMatchObject({
      rowsRead: rows,
      incidents: 12_000,
      inserted: expected.size,
      updated: 0,
      unchanged: 0,
      skippedVoided: 0,
      heldBackKeys: 2,
      rejected: 6,
    });
    // Key 7: the row with no such date, and the other row it holds back; key 8: its four rows.
    expect(first.rejections.filter((r) => r.reason.startsWith("OCCUR_DATE"))).toHaveLength(1);
    expect(first.rejections.filter((r) => r.reason.startsWith("INCIDENT_KEY 7: line"))).toHaveLength(1);
    expect(
      first.rejections.filter((r) => r.reason.includes("INCIDENT_KEY 8: its rows disagree")),
    ).toHaveLength(4);

    const incidents = await db().incident.findMany({
      where: { taskForceId: 1, source: "nypd-shootings" },
      orderBy: { id: "asc" },
      select: { externalKey: true, occurredAt: true, fatalVictims: true, injuredVictims: true },
    });
    expect(incidents).toHaveLength(expected.size);
    for (const incident of incidents) {
      const totals = expected.get(incident.externalKey as string);
      expect(totals, incident.externalKey as string).toBeDefined();
      expect({ fatal: incident.fatalVictims, injured: incident.injuredVictims }).toEqual(totals);
    }
    // Ids follow the instants.
    const instants = incidents.map((i) => i.occurredAt.getTime());
    expect(instants).toEqual([...instants].sort((a, b) => a - b));

    if (testEngine === "sqlite") {
      // The key's unique index is back, exactly as the migration wrote it, and it holds.
      expect(sqliteIndexes()).toEqual(indexesBefore);
      await expect(
        db().incident.create({
          data: {
            taskForceId: 1,
            source: "nypd-shootings",
            externalKey: "1",
            kind: "shooting",
            occurredAt: now,
            localDate: "2026-11-26",
          },
        }),
      ).rejects.toThrow(/Unique constraint/i);
    }

    // The same file again: every record is found, nothing changes.
    const again = await importFile(file);
    expect(again.summary).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: expected.size,
      heldBackKeys: 2,
    });
    expect(await db().incident.count({ where: { source: "nypd-shootings" } })).toBe(expected.size);
    expect((await verifyAuditChain(db())).broken).toBeUndefined();
  }, 60_000);
});
