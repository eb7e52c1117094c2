// `tf import <file.csv> --format nypd-shootings|gva|<mapping.json> [--taskforce <code>] [--tz <zone>]`
import { parseArgs } from "node:util";
import { openDatabase } from "../bootstrap.js";
import { loadConfig } from "../config/env.js";
import type { Db } from "../db/client.js";
import type { Rejection } from "../db/import-store.js";
import { UserFacingError } from "../domain/errors.js";
import { parseTaskForceCode } from "../domain/taskforce/task-force.js";
import { formatCount as n, countOf as plural } from "../domain/text/numbers.js";
import { isTimeZone } from "../domain/time/zones.js";
import { createLogger } from "../infra/logger.js";
import { builtInProfiles, loadProfile } from "../usecases/import/profiles/index.js";
import { type ImportProgress, type ImportSummary, runImport } from "../usecases/import/run-import.js";
import { alignFirstTaskForce } from "../usecases/taskforces/first-task-force.js";

export const importUsage = `tf import <file.csv> --format nypd-shootings|gva|<mapping.json> [--taskforce <code>] [--tz <zone>]`;

export async function importCommand(args: string[], io: CliIo = processIo()): Promise<number> {
  let parsed: ReturnType<typeof parseImportArgs>;
  try {
    parsed = parseImportArgs(args);
  } catch (error) {
    io.err(`tf import: ${(error as Error).message}\nUsage: ${importUsage}`);
    return 2;
  }
  const config = loadConfig(process.env);
  if (parsed.tz !== undefined && !isTimeZone(parsed.tz)) {
    io.err(`tf import: --tz "${parsed.tz}" is not an IANA time zone such as America/New_York.`);
    return 2;
  }
  const now = new Date();
  try {
    const profile = await loadProfile(parsed.format);
    // Migrated and seeded like the bot's own start, so areas match the same reference data.
    const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
    const database = await openDatabase(config.databaseUrl, logger);
    let taskForce: { id: number; code: string; timeZone: string };
    try {
      await alignFirstTaskForce(database.prisma, config);
      taskForce = await chooseTaskForce(database.prisma, parsed.taskforce);
    } finally {
      await database.close();
    }
    const timeZone = parsed.tz ?? taskForce.timeZone;

    const progress = new ProgressReporter(io);
    progress.start(parsed.file, profile.source);
    let rejectedShown = 0;
    let refusedShown = 0;
    const summary = await runImport({
      filePath: parsed.file,
      profile,
      databaseUrl: config.databaseUrl,
      taskForceId: taskForce.id,
      timeZone,
      now,
      onProgress: (p) => progress.update(p),
      onRejected: (rejection) => {
        if (rejectedShown++ === 0) io.out("Rejected rows (line: reason):");
        io.out(formatRejection(rejection));
      },
      onLinkRefused: (refusal) => {
        if (refusedShown++ === 0) io.out("References not linked (line: reason):");
        io.out(formatRejection(refusal));
      },
    });
    progress.finish();
    io.out(formatImportSummary(summary));
    return 0;
  } catch (error) {
    if (error instanceof UserFacingError) {
      io.err(`tf import: ${error.message}${error.hint ? `\n${error.hint}` : ""}`);
      io.err("Nothing was imported.");
      return 1;
    }
    throw error;
  }
}

function parseImportArgs(args: string[]) {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", short: "f" },
      tz: { type: "string" },
      taskforce: { type: "string" },
    },
  });
  if (positionals.length !== 1) {
    throw new Error(positionals.length === 0 ? "name the CSV file to import" : "import one file at a time");
  }
  if (!values.format) {
    throw new Error(
      `--format is required: ${Object.keys(builtInProfiles).join(", ")} or a mapping .json file`,
    );
  }
  return {
    file: positionals[0] as string,
    format: values.format,
    tz: values.tz,
    taskforce: values.taskforce,
  };
}

/**
 * The task force named by `--taskforce`, or the only one there is. With several and none named,
 * the import stops and lists them: records in the wrong task force would be seen by the wrong city.
 */
async function chooseTaskForce(
  db: Db,
  code: string | undefined,
): Promise<{ id: number; code: string; timeZone: string }> {
  const all = await db.taskForce.findMany({
    orderBy: { code: "asc" },
    select: { id: true, code: true, timeZone: true },
  });
  const codes = all.map((t) => t.code).join(", ");
  if (code === undefined) {
    const [only] = all;
    if (all.length === 1 && only) return only;
    throw new UserFacingError(
      "invalid",
      `This database has ${all.length} task forces: say which one the records belong to with --taskforce <code> (${codes}).`,
    );
  }
  const found = all.find((t) => t.code === parseTaskForceCode(code));
  if (!found) {
    throw new UserFacingError("not_found", `There is no task force "${code}". Task forces: ${codes}.`);
  }
  return found;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: a file's text must not drive the terminal
const terminalControls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export function formatRejection(rejection: Rejection): string {
  return `  line ${rejection.line}: ${rejection.reason.replace(terminalControls, "?")}`;
}

/** The summary as text: what was read, what changed, and what the numbers mean. */
export function formatImportSummary(s: ImportSummary): string {
  const accepted = s.rowsRead - s.rejected;
  const lines = [
    `Imported ${s.fileName} as ${s.source} (batch ${s.batchId}; local times in ${s.timeZone}) in ${(s.elapsedMs / 1000).toFixed(1)} s.`,
    `  rows read:  ${n(s.rowsRead)} (${n(accepted)} accepted, ${n(s.rejected)} rejected)`,
    `  incidents:  ${n(s.incidents - s.heldBackKeys)}`,
    `    inserted  ${n(s.inserted)}  new`,
    `    updated   ${n(s.updated)}  on record with other values (the audit log keeps the old ones)`,
    `    unchanged ${n(s.unchanged)}  on record exactly as in the file: skipped`,
  ];
  if (s.skippedVoided > 0) {
    lines.push(
      `    voided    ${n(s.skippedVoided)}  on record but voided: an import never changes a voided record`,
    );
  }
  if (s.heldBackKeys > 0) {
    lines.push(
      `  ${plural(s.heldBackKeys, "incident")} held back: ${s.heldBackKeys === 1 ? "its" : "their"} rows contradict or repeat each other, or one was rejected (see the reasons above).`,
    );
  }
  if (s.linkColumn !== null) {
    const references = s.linksMade + s.linksExisting + s.linksRefused;
    lines.push(
      `  links:      ${plural(references, "reference")} in ${s.linkColumn}`,
      `    made      ${n(s.linksMade)}  new`,
      `    existing  ${n(s.linksExisting)}  already on record: skipped`,
    );
    if (s.linksRefused > 0) {
      lines.push(
        `    refused   ${n(s.linksRefused)}  not linked (see the reasons above); their rows were imported all the same`,
      );
    }
  }
  if (s.dstGapRows > 0) {
    lines.push(
      `  ${plural(s.dstGapRows, "row")} gave a time the clocks skipped (spring forward); each was stored at the instant that time means on the clock before the change (02:30 → 03:30).`,
    );
  }
  if (s.dstOverlapRows > 0) {
    lines.push(
      `  ${plural(s.dstOverlapRows, "row")} gave a time that happened twice (fall back); each was stored at the earlier of the two.`,
    );
  }
  if (s.incidents === s.heldBackKeys) {
    lines.push("No incident was imported: no row was accepted.");
  } else if (s.inserted === 0 && s.updated === 0 && s.linksMade === 0) {
    const which = s.rejected > 0 ? "every incident accepted from the file" : "every incident in the file";
    lines.push(`Nothing changed: ${which} is already on record as the file has it.`);
  }
  if (s.rejected > 0) {
    lines.push(
      `See the ${plural(s.rejected, "rejected row")} listed above; fix them and import the file again.`,
    );
  }
  if (s.linksRefused > 0) {
    lines.push(
      `See the ${plural(s.linksRefused, "reference")} not linked above; fix them (or the records they name) and import the file again.`,
    );
  }
  return lines.join("\n");
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Progress output: a redrawn bar on a terminal, plain lines otherwise. */
  progress: { isTTY: boolean; write(text: string): void };
}

function processIo(): CliIo {
  return {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    progress: { isTTY: process.stderr.isTTY === true, write: (text) => process.stderr.write(text) },
  };
}

const BAR_WIDTH = 28;

/** Progress on stderr: a bar redrawn at most 10 times a second on a terminal, a line every 2 s otherwise. */
class ProgressReporter {
  private started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly io: CliIo) {}

  start(file: string, source: string): void {
    this.started = Date.now();
    this.io.progress.write(`tf import: reading ${file} as ${source}\n`);
  }

  update(p: ImportProgress): void {
    const now = Date.now();
    const tty = this.io.progress.isTTY;
    if (p.phase === "merging") {
      this.line(`merging ${n(p.rowsRead)} rows into the incidents (one transaction)…`, true);
      return;
    }
    if (p.phase !== "reading" || now - this.lastDraw < (tty ? 100 : 2000)) return;
    this.lastDraw = now;
    const fraction = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 1;
    const rate = p.rowsRead / Math.max(0.001, (now - this.started) / 1000);
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    if (tty) {
      const filled = Math.round(fraction * BAR_WIDTH);
      const bar = `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
      this.line(`[${bar}] ${percent}  ${n(p.rowsRead)} rows  ${n(Math.round(rate))} rows/s`, false);
    } else {
      this.line(`${percent.trim()} read, ${n(p.rowsRead)} rows, ${n(Math.round(rate))} rows/s`, true);
    }
  }

  finish(): void {
    if (this.drawn && this.io.progress.isTTY) this.io.progress.write("\r\x1b[K");
    this.drawn = false;
  }

  private line(text: string, final: boolean): void {
    if (this.io.progress.isTTY) {
      this.io.progress.write(`\r\x1b[K${text}${final ? "\n" : ""}`);
      this.drawn = !final;
    } else {
      this.io.progress.write(`tf import: ${text}\n`);
    }
  }
}
