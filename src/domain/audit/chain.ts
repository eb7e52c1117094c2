import { createHash } from "node:crypto";

/**
 * The audit log as evidence: each row stores a hash over its own content and the previous row's
 * hash, so editing, deleting or reordering any row breaks every link after it. Pure functions
 * over rows; the database appends and reads them (src/db/audit-chain.ts).
 */

/** What the first row links to. */
export const GENESIS_HASH = "0".repeat(64);

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
}

export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * sha256 over the row's place, its predecessor's hash and its content, as one JSON array: the
 * field order is fixed here, and JSON keeps null apart from the text "null".
 */
export function auditRowHash(seq: number, prevHash: string, row: AuditContent): string {
  const canonical = JSON.stringify([
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
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** The link the row after `head` gets. */
export function nextLink(head: ChainHead, row: AuditContent): ChainLink {
  const seq = head.seq + 1;
  return { seq, prevHash: head.hash, hash: auditRowHash(seq, head.hash, row) };
}

export interface StoredAuditRow extends AuditContent {
  id: number;
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
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
      if (auditRowHash(row.seq, row.prevHash, row) !== row.hash) {
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
