/**
 * Retakes packages/web/docs/screenshot.png: builds the app with the shipped model (or
 * C4_MODEL_DIR), opens a middle-game position, asks the teacher, points at a column, and
 * saves a small PNG of the page.
 *
 *   pnpm exec tsx test/browser/readme-screenshot.ts [--pos 4435523211]
 */
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppPage } from './app-page.ts';
import { buildApp, WEB_DIR } from './build-app.ts';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from './chromium.ts';
import { serveDirectory } from './static-server.ts';

const { values } = parseArgs({ options: { pos: { type: 'string', default: '4435523211' } } });
const pos = values.pos;
if (!/^[1-7]*$/.test(pos)) {
  console.error(`readme-screenshot: --pos must be a move string of digits 1-7 (got ${JSON.stringify(pos)})`);
  process.exit(2);
}
if (!chromiumAvailable()) {
  console.error(`readme-screenshot: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  process.exit(2);
}
const modelDir = process.env.C4_MODEL_DIR ?? join(WEB_DIR, '../../models/c4-policy');
if (!existsSync(join(modelDir, 'model.json'))) {
  console.error(`readme-screenshot: no model at ${modelDir} (set C4_MODEL_DIR)`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'c4-screenshot-'));
await buildApp(join(work, 'dist'), modelDir);
const server = await serveDirectory(join(work, 'dist'));
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 960, height: 660 });
  const app = new AppPage(page);
  await app.open(`${server.url}?pos=${pos}`);
  await page.keyboard.press('t');
  await page.getByTestId('teacher-summary').filter({ hasText: 'solved in' }).waitFor({ timeout: 120_000 });
  const state = await app.state();
  const col = [3, 2, 4, 1, 5, 0, 6].find((c) => pos.split('').filter((m) => Number(m) === c + 1).length < 6) ?? 3;
  const point = await app.cellPoint(2, col);
  await page.mouse.move(point.x, point.y);
  const target = join(WEB_DIR, 'docs/screenshot.png');
  const temp = `${target}.tmp`;
  await page.screenshot({ path: temp, type: 'png' });
  renameSync(temp, target);
  console.log(`wrote ${target} (position ${state.moves}, model ${modelDir})`);
} finally {
  await browser.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
