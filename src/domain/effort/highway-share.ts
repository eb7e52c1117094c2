/**
 * "More enforcement without over-policing the neighbourhoods": the share of traffic stops made on
 * highway posts (areas of kind highway) rather than in neighbourhoods. The stop counts are summed
 * in the database; this is the arithmetic and wording beside them. Pure: no I/O.
 */
import { formatShare } from "../compstat/ratios.js";

/** Traffic stops by where they were made. */
export interface StopsByPlace {
  /** On an area whose kind is highway. */
  highway: number;
  /** On any other area. */
  neighborhood: number;
  /** On reports that name no area: counted, but in neither side of the share. */
  noArea: number;
}

export interface HighwayShare extends StopsByPlace {
  /** Every stop, with or without an area. */
  stops: number;
  /**
   * Highway stops as a percentage of the stops whose place is known (highway + neighbourhood),
   * unrounded; null when no stop had an area, so there is no share to state.
   */
  percent: number | null;
}

export function highwayShare(stops: StopsByPlace): HighwayShare {
  const placed = stops.highway + stops.neighborhood;
  return {
    ...stops,
    stops: placed + stops.noArea,
    percent: placed === 0 ? null : (stops.highway * 100) / placed,
  };
}

const grouped = new Intl.NumberFormat("en-US");
const stopsText = (n: number, what = "stop") => `${grouped.format(n)} ${what}${n === 1 ? "" : "s"}`;

/**
 * The figure as one line. Stops on reports that name no area are in neither side of the share
 * and are named apart:
 * - "75% on highway posts (9 of 12 stops)";
 * - "82% on highway posts (9 of 11 stops with an area; 1 stop with no area left out)";
 * - "n/a (no traffic stops)"; "n/a (3 traffic stops, none with an area)".
 */
export function describeHighwayShare(share: HighwayShare): string {
  if (share.stops === 0) return "n/a (no traffic stops)";
  if (share.percent === null) return `n/a (${stopsText(share.stops, "traffic stop")}, none with an area)`;
  const placed = share.highway + share.neighborhood;
  const of = `${grouped.format(share.highway)} of ${stopsText(placed)}`;
  return share.noArea === 0
    ? `${formatShare(share.percent)} on highway posts (${of})`
    : `${formatShare(share.percent)} on highway posts (${of} with an area; ${stopsText(share.noArea)} with no area left out)`;
}

/** The same, short, for a table cell or a unit's line: "75% (9 of 12)", "82% (9 of 11; 1 no area)", "n/a (no stops)". */
export function briefHighwayShare(share: HighwayShare): string {
  if (share.stops === 0) return "n/a (no stops)";
  if (share.percent === null) return `n/a (${stopsText(share.stops)}, no area)`;
  const of = `${grouped.format(share.highway)} of ${grouped.format(share.highway + share.neighborhood)}`;
  return `${formatShare(share.percent)} (${of}${share.noArea === 0 ? "" : `; ${grouped.format(share.noArea)} no area`})`;
}

/** The share in a window beside the same dates a year earlier. */
export interface ShareChange {
  current: HighwayShare;
  prior: HighwayShare;
  /** Percentage points from prior to current, unrounded; null when either has no share. */
  points: number | null;
}

export function shareChange(current: HighwayShare, prior: HighwayShare): ShareChange {
  const points = current.percent === null || prior.percent === null ? null : current.percent - prior.percent;
  return { current, prior, points: points === 0 ? 0 : points };
}
