/**
 * Line charts as a small hand-written SVG. A plotting library would be heavier than the
 * whole chart (the usual ones need a DOM or a native canvas, and none ships with the
 * workspace); a few polylines and axis ticks are all the report needs, and SVG opens in any
 * browser and diffs as text.
 */

export interface Series {
  name: string;
  color: string;
  /** [x, y] points; a null y breaks the line. */
  points: [number, number | null][];
  dashed?: boolean;
}

export interface Panel {
  title: string;
  xLabel: string;
  series: Series[];
  /** Fixed y range (e.g. [0, 1] for rates); by default the data's range, padded. */
  yRange?: [number, number];
  /** Format of y tick labels. */
  yFormat?: (y: number) => string;
}

const PANEL_WIDTH = 460;
const PANEL_HEIGHT = 300;
const MARGIN = { left: 52, right: 14, top: 30, bottom: 64 };

/** Panels laid out `columns` per row in one SVG document. */
export function renderPanels(panels: Panel[], columns = 2): string {
  const rows = Math.ceil(panels.length / columns);
  const width = PANEL_WIDTH * Math.min(columns, panels.length);
  const height = PANEL_HEIGHT * rows;
  const body = panels.map((panel, i) => renderPanel(panel, (i % columns) * PANEL_WIDTH, Math.floor(i / columns) * PANEL_HEIGHT));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

function renderPanel(panel: Panel, left: number, top: number): string {
  const plotW = PANEL_WIDTH - MARGIN.left - MARGIN.right;
  const plotH = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const x0 = left + MARGIN.left;
  const y0 = top + MARGIN.top;
  const points = panel.series.flatMap((s) => s.points);
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y).filter((y): y is number => y !== null && Number.isFinite(y));
  const [xMin, xMax] = range(xs, [0, 1]);
  const [yMin, yMax] = panel.yRange ?? padded(range(ys, [0, 1]));
  const sx = (x: number) => x0 + (xMax === xMin ? plotW / 2 : ((x - xMin) / (xMax - xMin)) * plotW);
  const sy = (y: number) => y0 + plotH - (yMax === yMin ? plotH / 2 : ((y - yMin) / (yMax - yMin)) * plotH);
  const yFormat = panel.yFormat ?? ((y: number) => formatNumber(y));
  const out: string[] = [`<g>`];
  out.push(`<text x="${left + PANEL_WIDTH / 2}" y="${top + 18}" text-anchor="middle" font-size="13" font-weight="bold">${escape(panel.title)}</text>`);
  out.push(`<rect x="${x0}" y="${y0}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  for (const y of ticks(yMin, yMax, 5)) {
    out.push(`<line x1="${x0}" x2="${x0 + plotW}" y1="${r(sy(y))}" y2="${r(sy(y))}" stroke="#eee"/>`);
    out.push(`<text x="${x0 - 4}" y="${r(sy(y)) + 4}" text-anchor="end">${escape(yFormat(y))}</text>`);
  }
  for (const x of ticks(xMin, xMax, 8).filter(Number.isInteger)) {
    out.push(`<text x="${r(sx(x))}" y="${y0 + plotH + 14}" text-anchor="middle">${x}</text>`);
  }
  out.push(`<text x="${x0 + plotW / 2}" y="${y0 + plotH + 30}" text-anchor="middle">${escape(panel.xLabel)}</text>`);
  for (const s of panel.series) out.push(...renderSeries(s, sx, sy));
  panel.series.forEach((s, i) => {
    const lx = x0 + (i % 3) * (plotW / 3);
    const ly = y0 + plotH + 46 + Math.floor(i / 3) * 14;
    out.push(`<line x1="${lx}" x2="${lx + 18}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4 3"' : ''}/>`);
    out.push(`<text x="${lx + 22}" y="${ly}">${escape(s.name)}</text>`);
  });
  out.push('</g>');
  return out.join('\n');
}

function renderSeries(s: Series, sx: (x: number) => number, sy: (y: number) => number): string[] {
  const out: string[] = [];
  const dash = s.dashed ? ' stroke-dasharray="4 3"' : '';
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1) out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${run.join(' ')}"/>`);
    run = [];
  };
  for (const [x, y] of s.points) {
    if (y === null || !Number.isFinite(y)) {
      flush();
      continue;
    }
    run.push(`${r(sx(x))},${r(sy(y))}`);
    out.push(`<circle cx="${r(sx(x))}" cy="${r(sy(y))}" r="2.2" fill="${s.color}"/>`);
  }
  flush();
  return out;
}

function range(values: number[], fallback: [number, number]): [number, number] {
  if (values.length === 0) return fallback;
  return [Math.min(...values), Math.max(...values)];
}

function padded([lo, hi]: [number, number]): [number, number] {
  const pad = hi > lo ? (hi - lo) * 0.08 : Math.abs(hi) * 0.1 || 1;
  return [lo - pad, hi + pad];
}

/** About `count` round tick values covering [lo, hi]. */
export function ticks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

function formatNumber(y: number): string {
  return Math.abs(y) >= 100 ? y.toFixed(0) : Number(y.toPrecision(3)).toString();
}

function r(v: number): number {
  return Math.round(v * 10) / 10;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
