/**
 * The web app end to end, in real headless Chromium (Debian's package, driven by
 * playwright-core): build it with Vite, serve the build on localhost, play whole games by
 * clicking and by keyboard, check every network reply, undo, new game, the address, the
 * teacher, the missing-model fallback. Prints the figures the README quotes: time until the
 * board is interactive, the network's reply latency (inference only), the backend, the
 * bundle size.
 *
 * Without Chromium (/usr/bin/chromium or $CHROMIUM_PATH) the suite is skipped with a message,
 * unless C4_REQUIRE_BROWSER is set (CI), where that is a failure. C4_E2E_BACKEND picks the
 * tfjs backend (default: the app's own choice).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Game, makeRng, Position } from '@c4/engine';
import { createPolicyModel, DEFAULT_POLICY_CONFIG } from '@c4/engine/policy';
import { saveModel } from '@c4/engine/node';
import { Solver } from '@c4/minimax';
import { AppPage } from './browser/app-page.ts';
import { buildApp } from './browser/build-app.ts';
import type { BuildResult } from './browser/build-app.ts';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from './browser/chromium.ts';
import type { Browser } from './browser/chromium.ts';
import { humanMove } from './browser/human-player.ts';
import { blend, nearest, pixelAt } from './browser/pixels.ts';
import type { Rgb } from './browser/pixels.ts';
import { serveDirectory } from './browser/static-server.ts';
import type { StaticServer } from './browser/static-server.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SHIPPED_MODEL = join(REPO, 'models/c4-policy');
const ARTIFACTS = join(REPO, 'test-artifacts');
/** A full board without four in a row (checked below). */
const DRAWN_GAME = '117543424622642334372721136637657765514155';
/** A middle-game position the solver settles in under a second (scores of every kind). */
const TEACHER_POSITION = '4435523211';

/** The page background and the two players' disc colours (packages/web/src/players.ts). */
const BACKGROUND: Rgb = [0xf4, 0xf1, 0xe8];
const DISCS: Rgb[] = [[0xf6, 0xc9, 0x45], [0xb3, 0x26, 0x1e]];
/** Opacity of the pieces outside the winning four once the game is won. */
const DIMMED = 0.4;

const required = Boolean(process.env.C4_REQUIRE_BROWSER);
/** C4_E2E_BACKEND=webgl|wasm|cpu runs the app on that tfjs backend (`?backend=`), to compare latencies. */
const BACKEND_PARAM = process.env.C4_E2E_BACKEND ? `backend=${process.env.C4_E2E_BACKEND}&` : '';
const available = chromiumAvailable();
if (!available && !required) {
  console.warn(`browser end-to-end test SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH; C4_REQUIRE_BROWSER=1 makes this an error)`);
}

describe.skipIf(!available && !required)('the web app in headless Chromium', () => {
  let work: string;
  let build: BuildResult;
  let server: StaticServer;
  let browser: Browser;
  let modelNote: string;
  const interactive: { inPage: number; wall: number; modelMs: number | null; warmupMs: number | null }[] = [];
  const replyMs: number[] = [];
  let backend = '';
  let userAgent = '';

  beforeAll(async () => {
    if (!available) throw new Error(`C4_REQUIRE_BROWSER is set but there is no Chromium at ${CHROMIUM_PATH}`);
    work = mkdtempSync(join(tmpdir(), 'c4-web-e2e-'));
    let modelDir = SHIPPED_MODEL;
    modelNote = 'the shipped model (models/c4-policy)';
    if (!existsSync(join(SHIPPED_MODEL, 'model.json'))) {
      // Not the model: an untrained network of the same architecture, so latency is the real one.
      modelDir = join(work, 'dev-model');
      await saveModel(createPolicyModel(DEFAULT_POLICY_CONFIG), modelDir, { 'report.json': '{"untrained":true}' });
      modelNote = 'an untrained model of the default architecture (no models/c4-policy yet)';
    }
    build = await buildApp(join(work, 'dist'), modelDir);
    server = await serveDirectory(join(work, 'dist'));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
    if (interactive.length === 0) return;
    const sorted = [...replyMs].sort((a, b) => a - b);
    const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    const inPage = interactive.map((i) => i.inPage).sort((a, b) => a - b);
    const wall = interactive.map((i) => i.wall).sort((a, b) => a - b);
    console.log([
      `web e2e figures — ${userAgent}, ${modelNote}:`,
      `  build ${(build.ms / 1000).toFixed(1)} s; ${build.summary}`,
      `  backend: ${backend}`,
      `  interactive (navigation → board accepts moves, network loaded): first load ${interactive[0].inPage} ms ` +
        `(of which loading the model ${interactive[0].modelMs} ms, its first inference ${interactive[0].warmupMs} ms), ` +
        `median ${inPage[inPage.length >> 1]} ms over ${inPage.length} loads (test's wall clock: median ${Math.round(wall[wall.length >> 1])} ms)`,
      `  network reply latency (inference only): median ${quantile(0.5).toFixed(1)} ms, p95 ${quantile(0.95).toFixed(1)} ms over ${sorted.length} replies`,
    ].join('\n'));
  });

  /** Opens the app at `query` in a fresh tab and records how long it took to become interactive. */
  async function open(query: string, options: { reducedMotion?: boolean } = {}): Promise<AppPage> {
    const page = await browser.context.newPage();
    if (options.reducedMotion) await page.emulateMedia({ reducedMotion: 'reduce' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const app = new AppPage(page);
    const wall = await app.open(`${server.url}?${BACKEND_PARAM}${query.replace(/^\?/, '')}`);
    userAgent ||= await page.evaluate(() => (globalThis as unknown as { navigator: { userAgent: string } }).navigator.userAgent);
    const stats = await app.stats();
    interactive.push({ inPage: stats.interactiveMs ?? NaN, wall, modelMs: stats.modelMs, warmupMs: stats.warmupMs });
    expect(errors).toEqual([]);
    return app;
  }

  /** Checks every network reply of the game in `app` was legal and collects its latency. */
  async function checkReplies(app: AppPage, finalMoves: string): Promise<void> {
    const stats = await app.stats();
    backend = stats.backend ?? 'none';
    expect(stats.replies.length).toBeGreaterThan(0);
    for (const { moves, col } of stats.replies) {
      const position = Position.fromMoves(moves);
      expect(position.isOver()).toBe(false);
      expect(position.canPlay(col)).toBe(true);
      expect(finalMoves.startsWith(moves + String(col + 1))).toBe(true);
    }
    replyMs.push(...stats.replyMs);
  }

  /** Checks that the network's probabilities are shown above the board: one per column, summing to 100%. */
  async function expectPolicyShown(app: AppPage): Promise<void> {
    const labels = await Promise.all([0, 1, 2, 3, 4, 5, 6].map((c) => app.page.getByTestId(`policy-${c}`).getAttribute('aria-label')));
    const percents = labels.map((label) => Number(label?.match(/: (\d+)%/)?.[1] ?? (label?.includes('<1%') ? 0 : NaN)));
    expect(percents.every(Number.isFinite), labels.join(' | ')).toBe(true);
    const total = percents.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(96); // rounding of 7 numbers
    expect(total).toBeLessThanOrEqual(104);
  }

  /**
   * Checks what the canvas shows, pixel by pixel: each cell of the board of `moves` is empty,
   * yellow or red as it should be (a point of the disc between its edge and its marker).
   */
  async function expectBoardShows(app: AppPage, moves: string): Promise<void> {
    const game = Game.fromMoves(moves);
    const winning = new Set(game.winningCells().map(([r, c]) => `${r},${c}`));
    for (let row = 0; row < 6; row++) {
      for (let col = 0; col < 7; col++) {
        const alpha = winning.size === 0 || winning.has(`${row},${col}`) ? 1 : DIMMED;
        const { x, y, cell } = await app.cellPoint(row, col);
        const colour = await pixelAt(app.page, x + 0.3 * cell, y);
        const shown = nearest(colour, [BACKGROUND, ...DISCS.map((disc) => blend(disc, BACKGROUND, alpha))]);
        expect(shown, `cell row ${row} column ${col + 1} shows ${colour}`).toBe(game.position.cell(row, col));
      }
    }
  }

  it('plays a whole game by clicking: every reply legal, the address always current', async () => {
    const app = await open('?seed=1');
    expect(await app.text('status')).toContain('Your turn');
    await expectPolicyShown(app);
    const rng = makeRng(11);
    let state = await app.state();
    while (!state.over) {
      const before = state.moves;
      await app.clickColumn(humanMove(before, rng));
      state = await app.settle();
      expect(state.moves.length).toBeGreaterThan(before.length); // the click was taken
      expect(app.addressPosition()).toBe(state.moves);
      if (!state.over) await expectPolicyShown(app);
    }
    await checkReplies(app, state.moves);
    expect(state.status).toMatch(/win|Draw/);
    expect(await app.text('announcer')).toMatch(/win|Draw/);
    await expectBoardShows(app, state.moves);
    mkdirSync(ARTIFACTS, { recursive: true });
    await app.page.screenshot({ path: join(ARTIFACTS, 'finished-game.png') });
    await app.page.close();
  });

  it('plays a whole game by keyboard with the network starting, ignoring keys while a piece falls', async () => {
    const app = await open('?seed=2');
    await app.page.getByTestId('starter').selectOption('network');
    await app.page.getByTestId('board').focus();
    await app.page.keyboard.press('n');
    let state = await app.settle();
    expect(state.human).toBe(2);
    expect(state.moves).toHaveLength(1); // the network opened

    // Two keys in a row: the second arrives while the first piece falls and is ignored.
    const opening = state.moves;
    await app.pressColumn(3);
    await app.pressColumn(2);
    state = await app.settle();
    expect(state.moves).toHaveLength(3);
    expect(state.moves.slice(0, 2)).toBe(`${opening}4`);

    const rng = makeRng(12);
    let byArrows = false;
    let cursor = 2; // the board's keyboard cursor follows the last column key, even a refused one
    while (!state.over) {
      const col = humanMove(state.moves, rng);
      if (byArrows) {
        const right = (col - cursor + 7) % 7;
        for (let i = 0; i < Math.min(right, 7 - right); i++) await app.page.keyboard.press(right <= 3 ? 'ArrowRight' : 'ArrowLeft');
        await app.page.keyboard.press(right % 2 === 0 ? 'Enter' : 'ArrowDown');
      } else {
        await app.pressColumn(col);
      }
      cursor = col;
      byArrows = !byArrows;
      const before = state.moves;
      state = await app.settle();
      expect(state.moves.slice(0, before.length + 1)).toBe(before + String(col + 1));
    }
    await checkReplies(app, state.moves);
    expect(app.addressPosition()).toBe(state.moves);
    await app.page.close();
  });

  it('undo takes back the network’s reply too; new game empties board and address', async () => {
    const app = await open('?seed=3&pos=');
    await app.pressColumn(3);
    let state = await app.settle();
    await app.pressColumn(humanMove(state.moves, makeRng(1)));
    state = await app.settle();
    expect(state.moves).toHaveLength(4);
    await app.page.keyboard.press('u');
    state = await app.settle();
    expect(state.moves).toHaveLength(2);
    expect(app.addressPosition()).toBe(state.moves);
    await app.page.getByTestId('undo').click();
    state = await app.settle();
    expect(state.moves).toBe('');
    expect(await app.page.getByTestId('undo').isDisabled()).toBe(true);
    await app.pressColumn(0);
    await app.settle();
    await app.page.getByTestId('new-game').click();
    state = await app.settle();
    expect(state.moves).toBe('');
    expect(app.addressPosition()).toBe('');
    await app.page.close();
  });

  it('restores ?pos= and refuses a bad one with a message and an empty board', async () => {
    const app = await open('?pos=4453');
    let state = await app.state();
    expect(state.moves).toBe('4453');
    expect(state.human).toBe(1);
    expect(await app.page.getByTestId('notice').isHidden()).toBe(true);
    expect(await app.page.locator('#board-text').textContent()).toContain('Column 4, from the bottom: Yellow ◯, Red ✕.');

    await app.open(`${server.url}?pos=44x5`);
    state = await app.state();
    expect(state.moves).toBe('');
    expect(await app.text('notice')).toContain("move 3 ('x') is not a column 1-7");
    expect(app.addressPosition()).toBe('');
    await app.pressColumn(3); // still playable
    state = await app.settle();
    expect(state.moves.startsWith('4')).toBe(true);
    await app.page.close();
  });

  it('asks the teacher: the solver’s exact scores appear, computed in a worker', async () => {
    // The empty board is in the solver's opening book, fetched by the worker: instant, and the known values.
    const app = await open('?pos=');
    await app.page.keyboard.press('t');
    await app.page.getByTestId('teacher-summary').filter({ hasText: 'solved in' }).waitFor({ timeout: 20_000 });
    const opening = await Promise.all([0, 1, 2, 3, 4, 5, 6].map((c) => app.page.getByTestId(`teacher-${c}`).getAttribute('data-score')));
    expect(opening).toEqual(['-2', '-1', '0', '1', '0', '-1', '-2']);

    // Three stones are past the book and take the solver minutes: the page keeps running (its clock ticks) and Esc cancels.
    await app.open(`${server.url}?pos=444`);
    await app.page.keyboard.press('t');
    const summary = app.page.getByTestId('teacher-summary');
    await summary.filter({ hasText: /thinking… \d of 7 columns, [1-9]\.\d s/ }).waitFor({ timeout: 10_000 });
    expect((await app.state()).teacherBusy).toBe(true);
    await app.page.keyboard.press('Escape');
    await summary.filter({ hasText: 'Analysis cancelled.' }).waitFor({ timeout: 5_000 });
    expect((await app.state()).teacherBusy).toBe(false);

    await app.open(`${server.url}?pos=${TEACHER_POSITION}`);
    await app.page.keyboard.press('t');
    await app.page.getByTestId('teacher-summary').filter({ hasText: 'solved in' }).waitFor({ timeout: 60_000 });
    const shown = await Promise.all([0, 1, 2, 3, 4, 5, 6].map((c) => app.page.getByTestId(`teacher-${c}`).getAttribute('data-score')));
    const expected = new Solver({ ttLog2: 20 }).analyze(Position.fromMoves(TEACHER_POSITION));
    expect(shown).toEqual(expected.map((s) => (s === null ? 'full' : String(s))));

    // A new move makes the scores stale: they are cleared.
    await app.pressColumn(3);
    await app.settle();
    expect(await app.page.getByTestId('teacher-3').getAttribute('data-score')).toBeNull();
    await app.page.close();
  });

  it('two players (network off) play a drawn game to the end; a full column refuses politely', async () => {
    expect(Position.fromMoves(DRAWN_GAME).isDraw()).toBe(true);
    const app = await open('?pos=', { reducedMotion: true });
    await app.page.getByTestId('network-plays').uncheck();
    await app.page.getByTestId('board').focus();
    for (const ch of DRAWN_GAME) {
      await app.pressColumn(Number(ch) - 1);
      await app.settle();
    }
    const state = await app.settle();
    expect(state.moves).toBe(DRAWN_GAME);
    expect(state.status).toBe('Draw: the board is full.');

    await app.open(`${server.url}?pos=444444`);
    await app.page.getByTestId('network-plays').uncheck();
    await app.pressColumn(3);
    await app.settle();
    expect((await app.state()).moves).toBe('444444');
    expect(await app.text('status')).toBe('Column 4 is full: choose another one.');
    await app.page.close();
  });

  it('without a model it says so and still lets two people play', async () => {
    const app = await open('?model=missing/model.json');
    expect(await app.text('notice')).toContain('The network could not be loaded');
    expect(await app.page.getByTestId('network-plays').isDisabled()).toBe(true);
    await app.pressColumn(3);
    await app.settle();
    await app.pressColumn(2);
    const state = await app.settle();
    expect(state.mode).toBe('analysis');
    expect(state.moves).toBe('43'); // both moves by the person, none by a network
    await app.page.close();
  });
});
