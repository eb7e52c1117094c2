import { describe, expect, it } from "vitest";
import { type Pressure, workQueue } from "../../src/infra/concurrency.js";

/** A pressure the test turns on and off. */
function switchablePressure() {
  const listeners: Array<() => void> = [];
  let busy = false;
  const pressure: Pressure = {
    get busy() {
      return busy;
    },
    onIdle: (listener) => void listeners.push(listener),
  };
  return {
    pressure,
    set(value: boolean) {
      busy = value;
      if (!value) for (const listener of listeners) listener();
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("workQueue", () => {
  it("runs at most `concurrency` tasks at once, in arrival order; a failed task frees its slot", async () => {
    const queue = workQueue({ concurrency: 2, maxWaiting: 10 });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const done = [0, 1, 2, 3, 4].map(
      (i) =>
        new Promise<void>((resolve) => {
          queue.offer(async () => {
            started.push(i);
            active++;
            peak = Math.max(peak, active);
            await gate;
            await tick();
            active--;
            resolve();
            if (i === 1) throw new Error("task 1 failed");
          });
        }),
    );
    await tick();
    expect([queue.running, queue.waiting, started]).toEqual([2, 3, [0, 1]]);
    release();
    await Promise.all(done);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect([queue.running, queue.waiting]).toEqual([0, 0]);
  });

  it("refuses a task beyond maxWaiting and does not run it", async () => {
    const queue = workQueue({ concurrency: 1, maxWaiting: 2 });
    const ran: string[] = [];
    const task = (name: string) => async () => {
      ran.push(name);
      await tick();
    };
    // Tasks start on the event loop's next turn, so all three offers meet a queue of two places.
    expect([queue.offer(task("a")), queue.offer(task("b")), queue.offer(task("c"))]).toEqual([
      true,
      true,
      false,
    ]);
    expect(queue.waiting).toBe(2);
    while (queue.running > 0 || queue.waiting > 0) await tick();
    expect(ran).toEqual(["a", "b"]);
  });

  it("holds waiting tasks while the pressure is busy and starts them when it goes idle", async () => {
    const { pressure, set } = switchablePressure();
    const queue = workQueue({ concurrency: 4, maxWaiting: 10, yieldTo: pressure, maxDeferMs: 60_000 });
    const ran: number[] = [];
    set(true);
    for (const i of [1, 2, 3]) queue.offer(async () => void ran.push(i));
    await tick();
    expect(ran).toEqual([]);
    expect(queue.waiting).toBe(3);
    set(false);
    await tick();
    expect(ran).toEqual([1, 2, 3]);
    expect(queue.waiting).toBe(0);
  });

  it("starts a task that has waited maxDeferMs even while the pressure stays busy", async () => {
    const { pressure, set } = switchablePressure();
    let clock = 0;
    const queue = workQueue({
      concurrency: 1,
      maxWaiting: 10,
      yieldTo: pressure,
      maxDeferMs: 20,
      now: () => clock,
    });
    const ran: string[] = [];
    set(true);
    queue.offer(async () => void ran.push("old"));
    clock = 19;
    await tick();
    expect(ran).toEqual([]);
    clock = 20;
    // The queue's own timer (20 ms of real time) wakes it; the clock says the task is due.
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(ran).toEqual(["old"]);
  });
});
