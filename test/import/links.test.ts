// A mapping file's links column end to end on the engine under test: references by key and by case
// number, several in a cell, every kind of refusal with its line, idempotence, the audit chain.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/db/audit-chain.js";
import type { Rejection } from "../../src/db/import-store.js";
import { mappingProfile } from "../../src/usecases/import/profiles/mapping.js";
import { runImport } from "../../src/usecases/import/run-import.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";

const now = new Date("2026-11-26T15:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "tf-import-links-"));
let database: TestDatabase;
const db = () => database.db.prisma;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const profile = mappingProfile({
  name: "rms",
  rows: "per-incident",
  key: "Key",
  kind: {
    column: "Type",
    values: { SHOOTING: "shooting", "MV THEFT": "stolen_vehicle", "MV RECOVERED": "recovered_vehicle" },
  },
  date: { column: "Date", format: "Y-M-D" },
  time: "Time",
  case: "Case",
  links: "Links",
});

const header = "Key,Type,Date,Time,Case,Links";
const lines = [
  header, // line 1
  "T1,MV THEFT,2025-03-01,08:00,C-100,", // 2
  "T2,MV THEFT,2025-03-02,,C-200,S1", // 3: the theft names the shooting
  "S1,SHOOTING,2025-03-03,22:15,C-300, T1 ;C-200", // 4: by key, and by case number (T2: linked on line 3)
  "R1,MV RECOVERED,2025-03-05,,C-400,T1;", // 5: recovers T1
  "R2,MV RECOVERED,2025-03-10,,C-500,C-200", // 6: recovers T2, by case number
  "S2,SHOOTING,2025-03-04,,C-600,S1;25-000123;HPD-77", // 7: a shooting, nothing, a Slack theft by case
  "R3,MV RECOVERED,2025-02-20,,C-700,T2", // 8: recovered before T2 was stolen
  "R4,MV RECOVERED,2025-03-12,,C-800,T1", // 9: T1 is recovered already (line 5)
  "T3,MV THEFT,2025-03-06,,C-900,S2", // 10
  "T4,MV THEFT,2025-03-07,,C-DUP,", // 11
  "T5,MV THEFT,2025-03-07,,C-DUP,", // 12
  "S3,SHOOTING,2025-03-08,,C-1000,C-DUP", // 13: two thefts have that case number
  "S4,SHOOTING,2025-02-30,,C-1100,T1", // 14: rejected, so its reference is never looked at
];

function write(name: string, rows: string[]) {
  const path = join(dir, name);
  writeFileSync(path, `${rows.join("\n")}\n`);
  return path;
}

async function importFile(path: string, mapping = profile) {
  const rejections: Rejection[] = [];
  const refusals: Rejection[] = [];
  const summary = await runImport({
    filePath: path,
    profile: mapping,
    databaseUrl: database.url,
    taskForceId: 1,
    timeZone: "America/New_York",
    now,
    onRejected: (r) => rejections.push(r),
    onLinkRefused: (r) => refusals.push(r),
  });
  return { summary, rejections, refusals };
}

/** The record id of an imported record, by its key. */
async function id(key: string): Promise<string> {
  const row = await db().incident.findUniqueOrThrow({
    where: { taskForceId_source_externalKey: { taskForceId: 1, source: "rms", externalKey: key } },
  });
  return `I-${row.id}`;
}

/** Every link, as "kind incident~stolen days", the records named by key (the Slack theft as HPD-77). */
async function links(): Promise<string[]> {
  const rows = await db().incidentLink.findMany({
    where: { source: "rms" },
    include: { incident: true, stolen: true },
    orderBy: { id: "asc" },
  });
  const name = (i: { externalKey: string | null; caseNumber: string | null }) =>
    i.externalKey ?? i.caseNumber ?? "?";
  return rows.map((l) => {
    expect(l.source).toBe("rms");
    expect(l.linkedById).toBeNull();
    expect(l.recoveryOf).toBe(l.kind === "recovery" ? l.stolenId : null);
    expect(l.recoveredBy).toBe(l.kind === "recovery" ? l.incidentId : null);
    return `${l.kind} ${name(l.incident)}~${name(l.stolen)} ${l.recoveryDays ?? "-"}`;
  });
}

async function expectedRefusals(): Promise<Rejection[]> {
  return [
    {
      line: 7,
      reason: `Links "S1": ${await id("S2")} (a shooting) and ${await id("S1")} (a shooting) cannot be linked. A shooting links to the stolen vehicle used in it, and a recovered vehicle to the theft it closes.`,
    },
    { line: 7, reason: 'Links "25-000123": no incident with that key or case number' },
    {
      line: 8,
      reason: `Links "T2": ${await id("R3")} (recovered 2025-02-20) is dated before the theft ${await id("T2")} (stolen 2025-03-02): a vehicle is recovered after it is stolen. Check the dates, or link the right theft.`,
    },
    {
      line: 9,
      reason: `Links "T1": ${await id("T1")} is already recovered by ${await id("R1")}: a theft is recovered once`,
    },
    {
      line: 13,
      reason: `Links "C-DUP": the case number is on several incidents that ${await id("S3")} could link to (${await id("T4")} and ${await id("T5")}): name the record by its key instead`,
    },
  ];
}

const firstLinks = [
  "vehicle_used S1~T2 -",
  "vehicle_used S1~T1 -",
  "recovery R1~T1 4",
  "recovery R2~T2 8",
  "vehicle_used S2~HPD-77 -",
  "vehicle_used S2~T3 -",
];

describe(`tf import with a links column (${testEngine})`, () => {
  it("links shootings and recoveries to thefts by key and by case number, and reports each reference it cannot link", async () => {
    // A theft reported in Slack: no key in this source, only its case number.
    await db().incident.create({
      data: {
        kind: "stolen_vehicle",
        occurredAt: new Date("2025-03-01T15:00:00Z"),
        localDate: "2025-03-01",
        localTime: "10:00",
        caseNumber: "HPD-77",
        source: "slack",
      },
    });
    const { summary, rejections, refusals } = await importFile(write("rms.csv", lines));
    expect(rejections).toEqual([
      { line: 14, reason: 'Date "2025-02-30" is not a real date (February 2025 has 28 days)' },
    ]);
    expect(summary).toMatchObject({
      rowsRead: 13,
      rejected: 1,
      inserted: 12,
      linkColumn: "Links",
      linksMade: 6,
      linksExisting: 1, // S1's C-200: T2 linked S1 on line 3
      linksRefused: 5,
    });
    expect(refusals).toEqual(await expectedRefusals());
    expect(await links()).toEqual(firstLinks);

    const audits = await db().auditEvent.findMany({
      where: { action: "incident.link" },
      orderBy: { id: "asc" },
    });
    expect(audits).toHaveLength(6);
    const [s1t2] = audits;
    expect(s1t2).toMatchObject({
      actorUserId: "cli",
      targetType: "incident_link",
      targetId: `${await id("S1")}~${await id("T2")}`,
      outcome: "ok",
      before: null,
    });
    expect(JSON.parse(audits[2]?.after ?? "{}")).toEqual({
      kind: "recovery",
      incident: await id("R1"),
      stolen: await id("T1"),
      recoveryDays: 4,
      source: "rms",
    });
    const run = await db().auditEvent.findFirstOrThrow({
      where: { action: "import.run", targetId: String(summary.batchId) },
    });
    expect(JSON.parse(run.after ?? "{}")).toMatchObject({ linksMade: 6, linksExisting: 1, linksRefused: 5 });
    // Written by raw SQL in the import's transaction, and sealed into the chain with its other rows.
    expect(audits.every((a) => a.seq !== null)).toBe(true);
    const chain = await verifyAuditChain(db());
    expect(chain.broken).toBeUndefined();
    expect(chain.checked).toBe(await db().auditEvent.count());
  });

  it("makes no link twice when the same file is imported again", async () => {
    const { summary, refusals } = await importFile(write("rms.csv", lines));
    expect(summary).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 12,
      linksMade: 0,
      linksExisting: 7,
      linksRefused: 5,
    });
    expect(refusals).toEqual(await expectedRefusals());
    expect(await links()).toEqual(firstLinks);
    expect(await db().incidentLink.count()).toBe(6);
    expect(await db().auditEvent.count({ where: { action: "incident.link" } })).toBe(6);
  });

  it("links a reference once the record it names is on record, and lets a voided recovery's link give way", async () => {
    await db().incident.update({
      where: { id: Number((await id("R1")).slice(2)) },
      data: { voidedAt: now, voidedBy: "U0ADMIN001", voidReason: "entered twice" },
    });
    const { summary, refusals } = await importFile(
      write("rms-more.csv", [
        header,
        "25-000123,MV THEFT,2025-03-01,,C-1200,", // 2: the theft line 7 of rms.csv named
        "R5,MV RECOVERED,2025-03-01,07:59,C-1300,T1", // 3: a minute before T1 was stolen
        "R6,MV RECOVERED,2025-03-01,08:00,C-1400,T1", // 4: T1's recovery R1 is voided now
        "S2,SHOOTING,2025-03-04,,C-600,S1;25-000123;HPD-77", // 5: as on rms.csv's line 7
      ]),
    );
    expect(summary).toMatchObject({
      inserted: 3,
      unchanged: 1,
      linksMade: 2,
      linksExisting: 1,
      linksRefused: 2,
    });
    const [shootingToShooting] = await expectedRefusals();
    expect(refusals).toEqual([
      {
        line: 3,
        reason: `Links "T1": ${await id("R5")} (recovered 2025-03-01 07:59) is dated before the theft ${await id("T1")} (stolen 2025-03-01 08:00): a vehicle is recovered after it is stolen. Check the dates, or link the right theft.`,
      },
      { line: 5, reason: shootingToShooting?.reason },
    ]);
    expect(await links()).toEqual([
      ...firstLinks.filter((l) => l !== "recovery R1~T1 4"),
      "recovery R6~T1 0",
      "vehicle_used S2~25-000123 -",
    ]);
    const unlinked = await db().auditEvent.findFirstOrThrow({ where: { action: "incident.unlink" } });
    expect(unlinked).toMatchObject({ actorUserId: "cli", targetId: `${await id("R1")}~${await id("T1")}` });
    expect(JSON.parse(unlinked.after ?? "{}")).toEqual({
      reason: `${await id("R1")} is voided; replaced by a link to the record that supersedes it`,
    });
    const chain = await verifyAuditChain(db());
    expect(chain.broken).toBeUndefined();
    expect(chain.checked).toBe(await db().auditEvent.count());
  });

  it("takes a reference repeated on the rows of a per-victim incident once", async () => {
    const victims = mappingProfile({
      name: "victims",
      rows: "per-victim",
      key: "Report",
      kind: "shooting",
      date: { column: "Date", format: "Y-M-D" },
      links: "Vehicle",
    });
    const { summary, refusals } = await importFile(
      write("victims.csv", ["Report,Date,Vehicle", "V1,2025-03-09,C-900", "V1,2025-03-09,C-900;"]),
      victims,
    );
    expect(refusals).toEqual([]);
    expect(summary).toMatchObject({
      incidents: 1,
      inserted: 1,
      linksMade: 1,
      linksExisting: 0,
      linksRefused: 0,
    });
    const link = await db().incidentLink.findFirstOrThrow({ where: { source: "victims" } });
    expect(link).toMatchObject({ kind: "vehicle_used", stolenId: Number((await id("T3")).slice(2)) });
  });
});
