import type { Db } from "../../db/client.js";
import { shootingsByArea } from "../../db/queries/hotspots.js";
import {
  compareHotspots,
  type HotspotWindows,
  hotspotWindows,
  ratePer10k,
} from "../../domain/compstat/hotspots.js";
import { type Change, change } from "../../domain/compstat/windows.js";
import type { TaskForceScope } from "../../domain/taskforce/task-force.js";
import type { LocalDate } from "../../domain/time/local-date.js";
import { reportCacheMs } from "./compstat.js";
import { reportCache } from "./report-cache.js";

/** One area in the ranking. */
export interface Hotspot {
  /** 1 for the most shootings; areas with equal counts take consecutive ranks in name order. */
  rank: number;
  /** The reference area's name, or the place name the source gave (an import's "BRONX / precinct 52"). */
  name: string;
  /** Null for a source's place name, which is not a reference area. */
  areaId: number | null;
  /** Shooting incidents in the last 28 days against the 28 days before. */
  shootings: Change;
  /** Residents as an admin set them; 0 when unknown. */
  population: number;
  /** Shootings in the last 28 days per 10,000 residents (hundredths), null when the population is unknown. */
  ratePer10k: number | null;
}

export interface HotspotReport {
  asOf: LocalDate;
  timeZone: string;
  windows: HotspotWindows;
  /** The top areas, most shootings first. */
  areas: Hotspot[];
  /** Areas with a shooting in either window that are not in `areas`. */
  moreAreas: number;
  /** Every shooting in each window, those in no area included. */
  total: Change;
  /** Shootings recorded with no area and no place name: counted in the total, in no area. */
  unplaced: Change;
}

export const defaultHotspotCount = 10;
export const maxHotspotCount = 25;

/**
 * Hot spots as of any date: shooting incidents per area over the 28 days ending on that date
 * (inclusive) against the 28 days before, counted in the database over the task force's local
 * dates, with the rate per 10,000 residents where an area's population is known.
 */
export function hotspotUseCases(deps: { db: Db; taskForce: TaskForceScope; now?: () => number }) {
  const { db, taskForce } = deps;
  const { timeZone } = taskForce;
  const cache = reportCache<HotspotReport>({ ttlMs: reportCacheMs, now: deps.now ?? Date.now });

  /** The `top` areas (10 unless asked, at most 25) as of `asOf`. */
  function hotspots(input: { asOf: LocalDate; top?: number }): Promise<HotspotReport> {
    const top = input.top ?? defaultHotspotCount;
    if (!Number.isInteger(top) || top < 1 || top > maxHotspotCount) {
      throw new RangeError(`hotspots: top must be a whole number from 1 to ${maxHotspotCount}, got ${top}`);
    }
    // No task force in the key: the cache belongs to one task force's instance of the use case.
    return cache.get(`${input.asOf}|${top}`, () => compute(input.asOf, top));
  }

  async function compute(asOf: LocalDate, top: number): Promise<HotspotReport> {
    const windows = hotspotWindows(asOf);
    const rows = await shootingsByArea(db, taskForce.id, windows);
    const sum = (pick: (r: (typeof rows)[number]) => number, of = rows) =>
      of.reduce((n, r) => n + pick(r), 0);
    const placed = rows.filter((r): r is typeof r & { name: string } => r.name !== null);
    const unplaced = rows.filter((r) => r.name === null);
    const ranked = placed.sort(compareHotspots);
    return {
      asOf,
      timeZone,
      windows,
      areas: ranked.slice(0, top).map((r, i) => ({
        rank: i + 1,
        name: r.name,
        areaId: r.areaId,
        shootings: change(r.current, r.prior),
        population: r.population,
        ratePer10k: ratePer10k(r.current, r.population),
      })),
      moreAreas: Math.max(0, ranked.length - top),
      total: change(
        sum((r) => r.current),
        sum((r) => r.prior),
      ),
      unplaced: change(
        sum((r) => r.current, unplaced),
        sum((r) => r.prior, unplaced),
      ),
    };
  }

  return { hotspots, invalidate: cache.clear };
}

export type HotspotUseCases = ReturnType<typeof hotspotUseCases>;
