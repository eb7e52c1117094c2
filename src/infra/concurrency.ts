/** Something the queue gives way to, e.g. requests still waiting for their acknowledgement. */
export interface Pressure {
  readonly busy: boolean;
  /** Calls `listener` each time the pressure goes from busy to not busy. */
  onIdle(listener: () => void): void;
}

export interface WorkQueueOptions {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks waiting at most; offer() refuses more. */
  maxWaiting: number;
  /** While busy, waiting tasks do not start (running ones go on)… */
  yieldTo?: Pressure;
  /** …unless they have waited this long: under sustained load the work must still progress. */
  maxDeferMs?: number;
  now?: () => number;
}

export interface WorkQueue {
  /** Queues the task; false (and the task is not run) when the queue is full. */
  offer(task: () => Promise<void>): boolean;
  readonly waiting: number;
  readonly running: number;
}

/**
 * Runs at most `concurrency` tasks at once, in arrival order. A task waits while `yieldTo` is busy,
 * for at most `maxDeferMs`. After a slash command is acknowledged its reply may take a moment, but
 * an ack must reach Slack within 3 s: so queued work gives way to requests not yet acknowledged,
 * and an unbounded pile of waiting commands (memory, hundreds of reply connections) is refused.
 * A task handles its own errors: a failure only frees its slot.
 */
export function workQueue(options: WorkQueueOptions): WorkQueue {
  const now = options.now ?? Date.now;
  const maxDeferMs = options.maxDeferMs ?? 1000;
  const waiting: Array<{ task: () => Promise<void>; queuedAt: number }> = [];
  let running = 0;
  let deferTimer: NodeJS.Timeout | undefined;

  let scheduled = false;
  /** Looks again after the event loop's next poll for I/O, so requests that came in go first. */
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  };
  // One task per turn of the event loop: a task's first steps (database reads on SQLite's
  // synchronous driver, rendering) run without a break, so starting eight at once held the
  // requests that arrived meanwhile for all eight.
  const pump = () => {
    const next = waiting[0];
    if (!next || running >= options.concurrency) return;
    const waited = now() - next.queuedAt;
    if (options.yieldTo?.busy && waited < maxDeferMs) {
      // Woken by the pressure going idle, or by this timer when the oldest task is due.
      if (!deferTimer) {
        deferTimer = setTimeout(() => {
          deferTimer = undefined;
          schedule();
        }, maxDeferMs - waited);
        deferTimer.unref();
      }
      return;
    }
    waiting.shift();
    running++;
    void next.task().then(settle, settle);
    if (waiting.length > 0) schedule();
  };
  const settle = () => {
    running--;
    schedule();
  };
  options.yieldTo?.onIdle(schedule);

  return {
    offer(task) {
      if (waiting.length >= options.maxWaiting) return false;
      waiting.push({ task, queuedAt: now() });
      schedule();
      return true;
    },
    get waiting() {
      return waiting.length;
    },
    get running() {
      return running;
    },
  };
}
