/** mulberry32: a small deterministic PRNG, so every run benchmarks the same data. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

/**
 * Runs each subject once per round, in turn, and returns every subject's times (ms): interleaved,
 * so a machine busier in one stretch of the run weighs on every subject alike.
 */
export async function interleaved(
  subjects: Record<string, () => Promise<unknown>>,
  rounds: number,
): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
  for (let i = 0; i < rounds; i++)
    for (const [name, run] of Object.entries(subjects)) {
      const started = performance.now();
      await run();
      samples[name]?.push(performance.now() - started);
    }
  return samples;
}

export const round = (x: number, digits = 2) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export const withCommas = (x: number) => Math.round(x).toLocaleString("en-US");

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
