import { stat } from "node:fs/promises";
import { basename } from "node:path";
import {
  type MergeWithLinks,
  openImportStore,
  type Rejection,
  type StagedRejection,
  StagingBuffer,
} from "../../db/import-store.js";
import { UserFacingError } from "../../domain/errors.js";
import { createAreaResolver } from "./area-resolver.js";
import { type CsvRecord, readCsvFile } from "./csv-reader.js";
import { CsvHeader, fileError } from "./header.js";
import { createLocalInstantResolver } from "./local-instants.js";
import { type BoundProfile, type ImportProfile, showValue } from "./profiles/profile.js";

export interface ImportRequest {
  filePath: string;
  profile: ImportProfile;
  databaseUrl: string;
  /** The task force the records go into (`--taskforce`); keys, areas and links are its own. */
  taskForceId: number;
  /** The zone the file's local dates and times are in (the task force's unless --tz). */
  timeZone: string;
  /** The current instant: pivots two-digit years and stamps the records and the audit. */
  now: Date;
  onProgress?: (progress: ImportProgress) => void;
  /** Every rejected row, in line order, once the import has committed. */
  onRejected?: (rejection: Rejection) => void;
  /**
   * Every reference to another record that was not linked, in line order, once the import has
   * committed; its row was imported all the same.
   */
  onLinkRefused?: (refusal: Rejection) => void;
  /** Rows per staging batch. */
  batchSize?: number;
}

export type ImportProgress =
  | { phase: "reading"; bytesRead: number; totalBytes: number; rowsRead: number }
  | { phase: "merging"; rowsRead: number }
  | { phase: "done" };

/** What the merge reported (src/db/import-store.ts), with what the file and the run add to it. */
export interface ImportSummary extends MergeWithLinks {
  source: string;
  fileName: string;
  fileSha256: string;
  timeZone: string;
  /** The column naming linked records, as the file names it; null when the profile reads none. */
  linkColumn: string | null;
  /** Data rows in the file (blank lines and the header not counted). */
  rowsRead: number;
  /** Rows whose local time fell in a daylight-saving gap (never happened) or overlap (happened twice). */
  dstGapRows: number;
  dstOverlapRows: number;
  elapsedMs: number;
}

const DEFAULT_BATCH = 10_000;

/**
 * Imports one CSV export into incidents: stream the file, map each row with the profile, stage the
 * good rows and the rejections, then merge them all into "Incident" in one transaction (see
 * src/db/import-store.ts). Memory stays flat whatever the file's size: rows are held only a batch at
 * a time, and grouping by key happens in the database.
 */
export async function runImport(request: ImportRequest): Promise<ImportSummary> {
  const { profile, timeZone, now } = request;
  const started = Date.now();
  const fileName = basename(request.filePath);
  const totalBytes = await fileSize(request.filePath);
  const store = await openImportStore(request.databaseUrl, request.taskForceId);
  try {
    const resolveArea = createAreaResolver(await store.areas());
    const resolveWhen = createLocalInstantResolver(timeZone);
    const batchSize = request.batchSize ?? DEFAULT_BATCH;
    const staging = new StagingBuffer();
    let rejections: StagedRejection[] = [];
    let header: CsvHeader | undefined;
    let bound: BoundProfile | undefined;
    let rowsRead = 0;
    let staged = 0;
    let rowRejections = 0;
    let dstGapRows = 0;
    let dstOverlapRows = 0;
    const reject = (line: number, reason: string, key: string | null) => {
      rejections.push({ line, reason, key });
      rowRejections++;
    };

    const csv = readCsvFile(request.filePath);
    try {
      for await (const chunk of csv.chunks) {
        for (const record of chunk.records) {
          if (bound === undefined || header === undefined) {
            if (record.error) throw fileError(`The header row (line ${record.line}) ${record.error}.`);
            header = new CsvHeader(record.fields.map((name) => name.trim()));
            bound = profile.bind(header, { now });
            csv.project(bound.columns);
            continue;
          }
          const fields = record.fields;
          if (record.error) {
            rowsRead++;
            reject(record.line, record.error, null);
            continue;
          }
          if (record.blank) continue; // a row of empty cells is a blank line
          if (record.count !== header.width && !extraFieldsAreEmpty(record, header.width)) {
            rowsRead++;
            reject(
              record.line,
              `has ${record.count} fields, but the header has ${header.width}`,
              bound.keyOf(fields),
            );
            continue;
          }
          const row = bound.map(fields);
          if (typeof row === "string") {
            rowsRead++;
            reject(record.line, row, bound.keyOf(fields));
            continue;
          }
          rowsRead++;
          const when = resolveWhen(row.date, row.time);
          if (when.resolution === "gap") dstGapRows++;
          else if (when.resolution === "overlap") dstOverlapRows++;
          const place = resolveArea(row.place);
          staging.line.push(record.line);
          staging.key.push(row.key);
          staging.kind.push(row.kind);
          staging.occurredAt.push(when.occurredAt);
          staging.localDate.push(when.localDate);
          staging.localTime.push(when.localTime);
          staging.areaId.push(place.areaId);
          staging.areaLabel.push(place.areaLabel);
          staging.caseNumber.push(row.caseNumber);
          staging.fatal.push(row.fatal);
          staging.injured.push(row.injured);
          row.links?.forEach((ref, position) => {
            staging.references.push(record.line, position, row.key, ref);
          });
          if (staging.size >= batchSize) {
            staged += staging.size;
            await store.stage(staging);
            staging.clear();
          }
        }
        if (rejections.length >= batchSize) {
          await store.reject(rejections);
          rejections = [];
        }
        request.onProgress?.({ phase: "reading", bytesRead: chunk.bytesRead, totalBytes, rowsRead });
      }
    } catch (error) {
      // A file system error (the file vanished, a read failed) names the file; anything else is passed on.
      if ((error as NodeJS.ErrnoException).syscall) throw cannotRead(request.filePath, error);
      throw error;
    }
    if (bound === undefined) throw fileError(`${fileName} is empty: it has no header row.`);
    if (staging.size > 0) {
      staged += staging.size;
      await store.stage(staging);
      staging.clear();
    }
    if (rejections.length > 0) await store.reject(rejections);
    rejections = [];

    request.onProgress?.({ phase: "merging", rowsRead });
    const fileSha256 = csv.sha256();
    const merged = await store.merge({
      source: profile.source,
      grouping: profile.grouping,
      keyColumn: bound.keyColumn,
      fileName,
      fileSha256,
      startedAt: new Date(now.getTime()),
      now,
      staged,
      rowRejections,
      audit: { source: profile.source, file: fileName, sha256: fileSha256, timeZone, rowsRead },
      links: bound.linkColumn !== undefined,
    });
    if (request.onRejected) {
      for await (const rejection of store.rejections()) request.onRejected(rejection);
    }
    if (request.onLinkRefused) {
      const column = bound.linkColumn ?? "links";
      for await (const refusal of store.linkRefusals()) {
        request.onLinkRefused({
          line: refusal.line,
          reason: `${column} ${showValue(refusal.reference)}: ${refusal.reason}`,
        });
      }
    }
    request.onProgress?.({ phase: "done" });
    return {
      source: profile.source,
      fileName,
      fileSha256,
      timeZone,
      linkColumn: bound.linkColumn ?? null,
      ...merged,
      rowsRead,
      dstGapRows,
      dstOverlapRows,
      elapsedMs: Date.now() - started,
    };
  } catch (error) {
    await store
      .recordFailure({
        source: profile.source,
        fileName,
        startedAt: now,
        now: new Date(),
        error:
          error instanceof UserFacingError ? error.message : "the import failed; see the command's output",
      })
      .catch(() => undefined);
    throw error;
  } finally {
    await store.close();
  }
}

/** Spreadsheets often end rows with empty cells the header does not name; those are harmless. */
function extraFieldsAreEmpty(record: CsvRecord, width: number): boolean {
  if (record.count < width) return false;
  for (let i = width; i < record.count; i++) if ((record.fields[i] ?? "").trim() !== "") return false;
  return true;
}

async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw fileError(`${path} is not a file.`);
    return info.size;
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw cannotRead(path, error);
  }
}

function cannotRead(path: string, error: unknown): UserFacingError {
  const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
  const why = code === "ENOENT" ? "there is no such file" : code === "EACCES" ? "permission denied" : code;
  return fileError(`Cannot read ${path}: ${why}.`);
}
