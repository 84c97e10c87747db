/**
 * Vite plugin: the files the app fetches at run time that are not imported by code —
 * tfjs-backend-wasm's .wasm binaries (under `tfjs-wasm/`) and the policy model (under
 * `model/`: model.json, its weight files, report.json). The dev server serves them from where
 * they lie; the build copies them into the output. The build ends with a one-line size summary.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;

const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
const MODEL_EXTRAS = ['report.json'];

interface AppAsset {
  /** Path in the app, relative to its base, e.g. `model/model.json`. */
  urlPath: string;
  file: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
};

function wasmAssets(): AppAsset[] {
  const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  return WASM_FILES.map((name) => ({ urlPath: `tfjs-wasm/${name}`, file: join(dist, name) }));
}

/** The model's files, or none if `modelDir` holds no model.json. */
function modelAssets(modelDir: string): AppAsset[] {
  const modelJson = join(modelDir, 'model.json');
  if (!existsSync(modelJson)) return [];
  const manifest = JSON.parse(readFileSync(modelJson, 'utf8')).weightsManifest as { paths: string[] }[];
  const names = ['model.json', ...manifest.flatMap((group) => group.paths), ...MODEL_EXTRAS.filter((n) => existsSync(join(modelDir, n)))];
  return names.map((name) => ({ urlPath: `model/${name}`, file: join(modelDir, name) }));
}

/** File names of the entry chunks and of every chunk they import statically, however deep. */
function startChunks(bundle: OutputBundle): Set<string> {
  const found = new Set<string>();
  const visit = (name: string) => {
    const item = bundle[name];
    if (found.has(name) || item?.type !== 'chunk') return;
    found.add(name);
    item.imports.forEach(visit);
  };
  for (const [name, item] of Object.entries(bundle)) if (item.type === 'chunk' && item.isEntry) visit(name);
  return found;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export function appAssetsPlugin(options: { modelDir: string }): Plugin {
  let base = '/';
  let written: OutputBundle | null = null;
  const assets = () => [...wasmAssets(), ...modelAssets(options.modelDir)];
  return {
    name: 'c4-app-assets',
    configResolved(config) {
      base = config.base.startsWith('/') ? config.base : '/';
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
        const asset = assets().find((a) => `${base}${a.urlPath}` === path);
        if (!asset || !existsSync(asset.file)) return next();
        const ext = asset.urlPath.slice(asset.urlPath.lastIndexOf('.'));
        res.setHeader('Content-Type', CONTENT_TYPES[ext] ?? 'application/octet-stream');
        res.setHeader('Content-Length', statSync(asset.file).size);
        createReadStream(asset.file).pipe(res);
      });
    },
    generateBundle() {
      const model = modelAssets(options.modelDir);
      if (model.length === 0) {
        this.warn(`no model at ${options.modelDir}: the app will say so and offer two-player play (set C4_MODEL_DIR to use another)`);
      }
      for (const asset of [...wasmAssets(), ...model]) {
        this.emitFile({ type: 'asset', fileName: asset.urlPath, source: readFileSync(asset.file) });
      }
    },
    writeBundle(_options, bundle) {
      written = bundle;
    },
    // After Vite's own table of file sizes, so the summary is the build's last word.
    closeBundle() {
      if (!written) return;
      const bundle = written;
      written = null;
      let code = 0;
      let gzip = 0;
      let startGzip = 0;
      let wasm = 0;
      let model = 0;
      const atStart = startChunks(bundle);
      for (const [name, item] of Object.entries(bundle)) {
        const bytes = item.type === 'chunk' ? Buffer.from(item.code) : Buffer.from(item.source);
        if (/\.(js|css|html)$/.test(name)) {
          const zipped = gzipSync(bytes).length;
          code += bytes.length;
          gzip += zipped;
          // What the page loads before anything is drawn: the entry chunk and the chunks it
          // imports statically, the CSS, the HTML.
          if (atStart.has(name) || /\.(css|html)$/.test(name)) startGzip += zipped;
        } else if (name.endsWith('.wasm')) {
          wasm += bytes.length;
        } else if (name.startsWith('model/')) {
          model += bytes.length;
        }
      }
      console.log(`c4 bundle: JS+CSS+HTML ${kib(code)}, gzip ${kib(gzip)} (loaded at start ${kib(startGzip)}, the rest on demand); tfjs wasm ${kib(wasm)} (3 variants, one is fetched); model ${model ? kib(model) : 'none'}`);
    },
  };
}
