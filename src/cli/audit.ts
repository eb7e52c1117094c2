// `tf audit verify`: walks the audit log's hash chain and says whether it is intact.
import { loadConfig } from "../config/env.js";
import { verifyAuditChain } from "../db/audit-chain.js";
import { createDatabase } from "../db/client.js";
import { describeDatabase, parseDatabaseUrl } from "../db/url.js";
import { formatCount } from "../domain/text/numbers.js";

export const auditUsage = "tf audit verify";

export interface AuditCliIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Exit 0 when every row links to the one before it and matches its hash, 1 naming the first row
 * that does not. It only reads: it neither migrates nor seals, so what it checks is what is stored.
 */
export async function auditCommand(args: string[], io: AuditCliIo = consoleIo): Promise<number> {
  if (args.length !== 1 || args[0] !== "verify") {
    io.err(`Usage: ${auditUsage}`);
    return 2;
  }
  const config = loadConfig(process.env);
  const where = describeDatabase(parseDatabaseUrl(config.databaseUrl));
  const database = await createDatabase(config.databaseUrl);
  try {
    const { checked, head, broken } = await verifyAuditChain(database.prisma);
    if (broken) {
      const row = broken.id !== undefined ? `row id ${broken.id}` : `row ${broken.seq} of the chain`;
      io.err(
        `Audit chain BROKEN at ${row}${broken.id !== undefined && broken.seq !== undefined ? ` (chain position ${broken.seq})` : ""}: ${broken.reason}.`,
      );
      io.err(`${formatCount(checked)} rows before it checked out, in ${where}.`);
      return 1;
    }
    io.out(
      `Audit chain intact: ${formatCount(checked)} rows checked in ${where}; head ${head.seq} ${head.hash}.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

const consoleIo: AuditCliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };
