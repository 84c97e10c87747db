/**
 * Debian's Chromium (apt-get install chromium), driven by playwright-core: never a browser
 * downloaded by a test tool. A fresh profile per run; flags keep it quiet and offline.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium and returns once it is idle. A freshly started Chromium spends its first
 * seconds on its own UI (traced: its omnibox popup's WebUI renderer took about 2.6 s of CPU),
 * and on two cores a page loaded meanwhile became interactive 0.7–1 s later. A person's
 * browser is already running when they open the page, so the first load measured here is
 * the one of an empty cache in an idle browser.
 */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'c4-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1100, height: 760 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
  await waitUntilIdle();
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until Chromium's processes use under a tenth of a core (at most `timeoutMs`). */
async function waitUntilIdle(timeoutMs = 20_000): Promise<void> {
  let last = chromiumCpuSeconds();
  if (last === null) return sleep(3000); // no /proc: a pause long enough on the machines measured
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    await sleep(500);
    const now = chromiumCpuSeconds() ?? 0;
    if (now - last < 0.05) return;
    last = now;
  }
}

/** CPU seconds spent so far by every process named chromium (Linux /proc), or null without /proc. */
function chromiumCpuSeconds(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // the process has ended
    }
    const end = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, end) !== 'chromium') continue;
    const fields = stat.slice(end + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]); // utime and stime, fields 14 and 15 of proc(5)
  }
  return ticks / 100; // clock ticks: USER_HZ is 100 on Linux
}
