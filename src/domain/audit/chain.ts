import { createHash } from "node:crypto";

/**
 * The audit log as evidence: each row stores a hash over its own content and the previous row's
 * hash, so editing, deleting or reordering any row breaks every link after it. Pure functions
 * over rows; the database appends and reads them (src/db/audit-chain.ts).
 */

/** What the first row links to. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * How a row's hash is computed. Version 1 covered the event but not the task force it belongs to
 * (that column came later and was stored beside the hash); version 2 covers the task force too, so
 * moving a row to another task force breaks the chain like any other edit. Each row records its
 * version, so rows sealed under version 1 keep verifying as they were written, and every row
 * appended or sealed from now on is version 2.
 */
export type HashVersion = 1 | 2;

/** The version every new link is written at. */
export const CURRENT_HASH_VERSION: HashVersion = 2;

/** The columns a row's hash covers: everything recorded about the event. */
export interface AuditContent {
  at: Date;
  actorUserId: string | null;
  actorTeamId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  /** JSON text, hashed exactly as stored. */
  before: string | null;
  after: string | null;
  requestId: string | null;
  /** The task force the event belongs to (null: state level). Covered from version 2 on. */
  taskForceId?: number | null;
}

export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
  hashVersion: HashVersion;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * sha256 over the row's place, its predecessor's hash and its content, as one JSON array: the
 * field order is fixed here, and JSON keeps null apart from the text "null".
 *   version 1: [seq, prevHash, at (ms), actorUserId, actorTeamId, action, targetType, targetId,
 *               outcome, before, after, requestId]
 *   version 2: ["v2", the same twelve fields, taskForceId] — the leading tag keeps the two forms
 *               apart, so a version 2 row cannot pass as version 1 with the same hash.
 */
export function auditRowHash(
  seq: number,
  prevHash: string,
  row: AuditContent,
  version: HashVersion = 1,
): string {
  const fields = [
    seq,
    prevHash,
    row.at.getTime(),
    row.actorUserId,
    row.actorTeamId,
    row.action,
    row.targetType,
    row.targetId,
    row.outcome,
    row.before,
    row.after,
    row.requestId,
  ];
  const canonical = JSON.stringify(version === 1 ? fields : ["v2", ...fields, row.taskForceId ?? null]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** The link the row after `head` gets, at the current hash version. */
export function nextLink(head: ChainHead, row: AuditContent): ChainLink {
  const seq = head.seq + 1;
  const hashVersion = CURRENT_HASH_VERSION;
  return { seq, prevHash: head.hash, hash: auditRowHash(seq, head.hash, row, hashVersion), hashVersion };
}

export interface StoredAuditRow extends AuditContent {
  id: number;
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
  hashVersion: number;
}

export interface ChainBreak {
  /** The row where the chain stops holding; undefined when a row is missing after the last one. */
  id?: number;
  seq?: number;
  reason: string;
}

/**
 * Walks rows in chain order (by seq), one page at a time, and stops at the first break. Rows
 * outside the chain (no seq) are checked separately: see `unchained`.
 */
export function chainVerifier() {
  let expected: ChainHead = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  return {
    get checked() {
      return checked;
    },
    get head(): ChainHead {
      return expected;
    },
    /** The first problem with `row`, given every row before it checked out. */
    check(row: StoredAuditRow): ChainBreak | undefined {
      const at = { id: row.id, seq: row.seq ?? undefined };
      if (row.seq === null || row.prevHash === null || row.hash === null) {
        return { ...at, reason: "it is not sealed into the chain" };
      }
      if (row.seq !== expected.seq + 1) {
        return {
          ...at,
          reason:
            row.seq > expected.seq + 1
              ? `rows ${expected.seq + 1}..${row.seq - 1} of the chain are missing before it`
              : `its place in the chain (${row.seq}) repeats an earlier one`,
        };
      }
      if (row.prevHash !== expected.hash) {
        return { ...at, reason: "it does not link to the row before it (a row was removed or reordered)" };
      }
      if (row.hashVersion !== 1 && row.hashVersion !== 2) {
        return { ...at, reason: `its hash version (${row.hashVersion}) is not one this release knows` };
      }
      if (auditRowHash(row.seq, row.prevHash, row, row.hashVersion) !== row.hash) {
        return { ...at, reason: "its content does not match its hash (the row was edited)" };
      }
      expected = { seq: row.seq, hash: row.hash };
      checked += 1;
      return undefined;
    },
    /** After the last row: the head the database remembers must be the last row checked. */
    finish(recorded: ChainHead): ChainBreak | undefined {
      if (recorded.seq === expected.seq && recorded.hash === expected.hash) return undefined;
      if (recorded.seq > expected.seq) {
        return {
          seq: expected.seq + 1,
          reason: `the chain's head is row ${recorded.seq}, but the log ends at row ${expected.seq}: the newest rows were removed`,
        };
      }
      return {
        seq: expected.seq,
        reason: `the chain's head records row ${recorded.seq} with another hash: the head or the newest rows were altered`,
      };
    },
  };
}
