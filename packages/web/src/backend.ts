/**
 * Picks the TensorFlow.js backend the network runs on: WebGL where the browser has it in
 * hardware, else WebAssembly (its .wasm files are served by the app under `tfjs-wasm/`), else
 * plain JavaScript. `?backend=wasm` (or webgl, cpu) tries that one first.
 *
 * Only the WebAssembly backend is in the page's entry bundle; WebGL and CPU are imported
 * when tried. With them (and the rest of the `@tensorflow/tfjs` union) the page loaded 355.6
 * KiB gzip at start, without them 254.1, and it parses every byte before the board appears.
 */
import { tf } from '@c4/engine/policy';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { hasHardwareWebGL } from './gpu.ts';

export type BackendName = 'webgl' | 'wasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/** Folder, relative to the page, where the build puts tfjs-backend-wasm's .wasm files. */
export const WASM_DIR = 'tfjs-wasm/';

/** Backends not in the entry bundle: importing one registers it with tfjs. */
const LAZY_BACKENDS: Partial<Record<BackendName, () => Promise<unknown>>> = {
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

export function isBackendName(name: string | null): name is BackendName {
  return name !== null && (BACKEND_ORDER as readonly string[]).includes(name);
}

/** `preferred` first, then the default order. */
export function backendOrder(preferred: string | null): BackendName[] {
  return isBackendName(preferred) ? [preferred, ...BACKEND_ORDER.filter((b) => b !== preferred)] : [...BACKEND_ORDER];
}

/**
 * Activates the first backend that initialises — `preferred` (a URL parameter), then the
 * default order — and returns its name. A backend that fails (no WebGL context, .wasm not
 * fetchable) is skipped silently: the next one works. Software-only WebGL is skipped unless
 * asked for by name.
 */
export async function selectBackend(preferred: string | null, baseUrl: string): Promise<BackendName> {
  setWasmPaths(new URL(WASM_DIR, baseUrl).href);
  for (const name of backendOrder(preferred)) {
    try {
      if (name === 'webgl' && preferred !== 'webgl' && !hasHardwareWebGL()) continue;
      await LAZY_BACKENDS[name]?.();
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
    } catch {
      // try the next one
    }
  }
  throw new Error('no TensorFlow.js backend could be initialised');
}
