import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/bootstrap.js";
import { verifyAuditChain } from "../../src/db/audit-chain.js";
import { createDatabase, type Database } from "../../src/db/client.js";
import { applyMigrations } from "../../src/db/migrate.js";
import { auditRowHash, GENESIS_HASH } from "../../src/domain/audit/chain.js";
import { createLogger } from "../../src/infra/logger.js";
import { recordAudit } from "../../src/usecases/audit/audit-log.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createEmptyTestDatabase, createTestDatabase, testEngine } from "../helpers/database.js";
import { spawnEntry } from "../helpers/process.js";

const admin = "U0ADMIN001";
const detective = "U0DETECT01";
const analyst = "U0ANALYST1";
const stranger = "U0STRANGE1";
const now = new Date("2025-03-10T15:00:00Z");

/** `npx tf audit verify` on the database at `url`, as an operator runs it. */
async function verifyCli(url: string) {
  const run = spawnEntry(["src/cli/main.ts", "audit", "verify"], { DATABASE_URL: url, LOG_LEVEL: "silent" });
  const { code } = await run.exited;
  return { code, output: run.output().trim() };
}

const entry = (action: string, at = now) => ({
  actorUserId: admin,
  actorTeamId: "T0HOME0001",
  action,
  outcome: "ok" as const,
  after: { n: action },
  at,
});

describe(`the audit log's hash chain (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;
  /** Raw SQL, as someone editing the database behind the bot's back would use. */
  const sql = (text: string) => db().$executeRawUnsafe(text);

  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => now });
    // A day of commands: writes, an admin change, refusals, a read of restricted detail, a void.
    await bot.reply(`assign <@${detective}> unit:vctf agency:HPD from:2025-01-01`, { userId: admin });
    await bot.reply("seizure guns:2 fentanyl:25g area:frog-hollow", { userId: detective });
    await bot.reply("shooting fatal:1 area:south-end at:2025-03-09T23:10 case:25-0042", {
      userId: detective,
    });
    await bot.reply(`admin role <@${analyst}> viewer`, { userId: admin });
    await bot.reply(`admin role <@${analyst}> leadership`, { userId: admin });
    await bot.reply("incidents 7d", { userId: analyst });
    await bot.reply("seizure guns:1", { userId: stranger });
    await bot.reply('void S-1 reason:"entered twice"', { userId: detective });
  });
  afterAll(() => bot?.stop());

  it("links every row written by a day of commands, and the CLI says how many it checked", async () => {
    const rows = await db().auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.seq, r.action, r.outcome])).toEqual([
      [1, "assignment.create", "ok"],
      [2, "seizure.create", "ok"],
      [3, "incident.create", "ok"],
      [4, "admin.role", "ok"],
      [5, "admin.role", "ok"],
      [6, "incident.read", "ok"],
      [7, "seizure.denied", "denied"],
      [8, "seizure.void", "ok"],
    ]);
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    for (const [i, row] of rows.entries()) {
      if (i > 0) expect(row.prevHash).toBe(rows[i - 1]?.hash);
    }
    const result = await verifyAuditChain(db());
    expect(result).toEqual({ checked: 8, head: { seq: 8, hash: rows[7]?.hash }, broken: undefined });
    const cli = await verifyCli(bot.database.url);
    expect(cli.code).toBe(0);
    expect(cli.output).toMatch(/^Audit chain intact: 8 rows checked in .+; head 8 [0-9a-f]{64}\.$/);
  });

  it("writes every row at hash version 2, so moving a row to another task force breaks the chain there", async () => {
    const rows = await db().auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.seq, r.hashVersion, r.taskForceId])).toEqual([
      [1, 2, 1],
      [2, 2, 1],
      [3, 2, 1],
      [4, 2, 1],
      [5, 2, 1],
      [6, 2, 1],
      [7, 2, 1],
      [8, 2, 1],
    ]);
    const target = rows[2];
    if (!target) throw new Error("fixture rows missing");
    // To the state level: a task force id no other row has, and no foreign key to satisfy.
    await sql(`UPDATE "AuditEvent" SET "taskForceId" = NULL WHERE "id" = ${target.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({
      checked: 2,
      broken: { id: target.id, seq: 3, reason: "its content does not match its hash (the row was edited)" },
    });
    const cli = await verifyCli(bot.database.url);
    expect(cli.code).toBe(1);
    expect(cli.output.split("\n")[0]).toBe(
      `Audit chain BROKEN at row id ${target.id} (chain position 3): its content does not match its hash (the row was edited).`,
    );
    await sql(`UPDATE "AuditEvent" SET "taskForceId" = 1 WHERE "id" = ${target.id}`);
    expect((await verifyAuditChain(db())).broken).toBeUndefined();
  });

  it("records a role grant with the role it replaced", async () => {
    const grants = await db().auditEvent.findMany({
      where: { action: "admin.role", targetId: `T0TASKF0RC:${analyst}` },
      orderBy: { seq: "asc" },
      select: { before: true, after: true },
    });
    expect(grants).toEqual([
      { before: '{"role":null}', after: '{"role":"viewer"}' },
      { before: '{"role":"viewer"}', after: '{"role":"leadership"}' },
    ]);
  });

  it("names the first row whose content was edited, and only that row", async () => {
    const target = await db().auditEvent.findFirstOrThrow({ where: { seq: 5 } });
    await sql(
      `UPDATE "AuditEvent" SET "outcome" = 'ok', "after" = '{"role":"admin"}' WHERE "id" = ${target.id}`,
    );
    const result = await verifyAuditChain(db());
    expect(result.checked).toBe(4);
    expect(result.broken).toEqual({
      id: target.id,
      seq: 5,
      reason: "its content does not match its hash (the row was edited)",
    });
    const cli = await verifyCli(bot.database.url);
    expect(cli.code).toBe(1);
    expect(cli.output).toBe(
      `Audit chain BROKEN at row id ${target.id} (chain position 5): its content does not match its hash (the row was edited).\n4 rows before it checked out, in ${cli.output.split(" in ").at(-1)}`,
    );
    // Put back exactly as it was: the chain holds again.
    await db().auditEvent.update({
      where: { id: target.id },
      data: { outcome: target.outcome, after: target.after },
    });
    expect((await verifyAuditChain(db())).broken).toBeUndefined();
  });

  it("catches an edited time, a moved row, a removed row and removed newest rows", async () => {
    const rows = await db().auditEvent.findMany({ orderBy: { seq: "asc" } });
    const [third, fourth] = [rows[2], rows[3]];
    if (!third || !fourth) throw new Error("fixture rows missing");

    await db().auditEvent.update({ where: { id: third.id }, data: { at: new Date(third.at.getTime() + 1) } });
    expect((await verifyAuditChain(db())).broken?.seq).toBe(3);
    await db().auditEvent.update({ where: { id: third.id }, data: { at: third.at } });

    // Reordered: the two rows swap places in the chain (seq is unique, so through a free value).
    await sql(`UPDATE "AuditEvent" SET "seq" = -1 WHERE "id" = ${third.id}`);
    await sql(`UPDATE "AuditEvent" SET "seq" = 3 WHERE "id" = ${fourth.id}`);
    await sql(`UPDATE "AuditEvent" SET "seq" = 4 WHERE "id" = ${third.id}`);
    expect((await verifyAuditChain(db())).broken).toEqual({
      id: fourth.id,
      seq: 3,
      reason: "it does not link to the row before it (a row was removed or reordered)",
    });
    await sql(`UPDATE "AuditEvent" SET "seq" = -1 WHERE "id" = ${third.id}`);
    await sql(`UPDATE "AuditEvent" SET "seq" = 4 WHERE "id" = ${fourth.id}`);
    await sql(`UPDATE "AuditEvent" SET "seq" = 3 WHERE "id" = ${third.id}`);
    expect((await verifyAuditChain(db())).broken).toBeUndefined();

    const last = rows.at(-1);
    if (!last) throw new Error("no rows");
    await sql(`DELETE FROM "AuditEvent" WHERE "id" = ${fourth.id}`);
    expect((await verifyAuditChain(db())).broken).toEqual({
      id: rows[4]?.id,
      seq: 5,
      reason: "rows 4..4 of the chain are missing before it",
    });
    await db().auditEvent.create({ data: fourth });

    await sql(`DELETE FROM "AuditEvent" WHERE "id" = ${last.id}`);
    const result = await verifyAuditChain(db());
    expect(result.checked).toBe(7);
    expect(result.broken).toEqual({
      seq: 8,
      reason: "the chain's head is row 8, but the log ends at row 7: the newest rows were removed",
    });
    await db().auditEvent.create({ data: last });
    expect((await verifyAuditChain(db())).broken).toBeUndefined();
  });

  it("names a row inserted behind the chain's back", async () => {
    const forged = await db().auditEvent.create({
      data: { at: now, action: "admin.role", outcome: "ok", actorUserId: admin },
    });
    expect((await verifyAuditChain(db())).broken).toEqual({
      id: forged.id,
      reason: "it is not sealed into the chain",
    });
    await sql(`DELETE FROM "AuditEvent" WHERE "id" = ${forged.id}`);
  });
});

describe(`appends from concurrent writers (${testEngine})`, () => {
  it("never fork the chain: each row gets its own place, and every link holds", async () => {
    const test = await createTestDatabase();
    try {
      // Two more processes append at the same time as this one, as replicas would.
      const replicas = ["a", "b"].map((label) =>
        spawnEntry(["test/fixtures/append-audit-rows.ts", label, "20"], { DATABASE_URL: test.url }),
      );
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => recordAudit(test.db.prisma, entry(`here.${i}`))),
      );
      for (const replica of replicas) expect((await replica.exited).code).toBe(0);
      const result = await verifyAuditChain(test.db.prisma);
      expect(result.broken).toBeUndefined();
      expect(result.checked).toBe(60);
      const actions = await test.db.prisma.auditEvent.findMany({ select: { action: true } });
      expect(new Set(actions.map((a) => a.action)).size).toBe(60);
    } finally {
      await test.drop();
    }
  });

  it("keeps an audit row out of the chain when the change it records rolls back", async () => {
    const test = await createTestDatabase();
    try {
      await recordAudit(test.db.prisma, entry("kept"));
      await expect(
        test.db.prisma.$transaction(async (tx) => {
          await recordAudit(tx, entry("rolled-back"));
          throw new Error("the change failed");
        }),
      ).rejects.toThrow("the change failed");
      await recordAudit(test.db.prisma, entry("kept-too"));
      const result = await verifyAuditChain(test.db.prisma);
      expect(result).toMatchObject({ checked: 2, head: { seq: 2 }, broken: undefined });
    } finally {
      await test.drop();
    }
  });
});

describe(`a database from before the chain (${testEngine})`, () => {
  let url: string;
  let drop: () => Promise<void>;
  let database: Database | undefined;
  beforeAll(async () => {
    const empty = await createEmptyTestDatabase();
    ({ url, drop } = empty);
    await applyMigrations(url, { through: "20261126212738_incident_covering_index" });
    const old = await createDatabase(url);
    // As the release before the chain wrote them.
    for (const [i, action] of ["seizure.create", "admin.role", "tally.denied"].entries()) {
      await old.prisma.$executeRawUnsafe(
        `INSERT INTO "AuditEvent" ("at", "actorUserId", "actorTeamId", "action", "outcome", "after")
         VALUES (${testEngine === "sqlite" ? `'2025-01-0${i + 1}T10:00:00.000+00:00'` : `'2025-01-0${i + 1} 10:00:00'`}, 'U0OLD00001', 'T0OLD00001', '${action}', 'ok', '{"i":${i}}')`,
      );
    }
    await old.close();
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it("is upgraded in place: start-up seals its rows in the order they were written, and new rows follow", async () => {
    database = await openDatabase(url, createLogger("silent"));
    const sealed = await database.prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
    // Sealed today, so at today's hash version, covering the task force the upgrade gave them.
    expect(sealed.map((r) => [r.seq, r.action, r.at.toISOString(), r.hashVersion, r.taskForceId])).toEqual([
      [1, "seizure.create", "2025-01-01T10:00:00.000Z", 2, 1],
      [2, "admin.role", "2025-01-02T10:00:00.000Z", 2, 1],
      [3, "tally.denied", "2025-01-03T10:00:00.000Z", 2, 1],
    ]);
    await recordAudit(database.prisma, entry("after.upgrade"));
    expect(await verifyAuditChain(database.prisma)).toMatchObject({ checked: 4, broken: undefined });
    const cli = await verifyCli(url);
    expect(cli.code).toBe(0);
    expect(cli.output).toMatch(/^Audit chain intact: 4 rows checked/);
  });
});

describe(`a chain sealed before hash version 2 (${testEngine})`, () => {
  let url: string;
  let drop: () => Promise<void>;
  let database: Database | undefined;
  /** The rows as the release before version 2 sealed them: hashed without their task force. */
  const old = [
    { action: "seizure.create", taskForceId: 1 as number | null },
    { action: "admin.role", taskForceId: 1 as number | null },
    { action: "bot.start", taskForceId: null as number | null },
  ];
  const hashes: string[] = [];

  beforeAll(async () => {
    const empty = await createEmptyTestDatabase();
    ({ url, drop } = empty);
    await applyMigrations(url, { through: "20261206063132_task_forces" });
    const before = await createDatabase(url);
    let prev = GENESIS_HASH;
    for (const [i, row] of old.entries()) {
      const at = new Date(`2025-02-0${i + 1}T09:00:00.000Z`);
      const content = {
        at,
        actorUserId: "U0OLD00001",
        actorTeamId: "T0OLD00001",
        action: row.action,
        targetType: null,
        targetId: null,
        outcome: "ok",
        before: null,
        after: `{"i":${i}}`,
        requestId: null,
      };
      const hash = auditRowHash(i + 1, prev, content, 1);
      await before.prisma.$executeRawUnsafe(
        `INSERT INTO "AuditEvent" ("taskForceId", "at", "actorUserId", "actorTeamId", "action", "outcome", "after", "seq", "prevHash", "hash")
         VALUES (${row.taskForceId ?? "NULL"}, ${testEngine === "sqlite" ? `'2025-02-0${i + 1}T09:00:00.000+00:00'` : `'2025-02-0${i + 1} 09:00:00'`}, 'U0OLD00001', 'T0OLD00001', '${row.action}', 'ok', '{"i":${i}}', ${i + 1}, '${prev}', '${hash}')`,
      );
      hashes.push(hash);
      prev = hash;
    }
    await before.prisma.$executeRawUnsafe(
      `UPDATE "AuditChain" SET "seq" = 3, "hash" = '${prev}' WHERE "id" = 1`,
    );
    await before.close();
    database = await openDatabase(url, createLogger("silent"));
    await recordAudit(database.prisma, { ...entry("after.upgrade"), taskForceId: 1 });
    await recordAudit(database.prisma, { ...entry("state.level"), taskForceId: undefined });
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it("keeps its rows at version 1 with their hashes, and the rows after them at version 2: the whole chain verifies", async () => {
    const prisma = database?.prisma;
    if (!prisma) throw new Error("no database");
    const rows = await prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.seq, r.action, r.hashVersion, r.taskForceId])).toEqual([
      [1, "seizure.create", 1, 1],
      [2, "admin.role", 1, 1],
      [3, "bot.start", 1, null],
      [4, "after.upgrade", 2, 1],
      [5, "state.level", 2, null],
    ]);
    expect(rows.slice(0, 3).map((r) => r.hash)).toEqual(hashes);
    expect(rows[3]?.prevHash).toBe(hashes[2]);
    expect(await verifyAuditChain(prisma)).toEqual({
      checked: 5,
      head: { seq: 5, hash: rows[4]?.hash },
      broken: undefined,
    });
    const cli = await verifyCli(url);
    expect(cli.code).toBe(0);
    expect(cli.output).toMatch(/^Audit chain intact: 5 rows checked in .+; head 5 [0-9a-f]{64}\.$/);
  });

  it("breaks at a version 2 row moved to another task force; a version 1 row's task force stays outside its hash, as it was written", async () => {
    const prisma = database?.prisma;
    if (!prisma) throw new Error("no database");
    const moved = await prisma.auditEvent.findFirstOrThrow({ where: { seq: 5 } });
    await prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "taskForceId" = 1 WHERE "id" = ${moved.id}`);
    expect(await verifyAuditChain(prisma)).toMatchObject({
      checked: 4,
      broken: { id: moved.id, seq: 5, reason: "its content does not match its hash (the row was edited)" },
    });
    await prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "taskForceId" = NULL WHERE "id" = ${moved.id}`);

    const legacy = await prisma.auditEvent.findFirstOrThrow({ where: { seq: 3 } });
    await prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "taskForceId" = 1 WHERE "id" = ${legacy.id}`);
    expect(await verifyAuditChain(prisma)).toMatchObject({ checked: 5, broken: undefined });
    // Nor can a version 2 row be passed off as version 1 to escape: its stored hash is the v2 one.
    await prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "hashVersion" = 1 WHERE "id" = ${moved.id}`);
    expect(await verifyAuditChain(prisma)).toMatchObject({
      checked: 4,
      broken: { id: moved.id, seq: 5, reason: "its content does not match its hash (the row was edited)" },
    });
    await prisma.$executeRawUnsafe(
      `UPDATE "AuditEvent" SET "hashVersion" = 2, "taskForceId" = NULL WHERE "id" IN (${moved.id}, ${legacy.id})`,
    );
    await prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET "hashVersion" = 1 WHERE "id" = ${legacy.id}`);
    expect((await verifyAuditChain(prisma)).broken).toBeUndefined();
  });
});
