// The links an import's rows name (a mapping file's links column), made inside the merge's
// transaction, so an import lands with its links or not at all, on the importer's own connection.
//
// Links are few next to incidents, and each one is decided by the same rules as /tf link
// (src/domain/incidents/links.ts) against the links already on record, including those this import
// made a moment before: so the references are taken one at a time, in line order, and the first
// recovery a file gives for a theft is the one that counts.
import { type IncidentKind, incidentKindLabels } from "../domain/incidents/kinds.js";
import { isRefusal, type LinkableIncident, linkableTo, planLink } from "../domain/incidents/links.js";
import { formatRecordId } from "../domain/records/record-id.js";

/** The merge's connection, inside its transaction, with `?` placeholders on both engines. */
export interface ImportSession {
  provider: "sqlite" | "postgresql";
  all(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** A parameter holding an instant, and the value to pass for it. */
  timestamp: string;
  instant(date: Date): string;
}

export interface LinkCounts {
  /** Links this import wrote. */
  linksMade: number;
  /** References to a record the row's record was already linked to: nothing new. */
  linksExisting: number;
  /** References that could not be linked; each is reported with its line. */
  linksRefused: number;
}

/** A reference that could not be linked, as staged for the report. */
export interface LinkRefusal {
  line: number;
  reference: string;
  reason: string;
}

const PAGE = 500;

const incidentColumns = `"id", "kind", "localDate", "localTime",
  CASE WHEN "voidedAt" IS NULL THEN 0 ELSE 1 END AS "voided"`;

type IncidentRow = { id: number; kind: string; localDate: string; localTime: string | null; voided: number };

function linkable(row: Record<string, unknown>): LinkableIncident {
  const r = row as IncidentRow;
  const id = Number(r.id);
  return {
    id,
    recordId: formatRecordId("incident", id),
    kind: r.kind as IncidentKind,
    localDate: r.localDate as LinkableIncident["localDate"],
    localTime: r.localTime,
    voided: Number(r.voided) === 1,
  };
}

/** The kinds a record of `kind` links to: a theft to shootings and recoveries, the others to thefts. */
function partnerKinds(kind: IncidentKind): [IncidentKind, IncidentKind] {
  return kind === "stolen_vehicle" ? ["shooting", "recovered_vehicle"] : ["stolen_vehicle", "stolen_vehicle"];
}

/** The statements, all within one task force (a number checked by openImportStore, never from a file). */
function readSql(taskForceId: number) {
  const tf = String(taskForceId);
  return {
    // One row per reference of each record the merge accepted and holds: imported, updated or
    // unchanged (a voided one too, to say why it is not linked). A reference repeated on the rows of
    // one per-victim incident counts once, at its first line.
    references: `CREATE TEMP TABLE tf_import_link AS
    SELECT r."line", r."position", r."ref", s."id" AS "selfId"
    FROM tf_import_ref AS r
    JOIN tf_import_incident AS g ON g."externalKey" = r."externalKey" AND g."bad" = 0
    JOIN "Incident" AS s ON s."taskForceId" = ${tf} AND s."source" = ? AND s."externalKey" = r."externalKey"
    WHERE NOT EXISTS (SELECT 1 FROM tf_import_ref AS e
      WHERE e."externalKey" = r."externalKey" AND e."ref" = r."ref" AND e."line" < r."line")`,
    page: `SELECT "line", "position", "ref", "selfId" FROM tf_import_link
    WHERE "line" > ? OR ("line" = ? AND "position" > ?)
    ORDER BY "line", "position" LIMIT ${PAGE}`,
    byId: `SELECT ${incidentColumns} FROM "Incident" WHERE "id" = ? AND "taskForceId" = ${tf}`,
    byKey: `SELECT ${incidentColumns} FROM "Incident" WHERE "taskForceId" = ${tf} AND "source" = ? AND "externalKey" = ?`,
    // At most three: one is the record, two say it is ambiguous, three say "and more".
    byCase: `SELECT ${incidentColumns} FROM "Incident"
    WHERE "taskForceId" = ${tf} AND "caseNumber" = ? AND "voidedAt" IS NULL AND "kind" IN (?, ?) ORDER BY "id" LIMIT 3`,
    anyByCase: `SELECT ${incidentColumns} FROM "Incident"
    WHERE "taskForceId" = ${tf} AND "caseNumber" = ? AND "voidedAt" IS NULL ORDER BY "id" LIMIT 3`,
    pair: `SELECT 1 AS "linked" FROM "IncidentLink" WHERE "incidentId" = ? AND "stolenId" = ?`,
    // The recovery links either side already has, with whether the record on their other side is voided.
    recoveries: `SELECT l."id", l."kind", l."incidentId", l."stolenId", l."recoveryOf", l."recoveryDays", l."reason",
      CASE WHEN o."voidedAt" IS NULL THEN 0 ELSE 1 END AS "otherVoided"
    FROM "IncidentLink" AS l
    JOIN "Incident" AS o ON o."id" = CASE WHEN l."recoveryOf" = ? THEN l."incidentId" ELSE l."stolenId" END
    WHERE l."recoveryOf" = ? OR l."recoveredBy" = ?`,
    unlink: `DELETE FROM "IncidentLink" WHERE "id" = ?`,
    refuse: `INSERT INTO tf_import_link_refusal ("line", "position", "ref", "reason") VALUES (?, ?, ?, ?)`,
  };
}

function writeSql(session: ImportSession, taskForceId: number) {
  return {
    link: `INSERT INTO "IncidentLink" ("kind", "incidentId", "stolenId", "recoveryOf", "recoveredBy", "recoveryDays",
        "source", "createdAt")
      VALUES (?, ?, ?, ?, ?, ?, ?, ${session.timestamp})`,
    audit: `INSERT INTO "AuditEvent" ("taskForceId", "at", "actorUserId", "action", "targetType", "targetId", "outcome", "before", "after")
      VALUES (${String(taskForceId)}, ${session.timestamp}, 'cli', ?, 'incident_link', ?, 'ok', ?, ?)`,
  };
}

/**
 * Links the references staged in tf_import_ref (line, position, externalKey, ref), after the merge
 * has written the incidents and before the transaction seals its audit rows: each link written gets
 * an "incident.link" audit row, which the merge's seal chains with its own.
 */
export async function linkReferences(
  session: ImportSession,
  input: { source: string; now: Date; taskForceId: number },
): Promise<LinkCounts> {
  const sql = readSql(input.taskForceId);
  const write = writeSql(session, input.taskForceId);
  const at = session.instant(input.now);
  const index = (name: string, table: string, columns: string) =>
    session.run(
      session.provider === "sqlite"
        ? `CREATE INDEX temp.${name} ON ${table} (${columns})`
        : `CREATE INDEX ${name} ON ${table} (${columns})`,
    );
  await index("tf_import_ref_key", "tf_import_ref", `"externalKey", "ref", "line"`);
  if (session.provider === "sqlite") {
    await index("tf_import_incident_key", "tf_import_incident", `"externalKey"`);
  }
  await session.run(sql.references, [input.source]);
  await index("tf_import_link_order", "tf_import_link", `"line", "position"`);

  const counts: LinkCounts = { linksMade: 0, linksExisting: 0, linksRefused: 0 };
  const loadFirst = async (text: string, params: readonly unknown[]) => {
    const [row] = await session.all(text, params);
    return row === undefined ? undefined : linkable(row);
  };

  /** The record a reference names, or why there is none to link. */
  const resolve = async (self: LinkableIncident, ref: string): Promise<LinkableIncident | string> => {
    const byKey = await loadFirst(sql.byKey, [input.source, ref]);
    if (byKey && !byKey.voided) return byKey;
    const partners = (await session.all(sql.byCase, [ref, ...partnerKinds(self.kind)])).map(linkable);
    const [partner] = partners;
    if (partner && partners.length === 1) return partner;
    if (partners.length > 1) {
      const ids = partners.slice(0, 2).map((p) => p.recordId);
      const which = partners.length > 2 ? `${ids.join(", ")} and more` : ids.join(" and ");
      return `the case number is on several incidents that ${self.recordId} could link to (${which}): name the record by its key instead`;
    }
    const others = (await session.all(sql.anyByCase, [ref])).map(linkable);
    const [other] = others;
    // One record of the wrong kind (or the record itself): planLink says what it links to instead.
    if (other && others.length === 1) return other;
    if (others.length > 1) {
      return `none of the incidents with that case number is ${linkableTo(self.kind)}, which is what ${self.recordId}, a ${incidentKindLabels[self.kind]}, links to`;
    }
    // The key's record was voided, and nothing replaces it under that case number.
    if (byKey) return byKey;
    return "no incident with that key or case number";
  };

  const link = async (self: LinkableIncident, ref: string): Promise<"made" | "existing" | string> => {
    if (self.voided) {
      return `${self.recordId} is voided: an import never changes a voided record, so it is not linked`;
    }
    const other = await resolve(self, ref);
    if (typeof other === "string") return other;
    const plan = planLink(self, other);
    if (isRefusal(plan)) return plan.refused;
    const { incident, stolen } = plan;
    if ((await session.all(sql.pair, [incident.id, stolen.id])).length > 0) return "existing";
    const linkId = `${incident.recordId}~${stolen.recordId}`;
    if (plan.kind === "recovery") {
      const held = await session.all(sql.recoveries, [stolen.id, stolen.id, incident.id]);
      for (const row of held) {
        const recoveryOf = Number(row.recoveryOf);
        const otherId = formatRecordId(
          "incident",
          Number(recoveryOf === stolen.id ? row.incidentId : row.stolenId),
        );
        if (Number(row.otherVoided) === 0) {
          return recoveryOf === stolen.id
            ? `${stolen.recordId} is already recovered by ${otherId}: a theft is recovered once`
            : `${incident.recordId} already closes the theft ${otherId}: a recovery closes one theft`;
        }
        // As /tf link does: a link whose other side is voided counts nowhere and gives way.
        await session.run(sql.unlink, [row.id]);
        const stale = `${formatRecordId("incident", Number(row.incidentId))}~${formatRecordId("incident", Number(row.stolenId))}`;
        await session.run(write.audit, [
          at,
          "incident.unlink",
          stale,
          JSON.stringify({ kind: row.kind, recoveryDays: row.recoveryDays, reason: row.reason }),
          JSON.stringify({
            reason: `${otherId} is voided; replaced by a link to the record that supersedes it`,
          }),
        ]);
      }
    }
    const recovery = plan.kind === "recovery";
    await session.run(write.link, [
      plan.kind,
      incident.id,
      stolen.id,
      recovery ? stolen.id : null,
      recovery ? incident.id : null,
      plan.recoveryDays,
      input.source,
      at,
    ]);
    await session.run(write.audit, [
      at,
      "incident.link",
      linkId,
      null,
      JSON.stringify({
        kind: plan.kind,
        incident: incident.recordId,
        stolen: stolen.recordId,
        recoveryDays: plan.recoveryDays,
        source: input.source,
      }),
    ]);
    return "made";
  };

  for (let line = 0, position = -1; ; ) {
    const page = await session.all(sql.page, [line, line, position]);
    for (const row of page) {
      line = Number(row.line);
      position = Number(row.position);
      const ref = String(row.ref);
      const self = await loadFirst(sql.byId, [row.selfId]);
      if (!self) throw new Error(`import: the merged incident ${String(row.selfId)} vanished`);
      const outcome = await link(self, ref);
      if (outcome === "made") counts.linksMade++;
      else if (outcome === "existing") counts.linksExisting++;
      else {
        counts.linksRefused++;
        await session.run(sql.refuse, [line, position, ref, outcome]);
      }
    }
    if (page.length < PAGE) break;
  }
  return counts;
}
