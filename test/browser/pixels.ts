/**
 * Reads the colour of one pixel of the page as the user sees it, from a 1×1 screenshot. A PNG
 * of one pixel needs no real decoder: each PNG filter type reconstructs a lone pixel as its
 * raw bytes (every neighbour it would refer to is zero), so the pixel is the inflated image
 * data after its filter byte.
 */
import { inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';

export type Rgb = [number, number, number];

export async function pixelAt(page: Page, x: number, y: number): Promise<Rgb> {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 }, animations: 'allow' });
  const bitDepth = png[24];
  const colourType = png[25];
  if (bitDepth !== 8 || (colourType !== 2 && colourType !== 6)) throw new Error(`unexpected PNG format (depth ${bitDepth}, colour type ${colourType})`);
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const data = inflateSync(Buffer.concat(chunks));
  return [data[1], data[2], data[3]];
}

/** Colour `fill` at `alpha` over `background`. */
export function blend(fill: Rgb, background: Rgb, alpha: number): Rgb {
  return fill.map((v, i) => Math.round(alpha * v + (1 - alpha) * background[i])) as Rgb;
}

/** Index of the colour in `candidates` nearest to `colour`. */
export function nearest(colour: Rgb, candidates: readonly Rgb[]): number {
  const distance = (a: Rgb, b: Rgb) => a.reduce((sum, v, i) => sum + (v - b[i]) ** 2, 0);
  let best = 0;
  candidates.forEach((c, i) => {
    if (distance(colour, c) < distance(colour, candidates[best])) best = i;
  });
  return best;
}
