import type BetterSqlite3 from "better-sqlite3";
import {
  type AuditContent,
  type ChainBreak,
  type ChainHead,
  type ChainLink,
  chainVerifier,
  nextLink,
  type StoredAuditRow,
} from "../domain/audit/chain.js";
import type { Database, DbOrTx } from "./client.js";
import type { Provider } from "./url.js";

/**
 * Appends to and verifies the audit hash chain (src/domain/audit/chain.ts). Every append first
 * updates the chain's head row, which serialises appenders on both engines: PostgreSQL holds that
 * row's lock to the end of the transaction, SQLite its one write lock. A fork is impossible anyway:
 * seq is unique.
 */

/** The hashed content, the task force the row belongs to included (hash version 2 covers it). */
export type AuditRowInput = AuditContent;

/** Appends one row. Call it inside the transaction that makes the change it records. */
export async function appendAuditRow(tx: DbOrTx, row: AuditRowInput): Promise<void> {
  // The increment takes the lock; the row returned still holds the previous row's hash.
  const head = await tx.auditChain.update({ where: { id: 1 }, data: { seq: { increment: 1 } } });
  const link = nextLink({ seq: head.seq - 1, hash: head.hash }, row);
  await tx.auditEvent.create({ data: { ...row, ...link } });
  await tx.auditChain.update({ where: { id: 1 }, data: { hash: link.hash } });
}

// Rows written outside appendAuditRow (by the importer's set-based SQL, or before the chain existed)
// are sealed afterwards, in id order, by the same plan on whichever driver wrote them.

const PAGE = 5000;

const chainSql = {
  lockHead: `UPDATE "AuditChain" SET "seq" = "seq" WHERE "id" = 1`,
  head: `SELECT "seq", "hash" FROM "AuditChain" WHERE "id" = 1`,
  // The instant as text reads the same through every driver (pg would turn a timestamp without
  // time zone into the process's local time).
  unchained: `SELECT "id", CAST("at" AS TEXT) AS "at", "actorUserId", "actorTeamId", "action", "targetType",
      "targetId", "outcome", "before", "after", "requestId", "taskForceId"
    FROM "AuditEvent" WHERE "seq" IS NULL AND "id" > ? ORDER BY "id" LIMIT ${PAGE}`,
  // Sealed now, so at the current hash version, whatever the row's column default said.
  seal: `UPDATE "AuditEvent" SET "seq" = ?, "prevHash" = ?, "hash" = ?, "hashVersion" = ? WHERE "id" = ?`,
  setHead: `UPDATE "AuditChain" SET "seq" = ?, "hash" = ? WHERE "id" = 1`,
};

type UnchainedRow = Omit<AuditContent, "at" | "taskForceId"> & {
  id: number;
  at: string;
  // Through better-sqlite3 an INTEGER may come back as a bigint on some paths; hashed as a number.
  taskForceId: number | bigint | null;
};

/** Stored instants as text: SQLite keeps `…T…+00:00`, PostgreSQL prints `… …` in UTC. */
function instantOf(text: string): Date {
  const iso = text.replace(" ", "T");
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
}

function planSeal(head: ChainHead, rows: readonly UnchainedRow[]) {
  const links: Array<ChainLink & { id: number }> = [];
  let current = head;
  for (const row of rows) {
    const taskForceId = row.taskForceId === null ? null : Number(row.taskForceId);
    const link = nextLink(current, { ...row, at: instantOf(row.at), taskForceId });
    links.push({ ...link, id: Number(row.id) });
    current = { seq: link.seq, hash: link.hash };
  }
  return { links, head: current };
}

/** Seals unchained rows through a synchronous better-sqlite3 connection, inside its transaction. */
export function sealUnchainedSqlite(db: BetterSqlite3.Database): number {
  db.prepare(chainSql.lockHead).run();
  let head = db.prepare(chainSql.head).get() as ChainHead;
  const page = db.prepare(chainSql.unchained);
  const seal = db.prepare(chainSql.seal);
  let sealed = 0;
  for (let after = 0; ; ) {
    const rows = page.all(after) as UnchainedRow[];
    if (rows.length === 0) break;
    const plan = planSeal(head, rows);
    for (const link of plan.links) seal.run(link.seq, link.prevHash, link.hash, link.hashVersion, link.id);
    head = plan.head;
    sealed += rows.length;
    after = Number(rows[rows.length - 1]?.id);
  }
  db.prepare(chainSql.setHead).run(head.seq, head.hash);
  return sealed;
}

type Query = (sql: string, params: readonly unknown[]) => Promise<unknown[]>;

/** Seals unchained rows through an async driver (pg, or Prisma's raw queries), inside its transaction. */
export async function sealUnchainedAsync(query: Query, provider: Provider): Promise<number> {
  const q = (sql: string, params: readonly unknown[] = []) =>
    query(provider === "postgresql" ? numbered(sql) : sql, params);
  await q(chainSql.lockHead);
  let [head] = (await q(chainSql.head)) as ChainHead[];
  if (!head) throw new Error("the audit chain's head row is missing");
  let sealed = 0;
  for (let after = 0; ; ) {
    const rows = (await q(chainSql.unchained, [after])) as UnchainedRow[];
    if (rows.length === 0) break;
    const plan = planSeal(head, rows);
    for (const link of plan.links)
      await q(chainSql.seal, [link.seq, link.prevHash, link.hash, link.hashVersion, link.id]);
    head = plan.head;
    sealed += rows.length;
    after = Number(rows[rows.length - 1]?.id);
  }
  await q(chainSql.setHead, [head.seq, head.hash]);
  return sealed;
}

/** Seals what was written before the chain existed (an upgraded database), at start-up. */
export async function sealUnchained(database: Database): Promise<number> {
  return database.prisma.$transaction(
    (tx) =>
      sealUnchainedAsync(
        (sql, params) =>
          sql.trimStart().startsWith("SELECT")
            ? tx.$queryRawUnsafe(sql, ...params)
            : tx.$executeRawUnsafe(sql, ...params).then(() => []),
        database.provider,
      ),
    { timeout: 10 * 60_000 },
  );
}

/** Numbers `?` placeholders as PostgreSQL's $1, $2, … (the chain's SQL has no other question marks). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export interface ChainVerification {
  checked: number;
  head: ChainHead;
  broken?: ChainBreak;
}

/** Walks the whole chain in order, a page at a time, and stops at the first row that breaks it. */
export async function verifyAuditChain(db: DbOrTx): Promise<ChainVerification> {
  const verifier = chainVerifier();
  const result = (broken?: ChainBreak): ChainVerification => ({
    checked: verifier.checked,
    head: verifier.head,
    broken,
  });
  const stray = await db.auditEvent.findFirst({ where: { seq: null }, orderBy: { id: "asc" } });
  if (stray) return result(verifier.check(stray as StoredAuditRow));
  for (let after = 0; ; ) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: PAGE,
    });
    for (const row of rows) {
      const broken = verifier.check(row as StoredAuditRow);
      if (broken) return result(broken);
    }
    const last = rows[rows.length - 1];
    if (!last?.seq) break;
    after = last.seq;
  }
  const head = await db.auditChain.findUnique({ where: { id: 1 } });
  if (!head) return result({ reason: "the chain's head row is missing" });
  return result(verifier.finish(head));
}
