/**
 * A horizontal bar chart as a PNG, for Slack: categories down the side (area names read better
 * there than under columns), one bar per series in each, drawn in the trend chart's style and
 * rasterised by the same resvg WebAssembly renderer with the same bundled font.
 */
import {
  axisColour,
  escapeXml,
  estimateTextWidth,
  fitText,
  fontFamily,
  formatNumber,
  formatValue,
  gridColour,
  ink,
  muted,
  palette,
  round,
  svgToPng,
  yScale,
} from "./trend-chart.js";

export interface BarSeries {
  /** Shown in the legend when there is more than one series. */
  name: string;
  /** One value per category, in the categories' order. */
  values: readonly number[];
}

export interface BarChartInput {
  title: string;
  /** A smaller line under the title, e.g. "As of 2025-03-06 (America/Chicago) · preliminary". */
  subtitle?: string;
  /** The bars' labels, top to bottom. */
  categories: readonly string[];
  /** The first series is drawn first (uppermost) in each category, in the palette's first colour. */
  series: readonly BarSeries[];
  /** Pixels; 800 unless given (at least 200, at most 4000). */
  width?: number;
  /** Pixels; 400 unless given (at least 150, at most 4000). */
  height?: number;
}

const defaultWidth = 800;
const defaultHeight = 400;

/** Renders the bar chart described by `input` to a PNG of `width` × `height` pixels. */
export async function renderBarChart(input: BarChartInput): Promise<Buffer> {
  return svgToPng(barChartSvg(input));
}

function requireSize(value: number, what: string, min: number): number {
  if (!Number.isInteger(value) || value < min || value > 4000) {
    throw new RangeError(`renderBarChart: ${what} must be a whole number of pixels from ${min} to 4000`);
  }
  return value;
}

/**
 * The chart as an SVG document: a title (and optional subtitle); a legend when there is more than
 * one series; category labels on the left, shortened with "…" to at most a third of the width;
 * an x axis from 0 with gridlines; each bar's value at its end. With no categories it says
 * "No data".
 */
export function barChartSvg(input: BarChartInput): string {
  const width = requireSize(input.width ?? defaultWidth, "width", 200);
  const height = requireSize(input.height ?? defaultHeight, "height", 150);
  for (const s of input.series) {
    if (s.values.length !== input.categories.length) {
      throw new RangeError(
        `renderBarChart: ${s.name} has ${s.values.length} values for ${input.categories.length} categories`,
      );
    }
    for (const value of s.values) {
      if (!Number.isFinite(value))
        throw new RangeError(`renderBarChart: ${s.name} has a value that is not a finite number`);
    }
  }

  const pad = 16;
  const titleSize = 20;
  const subtitleSize = 13;
  const legendSize = 13;
  const labelSize = 13;
  const tickSize = 12;
  const valueSize = 12;
  const parts: string[] = [];
  const text = (x: number, y: number, content: string, attributes: string) =>
    parts.push(`<text x="${round(x)}" y="${round(y)}" ${attributes}>${escapeXml(content)}</text>`);

  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);

  let top = pad;
  if (input.title.trim() !== "") {
    top += titleSize;
    text(
      pad,
      top,
      fitText(input.title.trim(), width - 2 * pad, titleSize, true),
      `font-size="${titleSize}" font-weight="600" fill="${ink}"`,
    );
    top += 6;
  }
  if (input.subtitle && input.subtitle.trim() !== "") {
    top += subtitleSize + 2;
    text(
      pad,
      top,
      fitText(input.subtitle.trim(), width - 2 * pad, subtitleSize),
      `font-size="${subtitleSize}" fill="${muted}"`,
    );
    top += 6;
  }

  const { series, categories } = input;
  const colourOf = (index: number) => palette[index % palette.length] ?? ink;
  if (series.length > 1) {
    top += 8;
    let x = pad;
    let rowY = top + legendSize;
    series.forEach((s, index) => {
      const name = fitText(s.name, width / 2, legendSize);
      const itemWidth = 20 + estimateTextWidth(name, legendSize) + 18;
      if (x > pad && x + itemWidth > width - pad) {
        x = pad;
        rowY += legendSize + 8;
      }
      parts.push(
        `<rect x="${round(x)}" y="${round(rowY - legendSize * 0.8)}" width="14" height="${round(legendSize * 0.8)}" rx="2" fill="${colourOf(index)}"/>`,
      );
      text(x + 20, rowY, name, `font-size="${legendSize}" fill="${ink}"`);
      x += itemWidth;
    });
    top = rowY + 4;
  }

  const values = series.flatMap((s) => s.values);
  const scale = yScale(values);
  const labels = categories.map((label) => fitText(label, width / 3, labelSize));
  const labelWidth = Math.max(0, ...labels.map((label) => estimateTextWidth(label, labelSize)));
  const widestValue = Math.max(0, ...values.map((value) => estimateTextWidth(formatValue(value), valueSize)));
  const plot = {
    left: pad + labelWidth + 10,
    right: width - pad - widestValue - 8,
    top: top + 12,
    bottom: height - pad - tickSize - 8,
  };
  if (plot.bottom - plot.top < 40) plot.top = plot.bottom - 40;
  if (plot.right - plot.left < 40) plot.left = plot.right - 40;
  const plotWidth = plot.right - plot.left;
  const plotHeight = plot.bottom - plot.top;
  const xOf = (value: number) => plot.left + ((value - scale.min) / (scale.max - scale.min)) * plotWidth;

  // Vertical gridlines with the scale under the plot.
  for (const tick of scale.ticks) {
    const x = round(xOf(tick));
    const colour = tick === 0 ? axisColour : gridColour;
    parts.push(
      `<line x1="${x}" y1="${plot.top}" x2="${x}" y2="${plot.bottom}" stroke="${colour}" stroke-width="1"/>`,
    );
    text(
      x,
      plot.bottom + 8 + tickSize,
      formatNumber(tick, scale.decimals),
      `font-size="${tickSize}" fill="${muted}" text-anchor="middle"`,
    );
  }

  if (categories.length === 0 || series.length === 0) {
    text(
      plot.left + plotWidth / 2,
      plot.top + plotHeight / 2,
      "No data",
      `font-size="${legendSize}" fill="${muted}" text-anchor="middle"`,
    );
  } else {
    const band = plotHeight / categories.length;
    const barHeight = Math.min(28, (band * 0.72) / series.length);
    const groupHeight = barHeight * series.length;
    labels.forEach((label, c) => {
      const bandTop = plot.top + band * c;
      text(
        plot.left - 10,
        bandTop + band / 2 + labelSize * 0.35,
        label,
        `font-size="${labelSize}" fill="${ink}" text-anchor="end"`,
      );
      series.forEach((s, i) => {
        const value = s.values[c] ?? 0;
        const y = bandTop + (band - groupHeight) / 2 + barHeight * i;
        const [from, to] = [xOf(Math.min(0, value)), xOf(Math.max(0, value))];
        parts.push(
          `<rect x="${round(from)}" y="${round(y)}" width="${round(to - from)}" height="${round(barHeight - 1)}" fill="${colourOf(i)}"/>`,
        );
        if (barHeight >= 8) {
          text(
            to + 5,
            y + barHeight / 2 + Math.min(valueSize, barHeight) * 0.35,
            formatValue(value),
            `font-size="${Math.min(valueSize, Math.floor(barHeight))}" fill="${ink}"`,
          );
        }
      });
    });
  }

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${fontFamily}">`,
    ...parts,
    "</svg>",
  ].join("\n");
}
