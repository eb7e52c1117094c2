import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Runs one bench script in a process of its own (through tsx, from `cwd`), so its CPU and memory
 * are its own, and returns the JSON it wrote to `--json <work>/<name>.json`.
 */
export function runStep<T>(options: {
  name: string;
  script: string;
  args: readonly string[];
  work: string;
  cwd: string;
  nodeArgs?: readonly string[];
}): T {
  const out = join(options.work, `${options.name}.json`);
  const result = spawnSync(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", "tsx", options.script, ...options.args, "--json", out],
    { stdio: "inherit", cwd: options.cwd },
  );
  if (result.status !== 0)
    throw new Error(`${options.script} failed (exit ${result.status ?? result.signal})`);
  return JSON.parse(readFileSync(out, "utf8")) as T;
}

/** The commit measured, and whether src/ or prisma/ differ from it (others may be editing meanwhile). */
export function sourceVersion(projectDir: string): string {
  const git = (...args: string[]) =>
    spawnSync("git", args, { cwd: projectDir, encoding: "utf8" }).stdout.trim();
  const commit = git("rev-parse", "--short", "HEAD") || "unknown";
  return git("status", "--porcelain", "--", "src", "prisma")
    ? `${commit} (src/ or prisma/ modified)`
    : commit;
}
