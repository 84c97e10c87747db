/**
 * Builds @c4/web with Vite into `outDir`, with the model of `modelDir` (C4_MODEL_DIR), exactly
 * as `pnpm start` does apart from the output folder. Returns Vite's output, whose lines report
 * each file's size and gzip size, and the app's own one-line bundle summary.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('../../packages/web/', import.meta.url));

export interface BuildResult {
  ms: number;
  output: string;
  /** The "c4 bundle: …" line. */
  summary: string;
}

export async function buildApp(outDir: string, modelDir: string): Promise<BuildResult> {
  const vite = join(WEB_DIR, 'node_modules/vite/bin/vite.js');
  const started = performance.now();
  const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: WEB_DIR,
    env: { ...process.env, C4_MODEL_DIR: modelDir, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`vite build failed (exit ${code}):\n${output}`);
  const summary = output.split('\n').find((line) => line.startsWith('c4 bundle:')) ?? '(no bundle summary line)';
  return { ms: performance.now() - started, output, summary };
}
