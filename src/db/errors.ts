/**
 * Whether an error means the database is unreachable or unavailable for now (lost connection,
 * server restarting or refusing connections, pool exhausted, SQLite locked past its busy timeout),
 * as opposed to a bug. Such failures are worth "try again shortly"; the pool reconnects by itself.
 */

// Prisma's connection-level error codes.
const prismaCodes = new Set(["P1001", "P1002", "P1008", "P1011", "P1017", "P2024"]);
// PostgreSQL SQLSTATE classes and codes: connection exceptions (08), admin shutdown and "cannot
// connect now" (57P01–57P03), too many connections (53300), object not in prerequisite state
// (55000: a database not accepting connections).
const sqlStates = /^(08...|57P0[1-3]|53300|55000)$/;
// Driver adapter error kinds for the same conditions.
const adapterKinds = new Set([
  "ConnectionClosed",
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionAlreadyClosed",
]);
const messages =
  /ECONNREFUSED|ECONNRESET|Connection terminated|Can't reach database server|database is locked|SQLITE_BUSY/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as {
    code?: unknown;
    kind?: unknown;
    originalCode?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  if (typeof e.code === "string" && (prismaCodes.has(e.code) || sqlStates.test(e.code))) return true;
  if (typeof e.originalCode === "string" && sqlStates.test(e.originalCode)) return true;
  if (typeof e.kind === "string" && adapterKinds.has(e.kind)) return true;
  if (typeof e.message === "string" && messages.test(e.message)) return true;
  return (
    isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1)
  );
}

/** Whether an error is Prisma's unique-constraint violation (P2002): the row is there already. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
