/**
 * Computed reports shared for a short while by everyone who asks for the same one, as the
 * CompStat report is (see compstatUseCases): a briefing where fifty people ask at once then costs
 * one computation, not fifty scans holding SQLite's synchronous driver. Concurrent askers share
 * the one in flight; a failed computation is forgotten at once. Each cache lives inside one use
 * case instance, which serves one task force, so its keys leave the task force out: never share
 * one cache between instances.
 */
export function reportCache<Report>(options: { ttlMs: number; now: () => number; maxEntries?: number }) {
  const { ttlMs, now } = options;
  const maxEntries = options.maxEntries ?? 200;
  const entries = new Map<string, { at: number; report: Promise<Report> }>();

  function get(key: string, compute: () => Promise<Report>): Promise<Report> {
    const hit = entries.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.report;
    const report = compute();
    entries.set(key, { at: now(), report });
    report.catch(() => {
      if (entries.get(key)?.report === report) entries.delete(key);
    });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    return report;
  }

  /** Forgets every report: after a write that changes a figure. */
  function clear(): void {
    entries.clear();
  }

  return { get, clear };
}
