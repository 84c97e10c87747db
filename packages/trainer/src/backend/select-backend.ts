/**
 * Picks the tfjs backend for training in Node, fastest first:
 *
 *   tensorflow  @tensorflow/tfjs-node, native TensorFlow (an optional dependency: often absent)
 *   wasm        @tensorflow/tfjs-backend-wasm (XNNPACK, SIMD) plus this project's training kernels
 *   cpu         plain JavaScript, always there, ~200× slower than wasm on the policy network
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from './wasm-kernels.ts';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

export interface SelectedBackend {
  name: BackendName;
  /** One line for the user: what runs, and why not something faster. */
  detail: string;
}

/** The backend asked for cannot start; `reason` says why. */
export class BackendUnavailableError extends Error {
  constructor(readonly backend: BackendName, readonly reason: string) {
    super(`backend ${backend} is not available: ${reason}`);
    this.name = 'BackendUnavailableError';
  }
}

const require = createRequire(import.meta.url);

/**
 * Makes `choice` the active tfjs backend. 'auto' tries tensorflow, then wasm, then cpu, and
 * the detail names what was skipped and why; a named backend that cannot start throws
 * `BackendUnavailableError`.
 */
export async function selectBackend(choice: BackendChoice = 'auto'): Promise<SelectedBackend> {
  if (!BACKEND_CHOICES.includes(choice)) {
    throw new Error(`unknown backend ${JSON.stringify(choice)} (choose one of ${BACKEND_CHOICES.join(', ')})`);
  }
  if (choice !== 'auto') return start(choice);
  const skipped: string[] = [];
  for (const name of ['tensorflow', 'wasm'] as const) {
    try {
      const selected = await start(name);
      return { ...selected, detail: [selected.detail, ...skipped].join('; ') };
    } catch (e) {
      skipped.push(`${name} skipped: ${e instanceof BackendUnavailableError ? e.reason : (e as Error).message}`);
    }
  }
  const cpu = await start('cpu');
  return { ...cpu, detail: [cpu.detail, ...skipped].join('; ') };
}

async function start(name: BackendName): Promise<SelectedBackend> {
  switch (name) {
    case 'tensorflow': return startTensorflow();
    case 'wasm': return startWasm();
    case 'cpu':
      await activate('cpu');
      return { name, detail: 'cpu: plain JavaScript kernels (slow)' };
  }
}

async function activate(name: string): Promise<void> {
  if (!(await tf.setBackend(name))) throw new BackendUnavailableError(name as BackendName, 'tf.setBackend failed');
  await tf.ready();
}

async function startTensorflow(): Promise<SelectedBackend> {
  let version = '';
  try {
    // The package name is a variable so bundlers and type checking do not require the optional dependency.
    const moduleName = '@tensorflow/tfjs-node';
    const tfn = (await import(moduleName)) as { version?: Record<string, string> };
    version = tfn.version?.['tfjs-node'] ?? '';
  } catch (e) {
    throw new BackendUnavailableError('tensorflow', firstLine((e as Error).message ?? String(e)));
  }
  await activate('tensorflow');
  return { name: 'tensorflow', detail: `tensorflow: @tensorflow/tfjs-node ${version} (native TensorFlow)`.replace('  ', ' ') };
}

let wasmRegistered = false;

async function startWasm(): Promise<SelectedBackend> {
  let wasm: typeof import('@tensorflow/tfjs-backend-wasm');
  try {
    wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (!wasmRegistered) {
      // In Node the backend reads its .wasm binary from disk: point it at the package's dist/.
      const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
      wasm.setWasmPaths(`${dist}/`);
      wasmRegistered = true;
    }
    await withoutNewProcessHandlers(() => activate('wasm'));
  } catch (e) {
    throw new BackendUnavailableError('wasm', firstLine((e as Error).message ?? String(e)));
  }
  registerWasmTrainingKernels();
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  return {
    name: 'wasm',
    detail: `wasm: @tensorflow/tfjs-backend-wasm ${wasm.version_wasm}${simd ? ' SIMD' : ''}, 1 thread per replica, `
      + `c4 kernels ${WASM_TRAINING_KERNELS.join(', ')}`,
  };
}

/**
 * Runs `start`, then removes the 'uncaughtException' / 'unhandledRejection' listeners it
 * added. Emscripten's Node glue in tfjs-backend-wasm installs handlers that rethrow: any
 * unhandled rejection then ends the process with exit code 7 and a dump of the minified
 * wasm loader, instead of Node's usual behaviour and our CLIs' own error handling.
 */
async function withoutNewProcessHandlers(start: () => Promise<void>): Promise<void> {
  const uncaught = new Set(process.listeners('uncaughtException'));
  const unhandled = new Set(process.listeners('unhandledRejection'));
  try {
    await start();
  } finally {
    for (const l of process.listeners('uncaughtException')) if (!uncaught.has(l)) process.removeListener('uncaughtException', l);
    for (const l of process.listeners('unhandledRejection')) if (!unhandled.has(l)) process.removeListener('unhandledRejection', l);
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0].slice(0, 200);
}
