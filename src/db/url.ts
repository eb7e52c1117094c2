import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export type Provider = "sqlite" | "postgresql";

export type DatabaseTarget =
  | { provider: "sqlite"; filePath: string }
  | { provider: "postgresql"; url: string };

const acceptedForms =
  "Use file:./data/tf.db, file:/abs/path.db or a path ending in .db or .sqlite for SQLite, " +
  "or postgres://… or postgresql://… for PostgreSQL.";

/**
 * Relative SQLite paths resolve against the working directory, as better-sqlite3 would, but eagerly, so
 * the migrator and the client agree on one file even if something changes the directory in between.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const value = url.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) {
    if (!URL.canParse(value)) throw new Error(`DATABASE_URL is not a valid PostgreSQL URL. ${acceptedForms}`);
    return { provider: "postgresql", url: value };
  }
  if (/^file:\/\//i.test(value)) {
    try {
      return { provider: "sqlite", filePath: fileURLToPath(value) };
    } catch {
      throw new Error(`DATABASE_URL is not a valid local file URL. ${acceptedForms}`);
    }
  }
  if (/^file:/i.test(value)) {
    const path = value.slice("file:".length);
    if (path === "") throw new Error(`DATABASE_URL "file:" names no file. ${acceptedForms}`);
    return { provider: "sqlite", filePath: resolve(path) };
  }
  // Only the scheme is echoed: the rest of a URL may hold a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  if (scheme === undefined && /\.(db|sqlite)$/i.test(value)) {
    return { provider: "sqlite", filePath: resolve(value) };
  }
  const what =
    value === "" ? "is empty" : scheme ? `has the unsupported scheme "${scheme}:"` : "is not a database URL";
  throw new Error(`DATABASE_URL ${what}. ${acceptedForms}`);
}

/** Names a database in messages without its credentials. */
export function describeDatabase(target: DatabaseTarget): string {
  if (target.provider === "sqlite") return `SQLite database ${target.filePath}`;
  const url = new URL(target.url);
  return `PostgreSQL database "${decodeURIComponent(url.pathname.slice(1))}" on ${url.host}`;
}

/** Creates the SQLite file's directory, or throws an error naming DATABASE_URL and the directory. */
export function ensureSqliteDirectory(filePath: string): void {
  const directory = dirname(filePath);
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new Error(
      `DATABASE_URL names the SQLite file ${filePath}, but its directory ${directory} cannot be created (${code}).`,
      { cause: error },
    );
  }
}
