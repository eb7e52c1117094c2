// Starts one of bench/servers/*.ts as a child process and talks to it over IPC.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, openSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { ServerMessage } from "../servers/harness.js";

export interface ServerProcess {
  port: number;
  signingSecret: string;
  info: Record<string, unknown>;
  stats(): Promise<Extract<ServerMessage, { type: "stats" }>>;
  stop(): Promise<void>;
}

/** Where the servers and the src/ they import are compiled to: plain JS, as production runs it. */
export const compiledDir = join("node_modules", ".cache", "tf-bench");

/**
 * Compiles bench/servers/*.ts and what they import (the app's src/) with tsc, without type checking
 * (`npm run typecheck` does that), so the servers run on plain Node like the production build and
 * the bot's memory is not inflated by tsx's loader (about 25 MB).
 */
export function compileServers(): void {
  rmSync(compiledDir, { recursive: true, force: true });
  const tsc = join("node_modules", "typescript", "bin", "tsc");
  const flags = ["--strict", "--noCheck", "--target", "ES2023", "--lib", "ES2023", "--module", "NodeNext"];
  flags.push("--moduleResolution", "NodeNext", "--skipLibCheck", "--esModuleInterop", "--resolveJsonModule");
  flags.push("--verbatimModuleSyntax", "--types", "node", "--rootDir", ".", "--outDir", compiledDir);
  const result = spawnSync(
    process.execPath,
    [
      tsc,
      ...flags,
      "bench/servers/bot.ts",
      "bench/servers/bare-bolt.ts",
      "bench/servers/slack-api.ts",
      "bench/servers/digest-slack.ts",
    ],
    {
      encoding: "utf8",
    },
  );
  if (result.status !== 0 || !existsSync(join(compiledDir, "bench", "servers", "bot.js"))) {
    throw new Error(`compiling the benchmark servers failed:\n${result.stdout}${result.stderr}`);
  }
}

/** `script` is bench/servers/<name>.ts; it runs as compiled by compileServers(), which must run first. */
export async function startServer(
  script: string,
  options: { env?: Record<string, string>; nodeArgs?: string[]; logFile: string },
): Promise<ServerProcess> {
  const log = openSync(options.logFile, "a");
  const compiled = join(compiledDir, script.replace(/\.ts$/, ".js"));
  if (!existsSync(compiled)) throw new Error(`${script} is not compiled: call compileServers() first`);
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), compiled], {
    stdio: ["ignore", log, log, "ipc"],
    env: { ...process.env, ...options.env },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const waitFor = <T extends ServerMessage["type"]>(type: T, ms: number) =>
    new Promise<Extract<ServerMessage, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off("message", onMessage);
        reject(new Error(`${script}: no "${type}" within ${ms / 1000} s (see ${options.logFile})`));
      }, ms);
      const onMessage = (message: ServerMessage) => {
        if (message.type !== type) return;
        clearTimeout(timer);
        child.off("message", onMessage);
        resolve(message as Extract<ServerMessage, { type: T }>);
      };
      child.on("message", onMessage);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${script} exited (see ${options.logFile})`));
      });
    });
  const ready = await waitFor("ready", 60_000);
  return {
    port: ready.port,
    signingSecret: ready.signingSecret,
    info: ready.info,
    async stats() {
      const reply = waitFor("stats", 10_000);
      child.send({ type: "stats" });
      return reply;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.send({ type: "stop" });
      const timeout = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
