// Reads the PNGs the chart renderers make, with no image library: the IHDR chunk for the size and
// the inflated IDAT data for the pixels.
import { inflateSync } from "node:zlib";
import { expect } from "vitest";

export const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which must come first. */
export function ihdr(png: Buffer): { width: number; height: number; bitDepth: number; colourType: number } {
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
export function inkedPixels(png: Buffer, box?: { x0: number; y0: number; x1: number; y1: number }): number {
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
