import { describe, expect, it } from "vitest";
import {
  renderTrendChart,
  svgToPng,
  type TrendChartInput,
  trendChartSvg,
  yScale,
} from "../../src/infra/charts/trend-chart.js";
import { ihdr, inkedPixels, pngSignature } from "../helpers/png.js";

const weeks = ["Jan 13", "Jan 20", "Jan 27", "Feb 3", "Feb 10", "Feb 17", "Feb 24", "Mar 3"];

const points = (values: number[]) => values.map((value, i) => ({ label: weeks[i] ?? `W${i}`, value }));

const twoSeries: TrendChartInput = {
  title: "Shooting incidents and victims, last 8 weeks",
  series: [
    { name: "Incidents", points: points([3, 5, 2, 6, 4, 7, 5, 2]) },
    { name: "Victims", points: points([4, 6, 2, 9, 5, 8, 7, 3]) },
  ],
};

const blank = (width: number, height: number) =>
  svgToPng(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#ffffff"/></svg>`,
  );

describe("renderTrendChart", () => {
  it("returns a PNG of 800 × 400 unless told otherwise", async () => {
    const png = await renderTrendChart(twoSeries);
    expect([...png.subarray(0, 8)]).toEqual(pngSignature);
    expect(ihdr(png)).toMatchObject({ width: 800, height: 400 });
  });

  it("returns a PNG of the requested size", async () => {
    const png = await renderTrendChart({ ...twoSeries, width: 640, height: 320 });
    expect([...png.subarray(0, 8)]).toEqual(pngSignature);
    expect(ihdr(png)).toMatchObject({ width: 640, height: 320 });
  });

  it("draws something: larger than a blank image of that size, with inked pixels", async () => {
    const png = await renderTrendChart(twoSeries);
    const empty = await blank(800, 400);
    expect(ihdr(empty)).toMatchObject({ width: 800, height: 400 });
    expect(inkedPixels(empty)).toBe(0);
    expect(png.length).toBeGreaterThan(empty.length * 3);
    expect(inkedPixels(png)).toBeGreaterThan(2000);
  });

  it("renders text with the bundled font", async () => {
    const text = await svgToPng(
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/><text x="10" y="28" font-size="20">Mar 3</text></svg>',
    );
    expect(inkedPixels(text)).toBeGreaterThan(50);

    const titled = await renderTrendChart(twoSeries);
    const untitled = await renderTrendChart({ ...twoSeries, title: "" });
    const retitled = await renderTrendChart({ ...twoSeries, title: "Stolen and recovered vehicles" });
    expect(titled.equals(untitled)).toBe(false);
    expect(titled.equals(retitled)).toBe(false);
    // The title sits in the top band; without one the legend moves up into it.
    const titleBand = { x0: 16, y0: 14, x1: 400, y1: 40 };
    expect(inkedPixels(titled, titleBand)).toBeGreaterThan(200);
    expect(inkedPixels(retitled, titleBand)).toBeGreaterThan(200);
  });

  it("renders 8 weeks × 2 series, a single series, and no data at all", async () => {
    for (const input of [
      twoSeries,
      { title: "Firearms seized", series: [{ name: "Firearms", points: points([1, 0, 2, 0, 0, 3, 1, 0]) }] },
      { title: "Nothing yet", series: [] },
      { title: "Nothing yet", series: [{ name: "Arrests", points: [] }] },
    ]) {
      const png = await renderTrendChart(input);
      expect([...png.subarray(0, 8)]).toEqual(pngSignature);
      expect(inkedPixels(png)).toBeGreaterThan(100);
    }
  });

  it("rejects sizes out of range and values that are not finite numbers", async () => {
    await expect(renderTrendChart({ ...twoSeries, width: 0 })).rejects.toThrow(RangeError);
    await expect(renderTrendChart({ ...twoSeries, height: 1e6 })).rejects.toThrow(RangeError);
    await expect(renderTrendChart({ ...twoSeries, width: 800.5 })).rejects.toThrow(RangeError);
    await expect(
      renderTrendChart({
        title: "x",
        series: [{ name: "a", points: [{ label: "Mar 3", value: Number.NaN }] }],
      }),
    ).rejects.toThrow(RangeError);
  });
});

describe("trendChartSvg", () => {
  it("draws a legend only when there is more than one series", () => {
    const two = trendChartSvg(twoSeries);
    expect(two).toContain(">Incidents</text>");
    expect(two).toContain(">Victims</text>");
    const one = trendChartSvg({ title: "Weekly", series: [twoSeries.series[0] ?? { name: "", points: [] }] });
    expect(one).not.toContain(">Incidents</text>");
    expect((one.match(/<path /g) ?? []).length).toBe(1);
    expect((two.match(/<path /g) ?? []).length).toBe(2);
  });

  it("labels every week under its point and starts the y axis at 0", () => {
    const svg = trendChartSvg(twoSeries);
    for (const week of weeks) expect(svg).toContain(`>${week}</text>`);
    expect(svg).toContain('text-anchor="end">0</text>');
    expect(svg).toContain('text-anchor="end">10</text>');
  });

  it("escapes text for XML and drops characters XML does not allow", () => {
    const svg = trendChartSvg({
      title: 'Seizures <A & B> "north"\u0007',
      series: [
        { name: "Cocaine & crack", points: points([1, 2]) },
        { name: "<script>", points: points([3, 4]) },
      ],
    });
    expect(svg).toContain(">Seizures &lt;A &amp; B&gt; &quot;north&quot;</text>");
    expect(svg).toContain(">Cocaine &amp; crack</text>");
    expect(svg).toContain(">&lt;script&gt;</text>");
    expect(svg).not.toContain("\u0007");
  });

  it('says "No data" when there are no points', () => {
    expect(trendChartSvg({ title: "t", series: [] })).toContain(">No data</text>");
  });
});

describe("yScale", () => {
  it("runs from 0 to a round number at or above the largest value", () => {
    expect(yScale([3, 5, 2, 6, 4, 7, 5, 2, 4, 6, 2, 9, 5, 8, 7, 3]).ticks).toEqual([0, 2, 4, 6, 8, 10]);
    expect(yScale([3, 0, 12, 6]).ticks).toEqual([0, 5, 10, 15]);
    expect(yScale([120, 480, 950]).ticks).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(yScale([0, 0, 0]).ticks).toEqual([0, 1]);
    expect(yScale([]).ticks).toEqual([0, 1]);
    expect(yScale([1]).ticks).toEqual([0, 1]);
  });

  it("uses fractional steps only for fractional data, and goes below 0 only for negative values", () => {
    expect(yScale([1.2, 0.4])).toEqual({
      min: 0,
      max: 1.25,
      step: 0.25,
      ticks: [0, 0.25, 0.5, 0.75, 1, 1.25],
      decimals: 2,
    });
    expect(yScale([-3, 7]).ticks).toEqual([-4, -2, 0, 2, 4, 6, 8]);
  });
});
