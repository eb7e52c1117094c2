import { monitorEventLoopDelay } from "node:perf_hooks";
// What the benchmark's server processes share: they start, tell the parent (over the IPC channel)
// where they listen and how to sign requests, answer "stats" with their own peak RSS and counters,
// and exit on "stop" or when the parent goes away.

export interface Served {
  port: number;
  signingSecret: string;
  /** Extra facts for the parent, e.g. the emulator's response_url base. */
  info?: Record<string, unknown>;
  counters(): Record<string, number>;
  stop(): Promise<void>;
}

export type ServerMessage =
  | { type: "ready"; port: number; signingSecret: string; info: Record<string, unknown> }
  | {
      type: "stats";
      maxRssMb: number;
      rssMb: number;
      heapUsedMb: number;
      counters: Record<string, number>;
      /** The longest the event loop was blocked since the last stats request. */
      eventLoopDelayMaxMs: number;
      /** CPU time this process has used so far, all its threads (V8 collects garbage on helper threads). */
      cpuMs: number;
    };

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function serve(start: () => Promise<Served>): Promise<void> {
  if (!process.send) throw new Error("run this from the benchmark: it talks to its parent over IPC");
  const send = (message: ServerMessage) => process.send?.(message);
  const served = await start();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  process.on("message", (message: { type?: string }) => {
    if (message.type === "stats") {
      // With --expose-gc (diagnostics), collect first, so heapUsed is what is retained.
      (globalThis as { gc?: () => void }).gc?.();
      const memory = process.memoryUsage();
      const delayMax = loopDelay.max;
      const cpu = process.cpuUsage();
      loopDelay.reset();
      send({
        type: "stats",
        // resourceUsage().maxRSS is in kilobytes: the peak resident set of this process so far.
        maxRssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
        rssMb: mb(memory.rss),
        heapUsedMb: mb(memory.heapUsed),
        eventLoopDelayMaxMs: Math.round(delayMax / 1e5) / 10,
        cpuMs: (cpu.user + cpu.system) / 1000,
        counters: {
          ...served.counters(),
          // Open sockets, servers and timers: connections piling up show here.
          activeHandles: (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles()
            .length,
        },
      });
    } else if (message.type === "stop") {
      void served.stop().finally(() => process.exit(0));
    }
  });
  // Never outlive the benchmark.
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready", port: served.port, signingSecret: served.signingSecret, info: served.info ?? {} });
}
