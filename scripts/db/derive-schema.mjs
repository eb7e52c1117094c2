// Derives prisma/postgresql/schema.prisma from the source schema (prisma/schema.prisma).
// The two differ only in the datasource provider and the generated client's folder, so the
// derivation is a fixed text transform; test/db/schema-sync.test.ts holds them in step.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const sourceSchemaPath = join(projectRoot, "prisma", "schema.prisma");
export const postgresSchemaPath = join(projectRoot, "prisma", "postgresql", "schema.prisma");

const header =
  "// GENERATED from ../schema.prisma by scripts/db/derive-schema.mjs. Do not edit: change the source and run\n" +
  "// `npm run db:generate`.\n";

export function derivePostgresSchema(source) {
  const providerLine = /provider\s*=\s*"sqlite"/;
  const outputLine = /output\s*=\s*"\.\.\/src\/db\/generated\/sqlite"/;
  if (!providerLine.test(source) || !outputLine.test(source)) {
    throw new Error(
      'prisma/schema.prisma must declare provider "sqlite" and output "../src/db/generated/sqlite"',
    );
  }
  return (
    header +
    source
      .replace(providerLine, 'provider = "postgresql"')
      .replace(outputLine, 'output       = "../../src/db/generated/postgresql"')
  );
}

export function writePostgresSchema() {
  const derived = derivePostgresSchema(readFileSync(sourceSchemaPath, "utf8"));
  mkdirSync(dirname(postgresSchemaPath), { recursive: true });
  writeFileSync(postgresSchemaPath, derived);
  return derived;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writePostgresSchema();
  console.log(`wrote ${postgresSchemaPath}`);
}
