import type { AreaRecord } from "../../db/import-store.js";
import { referenceKey } from "../../domain/reference/match.js";

export interface ResolvedPlace {
  /** The reference area the source's place names (by code or name), if any. */
  areaId: number | null;
  /** The source's place as written, when it names no reference area. */
  areaLabel: string | null;
}

/**
 * Matches a source's place to a reference area the way `/tf` matches `area:` (referenceKey folds case,
 * spaces, hyphens and underscores). Retired areas match too, since old records name old areas; an
 * active area wins when a retired one has the same name.
 */
export function createAreaResolver(areas: readonly AreaRecord[]): (place: string | null) => ResolvedPlace {
  const byKey = new Map<string, number>();
  const ordered = [...areas].sort((a, b) => Number(b.retired) - Number(a.retired) || b.id - a.id);
  for (const area of ordered) {
    // Later entries overwrite earlier ones: active areas come last, so they win.
    byKey.set(referenceKey(area.name), area.id);
    byKey.set(referenceKey(area.code), area.id);
  }
  const cache = new Map<string, ResolvedPlace>();
  const none: ResolvedPlace = { areaId: null, areaLabel: null };
  return (place) => {
    if (place === null) return none;
    let resolved = cache.get(place);
    if (resolved === undefined) {
      const areaId = byKey.get(referenceKey(place));
      resolved = areaId === undefined ? { areaId: null, areaLabel: place } : { areaId, areaLabel: null };
      if (cache.size >= 50_000) cache.clear();
      cache.set(place, resolved);
    }
    return resolved;
  };
}
