/**
 * Drives one tab of the app the way a person does — clicks on the canvas, keys — and reads
 * its state through the small `window.__c4` hooks (see packages/web/src/test-hooks.ts).
 */
import type { Page } from 'playwright-core';

export interface AppState {
  ready: boolean;
  busy: boolean;
  moves: string;
  mode: string;
  human: number;
  toMove: number;
  over: boolean;
  winner: number;
  status: string;
  teacherBusy: boolean;
}

export interface AppStats {
  backend: string | null;
  interactiveMs: number | null;
  modelMs: number | null;
  warmupMs: number | null;
  replyMs: number[];
  replies: { moves: string; col: number }[];
}

/** The page's globals as seen from page.evaluate (the test compiles without DOM types). */
interface PageGlobals {
  __c4: { state(): AppState; cellPoint(row: number, col: number): { x: number; y: number; cell: number } };
  __c4Stats: AppStats;
}

export class AppPage {
  constructor(readonly page: Page) {}

  /** Opens the app at `url` and waits until it accepts moves; returns the wall time that took. */
  async open(url: string): Promise<number> {
    const started = performance.now();
    await this.page.goto(url);
    await this.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__c4?.state().ready === true, null, { timeout: 30_000 });
    return performance.now() - started;
  }

  state(): Promise<AppState> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).__c4.state());
  }

  stats(): Promise<AppStats> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).__c4Stats);
  }

  /** The `pos` parameter of the address. */
  addressPosition(): string | null {
    return new URL(this.page.url()).searchParams.get('pos');
  }

  /** Waits until nothing moves and the network does not think: the person may act (or the game is over). */
  async settle(): Promise<AppState> {
    await this.page.waitForFunction(() => {
      const s = (globalThis as unknown as PageGlobals).__c4.state();
      return !s.busy && (s.over || s.mode === 'analysis' || s.toMove === s.human);
    }, null, { timeout: 20_000 });
    return this.state();
  }

  /** Centre of a cell on the page (`row` 0 = bottom) and the cell's side, in CSS pixels. */
  cellPoint(row: number, col: number): Promise<{ x: number; y: number; cell: number }> {
    return this.page.evaluate(([r, c]) => (globalThis as unknown as PageGlobals).__c4.cellPoint(r, c), [row, col] as const);
  }

  /** Clicks the canvas over column `col` (0-based), on its top cell. */
  async clickColumn(col: number): Promise<void> {
    const point = await this.cellPoint(5, col);
    await this.page.mouse.click(point.x, point.y);
  }

  /** Presses the key 1-7 of column `col` (0-based). */
  async pressColumn(col: number): Promise<void> {
    await this.page.keyboard.press(String(col + 1));
  }

  /** Text of the element with data-testid `id`. */
  async text(id: string): Promise<string> {
    return (await this.page.getByTestId(id).textContent()) ?? '';
  }
}
