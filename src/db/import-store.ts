// Staging and merging for `tf import`, through the raw drivers: Prisma's createMany costs about 24×
// the driver's own insert rate (ENGINEERING.md), and the merge is set-based SQL Prisma cannot express.
//
// Rows are staged in TEMPORARY tables on the importer's own connection, then merged into "Incident" in
// one transaction. A temporary table belongs to its connection: when the importer is killed at any
// moment, its staged rows vanish with the connection, and the merge either committed as a whole or
// not at all. So a re-run always starts clean and ends with exactly the right records, and two
// imports running at once never see each other's rows.
import Database from "better-sqlite3";
import pg from "pg";
import { numbered, sealUnchainedAsync, sealUnchainedSqlite } from "./audit-chain.js";
import { SQLITE_BUSY_TIMEOUT_MS } from "./client.js";
import { type ImportSession, type LinkCounts, type LinkRefusal, linkReferences } from "./import-links.js";
import { type DatabaseTarget, ensureSqliteDirectory, parseDatabaseUrl } from "./url.js";

/** Staged rows, column by column (cheap to fill, and what PostgreSQL's unnest takes). */
export class StagingBuffer {
  line: number[] = [];
  key: string[] = [];
  kind: string[] = [];
  /** Milliseconds since 1970-01-01T00:00Z; the merge turns them into each engine's DateTime. */
  occurredAt: number[] = [];
  localDate: string[] = [];
  localTime: (string | null)[] = [];
  areaId: (number | null)[] = [];
  areaLabel: (string | null)[] = [];
  caseNumber: (string | null)[] = [];
  fatal: number[] = [];
  injured: number[] = [];
  /** The staged rows' references to other records (a links column), one per reference. */
  references = new ReferenceBuffer();

  get size(): number {
    return this.line.length;
  }

  clear(): void {
    // New arrays, not emptied ones: the PostgreSQL store may still be sending the old ones.
    for (const column of columns) this[column] = [];
    this.references = new ReferenceBuffer();
  }
}

export class ReferenceBuffer {
  line: number[] = [];
  /** The reference's place in its cell, so a line's refusals read in the file's order. */
  position: number[] = [];
  key: string[] = [];
  ref: string[] = [];

  push(line: number, position: number, key: string, ref: string): void {
    this.line.push(line);
    this.position.push(position);
    this.key.push(key);
    this.ref.push(ref);
  }
}

const columns = [
  "line",
  "key",
  "kind",
  "occurredAt",
  "localDate",
  "localTime",
  "areaId",
  "areaLabel",
  "caseNumber",
  "fatal",
  "injured",
] as const;

export interface AreaRecord {
  id: number;
  code: string;
  name: string;
  retired: boolean;
}

export interface Rejection {
  line: number;
  reason: string;
}

/** A rejected row as staged: with its key when it has one, which holds back the key's other rows. */
export interface StagedRejection extends Rejection {
  key: string | null;
}

export interface MergeInput {
  source: string;
  grouping: "per-incident" | "per-victim";
  /** The key column as the file names it, for rejection reasons. */
  keyColumn: string;
  fileName: string;
  fileSha256: string;
  startedAt: Date;
  now: Date;
  /** Rows staged with `stage` and rows rejected with `reject`: checked against the database. */
  staged: number;
  rowRejections: number;
  /** Extra fields for the import.run audit event. */
  audit: Record<string, unknown>;
  /** Whether the profile reads references to other records: the merge then links them. */
  links: boolean;
}

export interface MergeResult {
  batchId: number;
  /** Distinct keys in the file. */
  incidents: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Keys of incidents that were voided: an import never changes a voided record. */
  skippedVoided: number;
  /**
   * Keys whose rows contradict each other (per victim) or repeat (per incident), or one of whose rows
   * was rejected: all their rows are rejected, so no incident is imported with some victims missing.
   */
  heldBackKeys: number;
  /** All rejected rows: the row-level ones plus the rows of conflicting keys. */
  rejected: number;
}

/** What the merge reported, with what became of the rows' references to other records. */
export type MergeWithLinks = MergeResult & LinkCounts;

export type { LinkRefusal } from "./import-links.js";

export interface ImportStore {
  areas(): Promise<AreaRecord[]>;
  stage(rows: StagingBuffer): Promise<void>;
  reject(rejections: readonly StagedRejection[]): Promise<void>;
  merge(input: MergeInput): Promise<MergeWithLinks>;
  /** Every rejection (row-level and from the merge) in line order, read a page at a time. */
  rejections(): AsyncGenerator<Rejection>;
  /** Every reference the merge could not link, in line order, read a page at a time. */
  linkRefusals(): AsyncGenerator<LinkRefusal>;
  /** Best effort: records a failed run as an ImportBatch and an audit event. */
  recordFailure(input: {
    source: string;
    fileName: string;
    startedAt: Date;
    now: Date;
    error: string;
  }): Promise<void>;
  close(): Promise<void>;
}

/**
 * The importer's store, writing into one task force: every statement below names it, so keys,
 * areas, links and the batch are that task force's alone (the same file into two task forces is
 * two sets of records).
 */
export async function openImportStore(databaseUrl: string, taskForceId: number): Promise<ImportStore> {
  // Written into the SQL text as a number, never taken from a file: check it is one.
  if (!Number.isSafeInteger(taskForceId) || taskForceId < 1) {
    throw new RangeError(`openImportStore: not a task force id: ${taskForceId}`);
  }
  const target: DatabaseTarget = parseDatabaseUrl(databaseUrl);
  if (target.provider === "sqlite") return SqliteImportStore.open(target.filePath, taskForceId);
  return PostgresImportStore.open(target.url, taskForceId);
}

// ------------------------------------------------------------------------------------------------ SQL

interface Dialect {
  /** An epoch-milliseconds integer as the engine stores Prisma's DateTime. */
  instant(ms: string): string;

  /** Null-safe "differs". */
  differs(a: string, b: string): string;
  /** A parameter holding a timestamp. */
  timestamp: string;
  /** Comma-separated line numbers of a group, ascending. */
  lineList: string;
  /** A JSON object (as text) of an Incident row's imported fields. */
  json(alias: string, prefix: "incident" | "staged"): string;
}

const sqlite: Dialect = {
  // Exact to the millisecond for every epoch value (checked against Date#toISOString).
  instant: (ms) => `strftime('%Y-%m-%dT%H:%M:%f', ${ms} / 1000.0, 'unixepoch') || '+00:00'`,

  differs: (a, b) => `${a} IS NOT ${b}`,
  timestamp: "CAST(? AS TEXT)",
  lineList: `group_concat(r."line", ', ' ORDER BY r."line")`,
  json: (alias, prefix) => `json_object(${jsonPairs(alias, prefix, (x) => x)})`,
};

const postgres: Dialect = {
  instant: (ms) => `CAST(TIMESTAMP '1970-01-01 00:00:00' + ${ms} * INTERVAL '1 millisecond' AS TIMESTAMP(3))`,
  differs: (a, b) => `${a} IS DISTINCT FROM ${b}`,
  timestamp: "CAST(? AS TIMESTAMP(3))",
  lineList: `string_agg(CAST(r."line" AS TEXT), ', ' ORDER BY r."line")`,
  json: (alias, prefix) =>
    `CAST(json_build_object(${jsonPairs(alias, prefix, (x) => `to_char(${x}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)}) AS TEXT)`,
};

/** Incident columns the import sets, with the staged column that feeds each. */
const fields: ReadonlyArray<readonly [incident: string, staged: string, nullable: boolean]> = [
  ["kind", "kind", false],
  ["occurredAt", "occurredAt", false],
  ["localDate", "localDate", false],
  ["localTime", "localTime", true],
  ["areaId", "areaId", true],
  ["areaLabel", "areaLabel", true],
  ["caseNumber", "caseNumber", true],
  ["fatalVictims", "fatal", false],
  ["injuredVictims", "injured", false],
];

function jsonPairs(alias: string, prefix: "incident" | "staged", instant: (x: string) => string): string {
  return fields
    .map(([incident, staged]) => {
      const column = `${alias}."${prefix === "incident" ? incident : staged}"`;
      return `'${incident}', ${incident === "occurredAt" ? instant(column) : column}`;
    })
    .join(", ");
}

function differs(d: Dialect): string {
  return `(${fields
    .map(([incident, staged, nullable]) =>
      nullable ? d.differs(`i."${incident}"`, `g."${staged}"`) : `i."${incident}" <> g."${staged}"`,
    )
    .join(" OR ")})`;
}

/** The statements of a merge, in order; `?` placeholders (numbered for PostgreSQL by `numbered`). */
function mergeSql(d: Dialect, grouping: MergeInput["grouping"], taskForceId: number) {
  const tf = String(taskForceId);
  // Per victim, every row of a key must agree with the key's first row on everything but the victim
  // counts; only keys with more than one row need looking at.
  const rowDiffers = fields
    .filter(([, staged]) => staged !== "fatal" && staged !== "injured")
    .map(([, staged, nullable]) => {
      const first = staged === "occurredAt" ? `g."occurredMs"` : `g."${staged}"`;
      return nullable ? d.differs(`r."${staged}"`, first) : `r."${staged}" <> ${first}`;
    })
    .join(" OR ");
  const markBad =
    grouping === "per-incident"
      ? `UPDATE tf_import_incident SET "bad" = 1 WHERE "n" > 1`
      : `UPDATE tf_import_incident AS g SET "bad" = 1 WHERE g."n" > 1 AND EXISTS (
          SELECT 1 FROM tf_import_row AS r WHERE r."externalKey" = g."externalKey" AND (${rowDiffers}))`;
  const differ = (expression: string) =>
    `CASE WHEN MIN(${expression}) <> MAX(${expression}) THEN 1 ELSE 0 END`;
  const reason =
    grouping === "per-incident"
      ? `CAST(? AS TEXT) || ' ' || g."externalKey" || ' appears on ' || g."n" || ' rows (lines ' || c."lines" || '); each incident must be listed once, so none of these rows is imported'`
      : `CAST(? AS TEXT) || ' ' || g."externalKey" || ': its rows disagree on ' || substr(` +
        `CASE WHEN c."kindDiffers" = 1 THEN ', kind' ELSE '' END || ` +
        `CASE WHEN c."whenDiffers" = 1 THEN ', date or time' ELSE '' END || ` +
        `CASE WHEN c."areaDiffers" = 1 THEN ', place' ELSE '' END || ` +
        `CASE WHEN c."caseDiffers" = 1 THEN ', case number' ELSE '' END, 3) || ` +
        `' (lines ' || c."lines" || '), so none of these rows is imported'`;
  const incidentColumns = fields.map(([incident]) => `"${incident}"`).join(", ");
  const stagedColumns = fields.map(([, staged]) => `g."${staged}"`).join(", ");
  const insertNew = `INSERT INTO "Incident" ("taskForceId", ${incidentColumns}, "source", "sourceFile", "externalKey", "importBatchId", "createdAt", "updatedAt")
      SELECT ${tf}, ${stagedColumns}, CAST(? AS TEXT), CAST(? AS TEXT), g."externalKey", CAST(? AS INTEGER), ${d.timestamp}, ${d.timestamp}
      FROM tf_import_incident AS g
      WHERE g."bad" = 0`;
  const inOrder = `ORDER BY g."occurredMs", g."firstLine"`; // new incidents get ids in the order they happened
  return {
    // One row per key: the sums, and the other values from the key's first row (found by its line).
    groups: `CREATE TEMP TABLE tf_import_incident AS
      SELECT g."externalKey", g."n", g."firstLine", r."kind", r."occurredAt" AS "occurredMs",
        ${d.instant(`r."occurredAt"`)} AS "occurredAt", r."localDate", r."localTime", r."areaId", r."areaLabel",
        r."caseNumber", g."fatal", g."injured", 0 AS "bad"
      FROM (SELECT "externalKey", COUNT(*) AS "n", MIN("line") AS "firstLine", SUM("fatal") AS "fatal",
          SUM("injured") AS "injured"
        FROM tf_import_row GROUP BY "externalKey") AS g
      JOIN tf_import_row AS r ON r."line" = g."firstLine"`,
    markBad,
    /**
     * `groups` and `markBad` in one pass, with neither an index nor a join: every value is an
     * aggregate. A key is good only when all its rows agree on everything but the victim counts (per
     * victim) or it has one row (per incident); then MIN of each column is the first row's value. A
     * bad key's values are never written. Two rows agree on a column when both are null or both equal:
     * MIN = MAX compares the non-null ones, and COUNT(column) is 0 or every row when they are all null
     * or none is.
     */
    groupsAndBad: `CREATE TEMP TABLE tf_import_incident AS
      SELECT "externalKey", COUNT(*) AS "n", MIN("line") AS "firstLine", MIN("kind") AS "kind",
        MIN("occurredAt") AS "occurredMs", ${d.instant(`MIN("occurredAt")`)} AS "occurredAt",
        MIN("localDate") AS "localDate", MIN("localTime") AS "localTime", MIN("areaId") AS "areaId",
        MIN("areaLabel") AS "areaLabel", MIN("caseNumber") AS "caseNumber", SUM("fatal") AS "fatal",
        SUM("injured") AS "injured",
        CASE WHEN COUNT(*) > 1 ${
          grouping === "per-incident"
            ? ""
            : `AND (${fields
                .filter(([, staged]) => staged !== "fatal" && staged !== "injured")
                .map(([, staged, nullable]) => {
                  const differ = `MIN("${staged}") <> MAX("${staged}")`;
                  return nullable ? `${differ} OR COUNT("${staged}") NOT IN (0, COUNT(*))` : differ;
                })
                .join(" OR ")})`
        } THEN 1 ELSE 0 END AS "bad"
      FROM tf_import_row GROUP BY "externalKey"`,
    // A key with a rejected row is held back whole (and takes this reason over a contradiction).
    markHeld: `UPDATE tf_import_incident SET "bad" = 2
      WHERE "externalKey" IN (SELECT "externalKey" FROM tf_import_reject WHERE "externalKey" IS NOT NULL)`,
    counts: `SELECT COUNT(*) AS "keys", COALESCE(SUM("n"), 0) AS "rows",
        COALESCE(SUM(CASE WHEN "bad" > 0 THEN 1 ELSE 0 END), 0) AS "badKeys",
        COALESCE(SUM(CASE WHEN "bad" > 0 THEN "n" ELSE 0 END), 0) AS "badRows"
      FROM tf_import_incident`,
    conflicts: `CREATE TEMP TABLE tf_import_conflict AS
      SELECT r."externalKey", ${d.lineList} AS "lines",
        ${differ(`r."kind"`)} AS "kindDiffers",
        CASE WHEN MIN(r."occurredAt") <> MAX(r."occurredAt")
          OR MIN(COALESCE(r."localTime", '')) <> MAX(COALESCE(r."localTime", '')) THEN 1 ELSE 0 END AS "whenDiffers",
        CASE WHEN MIN(COALESCE(r."areaId", 0)) <> MAX(COALESCE(r."areaId", 0))
          OR MIN(COALESCE(r."areaLabel", '')) <> MAX(COALESCE(r."areaLabel", '')) THEN 1 ELSE 0 END AS "areaDiffers",
        ${differ(`COALESCE(r."caseNumber", '')`)} AS "caseDiffers"
      FROM tf_import_row AS r
      WHERE r."externalKey" IN (SELECT "externalKey" FROM tf_import_incident WHERE "bad" = 1)
      GROUP BY r."externalKey"`,
    rejectConflicts: `INSERT INTO tf_import_reject ("line", "reason")
      SELECT r."line", ${reason}
      FROM tf_import_incident AS g
      JOIN tf_import_row AS r ON r."externalKey" = g."externalKey"
      JOIN tf_import_conflict AS c ON c."externalKey" = g."externalKey"
      WHERE g."bad" = 1`,
    held: `CREATE TEMP TABLE tf_import_held AS
      SELECT r."externalKey", COUNT(*) AS "n", ${d.lineList} AS "lines"
      FROM tf_import_reject AS r
      WHERE r."externalKey" IN (SELECT "externalKey" FROM tf_import_incident WHERE "bad" = 2)
      GROUP BY r."externalKey"`,
    rejectHeld: `INSERT INTO tf_import_reject ("line", "reason")
      SELECT r."line", CAST(? AS TEXT) || ' ' || g."externalKey" || ': ' || CASE WHEN h."n" = 1
          THEN 'line ' || h."lines" || ', another row of this incident, was rejected'
          ELSE 'lines ' || h."lines" || ', other rows of this incident, were rejected' END
        || ', so none of its rows is imported'
      FROM tf_import_incident AS g
      JOIN tf_import_row AS r ON r."externalKey" = g."externalKey"
      JOIN tf_import_held AS h ON h."externalKey" = g."externalKey"
      WHERE g."bad" = 2`,
    voided: `SELECT COUNT(*) AS "count" FROM tf_import_incident AS g
      JOIN "Incident" AS i ON i."taskForceId" = ${tf} AND i."source" = ? AND i."externalKey" = g."externalKey"
      WHERE g."bad" = 0 AND i."voidedAt" IS NOT NULL`,
    batch: `INSERT INTO "ImportBatch" ("taskForceId", "source", "fileName", "fileSha256", "startedAt", "status")
      VALUES (${tf}, ?, ?, ?, ${d.timestamp}, 'running') RETURNING "id"`,
    auditUpdates: `INSERT INTO "AuditEvent" ("taskForceId", "at", "actorUserId", "action", "targetType", "targetId", "outcome", "before", "after")
      SELECT ${tf}, ${d.timestamp}, 'cli', 'import.update', 'incident', 'I-' || i."id", 'ok',
        ${d.json("i", "incident")}, ${d.json("g", "staged")}
      FROM "Incident" AS i JOIN tf_import_incident AS g
        ON i."taskForceId" = ${tf} AND i."source" = ? AND i."externalKey" = g."externalKey"
      WHERE g."bad" = 0 AND i."voidedAt" IS NULL AND ${differs(d)}`,
    update: `UPDATE "Incident" AS i SET
        ${fields.map(([incident, staged]) => `"${incident}" = g."${staged}"`).join(", ")},
        "sourceFile" = ?, "importBatchId" = CAST(? AS INTEGER), "updatedAt" = ${d.timestamp}
      FROM tf_import_incident AS g
      WHERE i."taskForceId" = ${tf} AND i."source" = ? AND i."externalKey" = g."externalKey" AND g."bad" = 0
        AND i."voidedAt" IS NULL AND ${differs(d)}`,
    insert: `${insertNew}
        AND NOT EXISTS (SELECT 1 FROM "Incident" AS i
          WHERE i."taskForceId" = ${tf} AND i."source" = ? AND i."externalKey" = g."externalKey")
      ${inOrder}`,
    // A source's first import into the task force: every good key is new, so none is looked up.
    insertFirst: `${insertNew}
      ${inOrder}`,
    /** Whether the task force has any record of the source yet (one probe of the unique index). */
    sourceSeen: `SELECT 1 AS "seen" FROM "Incident" WHERE "taskForceId" = ${tf} AND "source" = ? LIMIT 1`,
    rejectedTotal: `SELECT COUNT(*) AS "count" FROM tf_import_reject`,
    finishBatch: `UPDATE "ImportBatch" SET "status" = 'done', "finishedAt" = ${d.timestamp},
        "inserted" = CAST(? AS INTEGER), "updated" = CAST(? AS INTEGER), "unchanged" = CAST(? AS INTEGER),
        "rejected" = CAST(? AS INTEGER)
      WHERE "id" = CAST(? AS INTEGER)`,
    audit: `INSERT INTO "AuditEvent" ("taskForceId", "at", "actorUserId", "action", "targetType", "targetId", "outcome", "after")
      VALUES (${tf}, ${d.timestamp}, 'cli', 'import.run', 'import_batch', ?, ?, ?)`,
  };
}

/** The references staged beside the rows, and those the merge could not link, for the report. */
const referenceTables = [
  `CREATE TEMP TABLE tf_import_ref ("line" INTEGER NOT NULL, "position" INTEGER NOT NULL, "externalKey" TEXT NOT NULL,
    "ref" TEXT NOT NULL)`,
  `CREATE TEMP TABLE tf_import_link_refusal ("line" INTEGER NOT NULL, "position" INTEGER NOT NULL, "ref" TEXT NOT NULL,
    "reason" TEXT NOT NULL)`,
];

const noLinks: LinkCounts = { linksMade: 0, linksExisting: 0, linksRefused: 0 };

const stagingColumns = `"line", "externalKey", "kind", "occurredAt", "localDate", "localTime", "areaId", "areaLabel", "caseNumber", "fatal", "injured"`;

function summarise(
  input: MergeInput,
  counts: { keys: number; rows: number; badKeys: number; badRows: number },
  voided: number,
  inserted: number,
  updated: number,
  rejected: number,
): Omit<MergeResult, "batchId"> {
  // The numbers must add up exactly; if they do not, the transaction is rolled back.
  if (counts.rows !== input.staged) {
    throw new Error(`import: staged ${input.staged} rows but the database holds ${counts.rows}`);
  }
  if (rejected !== input.rowRejections + counts.badRows) {
    throw new Error(
      `import: ${rejected} rejections recorded, expected ${input.rowRejections} + ${counts.badRows}`,
    );
  }
  const good = counts.keys - counts.badKeys;
  const unchanged = good - inserted - updated - voided;
  if (unchanged < 0) {
    throw new Error(
      `import: counts do not add up (${JSON.stringify({ counts, inserted, updated, voided })})`,
    );
  }
  return {
    incidents: counts.keys,
    inserted,
    updated,
    unchanged,
    skippedVoided: voided,
    heldBackKeys: counts.badKeys,
    rejected,
  };
}

// ------------------------------------------------------------------------------------------------ SQLite

const ROWS_PER_INSERT = 32;

/** The unique index on an incident's key (prisma/migrations), which a bulk first import rebuilds. */
const KEY_INDEX = "Incident_taskForceId_source_externalKey_key";
/** Below this many new keys, inserting through the index costs less than building it again. */
const REBUILD_MIN_KEYS = 10_000;

/** Prisma's SQLite adapter stores DateTime as ISO 8601 text with "+00:00"; so does the import. */
/** A DateTime as Prisma's SQLite adapter writes it (raw SQL here must match what Prisma reads). */
export const sqliteTime = (date: Date) => `${date.toISOString().slice(0, -1)}+00:00`;

class SqliteImportStore implements ImportStore {
  private readonly insertRow: Database.Statement;
  private readonly insertRows: Database.Statement;
  private readonly insertReject: Database.Statement;
  private readonly insertReference: Database.Statement;

  private constructor(
    private readonly db: Database.Database,
    private readonly taskForceId: number,
  ) {
    // Staged rows spill to a temporary file, not memory, so a million rows keep memory flat.
    db.pragma("temp_store = FILE");
    db.exec(`CREATE TEMP TABLE tf_import_row ("line" INTEGER PRIMARY KEY, "externalKey" TEXT NOT NULL, "kind" TEXT NOT NULL,
        "occurredAt" INTEGER NOT NULL, "localDate" TEXT NOT NULL, "localTime" TEXT, "areaId" INTEGER,
        "areaLabel" TEXT, "caseNumber" TEXT, "fatal" INTEGER NOT NULL, "injured" INTEGER NOT NULL);
      CREATE TEMP TABLE tf_import_reject ("line" INTEGER NOT NULL, "reason" TEXT NOT NULL, "externalKey" TEXT);`);
    const values = `(${columns.map(() => "?").join(", ")})`;
    this.insertRow = db.prepare(`INSERT INTO temp.tf_import_row (${stagingColumns}) VALUES ${values}`);
    // Several rows per statement: fewer calls into the driver (measured about 25% faster).
    this.insertRows = db.prepare(
      `INSERT INTO temp.tf_import_row (${stagingColumns}) VALUES ${Array(ROWS_PER_INSERT).fill(values).join(", ")}`,
    );
    this.insertReject = db.prepare(
      `INSERT INTO temp.tf_import_reject ("line", "reason", "externalKey") VALUES (?, ?, ?)`,
    );
    for (const table of referenceTables) db.exec(table);
    this.insertReference = db.prepare(
      `INSERT INTO temp.tf_import_ref ("line", "position", "externalKey", "ref") VALUES (?, ?, ?, ?)`,
    );
  }

  static open(filePath: string, taskForceId: number): SqliteImportStore {
    ensureSqliteDirectory(filePath);
    return new SqliteImportStore(new Database(filePath, { timeout: SQLITE_BUSY_TIMEOUT_MS }), taskForceId);
  }

  async areas(): Promise<AreaRecord[]> {
    const rows = this.db
      .prepare(`SELECT "id", "code", "name", "retiredAt" FROM "Area" WHERE "taskForceId" = ?`)
      .all(this.taskForceId) as {
      id: number;
      code: string;
      name: string;
      retiredAt: string | null;
    }[];
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, retired: r.retiredAt !== null }));
  }

  async stage(b: StagingBuffer): Promise<void> {
    const { insertRow, insertRows, insertReference } = this;
    this.db.transaction(() => {
      const refs = b.references;
      for (let i = 0; i < refs.line.length; i++) {
        insertReference.run(refs.line[i], refs.position[i], refs.key[i], refs.ref[i]);
      }
      const size = b.line.length;
      const args: unknown[] = new Array(ROWS_PER_INSERT * columns.length);
      let i = 0;
      for (; i + ROWS_PER_INSERT <= size; i += ROWS_PER_INSERT) {
        let k = 0;
        for (let r = i; r < i + ROWS_PER_INSERT; r++) {
          args[k++] = b.line[r];
          args[k++] = b.key[r];
          args[k++] = b.kind[r];
          args[k++] = b.occurredAt[r];
          args[k++] = b.localDate[r];
          args[k++] = b.localTime[r];
          args[k++] = b.areaId[r];
          args[k++] = b.areaLabel[r];
          args[k++] = b.caseNumber[r];
          args[k++] = b.fatal[r];
          args[k++] = b.injured[r];
        }
        insertRows.run(args);
      }
      for (; i < size; i++) {
        insertRow.run(
          b.line[i],
          b.key[i],
          b.kind[i],
          b.occurredAt[i],
          b.localDate[i],
          b.localTime[i],
          b.areaId[i],
          b.areaLabel[i],
          b.caseNumber[i],
          b.fatal[i],
          b.injured[i],
        );
      }
    })();
  }

  async reject(rejections: readonly StagedRejection[]): Promise<void> {
    const insert = this.insertReject;
    this.db.transaction(() => {
      for (const r of rejections) insert.run(r.line, r.reason, r.key);
    })();
  }

  async merge(input: MergeInput): Promise<MergeWithLinks> {
    const db = this.db;
    const sql = mergeSql(sqlite, input.grouping, this.taskForceId);
    const now = sqliteTime(input.now);
    // Building the index after loading is cheaper than keeping it up to date row by row.
    db.exec(`CREATE INDEX temp.tf_import_row_key ON tf_import_row ("externalKey")`);
    // BEGIN and COMMIT by hand, not db.transaction(): the link step between them is async (it is
    // shared with PostgreSQL), and nothing else uses this connection while it runs.
    db.exec("BEGIN IMMEDIATE");
    let result: MergeWithLinks;
    try {
      db.exec(sql.groups);
      db.exec(sql.markBad);
      db.exec(sql.markHeld);
      const counts = db.prepare(sql.counts).get() as {
        keys: number;
        rows: number;
        badKeys: number;
        badRows: number;
      };
      if (counts.badKeys > 0) {
        db.exec(sql.conflicts);
        db.prepare(sql.rejectConflicts).run(input.keyColumn);
        db.exec(sql.held);
        db.prepare(sql.rejectHeld).run(input.keyColumn);
      }
      // A source's first import into the task force has no records to compare with: nothing can be
      // voided or updated, and no key needs looking up before it is inserted.
      const first = db.prepare(sql.sourceSeen).get(input.source) === undefined;
      const voided = first ? 0 : (db.prepare(sql.voided).get(input.source) as { count: number }).count;
      const { id: batchId } = db
        .prepare(sql.batch)
        .get(input.source, input.fileName, input.fileSha256, sqliteTime(input.startedAt)) as { id: number };
      let updated = 0;
      let inserted: number;
      if (first) {
        inserted = this.insertFirst(sql.insertFirst, counts.keys - counts.badKeys, [
          input.source,
          input.fileName,
          batchId,
          now,
          now,
        ]);
      } else {
        db.prepare(sql.auditUpdates).run(now, input.source);
        updated = db.prepare(sql.update).run(input.fileName, batchId, now, input.source).changes;
        inserted = db
          .prepare(sql.insert)
          .run(input.source, input.fileName, batchId, now, now, input.source).changes;
      }
      const rejected = (db.prepare(sql.rejectedTotal).get() as { count: number }).count;
      const summary = summarise(input, counts, voided, inserted, updated, rejected);
      const links = input.links
        ? await linkReferences(this.session(), {
            source: input.source,
            now: input.now,
            taskForceId: this.taskForceId,
          })
        : noLinks;
      db.prepare(sql.finishBatch).run(
        sqliteTime(new Date()),
        inserted,
        updated,
        summary.unchanged,
        rejected,
        batchId,
      );
      const after = JSON.stringify({ ...input.audit, batchId, ...summary, ...links });
      db.prepare(sql.audit).run(now, String(batchId), "ok", after);
      sealUnchainedSqlite(db);
      db.exec("COMMIT");
      result = { batchId, ...summary, ...links };
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw error;
    }
    // Fresh statistics for the planner after a large change (ENGINEERING.md: trend queries need them).
    db.pragma("optimize");
    return result;
  }

  /**
   * Inserts a source's first import, inside the merge's transaction. New incidents go in in the
   * order they happened (their ids follow it), so their keys reach the unique (taskForceId, source,
   * externalKey) index in random order, each on a random page of it: for a million victim rows that
   * index took more than half of the insert's time (about 6 s of CPU with it, 2.7 s without). When
   * the new keys at least double the table, the index is dropped and built again after the insert
   * in one sorted pass (about 1 s), from its own stored CREATE statement, so it is exactly the
   * migration's. Inside the transaction: other connections never see the table without it, and a
   * failure rolls the drop back with everything else. The keys are unique (one row per key, none
   * in the database yet), so building it again cannot fail on a duplicate.
   */
  private insertFirst(insert: string, keys: number, params: unknown[]): number {
    const db = this.db;
    const index =
      keys >= REBUILD_MIN_KEYS &&
      keys >= (db.prepare(`SELECT COALESCE(MAX("id"), 0) AS "n" FROM "Incident"`).get() as { n: number }).n
        ? (db
            .prepare(
              `SELECT "sql" FROM sqlite_schema WHERE "type" = 'index' AND "name" = ? AND "tbl_name" = 'Incident'`,
            )
            .get(KEY_INDEX) as { sql: string | null } | undefined)
        : undefined;
    if (!index?.sql) return db.prepare(insert).run(...params).changes;
    // Dropping the index drops the planner's statistics for it: when there were some, they are
    // gathered again for the index as built.
    const analysed =
      db.prepare(`SELECT 1 FROM sqlite_schema WHERE "type" = 'table' AND "name" = 'sqlite_stat1'`).get() !==
        undefined && db.prepare(`SELECT 1 FROM sqlite_stat1 WHERE "idx" = ?`).get(KEY_INDEX) !== undefined;
    db.exec(`DROP INDEX "${KEY_INDEX}"`);
    const inserted = db.prepare(insert).run(...params).changes;
    db.exec(index.sql);
    if (analysed) db.exec(`ANALYZE "${KEY_INDEX}"`);
    return inserted;
  }

  private session(): ImportSession {
    const db = this.db;
    return {
      provider: "sqlite",
      all: async (text, params = []) => db.prepare(text).all(...params) as Record<string, unknown>[],
      run: async (text, params = []) => db.prepare(text).run(...params).changes,
      timestamp: "CAST(? AS TEXT)",
      instant: sqliteTime,
    };
  }

  async *linkRefusals(): AsyncGenerator<LinkRefusal> {
    const rows = this.db
      .prepare(`SELECT "line", "ref", "reason" FROM temp.tf_import_link_refusal ORDER BY "line", "position"`)
      .iterate() as IterableIterator<{ line: number; ref: string; reason: string }>;
    for (const row of rows) yield { line: row.line, reference: row.ref, reason: row.reason };
  }

  async *rejections(): AsyncGenerator<Rejection> {
    // Ties (none expected: a line is rejected once) are broken by insertion order.
    const rows = this.db
      .prepare(`SELECT "line", "reason" FROM temp.tf_import_reject ORDER BY "line", rowid`)
      .iterate() as IterableIterator<Rejection>;
    for (const row of rows) yield { line: row.line, reason: row.reason };
  }

  async recordFailure(input: {
    source: string;
    fileName: string;
    startedAt: Date;
    now: Date;
    error: string;
  }): Promise<void> {
    const db = this.db;
    const sql = mergeSql(sqlite, "per-incident", this.taskForceId);
    db.transaction(() => {
      const { id } = db
        .prepare(sql.batch)
        .get(input.source, input.fileName, "", sqliteTime(input.startedAt)) as { id: number };
      db.prepare(`UPDATE "ImportBatch" SET "status" = 'failed', "finishedAt" = ? WHERE "id" = ?`).run(
        sqliteTime(input.now),
        id,
      );
      const after = JSON.stringify({
        source: input.source,
        file: input.fileName,
        batchId: id,
        error: input.error,
      });
      db.prepare(sql.audit).run(sqliteTime(input.now), String(id), "error", after);
      sealUnchainedSqlite(db);
    })();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

// ------------------------------------------------------------------------------------------------ PostgreSQL

type Count = { [key: string]: string | number };
const num = (value: string | number | undefined) => Number(value ?? 0);

class PostgresImportStore implements ImportStore {
  private constructor(
    private readonly client: pg.Client,
    private readonly taskForceId: number,
  ) {}

  static async open(url: string, taskForceId: number): Promise<PostgresImportStore> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // Timestamps are passed as UTC text; keep the session in UTC so nothing converts them.
      await client.query(`SET TIME ZONE 'UTC'`);
      await client.query(`CREATE TEMP TABLE tf_import_row ("line" INTEGER NOT NULL, "externalKey" TEXT NOT NULL,
        "kind" TEXT NOT NULL, "occurredAt" BIGINT NOT NULL, "localDate" TEXT NOT NULL, "localTime" TEXT,
        "areaId" INTEGER, "areaLabel" TEXT, "caseNumber" TEXT, "fatal" INTEGER NOT NULL, "injured" INTEGER NOT NULL)`);
      await client.query(
        `CREATE TEMP TABLE tf_import_reject ("line" INTEGER NOT NULL, "reason" TEXT NOT NULL, "externalKey" TEXT)`,
      );
      for (const table of referenceTables) await client.query(table);
    } catch (error) {
      await client.end();
      throw error;
    }
    return new PostgresImportStore(client, taskForceId);
  }

  async areas(): Promise<AreaRecord[]> {
    const { rows } = await this.client.query<{
      id: number;
      code: string;
      name: string;
      retiredAt: Date | null;
    }>(`SELECT "id", "code", "name", "retiredAt" FROM "Area" WHERE "taskForceId" = $1`, [this.taskForceId]);
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, retired: r.retiredAt !== null }));
  }

  /**
   * The staging statement in flight. stage() sends a batch and returns without waiting for it, so
   * the importer reads and maps the next batch while PostgreSQL stores this one (on two cores the
   * two overlap); it waits for the previous batch first, so at most one is in flight and memory
   * stays at two batches. A failed batch fails the next call on this store.
   */
  private staging: Promise<void> = Promise.resolve();

  async stage(b: StagingBuffer): Promise<void> {
    await this.staging;
    const sent = this.send(b);
    // Handled here so a failure waiting for the next call is not an unhandled rejection.
    sent.catch(() => undefined);
    this.staging = sent;
  }

  /** Waits for the batch in flight; its failure, if any, is thrown here. */
  private staged(): Promise<void> {
    return this.staging;
  }

  /**
   * Queues the batch's statements at once, with the batch's arrays as they are now: clear() replaces
   * a StagingBuffer's arrays rather than emptying them, so the caller can refill it meanwhile.
   */
  private send(b: StagingBuffer): Promise<void> {
    // One statement per batch: each column is one array parameter, so there is no parameter limit.
    const rows = this.client.query(
      `INSERT INTO tf_import_row (${stagingColumns})
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[],
         $7::int[], $8::text[], $9::text[], $10::int[], $11::int[])`,
      [
        b.line,
        b.key,
        b.kind,
        b.occurredAt,
        b.localDate,
        b.localTime,
        b.areaId,
        b.areaLabel,
        b.caseNumber,
        b.fatal,
        b.injured,
      ],
    );
    const refs = b.references;
    const references =
      refs.line.length > 0
        ? this.client.query(
            `INSERT INTO tf_import_ref ("line", "position", "externalKey", "ref")
             SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[])`,
            [refs.line, refs.position, refs.key, refs.ref],
          )
        : undefined;
    return Promise.all([rows, references]).then(() => undefined);
  }

  async reject(rejections: readonly StagedRejection[]): Promise<void> {
    await this.staged();
    await this.client.query(
      `INSERT INTO tf_import_reject ("line", "reason", "externalKey")
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[])`,
      [rejections.map((r) => r.line), rejections.map((r) => r.reason), rejections.map((r) => r.key)],
    );
  }

  async merge(input: MergeInput): Promise<MergeWithLinks> {
    const client = this.client;
    const sql = mergeSql(postgres, input.grouping, this.taskForceId);
    const q = async (text: string, values: unknown[] = []) => client.query(numbered(text), values);
    const now = input.now.toISOString();
    await this.staged();
    // Temporary tables are never analysed automatically; without statistics the plans are guesses.
    await q(`ANALYZE tf_import_row`);
    let result: MergeWithLinks;
    await q("BEGIN");
    try {
      // One merge at a time per database: two imports of the same source would race on the same keys.
      await q(`SELECT pg_advisory_xact_lock(hashtext('tf:import'))`);
      await q(sql.groupsAndBad);
      await q(sql.markHeld);
      const [c] = (await q(sql.counts)).rows as Count[];
      const counts = {
        keys: num(c?.keys),
        rows: num(c?.rows),
        badKeys: num(c?.badKeys),
        badRows: num(c?.badRows),
      };
      if (counts.badKeys > 0) {
        // Only rejections look rows up by key (most files have none).
        await q(`CREATE INDEX ON tf_import_row ("externalKey")`);
        await q(`ANALYZE tf_import_row`);
        await q(sql.conflicts);
        await q(sql.rejectConflicts, [input.keyColumn]);
        await q(sql.held);
        await q(sql.rejectHeld, [input.keyColumn]);
      }
      // A source's first import into the task force has no records to compare with: nothing can be
      // voided or updated, and no key needs looking up before it is inserted.
      const first = (await q(sql.sourceSeen, [input.source])).rows.length === 0;
      if (!first) {
        await q(`CREATE INDEX ON tf_import_incident ("externalKey")`);
        await q(`ANALYZE tf_import_incident`);
      }
      const voided = first
        ? 0
        : num(((await q(sql.voided, [input.source])).rows[0] as Count | undefined)?.count);
      const batchId = num(
        (
          (
            await q(sql.batch, [
              input.source,
              input.fileName,
              input.fileSha256,
              input.startedAt.toISOString(),
            ])
          ).rows[0] as Count | undefined
        )?.id,
      );
      let updated = 0;
      let inserted: number;
      if (first) {
        inserted =
          (await q(sql.insertFirst, [input.source, input.fileName, batchId, now, now])).rowCount ?? 0;
      } else {
        await q(sql.auditUpdates, [now, input.source]);
        updated = (await q(sql.update, [input.fileName, batchId, now, input.source])).rowCount ?? 0;
        inserted =
          (await q(sql.insert, [input.source, input.fileName, batchId, now, now, input.source])).rowCount ??
          0;
      }
      const rejected = num(((await q(sql.rejectedTotal)).rows[0] as Count | undefined)?.count);
      const summary = summarise(input, counts, voided, inserted, updated, rejected);
      const links = input.links
        ? await linkReferences(this.session(), {
            source: input.source,
            now: input.now,
            taskForceId: this.taskForceId,
          })
        : noLinks;
      await q(sql.finishBatch, [
        new Date().toISOString(),
        inserted,
        updated,
        summary.unchanged,
        rejected,
        batchId,
      ]);
      const after = JSON.stringify({ ...input.audit, batchId, ...summary, ...links });
      await q(sql.audit, [now, String(batchId), "ok", after]);
      await this.sealAuditRows();
      await q("COMMIT");
      result = { batchId, ...summary, ...links };
    } catch (error) {
      await q("ROLLBACK").catch(() => undefined);
      throw error;
    }
    if (result.inserted + result.updated + result.linksMade > 0) {
      // Fresh statistics, and a visibility map so CompStat's scan can stay in the index: the
      // CompStat query ran 2.4x faster on a freshly loaded million incidents after it (bench).
      // Outside the transaction, as VACUUM must be; the import has landed whatever it says.
      await q(`VACUUM (ANALYZE) "Incident"`).catch(() => undefined);
    }
    return result;
  }

  private session(): ImportSession {
    const client = this.client;
    const rows = async (text: string, params: readonly unknown[] = []) =>
      client.query(numbered(text), [...params]);
    return {
      provider: "postgresql",
      all: async (text, params) => (await rows(text, params)).rows as Record<string, unknown>[],
      run: async (text, params) => (await rows(text, params)).rowCount ?? 0,
      timestamp: "CAST(? AS TIMESTAMP(3))",
      instant: (date) => date.toISOString(),
    };
  }

  async *linkRefusals(): AsyncGenerator<LinkRefusal> {
    await this.client.query(`CREATE INDEX ON tf_import_link_refusal ("line", "position")`);
    let after = { line: -1, position: -1 };
    for (;;) {
      const { rows } = await this.client.query<{
        line: number;
        position: number;
        ref: string;
        reason: string;
      }>(
        `SELECT "line", "position", "ref", "reason" FROM tf_import_link_refusal
         WHERE "line" > $1 OR ("line" = $1 AND "position" > $2) ORDER BY "line", "position" LIMIT 5000`,
        [after.line, after.position],
      );
      for (const row of rows) yield { line: row.line, reference: row.ref, reason: row.reason };
      const last = rows.at(-1);
      if (last === undefined || rows.length < 5000) return;
      after = last;
    }
  }

  async *rejections(): AsyncGenerator<Rejection> {
    // Read in pages by line: without an index each page would scan and sort every rejection.
    await this.client.query(`CREATE INDEX ON tf_import_reject ("line")`);
    let after = -1;
    for (;;) {
      const { rows } = await this.client.query<Rejection>(
        `SELECT "line", "reason" FROM tf_import_reject WHERE "line" > $1 ORDER BY "line" LIMIT 5000`,
        [after],
      );
      for (const row of rows) yield row;
      const last = rows.at(-1);
      if (last === undefined || rows.length < 5000) return;
      after = last.line;
    }
  }

  async recordFailure(input: {
    source: string;
    fileName: string;
    startedAt: Date;
    now: Date;
    error: string;
  }): Promise<void> {
    const sql = mergeSql(postgres, "per-incident", this.taskForceId);
    const q = (text: string, values: unknown[] = []) => this.client.query(numbered(text), values);
    // A batch still in flight has finished (or failed) before the failure is recorded.
    await this.staged().catch(() => undefined);
    await q("BEGIN");
    try {
      const id = num(
        (
          (await q(sql.batch, [input.source, input.fileName, "", input.startedAt.toISOString()])).rows[0] as
            | Count
            | undefined
        )?.id,
      );
      await q(
        `UPDATE "ImportBatch" SET "status" = 'failed', "finishedAt" = CAST(? AS TIMESTAMP(3)) WHERE "id" = CAST(? AS INTEGER)`,
        [input.now.toISOString(), id],
      );
      const after = JSON.stringify({
        source: input.source,
        file: input.fileName,
        batchId: id,
        error: input.error,
      });
      await q(sql.audit, [input.now.toISOString(), String(id), "error", after]);
      await this.sealAuditRows();
      await q("COMMIT");
    } catch (error) {
      await q("ROLLBACK").catch(() => undefined);
      throw error;
    }
  }

  /** The audit rows this transaction wrote with set-based SQL join the hash chain before it commits. */
  private sealAuditRows(): Promise<number> {
    return sealUnchainedAsync(
      (text, values) => this.client.query(text, [...values]).then((r) => r.rows),
      "postgresql",
    );
  }

  async close(): Promise<void> {
    await this.staged().catch(() => undefined);
    await this.client.end();
  }
}
