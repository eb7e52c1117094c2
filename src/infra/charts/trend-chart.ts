/**
 * A weekly trend line chart as a PNG, for Slack: the chart is drawn as SVG here and rasterised by
 * resvg compiled to WebAssembly (@resvg/resvg-wasm). Nothing is native and nothing downloads at run
 * time, so it works after `npm ci --omit=dev --omit=optional` on any CPU: @resvg/resvg-js would
 * not, as it ships its binary as an optional dependency.
 *
 * resvg-wasm sees no system fonts, so the text uses Inter (SIL Open Font License 1.1), read from
 * the @expo-google-fonts/inter package and passed to every render.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { initWasm, Resvg } from "@resvg/resvg-wasm";

export interface TrendPoint {
  /** The x-axis label, e.g. the week's first day "Mar 3". */
  label: string;
  value: number;
}

export interface TrendSeries {
  /** Shown in the legend when there is more than one series. */
  name: string;
  points: readonly TrendPoint[];
}

export interface TrendChartInput {
  title: string;
  /** A smaller line under the title, e.g. "As of 2025-03-06 (America/Chicago) · preliminary". */
  subtitle?: string;
  series: readonly TrendSeries[];
  /** Pixels; 800 unless given (at least 200, at most 4000). */
  width?: number;
  /** Pixels; 400 unless given (at least 150, at most 4000). */
  height?: number;
}

const defaultWidth = 800;
const defaultHeight = 400;
export const fontFamily = "Inter";

// Tableau 10: distinct hues that stay apart for the common colour-vision deficiencies.
export const palette = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#9c755f",
];

export const ink = "#1f2328";
export const muted = "#57606a";
export const gridColour = "#e4e7eb";
export const axisColour = "#8c959f";

// --- Rasteriser: the wasm module and the fonts are loaded once per process and then reused. ---

interface Renderer {
  fonts: Uint8Array[];
}

let renderer: Promise<Renderer> | undefined;

async function loadRenderer(): Promise<Renderer> {
  const require = createRequire(import.meta.url);
  const [wasm, regular, semiBold] = await Promise.all([
    readFile(require.resolve("@resvg/resvg-wasm/index_bg.wasm")),
    readFile(require.resolve("@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf")),
    readFile(require.resolve("@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf")),
  ]);
  await initWasm(wasm);
  return { fonts: [new Uint8Array(regular), new Uint8Array(semiBold)] };
}

/** The shared renderer; a failed load is forgotten so the next chart tries again. */
function getRenderer(): Promise<Renderer> {
  if (!renderer) {
    renderer = loadRenderer().catch((error: unknown) => {
      renderer = undefined;
      throw error;
    });
  }
  return renderer;
}

/** Rasterises an SVG document to PNG with the bundled fonts (no system fonts are consulted). */
export async function svgToPng(svg: string): Promise<Buffer> {
  const { fonts } = await getRenderer();
  const resvg = new Resvg(svg, {
    font: { fontBuffers: fonts, loadSystemFonts: false, defaultFontFamily: fontFamily },
    shapeRendering: 2,
    textRendering: 1,
  });
  try {
    const image = resvg.render();
    try {
      return Buffer.from(image.asPng());
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

/** Renders the weekly trend chart described by `input` to a PNG of `width` × `height` pixels. */
export async function renderTrendChart(input: TrendChartInput): Promise<Buffer> {
  return svgToPng(trendChartSvg(input));
}

// --- Layout: pure functions from the input to an SVG document. ---

/** Characters XML 1.0 does not allow at all; dropped from labels rather than failing the chart. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove.
const forbiddenInXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(forbiddenInXml, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * An estimate of the width of `text` in Inter at `size` px, from per-class advance widths measured
 * with resvg (digits 0.58 em, lower case ~0.49, capitals ~0.62 ...), rounded up a little so labels
 * are spaced, truncated and thinned on the safe side.
 */
export function estimateTextWidth(text: string, size: number, bold = false): number {
  let ems = 0;
  for (const char of text) {
    if (/[iljtf.,:;'!|()[\] ]/.test(char)) ems += 0.3;
    else if (/[mwMW]/.test(char)) ems += 0.88;
    else if (/[0-9]/.test(char)) ems += 0.6;
    else if (/[A-Z]/.test(char)) ems += 0.66;
    else ems += 0.55;
  }
  return ems * size * (bold ? 1.06 : 1);
}

/** `text` shortened with "…" to fit `width` px. */
export function fitText(text: string, width: number, size: number, bold = false): string {
  if (estimateTextWidth(text, size, bold) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && estimateTextWidth(`${chars.join("")}…`, size, bold) > width) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}

export const round = (n: number) => Math.round(n * 100) / 100;

/** Decimals needed to print `step` and its multiples exactly (0 for whole steps, 1 for 2.5 ...). */
function decimalsFor(step: number): number {
  for (let decimals = 0; decimals < 10; decimals++) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return decimals;
  }
  return 10;
}

export function formatNumber(value: number, decimals: number): string {
  const [whole = "0", fraction] = Math.abs(value).toFixed(decimals).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = value < 0 && Number(Math.abs(value).toFixed(decimals)) !== 0 ? "-" : "";
  return `${sign}${grouped}${fraction ? `.${fraction}` : ""}`;
}

/** A value as printed beside its point: whole numbers exactly, others with up to 2 decimals. */
export function formatValue(value: number): string {
  if (Number.isInteger(value)) return formatNumber(value, 0);
  return formatNumber(value, 2).replace(/\.?0+$/, "");
}

export interface YScale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
  decimals: number;
}

/**
 * The y axis: from 0 (or below, if a value is negative) to a round number at or above the largest
 * value, in steps of 1, 2, 2.5 or 5 × 10ⁿ giving about five intervals. Whole-number data never
 * gets a fractional step (2.5 becomes 5). All zeros give 0 to 1.
 */
export function yScale(values: readonly number[]): YScale {
  const high = Math.max(0, ...values);
  const low = Math.min(0, ...values);
  const span = high - low || 1;
  const rough = span / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  let step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * power;
  // Whole-number data: no fractional steps (0.5 → 1, 2.5 → 5).
  if (values.every(Number.isInteger) && !Number.isInteger(step)) step = step < 1 ? 1 : step * 2;
  const min = Math.floor(low / step) * step;
  const max = Math.max(step, Math.ceil(high / step) * step);
  const ticks: number[] = [];
  const count = Math.round((max - min) / step);
  for (let i = 0; i <= count; i++) ticks.push(round(min + i * step));
  return { min, max, step, ticks, decimals: decimalsFor(step) };
}

/** The x-axis categories: every series' labels, in order of first appearance. */
function categoriesOf(series: readonly TrendSeries[]): string[] {
  const seen = new Set<string>();
  for (const s of series) for (const point of s.points) seen.add(point.label);
  return [...seen];
}

function requireSize(value: number, what: string, min: number): number {
  if (!Number.isInteger(value) || value < min || value > 4000) {
    throw new RangeError(`renderTrendChart: ${what} must be a whole number of pixels from ${min} to 4000`);
  }
  return value;
}

/**
 * The chart as an SVG document: a title (and optional subtitle); a legend when there is more than
 * one series; a y axis from 0 with gridlines; one line per series with a dot per point, and each
 * point's value printed above it when there is a single series; x labels under the points, thinned
 * to every 2nd, 3rd ... label, always keeping the latest, when they would not fit. With no points at
 * all it says "No data".
 */
export function trendChartSvg(input: TrendChartInput): string {
  const width = requireSize(input.width ?? defaultWidth, "width", 200);
  const height = requireSize(input.height ?? defaultHeight, "height", 150);
  for (const s of input.series) {
    for (const point of s.points) {
      if (!Number.isFinite(point.value)) {
        throw new RangeError(`renderTrendChart: ${s.name} at ${point.label} is not a finite number`);
      }
    }
  }

  const pad = 16;
  const titleSize = 20;
  const subtitleSize = 13;
  const legendSize = 13;
  const tickSize = 12;
  const valueSize = 12;
  const parts: string[] = [];
  const text = (x: number, y: number, content: string, attributes: string) =>
    parts.push(`<text x="${round(x)}" y="${round(y)}" ${attributes}>${escapeXml(content)}</text>`);

  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);

  // Title and subtitle.
  let top = pad;
  if (input.title.trim() !== "") {
    top += titleSize;
    const title = fitText(input.title.trim(), width - 2 * pad, titleSize, true);
    text(pad, top, title, `font-size="${titleSize}" font-weight="600" fill="${ink}"`);
    top += 6;
  }
  if (input.subtitle && input.subtitle.trim() !== "") {
    top += subtitleSize + 2;
    const subtitle = fitText(input.subtitle.trim(), width - 2 * pad, subtitleSize);
    text(pad, top, subtitle, `font-size="${subtitleSize}" fill="${muted}"`);
    top += 6;
  }

  // Legend, wrapping onto more rows when it is wider than the chart.
  const series = input.series;
  if (series.length > 1) {
    top += 8;
    let x = pad;
    let rowY = top + legendSize;
    series.forEach((s, index) => {
      const colour = palette[index % palette.length] ?? ink;
      const name = fitText(s.name, width / 2, legendSize);
      const itemWidth = 26 + estimateTextWidth(name, legendSize) + 18;
      if (x > pad && x + itemWidth > width - pad) {
        x = pad;
        rowY += legendSize + 8;
      }
      const midY = rowY - legendSize * 0.35;
      parts.push(
        `<line x1="${round(x)}" y1="${round(midY)}" x2="${round(x + 20)}" y2="${round(midY)}" stroke="${colour}" stroke-width="2.5"/>`,
        `<circle cx="${round(x + 10)}" cy="${round(midY)}" r="4" fill="${colour}" stroke="#ffffff" stroke-width="1.5"/>`,
      );
      text(x + 26, rowY, name, `font-size="${legendSize}" fill="${ink}"`);
      x += itemWidth;
    });
    top = rowY + 4;
  }

  const categories = categoriesOf(series);
  const values = series.flatMap((s) => s.points.map((p) => p.value));
  const scale = yScale(values);
  const tickLabels = scale.ticks.map((tick) => formatNumber(tick, scale.decimals));
  const labelWidth = Math.max(...tickLabels.map((label) => estimateTextWidth(label, tickSize)));

  const singleWithValues = series.length === 1 && categories.length <= 26;
  const plot = {
    left: pad + labelWidth + 8,
    right: width - pad,
    top: top + 12 + (singleWithValues ? valueSize : 0),
    bottom: height - pad - tickSize - 8,
  };
  if (plot.bottom - plot.top < 40) plot.top = plot.bottom - 40;
  const plotWidth = plot.right - plot.left;
  const plotHeight = plot.bottom - plot.top;
  const yOf = (value: number) => plot.bottom - ((value - scale.min) / (scale.max - scale.min)) * plotHeight;

  // Gridlines and y tick labels.
  scale.ticks.forEach((tick, index) => {
    const y = round(yOf(tick));
    const colour = tick === 0 ? axisColour : gridColour;
    parts.push(
      `<line x1="${plot.left}" y1="${y}" x2="${plot.right}" y2="${y}" stroke="${colour}" stroke-width="1"/>`,
    );
    text(
      plot.left - 8,
      y + tickSize * 0.35,
      tickLabels[index] ?? "",
      `font-size="${tickSize}" fill="${muted}" text-anchor="end"`,
    );
  });

  if (categories.length === 0) {
    text(
      plot.left + plotWidth / 2,
      plot.top + plotHeight / 2,
      "No data",
      `font-size="${legendSize}" fill="${muted}" text-anchor="middle"`,
    );
  } else {
    const slot = plotWidth / categories.length;
    const xOf = (index: number) => plot.left + slot * (index + 0.5);

    // X labels, thinned from the latest backwards when they would collide.
    const widest = Math.max(...categories.map((label) => estimateTextWidth(label, tickSize)));
    const every = Math.max(1, Math.ceil((widest + 10) / slot));
    categories.forEach((label, index) => {
      if ((categories.length - 1 - index) % every !== 0) return;
      const x = xOf(index);
      parts.push(
        `<line x1="${round(x)}" y1="${plot.bottom}" x2="${round(x)}" y2="${plot.bottom + 4}" stroke="${axisColour}" stroke-width="1"/>`,
      );
      text(
        x,
        plot.bottom + 8 + tickSize,
        label,
        `font-size="${tickSize}" fill="${muted}" text-anchor="middle"`,
      );
    });

    // One line per series, then its points on top.
    const indexOf = new Map(categories.map((label, index) => [label, index]));
    series.forEach((s, seriesIndex) => {
      const colour = palette[seriesIndex % palette.length] ?? ink;
      const points = s.points.map((p) => ({
        x: xOf(indexOf.get(p.label) ?? 0),
        y: yOf(p.value),
        value: p.value,
      }));
      if (points.length > 1) {
        const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${round(p.x)} ${round(p.y)}`).join(" ");
        parts.push(
          `<path d="${path}" fill="none" stroke="${colour}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>`,
        );
      }
      for (const p of points) {
        parts.push(
          `<circle cx="${round(p.x)}" cy="${round(p.y)}" r="4" fill="${colour}" stroke="#ffffff" stroke-width="1.5"/>`,
        );
        if (singleWithValues) {
          text(
            p.x,
            p.y - 9,
            formatValue(p.value),
            `font-size="${valueSize}" fill="${ink}" text-anchor="middle" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`,
          );
        }
      }
    });
  }

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${fontFamily}">`,
    ...parts,
    "</svg>",
  ].join("\n");
}
