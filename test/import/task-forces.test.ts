// `tf import --taskforce`: the same file into two task forces is two sets of records, each with its
// own areas, keys, links and audit rows; neither import sees the other's.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/db/audit-chain.js";
import { seedReferenceData } from "../../src/db/seed/seed.js";
import { mappingProfile } from "../../src/usecases/import/profiles/mapping.js";
import { runImport } from "../../src/usecases/import/run-import.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";

const now = new Date("2026-11-26T15:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "tf-import-taskforces-"));

const profile = mappingProfile({
  name: "rms",
  rows: "per-incident",
  key: "Key",
  kind: { column: "Type", values: { SHOOTING: "shooting", "MV THEFT": "stolen_vehicle" } },
  date: { column: "Date", format: "Y-M-D" },
  area: "Area",
  case: "Case",
  links: "Links",
});

describe(`importing into a task force (${testEngine})`, () => {
  let database: TestDatabase;
  const db = () => database.db.prisma;
  let file: string;
  const importInto = (taskForceId: number) =>
    runImport({
      filePath: file,
      profile,
      databaseUrl: database.url,
      taskForceId,
      timeZone: "America/New_York",
      now,
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedReferenceData(db());
    const second = await db().taskForce.create({
      data: { code: "newhaven", name: "New Haven Shooting Task Force", timeZone: "America/New_York" },
    });
    // The same area code in both task forces: each import resolves it within its own.
    await db().area.create({
      data: { taskForceId: second.id, code: "downtown", name: "Downtown New Haven" },
    });
    file = join(dir, "rms.csv");
    writeFileSync(
      file,
      [
        "Key,Type,Date,Area,Case,Links",
        "T1,MV THEFT,2025-03-01,downtown,C-1,",
        "S1,SHOOTING,2025-03-02,downtown,C-2,T1",
        "S2,SHOOTING,2025-03-03,frog-hollow,C-3,C-1",
      ].join("\n"),
    );
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the same file into each task force as its own records, and re-imports change nothing", async () => {
    const first = await importInto(1);
    const second = await importInto(2);
    expect([first.inserted, first.linksMade, second.inserted, second.linksMade]).toEqual([3, 2, 3, 2]);
    const rows = await db().incident.findMany({
      orderBy: [{ taskForceId: "asc" }, { externalKey: "asc" }],
      select: {
        taskForceId: true,
        externalKey: true,
        areaLabel: true,
        area: { select: { name: true, taskForceId: true } },
      },
    });
    expect(
      rows.map((r) => [
        r.taskForceId,
        r.externalKey,
        r.area?.name ?? r.areaLabel,
        r.area?.taskForceId ?? null,
      ]),
    ).toEqual([
      [1, "S1", "Downtown", 1],
      [1, "S2", "Frog Hollow", 1],
      [1, "T1", "Downtown", 1],
      // Frog Hollow is not New Haven's: kept as the file's own place name.
      [2, "S1", "Downtown New Haven", 2],
      [2, "S2", "frog-hollow", null],
      [2, "T1", "Downtown New Haven", 2],
    ]);
    // Links join each task force's own records, by key and by case number.
    const links = await db().incidentLink.findMany({ include: { incident: true, stolen: true } });
    expect(links.map((l) => [l.incident.taskForceId, l.stolen.taskForceId]).sort()).toEqual([
      [1, 1],
      [1, 1],
      [2, 2],
      [2, 2],
    ]);
    const batches = await db().importBatch.findMany({
      orderBy: { id: "asc" },
      select: { taskForceId: true },
    });
    expect(batches).toEqual([{ taskForceId: 1 }, { taskForceId: 2 }]);
    const audit = await db().auditEvent.groupBy({
      by: ["taskForceId"],
      _count: { _all: true },
      orderBy: { taskForceId: "asc" },
    });
    // Per task force: import.run and two incident.link rows.
    expect(audit.map((a) => [a.taskForceId, a._count._all])).toEqual([
      [1, 3],
      [2, 3],
    ]);
    expect((await verifyAuditChain(db())).broken).toBeUndefined();
    // The importer's set-based rows are sealed at hash version 2, which covers their task force:
    // one moved to the other task force breaks the chain at that row.
    const sealed = await db().auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(sealed.map((r) => r.hashVersion)).toEqual([2, 2, 2, 2, 2, 2]);
    const moved = sealed.find((r) => r.taskForceId === 2);
    if (!moved) throw new Error("no audit row in task force 2");
    await db().$executeRawUnsafe(`UPDATE "AuditEvent" SET "taskForceId" = 1 WHERE "id" = ${moved.id}`);
    expect((await verifyAuditChain(db())).broken).toEqual({
      id: moved.id,
      seq: moved.seq,
      reason: "its content does not match its hash (the row was edited)",
    });
    await db().$executeRawUnsafe(`UPDATE "AuditEvent" SET "taskForceId" = 2 WHERE "id" = ${moved.id}`);

    const again = await importInto(2);
    expect([again.inserted, again.updated, again.unchanged, again.linksMade, again.linksExisting]).toEqual([
      0, 0, 3, 0, 2,
    ]);
    expect(await db().incident.count()).toBe(6);
  });
});
