import { Worker } from "node:worker_threads";
import { MigrationError } from "./migration-error.js";

/**
 * Applies migrations in a worker thread. The Wasm schema engine keeps tens of megabytes after it
 * is done (measured: about 35 MB of RSS); a worker's memory goes back when the worker ends, so the
 * long-running bot does not carry it. Where a worker cannot load this module's sources (a test
 * runner's own loader), migrations run in this thread instead: only then is the engine loaded here.
 */
export async function applyMigrationsIsolated(url: string): Promise<{ applied: string[] }> {
  const extension = import.meta.url.endsWith(".ts") ? "ts" : "js";
  let worker: Worker;
  try {
    worker = new Worker(new URL(`./migrate-worker.${extension}`, import.meta.url), { workerData: url });
  } catch {
    return migrateInThisThread(url);
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once("message", (result: { ok: true; applied: string[] } | { ok: false; message: string }) => {
      settled = true;
      if (result.ok) resolve({ applied: result.applied });
      else reject(new MigrationError(result.message));
      void worker.terminate();
    });
    worker.once("error", () => {
      if (settled) return;
      settled = true;
      // The worker could not even load (e.g. no TypeScript loader in it): migrate here.
      migrateInThisThread(url).then(resolve, reject);
    });
  });
}

async function migrateInThisThread(url: string): Promise<{ applied: string[] }> {
  const { applyMigrations } = await import("./migrate.js");
  return applyMigrations(url);
}
