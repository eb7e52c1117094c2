// Hands recordings to tests that wait for them: each waitFor takes the next item not yet handed out for its key.

export type WaitKind = "response" | "call";

export interface Waiters {
  /** A new item was appended to `list` (the items for `key`): give it to whoever waits for it. */
  deliver(kind: WaitKind, key: string, list: readonly unknown[], cursor: Map<string, number>): void;
  waitFor<T>(
    kind: WaitKind,
    key: string,
    list: readonly T[],
    cursor: Map<string, number>,
    timeoutMs: number,
  ): Promise<T>;
  /** Rejects every pending wait, e.g. when the server closes. */
  failAll(error: Error): void;
}

/** `seen` adds to the timeout's message what did arrive, so a failing test says what the bot did instead. */
export function createWaiters(seen: (kind: WaitKind) => string): Waiters {
  const waiters: {
    kind: WaitKind;
    key: string;
    deliver: (value: unknown) => void;
    fail: (e: Error) => void;
  }[] = [];

  return {
    deliver(kind, key, list, cursor) {
      const index = waiters.findIndex((w) => w.kind === kind && w.key === key);
      const waiter = waiters[index];
      if (!waiter) return;
      waiters.splice(index, 1);
      const taken = cursor.get(key) ?? 0;
      cursor.set(key, taken + 1);
      waiter.deliver(list[taken]);
    },
    waitFor<T>(
      kind: WaitKind,
      key: string,
      list: readonly T[],
      cursor: Map<string, number>,
      timeoutMs: number,
    ): Promise<T> {
      const taken = cursor.get(key) ?? 0;
      if (list.length > taken) {
        cursor.set(key, taken + 1);
        return Promise.resolve(list[taken] as T);
      }
      return new Promise<T>((resolve, reject) => {
        const waiter = {
          kind,
          key,
          deliver: (value: unknown) => {
            clearTimeout(timer);
            resolve(value as T);
          },
          fail: (error: Error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          const what = kind === "response" ? `post to response_url "${key}"` : `${key} call`;
          reject(new Error(`Slack emulator: no ${what} within ${timeoutMs} ms.${seen(kind)}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    failAll(error) {
      for (const waiter of waiters.splice(0)) waiter.fail(error);
    },
  };
}
