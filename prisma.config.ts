// Prisma CLI configuration. The bot itself never runs the CLI: migrations apply in-process through
// the Wasm schema engine (src/db/migrate.ts). This file exists so `prisma generate` and, on a machine
// with internet access, the stock CLI find the schema and migrations.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
