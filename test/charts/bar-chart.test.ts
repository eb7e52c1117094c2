import { describe, expect, it } from "vitest";
import { type BarChartInput, barChartSvg, renderBarChart } from "../../src/infra/charts/bar-chart.js";
import { ihdr, inkedPixels, pngSignature } from "../helpers/png.js";

const hotspots: BarChartInput = {
  title: "Hot spots: shooting incidents by area, last 28 days",
  subtitle: "As of 2025-03-10 (America/New_York) · against the 28 days before · preliminary",
  categories: ["Frog Hollow", "South End", "BRONX / precinct 9", "Downtown"],
  series: [
    { name: "Last 28 days", values: [3, 3, 2, 1] },
    { name: "28 days before", values: [1, 0, 0, 4] },
  ],
};

describe("renderBarChart", () => {
  it("returns a PNG of exactly 800 × 400 unless told otherwise, and of the size asked for", async () => {
    const png = await renderBarChart(hotspots);
    expect([...png.subarray(0, 8)]).toEqual(pngSignature);
    expect(ihdr(png)).toMatchObject({ width: 800, height: 400 });
    const sized = await renderBarChart({ ...hotspots, width: 640, height: 530 });
    expect([...sized.subarray(0, 8)]).toEqual(pngSignature);
    expect(ihdr(sized)).toMatchObject({ width: 640, height: 530 });
  });

  it("draws the figures: another input gives another picture, and bars ink the plot", async () => {
    const png = await renderBarChart(hotspots);
    const other = await renderBarChart({
      ...hotspots,
      series: [
        { name: "Last 28 days", values: [9, 3, 2, 1] },
        { name: "28 days before", values: [1, 0, 0, 4] },
      ],
    });
    expect(png.equals(other)).toBe(false);
    expect(inkedPixels(png)).toBeGreaterThan(5000);
  });

  it("renders no categories as a picture saying so", async () => {
    const empty = await renderBarChart({ title: "Hot spots", categories: [], series: [] });
    expect(ihdr(empty)).toMatchObject({ width: 800, height: 400 });
    expect(inkedPixels(empty)).toBeGreaterThan(100);
  });

  it("refuses sizes out of range, values that are not finite and series of the wrong length", async () => {
    await expect(renderBarChart({ ...hotspots, width: 100 })).rejects.toThrow(RangeError);
    await expect(renderBarChart({ ...hotspots, height: 150.5 })).rejects.toThrow(RangeError);
    await expect(
      renderBarChart({ ...hotspots, series: [{ name: "x", values: [1, Number.POSITIVE_INFINITY, 2, 3] }] }),
    ).rejects.toThrow(RangeError);
    await expect(renderBarChart({ ...hotspots, series: [{ name: "x", values: [1, 2] }] })).rejects.toThrow(
      "x has 2 values for 4 categories",
    );
  });
});

describe("barChartSvg", () => {
  it("labels each category, prints each bar's value, and names the series in a legend", () => {
    const svg = barChartSvg(hotspots);
    for (const label of hotspots.categories) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain(">Last 28 days</text>");
    expect(svg).toContain(">28 days before</text>");
    // Two bars per category, plus the two legend swatches and the background.
    expect((svg.match(/<rect /g) ?? []).length).toBe(1 + 2 + 8);
    const values = [...svg.matchAll(/<text [^>]*font-size="12" fill="#1f2328">(\d+)<\/text>/g)].map(
      (m) => m[1],
    );
    expect(values).toEqual(["3", "1", "3", "0", "2", "0", "1", "4"]);
    // Bar lengths are proportional to the values, from the same zero (the legend's swatches have rx).
    const bars = [
      ...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill/g),
    ].map((m) => ({ x: Number(m[1]), width: Number(m[2]) }));
    expect(new Set(bars.map((b) => b.x)).size).toBe(1);
    const unit = bars[1]?.width ?? 0;
    expect(bars.map((b) => Math.round((b.width / unit) * 100) / 100)).toEqual([3, 1, 3, 0, 2, 0, 1, 4]);
  });

  it("has no legend for one series, and shortens long names and escapes them for XML", () => {
    const svg = barChartSvg({
      title: "Hot spots",
      categories: ['A very long area name <with> "quotes" & more, far wider than a third of the chart'],
      series: [{ name: "Last 28 days", values: [2] }],
    });
    expect(svg).not.toContain(">Last 28 days</text>");
    expect(svg).toMatch(/>A very long area name &lt;with&gt; &quot;quotes&quot; &amp;[^<]*…<\/text>/);
  });

  it('says "No data" with no categories', () => {
    expect(barChartSvg({ title: "t", categories: [], series: [] })).toContain(">No data</text>");
  });
});
