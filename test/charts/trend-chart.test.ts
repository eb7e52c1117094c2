import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  renderTrendChart,
  svgToPng,
  type TrendChartInput,
  trendChartSvg,
  yScale,
} from "../../src/infra/charts/trend-chart.js";

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const weeks = ["Jan 13", "Jan 20", "Jan 27", "Feb 3", "Feb 10", "Feb 17", "Feb 24", "Mar 3"];

const points = (values: number[]) => values.map((value, i) => ({ label: weeks[i] ?? `W${i}`, value }));

const twoSeries: TrendChartInput = {
  title: "Shooting incidents and victims, last 8 weeks",
  series: [
    { name: "Incidents", points: points([3, 5, 2, 6, 4, 7, 5, 2]) },
    { name: "Victims", points: points([4, 6, 2, 9, 5, 8, 7, 3]) },
  ],
};

/** Width and height from the IHDR chunk, which must come first. */
function ihdr(png: Buffer): { width: number; height: number; bitDepth: number; colourType: number } {
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    bitDepth: png.readUInt8(24),
    colourType: png.readUInt8(25),
  };
}

/** The pixels of an 8-bit RGB or RGBA, non-interlaced PNG, as RGBA rows. */
function decodePixels(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  const { width, height, bitDepth, colourType } = ihdr(png);
  expect(bitDepth).toBe(8);
  expect([2, 6]).toContain(colourType);
  expect(png.readUInt8(28)).toBe(0); // not interlaced
  const channels = colourType === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString("latin1");
    if (type === "IDAT") idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const byte = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= channels ? (out[y * stride + x - channels] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (out[(y - 1) * stride + x - channels] ?? 0) : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = Math.floor((a + b) / 2);
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = (byte + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = out[i * channels] ?? 0;
    rgba[i * 4 + 1] = out[i * channels + 1] ?? 0;
    rgba[i * 4 + 2] = out[i * channels + 2] ?? 0;
    rgba[i * 4 + 3] = channels === 4 ? (out[i * channels + 3] ?? 0) : 255;
  }
  return { width, height, rgba };
}

/** Pixels in the box that are visibly darker than white. */
function inkedPixels(png: Buffer, box?: { x0: number; y0: number; x1: number; y1: number }): number {
  const { width, height, rgba } = decodePixels(png);
  const { x0, y0, x1, y1 } = box ?? { x0: 0, y0: 0, x1: width, y1: height };
  let count = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * 4;
      const darkest = Math.min(rgba[i] ?? 255, rgba[i + 1] ?? 255, rgba[i + 2] ?? 255);
      if (darkest < 200) count++;
    }
  }
  return count;
}

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
