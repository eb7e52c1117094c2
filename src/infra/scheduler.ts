import { schedule } from "node-cron";
import type { Logger } from "./logger.js";

export interface Scheduler {
  /** Stops ticking and waits for a tick in flight to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `tick(now)` at start (to catch up on anything missed while the bot was down) and then at
 * the top of every minute. Ticks never overlap; a failing tick is logged and the next one runs.
 * The tick itself decides what is due: this module only keeps time.
 */
export function startScheduler(
  tick: (now: Date) => Promise<void>,
  deps: { logger: Logger; clock?: () => Date },
): Scheduler {
  const clock = deps.clock ?? (() => new Date());
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    // A tick still running when the next minute comes is left to finish; the next tick catches up.
    if (stopped || running) return;
    running = tick(clock())
      .catch((error: unknown) => deps.logger.error({ err: error }, "scheduled tick failed"))
      .finally(() => {
        running = undefined;
      });
  };
  const task = schedule("* * * * *", run, { name: "digest-tick", noOverlap: true });
  run();
  return {
    async stop() {
      stopped = true;
      await task.stop();
      await running;
    },
  };
}
