// Runs in a worker thread (see migrate-isolated.ts): applies the migrations and reports back.
import { parentPort, workerData } from "node:worker_threads";
import { applyMigrations } from "./migrate.js";

try {
  parentPort?.postMessage({ ok: true, applied: (await applyMigrations(workerData as string)).applied });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: (error as Error).message });
}
