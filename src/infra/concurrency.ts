/**
 * Runs at most `max` tasks at once; the rest wait their turn in arrival order. After a command is
 * acknowledged its work can wait a moment, but an unbounded pile of half-done commands holds
 * memory and opens hundreds of reply connections at once.
 */
export function concurrencyLimit(max: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
