// Derives the PostgreSQL schema and generates both Prisma clients, offline.
// `prisma generate` never uses the schema engine, but the CLI tries to download one unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file, so we point it at node itself.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { postgresSchemaPath, projectRoot, sourceSchemaPath, writePostgresSchema } from "./derive-schema.mjs";

const require = createRequire(import.meta.url);
let prismaCli;
try {
  prismaCli = require.resolve("prisma/build/index.js", { paths: [projectRoot] });
} catch {
  // A production install (npm ci --omit=dev) has no CLI; the image copies clients generated at build time.
  console.log("prisma CLI not installed: skipping client generation");
  process.exit(0);
}

writePostgresSchema();
for (const schema of [sourceSchemaPath, postgresSchemaPath]) {
  const result = spawnSync(process.execPath, [prismaCli, "generate", "--schema", schema], {
    cwd: projectRoot,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (!existsSync(join(projectRoot, "src", "db", "generated", "postgresql", "client.ts"))) {
  console.error("prisma generate did not write src/db/generated/postgresql/client.ts");
  process.exit(1);
}
